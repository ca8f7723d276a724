/**
 * readWorkbook picks the reader by content first and name second, and refuses what no reader
 * reads, saying what it is; src/formats/index.ts loads the readers only on demand.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { detectFormat, readWorkbook, sniffFormat, UnreadableError } from '../../src/formats/index';
import { readOds } from '../../src/formats/ods/workbook';
import { readXls } from '../../src/formats/xls/workbook';
import { readXlsx } from '../../src/formats/xlsx/read/workbook';
import { ROOT } from '../helpers/paths';
import { fixture } from './same-reading';
import { cfb } from './xls/writer';

const xlsx = fs.readFileSync(path.join(ROOT, 'examples', '05-dak-rlap-tcvn3.xlsx'));
const xls = fixture('05-dak-rlap-tcvn3.xls');
const ods = fixture('05-dak-rlap-tcvn3.ods');

async function refusal(p: Promise<unknown>): Promise<UnreadableError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableError);
    const e = err as UnreadableError;
    expect(e.info.message.length).toBeGreaterThan(10);
    expect(e.info.messageEn.length).toBeGreaterThan(10);
    return e;
  }
  throw new Error('expected an UnreadableError, but the file was read');
}

/** The same package with its entries in another order: the mimetype no longer first. */
function reordered(zip: Uint8Array): Uint8Array {
  const entries = Object.entries(unzipSync(zip)).reverse();
  const files: Zippable = {};
  for (const [name, data] of entries) files[name] = data;
  return zipSync(files);
}

describe('readWorkbook', () => {
  it('reads each format with its reader, whatever the file is called', async () => {
    expect(await readWorkbook(xlsx, 'a.xlsx')).toEqual(readXlsx(xlsx));
    expect(await readWorkbook(xls, 'a.xls')).toEqual(readXls(xls));
    expect(await readWorkbook(ods, 'a.ods')).toEqual(readOds(ods));
    // Content first: misnamed files are read for what they are.
    expect(await readWorkbook(xls, 'danh-sach.xlsx')).toEqual(readXls(xls));
    expect(await readWorkbook(ods, 'danh-sach.xlsx')).toEqual(readOds(ods));
    expect(await readWorkbook(xlsx, 'danh-sach.ods')).toEqual(readXlsx(xlsx));
    expect(await readWorkbook(xlsx, 'danh-sach.xls')).toEqual(readXlsx(xlsx));
  });

  it('finds an .ods whose mimetype is not the first entry from the zip\'s directory, whatever its name', async () => {
    const odd = reordered(ods);
    expect(sniffFormat(odd, 'x.xlsx')).toBe('xlsx');
    expect(await detectFormat(odd, 'x.xlsx')).toBe('ods');
    expect(await readWorkbook(odd, 'x.xlsx')).toEqual(readOds(ods));
    expect(await detectFormat(reordered(xlsx), 'x.ods')).toBe('xlsx');
  });

  it('passes the options on: limits and the sheets asked for', async () => {
    expect((await readWorkbook(xls, 'a.xls', { sheets: () => false })).sheets).toEqual([]);
    expect((await refusal(readWorkbook(ods, 'a.ods', { limits: { maxCells: 10 } }))).info.code).toBe('too-large');
    expect((await refusal(readWorkbook(xls, 'a.xls', { limits: { maxFileBytes: 100 } }))).info.code).toBe('too-large');
  });

  it('refuses a password-protected .xlsx (an encrypted package in a compound file)', async () => {
    const encrypted = cfb([
      { name: 'EncryptionInfo', data: new Uint8Array(200) },
      { name: 'EncryptedPackage', data: new Uint8Array(5000) },
    ]).bytes;
    const e = await refusal(readWorkbook(encrypted, 'danh-sach.xlsx'));
    expect(e.info.code).toBe('encrypted');
    expect(e.info.message).toMatch(/^Tệp được đặt mật khẩu/);
  });

  it('says what a file is when it is not a workbook: PDF, Word, picture, web page, Excel 2003 XML, flat ODS, text, empty, old Excel', async () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [strToU8('%PDF-1.7\n1 0 obj <<>> endobj'), 'danh-sach.xlsx', /PDF/],
      [cfb([{ name: 'WordDocument', data: new Uint8Array(100) }]).bytes, 'danh-sach.xls', /Word/],
      [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'anh.xlsx', /ảnh/],
      [strToU8('<html><body><table><tr><td>Nguyễn Văn A</td></tr></table></body></html>'), 'xuat.xls', /trang web \(HTML\)/],
      [strToU8('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'), 'x.xls', /XML của Excel 2003/],
      [strToU8('<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"/>'), 'a.fods', /\.fods/],
      [strToU8('STT,Họ và tên\n1,Nguyễn Văn A\n'), 'danh-sach.xlsx', /tệp văn bản/],
      [Uint8Array.from([0x53, 0x54, 0x54, 0x2c, 0x48, 0xe4, 0x20, 0x76, 0xb5, 0x20, 0x74, 0xaa, 0x6e, 0x0a]), 'tcvn3.csv', /tệp văn bản/],
      [new Uint8Array(0), 'a.xlsx', /rỗng/],
      [Uint8Array.from([0x09, 0x04, 6, 0, 0, 0, 0x10, 0]), 'cu.xls', /Excel 2\.x/],
      [Uint8Array.from([0x52, 0x61, 0x72, 0x21, 0x1a, 0x07, 0x00]), 'a.xlsx', /RAR/],
    ];
    for (const [bytes, name, re] of cases) {
      const t0 = Date.now();
      const e = await refusal(readWorkbook(bytes, name));
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(e.info.message).toMatch(re);
      expect(e.info.message).toBe(e.info.message.normalize('NFC'));
    }
    // Anything else: not a workbook, save it as .xlsx.
    const junk = Uint8Array.from({ length: 1000 }, (_, k) => (k * 7919) % 251 || 1);
    expect((await refusal(readWorkbook(junk, 'a.xlsx'))).info.code).toBe('not-zip');
  });

  it('sniffs from the first bytes only', () => {
    expect(sniffFormat(xlsx)).toBe('xlsx');
    expect(sniffFormat(xls)).toBe('xls');
    expect(sniffFormat(ods)).toBe('ods');
    expect(() => sniffFormat(strToU8('%PDF-'))).toThrow(UnreadableError);
  });
});

describe('src/formats/index.ts', () => {
  it('imports no reader statically: each is a dynamic import, a chunk of its own in the task pane', () => {
    const src = fs.readFileSync(path.join(ROOT, 'src', 'formats', 'index.ts'), 'utf8');
    const statics = [...src.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)';/gms)].filter((m) => !m[1]).map((m) => m[2]);
    expect(statics.sort()).toEqual(['./errors', './limits']);
    for (const chunk of ['xls-reader', 'ods-reader', 'xlsx-reader']) expect(src).toContain(`webpackChunkName: "${chunk}"`);
  });
});
