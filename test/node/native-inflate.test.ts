/**
 * The Node entry inflates with zlib, bounded by each part's declared size; every other case goes
 * through the JavaScript inflater and its checks. Same grids, same refusals, on the whole corpus.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readXlsxFile } from '../../src/node/files';
import { readXlsx, UnreadableError, type ReadOptions } from '../../src/formats/xlsx/read/workbook';
import { readWorkbook } from '../../src/formats/index';
import { CORPUS, EXAMPLES } from '../helpers/paths';


function files(): string[] {
  const out: string[] = [];
  for (const dir of [path.join(CORPUS, 'poi'), path.join(CORPUS, 'attacks'), EXAMPLES]) {
    for (const f of fs.readdirSync(dir).sort()) if (/\.xls[xm]$/i.test(f)) out.push(path.join(dir, f));
  }
  return out;
}

async function outcome(read: () => unknown): Promise<unknown> {
  try {
    return { ok: await read() };
  } catch (err) {
    if (!(err instanceof UnreadableError)) throw err;
    return { code: err.info.code, message: err.info.message };
  }
}

describe('native inflate in the Node entry', () => {
  test('every corpus and example file: the same grid or the same refusal as the JavaScript inflater', async () => {
    const list = files();
    expect(list.length).toBeGreaterThan(300);
    for (const f of list) {
      const bytes = new Uint8Array(fs.readFileSync(f));
      // A compound file (an .xls, or an encrypted .xlsx) goes to readWorkbook, as the Node entry sends it.
      const cfb = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
      const js = await outcome(() => (cfb ? readWorkbook(bytes, f) : readXlsx(bytes)));
      const native = await outcome(() => readXlsxFile(f));
      expect([path.basename(f), native]).toEqual([path.basename(f), js]);
    }
  });

  test('an inflater that gives more than the part declares, or fails, is not trusted', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(EXAMPLES, '02-cu-jut.xlsx')));
    const plain = readXlsx(bytes);
    let calls = 0;
    const liar: ReadOptions['inflate'] = (_d, max) => {
      calls++;
      return new Uint8Array(max + 1);
    };
    const broken: ReadOptions['inflate'] = () => {
      calls++;
      throw new Error('zlib: invalid block type');
    };
    expect(readXlsx(bytes, { inflate: liar })).toEqual(plain);
    expect(readXlsx(bytes, { inflate: broken })).toEqual(plain);
    expect(readXlsx(bytes, { inflate: () => null })).toEqual(plain);
    expect(calls).toBeGreaterThan(4);
  });
});
