/**
 * A minimal writer of compound files and BIFF records, for tests only: it makes the crafted and
 * hostile .xls files the reader must handle. Written from [MS-CFB] and [MS-XLS] here, not with the
 * reader's code, so a misreading in one cannot hide in the other.
 */

export const END = 0xfffffffe;
export const FREE = 0xffffffff;
const FATSECT = 0xfffffffd;

function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}
function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
}
export function get32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

export interface CfbLayout {
  bytes: Uint8Array;
  /** Sector numbers, by what they hold. */
  fat: number[];
  dir: number[];
  streams: Record<string, number[]>;
  miniFat: number[];
}

/**
 * A version-3 compound file (512-byte sectors) holding `streams` at the root: streams under 4,096
 * bytes go into the mini stream, as the format asks. Every chain is laid out in order.
 */
export function cfb(streams: { name: string; data: Uint8Array }[]): CfbLayout {
  const S = 512;
  const sectors: Uint8Array[] = [];
  const fatNext: number[] = [];
  const alloc = (data: Uint8Array): number[] => {
    const n = Math.max(1, Math.ceil(data.length / S));
    const list: number[] = [];
    for (let k = 0; k < n; k++) {
      const sec = new Uint8Array(S);
      sec.set(data.subarray(k * S, Math.min(data.length, (k + 1) * S)));
      list.push(sectors.length);
      sectors.push(sec);
      fatNext.push(END);
    }
    for (let k = 0; k + 1 < list.length; k++) fatNext[list[k]] = list[k + 1];
    return list;
  };
  const big = streams.filter((s) => s.data.length >= 4096);
  const small = streams.filter((s) => s.data.length < 4096);
  const layout: CfbLayout = { bytes: new Uint8Array(0), fat: [], dir: [], streams: {}, miniFat: [] };
  const start: Record<string, number> = {};
  for (const s of big) {
    layout.streams[s.name] = alloc(s.data);
    start[s.name] = layout.streams[s.name][0];
  }
  // The mini stream: 64-byte pieces, chained in the mini FAT.
  const miniChunks: Uint8Array[] = [];
  const miniNext: number[] = [];
  for (const s of small) {
    const n = Math.max(1, Math.ceil(s.data.length / 64));
    const first = miniChunks.length;
    for (let k = 0; k < n; k++) {
      const c = new Uint8Array(64);
      c.set(s.data.subarray(k * 64, Math.min(s.data.length, (k + 1) * 64)));
      miniChunks.push(c);
      miniNext.push(k + 1 < n ? first + k + 1 : END);
    }
    start[s.name] = first;
  }
  const miniData = new Uint8Array(miniChunks.length * 64);
  miniChunks.forEach((c, k) => miniData.set(c, k * 64));
  let rootStart = END;
  if (miniChunks.length > 0) {
    rootStart = alloc(miniData)[0];
    const mf = new Uint8Array(Math.ceil((miniNext.length * 4) / S) * S).fill(0xff);
    miniNext.forEach((v, k) => put32(mf, k * 4, v));
    layout.miniFat = alloc(mf);
  }
  // Directory: the root, then each stream as the right sibling of the one before.
  const entries = 1 + streams.length;
  const dir = new Uint8Array(Math.ceil(entries / 4) * S);
  const entry = (i: number, name: string, type: number, child: number, right: number, first: number, size: number) => {
    const at = i * 128;
    for (let k = 0; k < name.length; k++) put16(dir, at + 2 * k, name.charCodeAt(k));
    put16(dir, at + 0x40, (name.length + 1) * 2);
    dir[at + 0x42] = type;
    dir[at + 0x43] = 1;
    put32(dir, at + 0x44, FREE);
    put32(dir, at + 0x48, right);
    put32(dir, at + 0x4c, child);
    put32(dir, at + 0x74, first);
    put32(dir, at + 0x78, size);
  };
  entry(0, 'Root Entry', 5, streams.length ? 1 : FREE, FREE, rootStart, miniData.length);
  streams.forEach((s, k) => entry(k + 1, s.name, 2, FREE, k + 2 <= streams.length ? k + 2 : FREE, start[s.name], s.data.length));
  for (let i = entries; i < dir.length / 128; i++) {
    put32(dir, i * 128 + 0x44, FREE);
    put32(dir, i * 128 + 0x48, FREE);
    put32(dir, i * 128 + 0x4c, FREE);
  }
  layout.dir = alloc(dir);
  // The FAT, big enough to map itself too.
  let nFat = 1;
  while (nFat * 128 < sectors.length + nFat) nFat++;
  for (let k = 0; k < nFat; k++) {
    layout.fat.push(sectors.length);
    sectors.push(new Uint8Array(S));
    fatNext.push(FATSECT);
  }
  for (let k = 0; k < fatNext.length; k++) put32(sectors[layout.fat[k >> 7]], (k & 127) * 4, fatNext[k]);
  for (let k = fatNext.length; k < nFat * 128; k++) put32(sectors[layout.fat[k >> 7]], (k & 127) * 4, FREE);
  const header = new Uint8Array(S);
  header.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  put16(header, 0x18, 0x3e);
  put16(header, 0x1a, 3);
  put16(header, 0x1c, 0xfffe);
  put16(header, 0x1e, 9);
  put16(header, 0x20, 6);
  put32(header, 0x2c, nFat);
  put32(header, 0x30, layout.dir[0]);
  put32(header, 0x38, 4096);
  put32(header, 0x3c, layout.miniFat.length ? layout.miniFat[0] : END);
  put32(header, 0x40, layout.miniFat.length);
  put32(header, 0x44, END);
  put32(header, 0x48, 0);
  for (let k = 0; k < 109; k++) put32(header, 0x4c + k * 4, k < nFat ? layout.fat[k] : FREE);
  const out = new Uint8Array(S * (1 + sectors.length));
  out.set(header, 0);
  sectors.forEach((s, k) => out.set(s, S * (k + 1)));
  layout.bytes = out;
  return layout;
}

/** Where sector k's bytes start in the file. */
export function sectorOffset(k: number): number {
  return 512 * (k + 1);
}

/** Sets FAT entry `k` (the sector after k) to `next`. */
export function setFat(l: CfbLayout, k: number, next: number): void {
  put32(l.bytes, sectorOffset(l.fat[k >> 7]) + (k & 127) * 4, next);
}

// ---------------------------------------------------------------------------------------------
// BIFF records

export type Bytes = number[];

export const le16 = (v: number): Bytes => [v & 0xff, (v >>> 8) & 0xff];
export const le32 = (v: number): Bytes => [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
export function le64f(v: number): Bytes {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return Array.from(b);
}

export function rec(type: number, data: Bytes | Uint8Array): Bytes {
  const d = Array.from(data);
  return [...le16(type), ...le16(d.length), ...d];
}

/** The characters of `s`: compressed (one byte each, all under U+0100) or UTF-16. */
export function chars(s: string, wide: boolean): Bytes {
  const out: Bytes = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (wide) out.push(c & 0xff, c >>> 8);
    else out.push(c & 0xff);
  }
  return out;
}

const needsWide = (s: string) => Array.from(s).some((c) => c.charCodeAt(0) > 0xff);

/** XLUnicodeString (16-bit length) or ShortXLUnicodeString (8-bit). */
export function xlString(s: string, lenBytes: 1 | 2 = 2): Bytes {
  const wide = needsWide(s);
  return [...(lenBytes === 2 ? le16(s.length) : [s.length]), wide ? 1 : 0, ...chars(s, wide)];
}

export const BOF_GLOBALS = (vers = 0x0600) => rec(0x0809, [...le16(vers), ...le16(0x0005), ...le16(0x0dbb), ...le16(0x07cc), ...le32(0), ...le32(6)]);
export const BOF_SHEET = (vers = 0x0600, dt = 0x0010) => rec(0x0809, [...le16(vers), ...le16(dt), ...le16(0x0dbb), ...le16(0x07cc), ...le32(0), ...le32(6)]);
export const EOF = () => rec(0x000a, []);

/** FONT (BIFF8): height, flags… then the name. */
export const font = (name: string) => rec(0x0031, [...le16(240), 0, 0, ...le16(0x7fff), ...le16(400), 0, 0, 0, 0, 0, 0, ...xlString(name, 1)]);
/** XF: font index and number format index (the rest zero). */
export const xf = (fontIndex: number, fmt: number) => rec(0x00e0, [...le16(fontIndex), ...le16(fmt), ...new Array(16).fill(0)]);
export const format = (id: number, code: string) => rec(0x041e, [...le16(id), ...xlString(code, 2)]);

export const cellRef = (row: number, col: number, xfIndex: number): Bytes => [...le16(row), ...le16(col), ...le16(xfIndex)];
export const number = (row: number, col: number, xfIndex: number, v: number) => rec(0x0203, [...cellRef(row, col, xfIndex), ...le64f(v)]);
export const label = (row: number, col: number, xfIndex: number, s: string) => rec(0x0204, [...cellRef(row, col, xfIndex), ...xlString(s, 2)]);
export const labelSst = (row: number, col: number, xfIndex: number, i: number) => rec(0x00fd, [...cellRef(row, col, xfIndex), ...le32(i)]);
export const boolErr = (row: number, col: number, xfIndex: number, v: number, isError: boolean) => rec(0x0205, [...cellRef(row, col, xfIndex), v, isError ? 1 : 0]);
/** FORMULA with a number result (`result` a number) or a special one ([type, value]: 0 string, 1 bool, 2 error, 3 empty). */
export function formula(row: number, col: number, xfIndex: number, result: number | [number, number], tokens: Bytes): Bytes {
  const res = typeof result === 'number' ? le64f(result) : [result[0], 0, result[1], 0, 0, 0, 0xff, 0xff];
  return rec(0x0006, [...cellRef(row, col, xfIndex), ...res, ...le16(0), ...le32(0), ...le16(tokens.length), ...tokens]);
}
export const stringRecord = (s: string) => rec(0x0207, xlString(s, 2));

export interface SheetSpec {
  name: string;
  /** 0 visible, 1 hidden, 2 very hidden. */
  state?: number;
  /** BOUNDSHEET dt: 0 worksheet, 2 chart. */
  kind?: number;
  records: Bytes[];
  /** The sheet's BOF (a chart's differs). */
  bof?: Bytes;
}

/**
 * A BIFF8 Workbook stream: BOF, the globals given, a BOUNDSHEET per sheet (offsets worked out),
 * EOF, then each sheet's BOF, records and EOF.
 */
export function workbookStream(globals: Bytes[], sheets: SheetSpec[], vers = 0x0600): Uint8Array {
  const bound = (offset: number, s: SheetSpec) => {
    const name = vers >= 0x0600 ? xlString(s.name, 1) : [s.name.length, ...chars(s.name, false)];
    return rec(0x0085, [...le32(offset), s.state ?? 0, s.kind ?? 0, ...name]);
  };
  const head = [...BOF_GLOBALS(vers), ...globals.flat()];
  let size = head.length + EOF().length;
  for (const s of sheets) size += bound(0, s).length;
  const bodies = sheets.map((s) => [...(s.bof ?? BOF_SHEET(vers)), ...s.records.flat(), ...EOF()]);
  const out: Bytes = [...head];
  let offset = size;
  sheets.forEach((s, k) => {
    out.push(...bound(offset, s));
    offset += bodies[k].length;
  });
  out.push(...EOF());
  for (const b of bodies) out.push(...b);
  return Uint8Array.from(out);
}

/** The usual globals: fonts (index 4 skipped by BIFF), a General and a date cell format. */
export function standardGlobals(fonts: string[] = ['Arial', 'Arial', 'Arial', 'Arial', '.VnTime']): Bytes[] {
  return [
    ...fonts.map(font),
    // XF 0: font 0, General; XF 1: font 5 (the fifth FONT record), General; XF 2: font 0, built-in date 14.
    xf(0, 0),
    xf(5, 0),
    xf(0, 14),
  ];
}

/** A whole .xls file: the stream in a compound file, under `streamName`. */
export function xlsFile(stream: Uint8Array, streamName = 'Workbook', more: { name: string; data: Uint8Array }[] = []): Uint8Array {
  return cfb([{ name: streamName, data: stream }, ...more]).bytes;
}

/** SHRFMLA: the tokens of a shared formula over rows r1-r2, columns c1-c2 (relative references as tRefN/tAreaN). */
export const sharedFormula = (r1: number, r2: number, c1: number, c2: number, tokens: Bytes) => rec(0x04bc, [...le16(r1), ...le16(r2), c1, c2, 0, 1, ...le16(tokens.length), ...tokens]);
