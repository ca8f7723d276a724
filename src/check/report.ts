/**
 * The JSON report of CONTRACT.md: submissions, findings, summary. Sheet names and values are cut
 * as messages cut them (messages.ts, CLIP), so no finding can carry megabytes; files are paths as
 * given, bounded by the system.
 */
import type { Lang } from './finding';
import { clip, sheetName } from './messages';
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
      sheet: s.sheet === null ? null : sheetName(s.sheet),
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
        sheet: f.sheet === null ? null : sheetName(f.sheet),
        cell: f.cell,
        row: f.row,
        message: lang === 'en' ? f.messageEn : f.message,
      };
      if (f.value !== undefined) out.value = clip(f.value);
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
 * What one piece of a streamed report holds at most, give or take one item: every item is bounded
 * (its texts cut), so no piece nears V8's longest string whatever the files held.
 */
export const PIECE_CHARS = 1 << 16;

/**
 * `JSON.stringify(toJsonReport(result, lang), null, 2)`, character for character, in pieces of
 * about PIECE_CHARS: a report of 50,000 findings is written without holding it whole (nor the
 * objects behind it).
 */
export function* jsonReportPieces(
  result: CheckResult,
  lang: Lang = 'vi',
  findingsPerPiece = 500,
  /** Fields after "summary" (merge adds "workbook"). */
  extra: Record<string, unknown> = {},
): Generator<string, void, undefined> {
  const item = (v: unknown) => `    ${nest(JSON.stringify(v, null, 2), '    ')}`;
  const { summary } = result;
  yield* arrayPieces('{\n  "submissions": ', result.submissions.length, findingsPerPiece, (from, to) =>
    toJsonReport({ ...result, submissions: result.submissions.slice(from, to), findings: [] }, lang).submissions.map(item),
  );
  yield* arrayPieces(',\n  "findings": ', result.findings.length, findingsPerPiece, (from, to) =>
    toJsonReport({ ...result, submissions: [], findings: result.findings.slice(from, to) }, lang).findings.map(item),
  );
  let tail = '';
  for (const [key, value] of Object.entries({ summary, ...extra })) {
    if (value !== undefined) tail += `,\n  ${JSON.stringify(key)}: ${nest(JSON.stringify(value, null, 2), '  ')}`;
  }
  yield `${tail}\n}`;
}

/**
 * `head` and a top-level array of `count` items as JSON.stringify indents it, in pieces; `items`
 * gives the indented texts of items from..to, made a batch at a time.
 */
function* arrayPieces(head: string, count: number, batch: number, items: (from: number, to: number) => string[]): Generator<string, void, undefined> {
  if (count === 0) {
    yield `${head}[]`;
    return;
  }
  let piece = `${head}[\n`;
  for (let i = 0; i < count; i += batch) {
    for (const [k, text] of items(i, Math.min(count, i + batch)).entries()) {
      piece += i + k ? `,\n${text}` : text;
      if (piece.length >= PIECE_CHARS) {
        yield piece;
        piece = '';
      }
    }
  }
  yield `${piece}\n  ]`;
}
