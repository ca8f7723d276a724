/** The checking engine's public face: used by the CLI, the task pane and the merge. */
export { checkWorkbooks, Checker, type SourceWorkbook, type CheckOptions } from './engine';
export { makeFinding } from './rules/context';
export { looksLikeFormula } from './rules/fields';
export type { Finding, RuleId, Severity, Lang } from './finding';
export { RULE_IDS } from './finding';
export { sortByPlace, sortBySeverity } from './order';
export type { CheckResult, CheckSummary, UnreadableInfo } from './result';
export { toJsonReport, jsonReportPieces, type JsonReport } from './report';
