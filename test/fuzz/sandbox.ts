/**
 * The fuzz suite's target, run on one input: the whole read-and-check path on bytes, as the command
 * line and the task pane run it, in process (no CLI). harness.ts runs it in a worker thread so that
 * a hang can be stopped and a runaway allocation ends in that thread's heap limit, not in Jest's.
 *
 * What one job does with the bytes, every call timed:
 *   - readXlsx (the grid), then readSubmissions on that grid, then checkWorkbooks on the grid (or on
 *     the refusal) and the JSON report the CLI writes (jsonReportPieces);
 *   - readXlsxSubmissions (the streaming read), then checkWorkbooks on those submissions and its report.
 * The grid read is made again with the other inflater (Node's zlib or fflate), which must give the
 * same grid or the same refusal: the command line and the task pane read a file alike.
 *
 * The contract: each read returns or throws UnreadableError; the core (readSubmissions, the check,
 * the report) never throws; the two reads agree (same submissions as JSON, or the same refusal code)
 * and so do their reports; the bytes given are left as they were (a reader frees the buffers it
 * inflated, never the caller's: see releasePart). A refusal that came from the readers' catch-all (an UnreadableError with
 * a `cause`: some other exception turned into "damaged") is reported as a masked crash.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as zlib from 'node:zlib';
import { readXlsx, type ReadOptions } from '../../src/formats/xlsx/read/workbook';
import { readXlsxSubmissions } from '../helpers/stream-read';
import { UnreadableError } from '../../src/formats/errors';
import { readSubmissions } from '../../src/sheet/read';
import { checkWorkbooks, jsonReportPieces, type SourceWorkbook } from '../../src/check/index';
import { defaultRulebook } from '../../src/rules/index';
import type { WorkbookGrid } from '../../src/sheet/grid';
import type { Submission } from '../../src/sheet/submission';

export interface Job {
  id: number;
  bytes: Uint8Array;
  /** The file name the check sees (it names the submission, and a unit may be read from it). */
  file: string;
  /** Read with Node's zlib (the CLI's inflater, src/node/files.ts) instead of fflate (the task pane's). */
  native: boolean;
  /** Check as the merge does (units that sent nothing reported too). */
  merge?: boolean;
  /** Instead of the job, misbehave so (harness.test.ts shows the harness catches each). */
  probe?: 'hang' | 'oom' | 'exit';
}

/** How one read ended. */
export type ReadEnd =
  | { kind: 'ok'; json: string; nominees: number }
  | { kind: 'refused'; code: string; masked?: string }
  | { kind: 'crash'; error: string };

export interface Verdict {
  id: number;
  grid: ReadEnd;
  stream: ReadEnd;
  /** Contract violations seen in the worker (crashes in the core, disagreements), in words. */
  problems: string[];
  /** Milliseconds per call. */
  ms: Record<string, number>;
  /** Length of the JSON report (the longer of the two paths'). */
  reportChars: number;
}

/** Node's zlib bounded by the declared size, as src/node/files.ts gives it to the reader. */
function nativeInflate(data: Uint8Array, maxBytes: number): Uint8Array | null {
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: maxBytes, chunkSize: Math.max(16384, Math.min(maxBytes + 1, 1 << 25)) });
  } catch {
    return null;
  }
}
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}\n${(err.stack ?? '').split('\n').slice(1, 8).join('\n')}`;
  return `non-Error thrown: ${String(err)}`;
}

function refusal(err: unknown): ReadEnd {
  if (!(err instanceof UnreadableError)) return { kind: 'crash', error: describe(err) };
  const cause = (err as { cause?: unknown }).cause;
  const out: ReadEnd = { kind: 'refused', code: err.info.code };
  if (cause !== undefined && !(cause instanceof UnreadableError)) out.masked = describe(cause);
  return out;
}

function report(sources: SourceWorkbook[], merge: boolean): string {
  return [...jsonReportPieces(checkWorkbooks(sources, defaultRulebook, { merge }))].join('');
}

function nominees(subs: Submission[]): number {
  return subs.reduce((a, s) => a + s.nominations.length, 0);
}

export function runJob(job: Job): Verdict {
  const { bytes, file } = job;
  const before = bytes.slice();
  const native: ReadOptions = { inflate: nativeInflate, crc32: nativeCrc32 };
  const opts: ReadOptions = job.native ? native : {};
  const merge = job.merge ?? false;
  const ms: Record<string, number> = {};
  const problems: string[] = [];
  const timed = <T>(name: string, f: () => T): T => {
    const t = performance.now();
    try {
      return f();
    } finally {
      ms[name] = performance.now() - t;
    }
  };
  /** A core call that must not throw on any input: its exception is a problem, and the result null. */
  const core = <T>(name: string, f: () => T): T | null => {
    try {
      return timed(name, f);
    } catch (err) {
      problems.push(`${name} threw ${describe(err)}`);
      return null;
    }
  };

  // The grid read, its submissions and its report.
  let wb: WorkbookGrid | null = null;
  let grid: ReadEnd = { kind: 'crash', error: 'not read' };
  let gridReport: string | null = null;
  try {
    const read = timed('readXlsx', () => readXlsx(bytes, opts));
    wb = read;
  } catch (err) {
    grid = refusal(err);
    if (err instanceof UnreadableError) {
      const info = err.info;
      gridReport = core('check(refused)', () => report([{ file, unreadable: info }], merge));
    }
  }
  if (wb) {
    const read = wb;
    const subs = core('readSubmissions', () => readSubmissions(file, read, defaultRulebook));
    grid = subs ? { kind: 'ok', json: JSON.stringify(subs), nominees: nominees(subs) } : { kind: 'crash', error: 'readSubmissions threw' };
    gridReport = core('check(grid)', () => report([{ file, workbook: read }], merge));
  }

  // The streaming read and its report.
  let stream: ReadEnd;
  let streamReport: string | null = null;
  try {
    const subs = timed('readXlsxSubmissions', () => readXlsxSubmissions(bytes, file, defaultRulebook, opts));
    stream = { kind: 'ok', json: JSON.stringify(subs), nominees: nominees(subs) };
    streamReport = core('check(stream)', () => report([{ file, submissions: subs }], merge));
  } catch (err) {
    stream = refusal(err);
  }

  // The differential: the same submissions, or the same refusal; then the same report.
  const g = grid;
  if (g.kind === 'ok' && stream.kind === 'ok') {
    if (g.json !== stream.json) problems.push(`the streaming read and the grid read give different submissions${firstDifference(g.json, stream.json)}`);
    else if (gridReport !== null && streamReport !== null && gridReport !== streamReport) problems.push(`the check gives different reports by the two reads${firstDifference(gridReport, streamReport)}`);
  } else if (g.kind === 'refused' && stream.kind === 'refused') {
    if (g.code !== stream.code) problems.push(`the two reads refuse with different codes: grid ${g.code}, stream ${stream.code}`);
  } else if (g.kind !== 'crash' && stream.kind !== 'crash') {
    problems.push(`one read refuses and the other reads: grid ${g.kind === 'ok' ? 'read' : `refused (${g.code})`}, stream ${stream.kind === 'ok' ? 'read' : `refused (${stream.code})`}`);
  }
  // The other inflater: the same grid, or the same refusal.
  let again: string;
  try {
    again = JSON.stringify(timed('readXlsx(other inflater)', () => readXlsx(bytes, job.native ? {} : native)));
  } catch (err) {
    again = err instanceof UnreadableError ? `refused: ${err.info.code}` : `crashed: ${describe(err)}`;
  }
  const first = wb ? JSON.stringify(wb) : g.kind === 'refused' ? `refused: ${g.code}` : `crashed`;
  if (again !== first) {
    const [zlib, fflate] = job.native ? [first, again] : [again, first];
    problems.push(`zlib and fflate read the file differently${firstDifference(zlib, fflate, 'zlib', 'fflate')}`);
  }
  if (bytes.byteLength !== before.byteLength || bytes.some((b, i) => b !== before[i])) {
    problems.push(`the bytes read were changed (${before.byteLength} bytes before, ${bytes.byteLength} after)`);
  }
  for (const r of [gridReport, streamReport]) {
    if (r === null) continue;
    try {
      JSON.parse(r);
    } catch (err) {
      problems.push(`the JSON report does not parse: ${describe(err)}`);
    }
  }
  return { id: job.id, grid: g, stream, problems, ms, reportChars: Math.max(gridReport?.length ?? 0, streamReport?.length ?? 0) };
}

function firstDifference(a: string, b: string, as = 'grid', bs = 'stream'): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const from = Math.max(0, i - 60);
  return ` (from character ${i}: ${as} …${JSON.stringify(a.slice(from, i + 120))}, ${bs} …${JSON.stringify(b.slice(from, i + 120))})`;
}

// In a worker started by harness.ts: answer jobs until terminated.
if (parentPort && (workerData as { fuzzSandbox?: boolean } | undefined)?.fuzzSandbox) {
  const port = parentPort;
  port.on('message', (job: Job) => {
    if (job.probe === 'hang') for (;;);
    if (job.probe === 'oom') {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array<number>(1 << 23).fill(0.5));
    }
    if (job.probe === 'exit') process.exit(3);
    let verdict: Verdict;
    try {
      verdict = runJob(job);
    } catch (err) {
      // runJob itself only throws if something outside the contract's calls broke.
      verdict = { id: job.id, grid: { kind: 'crash', error: describe(err) }, stream: { kind: 'crash', error: describe(err) }, problems: [`the job failed: ${describe(err)}`], ms: {}, reportChars: 0 };
    }
    port.postMessage(verdict);
  });
  port.postMessage({ ready: true });
}
