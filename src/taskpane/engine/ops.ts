/**
 * The engine's operations, declared once: each entry of OPS takes a request and returns its result.
 * Everything else is derived from this table by TypeScript: the Engine's methods (index.ts), the
 * messages to the worker (protocol.ts), the worker's dispatch (worker-host.ts) and the page's own
 * runner (main-thread.ts). Adding an operation is adding an entry here.
 *
 * The same code runs in the Web Worker (engine.worker.ts) and, where no worker can start, on the
 * page's own thread. Every request and result is structured-cloneable: plain data, Uint8Arrays.
 * The readers (.xlsx, and .xls and .ods in chunks of their own) and the writer are imported on
 * demand, so they stay out of the pane's initial JavaScript.
 */
import type { CheckResult } from '../../check/result';
import type { Rulebook } from '../../rules/types';
import type { WorkbookGrid } from '../../sheet/grid';
import type { SimpleDate } from '../../sheet/submission';

/** A file the user picked: its name and its bytes. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

/** A workbook already read into grids (by Office.js, on the page): the one open in Excel. */
export interface WorkbookInput {
  name: string;
  workbook: WorkbookGrid;
}

/** What the engine checks: files to read, or a workbook's grids. */
export type CheckInput = PickedFile | WorkbookInput;

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
const checker = () => import(/* webpackChunkName: "check" */ '../../check/run');
const stream = () => import(/* webpackChunkName: "xlsx-reader" */ '../../sheet/row-stream');
// Only the sniffing and the refusals: readWorkbook loads the .xls and .ods readers when a file needs one.
const formats = () => import(/* webpackChunkName: "xlsx-reader" */ '../../formats/index');

/** The operations: name -> (request, hooks) => result. */
export const OPS = {
  /**
   * Reads and checks the inputs one by one (src/check/run.ts): an .xlsx file's rows go straight into its
   * submissions (streamXlsx into streamSubmissions), so the worker never holds the cells of hundreds of files at
   * once, and only the result comes back. An .xls or .ods file (told by its content first, its name
   * second) is read whole into grids by readWorkbook, which loads its reader then. A file that cannot
   * be read, or is no workbook at all, is reported `unreadable` with the reader's reason.
   * `merge`: also report the registered units that sent nothing. Grids alone (the workbook open in
   * Excel, read on the page) have no file to read here: only their check is reported.
   */
  async check(req: { inputs: CheckInput[]; rulebook: Rulebook; merge?: boolean }, hooks: OpHooks): Promise<CheckResult> {
    const rulebook = req.rulebook;
    const gridsOnly = req.inputs.every((f) => !('bytes' in f));
    const [{ streamXlsx, UnreadableError }, { streamSubmissions }, { checkInputs }, { detectFormat, readWorkbook }] = await Promise.all([reader(), stream(), checker(), formats()]);
    return checkInputs(req.inputs, rulebook, req.merge ? { merge: true } : undefined, {
      ...hooks,
      progress: (p) => {
        if (!(gridsOnly && p.phase === 'read')) hooks.progress(p);
      },
      load: async (f) => {
        if (!('bytes' in f)) return { file: f.name, workbook: f.workbook };
        // Throws the reader's refusal (a PDF, a web page saved as .xls, a text file…) for anything else.
        if ((await detectFormat(f.bytes, f.name)) === 'xlsx') return { file: f.name, submissions: streamSubmissions(f.name, rulebook, (v) => streamXlsx(f.bytes, v)) };
        return { file: f.name, workbook: await readWorkbook(f.bytes, f.name) };
      },
      unreadable: (err) => (err instanceof UnreadableError ? err.info : undefined),
    });
  },

  /** An .xlsx (our template) -> grids, for writing its values where Excel cannot insert the file. */
  async readGrids(req: { bytes: Uint8Array }): Promise<WorkbookGrid> {
    const { readXlsx } = await reader();
    return readXlsx(req.bytes);
  },

  /** The department's workbook. `reportDate`: the date line of the report (the pane passes today; none leaves it for the pen). */
  async consolidatedXlsx(r: { result: CheckResult; rulebook: Rulebook; reportDate?: SimpleDate }, hooks: OpHooks): Promise<Uint8Array> {
    // The book is built in the core, in the writer's chunk (only a written workbook needs it).
    const [{ writeBook }, { buildConsolidatedBook }] = await Promise.all([writer(), import(/* webpackChunkName: "xlsx-writer" */ '../../consolidate/consolidated')]);
    hooks.progress({ phase: 'write', done: 0, total: 1 });
    return await writeBook(buildConsolidatedBook(r.result, r.rulebook, r.reportDate ? { reportDate: r.reportDate } : undefined));
  },

  /** The standard nomination sheet, for a unit of the registry if given. */
  async templateXlsx(r: { rulebook: Rulebook; unitId?: string }, hooks: OpHooks): Promise<Uint8Array> {
    const [{ writeBook }, { buildTemplateBook }] = await Promise.all([writer(), import(/* webpackChunkName: "xlsx-writer" */ '../../consolidate/template')]);
    hooks.progress({ phase: 'write', done: 0, total: 1 });
    return await writeBook(buildTemplateBook(r.rulebook, { unitId: r.unitId }));
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
