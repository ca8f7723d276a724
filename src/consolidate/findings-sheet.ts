/**
 * The consolidated workbook's findings, sheet `Kiểm tra`: every finding of the check, errors, then
 * warnings, then information (each in the check's order), with its file, sheet, cell, rule, message
 * and the value as typed.
 */
import { newSheet, SheetWriter, type BookCell, type BookSheet } from '../book/model';
import { lineHeight } from '../book/text-width';
import { LIST_HEADER_ROW, SEVERITY_LABEL, SHEET_FINDINGS, sizedBy } from './common';
import { statusStyle, textStyle } from './styles';
import type { CheckResult } from '../check/result';
import { sortBySeverity } from '../check/order';

export const FINDING_COLUMNS = [
  { label: 'TT', width: 6 },
  { label: 'Tệp', width: 28 },
  { label: 'Trang tính', width: 14 },
  { label: 'Ô', width: 7 },
  { label: 'Mã quy tắc', width: 32 },
  { label: 'Mức độ', width: 11 },
  { label: 'Nội dung', width: 70 },
  { label: 'Giá trị gốc', width: 26 },
] as const;

/** `Kiểm tra`: every finding, errors first. */
export function findingsSheet(result: CheckResult): BookSheet {
  const sheet = newSheet(SHEET_FINDINGS, { orientation: 'landscape', footer: '&C&"Times New Roman"&11Trang &P' });
  const w = new SheetWriter(sheet);
  const widths = FINDING_COLUMNS.map((c) => c.width);
  sheet.columns = widths.map((width) => ({ width }));
  const last = widths.length - 1;
  const s = result.summary;
  w.merge(0, 0, 0, last, 'KẾT QUẢ KIỂM TRA DANH SÁCH ĐỀ CỬ', 'listTitle');
  w.height(0, 24);
  w.merge(1, 0, 1, last, `(${s.errors} lỗi, ${s.warnings} cảnh báo, ${s.infos} thông tin; ${s.submissions} danh sách, ${s.nominees} nhà giáo)`, 'note');
  w.height(1, 20);
  const hr = LIST_HEADER_ROW;
  FINDING_COLUMNS.forEach((c, i) => w.set(hr, i, c.label, 'th'));
  w.height(hr, lineHeight(1, 12));
  const sorted = sortBySeverity(result.findings);
  sheet.body = {
    count: sorted.length,
    width: widths.length,
    row(i) {
      const f = sorted[i];
      const cells: BookCell[] = [
        { value: i + 1, style: 'tdNum' },
        { value: f.file || null, style: textStyle('td', f.file) },
        { value: f.sheet ?? null, style: textStyle('td', f.sheet) },
        { value: f.cell ?? null, style: 'tdCenter' },
        { value: f.ruleId, style: 'td' },
        { value: SEVERITY_LABEL[f.severity], style: statusStyle(f.severity) },
        { value: f.message, style: textStyle('td', f.message) },
        { value: f.value || null, style: textStyle('td', f.value || null) },
      ];
      return { cells };
    },
    // The file, the message and the value set a row's height.
    sized: sizedBy(
      widths,
      widths.map((_, c) => c === 1 || c === 6 || c === 7),
    ),
  };
  sheet.freeze = { rows: hr + 1, cols: 0 };
  sheet.autoFilter = { top: hr, left: 0, bottom: hr + Math.max(result.findings.length, 1), right: last };
  sheet.print.repeatRows = { from: hr, to: hr };
  return sheet;
}
