/**
 * isFooterText reads the folded text as codes (no string made): it must say what the plain
 * definition says, `${fold(text)} ` against the footer words and the date line.
 */
import { fold } from '../../src/text/normalize';
import { DATE_LINE, FOOTER, isFooterText } from '../../src/sheet/table';
import { rng } from '../helpers/rng';

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
});
