/**
 * Reading a zip (the .xlsx package) safely: the central directory is parsed by hand, and only the
 * entries asked for are inflated, with fflate's streaming Inflate fed small slices so that the
 * output is counted while it is produced. Declared sizes are checked first, but they can lie, so the
 * byte counts during inflation are what really bound memory.
 */
import { Inflate } from 'fflate';
import { unreadable } from '../errors';
import { ratioLimit, type ReadLimits } from '../limits';
import { crc32, type Crc32 } from './crc32';

export interface ZipEntry {
  /** Name as stored, with `\` turned into `/` and no leading `/`. */
  name: string;
  flags: number;
  method: number;
  /** CRC-32 of the uncompressed data, from the central directory. */
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  bytes: Uint8Array;
  entries: ZipEntry[];
  /** Lower-cased normalised name -> entry; names present more than once map to all their entries. */
  byKey: Map<string, ZipEntry[]>;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}
function u64(b: Uint8Array, i: number): number {
  return u32(b, i) + u32(b, i + 4) * 0x100000000;
}

const DIR_VI = 'thư mục của tệp nén bị hỏng';
const DIR_EN = 'the zip directory is damaged';

export function normalizeEntryName(name: string): string {
  let s = name.replace(/\\/g, '/');
  while (s.startsWith('/') || s.startsWith('./')) s = s.startsWith('/') ? s.slice(1) : s.slice(2);
  return s;
}

/** Only the central directory is read here; nothing is inflated. */
export function openZip(bytes: Uint8Array, limits: ReadLimits): ZipArchive {
  const n = bytes.length;
  // The end record is in the last 22 + 65535 (comment) bytes.
  let eocd = -1;
  for (let i = n - 22; i >= 0 && i >= n - 22 - 0xffff; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && u32(bytes, i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    if (n >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) {
      throw unreadable.damaged('tệp bị cắt cụt (có thể do tải về hoặc sao chép chưa xong)', 'the file is truncated (perhaps an incomplete download or copy)');
    }
    throw unreadable.notZip();
  }
  let count = u16(bytes, eocd + 10);
  let cdSize = u32(bytes, eocd + 12);
  let cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && u32(bytes, loc) === SIG_ZIP64_LOCATOR) {
      const z = u64(bytes, loc + 8);
      if (z + 56 <= n && u32(bytes, z) === SIG_ZIP64_EOCD) {
        count = u64(bytes, z + 32);
        cdSize = u64(bytes, z + 40);
        cdOffset = u64(bytes, z + 48);
      }
    }
  }
  if (count > limits.maxEntries) throw unreadable.tooManyEntries(count, limits.maxEntries);
  // Data prepended to the zip shifts every offset; the directory then ends right before the end record.
  let shift = 0;
  if (cdOffset + cdSize > eocd || u32(bytes, cdOffset) !== SIG_CENTRAL) {
    const guess = eocd - cdSize;
    if (count > 0 && guess >= 0 && u32(bytes, guess) === SIG_CENTRAL) shift = guess - cdOffset;
    else if (count > 0) throw unreadable.damaged(DIR_VI, DIR_EN);
  }
  const entries: ZipEntry[] = [];
  const byKey = new Map<string, ZipEntry[]>();
  const names = new TextDecoder('utf-8');
  let p = cdOffset + shift;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || u32(bytes, p) !== SIG_CENTRAL) throw unreadable.damaged(DIR_VI, DIR_EN);
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const nameStart = p + 46;
    const extraStart = nameStart + nameLen;
    const next = extraStart + extraLen + commentLen;
    if (next > n) throw unreadable.damaged(DIR_VI, DIR_EN);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // Zip64 extra field: the 64-bit values, in this order, for those that overflowed.
      let e = extraStart;
      while (e + 4 <= extraStart + extraLen) {
        const id = u16(bytes, e);
        const len = u16(bytes, e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (size === 0xffffffff && q + 8 <= e + 4 + len) {
            size = u64(bytes, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
            compressedSize = u64(bytes, q);
            q += 8;
          }
          if (localOffset === 0xffffffff && q + 8 <= e + 4 + len) localOffset = u64(bytes, q);
          break;
        }
        e += 4 + len;
      }
    }
    const name = normalizeEntryName(names.decode(bytes.subarray(nameStart, extraStart)));
    const entry: ZipEntry = { name, flags, method, crc, compressedSize, size, localOffset: localOffset + shift };
    entries.push(entry);
    const key = name.toLowerCase();
    const list = byKey.get(key);
    if (list) list.push(entry);
    else byKey.set(key, [entry]);
    p = next;
  }
  return { bytes, entries, byKey };
}

/** Looks up an entry by part name, case-insensitively; a name stored twice is refused. */
export function findEntry(zip: ZipArchive, partName: string): ZipEntry | undefined {
  const list = zip.byKey.get(normalizeEntryName(partName).toLowerCase());
  if (!list) return undefined;
  if (list.length > 1) {
    throw unreadable.damaged(
      `phần ${list[0].name} xuất hiện ${list.length} lần trong tệp nén, nên không biết bản nào là đúng`,
      `part ${list[0].name} appears ${list.length} times in the zip, so which copy is right is unknown`,
    );
  }
  return list[0];
}

/** Feeding the inflater small slices bounds what one step can produce (deflate expands at most ~1032:1). */
const INPUT_SLICE = 16384;

/** A part's text: UTF-8 unless a BOM or the XML declaration says otherwise. */
export function decodeXml(bytes: Uint8Array): string {
  return pickDecoder(bytes).decode(bytes);
}

/** Below this a part is decoded whole: chunks only pay off on big sheets. */
const CHUNK_MIN = 1 << 20;

/**
 * A part's text in pieces of about `size` bytes, each cut just before a `<` (never inside a UTF-8
 * sequence, never inside text between tags), so that a big sheet is never one big string: each
 * piece is young garbage once scanned. A part not in UTF-8, or a small one, comes whole.
 */
export function* xmlPieces(bytes: Uint8Array, size = 1 << 14, min = CHUNK_MIN): Generator<string, void, undefined> {
  const decoder = pickDecoder(bytes);
  if (decoder.encoding !== 'utf-8' || bytes.length < min) {
    yield decoder.decode(bytes);
    return;
  }
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(bytes.length, start + size);
    if (end < bytes.length) {
      const lt = bytes.lastIndexOf(0x3c, end);
      // No `<` in the window (one long text): take it up to the next one.
      if (lt > start) end = lt;
      else {
        const next = bytes.indexOf(0x3c, end);
        end = next < 0 ? bytes.length : next;
      }
    }
    // Each call is a decode of its own: the first piece drops a byte-order mark, as a whole decode does.
    yield decoder.decode(bytes.subarray(start, end));
    start = end;
  }
}

function pickDecoder(h: Uint8Array): TextDecoder {
  if (h[0] === 0xff && h[1] === 0xfe) return new TextDecoder('utf-16le');
  if (h[0] === 0xfe && h[1] === 0xff) return new TextDecoder('utf-16be');
  if (h[0] === 0x3c && h[1] === 0 && h[2] === 0x3f && h[3] === 0) return new TextDecoder('utf-16le');
  if (h[0] === 0 && h[1] === 0x3c && h[2] === 0 && h[3] === 0x3f) return new TextDecoder('utf-16be');
  // <?xml ... encoding="windows-1252"?>: honour a declared single-byte encoding when the platform knows it.
  let decl = '';
  for (let i = 0; i < h.length && i < 200; i++) {
    decl += String.fromCharCode(h[i]);
    if (h[i] === 0x3e) break;
  }
  const m = /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(decl);
  if (m && !/^utf-?8$/i.test(m[1])) {
    try {
      return new TextDecoder(m[1]);
    } catch {
      // Unknown label: fall back to UTF-8.
    }
  }
  return new TextDecoder('utf-8');
}

/** Raw deflate in, at most `maxBytes` out; null when it cannot (see ReadOptions.inflate). */
export type Inflater = (data: Uint8Array, maxBytes: number) => Uint8Array | null;

/** Below this a part's buffer is left to the collector (and may be a slice of a shared pool). */
const RELEASE_MIN = 1 << 20;

/**
 * Frees an inflated part's memory now, once it has been read: a large sheet's bytes would
 * otherwise stay until the collector's next full collection, which a long read may never reach
 * (16 MB for a 50,000-row list). Only a buffer of its own: never one that is a view of the file
 * (a stored part) or of a shared pool. `bytes` is unusable afterwards.
 */
export function releasePart(bytes: Uint8Array, file: Uint8Array): void {
  const buf = bytes.buffer;
  if (buf === file.buffer || buf.byteLength < RELEASE_MIN || typeof structuredClone !== 'function') return;
  if (typeof SharedArrayBuffer !== 'undefined' && buf instanceof SharedArrayBuffer) return;
  try {
    // Transferring detaches the buffer; its memory goes with the clone, dropped at once.
    structuredClone(buf, { transfer: [buf as ArrayBuffer] });
  } catch {
    // A platform that cannot transfer it leaves it to the collector.
  }
}

/** Inflates entries within the limits, keeping the running total over the whole workbook. */
export class EntryReader {
  /** Bytes produced so far, over every entry read. */
  total = 0;

  constructor(
    private readonly zip: ZipArchive,
    private readonly limits: ReadLimits,
    private readonly fastInflate?: Inflater,
    private readonly crc: Crc32 = crc32,
  ) {}

  /** Damaged data can inflate without an error: the checksum the zip keeps for it says so. */
  private verify(entry: ZipEntry, crc: number): void {
    if (crc !== entry.crc) {
      throw unreadable.damaged(`phần ${entry.name} bị hỏng (mã kiểm tra CRC không khớp)`, `part ${entry.name} is corrupt (its CRC check fails)`);
    }
  }

  /** The entry's text, or throws UnreadableError; `entry` must come from this archive. */
  text(entry: ZipEntry): string {
    const bytes = this.bytes(entry);
    const text = decodeXml(bytes);
    releasePart(bytes, this.zip.bytes);
    return text;
  }

  /** The entry's bytes, inflated and checked, or throws UnreadableError. */
  bytes(entry: ZipEntry): Uint8Array {
    const { bytes } = this.zip;
    const lim = this.limits;
    const part = entry.name;
    if (entry.flags & 1) throw unreadable.encrypted();
    // Declared sizes first: they cost nothing to check.
    const declaredRatio = entry.size / Math.max(1, entry.compressedSize);
    const declaredLimit = ratioLimit(lim, entry.size);
    if (declaredRatio > declaredLimit && entry.method !== 0) throw unreadable.zipBomb(part, declaredLimit);
    if (entry.size > lim.maxEntryBytes) throw unreadable.partTooLarge(part, lim.maxEntryBytes);
    if (this.total + entry.size > lim.maxTotalBytes) throw unreadable.totalTooLarge(lim.maxTotalBytes);

    const lo = entry.localOffset;
    if (lo + 30 > bytes.length || u32(bytes, lo) !== SIG_LOCAL) {
      throw unreadable.damaged(`không đọc được phần ${part}`, `part ${part} cannot be found where the zip directory says`);
    }
    const start = lo + 30 + u16(bytes, lo + 26) + u16(bytes, lo + 28);
    const end = start + entry.compressedSize;
    if (end > bytes.length) {
      throw unreadable.damaged('tệp bị cắt cụt (có thể do tải về hoặc sao chép chưa xong)', 'the file is truncated (perhaps an incomplete download or copy)');
    }
    if (entry.method === 0) {
      const len = end - start;
      if (len > lim.maxEntryBytes) throw unreadable.partTooLarge(part, lim.maxEntryBytes);
      if (this.total + len > lim.maxTotalBytes) throw unreadable.totalTooLarge(lim.maxTotalBytes);
      this.total += len;
      const data = bytes.subarray(start, end);
      this.verify(entry, this.crc(data));
      return data;
    }
    if (entry.method !== 8) {
      throw unreadable.damaged(`phần ${part} dùng kiểu nén không được hỗ trợ (${entry.method})`, `part ${part} uses an unsupported compression method (${entry.method})`);
    }
    if (entry.compressedSize === 0) return new Uint8Array(0);
    if (this.fastInflate && entry.size > 0) {
      // The declared size passed every limit above; an inflater bounded by it can never exceed
      // them. Anything unexpected (more output than declared, bad data) takes the checked path.
      let out: Uint8Array | null = null;
      try {
        out = this.fastInflate(bytes.subarray(start, end), entry.size);
      } catch {
        out = null;
      }
      if (out && out.length <= entry.size) {
        this.verify(entry, this.crc(out));
        this.total += out.length;
        return out;
      }
    }
    let produced = 0;
    let consumed = 0;
    let crc = 0;
    const pieces: Uint8Array[] = [];
    const inflater = new Inflate((chunk: Uint8Array) => {
      crc = this.crc(chunk, crc);
      produced += chunk.length;
      this.total += chunk.length;
      // `consumed` counts the whole slice fed, so the ratio seen is never above the true one.
      const limit = ratioLimit(lim, produced, produced > entry.size);
      if (produced > consumed * limit) throw unreadable.zipBomb(part, limit);
      if (produced > lim.maxEntryBytes) throw unreadable.partTooLarge(part, lim.maxEntryBytes);
      if (this.total > lim.maxTotalBytes) throw unreadable.totalTooLarge(lim.maxTotalBytes);
      pieces.push(chunk);
    });
    try {
      for (let pos = start; pos < end; pos += INPUT_SLICE) {
        const stop = Math.min(end, pos + INPUT_SLICE);
        consumed = stop - start;
        inflater.push(bytes.subarray(pos, stop), stop === end);
      }
    } catch (err) {
      if (err instanceof Error && err.name === 'UnreadableError') throw err;
      throw unreadable.damaged(`phần ${part} không giải nén được`, `part ${part} cannot be decompressed`);
    }
    this.verify(entry, crc);
    if (pieces.length === 1) return pieces[0];
    const out = new Uint8Array(produced);
    let at = 0;
    for (const p of pieces) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  }
}
