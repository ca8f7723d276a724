/** Shared pieces of the command-line face: reading the inputs, the rulebook option, the text report. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { defaultRulebook, loadRulebook, type Rulebook } from '../rules/index';
import type { CheckOptions, SourceWorkbook } from '../check/index';
import { checkInputs, overRunLimit, RUN_LIMITS, type Allowance, type Loaded, type RunLimits } from '../check/run';
import type { CheckResult, Finding, Lang } from '../check/index';
import { pathName, readFailure, sheetName } from '../check/messages';
import { PIECE_CHARS } from '../check/report';
import type { Submission } from '../sheet/submission';
import { readXlsxFile, readXlsxFileSubmissions } from '../node/files';
import { UnreadableError, unreadable } from '../formats/errors';
import { DEFAULT_LIMITS } from '../formats/limits';
import { isWorkbookFile, loadRulebookWorkbook } from './rulebook-file';
import { terminalText } from '../text/terminal';
import { checkOutput, OutputRefused, type InputIds, type OutputTarget } from '../node/output';

export { toJsonReport } from '../check/report';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The command was misused: exit 2 with this message (and the help, unless `help` is false). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help = true,
  ) {
    super(message);
  }
}

/** An output refused (src/node/output.ts) as a misuse: exit 2, the reason in both languages, no help. */
export function refusal(e: OutputRefused): UsageError {
  return new UsageError(`${e.messageVi}\n${e.messageEn}`, false);
}

/** `--out` checked against the inputs (see checkOutput): a UsageError when refused. */
export async function outputTarget(out: string, inputs: InputIds): Promise<OutputTarget> {
  try {
    return await checkOutput(out, inputs);
  } catch (e) {
    throw e instanceof OutputRefused ? refusal(e) : e;
  }
}

/** The workbooks read: Excel's (.xlsx, .xlsm, Excel 97-2003 .xls) and OpenDocument's (.ods). */
const SPREADSHEET = /\.(xlsx|xlsm|xls|ods)$/i;

/**
 * Files named, and the .xlsx/.xlsm files inside folders named (sorted, Excel's "~$" lock files
 * skipped). Only listed here, never opened: whatever a name turns out to be (a FIFO, a device, a
 * folder named x.xlsx) stays in the list, and reading it refuses it with a finding of its own.
 */
export async function listInputs(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch {
      out.push(p); // reported as unreadable, the others still checked
      continue;
    }
    // A folder named like a workbook (an unzipped .xlsx?) is refused, not searched.
    if (stat.isDirectory() && !SPREADSHEET.test(p.replace(/[\\/]+$/, ''))) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    const named = SPREADSHEET.test(e.name) && !e.name.startsWith('~$');
    // Anything named like a workbook is listed, whatever it is: a FIFO or a folder named x.xlsx is then
    // refused by name in the report rather than hanging the run or vanishing from it.
    if (named) out.push(full);
    else if (e.isDirectory()) out.push(...(await walk(full)));
  }
  return out;
}

/** Reads one file; a file that cannot be read becomes an `unreadable` source, never an exception. */
export async function loadSource(file: string): Promise<SourceWorkbook> {
  try {
    return { file, workbook: await readXlsxFile(file) };
  } catch (e) {
    return unreadableSource(file, e);
  }
}

/**
 * As loadSource, with the file's submissions read straight from its rows instead of its grids;
 * with an `allowance`, read within what the run has left (refused with overRunLimit past it).
 */
export async function loadSubmissions(file: string, rulebook: Rulebook, allowance?: Allowance, limits: RunLimits = RUN_LIMITS): Promise<Loaded> {
  const meter = { expanded: 0 };
  const within = allowance && {
    maxCells: Math.min(DEFAULT_LIMITS.maxCells, Math.max(0, allowance.cells)),
    maxTotalBytes: Math.min(DEFAULT_LIMITS.maxTotalBytes, Math.max(0, allowance.expandedBytes)),
  };
  try {
    return { file, submissions: await readXlsxFileSubmissions(file, rulebook, { limits: within, meter }), expanded: meter.expanded };
  } catch (e) {
    if (within && e instanceof UnreadableError && stoppedByAllowance(e, within)) return { file, unreadable: overRunLimit(limits) };
    return unreadableSource(file, e);
  }
}

/** The reader refused the file at a limit that the run's allowance made smaller than a file's own. */
function stoppedByAllowance(e: UnreadableError, within: { maxCells: number; maxTotalBytes: number }): boolean {
  const said = e.info.message;
  return (
    (within.maxCells < DEFAULT_LIMITS.maxCells && said === unreadable.tooManyCells(within.maxCells).info.message) ||
    (within.maxTotalBytes < DEFAULT_LIMITS.maxTotalBytes && said === unreadable.totalTooLarge(within.maxTotalBytes).info.message)
  );
}

function unreadableSource(file: string, e: unknown): SourceWorkbook {
  if (e instanceof UnreadableError) return { file, unreadable: e.info };
  const err = e as NodeJS.ErrnoException;
  if (err && err.code === 'ENOENT') {
    return { file, unreadable: { code: 'not-found', message: 'Không tìm thấy tệp hoặc thư mục này. Hãy kiểm tra lại đường dẫn.', messageEn: 'No such file or folder. Check the path.' } };
  }
  return { file, unreadable: readFailure(e) };
}

/**
 * The run's limits: RUN_LIMITS, each replaced by a whole number in DIEN_HINH_RUN_BUDGET_CELLS or
 * DIEN_HINH_RUN_BUDGET_BYTES when set (to try the budget on small files: scripts/hostile.ts).
 */
export function runLimits(env: Record<string, string | undefined> = process.env): RunLimits {
  const num = (name: string, fallback: number) => {
    const v = env[name];
    return v !== undefined && /^\d+$/.test(v.trim()) ? Number(v) : fallback;
  };
  return {
    maxCells: num('DIEN_HINH_RUN_BUDGET_CELLS', RUN_LIMITS.maxCells),
    maxExpandedBytes: num('DIEN_HINH_RUN_BUDGET_BYTES', RUN_LIMITS.maxExpandedBytes),
  };
}

/**
 * Lists, reads and checks the files one at a time: each file's rows go straight into its
 * submissions and are dropped, so memory holds the nominations, never a sheet's cells. The result
 * is that of checkWorkbooks(await loadSources(paths)), within the run's limits.
 */
export async function checkPaths(paths: string[], rulebook: Rulebook, opts: CheckOptions = {}, limits: RunLimits = runLimits()): Promise<CheckResult> {
  const files = (await listInputs(paths)).map((name) => ({ name }));
  return checkInputs(files, rulebook, opts, {
    load: ({ name }, allowance) => loadSubmissions(name, rulebook, allowance, limits),
    unreadable: (e, { name }) => unreadableSource(name, e).unreadable,
    limits,
  });
}

export async function loadSources(paths: string[]): Promise<SourceWorkbook[]> {
  const files = await listInputs(paths);
  const out: SourceWorkbook[] = [];
  for (const f of files) out.push(await loadSource(f));
  return out;
}

export async function loadRulebookOption(file?: string): Promise<Rulebook> {
  if (!file) return defaultRulebook;
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    throw new UsageError(`Không đọc được tệp quy tắc "${file}". / Cannot read the rulebook file "${file}".`);
  }
  if (isWorkbookFile(file, bytes)) return loadRulebookWorkbook(file);
  return loadRulebook(bytes.toString('utf8'));
}

const SEVERITY_LABEL: Record<Lang, Record<Finding['severity'], string>> = {
  vi: { error: 'LỖI', warning: 'CẢNH BÁO', info: 'THÔNG TIN' },
  en: { error: 'ERROR', warning: 'WARNING', info: 'INFO' },
};

const STATUS_LABEL: Record<Lang, Record<string, string>> = {
  vi: { ok: 'Hợp lệ', invalid: 'Có lỗi', unreadable: 'Không đọc được' },
  en: { ok: 'Valid', invalid: 'Has errors', unreadable: 'Unreadable' },
};

/** Text from a file, safe to print (escape sequences, control and bidi characters removed). */
const t = (s: string): string => terminalText(s);

/**
 * The readable report, in pieces of about PIECE_CHARS written one by one (never one string: a run
 * of many findings would pass V8's longest string): grouped by file, each finding at its cell, then
 * a summary line. Sheet names and paths are cut as messages cut them; everything that came from a
 * file (names, values quoted in messages) goes through terminalText (`t`).
 */
export function* textReportPieces(result: CheckResult, lang: Lang): Generator<string, void, undefined> {
  let piece = '';
  const line = function* (text: string) {
    piece += `${text}\n`;
    if (piece.length >= PIECE_CHARS) {
      yield piece;
      piece = '';
    }
  };
  const sev = SEVERITY_LABEL[lang];
  const pad = lang === 'vi' ? 9 : 7;
  const byFile = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  // Each file's submissions, files in their first submission's order.
  const subsByFile = new Map<string, Submission[]>();
  for (const s of result.submissions) {
    const list = subsByFile.get(s.file) ?? [];
    list.push(s);
    subsByFile.set(s.file, list);
  }
  for (const [file, subs] of subsByFile) {
    yield* line(`■ ${t(pathName(file))}`);
    for (const s of subs) {
      const unit = s.unit ? t(s.unit.name) : lang === 'vi' ? '(chưa xác định đơn vị)' : '(unit unknown)';
      const people = lang === 'vi' ? `${s.nominations.length} người` : `${s.nominations.length} nominee(s)`;
      const sheet = s.sheet ? `${lang === 'vi' ? 'trang' : 'sheet'} "${t(sheetName(s.sheet))}"` : '';
      yield* line(`  ${[sheet, unit, people, STATUS_LABEL[lang][s.status]].filter(Boolean).join(' · ')}`);
    }
    for (const f of byFile.get(file) ?? []) {
      const sheet = f.sheet ? sheetName(f.sheet) : '';
      const at = f.cell ? `${sheet ? `${sheet}!` : ''}${f.cell}` : sheet;
      yield* line(`    ${sev[f.severity].padEnd(pad)} ${at ? `${t(at)}: ` : ''}${t(lang === 'en' ? f.messageEn : f.message)} [${f.ruleId}]`);
    }
    yield* line('');
  }
  const general = byFile.get('') ?? [];
  if (general.length) {
    yield* line(lang === 'vi' ? '■ Toàn bộ đợt tổng hợp' : '■ The whole collection');
    for (const f of general) yield* line(`    ${sev[f.severity].padEnd(pad)} ${t(lang === 'en' ? f.messageEn : f.message)} [${f.ruleId}]`);
    yield* line('');
  }
  const s = result.summary;
  yield `${piece}${
    lang === 'vi'
      ? `Tổng cộng: ${s.submissions} danh sách, ${s.nominees} người được đề cử, ${s.errors} lỗi, ${s.warnings} cảnh báo, ${s.infos} thông tin.`
      : `Total: ${s.submissions} submission(s), ${s.nominees} nominee(s), ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info.`
  }\n`;
}

export function exitCode(result: CheckResult): number {
  return result.summary.errors > 0 ? 1 : 0;
}
