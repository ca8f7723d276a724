/**
 * What the consolidated workbook's sheets share: their names, the row of their column headers, the
 * words for severities and statuses, how a submission's unit is named, and how generated rows are sized.
 */
import { type RowSource } from '../book/model';
import { specHeight, specLines, type LineSpec } from '../book/text-width';
import type { Severity } from '../check/finding';
import type { Submission } from '../sheet/submission';
import { baseName } from '../text/file-name';

export const SHEET_LIST = 'Tổng hợp';
export const SHEET_FINDINGS = 'Kiểm tra';
export const SHEET_REPORT = 'Báo cáo';

/** The column of `Tổng hợp` where the office marks (x) its proposals to the Ministry; `shortlist` reads it. */
export const PROPOSAL_COLUMN = 'Đề nghị Bộ';
/** What the proposal column's dropdown offers. */
export const PROPOSAL_MARK = 'x';

/** 0-based row of the column headers on `Tổng hợp` and `Kiểm tra`; data follows it. */
export const LIST_HEADER_ROW = 2;

export const SEVERITY_LABEL: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' };
export const STATUS = { ok: 'Hợp lệ', error: 'Có lỗi', warning: 'Cảnh báo' } as const;

const UNKNOWN_UNIT = '(Chưa xác định)';

/** A submission's unit as the list and the report name it (an unknown unit by what was read, or by its file). */
export function unitLabel(sub: Submission): string {
  if (sub.unit) return sub.unit.name;
  if (sub.status === 'unreadable') return `Tệp không đọc được: ${baseName(sub.file)}`;
  const guess = sub.unitText?.trim();
  return guess ? `${UNKNOWN_UNIT} ${guess}` : `${UNKNOWN_UNIT} ${baseName(sub.file)}`;
}

/**
 * Generated rows are sized by their text (RowSource.sized): rows of wrapped text get the height
 * their tallest cell needs, since LibreOffice (and, by some accounts, Excel) keeps a row at its
 * default height on opening. `counted` says which columns count.
 */
export function sizedBy(widths: number[], counted: boolean[]): NonNullable<RowSource['sized']> {
  const spec: LineSpec = { widths, counted, size: 12, maxLines: 30 };
  return {
    lines: (text, col) => specLines(spec, text, col),
    height: (lines) => specHeight(spec, lines),
    spec,
  };
}
