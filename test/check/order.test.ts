import type { Finding, RuleId, Severity } from '../../src/check/finding';
import { sortByPlace, sortBySeverity } from '../../src/check/order';

const SEVERITY: Partial<Record<RuleId, Severity>> = { CELL_FORMULA_NEUTRALIZED: 'info', SUBMISSION_LATE: 'warning', SUBMISSION_MISSING: 'warning' };

function finding(ruleId: RuleId, file: string, sheet: string | null, cell: string | null): Finding {
  const row = cell ? Number(/\d+$/.exec(cell)?.[0]) : null;
  return { ruleId, severity: SEVERITY[ruleId] ?? 'error', file, sheet, cell, row, message: `${ruleId} ${cell}`, messageEn: '' };
}

const a = (f: Finding) => `${f.file}|${f.sheet}|${f.cell}|${f.ruleId}`;

describe('the order of findings', () => {
  const late = finding('SUBMISSION_LATE', 'b.xlsx', 'DS', 'K4');
  const b9 = finding('DUPLICATE_PERSON', 'b.xlsx', 'DS', 'B9');
  const m9 = finding('CELL_FORMULA_NEUTRALIZED', 'b.xlsx', 'DS', 'M9');
  const c9 = finding('FIELD_REQUIRED', 'b.xlsx', 'DS', 'C9');
  const c9b = finding('CRITERIA_DISCIPLINE', 'b.xlsx', 'DS', 'C9');
  const aa10 = finding('FIELD_REQUIRED', 'b.xlsx', 'DS', 'AA10');
  const z10 = finding('FIELD_REQUIRED', 'b.xlsx', 'DS', 'Z10');
  const whole = finding('UNIT_UNKNOWN', 'b.xlsx', 'DS', null);
  const other = finding('FIELD_REQUIRED', 'b.xlsx', 'A', 'B20');
  const first = finding('FILE_UNREADABLE', 'z.xlsx', null, null);
  const missing = finding('SUBMISSION_MISSING', '', null, null);

  test('the result: by the sources’ order of files, then sheet, row, column, severity, rule', () => {
    const list = [missing, aa10, m9, late, z10, c9, whole, b9, other, c9b, first];
    sortByPlace(list, new Map([['z.xlsx', 0], ['b.xlsx', 1]]));
    expect(list.map(a)).toEqual([first, other, whole, late, b9, c9b, c9, m9, z10, aa10, missing].map(a));
  });

  test('by severity: errors, warnings, information, each in the order given', () => {
    const list = [first, other, whole, late, b9, c9b, c9, m9, z10, aa10, missing];
    expect(sortBySeverity(list).map(a)).toEqual([first, other, whole, b9, c9b, c9, z10, aa10, late, missing, m9].map(a));
    // Not sorted in place; a list out of the result's order keeps its own order within a severity.
    expect(list[0]).toBe(first);
    expect(sortBySeverity([aa10, late, z10]).map(a)).toEqual([aa10, z10, late].map(a));
  });
});
