/** How the pane shows findings: by severity, then by submission (file and sheet), in the engine's order. */
import type { Finding, Severity } from '../../check/finding';
import type { CheckResult } from '../../check/result';
import type { Submission } from '../../sheet/submission';

export interface SubmissionGroup {
  key: string;
  file: string;
  sheet: string | null;
  findings: Finding[];
}

export interface SeverityGroup {
  severity: Severity;
  count: number;
  submissions: SubmissionGroup[];
}

export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function groupFindings(findings: Finding[]): SeverityGroup[] {
  const out: SeverityGroup[] = [];
  for (const severity of SEVERITIES) {
    const subs = new Map<string, SubmissionGroup>();
    let count = 0;
    for (const f of findings) {
      if (f.severity !== severity) continue;
      count++;
      const key = `${f.file}\u0000${f.sheet ?? ''}`;
      let g = subs.get(key);
      if (!g) {
        g = { key, file: f.file, sheet: f.sheet, findings: [] };
        subs.set(key, g);
      }
      g.findings.push(f);
    }
    if (count > 0) out.push({ severity, count, submissions: [...subs.values()] });
  }
  return out;
}

export { baseName } from '../../text/file-name';

export interface SourceRow {
  key: string;
  file: string;
  sheet: string | null;
  unit: string | null;
  nominees: number;
  status: Submission['status'];
  errors: number;
  warnings: number;
}

/** One row per submission (an unreadable file is a submission with status 'unreadable'). */
export function sourceRows(result: CheckResult): SourceRow[] {
  return result.submissions.map((s, i) => {
    const mine = result.findings.filter((f) => f.file === s.file && (s.sheet === null || f.sheet === s.sheet || f.sheet === null));
    return {
      key: `${i}:${s.file}:${s.sheet ?? ''}`,
      file: s.file,
      sheet: s.sheet,
      unit: s.unit?.name ?? null,
      nominees: s.nominations.length,
      status: s.status,
      errors: mine.filter((f) => f.severity === 'error').length,
      warnings: mine.filter((f) => f.severity === 'warning').length,
    };
  });
}

/** Today as the report's date (the user's clock; the pane is interactive, unlike the CLI). */
export function today(now = new Date()): { y: number; m: number; d: number } {
  return { y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() };
}

/** One line of the findings tree as the pane draws it: a severity, a submission under it, or a finding. */
export type FindingRow =
  | { kind: 'severity'; key: string; level: 1; setSize: number; posInSet: number; expanded: boolean; severity: Severity; count: number }
  | { kind: 'submission'; key: string; level: 2; setSize: number; posInSet: number; expanded: boolean; severity: Severity; file: string; sheet: string | null; count: number }
  | { kind: 'finding'; key: string; level: 3; setSize: number; posInSet: number; severity: Severity; finding: Finding };

/** The key of a severity group, and of a submission group under it, for `collapsed`. */
export const submissionRowKey = (severity: Severity, sub: SubmissionGroup) => `${severity}\u0001${sub.key}`;

/**
 * The groups as the flat list of lines a windowed list draws (only the lines on screen exist), with
 * each line's place among its siblings for screen readers. A group whose key is in `collapsed`
 * shows no lines under it.
 */
export function flattenGroups(groups: SeverityGroup[], collapsed: ReadonlySet<string>): FindingRow[] {
  const rows: FindingRow[] = [];
  groups.forEach((g, gi) => {
    const open = !collapsed.has(g.severity);
    rows.push({ kind: 'severity', key: g.severity, level: 1, setSize: groups.length, posInSet: gi + 1, expanded: open, severity: g.severity, count: g.count });
    if (!open) return;
    g.submissions.forEach((sub, si) => {
      const key = submissionRowKey(g.severity, sub);
      const subOpen = !collapsed.has(key);
      rows.push({ kind: 'submission', key, level: 2, setSize: g.submissions.length, posInSet: si + 1, expanded: subOpen, severity: g.severity, file: sub.file, sheet: sub.sheet, count: sub.findings.length });
      if (!subOpen) return;
      const n = sub.findings.length;
      for (let i = 0; i < n; i++) rows.push({ kind: 'finding', key: `${key}\u0001${i}`, level: 3, setSize: n, posInSet: i + 1, severity: g.severity, finding: sub.findings[i] });
    });
  });
  return rows;
}
