/**
 * The fast width and line estimates (one pass, widths by code unit) against the plain definition:
 * normalise to NFD, drop accents, add up base letters' widths, wrap word by word.
 */
import { estimateLines, textUnits, TIMES_WIDTHS } from '../../src/book/text-width';

// The metrics are the writer's; what is checked here is the way they are added up and wrapped.
const WIDTHS = TIMES_WIDTHS;

function refUnits(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text.normalize('NFD')) {
    const code = ch.charCodeAt(0);
    if (code >= 0x300 && code <= 0x36f) continue;
    const base = ch === 'đ' ? 'd' : ch === 'Đ' ? 'D' : ch;
    em += WIDTHS[base] ?? (base === base.toUpperCase() && base !== base.toLowerCase() ? 722 : 500);
  }
  return ((em / 1000) * size * (96 / 72) * (bold ? 1.06 : 1)) / 7;
}

function refLines(text: string, width: number, size: number, bold = false): number {
  const usable = Math.max(1, width - 0.8);
  const space = refUnits(' ', size, bold);
  let lines = 0;
  for (const part of text.split('\n')) {
    let line = 0;
    let count = 1;
    for (const word of part.split(/\s+/).filter(Boolean)) {
      const w = refUnits(word, size, bold);
      if (line > 0 && line + space + w > usable) {
        count++;
        line = w;
      } else line += (line > 0 ? space : 0) + w;
      while (line > usable) {
        count++;
        line -= usable;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

const SAMPLES = [
  '',
  ' ',
  '\n',
  'a\n',
  'Nguyễn Thị Thu Hằng',
  'Trường Tiểu học Nguyễn Bỉnh Khiêm, xã Đắk R’Moan, thành phố Gia Nghĩa',
  'Lỗi: Ngày sinh "31/02/1985" không có thật.\nCảnh báo: Trùng với dòng 12 của tệp khoi-3.xlsx',
  'ĐẶNG VĂN ĐỨC  \t  phó hiệu trưởng\u00a0kiêm\u2003tổ trưởng',
  'Nguye\u0302\u0303n (tổ hợp / combining) ﬁ ǅ 한국어 Ω',
  'emoji 😀 and a lone \ud800 surrogate \udc00 and 𝒳',
  'x'.repeat(300),
  'Một-từ-rất-dài-không-có-khoảng-trắng-nào-để-ngắt-dòng-cả-mà-vẫn-phải-xuống-dòng',
];

describe('text widths', () => {
  it.each(SAMPLES)('textUnits matches the NFD definition: %j', (s) => {
    for (const size of [11, 12, 13, 14]) for (const bold of [false, true]) expect(textUnits(s, size, bold)).toBe(refUnits(s, size, bold));
  });

  it.each(SAMPLES)('estimateLines matches word-by-word wrapping: %j', (s) => {
    for (const width of [3, 7.5, 12, 22, 38, 70]) {
      for (const bold of [false, true]) expect(estimateLines(s, width, 12, bold)).toBe(refLines(s, width, 12, bold));
    }
  });

  it('matches on random Vietnamese-like text', () => {
    const alphabet = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ ,.-/()\n\t0123456789';
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 500; k++) {
      let s = '';
      const len = rand(120);
      for (let i = 0; i < len; i++) s += alphabet[rand(alphabet.length)];
      const width = 4 + rand(60);
      expect(estimateLines(s, width, 12)).toBe(refLines(s, width, 12));
      expect(textUnits(s, 12, k % 2 === 0)).toBe(refUnits(s, 12, k % 2 === 0));
    }
  });
});
