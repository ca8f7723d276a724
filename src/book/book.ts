/**
 * A plain, library-free workbook model: what the consolidation and the template build, and what an
 * adapter (src/formats/xlsx/write/workbook.ts, Office.js) turns into a real workbook. No formulas: a string value is
 * always written as text.
 */
import type { MergeRange } from '../sheet/grid';
import type { SimpleDate } from '../sheet/submission';

/** 0-based, inclusive. */
export type CellRange = MergeRange;

/** A string is plain text, never a formula; a number is a number. */
export type BookValue = string | number | null;

export interface BookCell {
  value: BookValue;
  /** Name of a style in `Book.styles`. */
  style?: string;
}

export interface BookFont {
  name: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** ARGB, e.g. "FF000000". */
  color?: string;
}

export type BorderLine = 'thin' | 'medium' | 'hair' | 'dotted';

export interface BookStyle {
  /** Merged over the book's default font. */
  font?: Partial<BookFont>;
  /** Solid fill, ARGB. */
  fill?: string;
  border?: { top?: BorderLine; left?: BorderLine; bottom?: BorderLine; right?: BorderLine };
  align?: {
    horizontal?: 'left' | 'center' | 'right' | 'justify';
    vertical?: 'top' | 'middle' | 'bottom';
    wrap?: boolean;
    indent?: number;
    /** Text rotation in degrees (90: reads bottom to top). */
    rotate?: number;
  };
  /** Excel number format: "@" (text), "dd/mm/yyyy"… */
  numFmt?: string;
}

export interface Validation {
  range: CellRange;
  type: 'list' | 'whole' | 'decimal' | 'date' | 'textLength' | 'any';
  operator?: 'between' | 'greaterThanOrEqual' | 'lessThanOrEqual';
  /** list: a defined name; whole/decimal: numbers; date: Excel serial numbers (1900 system). */
  formulae: (string | number)[];
  allowBlank: boolean;
  /** Input message shown when the cell is selected (Excel: title ≤ 32, text ≤ 255 characters). */
  prompt?: { title: string; text: string };
  /** Error alert (Excel: title ≤ 32, text ≤ 255 characters). */
  error?: { title: string; text: string; style: 'stop' | 'warning' | 'information' };
}

export interface PrintSetup {
  paper: 'A4';
  orientation: 'portrait' | 'landscape';
  /** Page margins in millimetres (Decree 30/2020/NĐ-CP for documents). */
  marginsMm: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  /** All columns on one page width; as many pages down as needed. */
  fitToWidth: boolean;
  /** Rows repeated at the top of every printed page (0-based, inclusive). */
  repeatRows?: { from: number; to: number };
  horizontalCentered?: boolean;
  /** Excel header/footer codes ("&P" page number); `differentFirst` leaves page 1 without them. */
  header?: string;
  footer?: string;
  differentFirst?: boolean;
}

export interface BookColumn {
  /** Width in characters (Excel column width units). */
  width: number;
  /** Style of empty cells typed into later (the template). */
  style?: string;
}

export interface BookSheet {
  name: string;
  state: 'visible' | 'hidden';
  /** rows[r][c], 0-based; sparse. */
  rows: (BookCell | undefined)[][];
  /**
   * Rows made on demand right after `rows` (a list of 50,000 nominees): written one at a time and
   * never all held. `materializeSheet` turns them into plain rows for code that wants them all.
   */
  body?: RowSource;
  merges: CellRange[];
  columns: BookColumn[];
  /** Row heights in points, by 0-based row. */
  rowHeights: Record<number, number>;
  /** Rows and columns frozen at the top left. */
  freeze?: { rows: number; cols: number };
  autoFilter?: CellRange;
  print: PrintSetup;
  validations: Validation[];
  showGridLines: boolean;
  tabColor?: string;
}

/** Rows generated one at a time: every row has `width` cells, all set, and maybe a height. */
export interface RowSource {
  /** How many rows; the first is sheet row `rows.length`. */
  count: number;
  width: number;
  /**
   * Row `i` of the source (0-based): `width` cells, good until the next call, and the height in
   * points (none or 0: the sheet's default height).
   */
  row(i: number): { cells: BookCell[]; height?: number };
  /**
   * Rows sized by their text: the lines `text` takes in column `col` (1 for a column that does not
   * count), and the height of a row whose tallest cell takes `lines`. When given, the row's own
   * `height` is not used: the writer remembers each distinct text's lines (by its shared-string
   * number, no look-up by text), so a long list's repeated texts are measured once. `spec`, when
   * given, is what `lines` computes, as data (lines(t, c) === specLines(spec, t, c)): a writer may
   * then measure on another thread.
   */
  sized?: { lines(text: string, col: number): number; height(lines: number): number; spec?: LineSpec };
}

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

/** The height of a generated row of a `sized` source, measured afresh (the writer remembers). */
export function sizedHeight(source: RowSource, cells: BookCell[]): number | undefined {
  const sized = source.sized;
  if (!sized) return undefined;
  let lines = 1;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c].value;
    if (typeof v === 'string' && v) lines = Math.max(lines, sized.lines(v, c));
  }
  return sized.height(lines);
}

/** The sheet with its generated rows made plain (for adapters and tests; the xlsx writer streams them). */
export function materializeSheet(sheet: BookSheet): BookSheet {
  if (!sheet.body) return sheet;
  const rows = sheet.rows.slice();
  const rowHeights = { ...sheet.rowHeights };
  for (let i = 0; i < sheet.body.count; i++) {
    const { cells, height: own } = sheet.body.row(i);
    const height = sizedHeight(sheet.body, cells) ?? own;
    if (height) rowHeights[rows.length] = height;
    // A source may reuse its cells for the next row: keep copies.
    rows.push(cells.map((c) => (c.style === undefined ? { value: c.value } : { value: c.value, style: c.style })));
  }
  return { ...sheet, rows, rowHeights, body: undefined };
}

export function materializeBook(book: Book): Book {
  return { ...book, sheets: book.sheets.map(materializeSheet) };
}

/** A workbook-level name for a range (list validations refer to these). */
export interface DefinedName {
  name: string;
  sheet: string;
  range: CellRange;
}

export interface Book {
  properties: {
    creator: string;
    title: string;
    /** Set from the input (the report date), so the same inputs give the same file; else a fixed epoch. */
    created?: SimpleDate;
  };
  defaultFont: BookFont;
  styles: Record<string, BookStyle>;
  sheets: BookSheet[];
  names: DefinedName[];
  /** Index of the sheet shown on opening. */
  activeSheet: number;
}

/** Decree 30/2020/NĐ-CP margins (top 20–25, bottom 20–25, left 30–35, right 15–20 mm). */
export const DECREE30_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15, header: 8, footer: 8 } as const;

export const CREATOR = 'Điển hình';

export function newSheet(name: string, print: Partial<PrintSetup> = {}): BookSheet {
  return {
    name,
    state: 'visible',
    rows: [],
    merges: [],
    columns: [],
    rowHeights: {},
    validations: [],
    showGridLines: true,
    print: { paper: 'A4', orientation: 'portrait', marginsMm: { ...DECREE30_MARGINS_MM }, fitToWidth: true, ...print },
  };
}

/** Row heights are kept in quarter points. */
export function roundHeight(points: number): number {
  return Math.round(points * 4) / 4;
}

/** Small helpers for filling a sheet. */
export class SheetWriter {
  constructor(readonly sheet: BookSheet) {}

  set(row: number, col: number, value: BookValue, style?: string): void {
    const rows = this.sheet.rows;
    while (rows.length <= row) rows.push([]);
    const cells = rows[row];
    while (cells.length < col) cells.push(undefined);
    cells[col] = style === undefined ? { value } : { value, style };
  }

  /** Styles a cell without touching its value. */
  style(row: number, col: number, style: string): void {
    const cur = this.sheet.rows[row]?.[col];
    this.set(row, col, cur ? cur.value : null, style);
  }

  /** Merges a range (when wider than one cell), puts the value top-left and styles every cell (borders). */
  merge(top: number, left: number, bottom: number, right: number, value: BookValue, style?: string): void {
    for (let r = top; r <= bottom; r++) {
      for (let c = left; c <= right; c++) this.set(r, c, r === top && c === left ? value : null, style);
    }
    if (bottom > top || right > left) this.sheet.merges.push({ top, left, bottom, right });
  }

  height(row: number, points: number): void {
    this.sheet.rowHeights[row] = roundHeight(points);
  }

  get rowCount(): number {
    return this.sheet.rows.length;
  }
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
