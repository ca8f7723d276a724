/**
 * The worker thread of src/node/write-worker.ts (bundled on its own, dist/cli/write-worker.cjs):
 * gzips the parts it is sent, piece by piece, and measures the lines of texts.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { specLines } from '../book/text-width';
import { gzipStream } from './gzip';
import type { FromWorker, ToWorker } from './write-worker';

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };
const parts = new Map<number, ReturnType<typeof gzipStream>>();

const answer = (m: FromWorker, transfer?: ArrayBuffer[]) => {
  port.postMessage(m, transfer);
  Atomics.add(flag, 0, 1);
  Atomics.notify(flag, 0);
};

port.on('message', (m: ToWorker) => {
  if (m.kind === 'lines') {
    const { joined, lengths, cols } = m;
    const lines = new Int32Array(lengths.length);
    for (let i = 0, at = 0; i < lines.length; i++) {
      const text = joined.slice(at, (at += lengths[i]));
      lines[i] = specLines(m.spec, text, cols[i]);
    }
    answer({ kind: 'lines', ticket: m.ticket, lines }, [lines.buffer]);
    return;
  }
  let gz = parts.get(m.id);
  if (!gz) {
    const id = m.id;
    gz = gzipStream((data, error) => {
      parts.delete(id);
      // zlib's output pieces share buffers: each buffer handed over once, the pieces as views of them.
      if (data) answer({ kind: 'gzip', id, data }, [...new Set(data.map((d) => d.buffer as ArrayBuffer))]);
      else answer({ kind: 'gzip', id, error });
    });
    parts.set(m.id, gz);
  }
  if (m.kind === 'end') gz.end();
  else if (typeof m.data === 'string') gz.write(m.data);
  else {
    const block = m.data;
    const id = m.id;
    // Once zlib has taken it in, the block goes back to the writer's pool.
    gz.write(block, () => answer({ kind: 'block', id, data: block }, [block.buffer as ArrayBuffer]));
  }
});
