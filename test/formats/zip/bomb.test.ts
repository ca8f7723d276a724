/**
 * The zip-bomb rule judges a part by its expansion ratio and its expanded size together: a genuine
 * sheet of long repeated strings (121:1, 54 MB) is read; what only a bomb does (over 1,000:1, or
 * over 100:1 and past 64 MiB, or inflating beyond its declared size) is refused before it costs much.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { crc32 } from '../../../src/formats/zip/crc32';
import { EntryReader, type Inflater, type ZipArchive, type ZipEntry } from '../../../src/formats/zip/read';
import { DEFAULT_LIMITS, RATIO_FLOOR_BYTES, RATIO_LARGE_BYTES, ratioLimit, resolveLimits, type ReadLimits } from '../../../src/formats/limits';
import { UnreadableError } from '../../../src/formats/errors';
import { readXlsx } from '../../../src/formats/xlsx/read/workbook';
import { CORPUS } from '../../helpers/paths';

const MiB = 1024 * 1024;

/** One deflated part at offset 0 of an archive of its own; `declared` overrides the size the directory gives. */
function archive(data: Uint8Array, declared = data.length): { zip: ZipArchive; entry: ZipEntry } {
  const deflated = zlib.deflateRawSync(data, { level: 6 });
  const bytes = new Uint8Array(30 + deflated.length);
  new DataView(bytes.buffer).setUint32(0, 0x04034b50, true);
  bytes.set(deflated, 30);
  const entry: ZipEntry = { name: 'xl/worksheets/sheet1.xml', flags: 0, method: 8, crc: crc32(data), compressedSize: deflated.length, size: declared, localOffset: 0 };
  return { zip: { bytes, entries: [entry], byKey: new Map([[entry.name, [entry]]]) }, entry };
}

const nativeInflate: Inflater = (data, max) => zlib.inflateRawSync(data, { maxOutputLength: max });

function read(a: { zip: ZipArchive; entry: ZipEntry }, fast?: Inflater, limits: ReadLimits = DEFAULT_LIMITS): Uint8Array {
  return new EntryReader(a.zip, limits, fast).bytes(a.entry);
}

function refusal(f: () => unknown): UnreadableError {
  try {
    f();
  } catch (e) {
    if (e instanceof UnreadableError) return e;
    throw e;
  }
  throw new Error('not refused');
}

/** About `bytes` of sheet XML whose long repeated strings deflate ~121:1 (a word of its own every `every` phrases). */
function longStrings(bytes: number, every = 40): Uint8Array {
  let seed = 12345;
  const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16);
  const word = () => Array.from({ length: 6 }, () => String.fromCharCode(97 + (rnd() % 26))).join('');
  const rows: string[] = [];
  let size = 0;
  for (let r = 1; size < bytes; r++) {
    const segs: string[] = [];
    for (let i = 0; i < 600; i++) segs.push(i % every === 0 ? `Giáo viên ${word()} dạy giỏi cấp tỉnh ` : 'Giáo viên dạy giỏi cấp tỉnh ');
    const row = `<row r="${r}"><c r="J${r}" t="inlineStr"><is><t>${segs.join('').slice(0, 32000)}</t></is></c></row>`;
    rows.push(row);
    size += Buffer.byteLength(row);
  }
  return new TextEncoder().encode(rows.join(''));
}

describe('the thresholds', () => {
  test('defaults: 100:1 past 64 MiB, 1,000:1 past 1 MiB; the part caps unchanged', () => {
    expect([DEFAULT_LIMITS.maxRatio, DEFAULT_LIMITS.maxRatioAnySize, RATIO_FLOOR_BYTES, RATIO_LARGE_BYTES]).toEqual([100, 1000, MiB, 64 * MiB]);
    expect([DEFAULT_LIMITS.maxEntryBytes, DEFAULT_LIMITS.maxTotalBytes]).toEqual([200 * MiB, 256 * MiB]);
  });

  test.each([
    [MiB, false, Infinity],
    [MiB + 1, false, 1000],
    [54 * MiB, false, 1000],
    [64 * MiB, false, 1000],
    [64 * MiB + 1, false, 100],
    [2 * MiB, true, 100],
  ])('a part of %d bytes (beyond its declared size: %s) may expand up to %d:1', (size, lied, limit) => {
    expect(ratioLimit(DEFAULT_LIMITS, size, lied)).toBe(limit);
  });

  test('maxRatio set out of the way leaves the any-size limit in force', () => {
    expect(ratioLimit(resolveLimits({ maxRatio: 1e9 }), 2 * MiB, true)).toBe(1000);
  });
});

describe('reading a part', () => {
  test('a 54 MB sheet of long repeated strings at ~121:1 is read (the Excel for Mac workbook), by zlib and by the streaming inflater', () => {
    const data = longStrings(54 * 1000 * 1000);
    const a = archive(data);
    const ratio = data.length / a.entry.compressedSize;
    expect(ratio).toBeGreaterThan(110);
    expect(ratio).toBeLessThan(135);
    expect(read(a, nativeInflate).length).toBe(data.length);
    expect(read(a).length).toBe(data.length);
  });

  test('the same ratio past 64 MiB is refused from the declared sizes, before inflating', () => {
    const a = archive(new Uint8Array(16));
    a.entry.size = 70 * MiB;
    a.entry.compressedSize = Math.round((70 * MiB) / 121);
    const e = refusal(() => read(a));
    expect(e.info.code).toBe('zip-bomb');
    expect(e.info.messageEn).toContain('more than 100 times');
  });

  test('2 MiB of zeros (~1,000:1) is refused, by both inflaters', () => {
    const a = archive(new Uint8Array(2 * MiB));
    expect(2 * MiB / a.entry.compressedSize).toBeGreaterThan(1000);
    expect(refusal(() => read(a, nativeInflate)).info.code).toBe('zip-bomb');
    // Declared small, so only the streaming count can tell.
    const liar = archive(new Uint8Array(8 * MiB), 1000);
    expect(refusal(() => read(liar, nativeInflate)).info.code).toBe('zip-bomb');
  });

  test('a part inflating beyond its declared size meets 100:1 from 1 MiB on', () => {
    // ~400:1: within the any-size limit, but the directory lied about it.
    const row = new TextEncoder().encode('<row><c><v>1</v></c></row>'.repeat(200_000));
    const honest = archive(row);
    expect(row.length / honest.entry.compressedSize).toBeGreaterThan(100);
    expect(read(honest).length).toBe(row.length);
    expect(refusal(() => read(archive(row, 1000))).info.code).toBe('zip-bomb');
  });

  const bombs = ['zipbomb-300MiB-ws.xlsx', 'zipbomb-700MiB-ws.xlsx', 'zipbomb-700MiB-ws-nozip64.xlsx'].map((f) => path.join(CORPUS, 'attacks', f));
  (bombs.every(existsSync) ? test : test.skip)('the corpus bombs (300 and 700 MiB sheets) are still refused as zip bombs', () => {
    for (const f of bombs) expect([path.basename(f), refusal(() => readXlsx(new Uint8Array(readFileSync(f)))).info.code]).toEqual([path.basename(f), 'zip-bomb']);
  });
});
