/** The JSON report of CONTRACT.md: submissions, findings, summary. */
import type { Lang } from './finding';
import type { CheckResult } from './result';

export interface JsonReport {
  submissions: {
    file: string;
    sheet: string | null;
    /** `kind`: the id of the unit's kind in the rulebook ("phong", "khoi", or another the rulebook defines). */
    unit: { name: string; kind: string } | null;
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

/** Indents every line after the first, as JSON.stringify does for a nested value. */
function nest(json: string, pad: string): string {
  return json.indexOf('\n') < 0 ? json : json.replace(/\n/g, `\n${pad}`);
}

/**
 * `JSON.stringify(toJsonReport(result, lang), null, 2)`, character for character, in pieces: a
 * report of 50,000 findings is written without holding it whole (nor the objects behind it).
 */
export function* jsonReportPieces(
  result: CheckResult,
  lang: Lang = 'vi',
  findingsPerPiece = 500,
  /** Fields after "summary" (merge adds "workbook"). */
  extra: Record<string, unknown> = {},
): Generator<string, void, undefined> {
  const { submissions, summary } = toJsonReport({ ...result, findings: [] }, lang);
  const item = (v: unknown) => `    ${nest(JSON.stringify(v, null, 2), '    ')}`;
  let head = '{\n  "submissions": ';
  head += submissions.length ? `[\n${submissions.map(item).join(',\n')}\n  ]` : '[]';
  head += ',\n  "findings": ';
  const findings = result.findings;
  if (findings.length === 0) {
    yield `${head}[]`;
  } else {
    let piece = `${head}[\n`;
    for (let i = 0; i < findings.length; i += findingsPerPiece) {
      const part = toJsonReport({ ...result, submissions: [], findings: findings.slice(i, i + findingsPerPiece) }, lang).findings;
      // The batch inside an array ("[\n  [\n    {…},\n    {…}\n  ]\n]"): its items come out at the
      // depth they have in the report, with no re-indenting pass; the brackets are cut off.
      const batch = JSON.stringify([part], null, 2);
      piece += `${i ? ',\n' : ''}${batch.slice(6, -6)}`;
      yield piece;
      piece = '';
    }
    yield '\n  ]';
  }
  let tail = '';
  for (const [key, value] of Object.entries({ summary, ...extra })) {
    if (value !== undefined) tail += `,\n  ${JSON.stringify(key)}: ${nest(JSON.stringify(value, null, 2), '  ')}`;
  }
  yield `${tail}\n}`;
}
