/** Submissions -> the department workbook model (list, findings, report) and the standard template. */
export * from '../book/model';
export * from '../book/text-width';
export { buildConsolidatedBook, type ConsolidateOptions } from './consolidated';
export { SHEET_LIST, SHEET_FINDINGS, SHEET_REPORT, LIST_HEADER_ROW, SEVERITY_LABEL, STATUS, PROPOSAL_COLUMN, PROPOSAL_MARK } from './common';
export { listEntries, fieldText, LIST_EXTRA_COLUMNS, type ListEntry } from './list-sheet';
export { FINDING_COLUMNS } from './findings-sheet';
export { runShortlist, readConsolidatedList, type ProposedNominee, type ShortlistOutcome } from './shortlist';
export { buildProposalBook, proposalCounts, proposalSymbol, SHEET_PROPOSAL, SHEET_PROPOSED, type ProposalOptions } from './proposal';
export { reportData, type ReportData, type ReportLine } from './report-sheet';
export { buildTemplateBook, templateSheet, SHEET_TEMPLATE, SHEET_LISTS, LIST_NAMES, GENDERS, type TemplateOptions, type TemplateLayout } from './template';
export { dateLine, formatDay, unitHeading, excelSerial, type UnitHeading } from './format';
export { buildRulebookBook } from './rulebook-book';
export { rulebookFromWorkbook, rulebookFromWorkbookOrThrow, isRulebookWorkbook, type RulebookReadResult } from './rulebook-read';
export { RULEBOOK_SHEETS } from './rulebook-sheets';
