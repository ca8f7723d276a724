/**
 * isFooterText reads the folded text as codes (no string made): it must say what the plain
 * definition says, `${fold(text)} ` against the footer words and the date line. The date line was
 * this pattern, kept here as the definition (on short texts only: it backtracks cubically).
 */
import { fold } from '../../src/text/normalize';
import { FOOTER, isFooterText } from '../../src/sheet/table';
import { rng } from '../helpers/rng';

const DATE_LINE = /\bngay\b.*\bthang\b.*\bnam\b/;

function reference(text: string): boolean {
  const k = `${fold(text)} `;
  return DATE_LINE.test(k) || FOOTER.some((f) => k.startsWith(f));
}

describe('isFooterText', () => {
  const samples = [
    'Người lập biểu',
    'NGƯỜI TỔNG HỢP',
    'Thủ trưởng đơn vị',
    'Nơi nhận:',
    '- Nơi nhận',
    'TM. Ủy ban nhân dân',
    'TM',
    'TMX',
    'KT. GIÁM ĐỐC',
    'Tổng cộng: 15 người',
    'Tổng số',
    'Cộng danh sách có 12 người',
    'Danh sách này có 3 trang',
    'Ấn định',
    'Cư Jút, ngày 20 tháng 11 năm 2025',
    'ngày … tháng … năm …',
    'Ngày tháng năm',
    'Nguyễn Thị Ngày Tháng Năm',
    'ngayx thang nam',
    'thang ngay nam',
    'Nguyễn Văn An',
    'Trần Thị Thu Hương',
    '',
    '   ',
    'ṭm',
    'Đặng Văn Tổng',
    'Tông',
    'n g a y',
    'ngày\ntháng\nnăm',
    '漢字 ngày tháng năm',
    'Người lập\u200b biểu',
  ];

  test('known texts: footers, date lines, names', () => {
    for (const s of samples) expect({ s, got: isFooterText(s) }).toEqual({ s, got: reference(s) });
    expect(isFooterText('Cư Jút, ngày 20 tháng 11 năm 2025')).toBe(true);
    expect(isFooterText('Nguyễn Văn An')).toBe(false);
    expect(isFooterText('TM. Ủy ban nhân dân')).toBe(true);
    expect(isFooterText('TMX')).toBe(false);
  });

  test('random texts made of footer words, names and punctuation', () => {
    const words = ['ngày', 'tháng', 'năm', 'Người', 'lập', 'tổng', 'hợp', 'TM', 'KT', 'nơi', 'nhận', 'Nguyễn', 'Thị', 'danh', 'sách', 'này', 'cộng', 'số', 'ấn', 'định', 'xác', '2025', '.', ',', ':', '-', '…', 'ngayy', 'thangg'];
    const next = rng(7);
    for (let i = 0; i < 20000; i++) {
      const n = 1 + Math.floor(next() * 6);
      const parts: string[] = [];
      for (let j = 0; j < n; j++) parts.push(words[Math.floor(next() * words.length)]);
      const s = parts.join(next() < 0.2 ? '' : ' ');
      if (isFooterText(s) !== reference(s)) expect({ s, got: isFooterText(s) }).toEqual({ s, got: reference(s) });
    }
  });

  test('the same on texts that fold the slow way (a character the fold table does not hold)', () => {
    const words = ['ngày', 'tháng', 'năm', 'ngay_', '_nam', 'thang2', '中', '漢字', 'ø', 'ß', 'ﬁ', 'Người', 'lập', 'TM', '2025', '.', '\n', '…', 'ŋgay'];
    const next = rng(11);
    for (let i = 0; i < 20000; i++) {
      const n = 1 + Math.floor(next() * 7);
      const parts: string[] = next() < 0.5 ? ['中'] : [];
      for (let j = 0; j < n; j++) parts.push(words[Math.floor(next() * words.length)]);
      const s = parts.join(next() < 0.3 ? '' : ' ');
      if (isFooterText(s) !== reference(s)) expect({ s, got: isFooterText(s) }).toEqual({ s, got: reference(s) });
    }
  });

  // Each call reads its text once: 100,000 characters take milliseconds (the old pattern: hours).
  test.each([
    ['"ngày tháng " repeated, after a CJK character', `中 ${'ngày tháng '.repeat(9091)}`],
    ['"ngày tháng " repeated', 'ngày tháng '.repeat(9091)],
    ['"ngay" repeated, then a late "thang"', `中${'ngay '.repeat(20000)}thang`],
    ['one long word', `中${'a'.repeat(100_000)}`],
  ])('linear on 100,000 characters: %s', (_what, text) => {
    expect(text.length).toBeGreaterThanOrEqual(100_000);
    const t0 = performance.now();
    expect(isFooterText(text)).toBe(false);
    expect(isFooterText(`${text} ngày tháng năm`)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
