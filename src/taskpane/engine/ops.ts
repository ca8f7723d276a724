/**
 * The engine's heavy work, as plain requests: read files, check, write workbooks. The same code runs
 * in the Web Worker (engine.worker.ts) and, where no worker can start, on the page's own thread
 * (engine.ts). Every request and result is structured-cloneable: plain data, Uint8Arrays.
 * The .xlsx reader and writer are imported on demand, so ExcelJS stays out of the initial JavaScript.
 */
import type { CheckResult } from '../../check/result';
import type { Rulebook } from '../../rules/types';
import type { WorkbookGrid } from '../../sheet/grid';
import type { SimpleDate } from '../../sheet/submission';
import type { SourceWorkbook } from '../../check/index';

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** Where a long job is: "reading file 3 of 13", "checking", "writing". */
export interface EngineProgress {
  phase: 'read' | 'check' | 'write';
  /** Items finished so far (files for 'read'). */
  done: number;
  total: number;
  /** The file being read. */
  file?: string;
}

export type EngineRequest =
  | { op: 'readFiles'; files: PickedFile[] }
  | { op: 'checkFiles'; files: PickedFile[]; rulebook: Rulebook; merge?: boolean }
  | { op: 'check'; sources: SourceWorkbook[]; rulebook: Rulebook; merge?: boolean }
  | { op: 'readGrids'; bytes: Uint8Array }
  | { op: 'consolidatedXlsx'; result: CheckResult; rulebook: Rulebook; reportDate?: SimpleDate }
  | { op: 'templateXlsx'; rulebook: Rulebook; unitId?: string };

export interface EngineResults {
  readFiles: SourceWorkbook[];
  checkFiles: CheckResult;
  check: CheckResult;
  readGrids: WorkbookGrid;
  consolidatedXlsx: Uint8Array;
  templateXlsx: Uint8Array;
}

export type EngineOp = EngineRequest['op'];
export type RequestOf<K extends EngineOp> = Extract<EngineRequest, { op: K }>;

export interface OpHooks {
  progress(p: EngineProgress): void;
  /**
   * Called between files. On the page's thread it yields to the browser (so the pane repaints
   * and the cancel button can be pressed) and throws once the job is cancelled.
   */
  between?(): Promise<void>;
}

const reader = () => import(/* webpackChunkName: "xlsx-reader" */ '../../formats/xlsx/read/workbook');
const writer = () => import(/* webpackChunkName: "xlsx-writer" */ '../../formats/xlsx/write/workbook');
const checker = () => import(/* webpackChunkName: "check" */ '../../check/index');

/**
 * Reads the files one by one with `read`, reporting each and handing it to `take`; a file that
 * cannot be read becomes `unreadable`.
 */
async function eachFile(files: PickedFile[], hooks: OpHooks, read: (f: PickedFile) => SourceWorkbook, take: (src: SourceWorkbook) => void): Promise<void> {
  const { UnreadableError } = await reader();
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    hooks.progress({ phase: 'read', done: i, total: files.length, file: f.name });
    // On the page's thread: paint "file i" before reading it, and see a cancel.
    await hooks.between?.();
    let src: SourceWorkbook;
    try {
      src = read(f);
    } catch (err) {
      if (!(err instanceof UnreadableError)) throw err;
      src = { file: f.name, unreadable: err.info };
    }
    take(src);
  }
  hooks.progress({ phase: 'read', done: files.length, total: files.length });
  await hooks.between?.();
}

/** The files' workbooks, as grids. */
async function readFiles(files: PickedFile[], hooks: OpHooks): Promise<SourceWorkbook[]> {
  const { readXlsx } = await reader();
  const out: SourceWorkbook[] = [];
  await eachFile(files, hooks, (f) => ({ file: f.name, workbook: readXlsx(f.bytes) }), (src) => out.push(src));
  return out;
}

const stream = () => import(/* webpackChunkName: "xlsx-reader" */ '../../sheet/row-stream');

/**
 * Reads and checks the files one by one: each file's rows go straight into its submissions
 * (streamXlsx into streamSubmissions), so the worker never holds the cells of hundreds of files at
 * once. The result is check(readFiles(files)).
 */
async function checkFiles(files: PickedFile[], rulebook: Rulebook, merge: boolean | undefined, hooks: OpHooks): Promise<CheckResult> {
  const [{ streamXlsx }, { streamSubmissions }, { Checker }] = await Promise.all([reader(), stream(), checker()]);
  const c = new Checker(rulebook, merge ? { merge: true } : undefined);
  await eachFile(files, hooks, (f) => ({ file: f.name, submissions: streamSubmissions(f.name, rulebook, (v) => streamXlsx(f.bytes, v)) }), (src) => c.add(src));
  hooks.progress({ phase: 'check', done: 0, total: files.length });
  const result = c.finish();
  hooks.progress({ phase: 'check', done: files.length, total: files.length });
  return result;
}

async function check(sources: SourceWorkbook[], rulebook: Rulebook, merge: boolean | undefined, hooks: OpHooks): Promise<CheckResult> {
  const { checkWorkbooks } = await checker();
  hooks.progress({ phase: 'check', done: 0, total: sources.length });
  const result = checkWorkbooks(sources, rulebook, merge ? { merge: true } : undefined);
  hooks.progress({ phase: 'check', done: sources.length, total: sources.length });
  return result;
}

/** Runs one request. */
export async function runEngineOp<K extends EngineOp>(req: RequestOf<K>, hooks: OpHooks): Promise<EngineResults[K]> {
  const r = req as EngineRequest;
  switch (r.op) {
    case 'readFiles':
      return (await readFiles(r.files, hooks)) as EngineResults[K];
    case 'checkFiles':
      return (await checkFiles(r.files, r.rulebook, r.merge, hooks)) as EngineResults[K];
    case 'check':
      return (await check(r.sources, r.rulebook, r.merge, hooks)) as EngineResults[K];
    case 'readGrids': {
      const { readXlsx } = await reader();
      return readXlsx(r.bytes) as EngineResults[K];
    }
    case 'consolidatedXlsx': {
      const { writeConsolidatedXlsx } = await writer();
      hooks.progress({ phase: 'write', done: 0, total: 1 });
      return (await writeConsolidatedXlsx(r.result, r.rulebook, r.reportDate ? { reportDate: r.reportDate } : undefined)) as EngineResults[K];
    }
    case 'templateXlsx': {
      const { writeTemplateXlsx } = await writer();
      hooks.progress({ phase: 'write', done: 0, total: 1 });
      return (await writeTemplateXlsx(r.rulebook, r.unitId)) as EngineResults[K];
    }
  }
}
