/**
 * The one order of findings. Findings are compared key by key (compareKeys): where they are (the
 * file's rank, sheet, row, column), then severity (errors first), then rule id; findings equal on
 * every key keep their order (a stable sort).
 *
 * Two lists use it, and they differ in one key, said explicitly by `first`:
 * - the check's result (sortByPlace): `first` is 0 for all, so the place leads; the file's rank is
 *   its position among the sources, as the caller knows it;
 * - lists read by severity (sortBySeverity: the consolidated workbook's `Kiểm tra` sheet, a row's
 *   notes): `first` is the severity. Such a list is made of the check's result, already in the
 *   place order, so its position stands for the place and the rule (their keys are left equal):
 *   errors, then warnings, then information, each in the result's order.
 */
import { SEVERITY_ORDER, type Finding } from './finding';
import { parseCell } from '../sheet/address';

/** A finding's keys, computed once per finding, not once per comparison. */
interface Keyed {
  f: Finding;
  /** The key that leads: the severity's rank when listing by severity, else 0. */
  first: number;
  /** The file's rank among the sources. */
  file: number;
  sheet: string;
  row: number;
  col: number;
  sev: number;
  rule: string;
  /** Position in the list being sorted: the last key, so ties keep their order. */
  i: number;
}

function compareKeys(a: Keyed, b: Keyed): number {
  if (a.first !== b.first) return a.first - b.first;
  if (a.file !== b.file) return a.file - b.file;
  if (a.sheet !== b.sheet) return a.sheet < b.sheet ? -1 : 1;
  return a.row - b.row || a.col - b.col || a.sev - b.sev || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) || a.i - b.i;
}

/** A cell's row and column, for ordering; a finding without a cell comes before its sheet's cells. */
function cellOrder(cell: string | null): [number, number] {
  const at = cell ? parseCell(cell) : null;
  return at ? [at.row, at.col] : [-1, -1];
}

/**
 * Sorts in place into the result's order: file (by `fileOrder`, the sources' order; a file not in it
 * comes last), sheet, row, column, severity, rule.
 */
export function sortByPlace(findings: Finding[], fileOrder: Map<string, number>): void {
  const keyed = findings.map((f, i): Keyed => {
    const [row, col] = cellOrder(f.cell);
    return { f, first: 0, file: fileOrder.get(f.file) ?? Number.MAX_SAFE_INTEGER, sheet: f.sheet ?? '', row, col, sev: SEVERITY_ORDER[f.severity], rule: f.ruleId, i };
  });
  keyed.sort(compareKeys);
  for (let i = 0; i < keyed.length; i++) findings[i] = keyed[i].f;
}

/**
 * Findings of the check's result (or a part of them, in the same order) as read by severity: errors,
 * then warnings, then information, each in the order given.
 */
export function sortBySeverity(findings: readonly Finding[]): Finding[] {
  const keyed = findings.map((f, i): Keyed => {
    const sev = SEVERITY_ORDER[f.severity];
    return { f, first: sev, file: 0, sheet: '', row: 0, col: 0, sev, rule: '', i };
  });
  return keyed.sort(compareKeys).map((k) => k.f);
}
