/** The JSON report of CONTRACT.md: submissions, findings, summary. */
import type { Lang } from './finding';
import type { CheckResult } from './result';

export interface JsonReport {
  submissions: {
    file: string;
    sheet: string | null;
    unit: { name: string; kind: 'phong' | 'khoi' } | null;
    nominees: number;
    status: 'ok' | 'invalid' | 'unreadable';
    date: string | null;
  }[];
  findings: {
    ruleId: string;
    severity: string;
    file: string;
    sheet: string | null;
    cell: string | null;
    row: number | null;
    message: string;
    value?: string;
  }[];
  summary: { submissions: number; nominees: number; errors: number; warnings: number; infos: number };
}

function iso(d: { y: number; m?: number; d?: number } | null): string | null {
  if (!d) return null;
  if (d.m === undefined || d.d === undefined) return String(d.y);
  return `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

export function toJsonReport(result: CheckResult, lang: Lang = 'vi'): JsonReport {
  return {
    submissions: result.submissions.map((s) => ({
      file: s.file,
      sheet: s.sheet,
      unit: s.unit ? { name: s.unit.name, kind: s.unit.kind } : null,
      nominees: s.nominations.length,
      status: s.status,
      date: iso(s.date),
    })),
    findings: result.findings.map((f) => {
      const out: JsonReport['findings'][number] = {
        ruleId: f.ruleId,
        severity: f.severity,
        file: f.file,
        sheet: f.sheet,
        cell: f.cell,
        row: f.row,
        message: lang === 'en' ? f.messageEn : f.message,
      };
      if (f.value !== undefined) out.value = f.value;
      return out;
    }),
    summary: { ...result.summary },
  };
}
