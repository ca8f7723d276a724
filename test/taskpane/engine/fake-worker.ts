/**
 * An in-process fake Worker running the engine's worker side (worker-host.ts): like the real one it
 * copies every message (structuredClone) and delivers it later, and drops everything once
 * terminated. Also the example files, as the pane gets them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PickedFile, WorkbookInput } from '../../../src/taskpane/engine';
import { createWorkerEngine, type WorkerLike } from '../../../src/taskpane/engine/worker-engine';
import { serveEngine, type WorkerScopeLike } from '../../../src/taskpane/engine/worker-host';
import type { JobMessage, WorkerReply } from '../../../src/taskpane/engine/protocol';
import { readXlsx } from '../../../src/formats/xlsx/read/workbook';
import { EXAMPLES } from '../../helpers/paths';

export const files: PickedFile[] = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(EXAMPLES, name))) }));

export const HONG: PickedFile = { name: 'hong.xlsx', bytes: new Uint8Array([1, 2, 3]) };

/** The files' grids, read here as Office.js reads a workbook on the page. */
export const gridsOf = (list: PickedFile[]): WorkbookInput[] => list.map((f) => ({ name: f.name, workbook: readXlsx(f.bytes) }));

const later = (fn: () => void) => setTimeout(fn, 0);

export class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  onmessageerror: WorkerLike['onmessageerror'] = null;
  terminated = false;
  posted: JobMessage[] = [];
  /** Every message the worker sent back, as the page received it. */
  replies: WorkerReply[] = [];
  transferred: Transferable[] = [];
  private readonly scope: WorkerScopeLike;

  constructor(opts: { failToLoad?: string } = {}) {
    this.scope = {
      onmessage: null,
      postMessage: (message: WorkerReply, transfer?: Transferable[]) => {
        const copy = structuredClone(message);
        this.replies.push(copy);
        if (transfer) this.transferred.push(...transfer);
        later(() => {
          if (!this.terminated) this.onmessage?.({ data: copy } as MessageEvent<WorkerReply>);
        });
      },
    };
    if (opts.failToLoad) {
      later(() => {
        if (!this.terminated) this.onerror?.({ message: opts.failToLoad, preventDefault: () => undefined } as ErrorEvent);
      });
    } else {
      serveEngine(this.scope);
    }
  }

  postMessage(message: JobMessage): void {
    this.posted.push(message);
    const copy = structuredClone(message);
    later(() => {
      if (!this.terminated) this.scope.onmessage?.({ data: copy } as MessageEvent<JobMessage>);
    });
  }

  terminate(): void {
    this.terminated = true;
  }
}

export function pool(make: () => FakeWorker = () => new FakeWorker()) {
  const spawned: FakeWorker[] = [];
  const fallbacks: string[] = [];
  const engine = createWorkerEngine(
    () => {
      const w = make();
      spawned.push(w);
      return w;
    },
    { onFallback: (r) => fallbacks.push(r) },
  );
  return { engine, spawned, fallbacks };
}

