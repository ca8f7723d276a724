/**
 * The command line's zlib for writing, on its own so the write worker (src/node/write-worker-thread.ts)
 * loads this and nothing of the reader or the rulebook.
 */
import { once } from 'node:events';
import * as zlib from 'node:zlib';
import type { Compressor } from '../formats/zip/write';

/** The one zlib set-up of the command line's writing (nodeGzip, gzipStream): the same bytes either way. */
function createGzip(): zlib.Gzip {
  // Output buffers that hold a whole piece's output (a 256 KB piece compresses to ~40 KB): zlib
  // compresses each piece in one go on its thread, instead of stopping every 16 KB of output for
  // the JavaScript thread to take it.
  return zlib.createGzip({ level: 2, memLevel: 9, chunkSize: 1 << 16 });
}

/**
 * A part gzipped as its pieces come (on a thread with nothing else to do: src/node/write-worker-thread.ts),
 * its gzip member given to `done` in pieces, or the error.
 */
export function gzipStream(done: (data: Uint8Array[] | undefined, error?: string) => void): { write(data: string | Uint8Array, taken?: () => void): void; end(): void } {
  const gz = createGzip();
  const out: Uint8Array[] = [];
  let failed = false;
  gz.on('data', (d: Buffer) => out.push(d));
  gz.on('error', (e: Error) => {
    failed = true;
    done(undefined, e.message);
  });
  gz.on('end', () => {
    if (!failed) done(out);
  });
  return {
    write: (data, taken) => void gz.write(data, taken && (() => taken())),
    end: () => void gz.end(),
  };
}

/**
 * Node's zlib for writing: compresses on libuv's thread pool while the next piece of XML is made
 * (the two cores work at once), at level 2: a 37 MB list in ~0.1 s of that thread (level 4: 0.15 s,
 * the default 6: 0.5 s) for a file ~6% larger than at level 4. The other core is shared with V8's
 * garbage collector, so the cheaper level is what keeps zlib from making this thread wait.
 */
export const nodeGzip: Compressor = async (chunks, recycle) => {
  const gz = createGzip();
  const out: Uint8Array[] = [];
  gz.on('data', (d: Buffer) => out.push(d));
  const finished = once(gz, 'end');
  // A few pieces in flight: piece k is handed to zlib, then the loop waits for piece k-3 (usually
  // done) before making piece k+1. The wait lets the event loop pass zlib its next piece; a loop
  // that never waited would leave zlib idle until the end.
  const inFlight: Promise<void>[] = [];
  for (const chunk of chunks) {
    inFlight.push(
      new Promise<void>((resolve, reject) =>
        gz.write(chunk, (err) => {
          if (err) return reject(err);
          // zlib has taken in all of it: the block may be written over.
          if (recycle && typeof chunk !== 'string') recycle(chunk);
          resolve();
        }),
      ),
    );
    if (inFlight.length > 3) await inFlight.shift();
  }
  await Promise.all(inFlight);
  gz.end();
  await finished;
  return out;
};
