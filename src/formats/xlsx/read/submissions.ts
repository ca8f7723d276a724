/**
 * An .xlsx straight to its submissions: each sheet's rows go from the XML scanner to the table
 * reader one at a time (src/sheet/read.ts, SheetReader), so no grid of the whole sheet is built.
 * The result is readSubmissions(file, readXlsx(bytes), rulebook), exactly: a sheet that cannot be
 * streamed that way (see parseSheet) or that turns out to be TCVN3/VNI is read as a grid.
 */
import type { Rulebook } from '../../../rules/types';
import { AGAIN, noTableSubmission, readSheet, SheetReader, type ReadContext } from '../../../sheet/read';
import type { Submission } from '../../../sheet/submission';
import { streamXlsx, type ReadOptions } from './workbook';

/** Throws UnreadableError as readXlsx does. */
export function readXlsxSubmissions(bytes: Uint8Array, file: string, rulebook: Rulebook, opts: ReadOptions = {}): Submission[] {
  const out: Submission[] = [];
  const names: string[] = [];
  let ctx: ReadContext = { file, rulebook, date1904: false };
  streamXlsx(
    bytes,
    {
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
    },
    opts,
  );
  if (out.length === 0) out.push(noTableSubmission(file, names, rulebook));
  return out;
}
