/**
 * A worksheet part read: its rows and merged ranges, as a grid or, streaming, row by row into a
 * sink. The scanning itself is ./sheet-scanner.ts; a cell's value, ./cell-values.ts.
 */
import type { GridCell, MergeRange } from '../../../sheet/grid';
import type { RowSink } from '../../../sheet/row-stream';
import type { ReadLimits } from '../../limits';
import { SheetScanner } from './sheet-scanner';
import type { SharedStrings } from './shared-strings';
import type { CellStyles } from './styles';

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

/**
 * Cells without a value (empty, styled only) are left out: a missing cell is an empty cell.
 *
 * With a `sink`, each row goes to it as soon as the next one starts and is not kept (`rows` stays
 * empty), so the sheet's cells die young; the text may then come in pieces. `merged` must be
 * mergesAfterRows(). The result says `streamed: false`, and the sink's rows are void, when
 * streaming could not give the grid's reading: rows out of order, a shared formula whose master
 * comes after it, or merges before the rows. The caller then parses the sheet again without a sink.
 */
export function parseSheet(src: string | Iterator<string, void>, ctx: SheetContext, sink?: RowSink, merged?: MergeRange[]): ParsedSheet {
  if (typeof src !== 'string' && !sink) throw new Error('parseSheet: a sheet in pieces needs a sink');
  return new SheetScanner(src, ctx, sink).scan(merged);
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
