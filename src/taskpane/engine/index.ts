/**
 * The task pane's one door to the engine. Components get an `Engine` through props (tests pass a
 * fake). Its operations are those of the table in ops.ts, each a method taking the operation's
 * request and job options. This folder:
 *
 *   index.ts          the Engine (its methods derived from the table), job options, cancellation
 *   ops.ts            the table of operations: the one place an operation is declared
 *   main-thread.ts    mainThreadEngine: the operations on the page's own thread, yielding between files
 *   worker-engine.ts  createWorkerEngine: the page's side of the worker (a worker per job, cancel = terminate,
 *                     the page's thread where no worker can start)
 *   worker-host.ts    the worker's side: runs the operation a message names, answers with progress and a result
 *   protocol.ts       the messages between the two, and errors as they cross
 *   engine.worker.ts  the worker's script; spawn-worker.ts starts it (webpack finds it there)
 */
import { defaultRulebook, loadRulebook, type Rulebook } from '../../rules/index';
import { OP_NAMES, type OpName, type RequestOf, type ResultOf, type EngineProgress } from './ops';

export type { CheckInput, EngineProgress, PickedFile, WorkbookInput } from './ops';

/** How a long job reports where it is and learns that the user cancelled it. */
export interface JobOptions {
  onProgress?: (p: EngineProgress) => void;
  signal?: AbortSignal;
}

/** One method per operation of ops.ts: its request in, its result out. */
export type EngineOps = { [K in OpName]: (request: RequestOf<K>, opts?: JobOptions) => Promise<ResultOf<K>> };

export interface Engine extends EngineOps {
  /** Where the heavy work runs: a Web Worker, or the page's own thread (no worker available). */
  readonly runsIn: 'worker' | 'main';
  readonly defaultRulebook: Rulebook;
  /** Throws RulebookError (Vietnamese message naming the place, `messageEn`, `path`). */
  loadRulebook(jsonText: string): Rulebook;
}

/** Runs one operation somewhere (a worker, this thread). */
export type OpRunner = <K extends OpName>(op: K, request: RequestOf<K>, opts: JobOptions | undefined) => Promise<ResultOf<K>>;

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

/** An Engine whose every operation goes to `run`: one method per entry of the table. */
export function engineFromRunner(runsIn: () => Engine['runsIn'], run: OpRunner): Engine {
  const ops = Object.fromEntries(OP_NAMES.map((op) => [op, (request: RequestOf<typeof op>, opts?: JobOptions) => run(op, request, opts)])) as EngineOps;
  return {
    get runsIn() {
      return runsIn();
    },
    defaultRulebook,
    loadRulebook,
    ...ops,
  };
}
