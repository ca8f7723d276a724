/**
 * Node-only: a worker thread that takes two jobs off the thread writing a workbook.
 *
 * - Compression: each part's pieces are handed over as they are made (the pool's blocks
 *   transferred, not copied, and given back once compressed) and gzipped there. Node's zlib on this thread needs this thread's
 *   event loop between pieces, so the list's writer waited on it ~90 ms over 50,000 rows; the
 *   worker's event loop has nothing else to do.
 * - Line counts of sized rows (LineMeasurer): the writer's generator cannot await, so answers
 *   are taken synchronously, with receiveMessageOnPort, sleeping on a shared counter
 *   (Atomics.wait) until they are there.
 *
 * A worker that fails or falls silent: line counts are worked out here (same results); a part
 * being compressed fails with WorkerLost, and the caller writes the workbook again without it.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { specLines, type LineSpec } from '../book/text-width';
import type { LineMeasurer } from '../formats/xlsx/write/workbook';
import type { Compressor } from '../formats/zip/write';

/** Messages to the worker. */
export type ToWorker =
  /** The texts joined, with their lengths: one string is copied over faster than thousands. */
  | { kind: 'lines'; ticket: number; spec: LineSpec; joined: string; lengths: Int32Array; cols: Int32Array }
  | { kind: 'chunk'; id: number; data: string | Uint8Array }
  | { kind: 'end'; id: number };

/** Messages from the worker: a request's line counts, a part's gzip member (or why not). */
export type FromWorker =
  | { kind: 'lines'; ticket: number; lines: Int32Array }
  | { kind: 'gzip'; id: number; data?: Uint8Array[]; error?: string }
  /** A block handed over for compression, given back once zlib has taken it in (for the pool). */
  | { kind: 'block'; id: number; data: Uint8Array };

/** The worker is gone (or could not compress): write the workbook again without it. */
export class WorkerLost extends Error {}

/** How long take() waits for one answer, by default, before measuring the texts itself. */
const ANSWER_MS = 3000;
/** Blocks handed over and not yet given back, at most (256 KB each). */
const MAX_OUTSTANDING = 4;

export interface WriteWorker {
  measurer: LineMeasurer;
  compress: Compressor;
  /** Whether the worker is still used (false once it failed or fell silent). */
  readonly alive: boolean;
  close(): Promise<void>;
}

/** Starts the worker (`file`: the bundled src/node/write-worker-thread.ts); null when there is no such file. */
export function startWriteWorker(file: string, opts: { answerMs?: number } = {}): WriteWorker | null {
  if (!existsSync(file)) return null;
  const answerMs = opts.answerMs ?? ANSWER_MS;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    // A plain CommonJS file: none of this process's flags (a loader such as tsx's --import, a
    // profiler), which would slow the thread's start and add to its memory. A small young
    // generation: all it allocates (the texts it is sent) dies at once; the default lets ~15 MB
    // of it pile up before a collection.
    worker = new Worker(file, { workerData: { port: port2, flag }, transferList: [port2], execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 64 } });
  } catch {
    return null;
  }
  let alive = true;
  /** Blocks handed over and not yet given back. */
  let outstanding = 0;
  const lines = new Map<number, Int32Array>();
  const parts = new Map<number, { resolve: (data: Uint8Array[]) => void; reject: (e: Error) => void; recycle?: (chunk: Uint8Array) => void }>();
  const lost = (why: string) => {
    alive = false;
    for (const p of parts.values()) p.reject(new WorkerLost(why));
    parts.clear();
  };
  const receive = (m: FromWorker) => {
    if (m.kind === 'lines') lines.set(m.ticket, m.lines);
    else if (m.kind === 'block') {
      outstanding--;
      parts.get(m.id)?.recycle?.(m.data);
    } else {
      const p = parts.get(m.id);
      parts.delete(m.id);
      if (m.data) p?.resolve(m.data);
      else p?.reject(new WorkerLost(m.error ?? 'no data'));
    }
  };
  port1.on('message', receive);
  worker.on('error', (e) => lost(e.message));
  worker.on('exit', () => lost('exited'));
  // Neither keeps the process alive: a command that ends without close() still ends.
  worker.unref();
  port1.unref();

  const asked = new Map<number, { spec: LineSpec; texts: string[]; cols: number[] }>();
  let nextTicket = 0;
  let nextPart = 0;
  const post = (m: ToWorker, transfer?: ArrayBuffer[]) => {
    try {
      port1.postMessage(m, transfer);
    } catch (e) {
      lost(e instanceof Error ? e.message : String(e));
    }
  };

  /** Takes what the worker has sent (answers, blocks given back) without waiting. */
  const drain = () => {
    for (let m = receiveMessageOnPort(port1 as MessagePort); m; m = receiveMessageOnPort(port1 as MessagePort)) receive(m.message as FromWorker);
  };

  /**
   * Sleeps until what the worker sent makes `ready()` true; false when the worker is gone or does
   * not answer in time (it is then given up).
   */
  const waitFor = (ready: () => boolean): boolean => {
    const deadline = Date.now() + answerMs;
    while (alive) {
      // The counter first, then the port: an answer posted in between changes the counter,
      // so the wait below returns at once instead of sleeping through it.
      const count = Atomics.load(flag, 0);
      drain();
      if (ready()) return true;
      const left = deadline - Date.now();
      if (left <= 0) {
        lost('no answer');
        break;
      }
      Atomics.wait(flag, 0, count, left);
    }
    return false;
  };

  const measurer: LineMeasurer = {
    request(spec, texts, cols) {
      const ticket = nextTicket++;
      asked.set(ticket, { spec, texts, cols });
      if (alive) {
        const lengths = Int32Array.from(texts, (t) => t.length);
        const c = Int32Array.from(cols);
        post({ kind: 'lines', ticket, spec, joined: texts.join(''), lengths, cols: c }, [lengths.buffer, c.buffer]);
      }
      return ticket;
    },
    take(ticket) {
      const r = asked.get(ticket);
      asked.delete(ticket);
      if (!r) return [];
      if (waitFor(() => lines.has(ticket))) {
        const got = lines.get(ticket) as Int32Array;
        lines.delete(ticket);
        return got;
      }
      return Int32Array.from(r.texts, (t, i) => specLines(r.spec, t, r.cols[i]));
    },
  };

  const compress: Compressor = async (chunks, recycle) => {
    // (Every piece is handed over before the first wait: see takesAllAtOnce below.)
    if (!alive) throw new WorkerLost('gone');
    const id = nextPart++;
    const done = new Promise<Uint8Array[]>((resolve, reject) => parts.set(id, { resolve, reject, recycle }));
    // While a part is out, its answer is what the process waits for: keep it alive until then.
    port1.ref();
    void done.then(
      () => parts.size === 0 && port1.unref(),
      () => parts.size === 0 && port1.unref(),
    );
    // Not awaited here: a part never compressed still fails its promise when the worker goes.
    done.catch(() => undefined);
    for (const chunk of chunks) {
      if (!alive) break;
      // The pool's blocks (a part that recycles them) are handed over, not copied: this thread
      // makes new ones. Any other bytes may be someone else's, so they are copied.
      if (typeof chunk !== 'string' && recycle && chunk.buffer instanceof ArrayBuffer) {
        outstanding++;
        post({ kind: 'chunk', id, data: chunk }, [chunk.buffer]);
      } else post({ kind: 'chunk', id, data: chunk });
      // Blocks zlib is done with come back for the next pieces: a few blocks, not one per piece
      // (the worker would free those only at its next collection). Ahead of zlib by more than
      // a few blocks, this thread waits for it, as it would for zlib here.
      drain();
      if (outstanding > MAX_OUTSTANDING) waitFor(() => outstanding <= MAX_OUTSTANDING);
    }
    post({ kind: 'end', id });
    // What is left for zlib then is a few blocks: an answer that takes longer will not come.
    const timer = setTimeout(() => lost('no answer'), answerMs);
    try {
      return await done;
    } finally {
      clearTimeout(timer);
    }
  };

  compress.takesAllAtOnce = true;

  return {
    measurer,
    compress,
    get alive() {
      return alive;
    },
    async close() {
      alive = false;
      parts.clear();
      port1.close();
      await worker.terminate();
    },
  };
}
