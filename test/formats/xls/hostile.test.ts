/**
 * Hostile and damaged .xls files: each is refused with UnreadableError within a bounded time (a
 * truncated file, chains that loop, absurd sizes, a password, other Office files), never a crash
 * or a hang; and random damage to a real file never gives anything else than a grid or a refusal.
 */
import { readXls, UnreadableError } from '../../../src/formats/xls/workbook';
import { openCfb } from '../../../src/formats/xls/cfb';
import { rng } from '../../helpers/rng';
import { fixture } from '../same-reading';
import { cfb, EOF, get32, label, le16, le32, rec, sectorOffset, setFat, standardGlobals, workbookStream, xlsFile, type Bytes } from './writer';

/** The refusal, asserted to come within `ms`. */
function refusal(fn: () => unknown, ms = 2000): UnreadableError {
  const t0 = Date.now();
  try {
    fn();
  } catch (err) {
    expect(Date.now() - t0).toBeLessThan(ms);
    expect(err).toBeInstanceOf(UnreadableError);
    const e = err as UnreadableError;
    expect(e.info.message.length).toBeGreaterThan(10);
    expect(e.info.messageEn.length).toBeGreaterThan(10);
    return e;
  }
  throw new Error('expected an UnreadableError, but the file was read');
}

function put32(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 0xff;
  b[at + 1] = (v >>> 8) & 0xff;
  b[at + 2] = (v >>> 16) & 0xff;
  b[at + 3] = (v >>> 24) & 0xff;
}

/** A workbook whose Workbook stream is `size` bytes or more (padding after the last EOF): regular sectors. */
function bigWorkbook(size = 20_000) {
  const stream = workbookStream(standardGlobals(), [{ name: 'S', records: [label(0, 0, 0, 'x')] }]);
  const padded = new Uint8Array(Math.max(size, stream.length));
  padded.set(stream);
  return cfb([{ name: 'Workbook', data: padded }]);
}

describe('the compound file', () => {
  it('reads what the test writer makes, in regular sectors and in the mini stream', () => {
    expect(readXls(bigWorkbook().bytes).sheets[0].rows[0]).toEqual([{ v: 'x', font: 'Arial' }]);
    const small = xlsFile(workbookStream(standardGlobals(), [{ name: 'S', records: [label(0, 0, 0, 'y')] }]));
    expect(readXls(small).sheets[0].rows[0]).toEqual([{ v: 'y', font: 'Arial' }]);
  });

  it('refuses a truncated file, wherever it is cut', () => {
    const real = fixture('02-cu-jut.xls');
    for (const cut of [0, 8, 100, 511, 512, 1024, real.length >> 1, real.length - 512]) {
      const e = refusal(() => readXls(real.subarray(0, cut)));
      expect(['damaged', 'not-xlsx']).toContain(e.info.code);
    }
  });

  it('refuses a sector chain that loops (FAT), a directory that loops, a mini FAT that loops', () => {
    const l = bigWorkbook();
    const chain = l.streams.Workbook;
    setFat(l, chain[5], chain[1]);
    expect(refusal(() => readXls(l.bytes)).info.message).toMatch(/chuỗi cung/);

    const d = bigWorkbook();
    setFat(d, d.dir[0], d.dir[0]);
    // The directory is one sector: looping on itself is found at once.
    expect(refusal(() => readXls(d.bytes)).info.code).toBe('damaged');

    const m = cfb([{ name: 'Workbook', data: workbookStream(standardGlobals(), [{ name: 'S', records: [label(0, 0, 0, 'y')] }]) }]);
    // Mini sector 1 points back to 0.
    put32(m.bytes, sectorOffset(m.miniFat[0]) + 4, 0);
    expect(refusal(() => readXls(m.bytes)).info.code).toBe('damaged');
  });

  it('refuses a DIFAT chain that loops, and a FAT count the file cannot hold, without allocating for it', () => {
    const l = bigWorkbook(120 * 512);
    // Claim 110 FAT sectors: the 109 in the header are not enough, the DIFAT chain must give the
    // rest, and it points to itself.
    put32(l.bytes, 0x2c, 110);
    put32(l.bytes, 0x44, l.streams.Workbook[3]);
    put32(l.bytes, 0x48, 0xffffffff);
    for (let k = 1; k < 109; k++) put32(l.bytes, 0x4c + 4 * k, l.streams.Workbook[k]);
    // The DIFAT sector lists no FAT sector (all free) and names itself as the next one.
    const difat = sectorOffset(l.streams.Workbook[3]);
    l.bytes.fill(0xff, difat, difat + 512);
    put32(l.bytes, difat + 127 * 4, l.streams.Workbook[3]);
    expect(refusal(() => readXls(l.bytes)).info.messageEn).toMatch(/DIFAT/);

    const big = bigWorkbook();
    put32(big.bytes, 0x2c, 0xffffffff);
    expect(refusal(() => readXls(big.bytes)).info.code).toBe('damaged');
  });

  it('refuses absurd sector sizes and versions', () => {
    for (const [shift, major, mini] of [
      [30, 3, 6],
      [12, 3, 6],
      [0, 3, 6],
      [9, 7, 6],
      [9, 3, 30],
    ]) {
      const l = bigWorkbook();
      l.bytes[0x1e] = shift;
      l.bytes[0x1a] = major;
      l.bytes[0x20] = mini;
      expect(refusal(() => readXls(l.bytes)).info.message).toMatch(/kích thước cung/);
    }
  });

  it('refuses sector numbers outside the file, a stream bigger than the file, a directory without its root', () => {
    const out = bigWorkbook();
    setFat(out, out.streams.Workbook[2], 0x7fffffff);
    expect(refusal(() => readXls(out.bytes)).info.code).toBe('damaged');

    const huge = bigWorkbook();
    // The Workbook entry (index 1) declares 4 GB.
    put32(huge.bytes, sectorOffset(huge.dir[0]) + 128 + 0x78, 0xfffffff0);
    expect(refusal(() => readXls(huge.bytes)).info.code).toBe('damaged');

    const noRoot = bigWorkbook();
    noRoot.bytes[sectorOffset(noRoot.dir[0]) + 0x42] = 1;
    expect(refusal(() => readXls(noRoot.bytes)).info.code).toBe('damaged');
  });

  it('tells an encrypted .xlsx, a Word document and other compound files apart', () => {
    const data = new Uint8Array(100);
    const encrypted = cfb([
      { name: 'EncryptionInfo', data },
      { name: 'EncryptedPackage', data },
    ]).bytes;
    const e = refusal(() => readXls(encrypted));
    expect(e.info.code).toBe('encrypted');
    expect(e.info.message).toMatch(/mật khẩu/);
    expect(refusal(() => readXls(cfb([{ name: 'WordDocument', data }]).bytes)).info.message).toMatch(/Word/);
    expect(refusal(() => readXls(cfb([{ name: 'Something', data }]).bytes)).info.messageEn).toMatch(/no Excel workbook/);
  });

  it('finds the streams by walking the directory tree, not by scanning names', () => {
    const l = cfb([
      { name: 'Other', data: new Uint8Array(10) },
      { name: 'Workbook', data: workbookStream(standardGlobals(), [{ name: 'S', records: [label(0, 0, 0, 'z')] }]) },
    ]);
    expect(openCfb(l.bytes).root.has('workbook')).toBe(true);
    // Cut the sibling link to the Workbook entry: it is no longer at the root.
    put32(l.bytes, sectorOffset(l.dir[0]) + 128 + 0x48, 0xffffffff);
    expect(openCfb(l.bytes).root.has('workbook')).toBe(false);
    expect(refusal(() => readXls(l.bytes)).info.code).toBe('not-xlsx');
  });
});

describe('the Workbook stream', () => {
  it('refuses Excel 2.x-4.0 streams and a stream that does not start with BOF', () => {
    const old = Uint8Array.from([...rec(0x0409, [0, 0, 0x10, 0]), ...EOF()]);
    expect(refusal(() => readXls(xlsFile(old))).info.messageEn).toMatch(/Excel 2\.x/);
    const noBof = Uint8Array.from([...label(0, 0, 0, 'x'), ...EOF()]);
    expect(refusal(() => readXls(xlsFile(noBof))).info.code).toBe('damaged');
  });

  it('refuses a stream cut inside the globals or inside a sheet', () => {
    const stream = workbookStream(standardGlobals(), [{ name: 'S', records: [label(0, 0, 0, 'x'), label(1, 0, 0, 'y')] }]);
    for (const cut of [30, stream.length - 10, stream.length - 4]) {
      expect(refusal(() => readXls(xlsFile(stream.subarray(0, cut)))).info.message).toMatch(/cắt cụt/);
    }
  });

  it('reads a large stream of records in linear time, and a shared-string count that lies costs nothing', () => {
    // 1.5 million unknown records between the cells: 6 MB of stream.
    const filler = new Uint8Array(6_000_000);
    for (let k = 0; k < filler.length; k += 4) filler[k] = 0x34;
    const head = workbookStream(standardGlobals(), [{ name: 'S', records: [label(0, 0, 0, 'x')] }]);
    // Put the filler inside the sheet, before its EOF.
    const body = new Uint8Array(head.length + filler.length);
    body.set(head.subarray(0, head.length - 4));
    body.set(filler, head.length - 4);
    body.set(head.subarray(head.length - 4), head.length - 4 + filler.length);
    const t0 = Date.now();
    expect(readXls(xlsFile(body)).sheets[0].rows[0]).toEqual([{ v: 'x', font: 'Arial' }]);
    expect(Date.now() - t0).toBeLessThan(3000);

    const sst = rec(0x00fc, [...le32(0xffffffff), ...le32(0xffffffff), ...le16(1), 0, 0x61]);
    const wb = readXls(xlsFile(workbookStream([...standardGlobals(), sst], [{ name: 'S', records: [rec(0x00fd, [...le16(0), ...le16(0), ...le16(0), ...le32(0)])] }])));
    expect(wb.sheets[0].rows[0]).toEqual([{ v: 'a', font: 'Arial' }]);
  });

  it('reads the sheets once each, even when every BOUNDSHEET points at the same substream', () => {
    const records: Bytes[] = Array.from({ length: 500 }, (_, k) => label(k, 0, 0, `dòng ${k}`));
    const stream = workbookStream(standardGlobals(), Array.from({ length: 50 }, (_, k) => ({ name: `S${k}`, records })));
    // Every BOUNDSHEET's offset set to the first sheet's.
    const first = get32(stream, findBoundsheet(stream, 0) + 4);
    for (let k = 0; k < 50; k++) put32(stream, findBoundsheet(stream, k) + 4, first);
    const t0 = Date.now();
    const wb = readXls(xlsFile(stream));
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(wb.sheets).toHaveLength(50);
    expect(wb.sheets[49].rows[499]).toEqual([{ v: 'dòng 499', font: 'Arial' }]);
  });
});

/** Offset of the k-th BOUNDSHEET record in a stream. */
function findBoundsheet(s: Uint8Array, k: number): number {
  let p = 0;
  let seen = 0;
  while (p + 4 <= s.length) {
    const type = s[p] | (s[p + 1] << 8);
    if (type === 0x0085 && seen++ === k) return p;
    p += 4 + (s[p + 2] | (s[p + 3] << 8));
  }
  throw new Error('no such BOUNDSHEET');
}

describe('random damage', () => {
  it('a real .xls with bytes changed or cut anywhere gives a grid or an UnreadableError, quickly, never anything else', () => {
    const real = fixture('09-tuy-duc-vni.xls');
    const rand = rng(20251207);
    const t0 = Date.now();
    let refused = 0;
    for (let k = 0; k < 400; k++) {
      const b = Uint8Array.from(real);
      const edits = 1 + Math.floor(rand() * 16);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * b.length);
        // Mostly the header, FAT and directory, where damage does the most.
        const pos = rand() < 0.5 ? at % 2048 : at;
        b[pos] = rand() < 0.3 ? 0xff : Math.floor(rand() * 256);
      }
      const input = rand() < 0.1 ? b.subarray(0, Math.floor(rand() * b.length)) : b;
      try {
        const wb = readXls(input);
        expect(Array.isArray(wb.sheets)).toBe(true);
      } catch (err) {
        expect(err).toBeInstanceOf(UnreadableError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeLessThan(20000);
  });
});
