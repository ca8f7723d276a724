/**
 * The width and line estimates that size the written rows: known widths of Vietnamese text in
 * Times New Roman, and the properties a wrapping estimate must have (accents take no width, wider
 * columns never need more lines, longer text never fewer, bold is wider, a long word breaks).
 * Widths are in Excel column-width units (7 px each, Calibri 11's digit at 96 dpi).
 */
import { estimateLines, textUnits } from '../../src/book/text-width';
import { rng } from '../helpers/rng';

const PX = 7;
const NAME = 'Nguyễn Thị Thu Hằng';
const ACHIEVEMENT = 'Giáo viên dạy giỏi cấp tỉnh năm học 2023-2024; sáng kiến kinh nghiệm được công nhận cấp tỉnh; Chiến sĩ thi đua cơ sở.';

describe('known widths', () => {
  test('"Nguyễn Thị Thu Hằng" in Times New Roman 12 pt is 145.3 px wide', () => {
    // Times New Roman advances (1/1000 em, the same as Adobe's Times-Roman AFM): N 722, g u y n 500,
    // e a 444, T 611, h 500, i 278, H 722, space 250: 9,082/1000 em × 16 px (12 pt at 96 dpi).
    expect(textUnits(NAME, 12) * PX).toBeCloseTo(145.31, 2);
    expect(textUnits(NAME, 14) * PX).toBeCloseTo(169.53, 2);
  });

  test('single letters: "m" 778, "i" 278, "W" 944, space 250 thousandths of an em', () => {
    // At 12 pt an em is 16 px.
    expect(textUnits('m', 12) * PX).toBeCloseTo(12.448, 3);
    expect(textUnits('i', 12) * PX).toBeCloseTo(4.448, 3);
    expect(textUnits('W', 12) * PX).toBeCloseTo(15.104, 3);
    expect(textUnits(' ', 12) * PX).toBeCloseTo(4, 3);
  });

  test('empty text takes no width and one line', () => {
    expect(textUnits('', 12)).toBe(0);
    expect(estimateLines('', 10, 12)).toBe(1);
  });
});

describe('width properties', () => {
  test('accents and tone marks take no width; đ is as wide as d', () => {
    expect(textUnits(NAME, 12)).toBe(textUnits('Nguyen Thi Thu Hang', 12));
    expect(textUnits('Đắk R’Lấp', 12)).toBe(textUnits('Dak R’Lap', 12));
    expect(textUnits('ạ ắ ằ ẳ ẵ ặ ơ ư', 12)).toBe(textUnits('a a a a a a o u', 12));
  });

  test('NFD text is as wide as NFC text', () => {
    for (const s of [NAME, ACHIEVEMENT, 'Trường PTDTBT Tiểu học Lê Văn Tám', 'ĐIỂU THỊ LAN']) expect(textUnits(s.normalize('NFD'), 12)).toBeCloseTo(textUnits(s, 12), 9);
  });

  test('width grows in proportion to the font size', () => {
    for (const s of [NAME, ACHIEVEMENT]) {
      expect(textUnits(s, 14) / textUnits(s, 12)).toBeCloseTo(14 / 12, 9);
      expect(textUnits(s, 11) / textUnits(s, 13)).toBeCloseTo(11 / 13, 9);
    }
  });

  test('bold is wider than regular, by a few percent', () => {
    for (const s of [NAME, 'TỔNG CỘNG', 'Kết quả kiểm tra']) {
      const ratio = textUnits(s, 12, true) / textUnits(s, 12);
      expect(ratio).toBeGreaterThan(1.02);
      expect(ratio).toBeLessThan(1.15);
    }
  });

  test('capitals are wider than small letters', () => {
    expect(textUnits('TRƯỜNG TIỂU HỌC NGUYỄN BỈNH KHIÊM', 12)).toBeGreaterThan(textUnits('Trường Tiểu học Nguyễn Bỉnh Khiêm', 12) * 1.2);
  });

  test('the width of two texts together is the sum of their widths', () => {
    const next = rng(11);
    const words = ['Nguyễn', 'Thị', 'Hằng', 'Y', 'Khuê', 'Niê', 'H’', 'Ngăn', 'Byă', 'Đắk', 'R’Lấp', '2023-2024;', '(ghi rõ)', '😀', '한국어', '\t', ' '];
    for (let k = 0; k < 200; k++) {
      const a = Array.from({ length: 1 + Math.floor(next() * 6) }, () => words[Math.floor(next() * words.length)]).join(' ');
      const b = Array.from({ length: 1 + Math.floor(next() * 6) }, () => words[Math.floor(next() * words.length)]).join(' ');
      expect(textUnits(a + b, 12)).toBeCloseTo(textUnits(a, 12) + textUnits(b, 12), 9);
    }
  });

  test('a character outside the table (emoji, Hangul, a lone surrogate) counts once, as a plain letter', () => {
    expect(textUnits('😀', 12)).toBe(textUnits('x', 12));
    expect(textUnits('\ud800', 12)).toBe(textUnits('x', 12));
    expect(textUnits('a😀b', 12)).toBe(textUnits('axb', 12));
  });
});

describe('estimateLines', () => {
  test('a name fits on one line in a column a little wider than it, on two in a narrower one', () => {
    // 20.76 units wide: "Hằng" goes to a second line in a column of 21.5 (cell padding), not of 22.
    expect(estimateLines(NAME, 22, 12)).toBe(1);
    expect(estimateLines(NAME, 30, 12)).toBe(1);
    expect(estimateLines(NAME, 21.5, 12)).toBe(2);
    expect(estimateLines(NAME, 12, 12)).toBe(2);
    // In 6 (5.2 inside the padding): "Nguyễn" (7.2) is broken over two lines, then one word a line.
    expect(estimateLines(NAME, 6, 12)).toBe(5);
  });

  test('a word fits on one line in a column one unit wider than its width, not in one exactly as wide (padding)', () => {
    const words = ['Nguyễn', 'Hằng', 'Byă', 'ĐIỂU', 'R’Lấp', 'Nguye\u0302\u0303n', '2023-2024;', 'khoi-3.xlsx', 'ǅ', 'ﬁ', '😀😀', '한국어'];
    for (const w of words) {
      const width = textUnits(w, 12);
      expect({ w, lines: estimateLines(w, width + 1, 12) }).toEqual({ w, lines: 1 });
      expect({ w, lines: estimateLines(w, width, 12) }).toEqual({ w, lines: 2 });
      expect({ w, bold: estimateLines(w, textUnits(w, 12, true) + 1, 12, true) }).toEqual({ w, bold: 1 });
    }
  });

  test('words wrap whole: four words of 7.1 units at 12 pt', () => {
    // "mmmm" is 4 × 778 thousandths of an em = 7.11 units, a space 0.57.
    const s = 'mmmm mmmm mmmm mmmm';
    expect(estimateLines(s, 15, 12)).toBe(4); // one word a line
    expect(estimateLines(s, 16, 12)).toBe(2); // two
    expect(estimateLines(s, 24, 12)).toBe(2); // three, then one
    expect(estimateLines(s, 32, 12)).toBe(1);
  });

  test('a word wider than the column is broken over as many lines as it needs', () => {
    // 300 × "x" (500 thousandths of an em) = 342.9 units; a 12-wide column holds a little over 11.
    expect(estimateLines('x'.repeat(300), 12, 12)).toBe(31);
    expect(estimateLines('Một-từ-rất-dài-không-có-khoảng-trắng-nào-để-ngắt-dòng', 10, 12)).toBeGreaterThan(3);
  });

  test('line breaks start new lines; blank lines count', () => {
    const a = 'Lỗi: Ngày sinh "31/02/1985" không có thật.';
    const b = 'Cảnh báo: Trùng với dòng 12 của tệp khoi-3.xlsx';
    for (const w of [10, 20, 38, 70]) expect(estimateLines(`${a}\n${b}`, w, 12)).toBe(estimateLines(a, w, 12) + estimateLines(b, w, 12));
    expect(estimateLines('a\n\nb', 30, 12)).toBe(3);
    expect(estimateLines('\n\n', 30, 12)).toBe(3);
  });

  test('NBSP, tabs and typographic spaces break words like a space', () => {
    for (const sp of ['\u00a0', '\t', '\u2003', '  ']) expect(estimateLines(`Nguyễn${sp}Thị${sp}Thu${sp}Hằng`, 12, 12)).toBe(estimateLines(NAME, 12, 12));
  });

  test('an achievement summary: between its width over the column and one line per word', () => {
    const words = ACHIEVEMENT.split(' ').length;
    for (const w of [10, 20, 38, 60]) {
      const lines = estimateLines(ACHIEVEMENT, w, 12);
      expect(lines).toBeGreaterThanOrEqual(Math.ceil(textUnits(ACHIEVEMENT, 12) / w));
      expect(lines).toBeLessThanOrEqual(words);
    }
    expect(estimateLines(ACHIEVEMENT, 200, 12)).toBe(1);
  });

  test('a wider column never needs more lines; a bigger or bolder font never fewer', () => {
    for (const s of [NAME, ACHIEVEMENT, 'Trường Tiểu học Nguyễn Bỉnh Khiêm, xã Đắk R’Moan, thành phố Gia Nghĩa']) {
      let prev = Infinity;
      for (let w = 3; w <= 120; w += 0.5) {
        const lines = estimateLines(s, w, 12);
        expect(lines).toBeLessThanOrEqual(prev);
        prev = lines;
        expect(estimateLines(s, w, 14)).toBeGreaterThanOrEqual(lines);
        expect(estimateLines(s, w, 12, true)).toBeGreaterThanOrEqual(lines);
      }
    }
  });

  test('more words never take fewer lines', () => {
    const words = ACHIEVEMENT.split(' ');
    for (const w of [8, 15, 38]) {
      let prev = 0;
      for (let n = 1; n <= words.length; n++) {
        const lines = estimateLines(words.slice(0, n).join(' '), w, 12);
        expect(lines).toBeGreaterThanOrEqual(prev);
        prev = lines;
      }
    }
  });
});
