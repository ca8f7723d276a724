/** Node-only entry: reads an .xlsx/.xlsm file from disk, checking its size before loading it. */
import { constants as fsConstants, promises as fs, type Stats } from 'node:fs';
import * as zlib from 'node:zlib';
import type { WorkbookGrid } from '../sheet/grid';
import { UnreadableError, unreadable } from '../formats/errors';
import { resolveLimits } from '../formats/limits';
import { readXlsx, streamXlsx, type ReadOptions } from '../formats/xlsx/read/workbook';
import { streamSubmissions } from '../sheet/row-stream';
import { readSubmissions } from '../sheet/read';
import { detectFormat, readWorkbook, sniffFormat } from '../formats/index';
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
  const read = { ...nodeCodecs(meter), ...rest };
  return (await isXlsOrOds(bytes, path, read)) ? readWorkbook(bytes, path, read) : readXlsx(bytes, read);
}

/**
 * Whether the bytes are an .xls (or any compound file: an encrypted .xlsx is one) or an .ods, by
 * content first: those go to readWorkbook. Everything else takes the .xlsx path as before, which
 * words its own refusals (a text file or a PDF named .xlsx).
 */
async function isXlsOrOds(bytes: Uint8Array, path: string, opts: ReadOptions): Promise<boolean> {
  let format;
  try {
    format = sniffFormat(bytes, path);
  } catch {
    return false;
  }
  if (format === 'xls') return true;
  // Only what looks like an .ods asks the zip's directory (an .xlsx named .ods is an .xlsx).
  return format === 'ods' && (await detectFormat(bytes, path, opts)) === 'ods';
}

/**
 * A file's submissions, read straight from its rows (streamXlsx driving streamSubmissions: no grid
 * of the sheet is built); an .xls or .ods through its grid. Throws UnreadableError as readXlsxFile does.
 */
export async function readXlsxFileSubmissions(path: string, rulebook: Rulebook, opts: FileReadOptions & { file?: string } = {}): Promise<Submission[]> {
  const bytes = await readFileBytes(path, opts);
  const { meter, file, ...rest } = opts;
  const read = { ...nodeCodecs(meter), ...rest };
  // .xls and .ods are read as grids (their readers build one); .xlsx streams its rows.
  if (await isXlsOrOds(bytes, path, read)) return readSubmissions(file ?? path, await readWorkbook(bytes, path, read), rulebook);
  return streamSubmissions(file ?? path, rulebook, (visitor) => streamXlsx(bytes, visitor, read));
}

/** What a path that is not a regular file is, in words (vi, en). */
export function fileKind(st: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice' | 'isSymbolicLink'>): { vi: string; en: string } {
  if (st.isDirectory()) return { vi: 'là thư mục, không phải tệp', en: 'is a folder, not a file' };
  if (st.isFIFO()) return { vi: 'là một đường ống (FIFO), không phải tệp', en: 'is a pipe (FIFO), not a file' };
  if (st.isSocket()) return { vi: 'là một socket, không phải tệp', en: 'is a socket, not a file' };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { vi: 'là một thiết bị, không phải tệp', en: 'is a device, not a file' };
  if (st.isSymbolicLink()) return { vi: 'là một liên kết tượng trưng', en: 'is a symbolic link' };
  return { vi: 'không phải là tệp thông thường', en: 'is not a regular file' };
}

function notFile(path: string, st: Stats): UnreadableError {
  const kind = fileKind(st);
  return ioError('not-file', `${path} ${kind.vi}; chỉ đọc được tệp .xlsx thông thường.`, `${path} ${kind.en}; only regular .xlsx files are read.`);
}

function openError(path: string, err: unknown): UnreadableError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return ioError('not-found', `Không tìm thấy tệp ${path}.`, `File not found: ${path}.`);
  if (code === 'EISDIR') return ioError('not-file', `${path} là thư mục, không phải tệp.`, `${path} is a folder, not a file.`);
  if (code === 'EACCES' || code === 'EPERM') return ioError('io', `Không có quyền đọc tệp ${path}.`, `No permission to read ${path}.`);
  return ioError('io', `Không mở được tệp ${path} (${code ?? 'lỗi không rõ'}).`, `Cannot open ${path} (${code ?? 'unknown error'}).`);
}

/**
 * Opening a FIFO blocks until a writer comes (forever), and a device can be endless: only a regular
 * file is opened. Non-blocking, so a path swapped for a FIFO after the stat cannot block either.
 */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** The file's bytes, its size checked against the limits before it is loaded. */
async function readFileBytes(path: string, opts: ReadOptions): Promise<Uint8Array> {
  const limits = resolveLimits(opts.limits);
  let handle: fs.FileHandle;
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) throw notFile(path, st);
    handle = await fs.open(path, OPEN_FLAGS);
  } catch (err) {
    if (err instanceof UnreadableError) throw err;
    throw openError(path, err);
  }
  try {
    // Stat the open handle, so the size checked is the size of the file actually read.
    const st = await handle.stat();
    if (!st.isFile()) throw notFile(path, st);
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
