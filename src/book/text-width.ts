/**
 * How much room a text takes in Times New Roman, estimated deterministically (no font is loaded):
 * its width in column-width units, the lines it wraps to in a column, and the height of a row
 * that shows them. Line counts can also be given as data (LineSpec), so that another thread can
 * work them out.
 */

/**
 * Line counts as data: each column's width, whether it counts, the font size; `maxLines`, when
 * given, the lines a row grows to at most (its height is then specHeight's).
 */
export interface LineSpec {
  widths: number[];
  counted: boolean[];
  size: number;
  maxLines?: number;
}

/** The height of a row whose tallest cell takes `lines` under `spec` (up to its maxLines). */
export function specHeight(spec: LineSpec, lines: number): number {
  return roundHeight(lineHeight(Math.min(lines, spec.maxLines ?? lines), spec.size));
}

/** The lines `text` takes in column `col` under `spec` (1 in a column that does not count). */
export function specLines(spec: LineSpec, text: string, col: number): number {
  return spec.counted[col] ? estimateLines(text, spec.widths[col], spec.size) : 1;
}

/** Row heights are kept in quarter points. */
export function roundHeight(points: number): number {
  return Math.round(points * 4) / 4;
}

/** Times Roman advance widths (1/1000 em, the standard AFM metrics) of the base letters. */
export const TIMES_WIDTHS: Readonly<Record<string, number>> = (() => {
  const w: Record<string, number> = {};
  const set = (chars: string, width: number) => {
    for (const ch of chars) w[ch] = width;
  };
  set('bdghknopquvxy0123456789_', 500);
  set('ceaz', 444);
  set('fr-()', 333);
  set('ijlt:;/!', 278);
  set(' .,', 250);
  set('s', 389);
  set('m', 778);
  set('w', 722);
  set('ACDGHKNOQUVXY', 722);
  set('BR', 667);
  set('ELTZ', 611);
  set('FPS', 556);
  set('I', 333);
  set('J', 389);
  set('M', 889);
  set('W', 944);
  set('&', 778);
  set('…', 1000);
  set("'’", 333);
  set('"“”', 444);
  return w;
})();

/** Width of one code point in 1/1000 em: its base letter's (accents take none, "đ" is "d"). */
function pointEm(ch: string): number {
  let em = 0;
  for (const part of ch.normalize('NFD')) {
    const code = part.charCodeAt(0);
    if (code >= 0x300 && code <= 0x36f) continue; // combining accents take no width
    const base = part === 'đ' ? 'd' : part === 'Đ' ? 'D' : part;
    em += TIMES_WIDTHS[base] ?? (base === base.toUpperCase() && base !== base.toLowerCase() ? 722 : 500);
  }
  return em;
}

/**
 * Widths by UTF-16 code unit, worked out on first use: a 50,000-row list asks for millions of
 * characters' widths, and normalising every word each time cost seconds. -1: not yet known.
 */
const UNIT_EM = new Int16Array(0x10000).fill(-1);

function unitEm(code: number): number {
  let em = UNIT_EM[code];
  if (em < 0) em = UNIT_EM[code] = pointEm(String.fromCharCode(code));
  return em;
}

/** A surrogate pair (one astral code point) starts at text[i] and ends before `end`. */
function pairAt(text: string, i: number, end: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff || i + 1 >= end) return false;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

/** Width in 1/1000 em of text[from, to): per code unit, astral code points (pairs) as a whole. */
function spanEm(text: string, from: number, to: number): number {
  let em = 0;
  for (let i = from; i < to; i++) {
    if (pairAt(text, i, to)) {
      em += pointEm(text.slice(i, i + 2));
      i++;
      continue;
    }
    em += unitEm(text.charCodeAt(i));
  }
  return em;
}

/** 1/1000 em at `size` pt -> column-width units (7 px each, Calibri 11's digit). */
function emToUnits(em: number, size: number, bold: boolean): number {
  const px = (em / 1000) * size * (96 / 72) * (bold ? 1.06 : 1);
  return px / 7;
}

/** Width of a text in Times New Roman at `size` pt, in column-width units (7 px each, Calibri 11's digit). */
export function textUnits(text: string, size: number, bold = false): number {
  return emToUnits(spanEm(text, 0, text.length), size, bold);
}

/** JavaScript's \\s beyond ASCII: where words break too. */
function isWideSpace(code: number): boolean {
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Lines a text takes in a column span of `width` units at `size` pt: a deterministic estimate, so
 * wrapped rows get a height that shows them (LibreOffice does not grow rows by itself on opening,
 * nor does anyone for merged cells). One pass over the characters, no intermediate strings: it
 * runs for every cell of the list.
 */
export function estimateLines(text: string, width: number, size: number, bold = false): number {
  const usable = Math.max(1, width - 0.8);
  const space = textUnits(' ', size, bold);
  let lines = 0;
  // Per paragraph (split at "\n"), words wrap as the spreadsheet wraps them.
  let line = 0;
  let count = 1;
  let em = 0;
  let inWord = false;
  const n = text.length;
  // One more step than there are characters: the end of the text ends a paragraph, as "\n" does.
  for (let i = 0; i <= n; i++) {
    const code = i < n ? text.charCodeAt(i) : 10;
    // One table read per character: a width, UNKNOWN, or BREAK (this loop runs over every character of the list).
    const known = WORD_EM[code];
    if (known >= 0) {
      inWord = true;
      em += known;
      continue;
    }
    if (known === UNKNOWN) {
      inWord = true;
      if (code >= 0xd800 && code <= 0xdfff) {
        if (pairAt(text, i, n)) {
          em += pointEm(text.slice(i, i + 2));
          i++;
        } else em += unitEm(code);
        continue;
      }
      em += WORD_EM[code] = unitEm(code);
      continue;
    }
    if (inWord) {
      const w = emToUnits(em, size, bold);
      inWord = false;
      em = 0;
      if (line > 0 && line + space + w > usable) {
        count++;
        line = w;
      } else {
        line += (line > 0 ? space : 0) + w;
      }
      while (line > usable) {
        count++;
        line -= usable;
      }
    }
    if (code === 10) {
      lines += count;
      line = 0;
      count = 1;
    }
  }
  return Math.max(1, lines);
}

/** WORD_EM: a character whose width is not known yet (surrogates stay so: they are measured in pairs). */
const UNKNOWN = -1;
/** WORD_EM: a character a line may break at (white space, the wide spaces). */
const BREAK = -2;
/** By UTF-16 code unit, for estimateLines: its width in 1/1000 em (as unitEm), UNKNOWN or BREAK. */
const WORD_EM = new Int16Array(0x10000).fill(UNKNOWN);
for (let c = 0; c < 0x10000; c++) if (c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && isWideSpace(c))) WORD_EM[c] = BREAK;

/** Row height in points for a number of lines at a font size. */
export function lineHeight(lines: number, size: number): number {
  return Math.max(1, lines) * size * 1.3 + 3;
}
