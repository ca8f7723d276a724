/** `nfc` skips its work for plain text: that shortcut must never change a result. */
import { nfc } from '../../src/text/normalize';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

function reference(s: string): string {
  return s.normalize('NFC').replace(ZERO_WIDTH, '').replace(SPACES, ' ').trim();
}

/** The characters the shortcut accepts. */
function plainChars(): string[] {
  const out: string[] = [];
  const ranges: [number, number][] = [[0x21, 0x7e], [0xa1, 0x2ff], [0x1e00, 0x1eff], [0x2010, 0x2027], [0x2030, 0x205e]];
  for (const [a, b] of ranges) for (let cp = a; cp <= b; cp++) out.push(String.fromCharCode(cp));
  return out;
}

describe('nfc shortcut for plain text', () => {
  test('each accepted character is NFC alone and no two of them compose', () => {
    const chars = plainChars();
    const bad: string[] = [];
    for (const a of chars) {
      if (a.normalize('NFC') !== a) bad.push(a);
      for (const b of chars) {
        const ab = a + b;
        if (ab.normalize('NFC') !== ab) bad.push(ab);
      }
    }
    expect(bad).toEqual([]);
  });

  test('the same result as the full normalisation, plain or not', () => {
    const samples = [
      'Trường Tiểu học Nguyễn Bỉnh Khiêm',
      'Giáo viên',
      ' Giáo viên',
      'Giáo  viên',
      'Giáo viên ',
      'Giáo\u00a0viên',
      'Tr\u00ADêng',
      'e\u0301',
      'Ho\u200Bang',
      '',
      ' ',
      'H’ Bia Ayun',
      'Nguyễn Văn An'.normalize('NFD'),
      'a\tb',
      '\u2000x',
    ];
    for (const s of samples) expect([s, nfc(s)]).toEqual([s, reference(s)]);
  });
});
