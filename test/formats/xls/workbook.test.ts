/**
 * readXls: LibreOffice's .xls of each bundled example reads exactly as the .xlsx it was made from
 * (the same grids, hence the same submissions, nominees and findings); the records LibreOffice
 * does not write (a formula's text result, BIFF5 text in a code page, FILEPASS…) are checked on
 * crafted files; limits and damage are refused with UnreadableError.
 */
import { readXls, UNKNOWN_FORMULA, UnreadableError } from '../../../src/formats/xls/workbook';
import { readXlsx } from '../../../src/formats/xlsx/read/workbook';
import { readCell } from '../../../src/sheet/cells';
import type { GridCell, WorkbookGrid } from '../../../src/sheet/grid';
import { canonical, checkAll, differingCells, EXAMPLE_NAMES, example, fixture, reading } from '../same-reading';
import {
  boolErr,
  BOF_SHEET,
  chars,
  EOF,
  format,
  formula,
  label,
  labelSst,
  le16,
  le32,
  number,
  rec,
  sharedFormula,
  standardGlobals,
  stringRecord,
  workbookStream,
  xf,
  xlsFile,
  xlString,
  type Bytes,
} from './writer';

function refusal(fn: () => unknown): UnreadableError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableError);
    const e = err as UnreadableError;
    expect(e.info.message.length).toBeGreaterThan(10);
    expect(e.info.messageEn.length).toBeGreaterThan(10);
    return e;
  }
  throw new Error('expected an UnreadableError, but the file was read');
}

const cell = (wb: WorkbookGrid, sheet: number, row: number, col: number): GridCell | undefined => wb.sheets[sheet].rows[row]?.[col];

/** One worksheet "S" with the standard globals and these cell records. */
function oneSheet(records: Bytes[], globals: Bytes[] = standardGlobals()): Uint8Array {
  return xlsFile(workbookStream(globals, [{ name: 'S', records }]));
}

describe('LibreOffice .xls of the bundled examples', () => {
  it.each(EXAMPLE_NAMES)('%s.xls gives the grid of the .xlsx it was made from, cell for cell (values, fonts, dates, formulas, merges)', (name) => {
    // LibreOffice lists the merged ranges in another order: the same set.
    expect(canonical(readXls(fixture(`${name}.xls`)))).toEqual(canonical(example(name)));
  });

  it('checked together, they give the .xlsx files\' submissions, nominees and findings', () => {
    const xls = reading(checkAll('xls', (b) => readXls(b)));
    const xlsx = reading(checkAll('xlsx', (b) => readXlsx(b)));
    expect(xls).toEqual(xlsx);
    // Not an empty agreement: the examples hold nominees, legacy text and findings of many rules.
    expect(xls.summary.nominees).toBeGreaterThan(30);
    expect(new Set(xls.submissions.map((s) => s.legacy))).toEqual(new Set([null, 'tcvn3', 'vni']));
    expect(new Set(xls.findings.map((f) => f.split(' | ')[2])).size).toBeGreaterThan(10);
  });

  it('keeps TCVN3 and VNI text as the Latin-1 characters an .xlsx holds, with their legacy fonts', () => {
    const tcvn3 = readXls(fixture('05-dak-rlap-tcvn3.xls'));
    expect(cell(tcvn3, 0, 8, 1)).toEqual({ v: 'NguyÔn ThÞ Thanh HuyÒn', font: '.VnTime' });
    expect(readCell(cell(tcvn3, 0, 8, 1)).text).toBe('Nguyễn Thị Thanh Huyền');
    expect(cell(tcvn3, 0, 0, 0)?.font).toBe('.VnTimeH');
    const vni = readXls(fixture('09-tuy-duc-vni.xls'));
    const fonts = new Set(vni.sheets[0].rows.flatMap((r) => (r ?? []).map((c) => c?.font)));
    expect([...fonts].some((f) => f?.startsWith('VNI-'))).toBe(true);
  });
});

describe('features.xls (LibreOffice, from features.xlsx)', () => {
  const xlsx = readXlsx(fixture('features.xlsx'));
  const xls = readXls(fixture('features.xls'));

  it('keeps the 1904 date system, the hidden sheet, merges, fonts of rich text, shared formulas', () => {
    expect(xls.date1904).toBe(true);
    expect(xls.sheets.map((s) => [s.name, s.hidden === true])).toEqual([
      ['Danh sách', false],
      ['Ẩn danh', true],
    ]);
    expect(canonical(xls).sheets[0].merges).toEqual(canonical(xlsx).sheets[0].merges);
    expect(cell(xls, 0, 1, 0)).toEqual({ v: 'danh s¸ch đề cử', font: '.VnTimeH' });
    expect(cell(xls, 0, 4, 2)).toEqual({ v: 10, font: 'Calibri', f: 'B5*2' });
  });

  it('differs from the .xlsx only where LibreOffice changed the file, each difference known', () => {
    const diff = differingCells(xlsx, xls);
    // D1, D7: LibreOffice turns TRUE/FALSE constants into the formulas =TRUE/=FALSE.
    // D3, D5, D6: its .xls keeps no cached text for formulas with a text result (FORMULA with 0 and
    // no STRING record), so they read 0; see 'reads a formula's text result' for Excel's way.
    expect(diff).toEqual(['Danh sách!R1C4', 'Danh sách!R3C4', 'Danh sách!R5C4', 'Danh sách!R6C4', 'Danh sách!R7C4']);
    expect(cell(xls, 0, 0, 3)).toEqual({ v: true, font: 'Calibri', f: 'TRUE' });
    expect(cell(xls, 0, 2, 3)).toEqual({ v: 0, font: 'Calibri', f: '"Trường "&"Kim Đồng"' });
    expect(cell(xls, 0, 4, 3)).toEqual({ v: 0, font: 'Calibri', f: "'Ẩn danh'!A1" });
    expect(cell(xls, 0, 5, 3)).toEqual({ v: 0, font: 'Calibri', f: 'IF(B1>0,"có","không")' });
    expect(cell(xls, 0, 1, 3)).toEqual({ v: '#N/A', font: 'Calibri', f: 'NA()', error: true });
  });
});

describe('crafted BIFF8 records', () => {
  it('reads numbers, RK and MULRK values, booleans, errors and labels, with fonts (FONT 4 skipped) and date formats', () => {
    const rk = (v: number) => [...le32(v)];
    const wb = readXls(
      oneSheet([
        number(0, 0, 0, 3.25),
        rec(0x027e, [...le16(0), ...le16(1), ...le16(2), ...rk((44000 << 2) | 2)]), // RK integer 44000, date format
        rec(0x027e, [...le16(0), ...le16(2), ...le16(0), ...rk((1234 << 2) | 3)]), // RK integer /100
        rec(0x00bd, [...le16(1), ...le16(0), ...le16(0), ...rk((1 << 2) | 2), ...le16(1), ...rk((2 << 2) | 2), ...le16(0), ...rk((3 << 2) | 2), ...le16(2)]),
        boolErr(2, 0, 0, 1, false),
        boolErr(2, 1, 0, 0x2a, true),
        label(3, 0, 1, 'Tr\u00adêng'),
        label(3, 1, 0, 'Nguyễn'),
        label(3, 2, 0, ''),
        rec(0x0201, [...le16(4), ...le16(0), ...le16(0)]), // BLANK: no cell
      ]),
    );
    expect(wb.date1904).toBe(false);
    expect(wb.sheets[0].rows[0]).toEqual([{ v: 3.25, font: 'Arial' }, { v: 44000, font: 'Arial', date: true }, { v: 12.34, font: 'Arial' }]);
    expect(wb.sheets[0].rows[1]).toEqual([{ v: 1, font: 'Arial' }, { v: 2, font: '.VnTime' }, { v: 3, font: 'Arial' }]);
    expect(wb.sheets[0].rows[2]).toEqual([{ v: true, font: 'Arial' }, { v: '#N/A', font: 'Arial', error: true }]);
    expect(wb.sheets[0].rows[3]).toEqual([{ v: 'Tr\u00adêng', font: '.VnTime' }, { v: 'Nguyễn', font: 'Arial' }]);
    expect(wb.sheets[0].rows[4]).toBeUndefined();
  });

  it('reads the 1904 date system and custom date formats', () => {
    const globals = [rec(0x0022, le16(1)), ...standardGlobals(), format(164, 'dd/mm/yyyy'), format(165, '#,##0 "đ"'), xf(0, 164), xf(0, 165)];
    const wb = readXls(oneSheet([number(0, 0, 3, 40000), number(0, 1, 4, 40000)], globals));
    expect(wb.date1904).toBe(true);
    expect(cell(wb, 0, 0, 0)).toEqual({ v: 40000, font: 'Arial', date: true });
    expect(cell(wb, 0, 0, 1)).toEqual({ v: 40000, font: 'Arial' });
    expect(readCell(cell(wb, 0, 0, 0), true).text).toBe(readCell({ v: 40000 + 1462, date: true }, false).text);
  });

  it('reads shared strings across CONTINUE records, a new flags byte switching to UTF-16, rich runs and phonetic data skipped', () => {
    const first = 'Nguyễn Thị Hồng Nhung';
    const tcvn3 = 'Tr\u00adêng TiÓu häc';
    // Item 0: rich text (2 runs) and phonetic data, UTF-16. Item 1: compressed, split across a
    // CONTINUE after 5 characters, going on in UTF-16. Item 2: plain.
    const item0 = [...le16(first.length), 0x01 | 0x08 | 0x04, ...le16(2), ...le32(6), ...chars(first, true), ...le32(0), ...le32(0), 1, 2, 3, 4, 5, 6];
    const head1 = [...le16(tcvn3.length), 0x00, ...chars(tcvn3.slice(0, 5), false)];
    const rest1 = [0x01, ...chars(tcvn3.slice(5), true), ...xlString('ba')];
    const sst = [...rec(0x00fc, [...le32(3), ...le32(3), ...item0, ...head1]), ...rec(0x003c, rest1)];
    const wb = readXls(oneSheet([labelSst(0, 0, 0, 0), labelSst(0, 1, 1, 1), labelSst(0, 2, 0, 2), labelSst(0, 3, 0, 9)], [...standardGlobals(), sst]));
    expect(wb.sheets[0].rows[0]).toEqual([
      { v: first, font: 'Arial' },
      { v: tcvn3, font: '.VnTime' },
      { v: 'ba', font: 'Arial' },
    ]);
    expect(readCell(cell(wb, 0, 0, 1)).text).toBe('Trường Tiểu học');
  });

  it('reads a formula\'s text result from its STRING record (even after SHRFMLA), booleans, errors and empty text', () => {
    const tInt = (v: number) => [0x1e, ...le16(v)];
    const tStr = (s: string) => [0x17, s.length, 0, ...chars(s, false)];
    const wb = readXls(
      oneSheet([
        formula(0, 0, 0, [0, 0], [0x01, ...le16(0), ...le16(0)]),
        sharedFormula(0, 0, 0, 0, [...tStr('a'), ...tStr('b'), 0x08]),
        stringRecord('Trường Kim Đồng'),
        formula(0, 1, 0, [1, 1], [0x1d, 1]),
        formula(0, 2, 0, [2, 0x07], [...tInt(1), ...tInt(0), 0x06]),
        formula(0, 3, 0, [3, 0], tStr('')),
        formula(0, 4, 2, 45000, [...tInt(45000)]),
        formula(0, 5, 0, 1, [0xff, 0xfe]),
      ]),
    );
    expect(wb.sheets[0].rows[0]).toEqual([
      { v: 'Trường Kim Đồng', font: 'Arial', f: '"a"&"b"' },
      { v: true, font: 'Arial', f: 'TRUE' },
      { v: '#DIV/0!', font: 'Arial', f: '1/0', error: true },
      { v: null, font: 'Arial', f: '""' },
      { v: 45000, font: 'Arial', date: true, f: '45000' },
      { v: 1, font: 'Arial', f: UNKNOWN_FORMULA },
    ]);
  });

  it('rebuilds formula text: references, areas, functions, 3-D references through EXTERNSHEET, shared formulas', () => {
    const ref = (row: number, col: number, rel = true) => [0x24, ...le16(row), ...le16(col | (rel ? 0xc000 : 0))];
    const area = (r1: number, r2: number, c1: number, c2: number) => [0x25, ...le16(r1), ...le16(r2), ...le16(c1 | 0xc000), ...le16(c2)];
    const funcVar = (argc: number, id: number) => [0x22, argc, ...le16(id)];
    const func = (id: number) => [0x21, ...le16(id)];
    const ref3d = (ixti: number, row: number, col: number) => [0x3a, ...le16(ixti), ...le16(row), ...le16(col | 0xc000)];
    const refN = (dRow: number, dCol: number) => [0x2c, ...le16(dRow & 0xffff), ...le16((dCol & 0xff) | 0xc000)];
    const globals = [
      ...standardGlobals(),
      rec(0x01ae, [...le16(2), 0x01, 0x04]), // SUPBOOK: this workbook, 2 sheets
      rec(0x0017, [...le16(1), ...le16(0), ...le16(1), ...le16(1)]), // EXTERNSHEET: XTI 0 -> sheet 1
    ];
    const stream = workbookStream(globals, [
      {
        name: 'S',
        records: [
          formula(0, 0, 0, 3, [...area(0, 4, 1, 1), ...funcVar(1, 4)]), // SUM(B1:$B$5)
          formula(0, 1, 0, 1, [...ref(0, 0, false), ...ref(1, 0), 0x05, 0x15, 0x1e, 2, 0, ...func(39)]), // MOD(($A$1*A2),2)
          formula(0, 2, 0, 1, [...ref3d(0, 0, 0)]), // 'Ẩn danh'!A1
          formula(2, 3, 0, 4, [0x01, ...le16(2), ...le16(3)]), // shared, master D3
          sharedFormula(2, 4, 3, 3, [...refN(0, -2), 0x1e, 2, 0, 0x05]),
          formula(3, 3, 0, 6, [0x01, ...le16(2), ...le16(3)]),
          formula(4, 3, 0, 8, [0x01, ...le16(9), ...le16(9)]), // a master that is not there
        ],
      },
      { name: 'Ẩn danh', state: 1, records: [label(0, 0, 0, 'bí mật')] },
    ]);
    const wb = readXls(xlsFile(stream));
    expect(cell(wb, 0, 0, 0)?.f).toBe('SUM(B1:$B$5)');
    expect(cell(wb, 0, 0, 1)?.f).toBe('MOD(($A$1*A2),2)');
    expect(cell(wb, 0, 0, 2)?.f).toBe("'Ẩn danh'!A1");
    expect(cell(wb, 0, 2, 3)?.f).toBe('B3*2');
    expect(cell(wb, 0, 3, 3)?.f).toBe('B4*2');
    expect(cell(wb, 0, 4, 3)?.f).toBe(UNKNOWN_FORMULA);
    expect(wb.sheets[1]).toEqual({ name: 'Ẩn danh', hidden: true, rows: [[{ v: 'bí mật', font: 'Arial' }]], merges: [] });
  });

  it('gives up on a formula whose text would pass twice Excel\'s 8,192 characters (long names called by short tokens)', () => {
    const name = 'N'.repeat(255);
    const nameRecord = rec(0x0018, [0, 0, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ...chars(name, false)]);
    const tName = [0x23, ...le32(1)];
    const tokens = [...tName, ...Array.from({ length: 999 }, () => [...tName, 0x03]).flat()];
    const short = [...tName, ...tName, 0x03];
    const wb = readXls(oneSheet([formula(0, 0, 0, 1, tokens), formula(0, 1, 0, 1, short)], [...standardGlobals(), nameRecord]));
    expect(cell(wb, 0, 0, 0)?.f).toBe(UNKNOWN_FORMULA);
    expect(cell(wb, 0, 0, 1)?.f).toBe(`${name}+${name}`);
  });

  it('reads merged ranges, skips chart sheets and charts embedded in a sheet, and reads only the sheets asked for', () => {
    const chartBof = BOF_SHEET(0x0600, 0x0020);
    const stream = workbookStream(standardGlobals(), [
      {
        name: 'Danh sách',
        records: [
          label(0, 0, 0, 'Gộp'),
          rec(0x00e5, [...le16(2), ...le16(0), ...le16(1), ...le16(0), ...le16(2), ...le16(5), ...le16(5), ...le16(3), ...le16(1)]),
          chartBof,
          label(9, 9, 0, 'trong biểu đồ'),
          EOF(),
          label(1, 0, 0, 'sau biểu đồ'),
        ],
      },
      { name: 'Biểu đồ', kind: 2, bof: chartBof, records: [label(0, 0, 0, 'x')] },
      { name: 'Khác', records: [label(0, 0, 0, 'y')] },
    ]);
    const wb = readXls(xlsFile(stream));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Danh sách', 'Khác']);
    expect(wb.sheets[0].merges).toEqual([
      { top: 0, left: 0, bottom: 1, right: 2 },
      { top: 5, left: 1, bottom: 5, right: 3 },
    ]);
    expect(wb.sheets[0].rows.map((r) => r?.map((c) => c?.v))).toEqual([['Gộp'], ['sau biểu đồ']]);
    const only = readXls(xlsFile(stream), { sheets: (n) => n === 'Khác' });
    expect(only.sheets.map((s) => s.name)).toEqual(['Khác']);
  });

  it('refuses FILEPASS (a password) with a message that says so', () => {
    const globals = [rec(0x002f, [...le16(1), ...new Array(52).fill(7)]), ...standardGlobals()];
    const e = refusal(() => readXls(oneSheet([label(0, 0, 0, 'x')], globals)));
    expect(e.info.code).toBe('encrypted');
    expect(e.info.message).toMatch(/^Tệp được đặt mật khẩu/);
    expect(e.info.messageEn).toMatch(/password-protected/);
  });
});

describe('Excel 5.0/95 (BIFF5)', () => {
  /** BIFF5 records: 8-bit strings in the code page. */
  const font5 = (name: string) => rec(0x0031, [...le16(240), 0, 0, ...le16(0x7fff), ...le16(400), 0, 0, 0, 0, 0, 0, name.length, ...chars(name, false)]);
  const label5 = (row: number, col: number, xfIndex: number, bytes: number[]) => rec(0x0204, [...le16(row), ...le16(col), ...le16(xfIndex), ...le16(bytes.length), ...bytes]);
  const globals5 = (cp: number) => [rec(0x0042, le16(cp)), ...['Arial', 'Arial', 'Arial', 'Arial', '.VnTime'].map(font5), xf(0, 0), xf(5, 0)];

  it('decodes 8-bit text with the code page (1258), but keeps a legacy font\'s bytes as the Latin-1 characters .xlsx holds', () => {
    const bytes = [0x54, 0x72, 0xad, 0xea, 0x6e, 0x67, 0x20, 0xc3]; // "Tr­êng Ã" in TCVN3 / "Tr­êng Ă" in cp1258
    const string5 = rec(0x0207, [...le16(bytes.length), ...bytes]);
    const tStr5 = [0x17, 1, 0x61];
    const stream = workbookStream(
      globals5(1258),
      [{ name: 'Danh sách', records: [label5(0, 0, 1, bytes), label5(0, 1, 0, bytes), formula(1, 0, 1, [0, 0], tStr5), string5, formula(1, 1, 0, [0, 0], tStr5), string5] }],
      0x0500,
    );
    const wb = readXls(xlsFile(stream, 'Book'));
    expect(cell(wb, 0, 0, 0)).toEqual({ v: 'Tr\u00adêng Ã', font: '.VnTime' });
    expect(cell(wb, 0, 0, 1)).toEqual({ v: 'Tr\u00adêng Ă', font: 'Arial' });
    // A formula's text result (STRING) likewise; BIFF5 formula strings are 8-bit too.
    expect(cell(wb, 0, 1, 0)).toEqual({ v: 'Tr\u00adêng Ã', font: '.VnTime', f: '"a"' });
    expect(cell(wb, 0, 1, 1)).toEqual({ v: 'Tr\u00adêng Ă', font: 'Arial', f: '"a"' });
    // The sheet name is 8-bit too: "Danh sách" has only Latin-1 letters.
    expect(wb.sheets[0].name).toBe('Danh sách');
  });
});

describe('limits', () => {
  it('enforces the cell limit (MULRK included), the text limit, the sheet limit and the file size', () => {
    const many = rec(0x00bd, [...le16(0), ...le16(0), ...Array.from({ length: 100 }, () => [...le16(0), ...le32(6)]).flat(), ...le16(99)]);
    expect(refusal(() => readXls(oneSheet([many]), { limits: { maxCells: 50 } })).info.code).toBe('too-large');
    expect(readXls(oneSheet([many]), { limits: { maxCells: 100 } }).sheets[0].rows[0].length).toBe(100);
    const long = 'x'.repeat(300);
    expect(refusal(() => readXls(oneSheet([label(0, 0, 0, long)]), { limits: { maxCellText: 299 } })).info.code).toBe('cell-too-long');
    const sst = rec(0x00fc, [...le32(1), ...le32(1), ...xlString(long)]);
    expect(refusal(() => readXls(oneSheet([labelSst(0, 0, 0, 0)], [...standardGlobals(), sst]), { limits: { maxCellText: 299 } })).info.code).toBe('cell-too-long');
    const sheets = Array.from({ length: 5 }, (_, k) => ({ name: `S${k}`, records: [] as Bytes[] }));
    expect(refusal(() => readXls(xlsFile(workbookStream(standardGlobals(), sheets)), { limits: { maxSheets: 4 } })).info.code).toBe('too-large');
    const file = oneSheet([label(0, 0, 0, 'x')]);
    expect(refusal(() => readXls(file, { limits: { maxFileBytes: file.length - 1 } })).info.code).toBe('too-large');
  });
});
