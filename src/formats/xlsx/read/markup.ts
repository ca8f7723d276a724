/**
 * What the worksheet scanner (./sheet-scanner.ts) reads markup with, without allocating: the
 * character codes it compares, a cursor over a start tag's attributes, runs of digits, and A1
 * cell references. Everything works on a range [from, to) of the document text, never on a slice
 * of it: a 50,000-row sheet has millions of attributes, and a string for each would be garbage.
 */
import { decodeEntities } from './xml';

// Character codes of markup.
export const CH_TAB = 9;
export const CH_LF = 10;
export const CH_CR = 13;
export const CH_SPACE = 32;
export const CH_BANG = 33; // <!
export const CH_DQUOTE = 34;
export const CH_DOLLAR = 36; // $A$1
export const CH_SQUOTE = 39;
export const CH_SLASH = 47;
export const CH_0 = 48;
export const CH_9 = 57;
export const CH_COLON = 58; // a namespace prefix's end
export const CH_LT = 60;
export const CH_EQUALS = 61;
export const CH_GT = 62;
export const CH_QUESTION = 63; // <?
export const CH_UPPER_A = 65;
export const CH_UPPER_Z = 90;
export const CH_LOWER_A = 97;
export const CH_LOWER_Z = 122;

export function isSpace(c: number): boolean {
  return c === CH_SPACE || c === CH_LF || c === CH_CR || c === CH_TAB;
}

/**
 * Walks a start tag's attributes without allocating: each next() moves to one attribute and sets
 * the ranges of its name and value. `gt` is the tag's closing `>` once next() is false (-1 when the
 * document ends inside the tag).
 */
export class AttrCursor {
  i = 0;
  /** Name start, local-name start (after any prefix), name end, value start and end. */
  ns = 0;
  ls = 0;
  ne = 0;
  vs = 0;
  ve = 0;
  gt = -1;
  selfClosing = false;
  /** The text scanned; the scanner moves it on when the sheet comes in pieces. */
  constructor(public x: string) {}

  start(from: number): void {
    this.i = from;
    this.gt = -1;
    this.selfClosing = false;
  }

  next(): boolean {
    const x = this.x;
    const n = x.length;
    let i = this.i;
    let c = 0;
    for (;;) {
      if (i >= n) {
        this.gt = -1;
        this.i = n;
        return false;
      }
      c = x.charCodeAt(i);
      if (c === CH_GT) {
        this.gt = i;
        this.selfClosing = x.charCodeAt(i - 1) === CH_SLASH;
        this.i = i;
        return false;
      }
      if (c === CH_LT) {
        // Unclosed tag: it ends where the next one starts.
        this.gt = i - 1;
        this.selfClosing = false;
        this.i = i;
        return false;
      }
      if (isSpace(c) || c === CH_SLASH) i++;
      else break;
    }
    this.ns = this.ls = i;
    while (i < n) {
      c = x.charCodeAt(i);
      if (c === CH_EQUALS || c === CH_GT || c === CH_SLASH || c === CH_LT || isSpace(c)) break;
      if (c === CH_COLON) this.ls = i + 1;
      i++;
    }
    this.ne = i;
    while (i < n && isSpace(x.charCodeAt(i))) i++;
    if (x.charCodeAt(i) !== CH_EQUALS) {
      this.vs = this.ve = i;
      this.i = i;
      return true;
    }
    i++;
    while (i < n && isSpace(x.charCodeAt(i))) i++;
    c = x.charCodeAt(i);
    if (c === CH_DQUOTE || c === CH_SQUOTE) {
      const e = x.indexOf(c === CH_DQUOTE ? '"' : "'", i + 1);
      if (e < 0) {
        this.gt = -1;
        this.i = n;
        return false;
      }
      this.vs = i + 1;
      this.ve = e;
      i = e + 1;
    } else {
      this.vs = i;
      while (i < n) {
        c = x.charCodeAt(i);
        if (c === CH_GT || isSpace(c)) break;
        i++;
      }
      this.ve = i;
    }
    this.i = i;
    return true;
  }

  /** The local name is exactly the one character `ch`. */
  is1(ch: number): boolean {
    return this.ne - this.ls === 1 && this.x.charCodeAt(this.ls) === ch;
  }

  isName(name: string): boolean {
    return this.ne - this.ls === name.length && this.x.startsWith(name, this.ls);
  }

  value(): string {
    return decodeEntities(this.x.slice(this.vs, this.ve));
  }

  /** Non-negative integer value, or -1. */
  int(): number {
    let v = 0;
    let k = this.vs;
    const end = this.ve;
    if (k >= end) return -1;
    for (; k < end; k++) {
      const c = this.x.charCodeAt(k);
      if (c < CH_0 || c > CH_9) return -1;
      v = v * 10 + (c - CH_0);
      if (v > 1e12) return -1;
    }
    return v;
  }
}

/**
 * A run of 1–15 ASCII digits (a shared-string index or a plain integer) as a number, else -1.
 * Read in place, it spares the common cell's value a string and a Number() of it.
 */
export function digitsValue(x: string, from: number, to: number): number {
  const len = to - from;
  if (len < 1 || len > 15) return -1;
  let v = 0;
  for (let k = from; k < to; k++) {
    const c = x.charCodeAt(k);
    if (c < CH_0 || c > CH_9) return -1;
    v = v * 10 + (c - CH_0);
  }
  return v;
}

/** A cell reference read by scanCellRef: 0-based row and column, -1 where absent or unusable. */
export class CellRef {
  row = -1;
  col = -1;
}

/**
 * Reads "AB12" (or "$AB$12", any letter case) in x[from, to) into `out`; the column or the row may
 * be absent. Trailing junk, more than 7 letters or 9 digits, or row 0 make the part unusable (-1).
 * The fast twin of the core's columnIndex (src/sheet/grid.ts) plus the row number: it reads the
 * document in place, where a slice and a regular expression per cell would cost a string and a
 * match for each of a sheet's cells (the scan of a 50,000-row sheet ~60% longer; see the figures
 * in ./sheet-scanner.ts). test/formats/xlsx/read/markup.test.ts holds the two readings alike.
 * It may look at x[to] for a `$`: there stands what ends the value (a quote, `:`, `>`, a space).
 */
export function scanCellRef(x: string, from: number, to: number, out: CellRef): void {
  let k = from;
  let col = 0;
  let letters = 0;
  if (x.charCodeAt(k) === CH_DOLLAR) k++;
  for (; k < to; k++) {
    const c = x.charCodeAt(k);
    if (c >= CH_UPPER_A && c <= CH_UPPER_Z) col = col * 26 + (c - CH_UPPER_A + 1);
    else if (c >= CH_LOWER_A && c <= CH_LOWER_Z) col = col * 26 + (c - CH_LOWER_A + 1);
    else break;
    if (++letters > 7) break;
  }
  if (x.charCodeAt(k) === CH_DOLLAR) k++;
  let row = 0;
  let digits = 0;
  for (; k < to; k++) {
    const c = x.charCodeAt(k);
    if (c < CH_0 || c > CH_9) break;
    row = row * 10 + (c - CH_0);
    if (++digits > 9) break;
  }
  if (k !== to) {
    // Trailing junk makes the whole reference unusable.
    out.col = out.row = -1;
    return;
  }
  out.col = letters > 0 ? col - 1 : -1;
  out.row = digits > 0 && row > 0 ? row - 1 : -1;
}
