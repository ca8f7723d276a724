/** How the pane groups and names findings (src/taskpane/components/findings-view.ts). */
import type { Finding } from '../../../src/check/finding';
import { baseName, groupFindings } from '../../../src/taskpane/components/findings-view';

describe('findings view', () => {
  const f = (severity: Finding['severity'], file: string, sheet: string | null, cell: string | null): Finding => ({
    ruleId: 'FIELD_REQUIRED', severity, file, sheet, cell, row: null, message: 'm', messageEn: 'm',
  });
  test('by severity (errors first), then by submission in the engine’s order', () => {
    const g = groupFindings([f('warning', 'a.xlsx', 'S1', 'B2'), f('error', 'a.xlsx', 'S1', 'C3'), f('error', 'b.xlsx', null, null), f('error', 'a.xlsx', 'S1', 'D4')]);
    expect(g.map((x) => [x.severity, x.count])).toEqual([['error', 3], ['warning', 1]]);
    expect(g[0].submissions.map((s) => [s.file, s.sheet, s.findings.length])).toEqual([['a.xlsx', 'S1', 2], ['b.xlsx', null, 1]]);
  });
  test('file names for display', () => {
    expect(baseName('C:\\thu muc\\Cư Jút.xlsx')).toBe('Cư Jút.xlsx');
    expect(baseName('x/y/z.xlsx')).toBe('z.xlsx');
  });
});
