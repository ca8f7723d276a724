/** Submissions -> the department workbook model (list, findings, report) and the standard template. */
export * from '../book/book';
export { buildConsolidatedBook, reportData, listEntries, fieldText, SHEET_LIST, SHEET_FINDINGS, SHEET_REPORT, LIST_HEADER_ROW, LIST_EXTRA_COLUMNS, FINDING_COLUMNS, SEVERITY_LABEL, STATUS, type ConsolidateOptions, type ReportData, type ReportLine, type ListEntry } from './consolidated';
export { buildTemplateBook, templateSheet, SHEET_TEMPLATE, SHEET_LISTS, LIST_NAMES, GENDERS, type TemplateOptions, type TemplateLayout } from './template';
export { dateLine, formatDay, unitHeading, excelSerial, type UnitHeading } from './format';
