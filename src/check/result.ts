/** The result of checking a set of submissions: what the CLI prints, the JSON report and the merge consume. */
import type { Finding } from './finding';
import type { Submission } from '../sheet/submission';

export interface CheckSummary {
  submissions: number;
  nominees: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface CheckResult {
  submissions: Submission[];
  /** Every finding, in a stable order: by file, sheet, row, column, rule. */
  findings: Finding[];
  summary: CheckSummary;
}

/** A file that could not be read: the reason, in both languages. */
export interface UnreadableInfo {
  /** Short machine code: 'not-zip', 'encrypted', 'too-large', 'zip-bomb', 'damaged'… */
  code: string;
  message: string;
  messageEn: string;
}
