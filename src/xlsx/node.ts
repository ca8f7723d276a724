/** Node-only entry: reads an .xlsx/.xlsm file from disk, checking its size before loading it. */
import { promises as fs } from 'node:fs';
import { once } from 'node:events';
import * as zlib from 'node:zlib';
import type { WorkbookGrid } from '../sheet/grid';
import { UnreadableError, unreadable } from './errors';
import { resolveLimits } from './limits';
import { readXlsx, type ReadOptions } from './reader';
import { readXlsxSubmissions } from './submissions';
import type { Rulebook } from '../rules/types';
import type { Submission } from '../sheet/submission';
import type { Compressor } from './zip-out';
import type { Crc32 } from './crc32';

export { UnreadableError } from './errors';

function ioError(code: string, vi: string, en: string): UnreadableError {
  return new UnreadableError({ code, message: vi, messageEn: en });
}

/** zlib, bounded by the part's declared size (a few times faster than the JavaScript inflater). */
function nativeInflate(data: Uint8Array, maxBytes: number): Uint8Array | null {
  try {
    // One output buffer of the declared size (up to 32 MB): zlib fills it in place, where 16 KB
    // pieces are copied together afterwards (a second pass over a big sheet).
    return zlib.inflateRawSync(data, { maxOutputLength: maxBytes, chunkSize: Math.max(16384, Math.min(maxBytes + 1, 1 << 25)) });
  } catch {
    return null;
  }
}

/** zlib.crc32 (Node 20.15+): native, a few milliseconds for a large sheet; else the JavaScript one. */
const nativeCrc32: Crc32 | undefined = (zlib as { crc32?: Crc32 }).crc32;

export async function readXlsxFile(path: string, opts: ReadOptions = {}): Promise<WorkbookGrid> {
  const bytes = await readFileBytes(path, opts);
  return readXlsx(bytes, { inflate: nativeInflate, crc32: nativeCrc32, ...opts });
}

/**
 * A file's submissions, read straight from its rows (readXlsxSubmissions: no grid of the sheet is
 * built). Throws UnreadableError as readXlsxFile does.
 */
export async function readXlsxFileSubmissions(path: string, rulebook: Rulebook, opts: ReadOptions & { file?: string } = {}): Promise<Submission[]> {
  const bytes = await readFileBytes(path, opts);
  return readXlsxSubmissions(bytes, opts.file ?? path, rulebook, { inflate: nativeInflate, crc32: nativeCrc32, ...opts });
}

/** The file's bytes, its size checked against the limits before it is loaded. */
async function readFileBytes(path: string, opts: ReadOptions): Promise<Uint8Array> {
  const limits = resolveLimits(opts.limits);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw ioError('not-found', `Không tìm thấy tệp ${path}.`, `File not found: ${path}.`);
    if (code === 'EISDIR') throw ioError('not-file', `${path} là thư mục, không phải tệp.`, `${path} is a folder, not a file.`);
    if (code === 'EACCES' || code === 'EPERM') throw ioError('io', `Không có quyền đọc tệp ${path}.`, `No permission to read ${path}.`);
    throw ioError('io', `Không mở được tệp ${path} (${code ?? 'lỗi không rõ'}).`, `Cannot open ${path} (${code ?? 'unknown error'}).`);
  }
  try {
    // Stat the open handle, so the size checked is the size of the file actually read.
    const st = await handle.stat();
    if (!st.isFile()) throw ioError('not-file', `${path} không phải là tệp thông thường.`, `${path} is not a regular file.`);
    if (st.size > limits.maxFileBytes) {
      throw unreadable.fileTooLarge(st.size, limits.maxFileBytes);
    }
    const bytes = new Uint8Array(st.size);
    let off = 0;
    while (off < bytes.length) {
      const { bytesRead } = await handle.read(bytes, off, bytes.length - off, off);
      if (bytesRead === 0) break;
      off += bytesRead;
    }
    return off === bytes.length ? bytes : bytes.subarray(0, off);
  } catch (err) {
    if (err instanceof UnreadableError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw ioError('not-file', `${path} là thư mục, không phải tệp.`, `${path} is a folder, not a file.`);
    throw ioError('io', `Không đọc được tệp ${path} (${code ?? String(err)}).`, `Cannot read ${path} (${code ?? String(err)}).`);
  } finally {
    await handle.close();
  }
}

/** The one zlib set-up of the command line's writing (nodeGzip, gzipStream): the same bytes either way. */
function createGzip(): zlib.Gzip {
  // Output buffers that hold a whole piece's output (a 256 KB piece compresses to ~40 KB): zlib
  // compresses each piece in one go on its thread, instead of stopping every 16 KB of output for
  // the JavaScript thread to take it.
  return zlib.createGzip({ level: 2, memLevel: 9, chunkSize: 1 << 16 });
}

/**
 * A part gzipped as its pieces come (on a thread with nothing else to do: src/cli/write-worker.ts),
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
