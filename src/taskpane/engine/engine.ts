/**
 * The task pane's one door to the engine. Components get an `Engine` through props (tests pass a
 * fake). Two implementations: `createWorkerEngine` (worker-engine.ts) runs the work in a Web Worker so
 * that the pane keeps answering; `mainThreadEngine` here runs the same requests (engine-ops.ts) on the
 * page's own thread, for where no worker can start, yielding between files.
 */
import type { SourceWorkbook } from '../../check/index';
import type { CheckResult } from '../../check/result';
import { defaultRulebook, loadRulebook, type Rulebook } from '../../rules/index';
import type { WorkbookGrid } from '../../sheet/grid';
import type { SimpleDate } from '../../sheet/submission';
import { runEngineOp, type EngineOp, type EngineProgress, type EngineResults, type PickedFile, type RequestOf } from './ops';

export type { SourceWorkbook, PickedFile, EngineProgress };

/** How a long job reports where it is and learns that the user cancelled it. */
export interface JobOptions {
  onProgress?: (p: EngineProgress) => void;
  signal?: AbortSignal;
}

export interface Engine {
  /** Where the heavy work runs: a Web Worker, or the page's own thread (no worker available). */
  readonly runsIn: 'worker' | 'main';
  readonly defaultRulebook: Rulebook;
  /** Throws RulebookError (Vietnamese message naming the place, `messageEn`, `path`). */
  loadRulebook(jsonText: string): Rulebook;
  /** Files -> sources; a file that cannot be read becomes `unreadable`, never an exception. */
  readFiles(files: PickedFile[], opts?: JobOptions): Promise<SourceWorkbook[]>;
  /** Reads and checks in one go; only the result comes back (the grids stay where they were read). */
  checkFiles(files: PickedFile[], rulebook: Rulebook, opts?: JobOptions & { merge?: boolean }): Promise<CheckResult>;
  check(sources: SourceWorkbook[], rulebook: Rulebook, opts?: JobOptions & { merge?: boolean }): Promise<CheckResult>;
  /** An .xlsx (our template) -> grids, for writing its values where Excel cannot insert the file. */
  readGrids(bytes: Uint8Array, opts?: JobOptions): Promise<WorkbookGrid>;
  /** `reportDate`: the date line of the report (the pane passes today; none leaves it for the pen). */
  consolidatedXlsx(result: CheckResult, rulebook: Rulebook, reportDate?: SimpleDate, opts?: JobOptions): Promise<Uint8Array>;
  templateXlsx(rulebook: Rulebook, unitId?: string, opts?: JobOptions): Promise<Uint8Array>;
}

/** The user cancelled the job (the "Huỷ" button). */
export class CancelledError extends Error {
  readonly messageEn: string;
  constructor() {
    super('Đã huỷ.');
    this.name = 'CancelledError';
    this.messageEn = 'Cancelled.';
  }
}

export function isCancelled(err: unknown): boolean {
  return err instanceof CancelledError || (err instanceof Error && err.name === 'CancelledError');
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** The Engine's methods as requests: one place mapping the API onto engine-ops. */
export function engineFromRunner(
  runsIn: () => Engine['runsIn'],
  run: <K extends EngineOp>(req: RequestOf<K>, opts: JobOptions | undefined) => Promise<EngineResults[K]>,
): Engine {
  return {
    get runsIn() {
      return runsIn();
    },
    defaultRulebook,
    loadRulebook,
    readFiles: (files, opts) => run({ op: 'readFiles', files }, opts),
    checkFiles: (files, rulebook, opts) => run({ op: 'checkFiles', files, rulebook, merge: opts?.merge }, opts),
    check: (sources, rulebook, opts) => run({ op: 'check', sources, rulebook, merge: opts?.merge }, opts),
    readGrids: (bytes, opts) => run({ op: 'readGrids', bytes }, opts),
    consolidatedXlsx: (result, rulebook, reportDate, opts) => run({ op: 'consolidatedXlsx', result, rulebook, reportDate }, opts),
    templateXlsx: (rulebook, unitId, opts) => run({ op: 'templateXlsx', rulebook, unitId }, opts),
  };
}

/** A macrotask: lets the browser paint and handle a click before the next file. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs a request on this thread; cancellation takes effect between files. */
export function runOnThisThread<K extends EngineOp>(req: RequestOf<K>, opts: JobOptions | undefined): Promise<EngineResults[K]> {
  return (async () => {
    throwIfCancelled(opts?.signal);
    const out = await runEngineOp(req, {
      progress: (p) => opts?.onProgress?.(p),
      between: async () => {
        await yieldToPage();
        throwIfCancelled(opts?.signal);
      },
    });
    throwIfCancelled(opts?.signal);
    return out;
  })();
}

export const mainThreadEngine: Engine = engineFromRunner(() => 'main', runOnThisThread);
