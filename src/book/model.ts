/**
 * A plain, library-free workbook model: what the consolidation and the template build, and what an
 * adapter (src/formats/xlsx/write/workbook.ts, Office.js) turns into a real workbook. No formulas: a string value is
 * always written as text. How much room a text takes (widths, lines, row heights) is in ./text-width.ts.
 */
import type { MergeRange } from '../sheet/grid';
import type { SimpleDate } from '../sheet/submission';
import { roundHeight, type LineSpec } from './text-width';

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
  /**
   * Excel's quote prefix (the hidden leading apostrophe): the text stays text when the cell is
   * edited (F2, Enter) or saved as CSV, where "=HYPERLINK(…)" would become a live formula again.
   */
  quotePrefix?: boolean;
}

/**
 * Text that a spreadsheet would take for a formula: it starts with = + - @, maybe after tabs or
 * carriage returns (OWASP's CSV injection list). Such text is written with the quote prefix.
 */
export function formulaLike(text: string): boolean {
  let i = 0;
  let c = text.charCodeAt(0);
  // Tab, CR.
  while (c === 9 || c === 13) c = text.charCodeAt(++i);
  // = + - @
  return c === 61 || c === 43 || c === 45 || c === 64;
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
