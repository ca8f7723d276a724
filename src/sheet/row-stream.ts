/**
 * A workbook read as a stream of rows, sheet by sheet: the interface a file-format reader drives
 * (SheetVisitor; the .xlsx one is streamXlsx in src/formats/xlsx/read/workbook.ts), and the
 * submissions read from such a stream (streamSubmissions). Each sheet's rows go to the table reader
 * (SheetReader) one at a time, so no grid of the whole sheet is built; a sheet the reader cannot
 * take as a stream comes whole, as a grid. The format reader only reads; this side interprets.
 */
import type { Rulebook } from '../rules/types';
import type { Grid, MergeRange } from './grid';
import { AGAIN, noTableSubmission, readSheet, SheetReader, type ReadContext, type RowCells } from './read';
import type { Submission } from './submission';

/** Takes a sheet's rows one at a time, in increasing order, each with its cells (sparse by column). */
export interface RowSink {
  row(r: number, cells: RowCells): void;
}

/** What a format reader hands a workbook's sheets to. */
export interface SheetVisitor {
  /** Before any sheet: the workbook's date system. */
  start?(info: { date1904: boolean }): void;
  /**
   * A sheet about to be streamed, with its merged ranges: the sink for its rows, and `end`, called
   * after the last row, which returns false when the sink needs the sheet as a grid after all.
   */
  stream(sheet: { name: string; hidden: boolean }, merges: MergeRange[]): RowSink & { end(): boolean };
  /** A sheet that could not be streamed (or that its sink asked for): the whole grid. */
  grid(grid: Grid): void;
}

/**
 * A workbook's submissions from its rows as `drive` streams them into the visitor it is given:
 * exactly readSubmissions(file, <the workbook as grids>, rulebook). A sheet that turns out to be
 * TCVN3/VNI is asked for again as a grid (its text must be read with its encoding).
 */
export function streamSubmissions(file: string, rulebook: Rulebook, drive: (visitor: SheetVisitor) => void): Submission[] {
  const out: Submission[] = [];
  const names: string[] = [];
  let ctx: ReadContext = { file, rulebook, date1904: false };
  drive({
    start({ date1904 }) {
      ctx = { file, rulebook, date1904 };
    },
    stream(sheet, merges) {
      names.push(sheet.name);
      const reader = new SheetReader(ctx, sheet.name, merges, 'stream');
      return {
        row: (r, cells) => reader.row(r, cells),
        end() {
          const sub = reader.finish();
          if (sub === AGAIN) return false;
          if (sub) out.push(sub);
          return true;
        },
      };
    },
    grid(grid) {
      const sub = readSheet(grid, ctx);
      if (sub) out.push(sub);
    },
  });
  if (out.length === 0) out.push(noTableSubmission(file, names, rulebook));
  return out;
}
