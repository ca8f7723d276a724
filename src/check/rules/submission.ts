/**
 * Rules on a submission as a whole: the file cannot be read (FILE_UNREADABLE), no nomination table
 * or an empty one (SHEET_NO_NOMINATIONS), required columns missing (HEADER_MISSING_COLUMN), the unit
 * unknown (UNIT_UNKNOWN), a legacy encoding (TEXT_LEGACY_ENCODING), a date after the deadline
 * (SUBMISSION_LATE).
 */
import type { Finding } from '../finding';
import type { UnreadableInfo } from '../result';
import { compareDates, makeFinding, type SheetContext } from './context';
import { emptySubmission, type Submission } from '../../sheet/submission';
import { formatDate } from '../../text/dates';

/** A file that could not be read: an empty submission, and the finding that says why. */
export function unreadableSubmission(file: string, info: UnreadableInfo): { sub: Submission; finding: Finding } {
  const sub = emptySubmission(file, 'unreadable');
  return { sub, finding: makeFinding('FILE_UNREADABLE', { file, sheet: null, cell: null }, { reason: info.message, reasonEn: info.messageEn }) };
}

/** A sheet without a nomination table: nothing else is checked on it. */
export function noTable(ctx: SheetContext): void {
  ctx.add('SHEET_NO_NOMINATIONS', null);
}

/** The rules on a sheet with a table, before its rows: columns, unit, encoding, deadline, an empty list. */
export function sheetRules(ctx: SheetContext, headerRow: number): void {
  const sub = ctx.sub;
  headers(ctx);
  if (!sub.unit) ctx.add('UNIT_UNKNOWN', null, { text: sub.unitText ?? '' });
  if (sub.legacy && sub.legacyFirst) {
    ctx.add(
      'TEXT_LEGACY_ENCODING',
      sub.legacyFirst.cell,
      { encoding: sub.legacy, count: sub.legacyCells, sample: sub.legacyFirst.raw.slice(0, 40) },
      sub.legacyFirst.raw,
    );
  }
  deadline(ctx);
  // An empty template sent as it is must not read as a valid list.
  if (sub.nominations.length === 0) ctx.add('SHEET_NO_NOMINATIONS', ctx.cellOf('hoTen', headerRow), { headerRow });
}

function headers(ctx: SheetContext): void {
  const { sub, rulebook } = ctx;
  for (const col of rulebook.columns) {
    if (!col.required || sub.columns[col.key] !== undefined) continue;
    // The level may be derived from the school's name instead (checked per row).
    if (col.key === 'capHoc' && sub.columns.donVi !== undefined) continue;
    ctx.add('HEADER_MISSING_COLUMN', null, { ...ctx.label(col.key), headerRow: sub.headerRow ?? '' });
  }
}

function deadline(ctx: SheetContext): void {
  const { date, dateCell } = ctx.sub;
  if (!date || date.m === undefined || date.d === undefined) return;
  // The nomination lists' deadline (the Department's yearly letter), not the reports' 15/12.
  const dl = ctx.rulebook.deadlines.nominations;
  const deadline = { y: ctx.rulebook.year, m: dl.month, d: dl.day };
  if (compareDates(date, deadline) > 0) {
    ctx.add('SUBMISSION_LATE', dateCell, { date: formatDate(date), deadline: formatDate(deadline) });
  }
}
