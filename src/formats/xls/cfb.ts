/**
 * A reader of the Compound File Binary format ([MS-CFB], "OLE2"), the container of .xls, .doc and
 * of encrypted .xlsx files: just enough to find the streams at the root and read one, safely.
 *
 * Hostile input is the rule here, so every sector number is checked against the file before it is
 * used, every chain (FAT, mini FAT, DIFAT, directory) is walked at most once per sector with a
 * visited mark (a chain that loops is refused, never followed forever), the directory tree is
 * walked without recursion, and nothing is allocated from a size the file declares unless the file
 * is big enough to hold it. Everything is linear in the file's size.
 */
import { unreadable } from '../errors';

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Special sector numbers: every value at or above MAXREGSECT is a marker, not a sector. */
const MAXREGSECT = 0xfffffffa;
const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;

const TYPE_STORAGE = 1;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;

export interface CfbEntry {
  name: string;
  type: number;
  start: number;
  size: number;
}

export interface CfbFile {
  /** The streams and storages directly under the root, by lower-cased name. */
  root: Map<string, CfbEntry>;
  /** A stream's bytes (a copy), or throws UnreadableError when its chain is damaged. */
  read(entry: CfbEntry): Uint8Array;
}

export function isCfb(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  for (let i = 0; i < 8; i++) if (b[i] !== SIGNATURE[i]) return false;
  return true;
}

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}

const TRUNCATED_VI = 'tệp bị cắt cụt (có thể do tải về hoặc sao chép chưa xong)';
const TRUNCATED_EN = 'the file is truncated (perhaps an incomplete download or copy)';

function damaged(vi: string, en: string): Error {
  return unreadable.damagedFile('.xls', vi, en);
}

function truncated(): Error {
  return damaged(TRUNCATED_VI, TRUNCATED_EN);
}

function badChain(what: string, whatEn: string): Error {
  return damaged(`chuỗi cung (sector) của ${what} bị hỏng`, `the sector chain of ${whatEn} is broken`);
}

/**
 * Opens the container: header, DIFAT, FAT, directory. Streams are read on demand. Throws
 * UnreadableError for anything that is not a sound compound file.
 */
export function openCfb(bytes: Uint8Array): CfbFile {
  const n = bytes.length;
  if (!isCfb(bytes)) throw damaged('thiếu chữ ký của tệp Office 97-2003', 'the Office 97-2003 signature is missing');
  if (n < 512) throw truncated();
  const major = u16(bytes, 0x1a);
  const shift = u16(bytes, 0x1e);
  const miniShift = u16(bytes, 0x20);
  // Version 3 uses 512-byte sectors, version 4 4096-byte ones; nothing else exists.
  if (!((shift === 9 && (major === 3 || major === 4)) || (shift === 12 && major === 4)) || miniShift !== 6) {
    throw damaged(`kích thước cung (sector) không hợp lệ (2^${shift})`, `its sector size is invalid (2^${shift})`);
  }
  const size = 1 << shift;
  const perSector = size >> 2;
  // Sector k starts at (k + 1) * size; a sector that starts inside the file counts (the last one
  // may be cut short by some writers: what is missing reads as zeros, see sectorAt).
  const sectors = Math.max(0, Math.ceil((n - size) / size));
  const fatCount = u32(bytes, 0x2c);
  const firstDir = u32(bytes, 0x30);
  const miniCutoff = u32(bytes, 0x38);
  const firstMiniFat = u32(bytes, 0x3c);
  const firstDifat = u32(bytes, 0x44);
  const difatCount = u32(bytes, 0x48);
  // The FAT cannot have more sectors than the file has.
  if (fatCount > sectors) throw truncated();

  const sectorAt = (k: number): Uint8Array => {
    if (k >= sectors) throw truncated();
    const from = (k + 1) * size;
    const to = from + size;
    if (to <= n) return bytes.subarray(from, to);
    const padded = new Uint8Array(size);
    padded.set(bytes.subarray(from, n));
    return padded;
  };

  // DIFAT: the FAT's sector numbers, 109 in the header and the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) {
    const s = u32(bytes, 0x4c + i * 4);
    if (s === FREESECT) continue;
    fatSectors.push(s);
  }
  if (fatSectors.length < fatCount) {
    const seen = new Uint8Array(sectors);
    let s = firstDifat;
    for (let k = 0; k < difatCount && fatSectors.length < fatCount; k++) {
      if (s >= MAXREGSECT) break;
      if (s >= sectors) throw truncated();
      if (seen[s]) throw badChain('bảng DIFAT', 'the DIFAT');
      seen[s] = 1;
      const sec = sectorAt(s);
      for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) {
        const f = u32(sec, i * 4);
        if (f !== FREESECT) fatSectors.push(f);
      }
      s = u32(sec, (perSector - 1) * 4);
    }
  }
  if (fatSectors.length < fatCount) throw badChain('bảng DIFAT', 'the DIFAT');

  // The FAT itself, as one array of next-sector numbers (at most the file's size).
  const fat = new Uint32Array(fatSectors.length * perSector);
  {
    const seen = new Uint8Array(sectors);
    fatSectors.forEach((s, j) => {
      if (s >= sectors) throw truncated();
      if (seen[s]) throw badChain('bảng FAT', 'the FAT');
      seen[s] = 1;
      const sec = sectorAt(s);
      for (let i = 0; i < perSector; i++) fat[j * perSector + i] = u32(sec, i * 4);
    });
  }

  /**
   * The chain from `start`, as sector numbers: every one inside the file and in the FAT, none
   * twice; at most `max` of them (what the caller needs), ending at ENDOFCHAIN unless cut at max.
   */
  const chain = (start: number, max: number, what: string, whatEn: string): number[] => {
    const out: number[] = [];
    if (start === ENDOFCHAIN || max <= 0) return out;
    const seen = new Uint8Array(sectors);
    let s = start;
    while (out.length < max) {
      if (s === ENDOFCHAIN) break;
      if (s >= MAXREGSECT || s >= fat.length) throw badChain(what, whatEn);
      if (s >= sectors) throw truncated();
      if (seen[s]) throw badChain(what, whatEn);
      seen[s] = 1;
      out.push(s);
      s = fat[s];
    }
    return out;
  };

  /** `length` bytes from the chain at `start` (fewer sectors than that: damaged). */
  const readChain = (start: number, length: number, what: string, whatEn: string): Uint8Array => {
    const need = Math.ceil(length / size);
    const list = chain(start, need, what, whatEn);
    if (list.length < need) throw badChain(what, whatEn);
    const out = new Uint8Array(length);
    for (let k = 0; k < list.length; k++) {
      const sec = sectorAt(list[k]);
      const at = k * size;
      out.set(sec.subarray(0, Math.min(size, length - at)), at);
    }
    return out;
  };

  // Directory: 128-byte entries in the chain from firstDir (the whole chain, whatever its length).
  const dirSectors = chain(firstDir, sectors, 'thư mục', 'the directory');
  if (dirSectors.length === 0) throw badChain('thư mục', 'the directory');
  const entries: (CfbEntry & { left: number; right: number; child: number })[] = [];
  for (const s of dirSectors) {
    const sec = sectorAt(s);
    for (let off = 0; off + 128 <= size; off += 128) {
      const nameLen = Math.min(64, u16(sec, off + 0x40));
      let name = '';
      for (let i = 0; i + 1 < nameLen - 1; i += 2) name += String.fromCharCode(u16(sec, off + i));
      const type = sec[off + 0x42];
      // Version 3 files may leave junk in the high half of the size: only the low half counts.
      const lo = u32(sec, off + 0x78);
      const hi = major === 3 ? 0 : u32(sec, off + 0x7c);
      entries.push({
        name,
        type,
        left: u32(sec, off + 0x44),
        right: u32(sec, off + 0x48),
        child: u32(sec, off + 0x4c),
        start: u32(sec, off + 0x74),
        size: hi * 0x100000000 + lo,
      });
    }
  }
  const rootEntry = entries[0];
  if (rootEntry.type !== TYPE_ROOT) throw damaged('thư mục không bắt đầu bằng mục gốc', 'the directory does not start with the root entry');

  // The root's children: a tree of siblings, walked with a stack and a visited mark.
  const root = new Map<string, CfbEntry>();
  {
    const seen = new Uint8Array(entries.length);
    const stack: number[] = [rootEntry.child];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      if (i === NOSTREAM || i >= entries.length || seen[i]) continue;
      seen[i] = 1;
      const e = entries[i];
      if (e.type === TYPE_STREAM || e.type === TYPE_STORAGE) {
        const key = e.name.toLowerCase();
        if (!root.has(key)) root.set(key, { name: e.name, type: e.type, start: e.start, size: e.size });
      }
      stack.push(e.left, e.right);
    }
  }

  // The mini stream (the root entry's data) and the mini FAT, read when a small stream is asked for.
  let mini: { data: Uint8Array; fat: Uint32Array } | null = null;
  const miniStream = () => {
    if (mini) return mini;
    if (rootEntry.size > sectors * size) throw truncated();
    const data = readChain(rootEntry.start, rootEntry.size, 'vùng dữ liệu nhỏ', 'the mini stream');
    const miniFatSectors = chain(firstMiniFat, sectors, 'bảng mini FAT', 'the mini FAT');
    const mfat = new Uint32Array(miniFatSectors.length * perSector);
    miniFatSectors.forEach((s, j) => {
      const sec = sectorAt(s);
      for (let i = 0; i < perSector; i++) mfat[j * perSector + i] = u32(sec, i * 4);
    });
    mini = { data, fat: mfat };
    return mini;
  };

  const read = (entry: CfbEntry): Uint8Array => {
    const length = entry.size;
    if (length === 0) return new Uint8Array(0);
    // No stream can be bigger than the file that holds it.
    if (length > n) throw truncated();
    if (length >= miniCutoff) return readChain(entry.start, length, `luồng ${entry.name}`, `stream ${entry.name}`);
    const m = miniStream();
    const count = m.data.length >> 6;
    const need = Math.ceil(length / 64);
    const out = new Uint8Array(length);
    const seen = new Uint8Array(count);
    let s = entry.start;
    for (let k = 0; k < need; k++) {
      if (s >= count || s >= m.fat.length) throw badChain(`luồng ${entry.name}`, `stream ${entry.name}`);
      if (seen[s]) throw badChain(`luồng ${entry.name}`, `stream ${entry.name}`);
      seen[s] = 1;
      const at = k * 64;
      out.set(m.data.subarray(s * 64, s * 64 + Math.min(64, length - at)), at);
      s = m.fat[s];
    }
    return out;
  };

  return { root, read };
}
