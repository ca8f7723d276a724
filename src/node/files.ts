/** Node-only entry: reads an .xlsx/.xlsm file from disk, checking its size before loading it. */
import { promises as fs } from 'node:fs';
import * as zlib from 'node:zlib';
import type { WorkbookGrid } from '../sheet/grid';
import { UnreadableError, unreadable } from '../formats/errors';
import { resolveLimits } from '../formats/limits';
import { readXlsx, type ReadOptions } from '../formats/xlsx/read/workbook';
import { readXlsxSubmissions } from '../formats/xlsx/read/submissions';
import type { Rulebook } from '../rules/types';
import type { Submission } from '../sheet/submission';
import type { Crc32 } from '../formats/zip/crc32';

export { UnreadableError } from '../formats/errors';

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

/** Counts what a read expands, for the limits of a whole run (check/run.ts). */
export interface ReadMeter {
  /** Bytes the parts inflated by zlib expanded to (parts stored uncompressed, or left to the JavaScript inflater, are not seen). */
  expanded: number;
}

export interface FileReadOptions extends ReadOptions {
  meter?: ReadMeter;
}

/** The inflater and checksum of Node, the inflater counting into `meter`. */
function nodeCodecs(meter: ReadMeter | undefined): Pick<ReadOptions, 'inflate' | 'crc32'> {
  if (!meter) return { inflate: nativeInflate, crc32: nativeCrc32 };
  const inflate = (data: Uint8Array, maxBytes: number) => {
    const out = nativeInflate(data, maxBytes);
    if (out) meter.expanded += out.length;
    return out;
  };
  return { inflate, crc32: nativeCrc32 };
}

export async function readXlsxFile(path: string, opts: FileReadOptions = {}): Promise<WorkbookGrid> {
  const bytes = await readFileBytes(path, opts);
  const { meter, ...rest } = opts;
  return readXlsx(bytes, { ...nodeCodecs(meter), ...rest });
}

/**
 * A file's submissions, read straight from its rows (readXlsxSubmissions: no grid of the sheet is
 * built). Throws UnreadableError as readXlsxFile does.
 */
export async function readXlsxFileSubmissions(path: string, rulebook: Rulebook, opts: FileReadOptions & { file?: string } = {}): Promise<Submission[]> {
  const bytes = await readFileBytes(path, opts);
  const { meter, ...rest } = opts;
  return readXlsxSubmissions(bytes, opts.file ?? path, rulebook, { ...nodeCodecs(meter), ...rest });
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
