/**
 * The streaming read (streamXlsx into streamSubmissions: rows from the XML scanner straight into the
 * table reader, no grid) gives exactly the submissions of the grid read (readSubmissions(readXlsx(...))):
 * on every example and every corpus file, and on sheets built to need the fallback to a grid (rows out of
 * order, merges before the rows, a shared formula before its master, TCVN3 text), which must be
 * taken, and on tables placed where the row-at-a-time reader has to get its edges right.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { listInputs } from '../../../../src/cli/common';
import { defaultRulebook } from '../../../../src/rules/index';
import { AGAIN, readSubmissions, SheetReader } from '../../../../src/sheet/read';
import type { Submission } from '../../../../src/sheet/submission';
import { readXlsx, streamXlsx, UnreadableError } from '../../../../src/formats/xlsx/read/workbook';
import { streamSubmissions } from '../../../../src/sheet/row-stream';
import { DEFAULT_LIMITS } from '../../../../src/formats/limits';
import { mergesAfterRows, parseSheet } from '../../../../src/formats/xlsx/read/sheet';
import { NO_SHARED_STRINGS } from '../../../../src/formats/xlsx/read/shared-strings';
import { NO_STYLES } from '../../../../src/formats/xlsx/read/styles';
import { releasePart, xmlPieces } from '../../../../src/formats/zip/read';
import type { GridCell } from '../../../../src/sheet/grid';
import { isPlainText, readCellText } from '../../../../src/sheet/cells';
import { ROOT } from '../../../helpers/paths';

const CORPUS = path.resolve(ROOT, '../shared/corpus');
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** What the grid read gives, or the refusal's code. */
function viaGrid(bytes: Uint8Array, file: string): Submission[] | string {
  try {
    return readSubmissions(file, readXlsx(bytes), defaultRulebook);
  } catch (e) {
    if (e instanceof UnreadableError) return e.info.code;
    throw e;
  }
}

function viaStream(bytes: Uint8Array, file: string): Submission[] | string {
  try {
    return streamSubmissions(file, defaultRulebook, (visitor) => streamXlsx(bytes, visitor));
  } catch (e) {
    if (e instanceof UnreadableError) return e.info.code;
    throw e;
  }
}

/** Whether streamXlsx had to give any sheet as a grid. */
function fellBack(bytes: Uint8Array): boolean {
  let grids = 0;
  streamXlsx(bytes, {
    stream: () => ({ row: () => undefined, end: () => true }),
    grid: () => void grids++,
  });
  return grids > 0;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const cols = 'ABCDEFGHIJ';

/** A row of inline-string (or number) cells at Excel row `r`. */
function row(r: number, values: (string | number | null)[]): string {
  const cells = values
    .map((v, c) => {
      if (v === null) return '';
      const ref = `${cols[c]}${r}`;
      return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
    })
    .join('');
  return `<row r="${r}">${cells}</row>`;
}

function book(sheetBody: string): Uint8Array {
  const parts: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}">${sheetBody}</worksheet>`,
  };
  const files: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parts)) files[k] = strToU8(v);
  return zipSync(files);
}

const HEADER = ['TT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích', 'Kỷ luật'];
const PEOPLE = ['Nguyễn Thị Hoa', 'Trần Văn Bình', 'Lê Thị Hạnh', 'Phạm Minh Tuấn', 'Hoàng Thu Thảo'];

function person(i: number): (string | number)[] {
  return [i + 1, PEOPLE[i % PEOPLE.length], `0${1 + (i % 9)}/0${1 + (i % 9)}/198${i % 10}`, 'Giáo viên', 'Trường TH Kim Đồng', 'Tiểu học', 'Giáo viên dạy giỏi cấp tỉnh năm học 2023-2024.', 'Không'];
}

/** The agency block at row 1, the header at `headerRow`, `n` nominees, then what follows. */
function tableRows(headerRow: number, n: number, after: string[] = []): string[] {
  const rows = [
    row(1, ['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']),
    row(2, ['HUYỆN CƯ JÚT', null, null, null, 'Độc lập - Tự do - Hạnh phúc']),
    row(headerRow, HEADER),
  ];
  for (let i = 0; i < n; i++) rows.push(row(headerRow + 1 + i, person(i)));
  return [...rows, ...after];
}

function expectSame(bytes: Uint8Array, file = 'thu.xlsx'): Submission[] {
  const grid = viaGrid(bytes, file);
  expect(viaStream(bytes, file)).toEqual(grid);
  expect(typeof grid).not.toBe('string');
  return grid as Submission[];
}

describe('the streaming read gives the grid read’s submissions', () => {
  it('on every example', () => {
    const dir = path.join(ROOT, 'examples');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThan(10);
    let nominees = 0;
    for (const f of files) {
      const subs = expectSame(new Uint8Array(fs.readFileSync(path.join(dir, f))), f);
      nominees += subs.reduce((a, s) => a + s.nominations.length, 0);
    }
    expect(nominees).toBeGreaterThan(30);
  });

  it('on every file of the shared corpus (read or refused alike)', async () => {
    const files = await listInputs([CORPUS]);
    expect(files.length).toBeGreaterThan(350);
    for (const file of files) {
      const bytes = new Uint8Array(fs.readFileSync(file));
      expect({ file, subs: viaStream(bytes, file) }).toEqual({ file, subs: viaGrid(bytes, file) });
    }
  }, 240_000);

  it('a plain list is streamed, never held as a grid', () => {
    const bytes = book(`<sheetData>${tableRows(5, 60).join('')}</sheetData>`);
    expect(fellBack(bytes)).toBe(false);
    expect(expectSame(bytes)[0].nominations).toHaveLength(60);
  });

  it('a TCVN3 sheet is read again as a grid, with its encoding', () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, 'examples', '05-dak-rlap-tcvn3.xlsx')));
    let again = 0;
    streamXlsx(bytes, {
      stream: (sheet, merges) => {
        const reader = new SheetReader({ file: 'x', rulebook: defaultRulebook, date1904: false }, sheet.name, merges, 'stream');
        return { row: (r, cells) => reader.row(r, cells), end: () => (reader.finish() === AGAIN ? (again++, false) : true) };
      },
      grid: () => undefined,
    });
    expect(again).toBe(1);
    const subs = expectSame(bytes);
    expect(subs[0].legacy).toBe('tcvn3');
    expect(subs[0].nominations[0].name).toMatch(/^[\p{L} ]+$/u);
  });

  it('falls back to a grid for rows out of order, merges before the rows, a shared formula before its master', () => {
    const rows = tableRows(5, 8);
    const swapped = [...rows];
    [swapped[5], swapped[6]] = [swapped[6], swapped[5]];
    const cases = {
      outOfOrder: `<sheetData>${swapped.join('')}</sheetData>`,
      mergesFirst: `<mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells><sheetData>${rows.join('')}</sheetData>`,
      // H7 takes its formula from the master H9 that comes after it.
      formulaFirst: `<sheetData>${rows
        .join('')
        .replace('<c r="H7" t="inlineStr"><is><t>Không</t></is></c>', '<c r="H7"><f t="shared" si="0"/></c>')
        .replace('<c r="H9" t="inlineStr"><is><t>Không</t></is></c>', '<c r="H9" t="str"><f t="shared" ref="H7:H9" si="0">"Không"</f><v>Không</v></c>')}</sheetData>`,
    };
    for (const [name, body] of Object.entries(cases)) {
      const bytes = book(body);
      expect({ name, fellBack: fellBack(bytes) }).toEqual({ name, fellBack: true });
      expect(expectSame(bytes)[0].nominations.length).toBeGreaterThan(5);
    }
    expect(viaGrid(book(cases.formulaFirst), 'x')).not.toEqual(viaGrid(book(`<sheetData>${rows.join('')}</sheetData>`), 'x'));
  });

  it('merges after the rows are known to the reader (a section row spanning the table)', () => {
    const rows = [...tableRows(5, 3), row(9, ['I. CẤP TIỂU HỌC']), ...[0, 1, 2].map((i) => row(10 + i, person(3 + i)))];
    const bytes = book(`<sheetData>${rows.join('')}</sheetData><mergeCells count="1"><mergeCell ref="A9:H9"/></mergeCells>`);
    expect(fellBack(bytes)).toBe(false);
    const subs = expectSame(bytes);
    expect(subs[0].nominations.map((n) => n.row)).toEqual([6, 7, 8, 10, 11, 12]);
  });

  it('tables where a row-at-a-time reader must find its edges: a late header, a short sheet, gaps, the date below', () => {
    const dateBelow = (at: number) => row(at, [null, null, null, null, 'Cư Jút, ngày 25 tháng 11 năm 2025']);
    const bodies = [
      // The header at row 38: the table is found from the rows kept until row 42 (a data row).
      tableRows(38, 30),
      // A sheet shorter than the header scan: decided at the end.
      tableRows(4, 3),
      // Two blank rows inside the list go on; three then a row that is no nominee end it.
      [...tableRows(5, 4), ...[0, 1, 2].map((k) => row(12 + k, person(4 + k))), row(18, [null, null, null, 'ghi chú thêm']), row(20, person(9))],
      // The date line under the table, within 15 rows of its end, after the signature.
      tableRows(5, 4, [row(11, [null, 'Người lập biểu']), dateBelow(13)]),
      // … and too far below it to count.
      tableRows(5, 4, [row(11, [null, 'Người lập biểu']), dateBelow(40)]),
      // Only a header: no nominee.
      tableRows(5, 0),
    ];
    const got = bodies.map((rows) => expectSame(book(`<sheetData>${rows.join('')}</sheetData>`)));
    // The deepest header findTable takes: two rows at the end of its scan (Excel rows 40–41, "Ngày
    // sinh" over Nam | Nữ), then the numbering row (42); the reader keeps rows until it has them all.
    const deep = [
      row(1, ['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO']),
      row(40, ['TT', 'Họ và tên', 'Ngày sinh', null, 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích', 'Kỷ luật']),
      row(41, [null, null, 'Nam', 'Nữ']),
      row(42, ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)']),
      ...[0, 1, 2, 3].map((i) => {
        const [tt, name, birth, ...rest] = person(i);
        return row(43 + i, [tt, name, i % 2 ? null : birth, i % 2 ? birth : null, ...rest]);
      }),
    ];
    const deepSubs = expectSame(book(`<sheetData>${deep.join('')}</sheetData><mergeCells count="3"><mergeCell ref="C40:D40"/><mergeCell ref="A40:A41"/><mergeCell ref="B40:B41"/></mergeCells>`));
    expect(deepSubs[0].headerRow).toBe(41);
    expect(deepSubs[0].nominations.map((n) => [n.row, n.gender])).toEqual([
      [43, 'Nam'],
      [44, 'Nữ'],
      [45, 'Nam'],
      [46, 'Nữ'],
    ]);
    expect(got[0][0].nominations).toHaveLength(30);
    expect(got[0][0].headerRow).toBe(38);
    expect(got[1][0].nominations).toHaveLength(3);
    expect(got[2][0].nominations.map((n) => n.row)).toEqual([6, 7, 8, 9, 12, 13, 14]);
    expect(got[3][0].dateCell).toBe('E13');
    expect(got[4][0].dateCell).toBeNull();
    expect(got[5][0].nominations).toHaveLength(0);
  });

  it('a workbook whose sheets hold no table gives the one empty submission, named from the file', () => {
    const subs = expectSame(book(`<sheetData>${row(1, ['Ghi chú'])}</sheetData>`), 'Phong_GD_Cu_Jut.xlsx');
    expect(subs).toHaveLength(1);
    expect(subs[0].headerRow).toBeNull();
    expect(subs[0].unit?.id).toBe('cu-jut');
  });
});

describe('a sheet scanned in pieces reads as the whole text does', () => {
  /** Every kind of markup the scanner knows, some of it longer than its window. */
  function awkwardSheet(): string {
    const rows: string[] = [];
    const long = 'Giáo viên dạy giỏi cấp tỉnh; '.repeat(900); // ~26,000 characters: more than one window
    for (let r = 1; r <= 400; r++) {
      const cells = [
        `<c r="A${r}"><v>${r}</v></c>`,
        `<c r="B${r}" t="inlineStr"><is><t>Nguyễn &amp; Trần &#7853; ${r}</t></is></c>`,
        `<c r="C${r}" t="inlineStr"><is><r><rPr><rFont val=".VnTime"/></rPr><t xml:space="preserve">Tr­êng </t></r><r><t>TiÓu häc</t></r><rPh><t>phonetic</t></rPh></is></c>`,
        `<c r="D${r}" t="str"><f>CONCATENATE("a","&lt;b&gt;")</f><v>x &amp; <![CDATA[a<b> & c]]> y</v></c>`,
        `<c r="J${r}" t="inlineStr"><is><t>đầu ${r}<!-- giữa -->cuối</t></is></c>`,
        r % 7 === 0 ? `<!-- a comment with <tags> inside, row ${r} -->` : '',
        r === 1 ? `<c r="E1"><f t="shared" ref="E1:E400" si="0">A1*2</f><v>2</v></c>` : `<c r="E${r}"><f t="shared" si="0"/><v>${2 * r}</v></c>`,
        r % 50 === 0 ? `<c r="F${r}" t="inlineStr"><is><t>${long}</t></is></c>` : '',
        `<x:c r="G${r}" t="b"><x:v>1</x:v></x:c>`,
        `<c r="H${r}" t="e"><v>#N/A</v></c>`,
        `<c r="I${r}" t="d"><v>2024-02-29T12:00:00</v></c>`,
      ];
      rows.push(`<row r="${r}" spans="1:9">${cells.join('')}</row>`);
    }
    return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}" xmlns:x="${NS}"><sheetData>${rows.join('\n')}</sheetData><mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C5:D9"/></mergeCells></worksheet>`;
  }

  it('with pieces of any size, cut anywhere before a "<"', () => {
    const xml = awkwardSheet();
    const bytes = strToU8(xml);
    expect(bytes.length).toBeGreaterThan(100_000);
    const ctx = {
      part: 'xl/worksheets/sheet1.xml',
      sheetName: 'S',
      sst: NO_SHARED_STRINGS,
      styles: NO_STYLES,
      date1904: false,
      limits: DEFAULT_LIMITS,
      budget: { cells: 0 },
    };
    const whole = parseSheet(xml, { ...ctx, budget: { cells: 0 } });
    const merges = mergesAfterRows(bytes, ctx);
    expect(merges).toEqual(whole.merges);
    for (const size of [1, 7, 100, 4095, 5000, 70_000]) {
      const got: (GridCell | undefined)[][] = [];
      const parsed = parseSheet(xmlPieces(bytes, size, 0), { ...ctx, budget: { cells: 0 } }, { row: (r, cells) => void (got[r] = cells) }, merges);
      expect({ size, streamed: parsed.streamed }).toEqual({ size, streamed: true });
      expect(got).toEqual(whole.rows);
    }
  });

  it('the common cell read whole (its attributes, <v>digits</v></c>) gives what reading it tag by tag gives', () => {
    const sst = { strings: ['', 'Nguyễn Thị Lan', 'Tr\u00adêng', 'Giáo viên'], fonts: [undefined, undefined, '.VnTime', undefined] };
    // Style 1 shows dates, style 2 names a font.
    const styles = { date: Uint8Array.from([0, 1, 0]), font: [undefined, undefined, 'Times New Roman'] };
    const cells = (r: number) => [
      `<c r="A${r}" t="s"><v>${r % 4}</v></c>`,
      `<c r="B${r}" s="1"><v>${45000 + r}</v></c>`,
      `<c r="C${r}" s="2" t="s"><v>0${(r % 3) + 1}</v></c>`,
      `<c r="D${r}"><v>${r}.5</v></c>`,
      `<c r="E${r}" t="s"><v>99</v></c>`,
      `<c r="F${r}"><v>${'9'.repeat(20)}</v></c>`,
      `<c r="G${r}"><v>7</v><f>3+4</f></c>`,
      `<c r="H${r}" t="str"><v>${r}</v></c>`,
      `<c t="s"><v>3</v></c>`,
      `<c r="J${r}" t="s"><v></v></c>`,
      // Attributes the general way: another attribute, another order, single quotes, spaces, a prefix.
      `<c r="K${r}" s="2" t="s" cm="1"><v>1</v></c>`,
      `<c t="s" r="L${r}" s="1"><v>3</v></c>`,
      `<c r='M${r}' t='s'><v>1</v></c>`,
      `<c r = "N${r}" t="n"><v>${r}</v></c>`,
      `<x:c r="O${r}" x:t="s"><x:v>2</x:v></x:c>`,
      `<c r="P${r}" s="x1" t="b"><v>1</v></c>`,
      `<c r="Q${r}" s="99999999999999"><v>4</v></c>`,
      `<c r="R${r}" t="inlineStr"><is><t>chữ ${r}</t></is></c>`,
      `<c r="S${r}" s="2"/>`,
      `<c r="T${r}" t="s"/>`,
    ];
    const sheet = (slow: boolean) => {
      const rows: string[] = [];
      for (let r = 1; r <= 800; r++) {
        // "<v >" and "<c  r=" are the same markup to XML, and take the general way.
        const row = cells(r).map((c) => (slow ? c.replace('<v>', '<v >').replace(/^<c /, '<c  ') : c));
        rows.push(`<row r="${r}">${row.join('')}</row>`);
      }
      return `<worksheet xmlns="${NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`;
    };
    const ctx = () => ({ part: 'p', sheetName: 'S', sst, styles, date1904: false, limits: DEFAULT_LIMITS, budget: { cells: 0 } });
    const fast = sheet(false);
    const slow = parseSheet(sheet(true), ctx());
    expect(parseSheet(fast, ctx()).rows).toEqual(slow.rows);
    expect(slow.rows[6][0]).toEqual({ v: 'Giáo viên' });
    expect(slow.rows[6][1]).toEqual({ v: 45007, date: true });
    expect(slow.rows[6][2]).toEqual({ v: 'Tr\u00adêng', font: '.VnTime' });
    for (const size of [1, 9, 4095, 20_000]) {
      const got: (GridCell | undefined)[][] = [];
      const parsed = parseSheet(xmlPieces(strToU8(fast), size, 0), ctx(), { row: (r, c) => void (got[r] = c) }, []);
      expect(parsed.streamed).toBe(true);
      // Streamed cells carry `plain`; the grid's do not.
      expect(got.map((row) => row.map((c) => c && { ...c, plain: undefined }))).toEqual(slow.rows.map((row) => row.map((c) => c && { ...c, plain: undefined })));
    }
  });

  it('markup longer than the window, with "<" inside it, is read whole instead', () => {
    const xml = awkwardSheet().replace('<row r="3"', `<!-- ${'<x> '.repeat(10_000)} --><row r="3"`);
    const ctx = { part: 'p', sheetName: 'S', sst: NO_SHARED_STRINGS, styles: NO_STYLES, date1904: false, limits: DEFAULT_LIMITS, budget: { cells: 0 } };
    const parsed = parseSheet(xmlPieces(strToU8(xml), 1000, 0), ctx, { row: () => undefined }, mergesAfterRows(strToU8(xml), ctx));
    expect(parsed.streamed).toBe(false);
  });
});

describe('inflated parts are freed once read (releasePart)', () => {
  it('detaches a large buffer of its own, never the file nor a small one', () => {
    const file = new Uint8Array(4 << 20);
    const stored = file.subarray(1000, 3 << 20);
    releasePart(stored, file);
    expect(file.byteLength).toBe(4 << 20);
    expect(stored.byteLength).toBe((3 << 20) - 1000);
    const small = new Uint8Array(1000);
    releasePart(small, file);
    expect(small.byteLength).toBe(1000);
    const own = new Uint8Array(2 << 20);
    releasePart(own, file);
    expect(own.byteLength).toBe(0);
  });

  it('a big stored (not deflated) sheet is read, and the file bytes read again, the same', () => {
    const is = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
    const labels = ['TT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Đơn vị công tác'];
    const header = `<row r="9">${labels.map((t, c) => is(`${'ABCDE'[c]}9`, t)).join('')}</row>`;
    const rows = Array.from({ length: 6000 }, (_, i) => {
      const r = i + 10;
      return `<row r="${r}"><c r="A${r}"><v>${i + 1}</v></c>${is(`B${r}`, `Nguyễn Văn ${i}`)}${is(`C${r}`, '01/02/1980')}${is(`D${r}`, 'Giáo viên')}${is(`E${r}`, 'Trường THCS Nguyễn Du')}</row>`;
    }).join('');
    // Over 1 MB of sheet: big enough to be released.
    const parts: Record<string, string> = {
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': `<worksheet xmlns="${NS}"><sheetData>${header}${rows}</sheetData></worksheet>`,
    };
    expect(strToU8(parts['xl/worksheets/sheet1.xml']).length).toBeGreaterThan(1 << 20);
    for (const level of [0, 6] as const) {
      const bytes = zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])), { level });
      const first = viaStream(bytes, 'big.xlsx');
      // As JSON: a deep comparison of 6,000 nominations takes seconds.
      expect(JSON.stringify(viaStream(bytes, 'big.xlsx'))).toBe(JSON.stringify(first));
      expect(JSON.stringify(viaGrid(bytes, 'big.xlsx'))).toBe(JSON.stringify(first));
      expect((first as Submission[])[0].nominations).toHaveLength(6000);
    }
  });
});

describe('shared strings that read as themselves are marked once (GridCell.plain)', () => {
  const sst = ['Nguyễn Văn An', 'Giáo viên', 'a  b', ' Trường TH', 'Điểu Thị Lan'];
  const parts: Record<string, string> = {
    '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `<sst xmlns="${NS}">${sst.map((s) => `<si><t xml:space="preserve">${s}</t></si>`).join('')}</sst>`,
    'xl/worksheets/sheet1.xml': `<worksheet xmlns="${NS}"><sheetData><row r="1">${sst.map((_, i) => `<c r="${cols[i]}1" t="s"><v>${i}</v></c>`).join('')}</row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row></sheetData></worksheet>`,
  };
  const bytes = zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])));

  it('streamed cells carry it where the text is its own reading; a grid is left as read', () => {
    const seen: (GridCell | undefined)[][] = [];
    streamXlsx(bytes, { stream: () => ({ row: (r, cells) => (seen[r] = [...cells]), end: () => true }), grid: () => undefined });
    // Vietnamese beyond Latin-1 with single spaces: plain. Latin-1 letters only ("Giáo viên": TCVN3 could
    // explain it), double or leading spaces: read the long way.
    expect(seen[0].map((c) => c?.plain === true)).toEqual([true, false, false, false, true]);
    expect(seen[1].map((c) => c?.plain === true)).toEqual([true, false]);
    expect(readXlsx(bytes).sheets[0].rows[0].some((c) => c?.plain)).toBe(false);
  });

  it('isPlainText is exactly "its reading is itself"', () => {
    for (const s of [...sst, 'Đắk Mil', 'TH&THCS', 'x', 'GV', '12/05/1978', 'Ngô  Thị', 'e\u0301', '\u00a0Lan', 'Lan\t', '']) {
      if (isPlainText(s)) expect(readCellText({ v: s, font: '.VnTime' }, false, 'tcvn3', { legacy: null })).toBe(s);
    }
    expect(isPlainText('e\u0301')).toBe(false);
    expect(isPlainText('Lan\t')).toBe(false);
  });
});
