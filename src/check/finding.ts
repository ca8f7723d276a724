/** Findings: the stable rule ids of CONTRACT.md, severities, and the shape every rule returns. */

export const RULE_IDS = [
  'FILE_UNREADABLE',
  'SHEET_NO_NOMINATIONS',
  'HEADER_MISSING_COLUMN',
  'UNIT_UNKNOWN',
  'FIELD_REQUIRED',
  'FIELD_INVALID_DATE',
  'FIELD_INVALID_VALUE',
  'FIELD_OUT_OF_RANGE',
  'QUOTA_TOTAL_EXCEEDED',
  'QUOTA_LEVEL_DUPLICATE',
  'QUOTA_LEVEL_MISSING',
  'QUOTA_LEVEL_NOT_ALLOWED',
  'QUOTA_MANAGER_EXCEEDED',
  'CRITERIA_DISCIPLINE',
  'CRITERIA_EVIDENCE_MISSING',
  'DUPLICATE_PERSON',
  'DUPLICATE_SUBMISSION',
  'SUBMISSION_LATE',
  'SUBMISSION_MISSING',
  'TEXT_LEGACY_ENCODING',
  'CELL_FORMULA_NEUTRALIZED',
  // The Department's proposal to the Ministry (`shortlist`), on the marks of `Tổng hợp`.
  'SHORTLIST_EMPTY',
  'SHORTLIST_TOTAL_EXCEEDED',
  'SHORTLIST_LEVEL_DUPLICATE',
  'SHORTLIST_LEVEL_NOT_ALLOWED',
  'SHORTLIST_MANAGER_EXCEEDED',
  'SHORTLIST_NOMINEE_HAS_ERRORS',
  'SHORTLIST_LEVEL_MISSING',
] as const;

export type RuleId = (typeof RULE_IDS)[number];
export type Severity = 'error' | 'warning' | 'info';

/** Errors first: the order findings are listed and a row's worst finding is chosen in. */
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export type Lang = 'vi' | 'en';

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** The file as given on the command line (or the workbook's name inside Excel). */
  file: string;
  /** Sheet name, or null for a whole file. */
  sheet: string | null;
  /** A1 address on the sheet's own rows, or null for a whole submission. */
  cell: string | null;
  /** Excel row number (1-based), or null. */
  row: number | null;
  /** Message in Vietnamese. */
  message: string;
  /** The same message in English. */
  messageEn: string;
  /** The original value at the cell, as typed, when the finding is about one value. */
  value?: string;
}
