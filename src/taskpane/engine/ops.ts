/**
 * The engine's operations, declared once: each entry of OPS takes a request and returns its result.
 * Everything else is derived from this table by TypeScript: the Engine's methods (index.ts), the
 * messages to the worker (protocol.ts), the worker's dispatch (worker-host.ts) and the page's own
 * runner (main-thread.ts). Adding an operation is adding an entry here.
 *
 * The same code runs in the Web Worker (engine.worker.ts) and, where no worker can start, on the
 * page's own thread. Every request and result is structured-cloneable: plain data, Uint8Arrays.
 * The .xlsx reader and writer are imported on demand, so ExcelJS stays out of the initial JavaScript.
 */
import type { SourceWorkbook } from '../../check/index';
import type { CheckResult } from '../../check/result';
import type { Rulebook } from '../../rules/types';
import type { WorkbookGrid } from '../../sheet/grid';
import type { SimpleDate } from '../../sheet/submission';

/** A file the user picked: its name and its bytes. */
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
const runner = () => import(/* webpackChunkName: "check" */ '../../check/run');
const submissions = () => import(/* webpackChunkName: "xlsx-reader" */ '../../formats/xlsx/read/submissions');

/** The operations: name -> (request, hooks) => result. */
export const OPS = {
  /** The files' workbooks, as grids; a file that cannot be read becomes `unreadable`. */
  async readFiles(req: { files: PickedFile[] }, hooks: OpHooks): Promise<SourceWorkbook[]> {
    const { readXlsx, UnreadableError } = await reader();
    const { files } = req;
    const out: SourceWorkbook[] = [];
    for (let i = 0; i < files.length; i++) {
      const f = files[i];
      hooks.progress({ phase: 'read', done: i, total: files.length, file: f.name });
      // On the page's thread: paint "file i" before reading it, and see a cancel.
      await hooks.between?.();
      try {
        out.push({ file: f.name, workbook: readXlsx(f.bytes) });
      } catch (err) {
        if (!(err instanceof UnreadableError)) throw err;
        out.push({ file: f.name, unreadable: err.info });
      }
    }
    hooks.progress({ phase: 'read', done: files.length, total: files.length });
    await hooks.between?.();
    return out;
  },

  /**
   * Reads and checks the files one by one (src/check/run.ts): each file's rows go straight into its
   * submissions (readXlsxSubmissions), so the worker never holds the cells of hundreds of files at
   * once, and only the result comes back. The result is check(readFiles(files)).
   */
  async checkFiles(req: { files: PickedFile[]; rulebook: Rulebook; merge?: boolean }, hooks: OpHooks): Promise<CheckResult> {
    const rulebook = req.rulebook;
    const [{ readXlsxSubmissions }, { checkInputs }, { UnreadableError }] = await Promise.all([submissions(), runner(), reader()]);
    return checkInputs(req.files, rulebook, req.merge ? { merge: true } : undefined, {
      ...hooks,
      load: (f) => ({ file: f.name, submissions: readXlsxSubmissions(f.bytes, f.name, rulebook) }),
      unreadable: (err) => (err instanceof UnreadableError ? err.info : undefined),
    });
  },

  /** Sources already read (the grids Office.js read on the page) -> their check. */
  async check(req: { sources: SourceWorkbook[]; rulebook: Rulebook; merge?: boolean }, hooks: OpHooks): Promise<CheckResult> {
    const { checkWorkbooks } = await checker();
    const { sources } = req;
    hooks.progress({ phase: 'check', done: 0, total: sources.length });
    const result = checkWorkbooks(sources, req.rulebook, req.merge ? { merge: true } : undefined);
    hooks.progress({ phase: 'check', done: sources.length, total: sources.length });
    return result;
  },

  /** An .xlsx (our template) -> grids, for writing its values where Excel cannot insert the file. */
  async readGrids(req: { bytes: Uint8Array }): Promise<WorkbookGrid> {
    const { readXlsx } = await reader();
    return readXlsx(req.bytes);
  },

  /** The department's workbook. `reportDate`: the date line of the report (the pane passes today; none leaves it for the pen). */
  async consolidatedXlsx(r: { result: CheckResult; rulebook: Rulebook; reportDate?: SimpleDate }, hooks: OpHooks): Promise<Uint8Array> {
    const { writeConsolidatedXlsx } = await writer();
    hooks.progress({ phase: 'write', done: 0, total: 1 });
    return await writeConsolidatedXlsx(r.result, r.rulebook, r.reportDate ? { reportDate: r.reportDate } : undefined);
  },

  /** The standard nomination sheet, for a unit of the registry if given. */
  async templateXlsx(r: { rulebook: Rulebook; unitId?: string }, hooks: OpHooks): Promise<Uint8Array> {
    const { writeTemplateXlsx } = await writer();
    hooks.progress({ phase: 'write', done: 0, total: 1 });
    return await writeTemplateXlsx(r.rulebook, r.unitId);
  },
} satisfies Record<string, (request: never, hooks: OpHooks) => Promise<unknown>>;

export type Ops = typeof OPS;
export type OpName = keyof Ops;
export type RequestOf<K extends OpName> = Parameters<Ops[K]>[0];
export type ResultOf<K extends OpName> = Awaited<ReturnType<Ops[K]>>;

/** The operations' names, in the table's order. */
export const OP_NAMES = Object.keys(OPS) as OpName[];

/** Runs one operation, looked up in OPS when called (a name not in the table is refused). */
export function runOp<K extends OpName>(op: K, request: RequestOf<K>, hooks: OpHooks): Promise<ResultOf<K>> {
  if (!Object.prototype.hasOwnProperty.call(OPS, op)) return Promise.reject(new Error(`No engine operation "${String(op)}".`));
  const run = OPS[op] as unknown as (request: RequestOf<K>, hooks: OpHooks) => Promise<ResultOf<K>>;
  return run.call(OPS, request, hooks);
}
