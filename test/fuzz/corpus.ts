/**
 * The real files the fuzz suite mutates: every example, and a few small files of the shared corpus
 * (Apache POI's test files and the hostile set; left out when the corpus is not there). For each:
 * its bytes, its parts (unzipped with fflate), a copy with every part stored (so that a byte changed
 * in a part's data, with its CRC put right, reaches the XML scanner), and the zip's header fields.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { CORPUS, EXAMPLES } from '../helpers/paths';

/** A little-endian field of a zip header, by its offset in the file. */
export interface ZipField {
  at: number;
  size: 2 | 4;
  /** "local 3 method", "central 0 size", "end count"… (for reading a counterexample). */
  name: string;
}

export interface Base {
  name: string;
  bytes: Uint8Array;
  /** The parts, or null when fflate cannot unzip the file. */
  parts: Record<string, Uint8Array> | null;
  /** The parts' total size, inflated (the file's size when they cannot be had). */
  inflated: number;
  /** The same parts zipped again, stored (method 0). */
  stored: Uint8Array | null;
  fields: ZipField[];
  storedFields: ZipField[];
}

const POI = ['47889.xlsx', '59021.xlsx', '59746_NoRowNums.xlsx', '64508.xlsx', '62272.xlsx', 'MalformedSSTCount.xlsx', '56295.xlsx'];
const ATTACKS = ['far-cell-XFD1048576.xlsx', 'truncated.xlsx', 'inj.xlsx'];

function u16(b: Uint8Array, i: number): number {
  return b[i] | (b[i + 1] << 8);
}
function u32(b: Uint8Array, i: number): number {
  return (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16)) + b[i + 3] * 0x1000000;
}

const LOCAL_FIELDS: [number, 2 | 4, string][] = [
  [0, 4, 'signature'],
  [4, 2, 'version'],
  [6, 2, 'flags'],
  [8, 2, 'method'],
  [14, 4, 'crc'],
  [18, 4, 'compressed size'],
  [22, 4, 'size'],
  [26, 2, 'name length'],
  [28, 2, 'extra length'],
];
const CENTRAL_FIELDS: [number, 2 | 4, string][] = [
  [0, 4, 'signature'],
  [8, 2, 'flags'],
  [10, 2, 'method'],
  [16, 4, 'crc'],
  [20, 4, 'compressed size'],
  [24, 4, 'size'],
  [28, 2, 'name length'],
  [30, 2, 'extra length'],
  [32, 2, 'comment length'],
  [42, 4, 'local offset'],
];
const END_FIELDS: [number, 2 | 4, string][] = [
  [0, 4, 'signature'],
  [8, 2, 'count on disk'],
  [10, 2, 'count'],
  [12, 4, 'directory size'],
  [16, 4, 'directory offset'],
  [20, 2, 'comment length'],
];

export interface ZipLayout {
  fields: ZipField[];
  /** Per central record: where its method, CRC and local header are (for putting CRCs right). */
  entries: { central: number; local: number; method: number; compressedSize: number }[];
}

/** The header fields of a well-formed zip (or as many as can be found in a damaged one). */
export function zipLayout(b: Uint8Array): ZipLayout {
  const fields: ZipField[] = [];
  const entries: ZipLayout['entries'] = [];
  let eocd = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--) {
    if (u32(b, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { fields, entries };
  for (const [off, size, name] of END_FIELDS) fields.push({ at: eocd + off, size, name: `end ${name}` });
  const count = u16(b, eocd + 10);
  let p = u32(b, eocd + 16);
  for (let k = 0; k < count && p + 46 <= b.length && u32(b, p) === 0x02014b50; k++) {
    for (const [off, size, name] of CENTRAL_FIELDS) fields.push({ at: p + off, size, name: `central ${k} ${name}` });
    const local = u32(b, p + 42);
    if (local + 30 <= b.length && u32(b, local) === 0x04034b50) {
      for (const [off, size, name] of LOCAL_FIELDS) fields.push({ at: local + off, size, name: `local ${k} ${name}` });
    }
    entries.push({ central: p, local, method: u16(b, p + 10), compressedSize: u32(b, p + 20) });
    p += 46 + u16(b, p + 28) + u16(b, p + 30) + u16(b, p + 32);
  }
  return { fields, entries };
}

function load(name: string, bytes: Uint8Array): Base {
  let parts: Record<string, Uint8Array> | null = null;
  try {
    parts = unzipSync(bytes);
  } catch {
    parts = null;
  }
  const files = parts ? Object.fromEntries(Object.entries(parts).filter(([k]) => !k.endsWith('/'))) : null;
  const stored = files ? zipSync(files, { level: 0 }) : null;
  return {
    name,
    bytes,
    parts: files,
    inflated: files ? Object.values(files).reduce((a, p) => a + p.length, 0) : bytes.length,
    stored,
    fields: zipLayout(bytes).fields,
    storedFields: stored ? zipLayout(stored).fields : [],
  };
}

function readBases(): Base[] {
  const out: Base[] = [];
  for (const f of fs.readdirSync(EXAMPLES).sort()) {
    if (f.endsWith('.xlsx')) out.push(load(f, new Uint8Array(fs.readFileSync(path.join(EXAMPLES, f)))));
  }
  for (const [dir, names] of [
    ['poi', POI],
    ['attacks', ATTACKS],
  ] as const) {
    for (const f of names) {
      const full = path.join(CORPUS, dir, f);
      if (fs.existsSync(full)) out.push(load(`${dir}/${f}`, new Uint8Array(fs.readFileSync(full))));
    }
  }
  return out;
}

export const BASES: Base[] = readBases();
/** The bases whose parts could be had (for mutating parts and zipping them again). */
export const UNZIPPED: Base[] = BASES.filter((b) => b.parts !== null);
