/**
 * The consolidated department workbook: `Tổng hợp` (every nominee read, with its source: list-sheet.ts),
 * `Kiểm tra` (every finding: findings-sheet.ts) and `Báo cáo` (the report in the Decree 30/2020/NĐ-CP
 * format: report-sheet.ts); what they share is in common.ts and finding-index.ts.
 */
import { CREATOR, type Book } from '../book/model';
import { FindingIndex } from './finding-index';
import { listSheet } from './list-sheet';
import { findingsSheet } from './findings-sheet';
import { reportSheet } from './report-sheet';
import { FONT, STYLES } from './styles';
import type { CheckResult } from '../check/result';
import type { SimpleDate } from '../sheet/submission';
import type { Rulebook } from '../rules/types';

export interface ConsolidateOptions {
  /** The report's date; without it the date line is left blank for the pen (no clock is read). */
  reportDate?: SimpleDate;
}

/** The consolidated department workbook: `Tổng hợp`, `Kiểm tra`, `Báo cáo`. Pure and deterministic. */
export function buildConsolidatedBook(result: CheckResult, rulebook: Rulebook, opts: ConsolidateOptions = {}): Book {
  const idx = new FindingIndex(result);
  return {
    properties: { creator: CREATOR, title: rulebook.titles.reportSubtitle || rulebook.titles.report, created: opts.reportDate },
    defaultFont: FONT,
    styles: STYLES,
    sheets: [listSheet(result, rulebook, idx), findingsSheet(result), reportSheet(result, rulebook, idx, opts.reportDate)],
    names: [],
    activeSheet: 0,
  };
}
