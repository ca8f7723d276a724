/** The worker's side of the engine: answers job messages with progress and a result (see engine.worker.ts). */
import { runOp } from './ops';
import { serializeError, transferablesOf, type JobMessage, type WorkerReply } from './protocol';

/** The part of a DedicatedWorkerGlobalScope used here (tests pass a fake). */
export interface WorkerScopeLike {
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
  onmessage: ((e: MessageEvent<JobMessage>) => void) | null;
}

export function serveEngine(scope: WorkerScopeLike): void {
  scope.onmessage = (e) => {
    const { id, op, request } = e.data;
    runOp(op, request, { progress: (progress) => scope.postMessage({ kind: 'progress', id, progress }) }).then(
      (value) => scope.postMessage({ kind: 'done', id, value }, transferablesOf(value)),
      (err: unknown) => scope.postMessage({ kind: 'failed', id, error: serializeError(err) }),
    );
  };
  // First message, before any reply: tells the page the script loaded and runs.
  scope.postMessage({ kind: 'ready' });
}
