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
