/**
 * The worksheet scanner: a hand-written pass over the part's text that picks out rows, cells and
 * merged ranges and ignores everything else. It is faster than a general SAX parser (no attribute
 * objects, no per-cell allocations beyond the cell itself) and tolerant of sloppy markup.
 */
import { a1, type CellValue, type GridCell, type MergeRange } from '../../../sheet/grid';
import type { RowSink } from '../../../sheet/row-stream';
import { unreadable } from '../../errors';
import { shiftFormula } from './formula';
import type { ReadLimits } from '../../limits';
import { isPlainText } from '../../../sheet/cells';
import type { SharedStrings } from './shared-strings';
import type { CellStyles } from './styles';
import { decodeEntities, decodeOoxmlEscapes, skipSpecial, tagEnd } from './xml';

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

export interface SheetContext {
  part: string;
  sheetName: string;
  sst: SharedStrings;
  styles: CellStyles;
  date1904: boolean;
  limits: ReadLimits;
  /** Cells (and merges) counted so far over the workbook. */
  budget: { cells: number };
}

export interface ParsedSheet {
  rows: (GridCell | undefined)[][];
  merges: MergeRange[];
  /** With a sink: false when the sheet could not be streamed (see parseSheet); its rows are void. */
  streamed?: boolean;
}

const T_N = 0;
const T_S = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_B = 4;
const T_E = 5;
const T_D = 6;

const CAP_NONE = 0;
const CAP_V = 1;
const CAP_F = 2;
const CAP_T = 3;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Walks a start tag's attributes without allocating; `gt` is the closing `>` once next() is false. */
class AttrCursor {
  i = 0;
  /** Name start, local-name start (after any prefix), name end, value start and end. */
  ns = 0;
  ls = 0;
  ne = 0;
  vs = 0;
  ve = 0;
  gt = -1;
  selfClosing = false;
  /** The text scanned; parseSheet moves it on when the sheet comes in pieces. */
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
      if (c === 62) {
        this.gt = i;
        this.selfClosing = x.charCodeAt(i - 1) === 47;
        this.i = i;
        return false;
      }
      if (c === 60) {
        // Unclosed tag: it ends where the next one starts.
        this.gt = i - 1;
        this.selfClosing = false;
        this.i = i;
        return false;
      }
      if (isSpace(c) || c === 47) i++;
      else break;
    }
    this.ns = this.ls = i;
    while (i < n) {
      c = x.charCodeAt(i);
      if (c === 61 || c === 62 || c === 47 || c === 60 || isSpace(c)) break;
      if (c === 58) this.ls = i + 1;
      i++;
    }
    this.ne = i;
    while (i < n && isSpace(x.charCodeAt(i))) i++;
    if (x.charCodeAt(i) !== 61) {
      this.vs = this.ve = i;
      this.i = i;
      return true;
    }
    i++;
    while (i < n && isSpace(x.charCodeAt(i))) i++;
    c = x.charCodeAt(i);
    if (c === 34 || c === 39) {
      const e = x.indexOf(c === 34 ? '"' : "'", i + 1);
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
        if (c === 62 || isSpace(c)) break;
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
      if (c < 48 || c > 57) return -1;
      v = v * 10 + (c - 48);
      if (v > 1e12) return -1;
    }
    return v;
  }
}

/** A run of 1–15 ASCII digits (a shared-string index or a plain integer) as a number, else -1. */
function digitsValue(x: string, from: number, to: number): number {
  const len = to - from;
  if (len < 1 || len > 15) return -1;
  let v = 0;
  for (let k = from; k < to; k++) {
    const c = x.charCodeAt(k);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** A cell's type from its t="…" value in x[from, to); an unknown word longer than a letter leaves `current`. */
function cellType(x: string, from: number, to: number, current: number): number {
  const len = to - from;
  const t0 = x.charCodeAt(from);
  if (len === 1) return t0 === 115 ? T_S : t0 === 98 ? T_B : t0 === 101 ? T_E : t0 === 100 ? T_D : T_N;
  if (len === 3 && x.startsWith('str', from)) return T_STR;
  if (len === 9 && x.startsWith('inlineStr', from)) return T_INLINE;
  return current;
}

/** Result of parseRef: 0-based row and column, -1 where absent. */
let refRow = -1;
let refCol = -1;

/** Parses "AB12" (or "$AB$12") in x[from, to); sets refRow/refCol; columns or rows may be absent. */
function parseRef(x: string, from: number, to: number): void {
  let k = from;
  let col = 0;
  let letters = 0;
  if (x.charCodeAt(k) === 36) k++;
  for (; k < to; k++) {
    const c = x.charCodeAt(k);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
    if (++letters > 7) break;
  }
  if (x.charCodeAt(k) === 36) k++;
  let row = 0;
  let digits = 0;
  for (; k < to; k++) {
    const c = x.charCodeAt(k);
    if (c < 48 || c > 57) break;
    row = row * 10 + (c - 48);
    if (++digits > 9) break;
  }
  refCol = letters > 0 ? col - 1 : -1;
  refRow = digits > 0 && row > 0 ? row - 1 : -1;
  // Trailing junk makes the whole reference unusable.
  if (k !== to) refCol = refRow = -1;
}

const ISO_RE = /^\s*(?:(-?\d{4,})-(\d{1,2})-(\d{1,2}))?(?:[T ]?(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$/;
const DAY_MS = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** An ISO 8601 date/time (t="d" cells) as an Excel serial number, or null when it is not one. */
export function isoToSerial(s: string, date1904: boolean): number | null {
  const m = ISO_RE.exec(s);
  if (!m || (m[1] === undefined && m[4] === undefined)) return null;
  let days = 0;
  if (m[1] !== undefined) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (back.getUTCMonth() !== mo - 1) return null;
    days = Math.round((t - EPOCH_1900) / DAY_MS);
    // Excel's 1900 system counts a 29 Feb 1900 that never was: serials before March 1900 are one less.
    if (!date1904 && days < 61) days -= 1;
    if (date1904) days -= 1462;
  }
  let frac = 0;
  if (m[4] !== undefined) {
    const h = Number(m[4]);
    const mi = Number(m[5]);
    const sec = m[6] !== undefined ? Number(m[6]) : 0;
    if (h > 24 || mi > 59 || sec >= 61) return null;
    frac = (h * 3600 + mi * 60 + sec) / 86400;
  }
  return days + frac;
}

function outOfRange(ctx: SheetContext, row: number, col: number): Error {
  const where = `${ctx.sheetName}: ${row >= MAX_ROWS ? `dòng ${row + 1}` : ''}${col >= MAX_COLS ? ` cột ${col + 1}` : ''}`.trim();
  const whereEn = `${ctx.sheetName}: ${row >= MAX_ROWS ? `row ${row + 1}` : ''}${col >= MAX_COLS ? ` column ${col + 1}` : ''}`.trim();
  return unreadable.damaged(`có ô nằm ngoài phạm vi của Excel (${where})`, `a cell lies outside Excel's grid (${whereEn})`);
}

/**
 * The merged ranges listed after the sheet's rows (where Excel writes them), read before the rows
 * so that a sheet can be streamed with its merges known. parseSheet with a sink checks that these
 * were all of them.
 */
export function mergesAfterRows(xml: Uint8Array, ctx: SheetContext): MergeRange[] {
  // The bytes of an ASCII-compatible encoding (a UTF-16 part finds nothing here, and parseSheet
  // then sees merges it was not told of: the sheet is read whole).
  const at = lastIndexOfAscii(xml, 'sheetData');
  const gt = at < 0 ? -1 : xml.indexOf(0x3e, at);
  if (gt < 0) return [];
  const tail = new TextDecoder('utf-8').decode(xml.subarray(gt + 1));
  // Counted against the cell budget by the full pass, not here.
  return parseSheet(tail, { ...ctx, budget: { cells: 0 } }).merges;
}

function lastIndexOfAscii(b: Uint8Array, word: string): number {
  const first = word.charCodeAt(0);
  for (let k = b.lastIndexOf(first, b.length - word.length); k >= 0; k = k > 0 ? b.lastIndexOf(first, k - 1) : -1) {
    let j = 1;
    while (j < word.length && b[k + j] === word.charCodeAt(j)) j++;
    if (j === word.length) return k;
  }
  return -1;
}

/** In pieces, the text scanned keeps this much after the markup being read (or the document's end). */
const LOOKAHEAD = 4096;
/** …and is topped up to this length: small strings, young garbage once scanned. */
const WINDOW = 16384;

/**
 * Cells without a value (empty, styled only) are left out: a missing cell is an empty cell.
 *
 * With a `sink`, each row goes to it as soon as the next one starts and is not kept (`rows` stays
 * empty), so the sheet's cells die young. `merges` must be mergesAfterRows(). The result says
 * `streamed: false`, and the sink's rows are void, when streaming could not give the grid's
 * reading: rows out of order, a shared formula whose master comes after it, or merges before the
 * rows. The caller then parses the sheet again without a sink.
 */
export function parseSheet(src: string | Iterator<string, void>, ctx: SheetContext, sink?: RowSink, merged?: MergeRange[]): ParsedSheet {
  // In pieces (with a sink only): `xml` is a window on the document, `last` once it holds its end.
  const pieces = typeof src === 'string' ? null : src;
  if (pieces && !sink) throw new Error('parseSheet: a sheet in pieces needs a sink');
  let xml = typeof src === 'string' ? src : '';
  let last = pieces === null;
  const rows: (GridCell | undefined)[][] = [];
  const merges: MergeRange[] = [];
  const strings = ctx.sst.strings;
  const sstFonts = ctx.sst.fonts;
  const xfDate = ctx.styles.date;
  const xfFont = ctx.styles.font;
  const maxText = ctx.limits.maxCellText;
  const maxCells = ctx.limits.maxCells;
  const budget = ctx.budget;
  const date1904 = ctx.date1904;
  const masters = new Map<string, { f: string; row: number; col: number }>();
  /** Per shared string, streaming: 0 not known yet, 1 plain (GridCell.plain), 2 not. */
  let plainStrings: Uint8Array | null = null;
  const pending: { cell: GridCell; si: string; row: number; col: number }[] = [];
  const A = new AttrCursor(xml);
  // Streaming: the row being filled, and whether streaming still gives the grid's reading.
  let openRow = -1;
  let openCells: (GridCell | undefined)[] = [];
  let streamable = true;

  let inSheetData = false;
  let rowIdx = -1;
  let colIdx = -1;
  // The cell being read.
  let inCell = false;
  let cRow = 0;
  let cCol = 0;
  let cType = T_N;
  let cStyle = 0;
  // The <v> text: a raw range of the document when it came in one piece (no copy), else decoded text.
  let vFrom = -1;
  let vTo = -1;
  let vText: string | null = null;
  let fText: string | null = null;
  let fShared = false;
  let fSi: string | null = null;
  let isText: string | null = null;
  let runFont: string | undefined;
  let inIs = false;
  let inRPh = 0;
  let capture = CAP_NONE;
  let cap = '';
  let capFrom = -1;
  let capTo = -1;
  const flushCap = () => {
    if (capFrom >= 0) {
      cap = xml.slice(capFrom, capTo);
      capFrom = -1;
    }
  };

  /** Ends the <v>, <f> or <t> being captured (at its end tag, or when markup ends it early). */
  const endCapture = () => {
    if (capture === CAP_V) {
      if (capFrom >= 0) {
        vFrom = capFrom;
        vTo = capTo;
        vText = null;
      } else {
        vFrom = -1;
        vText = decodeEntities(cap);
      }
    } else if (capture === CAP_F) {
      flushCap();
      fText = decodeEntities(cap);
      if (fShared && fSi !== null && fText !== '') masters.set(fSi, { f: fText, row: cRow, col: cCol });
    } else if (capture === CAP_T) {
      flushCap();
      isText = (isText ?? '') + decodeOoxmlEscapes(decodeEntities(cap));
      if (isText.length > maxText) throw tooLong(isText.length);
    }
    capture = CAP_NONE;
    capFrom = -1;
    cap = '';
  };

  const tooLong = (len: number) => unreadable.textTooLong(`${ctx.sheetName}!${a1(cRow, cCol)}`, len, maxText);

  const endCell = () => {
    if (capture !== CAP_NONE) endCapture();
    inCell = false;
    inIs = false;
    let v: CellValue = null;
    let has = false;
    let isDate = false;
    let isError = false;
    let font = xfFont[cStyle];
    // The shared string the value is, when it is one (-1: none).
    let sstIndex = -1;
    if (vFrom >= 0) {
      // Fast paths on the raw range: shared-string indexes and plain integers need no string.
      if (cType === T_S || cType === T_N) {
        const k = digitsValue(xml, vFrom, vTo);
        if (k >= 0) {
          vFrom = -1;
          if (cType === T_S) {
            const s = strings[k];
            if (s !== undefined && s !== '') {
              v = s;
              has = true;
              sstIndex = k;
              const rf = sstFonts[k];
              if (rf !== undefined) font = rf;
            }
          } else {
            v = k;
            has = true;
            isDate = xfDate[cStyle] === 1;
          }
          cType = -1;
        }
      }
      if (vFrom >= 0) vText = decodeEntities(xml.slice(vFrom, vTo));
    }
    switch (cType) {
      case -1:
        break;
      case T_S:
        if (vText !== null) {
          const idx = Number(vText);
          const s = strings[idx];
          if (s !== undefined && s !== '') {
            v = s;
            has = true;
            sstIndex = idx;
            const rf = sstFonts[idx];
            if (rf !== undefined) font = rf;
          }
        }
        break;
      case T_INLINE: {
        const s = isText !== null ? isText : vText !== null ? decodeOoxmlEscapes(vText) : null;
        if (s !== null && s !== '') {
          if (s.length > maxText) throw tooLong(s.length);
          v = s;
          has = true;
          if (runFont !== undefined) font = runFont;
        }
        break;
      }
      case T_STR:
        if (vText !== null) {
          const s = decodeOoxmlEscapes(vText);
          if (s.length > maxText) throw tooLong(s.length);
          v = s;
          has = s !== '';
        }
        break;
      case T_B:
        if (vText !== null) {
          const t = vText.trim();
          v = t === '1' || t.toLowerCase() === 'true';
          has = t !== '';
        }
        break;
      case T_E:
        if (vText !== null) {
          v = vText.trim();
          has = isError = true;
        }
        break;
      case T_D:
        if (vText !== null) {
          const serial = isoToSerial(vText, date1904);
          if (serial !== null) {
            v = serial;
            isDate = true;
          } else v = vText;
          has = vText.trim() !== '';
        }
        break;
      default:
        if (vText !== null) {
          const num = Number(vText);
          if (vText.length > 0 && Number.isFinite(num) && vText.trim() !== '') {
            v = num;
            has = true;
            isDate = xfDate[cStyle] === 1;
          } else if (vText.trim() !== '') {
            // Not a number after all: keep the text rather than lose it.
            if (vText.length > maxText) throw tooLong(vText.length);
            v = vText;
            has = true;
          }
        }
    }
    const dependent = fShared && (fText === null || fText === '') && fSi !== null;
    const hasFormula = (fText !== null && fText !== '') || dependent;
    if (!has && !hasFormula) return;
    if (++budget.cells > maxCells) throw unreadable.tooManyCells(maxCells);
    // One literal for the common shape keeps cells small and monomorphic.
    const cell: GridCell = font !== undefined ? { v: has ? v : null, font } : { v: has ? v : null };
    if (isDate) cell.date = true;
    if (fText !== null && fText !== '') cell.f = fText;
    else if (dependent) {
      const m = masters.get(fSi as string);
      if (m) cell.f = shiftFormula(m.f, cRow - m.row, cCol - m.col);
      else pending.push({ cell, si: fSi as string, row: cRow, col: cCol });
    }
    if (isError) cell.error = true;
    if (sink) {
      // Streamed cells only (a grid stays as read): whether a shared string reads as itself is
      // worked out once for it, not once for each of the cells that use it.
      if (sstIndex >= 0) {
        const plain = (plainStrings ??= new Uint8Array(strings.length));
        let p = plain[sstIndex];
        if (p === 0) plain[sstIndex] = p = isPlainText(v as string) ? 1 : 2;
        if (p === 1) cell.plain = true;
      }
      if (cRow !== openRow) {
        if (cRow < openRow) {
          streamable = false;
          return;
        }
        if (openRow >= 0) sink.row(openRow, openCells);
        openRow = cRow;
        openCells = [];
      }
      openCells[cCol] = cell;
      return;
    }
    let row = rows[cRow];
    if (row === undefined) rows[cRow] = row = [];
    row[cCol] = cell;
  };

  /** Moves the window to start at `from`, topped up to WINDOW characters (`more`: at least one more piece). */
  const slide = (from: number, more: boolean): void => {
    // Positions into the old window are about to go: keep what they point at as text.
    if (capFrom >= 0) flushCap();
    if (vFrom >= 0) {
      vText = decodeEntities(xml.slice(vFrom, vTo));
      vFrom = -1;
    }
    let next = xml.slice(from);
    while (!last && (more || next.length < WINDOW)) {
      const r = (pieces as Iterator<string, void>).next();
      if (r.done) last = true;
      else next += r.value;
      more = false;
    }
    xml = next;
    A.x = xml;
  };

  let n = xml.length;
  let i = 0;
  while (streamable) {
    if (!last && n - i < LOOKAHEAD) {
      slide(i, false);
      i = 0;
      n = xml.length;
    }
    const lt = xml.indexOf('<', i);
    if (!last && (lt < 0 || n - lt < LOOKAHEAD)) {
      // The next markup may not be all in the window: take in another piece.
      slide(i, true);
      i = 0;
      n = xml.length;
      continue;
    }
    if (lt < 0) break;
    if (capture !== CAP_NONE && lt > i) {
      if (capFrom < 0 && cap === '') {
        capFrom = i;
        capTo = lt;
      } else {
        flushCap();
        cap += xml.slice(i, lt);
      }
      const capLen = capFrom >= 0 ? capTo - capFrom : cap.length;
      // Markup inside a value is not text, so allow for it before judging the length.
      if (capLen > maxText * 8 + 1024) throw tooLong(capLen);
    }
    const c1 = xml.charCodeAt(lt + 1);

    if (c1 === 47) {
      // End tag.
      const gt = xml.indexOf('>', lt + 2);
      if (gt < 0) {
        // Longer than the window: only the whole text can say (the sheet is read again whole).
        if (!last) streamable = false;
        break;
      }
      let ls = lt + 2;
      let le = gt;
      while (le > ls && isSpace(xml.charCodeAt(le - 1))) le--;
      for (let k = ls; k < le; k++) if (xml.charCodeAt(k) === 58) ls = k + 1;
      const len = le - ls;
      const ch = xml.charCodeAt(ls);
      if (len === 1) {
        if (ch === 99 /* c */) {
          if (inCell) endCell();
        } else if (ch === 118 /* v */ || ch === 102 /* f */ || ch === 116 /* t */) {
          if (capture !== CAP_NONE) endCapture();
        }
      } else if (len === 2) {
        if (ch === 105 && xml.charCodeAt(ls + 1) === 115 /* is */) {
          if (capture === CAP_T) endCapture();
          inIs = false;
        }
      } else if (len === 3) {
        if (xml.startsWith('rPh', ls) && inRPh > 0) inRPh--;
      } else if (len === 9 && xml.startsWith('sheetData', ls)) {
        if (inCell) endCell();
        inSheetData = false;
      }
      i = gt + 1;
      continue;
    }

    if (c1 === 33 || c1 === 63) {
      const next = skipSpecial(xml, lt, ctx.part, (t) => {
        // CDATA inside a value: protect its `&` from the entity decoding done at the end tag.
        if (capture !== CAP_NONE) {
          flushCap();
          cap += t.replace(/&/g, '&amp;');
        }
      });
      if (next < 0) {
        if (!last) streamable = false;
        break;
      }
      i = next;
      continue;
    }

    // Start tag: its local name is x[ls, j).
    let j = lt + 1;
    let ls = j;
    while (j < n) {
      const c = xml.charCodeAt(j);
      if (c === 58) ls = j + 1;
      else if (c === 62 || c === 47 || isSpace(c) || c === 60) break;
      j++;
    }
    const len = j - ls;
    if (len === 0) {
      // A stray `<`.
      i = lt + 1;
      continue;
    }
    const ch = xml.charCodeAt(ls);
    let gt = -1;
    let selfClosing = false;

    if (len === 1 && ch === 99 /* c */ && inSheetData) {
      if (inCell) endCell();
      inCell = true;
      cType = T_N;
      cStyle = 0;
      vText = fText = fSi = isText = null;
      fShared = false;
      runFont = undefined;
      inIs = false;
      inRPh = 0;
      capture = CAP_NONE;
      vFrom = -1;
      let rr = -1;
      let rc = -1;
      // The attributes as Excel writes them (r, s, t: one space before each, no prefix, double
      // quotes) are read here at once; any other attribute or layout, the general way.
      gt = -1;
      for (let q = j; xml.charCodeAt(q) === 32 && xml.charCodeAt(q + 2) === 61 && xml.charCodeAt(q + 3) === 34; ) {
        const a = xml.charCodeAt(q + 1);
        const vs = q + 4;
        const ve = xml.indexOf('"', vs);
        if (ve < 0) break;
        if (a === 114 /* r */) {
          parseRef(xml, vs, ve);
          rr = refRow;
          rc = refCol;
        } else if (a === 115 /* s */) {
          // Any value the cursor's int() refuses (over 1e12, not digits) is no style either.
          const v = digitsValue(xml, vs, ve);
          cStyle = v > 0 && v < 1e7 ? v : 0;
        } else if (a === 116 /* t */) cType = cellType(xml, vs, ve, cType);
        else break;
        q = ve + 1;
        const c = xml.charCodeAt(q);
        if (c === 62) {
          gt = q;
          selfClosing = false;
          break;
        }
        if (c === 47 && xml.charCodeAt(q + 1) === 62) {
          gt = q + 1;
          selfClosing = true;
          break;
        }
      }
      if (gt < 0) {
        rr = rc = -1;
        cType = T_N;
        cStyle = 0;
        A.start(j);
        while (A.next()) {
          if (A.ne - A.ls !== 1) continue;
          const a = xml.charCodeAt(A.ls);
          if (a === 114 /* r */) {
            parseRef(xml, A.vs, A.ve);
            rr = refRow;
            rc = refCol;
          } else if (a === 115 /* s */) {
            const s = A.int();
            cStyle = s > 0 && s < 1e7 ? s : 0;
          } else if (a === 116 /* t */) cType = cellType(xml, A.vs, A.ve, cType);
        }
        gt = A.gt;
        selfClosing = A.selfClosing;
      }
      if (rowIdx < 0) rowIdx = 0;
      cCol = rc >= 0 ? rc : colIdx + 1;
      cRow = rr >= 0 ? rr : rowIdx;
      colIdx = cCol;
      if (cRow >= MAX_ROWS || cCol >= MAX_COLS) throw outOfRange(ctx, cRow, cCol);
      if (selfClosing) inCell = false;
      else if ((cType === T_S || cType === T_N) && gt + 12 < n && xml.charCodeAt(gt + 1) === 60 && xml.charCodeAt(gt + 2) === 118 && xml.charCodeAt(gt + 3) === 62) {
        // The common cell, <v>digits</v></c> straight after the tag (a shared string, an integer):
        // read whole here, not tag by tag in three more turns of this loop.
        const from = gt + 4;
        let e = from;
        const end = Math.min(n, from + 16);
        while (e < end) {
          const d = xml.charCodeAt(e);
          if (d < 48 || d > 57) break;
          e++;
        }
        if (
          e > from &&
          e + 7 < n &&
          xml.charCodeAt(e) === 60 &&
          xml.charCodeAt(e + 1) === 47 &&
          xml.charCodeAt(e + 2) === 118 &&
          xml.charCodeAt(e + 3) === 62 &&
          xml.charCodeAt(e + 4) === 60 &&
          xml.charCodeAt(e + 5) === 47 &&
          xml.charCodeAt(e + 6) === 99 &&
          xml.charCodeAt(e + 7) === 62
        ) {
          vFrom = from;
          vTo = e;
          endCell();
          i = e + 8;
          continue;
        }
      }
    } else if (len === 1 && inCell && (ch === 118 /* v */ || ch === 102 /* f */ || ch === 116) /* t */) {
      if (capture !== CAP_NONE) endCapture();
      if (ch === 102) {
        let isShared = false;
        let si: string | null = null;
        A.start(j);
        while (A.next()) {
          if (A.is1(116)) isShared = A.value() === 'shared';
          else if (A.isName('si')) si = A.value();
        }
        gt = A.gt;
        selfClosing = A.selfClosing;
        fShared = isShared;
        fSi = si;
        if (!selfClosing) {
          capture = CAP_F;
          cap = '';
          capFrom = -1;
        }
      } else {
        gt = tagEnd(xml, j);
        selfClosing = gt > 0 && xml.charCodeAt(gt - 1) === 47;
        if (!selfClosing) {
          if (ch === 118) {
            capture = CAP_V;
            cap = '';
            capFrom = -1;
          } else if (inIs && inRPh === 0) {
            capture = CAP_T;
            cap = '';
            capFrom = -1;
          }
        }
      }
    } else if (len === 3 && ch === 114 && xml.startsWith('row', ls) && inSheetData) {
      if (inCell) endCell();
      let r = -1;
      A.start(j);
      while (A.next()) if (A.is1(114)) r = A.int();
      gt = A.gt;
      rowIdx = r >= 1 ? r - 1 : rowIdx + 1;
      if (rowIdx >= MAX_ROWS) throw outOfRange(ctx, rowIdx, 0);
      colIdx = -1;
    } else if (len === 2 && inCell && ch === 105 && xml.charCodeAt(ls + 1) === 115 /* is */) {
      gt = tagEnd(xml, j);
      selfClosing = gt > 0 && xml.charCodeAt(gt - 1) === 47;
      inIs = !selfClosing;
      if (isText === null) isText = '';
    } else if (len === 3 && inIs && xml.startsWith('rPh', ls)) {
      gt = tagEnd(xml, j);
      selfClosing = gt > 0 && xml.charCodeAt(gt - 1) === 47;
      if (!selfClosing) inRPh++;
    } else if (len === 5 && inIs && inRPh === 0 && xml.startsWith('rFont', ls)) {
      A.start(j);
      while (A.next()) if (runFont === undefined && A.isName('val')) runFont = A.value();
      gt = A.gt;
    } else if (len === 9 && xml.startsWith('sheetData', ls)) {
      gt = tagEnd(xml, j);
      selfClosing = gt > 0 && xml.charCodeAt(gt - 1) === 47;
      inSheetData = !selfClosing;
    } else if (len === 9 && xml.startsWith('mergeCell', ls)) {
      A.start(j);
      while (A.next()) {
        if (!A.isName('ref')) continue;
        const colon = xml.indexOf(':', A.vs);
        const mid = colon >= 0 && colon < A.ve ? colon : A.ve;
        parseRef(xml, A.vs, mid);
        const top = refRow;
        const left = refCol;
        if (mid < A.ve) parseRef(xml, mid + 1, A.ve);
        if (top >= 0 && left >= 0 && refRow >= 0 && refCol >= 0 && top < MAX_ROWS && refRow < MAX_ROWS && left < MAX_COLS && refCol < MAX_COLS) {
          if (++budget.cells > maxCells) throw unreadable.tooManyCells(maxCells);
          merges.push({ top: Math.min(top, refRow), left: Math.min(left, refCol), bottom: Math.max(top, refRow), right: Math.max(left, refCol) });
        }
      }
      gt = A.gt;
    } else {
      gt = tagEnd(xml, j);
    }
    if (gt < 0) {
      if (!last) streamable = false;
      break;
    }
    i = gt + 1;
  }
  if (inCell && streamable) endCell();
  if (sink) {
    // A dependent formula resolved after its row was handed on, or merges the sink did not know.
    if (pending.length > 0 || merges.length !== (merged?.length ?? 0)) streamable = false;
    if (streamable && openRow >= 0) sink.row(openRow, openCells);
    return { rows, merges, streamed: streamable };
  }
  for (const p of pending) {
    const m = masters.get(p.si);
    if (m) p.cell.f = shiftFormula(m.f, p.row - m.row, p.col - m.col);
  }
  return { rows, merges };
}
