/**
 * Text as the parts' XML holds it: a cell's text made storable (cellText), XML escaping as ExcelJS
 * did it, attributes, and the declaration and namespaces the parts open with. textFlags tells in
 * one pass what a text needs (escaping, xml:space="preserve", cleaning): the shared strings use it.
 * test/formats/xlsx/write/escape.test.ts checks them (textFlags against the three regular
 * expressions it replaces).
 */

/** Excel's limit on the characters of a cell. */
const MAX_CELL_TEXT = 32767;
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const NEEDS_CLEANING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]|_x[0-9A-Fa-f]{4}_/;

/**
 * Text as an xlsx cell can hold it: characters XML 1.0 forbids are dropped, "_x0041_"-like runs are
 * escaped (Excel would decode them), and the length is capped at Excel's limit.
 */
export function cellText(s: string): string {
  // Most text needs none of it: one scan instead of three replacements.
  if (!NEEDS_CLEANING.test(s)) return s.length > MAX_CELL_TEXT ? s.slice(0, MAX_CELL_TEXT) : s;
  let out = s
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  if (out.length > MAX_CELL_TEXT) out = out.slice(0, MAX_CELL_TEXT);
  return out;
}

// eslint-disable-next-line no-control-regex -- as ExcelJS: markup escaped, control characters dropped
const ESCAPE_TEST = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/** XML escaping as ExcelJS did it (apostrophes too; TAB, LF and CR kept; other controls dropped). */
export function xmlEscape(text: string): string {
  const m = ESCAPE_TEST.exec(text);
  if (!m) return text;
  // Runs between the characters to replace are copied whole (not character by character).
  let out = '';
  let from = 0;
  for (let i = m.index; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let rep: string;
    if (c === 34) rep = '&quot;';
    else if (c === 38) rep = '&amp;';
    else if (c === 39) rep = '&apos;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 127 || (c <= 31 && c !== 9 && c !== 10 && c !== 13)) rep = '';
    else continue;
    out += text.slice(from, i) + rep;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** ` name="value"`, the value escaped. */
export const attr = (name: string, value: string | number) => ` ${name}="${xmlEscape(String(value))}"`;

/** What writing a text takes, found in one pass (textFlags). */
export const F_ESCAPE = 1;
/** Leading or trailing white space, or a line break: xml:space="preserve". */
export const F_PRESERVE = 2;
/** cellText may change it (the NEEDS_CLEANING characters or runs, or too long). */
export const F_CLEANING = 4;
/** For tests. */
export const TEXT_FLAGS = { escape: F_ESCAPE, preserve: F_PRESERVE, cleaning: F_CLEANING } as const;

// eslint-disable-next-line no-control-regex -- control characters are among what is looked for
const ANY_SPECIAL = /[\u0000-\u001F\u007F<>&'"_\uD800-\uDFFF\uFFFE\uFFFF]/;

/** JavaScript's \s. */
function isJsSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * NEEDS_CLEANING, ESCAPE_TEST and /^\s|\n|\s$/ in one pass over the text: a long list's texts are
 * each looked at once, not three times.
 */
export function textFlags(s: string): number {
  const n = s.length;
  let f = n > MAX_CELL_TEXT ? F_CLEANING : 0;
  if (n > 0 && (isJsSpace(s.charCodeAt(0)) || isJsSpace(s.charCodeAt(n - 1)))) f |= F_PRESERVE;
  // Most texts hold none of the characters that matter: the regular-expression engine says so
  // faster than a loop can (it reads the text flat, a loop reads a slice of the file's text).
  if (!ANY_SPECIAL.test(s)) return f;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (c === 10) f |= F_PRESERVE;
      else if (c !== 9 && c !== 13) f |= F_ESCAPE | F_CLEANING;
    } else if (c < 0x7f) {
      if (c === 60 || c === 62 || c === 38 || c === 39 || c === 34) f |= F_ESCAPE;
      else if (c === 95 && i + 6 < n && s.charCodeAt(i + 1) === 120 && s.charCodeAt(i + 6) === 95) {
        if (isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3)) && isHex(s.charCodeAt(i + 4)) && isHex(s.charCodeAt(i + 5))) f |= F_CLEANING;
      }
    } else if (c === 0x7f) f |= F_ESCAPE;
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) f |= F_CLEANING;
  }
  return f;
}
