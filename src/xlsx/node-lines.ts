/**
 * Node-only: a LineMeasurer on a worker thread. The lines of a long list's texts (~0.1 s for
 * 50,000 rows) are worked out on the second core while this thread numbers and writes the rows.
 *
 * The writer's generator cannot await, so results are taken synchronously: the worker posts them
 * on a MessagePort and bumps a shared counter; take() reads the port with receiveMessageOnPort
 * and sleeps on the counter (Atomics.wait) until they are there. A worker that fails or does not
 * answer in time is left alone and the texts are measured here: same results, only slower.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { specLines, type LineSpec } from '../consolidate/book';
import type { LineMeasurer } from './book-xml';

/** A request to the worker, and its answer. */
export interface LinesRequest {
  ticket: number;
  spec: LineSpec;
  texts: string[];
  cols: number[];
}
export interface LinesAnswer {
  ticket: number;
  lines: Int32Array;
}

/** How long take() waits for one answer, by default, before measuring the texts itself. */
const ANSWER_MS = 3000;

export interface ThreadedMeasurer extends LineMeasurer {
  /** Whether the worker is still used (false once it failed or fell silent). */
  readonly alive: boolean;
  close(): Promise<void>;
}

/** Starts the worker (`file`: the bundled src/cli/lines-worker.ts); null when there is no such file. */
export function startLineMeasurer(file: string, opts: { answerMs?: number } = {}): ThreadedMeasurer | null {
  const answerMs = opts.answerMs ?? ANSWER_MS;
  if (!existsSync(file)) return null;
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    // A plain CommonJS file: none of this process's flags (a loader such as tsx's --import, a
    // profiler), which would slow the thread's start and add to its memory.
    worker = new Worker(file, { workerData: { port: port2, flag }, transferList: [port2], execArgv: [] });
  } catch {
    return null;
  }
  // Neither keeps the process alive: a command that ends without close() still ends.
  worker.unref();
  port1.unref();
  let alive = true;
  worker.on('error', () => {
    alive = false;
  });
  worker.on('exit', () => {
    alive = false;
  });
  const asked = new Map<number, LinesRequest>();
  const answers = new Map<number, Int32Array>();
  let next = 0;

  const here = (r: LinesRequest): Int32Array => Int32Array.from(r.texts, (t, i) => specLines(r.spec, t, r.cols[i]));

  const drain = (): void => {
    for (;;) {
      const m = receiveMessageOnPort(port1 as MessagePort);
      if (!m) return;
      const a = m.message as LinesAnswer;
      answers.set(a.ticket, a.lines);
    }
  };

  return {
    get alive() {
      return alive;
    },
    request(spec, texts, cols) {
      const r: LinesRequest = { ticket: next++, spec, texts, cols };
      asked.set(r.ticket, r);
      if (alive) {
        try {
          port1.postMessage(r);
        } catch {
          alive = false;
        }
      }
      return r.ticket;
    },
    take(ticket) {
      const r = asked.get(ticket);
      asked.delete(ticket);
      if (!r) return [];
      const deadline = Date.now() + answerMs;
      while (alive) {
        // The counter first, then the port: an answer posted in between changes the counter,
        // so the wait below returns at once instead of sleeping through it.
        const count = Atomics.load(flag, 0);
        drain();
        const got = answers.get(ticket);
        if (got) {
          answers.delete(ticket);
          return got;
        }
        const left = deadline - Date.now();
        if (left <= 0) {
          alive = false;
          break;
        }
        Atomics.wait(flag, 0, count, left);
      }
      return here(r);
    },
    async close() {
      alive = false;
      port1.close();
      await worker.terminate();
    },
  };
}
