/** The text helpers of the writer (./escape.ts) against the character-by-character and regular-expression versions they replace. */
import { cellText, textFlags, TEXT_FLAGS, xmlEscape } from '../../../../src/formats/xlsx/write/escape';

describe('text helpers', () => {
  test('cellText: clean text comes back as it is; the rest as before', () => {
    expect(cellText('Nguyễn Văn An')).toBe('Nguyễn Văn An');
    expect(cellText('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(cellText('x _x0041_')).toBe('x _x005F_x0041_');
    expect(cellText('\uDC00\uD83D\uDE00')).toBe('\uFFFD\uD83D\uDE00');
    expect(cellText('y'.repeat(40000))).toHaveLength(32767);
  });

  test('xmlEscape escapes markup and quotes, keeps TAB LF CR, drops other controls', () => {
    expect(xmlEscape(`<a href="x">'&'</a>\t\n\r\u0001\u007f`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\t\n\r');
    expect(xmlEscape('Trường')).toBe('Trường');
    expect(xmlEscape('Sở GD&ĐT & UBND <tỉnh>')).toBe('Sở GD&amp;ĐT &amp; UBND &lt;tỉnh&gt;');
    expect(xmlEscape('&')).toBe('&amp;');
    expect(xmlEscape('\u0001')).toBe('');
  });

  test('xmlEscape is the character-by-character escape on awkward texts', () => {
    const dropped = (c: string) => {
      const k = c.charCodeAt(0);
      return k === 0x7f || (k <= 0x1f && k !== 9 && k !== 10 && k !== 13);
    };
    const one = (c: string) => ({ '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' })[c] ?? (dropped(c) ? '' : c);
    const alphabet = ['a', 'ư', 'Đ', ' ', '&', '<', '>', '"', "'", '\t', '\n', '\r', '\u0001', '\u007f', '\u001f', 'GD&ĐT'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) % alphabet.length;
    for (let k = 0; k < 5000; k++) {
      let t = '';
      for (let i = k % 23; i > 0; i--) t += alphabet[next()];
      expect(xmlEscape(t)).toBe([...t].map(one).join(''));
    }
  });
});

describe('textFlags: one pass gives what the three tests of a text gave', () => {
  // The regular expressions the writer used before, kept here as the reference.
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  const NEEDS_CLEANING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]|_x[0-9A-Fa-f]{4}_/;
  // eslint-disable-next-line no-control-regex -- as ExcelJS
  const ESCAPE_TEST = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;
  const PRESERVE = /^\s|\n|\s$/;
  const PIECES = ['a', 'Đ', 'ễ', ' ', '\u00a0', '\u3000', '\ufeff', '\t', '\n', '\r', '\u000b', '\u0001', '\u007f', '<', '>', '&', "'", '"', '_', 'x', '0', 'F', 'g', '_x0041_', '_x00G1_', '_X0041_', '\ud83d\ude00', '\ud800', '\udc00', '\ufffe', '\uffff', '\u2028'];

  it('on 20,000 texts made of the awkward characters', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let k = 0; k < 20000; k++) {
      let s = '';
      const len = Math.floor(next() * 9);
      for (let j = 0; j < len; j++) s += PIECES[Math.floor(next() * PIECES.length)];
      const f = textFlags(s);
      expect({ s, escape: !!(f & TEXT_FLAGS.escape), preserve: !!(f & TEXT_FLAGS.preserve), cleaning: !!(f & TEXT_FLAGS.cleaning) }).toEqual({
        s,
        escape: ESCAPE_TEST.test(s),
        preserve: PRESERVE.test(s),
        cleaning: NEEDS_CLEANING.test(s),
      });
    }
  });

  it('a text over Excel’s 32,767 characters is one to clean (cut)', () => {
    expect(textFlags('a'.repeat(32768)) & TEXT_FLAGS.cleaning).toBeTruthy();
    expect(textFlags('a'.repeat(32767)) & TEXT_FLAGS.cleaning).toBeFalsy();
  });
});
