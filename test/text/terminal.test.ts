import { terminalText } from '../../src/text/terminal';

// Anything a terminal could act on: C0 but tab and newline, DEL, C1, bidi controls.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('terminalText', () => {
  test('plain text comes back as it is', () => {
    for (const s of ['', 'Nguyễn Thị Lan', 'Phòng GD&ĐT huyện Cư Jút · 3 người', '“0 lỗi” [x] ;:?']) expect(terminalText(s)).toBe(s);
  });

  test.each([
    ['CSI: clear screen, home, hide', 'Lan\u001b[2J\u001b[H0 lỗi\u001b[8m', 'Lan0 lỗi'],
    ['CSI with parameters and intermediates', 'a\u001b[38;5;196mb\u001b[0 qc', 'abc'],
    ['8-bit CSI', 'a\u009b31mb', 'ab'],
    ['OSC ended by BEL (window title)', 'DS\u001b]0;pwned\u0007x', 'DSx'],
    ['OSC ended by ST (hyperlink)', '\u001b]8;;http://evil\u001b\\bấm\u001b]8;;\u001b\\', 'bấm'],
    ['8-bit OSC ended by 8-bit ST', 'a\u009d0;t\u009cb', 'ab'],
    ['DCS, APC, PM, SOS strings', 'a\u001bPq#0\u001b\\b\u001b_x\u001b\\c\u001b^y\u001b\\d\u001bXz\u001b\\e', 'abcde'],
    ['unterminated OSC: only its introducer goes', 'a\u001b]0;title', 'a0;title'],
    ['other escapes (charset, keypad, reset)', 'a\u001b(0b\u001b=c\u001bcd', 'abcd'],
    ['a lone ESC at the end', 'abc\u001b', 'abc'],
    ['C0, DEL and C1 characters (NEL, a line break, as a space)', 'a\u0000b\u0007c\u0008d\u007fe\u0085f\u0090g\u009fh', 'abcde fgh'],
    ['bidi overrides, isolates, marks', '\u202Eabc\u202C \u2066x\u2069 \u200Fy\u200E\u061C', 'abc x y'],
    ['line breaks and tabs become spaces', 'Lan\nTổng cộng: 0 lỗi\r\n\tx\u2028y\u2029z\u000bw\u000cv', 'Lan Tổng cộng: 0 lỗi   x y z w v'],
  ])('%s', (_what, input, expected) => {
    const out = terminalText(input);
    expect(out).toBe(expected);
    expect(out).not.toMatch(UNSAFE);
  });

  test('keepLines keeps the tool’s own newlines and tabs, nothing else', () => {
    expect(terminalText('dòng 1\n\tdòng 2\r\n\u001b[31mđỏ\u202E', true)).toBe('dòng 1\n\tdòng 2 \nđỏ');
  });

  test('linear on hostile input: a million introducers without terminators', () => {
    const t0 = Date.now();
    for (const unit of ['\u001b]', '\u009d', '\u001bP', '\u001b[', '\u009b0']) {
      const out = terminalText(`${unit}x`.repeat(500_000));
      expect(out).not.toMatch(UNSAFE);
    }
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
