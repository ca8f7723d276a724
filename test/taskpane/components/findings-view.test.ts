/** How the pane groups and names findings (src/taskpane/components/findings-view.ts). */
import type { Finding } from '../../../src/check/finding';
import { baseName, flattenGroups, groupFindings, submissionRowKey } from '../../../src/taskpane/components/findings-view';

describe('findings view', () => {
  const f = (severity: Finding['severity'], file: string, sheet: string | null, cell: string | null): Finding => ({
    ruleId: 'FIELD_REQUIRED', severity, file, sheet, cell, row: null, message: 'm', messageEn: 'm',
  });
  test('by severity (errors first), then by submission in the engine’s order', () => {
    const g = groupFindings([f('warning', 'a.xlsx', 'S1', 'B2'), f('error', 'a.xlsx', 'S1', 'C3'), f('error', 'b.xlsx', null, null), f('error', 'a.xlsx', 'S1', 'D4')]);
    expect(g.map((x) => [x.severity, x.count])).toEqual([['error', 3], ['warning', 1]]);
    expect(g[0].submissions.map((s) => [s.file, s.sheet, s.findings.length])).toEqual([['a.xlsx', 'S1', 2], ['b.xlsx', null, 1]]);
  });
  test('the tree’s lines: each with its level and place among its siblings; a folded group hides its lines', () => {
    const g = groupFindings([f('error', 'a.xlsx', 'S1', 'C3'), f('error', 'b.xlsx', null, null), f('error', 'a.xlsx', 'S1', 'D4'), f('info', 'a.xlsx', 'S1', 'B2')]);
    const line = (r: ReturnType<typeof flattenGroups>[number]) => `${r.kind} ${r.level} ${r.posInSet}/${r.setSize}${'expanded' in r ? (r.expanded ? ' open' : ' shut') : ''}`;
    expect(flattenGroups(g, new Set(['info'])).map(line)).toEqual([
      'severity 1 1/2 open',
      'submission 2 1/2 open',
      'finding 3 1/2',
      'finding 3 2/2',
      'submission 2 2/2 open',
      'finding 3 1/1',
      'severity 1 2/2 shut',
    ]);
    const rows = flattenGroups(g, new Set([submissionRowKey('error', g[0].submissions[0])]));
    expect(rows.map(line)).toEqual(['severity 1 1/2 open', 'submission 2 1/2 shut', 'submission 2 2/2 open', 'finding 3 1/1', 'severity 1 2/2 open', 'submission 2 1/1 open', 'finding 3 1/1']);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });
  test('file names for display', () => {
    expect(baseName('C:\\thu muc\\Cư Jút.xlsx')).toBe('Cư Jút.xlsx');
    expect(baseName('x/y/z.xlsx')).toBe('z.xlsx');
  });
});
