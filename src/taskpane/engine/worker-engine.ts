/**
 * The engine behind a Web Worker. Each job has a worker to itself (an idle one is kept for the next
 * job, so the reader and writer load once); cancelling a job terminates its worker, which stops the
 * work at once, and the next job starts a fresh one. Where a worker cannot start (no Worker, a
 * policy forbidding it, the script failing to load) every job runs on the page's thread instead.
 */
import { CancelledError, engineFromRunner, type Engine, type JobOptions } from './index';
import { runOnThisThread } from './main-thread';
import type { OpName, RequestOf, ResultOf } from './ops';
import { deserializeError, type JobMessage, type WorkerReply } from './protocol';

/** The part of `Worker` used here (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: JobMessage, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<WorkerReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  onmessageerror: ((e: MessageEvent) => void) | null;
}

export interface WorkerEngineOptions {
  /** Told once when the worker cannot be used and the work moves to the page's thread. */
  onFallback?: (reason: string) => void;
}

interface Slot {
  worker: WorkerLike;
  /** The worker has run its first line: it loaded, so a later error is the job's, not the script's. */
  ready: boolean;
}

function engineError(message: string, messageEn: string): Error {
  return Object.assign(new Error(message), { messageEn });
}

export function createWorkerEngine(spawn: () => WorkerLike, options: WorkerEngineOptions = {}): Engine {
  let idle: Slot | null = null;
  let broken = false;
  let nextId = 1;

  const giveUp = (reason: string) => {
    if (broken) return;
    broken = true;
    options.onFallback?.(reason);
  };

  const take = (): Slot | null => {
    if (idle) {
      const s = idle;
      idle = null;
      return s;
    }
    try {
      return { worker: spawn(), ready: false };
    } catch (err) {
      giveUp(err instanceof Error ? err.message : String(err));
      return null;
    }
  };

  const release = (slot: Slot) => {
    slot.worker.onmessage = slot.worker.onerror = slot.worker.onmessageerror = null;
    if (idle) slot.worker.terminate();
    else idle = slot;
  };

  function run<K extends OpName>(op: K, request: RequestOf<K>, opts: JobOptions | undefined): Promise<ResultOf<K>> {
    if (opts?.signal?.aborted) return Promise.reject(new CancelledError());
    const slot = broken ? null : take();
    if (!slot) return runOnThisThread(op, request, opts);
    const id = nextId++;
    return new Promise<ResultOf<K>>((resolve, reject) => {
      const { worker } = slot;
      let settled = false;
      const finish = () => {
        settled = true;
        opts?.signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (settled) return;
        finish();
        // Terminating is the only way to stop a worker in the middle of parsing a file.
        worker.terminate();
        reject(new CancelledError());
      };
      opts?.signal?.addEventListener('abort', onAbort);
      worker.onmessage = (e) => {
        const m = e.data;
        if (m.kind === 'ready') {
          slot.ready = true;
          return;
        }
        if (settled || m.id !== id) return;
        if (m.kind === 'progress') {
          opts?.onProgress?.(m.progress);
        } else if (m.kind === 'done') {
          finish();
          release(slot);
          resolve(m.value as ResultOf<K>);
        } else {
          finish();
          release(slot);
          reject(deserializeError(m.error));
        }
      };
      worker.onerror = (e) => {
        e.preventDefault?.();
        if (settled) return;
        finish();
        worker.terminate();
        if (!slot.ready) {
          // The script did not load or start (blocked, offline, too old a browser): the request
          // was copied, not moved, so it can run here instead.
          giveUp(e.message || 'the engine worker did not start');
          runOnThisThread(op, request, opts).then(resolve, reject);
          return;
        }
        reject(engineError(`Bộ máy kiểm tra gặp sự cố: ${e.message || 'lỗi không rõ'}`, `The checking engine failed: ${e.message || 'unknown error'}`));
      };
      worker.onmessageerror = () => {
        if (settled) return;
        finish();
        worker.terminate();
        reject(engineError('Bộ máy kiểm tra gửi về dữ liệu không đọc được.', 'The checking engine sent back data that cannot be read.'));
      };
      // Copied, not transferred: the caller keeps its bytes (and the fallback can still use them).
      worker.postMessage({ id, op, request } as JobMessage);
    });
  }

  return engineFromRunner(() => (broken ? 'main' : 'worker'), run);
}
