/**
 * A worksheet as a plain grid: what every reader (our .xlsx reader, Office.js) produces and
 * what the core consumes. No library types leak through here.
 */

/** A cell's value as stored: dates are Excel serial numbers with `date: true`. */
export type CellValue = string | number | boolean | null;

export interface GridCell {
  v: CellValue;
  /** The number format is a date/time format, so `v` is an Excel serial date. */
  date?: true;
  /** Formula text without the leading '=', when the cell holds a formula (v is its cached value). */
  f?: string;
  /** Font name, when known: `.VnTime`, `VNI-Times` etc. reveal legacy encodings. */
  font?: string;
  /** The cell is an error value (#N/A, #REF!…); `v` holds its text. */
  error?: true;
  /**
   * Set by a reader that knows it (once per shared string): `v` is text that no legacy encoding
   * could explain and that normalising leaves as it is, so it is its own reading (see isPlainText).
   */
  plain?: true;
}

/** 0-based, inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  /** Sheet name as in the workbook. */
  name: string;
  /** hidden or veryHidden in the workbook. */
  hidden?: boolean;
  /** rows[r][c], 0-based: rows[0] is Excel row 1. Sparse: a missing row or cell is empty. */
  rows: (GridCell | undefined)[][];
  merges: MergeRange[];
}

export interface WorkbookGrid {
  sheets: Grid[];
  /** The workbook uses the 1904 date system (serials count from 1904-01-01). */
  date1904?: boolean;
}

/** The cell at (row, col), or undefined when empty. */
export function cellAt(grid: Grid, row: number, col: number): GridCell | undefined {
  const r = grid.rows[row];
  return r ? r[col] : undefined;
}

/** Arrays this short are walked slot by slot: cheaper than asking for their keys. */
const WALK_MAX = 64;

/**
 * The indices of a sparse array (a row's cells, a grid's rows) that hold something (not undefined or
 * null), ascending, into `out`; returns how many. A long array is read by its keys, so that a row with
 * cells in A and XFD costs two, not 16,384 (to the engine such an array is a dictionary of what it holds).
 */
export function presentIndices(a: ArrayLike<unknown>, out: number[]): number {
  const n = a.length;
  let k = 0;
  if (n <= WALK_MAX) {
    for (let i = 0; i < n; i++) if (a[i] != null) out[k++] = i;
    return k;
  }
  for (const key of Object.keys(a)) {
    // Index keys come first, in ascending order: the first other key ends them.
    const i = +key;
    if (!(i < n) || String(i) !== key) break;
    if (a[i] != null) out[k++] = i;
  }
  return k;
}

/** presentIndices' plain twin: every slot walked. */
export function presentIndicesPlain(a: ArrayLike<unknown>, out: number[]): number {
  let k = 0;
  for (let i = 0; i < a.length; i++) if (a[i] != null) out[k++] = i;
  return k;
}
