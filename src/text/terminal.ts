/**
 * Text from a file made safe to print on a terminal: a cell or a sheet name can hold escape
 * sequences (clear the screen, move the cursor, retitle the window, hide text) and bidi controls
 * that reorder what is shown, so a crafted file could print a fake "0 lỗi". JSON needs none of
 * this: it escapes control characters itself, and stays faithful to the file.
 */

/**
 * Escape sequences, removed whole: CSI (ESC [ or U+009B, parameters, final byte); OSC, DCS, SOS, PM
 * and APC strings up to their terminator (BEL or ST); any other ESC with its intermediate and final
 * bytes. A string without its terminator loses only its introducer (the rest shows as plain text).
 * The string bodies stop at any ESC or C1 character, so the scan stays linear on hostile input.
 */
// eslint-disable-next-line no-control-regex
const SEQUENCE = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u0080-\u009f]*(?:\u0007|\u001b\\|\u009c)|\u001b[ -/]*[0-~]?/g;

/** Line breaks and tabs inside a value: a space, so a value cannot start a line of its own. */
const BREAK = /[\t-\r\u0085\u2028\u2029]/g;

/**
 * Every other control character (C0, DEL, C1) and the bidi controls (embeddings, overrides,
 * isolates, marks), removed: none belongs in a name or a cell's text.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// eslint-disable-next-line no-control-regex
const ANY = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * `text` with no escape sequence, control character or bidi control left: line breaks and tabs
 * become spaces (kept as they are with `keepLines`, for the tool's own multi-line messages).
 * Text with none of them is returned as it is (the usual case, one scan).
 */
export function terminalText(text: string, keepLines = false): string {
  if (!ANY.test(text)) return text;
  let s = text.replace(SEQUENCE, '');
  s = keepLines ? s.replace(/[\v\f\r\u0085\u2028\u2029]/g, ' ') : s.replace(BREAK, ' ');
  return s.replace(CONTROL, '');
}
