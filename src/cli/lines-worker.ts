/**
 * The worker thread of src/xlsx/node-lines.ts (bundled on its own, dist/cli/lines-worker.cjs):
 * measures the lines of the texts it is sent, and answers each request on the port.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { specLines } from '../consolidate/book';
import type { LinesAnswer, LinesRequest } from '../xlsx/node-lines';

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };
port.on('message', (r: LinesRequest) => {
  const lines = new Int32Array(r.texts.length);
  for (let i = 0; i < lines.length; i++) lines[i] = specLines(r.spec, r.texts[i], r.cols[i]);
  const answer: LinesAnswer = { ticket: r.ticket, lines };
  port.postMessage(answer, [lines.buffer]);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
});
