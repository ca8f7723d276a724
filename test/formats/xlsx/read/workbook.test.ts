import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import ExcelJS from 'exceljs';
import { deflateSync, strToU8, zipSync } from 'fflate';
import type { GridCell, WorkbookGrid } from '../../../../src/sheet/grid';
import { shiftFormula } from '../../../../src/formats/xlsx/read/formula';
import { DEFAULT_LIMITS } from '../../../../src/formats/limits';
import { readXlsxFile } from '../../../../src/node/files';
import { concatBytes } from '../../../../src/formats/zip/write';
import { readXlsx, UnreadableError } from '../../../../src/formats/xlsx/read/workbook';
import { isoToSerial } from '../../../../src/formats/xlsx/read/cell-values';
import { isDateFormat } from '../../../../src/formats/xlsx/read/styles';
import { isDateFormatCode } from '../../../../src/sheet/number-format';
import { crc32 } from '../../../../src/formats/zip/crc32';

// ---------- helpers ----------

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const T_WS = `${R}/worksheet`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${REL}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

function workbookXml(sheets: { name: string; rid: string; state?: string }[], pr = ''): string {
  const list = sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="${s.rid}"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${R}">${pr}<sheets>${list}</sheets></workbook>`;
}

function relsXml(rels: [string, string, string][]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${REL}">${rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join('')}</Relationships>`;
}

function sheetXml(data: string, tail = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}" xmlns:r="${R}"><sheetData>${data}</sheetData>${tail}</worksheet>`;
}

function zip(parts: Record<string, string | Uint8Array>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(parts)) files[name] = typeof content === 'string' ? strToU8(content) : content;
  return zipSync(files);
}

/** A one-sheet package; `extra` parts are added or override the defaults. */
function oneSheet(data: string, extra: Record<string, string> = {}, tail = ''): Uint8Array {
  return zip({
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': ROOT_RELS,
    'xl/workbook.xml': workbookXml([{ name: 'S', rid: 'rId1' }]),
    'xl/_rels/workbook.xml.rels': relsXml([
      ['rId1', T_WS, 'worksheets/sheet1.xml'],
      ['rId2', `${R}/sharedStrings`, 'sharedStrings.xml'],
      ['rId3', `${R}/styles`, 'styles.xml'],
    ]),
    'xl/worksheets/sheet1.xml': sheetXml(data, tail),
    ...extra,
  });
}

function cell(wb: WorkbookGrid, sheet: number, row: number, col: number): GridCell | undefined {
  return wb.sheets[sheet].rows[row]?.[col];
}

function refusal(fn: () => unknown): UnreadableError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableError);
    const e = err as UnreadableError;
    expect(e.info.message.length).toBeGreaterThan(10);
    expect(e.info.messageEn.length).toBeGreaterThan(10);
    expect(e.info.message).toBe(e.info.message.normalize('NFC'));
    return e;
  }
  throw new Error('expected an UnreadableError, but the file was read');
}

async function refusalAsync(p: Promise<unknown>): Promise<UnreadableError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableError);
    return err as UnreadableError;
  }
  throw new Error('expected an UnreadableError');
}

function serialOf(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-xlsx-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

// ---------- files written by ExcelJS ----------

describe('files written by ExcelJS', () => {
  let wb: WorkbookGrid;
  const name = 'Nguyễn Thị Hồng Nhung';

  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    const ws = book.addWorksheet('Danh sách');
    ws.getCell('A1').value = 'STT';
    ws.getCell('B1').value = 'Họ và tên';
    ws.getCell('A2').value = 1;
    ws.getCell('B2').value = name;
    ws.getCell('C2').value = new Date(Date.UTC(1980, 4, 15));
    ws.getCell('D2').value = true;
    ws.getCell('E2').value = false;
    ws.getCell('F2').value = 3.25;
    ws.getCell('G2').value = { formula: 'A2+F2', result: 4.25 } as ExcelJS.CellFormulaValue;
    ws.getCell('H2').value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    ws.getCell('B3').value = name; // the same text again: one shared string
    ws.getCell('C3').value = new Date(Date.UTC(2024, 0, 31, 12, 0, 0));
    ws.getCell('C3').numFmt = 'dd/mm/yyyy hh:mm';
    ws.getCell('F3').value = 1234.5;
    ws.getCell('F3').numFmt = '#,##0.00 "đ"';
    ws.getCell('A4').value = 'Trường THCS Lê Quý Đôn';
    ws.getCell('A4').font = { name: '.VnTime', size: 13 };
    ws.getCell('B4').value = 'Tr\u00adêng'; // any text; the font is what matters
    ws.getCell('B4').font = { name: 'VNI-Times' };
    ws.getCell('C4').value = { richText: [{ text: 'Gi¸o viªn', font: { name: '.VnTime' } }, { text: ' giỏi' }] };
    ws.mergeCells('A6:C7');
    ws.getCell('A6').value = 'Gộp';
    ws.getCell('A9').value = { formula: 'SUM(A2:A3)', result: 1 } as ExcelJS.CellFormulaValue;
    ws.getCell('A10').value = { formula: 'TODAY()', result: new Date(Date.UTC(2025, 10, 20)) } as unknown as ExcelJS.CellFormulaValue;
    ws.getCell('A10').numFmt = 'd/m/yyyy';
    book.addWorksheet('Ẩn').state = 'hidden';
    book.getWorksheet('Ẩn')!.getCell('A1').value = 'x';
    book.addWorksheet('Rất ẩn').state = 'veryHidden';
    const third = book.addWorksheet('Trống');
    third.getCell('B2').value = 'y';
    const file = path.join(tmp, 'exceljs.xlsx');
    await book.xlsx.writeFile(file);
    wb = await readXlsxFile(file);
  });

  it('keeps the sheets, their order and hidden state', () => {
    expect(wb.sheets.map((s) => s.name)).toEqual(['Danh sách', 'Ẩn', 'Rất ẩn', 'Trống']);
    expect(wb.sheets.map((s) => s.hidden === true)).toEqual([false, true, true, false]);
    expect(wb.date1904).toBe(false);
  });

  it('reads strings, shared strings, numbers, booleans and errors', () => {
    expect(cell(wb, 0, 0, 0)?.v).toBe('STT');
    expect(cell(wb, 0, 1, 1)?.v).toBe(name);
    expect(cell(wb, 0, 2, 1)?.v).toBe(name);
    expect((cell(wb, 0, 1, 1)?.v as string).normalize('NFC')).toBe(cell(wb, 0, 1, 1)?.v);
    expect(cell(wb, 0, 1, 0)).toMatchObject({ v: 1 });
    expect(cell(wb, 0, 1, 0)?.date).toBeUndefined();
    expect(cell(wb, 0, 1, 3)?.v).toBe(true);
    expect(cell(wb, 0, 1, 4)?.v).toBe(false);
    expect(cell(wb, 0, 1, 5)?.v).toBe(3.25);
    expect(cell(wb, 0, 1, 7)).toMatchObject({ v: '#N/A', error: true });
    expect(cell(wb, 0, 2, 5)).toMatchObject({ v: 1234.5 });
    expect(cell(wb, 0, 2, 5)?.date).toBeUndefined();
  });

  it('marks date cells and gives their serial numbers', () => {
    expect(cell(wb, 0, 1, 2)).toMatchObject({ v: serialOf(1980, 5, 15), date: true });
    expect(cell(wb, 0, 2, 2)).toMatchObject({ v: serialOf(2024, 1, 31) + 0.5, date: true });
    expect(cell(wb, 0, 9, 0)).toMatchObject({ v: serialOf(2025, 11, 20), date: true, f: 'TODAY()' });
  });

  it('gives formulas with their cached values', () => {
    expect(cell(wb, 0, 1, 6)).toMatchObject({ v: 4.25, f: 'A2+F2' });
    expect(cell(wb, 0, 8, 0)).toMatchObject({ v: 1, f: 'SUM(A2:A3)' });
  });

  it('gives each cell its font, including legacy Vietnamese fonts and rich-text runs', () => {
    expect(cell(wb, 0, 3, 0)?.font).toBe('.VnTime');
    expect(cell(wb, 0, 3, 1)?.font).toBe('VNI-Times');
    expect(cell(wb, 0, 2, 3)).toBeUndefined();
    expect(cell(wb, 0, 0, 0)?.font).toBe('Calibri');
    expect(cell(wb, 0, 3, 2)).toMatchObject({ v: 'Gi¸o viªn giỏi', font: '.VnTime' });
  });

  it('reads merged ranges as 0-based inclusive boxes', () => {
    expect(wb.sheets[0].merges).toEqual([{ top: 5, left: 0, bottom: 6, right: 2 }]);
    expect(cell(wb, 0, 5, 0)?.v).toBe('Gộp');
    expect(cell(wb, 0, 5, 1)).toBeUndefined();
  });

  it('leaves rows and cells sparse', () => {
    const s = wb.sheets[3];
    expect(s.rows[0]).toBeUndefined();
    expect(s.rows[1][0]).toBeUndefined();
    expect(s.rows[1][1]?.v).toBe('y');
  });

  it('reads only the sheets asked for', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(tmp, 'exceljs.xlsx')));
    const only = readXlsx(bytes, { sheets: (n) => n === 'Trống' });
    expect(only.sheets.map((s) => s.name)).toEqual(['Trống']);
  });
});

// ---------- hand-built packages ----------

describe('hand-built packages', () => {
  it('reads inline strings, rich runs and phonetic runs', () => {
    const wb = readXlsx(
      oneSheet(
        `<row r="1"><c r="A1" t="inlineStr"><is><t>Xin chào</t></is></c><c r="B1" t="inlineStr"><is><r><rPr><rFont val=".VnTime"/></rPr><t xml:space="preserve">Hµ </t></r><r><t>Néi</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></is></c><c r="C1" t="inlineStr"><is><t></t></is></c></row>`,
      ),
    );
    expect(cell(wb, 0, 0, 0)?.v).toBe('Xin chào');
    expect(cell(wb, 0, 0, 1)).toMatchObject({ v: 'Hµ Néi', font: '.VnTime' });
    expect(cell(wb, 0, 0, 2)).toBeUndefined();
  });

  it('reads shared strings with rich text, ignoring phonetic runs, and the Excel 2007 beta <sstItem>', () => {
    const sst = `<sst xmlns="${NS}" count="3" uniqueCount="3"><si><t>Một</t></si><si><r><t>Hai </t></r><r><rPr><b/></rPr><t>phần</t></r><rPh sb="0" eb="1"><t>ハイ</t></rPh><phoneticPr fontId="1"/></si><si><t>A_x000D_B &amp; C</t></si></sst>`;
    const wb = readXlsx(oneSheet(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>7</v></c></row>`, { 'xl/sharedStrings.xml': sst }));
    expect(wb.sheets[0].rows[0].map((c) => c?.v)).toEqual(['Một', 'Hai phần', 'A\rB & C']);
    const beta = `<sst xmlns="http://schemas.microsoft.com/office/excel/2006/2"><sstItem><t>Lorem</t></sstItem><sstItem><t>ipsum</t></sstItem></sst>`;
    const wb2 = readXlsx(oneSheet(`<row r="1"><c r="A1" t="s"><v>1</v></c></row>`, { 'xl/sharedStrings.xml': beta }));
    expect(cell(wb2, 0, 0, 0)?.v).toBe('ipsum');
  });

  it('positions rows and cells that have no r attribute sequentially', () => {
    const wb = readXlsx(
      oneSheet(`<row><c t="inlineStr"><is><t>a</t></is></c><c><v>2</v></c></row><row><c><v>3</v></c><c r="D2"><v>4</v></c><c><v>5</v></c></row><row r="5"><c><v>6</v></c></row><row><c><v>7</v></c></row>`),
    );
    const s = wb.sheets[0];
    expect(s.rows[0].map((c) => c?.v)).toEqual(['a', 2]);
    expect(s.rows[1][0]?.v).toBe(3);
    expect(s.rows[1][3]?.v).toBe(4);
    expect(s.rows[1][4]?.v).toBe(5);
    expect(s.rows[4][0]?.v).toBe(6);
    expect(s.rows[5][0]?.v).toBe(7);
  });

  it('converts t="d" ISO dates to serials marked as dates', () => {
    const wb = readXlsx(oneSheet(`<row r="1"><c r="A1" t="d"><v>1990-01-01</v></c><c r="B1" t="d"><v>2024-02-29T18:00:00</v></c><c r="C1" t="d"><v>not a date</v></c></row>`));
    expect(cell(wb, 0, 0, 0)).toEqual({ v: 32874, date: true });
    expect(cell(wb, 0, 0, 1)).toEqual({ v: serialOf(2024, 2, 29) + 0.75, date: true });
    expect(cell(wb, 0, 0, 2)).toEqual({ v: 'not a date' });
  });

  it('knows the 1904 date system', () => {
    const styles = `<styleSheet xmlns="${NS}"><fonts count="1"><font><name val="Arial"/></font></fonts><cellXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;
    const wb = readXlsx(
      oneSheet(`<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" t="d"><v>1904-01-02</v></c></row>`, {
        'xl/styles.xml': styles,
        'xl/workbook.xml': workbookXml([{ name: 'S', rid: 'rId1' }], '<workbookPr date1904="1"/>'),
      }),
    );
    expect(wb.date1904).toBe(true);
    expect(cell(wb, 0, 0, 0)).toEqual({ v: 0, date: true, font: 'Arial' });
    expect(cell(wb, 0, 0, 1)).toEqual({ v: 1, date: true, font: 'Arial' });
  });

  it('finds parts through absolute targets, backslashes, odd casing and namespace prefixes', () => {
    const bytes = zip({
      '[Content_Types].xml': CONTENT_TYPES,
      '_rels/.rels': relsXml([['R1', `${R}/officeDocument`, '/xl/workbook.xml']]),
      'xl/workbook.xml': `<x:workbook xmlns:x="${NS}" xmlns:rel="${R}"><x:sheets><x:sheet name="Một" sheetId="1" rel:id="R9"/><x:sheet name="Hai" sheetId="2" rel:id="R8"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels': relsXml([
        ['R9', T_WS, '/xl/worksheets/Sheet.xml'],
        ['R8', T_WS, 'worksheets\\other.xml'],
      ]),
      'xl/worksheets/sheet.xml': `\ufeff<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="str"><x:v>một</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
      'XL/Worksheets/Other.xml': sheetXml('<row r="1"><c r="B1"><v>2</v></c></row>'),
    });
    const wb = readXlsx(bytes);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Một', 'Hai']);
    expect(cell(wb, 0, 0, 0)?.v).toBe('một');
    expect(cell(wb, 1, 0, 1)?.v).toBe(2);
  });

  it('finds the workbook when _rels/.rels is damaged, and skips chart sheets', () => {
    const bytes = zip({
      '[Content_Types].xml': CONTENT_TYPES,
      '_rels/.rels': 'CORRUPTED',
      'xl/workbook.xml': workbookXml([
        { name: 'Biểu đồ', rid: 'rId2' },
        { name: 'Dữ liệu', rid: 'rId1' },
      ]),
      'xl/_rels/workbook.xml.rels': relsXml([
        ['rId1', T_WS, 'worksheets/sheet1.xml'],
        ['rId2', `${R}/chartsheet`, 'chartsheets/sheet1.xml'],
      ]),
      'xl/worksheets/sheet1.xml': sheetXml('<row r="1"><c r="A1"><v>1</v></c></row>'),
      'xl/chartsheets/sheet1.xml': '<chartsheet/>',
    });
    const wb = readXlsx(bytes);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Dữ liệu']);
  });

  it('translates shared formulas for the dependent cells', () => {
    const wb = readXlsx(
      oneSheet(
        `<row r="1"><c r="C1"><f t="shared" ref="C1:D3" si="0">A1*$B$1+SUM($A1:B1)&amp;"A1"</f><v>1</v></c><c r="D1"><f t="shared" si="0"/><v>2</v></c></row><row r="3"><c r="C3"><f t="shared" si="0"/><v>3</v></c></row>`,
      ),
    );
    expect(cell(wb, 0, 0, 2)?.f).toBe('A1*$B$1+SUM($A1:B1)&"A1"');
    expect(cell(wb, 0, 0, 3)?.f).toBe('B1*$B$1+SUM($A1:C1)&"A1"');
    expect(cell(wb, 0, 2, 2)?.f).toBe('A3*$B$1+SUM($A3:B3)&"A1"');
    expect(cell(wb, 0, 2, 2)?.v).toBe(3);
  });

  it('decodes entities, CDATA and newlines, and never expands custom entities', () => {
    const wb = readXlsx(
      oneSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>a &lt;b&gt; &#x1EA0;&#7841; &unknown;\r\nx</t></is></c><c r="B1" t="str"><v><![CDATA[1 < 2 & 3]]></v></c></row>`),
    );
    expect(cell(wb, 0, 0, 0)?.v).toBe('a <b> Ạạ &unknown;\nx');
    expect(cell(wb, 0, 0, 1)?.v).toBe('1 < 2 & 3');
    // Text in several pieces, far into a large part.
    const padding = '<row r="1"><c r="A1"><v>0</v></c></row>'.repeat(20000);
    const far = readXlsx(oneSheet(`${padding}<row r="2"><c r="A2" t="inlineStr"><is><t>a<![CDATA[b]]>c<!-- d -->e</t></is></c></row>`));
    expect(cell(far, 0, 1, 0)?.v).toBe('abce');
  });

  it('refuses a DOCTYPE that declares entities, and ignores a bare one', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><sst xmlns="${NS}"><si><t>&b;&b;</t></si></sst>`;
    const e = refusal(() => readXlsx(oneSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { 'xl/sharedStrings.xml': bomb })));
    expect(e.info.code).toBe('unsafe-xml');
    const bare = `<?xml version="1.0"?><!DOCTYPE sst SYSTEM "http://example.invalid/x.dtd"><sst xmlns="${NS}"><si><t>ok</t></si></sst>`;
    expect(cell(readXlsx(oneSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { 'xl/sharedStrings.xml': bare })), 0, 0, 0)?.v).toBe('ok');
  });

  it('reads a far-away cell sparsely, and refuses one outside Excel\'s grid', () => {
    const t0 = Date.now();
    const wb = readXlsx(oneSheet('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'));
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(cell(wb, 0, 1048575, 16383)?.v).toBe(1);
    expect(Object.keys(wb.sheets[0].rows)).toEqual(['1048575']);
    expect(refusal(() => readXlsx(oneSheet('<row r="1"><c r="XFE1"><v>1</v></c></row>'))).info.code).toBe('damaged');
    expect(refusal(() => readXlsx(oneSheet('<row r="1048577"><c><v>1</v></c></row>'))).info.code).toBe('damaged');
  });

  it('tolerates sloppy markup in the parts it reads', () => {
    const wb = readXlsx(
      oneSheet(`<row r="1"><c r="A1"><v>1</v><c r="B1" t="inlineStr"><is><t>unclosed</is></c></row><row r="2"><c r="A2"><v>2</v></c></row>`, {
        'xl/styles.xml': '<styleSheet><fonts><font><name val="Arial"',
      }),
    );
    expect(cell(wb, 0, 0, 0)?.v).toBe(1);
    expect(cell(wb, 0, 0, 1)?.v).toBe('unclosed');
    expect(cell(wb, 0, 1, 0)?.v).toBe(2);
  });
});

describe('refusals', () => {
  it('refuses encrypted files and .xls', () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const e = refusal(() => readXlsx(ole));
    expect(e.info.code).toBe('encrypted');
    expect(e.info.message).toContain('mã hoá bằng mật khẩu');
  });

  it('refuses text that is not a zip', () => {
    const e = refusal(() => readXlsx(strToU8('Họ và tên,Ngày sinh\nA,1/1/1980\n')));
    expect(e.info.code).toBe('not-zip');
    expect(e.info.message).toBe('Tệp không phải bảng tính Excel (.xlsx). Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.');
  });

  it('refuses a truncated zip', () => {
    const good = oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>');
    expect(refusal(() => readXlsx(good.subarray(0, good.length - 30))).info.code).toBe('damaged');
  });

  it('refuses a zip with no workbook, naming a Word document when it is one', () => {
    expect(refusal(() => readXlsx(zip({ 'a.txt': 'x' }))).info.code).toBe('not-xlsx');
    const docx = refusal(() => readXlsx(zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })));
    expect(docx.info.code).toBe('not-xlsx');
    expect(docx.info.message).toContain('Word');
    const xlsb = refusal(() => readXlsx(zip({ '_rels/.rels': relsXml([['rId1', `${R}/officeDocument`, 'xl/workbook.bin']]), 'xl/workbook.bin': new Uint8Array([0x83, 1, 0]) })));
    expect(xlsb.info.code).toBe('not-xlsx');
    expect(xlsb.info.message).toContain('.xlsb');
  });

  it('refuses a package whose parts are stored twice under the same name', () => {
    const bytes = oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>', { 'XL/WORKSHEETS/SHEET1.XML': sheetXml('<row r="1"><c r="A1"><v>2</v></c></row>') });
    expect(refusal(() => readXlsx(bytes)).info.code).toBe('damaged');
  });

  it('refuses a sheet whose data part is missing', () => {
    const bytes = zip({ '_rels/.rels': ROOT_RELS, 'xl/workbook.xml': workbookXml([{ name: 'S', rid: 'rId1' }]), 'xl/_rels/workbook.xml.rels': relsXml([['rId1', T_WS, 'worksheets/gone.xml']]) });
    expect(refusal(() => readXlsx(bytes)).info.code).toBe('damaged');
  });

  it('enforces the file size limit', () => {
    const bytes = oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>');
    const e = refusal(() => readXlsx(bytes, { limits: { maxFileBytes: 100 } }));
    expect(e.info.code).toBe('too-large');
  });

  it('enforces the entry count limit before reading entries', () => {
    const parts: Record<string, string> = {};
    for (let i = 0; i < 50; i++) parts[`junk/${i}.bin`] = 'x';
    const bytes = oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>', parts);
    expect(refusal(() => readXlsx(bytes, { limits: { maxEntries: 20 } })).info.code).toBe('too-large');
  });

  it('enforces the cell, sheet and cell-text limits', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    expect(refusal(() => readXlsx(oneSheet(rows), { limits: { maxCells: 10 } })).info.code).toBe('too-large');
    expect(readXlsx(oneSheet(rows), { limits: { maxCells: 30 } }).sheets[0].rows.length).toBe(30);
    const merges = `<mergeCells>${Array.from({ length: 20 }, (_, i) => `<mergeCell ref="A${i + 1}:B${i + 1}"/>`).join('')}</mergeCells>`;
    expect(refusal(() => readXlsx(oneSheet('', {}, merges), { limits: { maxCells: 10 } })).info.code).toBe('too-large');
    const manyStrings = `<sst xmlns="${NS}">${'<si><t>x</t></si>'.repeat(20)}</sst>`;
    expect(refusal(() => readXlsx(oneSheet('', { 'xl/sharedStrings.xml': manyStrings }), { limits: { maxCells: 10 } })).info.code).toBe('too-large');

    const many = zip({
      '_rels/.rels': ROOT_RELS,
      'xl/workbook.xml': workbookXml(Array.from({ length: 5 }, (_, i) => ({ name: `S${i}`, rid: 'rId1' }))),
      'xl/_rels/workbook.xml.rels': relsXml([['rId1', T_WS, 'worksheets/sheet1.xml']]),
      'xl/worksheets/sheet1.xml': sheetXml(''),
    });
    expect(refusal(() => readXlsx(many, { limits: { maxSheets: 4 } })).info.code).toBe('too-large');

    const long = 'ạ'.repeat(DEFAULT_LIMITS.maxCellText + 1);
    const e = refusal(() => readXlsx(oneSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${long}</t></is></c></row>`)));
    expect(e.info.code).toBe('cell-too-long');
    expect(e.info.message).toContain('32.767');
    const sst = `<sst xmlns="${NS}"><si><t>${long}</t></si></sst>`;
    expect(refusal(() => readXlsx(oneSheet('', { 'xl/sharedStrings.xml': sst }))).info.code).toBe('cell-too-long');
    // Exactly at the limit is fine.
    const ok = readXlsx(oneSheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${long.slice(1)}</t></is></c></row>`));
    expect((cell(ok, 0, 0, 0)?.v as string).length).toBe(DEFAULT_LIMITS.maxCellText);
  });

  it('refuses a part whose declared size is too large, before inflating it', () => {
    const big = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'x'.repeat(20000)}</t></is></c></row>`);
    const bytes = oneSheet('', { 'xl/worksheets/sheet1.xml': big });
    expect(refusal(() => readXlsx(bytes, { limits: { maxEntryBytes: 10000, maxCellText: 50000 } })).info.code).toBe('too-large');
    expect(refusal(() => readXlsx(bytes, { limits: { maxTotalBytes: 10000, maxCellText: 50000 } })).info.code).toBe('too-large');
  });

  it('catches a part that expands beyond what the zip directory declares, while inflating', () => {
    // 40 MB of one repeated row, deflated ~1000:1, with the declared sizes rewritten to look harmless.
    const row = '<row><c><v>1</v></c></row>';
    const body = new Uint8Array(40 * 1024 * 1024);
    const unit = strToU8(row);
    for (let i = 0; i + unit.length <= body.length; i += unit.length) body.set(unit, i);
    const head = strToU8(`<worksheet xmlns="${NS}"><sheetData>`);
    const payload = new Uint8Array(head.length + body.length);
    payload.set(head);
    payload.set(body, head.length);
    const deflated = deflateSync(payload, { level: 9 });
    const bytes = lieAboutSize(
      zip({
        '_rels/.rels': ROOT_RELS,
        'xl/workbook.xml': workbookXml([{ name: 'S', rid: 'rId1' }]),
        'xl/_rels/workbook.xml.rels': relsXml([['rId1', T_WS, 'worksheets/sheet1.xml']]),
        'xl/worksheets/sheet1.xml': new Uint8Array(0),
      }),
      'xl/worksheets/sheet1.xml',
      deflated,
      1000,
      crc32(payload),
    );
    const before = process.memoryUsage();
    const e = refusal(() => readXlsx(bytes));
    const after = process.memoryUsage();
    expect(e.info.code).toBe('zip-bomb');
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(100 * 1024 * 1024);
    // Without the ratio check, the entry limit stops it.
    expect(refusal(() => readXlsx(bytes, { limits: { maxRatio: 1e9, maxEntryBytes: 8 * 1024 * 1024 } })).info.code).toBe('too-large');
  });
});

describe('checksums', () => {
  // Stored, not deflated: a changed byte inflates without complaint, only the CRC can tell.
  const book = () => {
    const parts: Record<string, string> = {
      '_rels/.rels': ROOT_RELS,
      'xl/workbook.xml': workbookXml([{ name: 'S', rid: 'rId1' }]),
      'xl/_rels/workbook.xml.rels': relsXml([['rId1', T_WS, 'worksheets/sheet1.xml']]),
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Nguyễn Văn An</t></is></c></row></sheetData></worksheet>`,
    };
    return zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])), { level: 0 });
  };

  it('the JavaScript CRC-32 is the zip one, incremental', () => {
    const data = strToU8('Điển hình: kiểm tra danh sách đề cử');
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
    expect(crc32(data.subarray(9), crc32(data.subarray(0, 9)))).toBe(crc32(data));
    // Four bytes a step and the tail: the same as zlib's, at every length and offset.
    const native = (zlib as { crc32?: (d: Uint8Array, v?: number) => number }).crc32;
    if (!native) return;
    const bytes = new Uint8Array(1000).map((_, i) => (i * 2654435761) >>> 24);
    for (let from = 0; from < 4; from++) {
      for (let len = 0; len < 40; len++) {
        const part = bytes.subarray(from, from + len * 7);
        expect(crc32(part)).toBe(native(part));
        expect(crc32(part, 0xdeadbeef)).toBe(native(part, 0xdeadbeef));
      }
    }
  });

  it('a part whose bytes were changed after zipping is refused as damaged, naming the part', () => {
    const bytes = book();
    expect(readXlsx(bytes).sheets[0].rows[0][0]?.v).toBe('Nguyễn Văn An');
    // Stored (not deflated) text: flip one letter inside the sheet; nothing else can notice it.
    const at = Buffer.from(bytes).indexOf('Nguy');
    const bad = bytes.slice();
    bad[at] = 'M'.charCodeAt(0);
    const e = refusal(() => readXlsx(bad));
    expect(e.info.code).toBe('damaged');
    expect(e.info.message).toContain('xl/worksheets/sheet1.xml');
    expect(e.info.message).toContain('CRC');
    // The same with the native CRC of Node and the fast inflater.
    return readXlsxFileFromBytes(bad).then((info) => expect(info).toBe('damaged'));
  });
});

async function readXlsxFileFromBytes(bytes: Uint8Array): Promise<string> {
  const file = path.join(os.tmpdir(), `dien-hinh-crc-${process.pid}.xlsx`);
  fs.writeFileSync(file, bytes);
  try {
    await readXlsxFile(file);
    return 'read';
  } catch (e) {
    return e instanceof UnreadableError ? e.info.code : String(e);
  } finally {
    fs.rmSync(file);
  }
}

/** Replaces one stored (empty) entry's data by `deflated`, declaring `declaredSize` as its size. */
function lieAboutSize(pkg: Uint8Array, name: string, deflated: Uint8Array, declaredSize: number, crc = 0): Uint8Array {
  // Rebuild the zip by hand: local headers, data, central directory, end record. Only the size lies:
  // the other entries keep their CRC-32, the replaced one gets `crc` (that of its real content).
  const entries: { name: Uint8Array; data: Uint8Array; method: number; size: number; crc: number }[] = [];
  const dv = new DataView(pkg.buffer, pkg.byteOffset, pkg.byteLength);
  let eocd = pkg.length - 22;
  while (dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  const dec = new TextDecoder();
  for (let k = 0; k < count; k++) {
    const method = dv.getUint16(p + 10, true);
    const csize = dv.getUint32(p + 20, true);
    const size = dv.getUint32(p + 24, true);
    const nl = dv.getUint16(p + 28, true);
    const el = dv.getUint16(p + 30, true);
    const cl = dv.getUint16(p + 32, true);
    const lo = dv.getUint32(p + 42, true);
    const nameBytes = pkg.subarray(p + 46, p + 46 + nl);
    const start = lo + 30 + dv.getUint16(lo + 26, true) + dv.getUint16(lo + 28, true);
    if (dec.decode(nameBytes) === name) entries.push({ name: nameBytes, data: deflated, method: 8, size: declaredSize, crc });
    else entries.push({ name: nameBytes, data: pkg.subarray(start, start + csize), method, size, crc: dv.getUint32(p + 16, true) });
    p += 46 + nl + el + cl;
  }
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const local = new Uint8Array(30 + e.name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(8, e.method, true);
    lv.setUint32(14, e.crc, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, e.name.length, true);
    local.set(e.name, 30);
    const cd = new Uint8Array(46 + e.name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(16, e.crc, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, e.name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(e.name, 46);
    chunks.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((a, c) => a + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return concatBytes([...chunks, ...central, end]);
}

describe('readXlsxFile (Node)', () => {
  it('refuses a folder and a missing file', async () => {
    expect((await refusalAsync(readXlsxFile(tmp))).info.code).toBe('not-file');
    expect((await refusalAsync(readXlsxFile(path.join(tmp, 'nope.xlsx')))).info.code).toBe('not-found');
  });

  it('refuses a file over the size limit from its size alone, without loading it', async () => {
    const file = path.join(tmp, 'huge.xlsx');
    const fd = fs.openSync(file, 'w');
    fs.ftruncateSync(fd, 2 * 1024 * 1024 * 1024); // sparse: takes no disk space
    fs.closeSync(fd);
    const before = process.memoryUsage().arrayBuffers;
    const t0 = Date.now();
    const e = await refusalAsync(readXlsxFile(file));
    expect(e.info.code).toBe('too-large');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
    fs.rmSync(file);
  });
});

// ---------- pieces ----------

describe('date formats', () => {
  it('knows the built-in date formats', () => {
    for (const id of [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]) expect(isDateFormat(id, undefined)).toBe(true);
    for (const id of [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 38, 39, 40, 44, 48, 49]) expect(isDateFormat(id, undefined)).toBe(false);
  });

  it('reads custom format codes', () => {
    for (const code of ['dd/mm/yyyy', 'd/m/yy', 'yyyy-mm-dd hh:mm', '[$-42A]dd/mm/yyyy', 'hh:mm:ss', '[h]:mm', 'mmm-yy', '"Ngày" dd "tháng" mm']) expect(isDateFormatCode(code)).toBe(true);
    for (const code of ['General', '', '0.00', '#,##0 "đ"', '[Red]0.00', '0.00E+00', '"dd/mm/yyyy"', '\\d0', '@', '#,##0;[Red]-#,##0', '_-* #,##0_-']) expect(isDateFormatCode(code)).toBe(false);
    // A custom code overrides the built-in meaning of its id.
    expect(isDateFormat(14, '0.00')).toBe(false);
    expect(isDateFormat(0, '')).toBe(false);
  });
});

describe('ISO dates (t="d")', () => {
  it('follows Excel serial numbers, including the 1900 leap-year bug and the 1904 system', () => {
    expect(isoToSerial('1900-01-01', false)).toBe(1);
    expect(isoToSerial('1900-02-28', false)).toBe(59);
    expect(isoToSerial('1900-03-01', false)).toBe(61);
    expect(isoToSerial('2025-11-20', false)).toBe(serialOf(2025, 11, 20));
    expect(isoToSerial('1904-01-01', true)).toBe(0);
    expect(isoToSerial('12:00:00', false)).toBe(0.5);
    expect(isoToSerial('2023-02-30', false)).toBeNull();
    expect(isoToSerial('hôm qua', false)).toBeNull();
  });
});

describe('shared formula translation', () => {
  it('moves relative references only', () => {
    expect(shiftFormula('A1+$A$1+A$1+$A1', 2, 1)).toBe('B3+$A$1+B$1+$A3');
    expect(shiftFormula('SUM(A1:B2)*LOG10(C3)', 1, 0)).toBe('SUM(A2:B3)*LOG10(C4)');
    expect(shiftFormula("'Sheet 1'!A1&\"A1\"&Sheet2!B2", 1, 1)).toBe("'Sheet 1'!B2&\"A1\"&Sheet2!C3");
    expect(shiftFormula('Table1[Col A1]+A1', 1, 0)).toBe('Table1[Col A1]+A2');
    expect(shiftFormula('SUM(B:B)+SUM(2:2)', 1, 1)).toBe('SUM(C:C)+SUM(3:3)');
    expect(shiftFormula('A1', -1, 0)).toBe('#REF!');
    expect(shiftFormula('TRUE+A1', 0, 0)).toBe('TRUE+A1');
  });
});
