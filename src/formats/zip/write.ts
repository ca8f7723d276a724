/**
 * Writing a zip package entry by entry, each entry's text arriving in pieces. Compression uses the
 * platform's own deflate (CompressionStream, in Node 18+ and current browsers: several times faster
 * than JavaScript) and fflate where there is none (old Office web views). Either way the output is
 * deterministic on a given platform: fixed timestamps, fixed order, no data descriptors.
 *
 * Each entry goes through a gzip stream, whose trailer carries the CRC-32 and the length a zip
 * header needs; the deflate data inside is stored as is.
 */
import { Gzip, strToU8 } from 'fflate';

export interface ZipEntryOut {
  name: string;
  crc: number;
  size: number;
  /** Raw deflate data. */
  data: Uint8Array[];
  compressedSize: number;
}

/** A piece of a part: text, or text already encoded as UTF-8. */
export type PartChunk = string | Uint8Array;

/**
 * A part in pieces -> one gzip member (RFC 1952), in pieces. `recycle`, when given, takes back each
 * piece of bytes once it is compressed (a compressor that cannot tell leaves it alone).
 */
export type Compressor = ((chunks: Iterable<PartChunk>, recycle?: (chunk: Uint8Array) => void) => Promise<Uint8Array[]>) & {
  /**
   * It takes all of a part's pieces before it first waits (it hands them to another thread): the
   * next part may then be made while this one is still being compressed.
   */
  takesAllAtOnce?: boolean;
};

/** The platform's gzip, or null when it has none. */
function nativeGzip(): Compressor | null {
  const CS = (globalThis as { CompressionStream?: new (format: string) => TransformStream<Uint8Array, Uint8Array> }).CompressionStream;
  if (typeof CS !== 'function') return null;
  return async (chunks) => {
    const encoder = new TextEncoder();
    const stream = new CS('gzip');
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    const out: Uint8Array[] = [];
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        out.push(value);
      }
    })();
    // A few pieces in flight: the next piece is made while the platform compresses the last.
    const pending: Promise<void>[] = [];
    try {
      for (const chunk of chunks) {
        pending.push(writer.write(typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
        if (pending.length >= 4) await pending.shift();
      }
      await Promise.all(pending);
      await writer.close();
    } catch (err) {
      // The text could not be made (or compressed): stop both ends, report the cause.
      reading.catch(() => undefined);
      for (const p of pending) p.catch(() => undefined);
      await writer.abort(err).catch(() => undefined);
      throw err;
    }
    await reading;
    return out;
  };
}

/** JavaScript deflate (fflate): where the platform has none, and in tests. */
export const fflateGzip: Compressor = async (chunks) => {
  const out: Uint8Array[] = [];
  const gz = new Gzip({ level: 6, mtime: 0 }, (data) => out.push(data));
  for (const chunk of chunks) gz.push(typeof chunk === 'string' ? strToU8(chunk) : chunk, false);
  gz.push(new Uint8Array(0), true);
  return out;
};

let compressor: Compressor | null | undefined;

/** Compresses one entry, with `compress` when given (Node's zlib, fflate in tests), else the platform's gzip. */
export async function compressEntry(name: string, chunks: Iterable<PartChunk>, compress?: Compressor, recycle?: (chunk: Uint8Array) => void): Promise<ZipEntryOut> {
  if (compressor === undefined) compressor = nativeGzip();
  const gz = await (compress ?? compressor ?? fflateGzip)(chunks, recycle);
  return fromGzip(name, gz);
}

/** The first `n` bytes (or fewer) of the pieces, joined. */
function firstBytes(parts: Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    if (o >= n) break;
    const take = Math.min(p.length, n - o);
    out.set(p.subarray(0, take), o);
    o += take;
  }
  return out.subarray(0, o);
}

/** The last `n` bytes of the pieces, joined. */
function lastBytes(parts: Uint8Array[], n: number): Uint8Array {
  const out = new Uint8Array(n);
  let o = n;
  for (let i = parts.length - 1; i >= 0 && o > 0; i--) {
    const p = parts[i];
    const take = Math.min(p.length, o);
    out.set(p.subarray(p.length - take), o - take);
    o -= take;
  }
  return out.subarray(o);
}

/** Splits a gzip member (RFC 1952) into its deflate data, CRC-32 and length. */
function fromGzip(name: string, parts: Uint8Array[]): ZipEntryOut {
  const head = firstBytes(parts, 1024);
  if (head[0] !== 0x1f || head[1] !== 0x8b || head[2] !== 8) throw new Error('not a gzip stream');
  const flags = head[3];
  let start = 10;
  if (flags & 4) start += 2 + (head[start] | (head[start + 1] << 8));
  if (flags & 8) while (head[start++] !== 0);
  if (flags & 16) while (head[start++] !== 0);
  if (flags & 2) start += 2;
  const total = parts.reduce((n, p) => n + p.length, 0);
  const tail = lastBytes(parts, 8);
  const crc = (tail[0] | (tail[1] << 8) | (tail[2] << 16) | (tail[3] << 24)) >>> 0;
  const size = (tail[4] | (tail[5] << 8) | (tail[6] << 16) | (tail[7] << 24)) >>> 0;
  // The deflate data: from `start` to 8 bytes before the end, across the pieces.
  const data: Uint8Array[] = [];
  let pos = 0;
  const end = total - 8;
  for (const p of parts) {
    const from = Math.max(start, pos);
    const to = Math.min(end, pos + p.length);
    if (to > from) data.push(p.subarray(from - pos, to - pos));
    pos += p.length;
  }
  return { name, crc, size, data, compressedSize: end - start };
}

/** The zip file: local headers and data in the given order, then the central directory. */
export function zipFile(entries: ZipEntryOut[], mtime: Date): Uint8Array {
  return concatBytes(zipPieces(entries, mtime));
}

/** Pieces of bytes joined into one array. */
export function concatBytes(pieces: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of pieces) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** zipFile's bytes as the pieces they are made of (headers, the entries' data, the directory), not copied together. */
export function zipPieces(entries: ZipEntryOut[], mtime: Date): Uint8Array[] {
  const time = (mtime.getHours() << 11) | (mtime.getMinutes() << 5) | (mtime.getSeconds() >> 1);
  const date = ((mtime.getFullYear() - 1980) << 9) | ((mtime.getMonth() + 1) << 5) | mtime.getDate();
  const names = entries.map((e) => strToU8(e.name));
  const pieces: Uint8Array[] = [];
  let o = 0;
  const offsets: number[] = [];
  const utf8Flag = (i: number) => (names[i].length !== entries[i].name.length ? 0x800 : 0);
  entries.forEach((e, i) => {
    offsets.push(o);
    const head = new Uint8Array(30 + names[i].length);
    const view = new DataView(head.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, utf8Flag(i), true);
    view.setUint16(8, 8, true);
    view.setUint16(10, time, true);
    view.setUint16(12, date, true);
    view.setUint32(14, e.crc, true);
    view.setUint32(18, e.compressedSize, true);
    view.setUint32(22, e.size, true);
    view.setUint16(26, names[i].length, true);
    view.setUint16(28, 0, true);
    head.set(names[i], 30);
    pieces.push(head);
    o += head.length;
    for (const d of e.data) {
      pieces.push(d);
      o += d.length;
    }
  });
  const cd = o;
  let dirSize = 22;
  for (const n of names) dirSize += 46 + n.length;
  const dir = new Uint8Array(dirSize);
  const view = new DataView(dir.buffer);
  let d = 0;
  entries.forEach((e, i) => {
    view.setUint32(d, 0x02014b50, true);
    view.setUint16(d + 4, 20, true);
    view.setUint16(d + 6, 20, true);
    view.setUint16(d + 8, utf8Flag(i), true);
    view.setUint16(d + 10, 8, true);
    view.setUint16(d + 12, time, true);
    view.setUint16(d + 14, date, true);
    view.setUint32(d + 16, e.crc, true);
    view.setUint32(d + 20, e.compressedSize, true);
    view.setUint32(d + 24, e.size, true);
    view.setUint16(d + 28, names[i].length, true);
    // Extra, comment, disk, internal and external attributes: all zero.
    view.setUint32(d + 42, offsets[i], true);
    dir.set(names[i], d + 46);
    d += 46 + names[i].length;
  });
  view.setUint32(d, 0x06054b50, true);
  view.setUint16(d + 8, entries.length, true);
  view.setUint16(d + 10, entries.length, true);
  view.setUint32(d + 12, d, true);
  view.setUint32(d + 16, cd, true);
  pieces.push(dir);
  return pieces;
}
