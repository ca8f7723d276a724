/**
 * readOds: LibreOffice's .ods of each bundled example reads exactly as the .xlsx it was made from
 * (the same grids, hence the same submissions, nominees and findings); OpenDocument's own ways
 * (repeats, covered cells, paragraphs, spans, styles) and hostile packages on crafted files.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { odsFormula } from '../../../src/formats/ods/formula';
import { readOds, UnreadableError } from '../../../src/formats/ods/workbook';
import { readXlsx } from '../../../src/formats/xlsx/read/workbook';
import { readCell } from '../../../src/sheet/cells';
import type { GridCell, WorkbookGrid } from '../../../src/sheet/grid';
import { rng } from '../../helpers/rng';
import { canonical, checkAll, differingCells, EXAMPLE_NAMES, example, fixture, reading } from '../same-reading';

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

const cell = (wb: WorkbookGrid, sheet: number, row: number, col: number): GridCell | undefined => wb.sheets[sheet].rows[row]?.[col];

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" ' +
  'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" ' +
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"';

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS}><office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"/></office:font-face-decls><office:styles><style:default-style style:family="table-cell"><style:text-properties style:font-name="Liberation Serif"/></style:default-style><style:style style:name="Default" style:family="table-cell"/></office:styles></office:document-styles>`;

/** An .ods package: mimetype first and stored, as the standard asks, then the parts. */
function ods(tables: string, opts: { automatic?: string; fonts?: string; manifest?: string; mimetype?: string; extra?: Record<string, string> } = {}): Uint8Array {
  const content =
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS}>` +
    `<office:font-face-decls><style:font-face style:name=".VnTime" svg:font-family=".VnTime"/><style:font-face style:name="VNI Times 1" svg:font-family="'VNI-Times', serif"/>${opts.fonts ?? ''}</office:font-face-decls>` +
    `<office:automatic-styles>${opts.automatic ?? ''}</office:automatic-styles>` +
    `<office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
  const files: Zippable = {
    mimetype: [strToU8(opts.mimetype ?? 'application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'content.xml': strToU8(content),
    'styles.xml': strToU8(STYLES),
    'META-INF/manifest.xml': strToU8(opts.manifest ?? MANIFEST),
  };
  for (const [k, v] of Object.entries(opts.extra ?? {})) files[k] = strToU8(v);
  return zipSync(files);
}

const table = (name: string, rows: string, attrs = '') => `<table:table table:name="${name}"${attrs}>${rows}</table:table>`;
const row = (cells: string, attrs = '') => `<table:table-row${attrs}>${cells}</table:table-row>`;
const str = (s: string, attrs = '') => `<table:table-cell office:value-type="string"${attrs}><text:p>${s}</text:p></table:table-cell>`;
/** LibreOffice's way of ending a row and a sheet: an empty cell to the last column, an empty row to the last row. */
const TRAILING_COLS = '<table:table-cell table:number-columns-repeated="16380"/>';
const TRAILING_ROWS = '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>';

describe('LibreOffice .ods of the bundled examples', () => {
  it.each(EXAMPLE_NAMES)('%s.ods gives the grid of the .xlsx it was made from, cell for cell (values, fonts, dates, formulas, merges)', (name) => {
    expect(canonical(readOds(fixture(`${name}.ods`)))).toEqual(canonical(example(name)));
  });

  it('checked together, they give the .xlsx files\' submissions, nominees and findings', () => {
    const odsReading = reading(checkAll('ods', (b) => readOds(b)));
    expect(odsReading).toEqual(reading(checkAll('xlsx', (b) => readXlsx(b))));
    expect(odsReading.summary.nominees).toBeGreaterThan(30);
    expect(new Set(odsReading.submissions.map((s) => s.legacy))).toEqual(new Set([null, 'tcvn3', 'vni']));
  });
});

describe('features.ods (LibreOffice, from features.xlsx)', () => {
  const xlsx = readXlsx(fixture('features.xlsx'));
  const wb = readOds(fixture('features.ods'));

  it('keeps the hidden sheet, merges, the rich-text run\'s legacy font, shared formulas, errors, line breaks and spaces', () => {
    expect(wb.sheets.map((s) => [s.name, s.hidden === true])).toEqual([
      ['Danh sách', false],
      ['Ẩn danh', true],
    ]);
    expect(canonical(wb).sheets[0].merges).toEqual(canonical(xlsx).sheets[0].merges);
    expect(cell(wb, 0, 1, 0)).toEqual({ v: 'danh s¸ch đề cử', font: '.VnTimeH' });
    expect(cell(wb, 0, 4, 2)).toEqual({ v: 10, font: 'Calibri', f: 'B5*2' });
    expect(cell(wb, 0, 1, 3)).toEqual({ v: '#N/A', font: 'Calibri', f: 'NA()', error: true });
    expect(cell(wb, 0, 4, 3)).toEqual({ v: 'bí mật', font: 'Calibri', f: "'Ẩn danh'!A1" });
    expect(cell(wb, 0, 5, 0)?.v).toBe('Ngô Thị Bích\nHằng');
    expect(cell(wb, 0, 6, 0)?.v).toBe('hai  dấu   cách');
  });

  it('differs from the .xlsx only where LibreOffice changed the file or OpenDocument has no equivalent, each known', () => {
    // D1, D7: LibreOffice turns TRUE/FALSE constants into the formulas =TRUE()/=FALSE(), whose
    // results it writes as the numbers 1/0. A3, A4: .ods keeps dates as dates, read as serials of
    // the 1900 system; the .xlsx used the 1904 system: the same days (below).
    expect(differingCells(xlsx, wb)).toEqual(['Danh sách!R1C4', 'Danh sách!R3C1', 'Danh sách!R4C1', 'Danh sách!R7C4']);
    expect(cell(wb, 0, 0, 3)).toEqual({ v: 1, font: 'Calibri', f: 'TRUE()' });
    expect(cell(wb, 0, 6, 3)).toEqual({ v: 0, font: 'Calibri', f: 'FALSE()' });
    expect(xlsx.date1904).toBe(true);
    expect(wb.date1904).toBe(false);
    for (const r of [2, 3]) expect(readCell(cell(wb, 0, r, 0), false).text).toBe(readCell(cell(xlsx, 0, r, 0), true).text);
    // A5, a time of day, is 0.5 in both.
  });
});

describe('OpenDocument content', () => {
  it('reads value types: float, percentage, currency, date, time, boolean, string value', () => {
    const wb = readOds(
      ods(
        table(
          'S',
          row(
            '<table:table-cell office:value-type="float" office:value="3.25"><text:p>3,25</text:p></table:table-cell>' +
              '<table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25%</text:p></table:table-cell>' +
              '<table:table-cell office:value-type="currency" office:currency="VND" office:value="1500000"><text:p>1.500.000 ₫</text:p></table:table-cell>' +
              '<table:table-cell office:value-type="date" office:date-value="1980-01-17"><text:p>17/01/1980</text:p></table:table-cell>' +
              '<table:table-cell office:value-type="date" office:date-value="2024-01-31T12:00:00"><text:p>x</text:p></table:table-cell>' +
              '<table:table-cell office:value-type="time" office:time-value="PT12H30M00S"><text:p>12:30</text:p></table:table-cell>' +
              '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell>' +
              '<table:table-cell office:value-type="string" office:string-value="giá trị"><text:p>hiển thị</text:p></table:table-cell>' +
              '<table:table-cell office:value-type="date" office:date-value="không phải ngày"><text:p>31/02/1988</text:p></table:table-cell>',
          ),
        ),
      ),
    );
    const font = 'Liberation Serif';
    expect(wb.sheets[0].rows[0]).toEqual([
      { v: 3.25, font },
      { v: 0.25, font },
      { v: 1500000, font },
      { v: 29237, font, date: true },
      { v: 45322.5, font, date: true },
      { v: 12.5 / 24, font, date: true },
      { v: true, font },
      { v: 'giá trị', font },
      { v: '31/02/1988', font },
    ]);
    expect(readCell(cell(wb, 0, 0, 3)).text).toBe('17/01/1980');
  });

  it('reads paragraphs, spaces (text:s), tabs, line breaks, links and spans, and leaves comments and drawings out', () => {
    const wb = readOds(
      ods(
        table(
          'S',
          row(
            '<table:table-cell office:value-type="string"><text:p>dòng 1</text:p><text:p>dòng<text:s text:c="3"/>2<text:tab/>x<text:line-break/>y</text:p></table:table-cell>' +
              '<table:table-cell office:value-type="string"><office:annotation><dc:creator>A</dc:creator><text:p>ghi chú</text:p></office:annotation><text:p>  Lê   Văn\n\tAn <text:span text:style-name="T9">Bình</text:span> <text:a xlink:href="x">link</text:a></text:p></table:table-cell>' +
              '<table:table-cell office:value-type="string"><draw:frame><draw:text-box><text:p>hình</text:p></draw:text-box></draw:frame><text:p>ô</text:p></table:table-cell>',
          ),
        ),
      ),
    );
    expect(wb.sheets[0].rows[0].map((c) => c?.v)).toEqual(['dòng 1\ndòng   2\tx\ny', 'Lê Văn An Bình link', 'ô']);
  });

  it('gives each cell its style\'s font: own style, parents, row and column defaults, a leading span\'s font, the default', () => {
    const automatic =
      '<style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Legacy"/>' +
      '<style:style style:name="ce2" style:family="table-cell"><style:text-properties style:font-name="VNI Times 1"/></style:style>' +
      '<style:style style:name="T1" style:family="text"><style:text-properties style:font-name=".VnTime"/></style:style>' +
      '<style:style style:name="Legacy" style:family="table-cell"><style:text-properties style:font-name=".VnTime"/></style:style>' +
      '<style:style style:name="loop1" style:family="table-cell" style:parent-style-name="loop2"/><style:style style:name="loop2" style:family="table-cell" style:parent-style-name="loop1"/>';
    const wb = readOds(
      ods(
        table(
          'S',
          '<table:table-column table:default-cell-style-name="ce2"/><table:table-column table:number-columns-repeated="3"/>' +
            row(str('a', ' table:style-name="ce1"') + str('b') + str('c', ' table:style-name="ce2"') + str('d', ' table:style-name="loop1"')) +
            row(str('e') + str('f'), ' table:default-cell-style-name="Legacy"') +
            row('<table:table-cell office:value-type="string"><text:p><text:span text:style-name="T1">Tr­êng</text:span> học</text:p></table:table-cell>' + str('<text:span text:style-name="T1">x</text:span>') + str('y <text:span text:style-name="T1">z</text:span>')),
        ),
        { automatic },
      ),
    );
    expect(wb.sheets[0].rows.map((r) => r.map((c) => c?.font))).toEqual([
      ['.VnTime', 'Liberation Serif', 'VNI-Times', 'Liberation Serif'],
      ['.VnTime', '.VnTime'],
      ['.VnTime', '.VnTime', 'Liberation Serif'],
    ]);
    // The column default: A has ce2 (VNI-Times) where the cell has no style of its own.
    const col = readOds(ods(table('S', '<table:table-column table:default-cell-style-name="ce2"/>' + row(str('a'))), { automatic }));
    expect(cell(col, 0, 0, 0)?.font).toBe('VNI-Times');
  });

  it('turns spans into merges, reads covered cells where they hold a value, and copies repeated cells and rows', () => {
    const wb = readOds(
      ods(
        table(
          'S',
          row(str('Gộp', ' table:number-columns-spanned="3" table:number-rows-spanned="2"') + '<table:covered-table-cell table:number-columns-repeated="2"/>' + str('x', ' table:number-columns-repeated="2"') + TRAILING_COLS) +
            row('<table:covered-table-cell table:number-columns-repeated="2"/>' + '<table:covered-table-cell office:value-type="float" office:value="5"><text:p>5</text:p></table:covered-table-cell>') +
            row(str('lặp') + '<table:table-cell/>' + str('r', ' table:number-columns-spanned="2"') + '<table:covered-table-cell/>', ' table:number-rows-repeated="2"') +
            TRAILING_ROWS,
        ),
      ),
    );
    const font = 'Liberation Serif';
    expect(wb.sheets[0].merges).toEqual([
      { top: 0, left: 0, bottom: 1, right: 2 },
      { top: 2, left: 2, bottom: 2, right: 3 },
      { top: 3, left: 2, bottom: 3, right: 3 },
    ]);
    expect(wb.sheets[0].rows[0]).toEqual([{ v: 'Gộp', font }, undefined, undefined, { v: 'x', font }, { v: 'x', font }]);
    expect(wb.sheets[0].rows[1]).toEqual([undefined, undefined, { v: 5, font }]);
    expect(wb.sheets[0].rows[2]).toEqual([{ v: 'lặp', font }, undefined, { v: 'r', font }]);
    expect(wb.sheets[0].rows[3]).toEqual(wb.sheets[0].rows[2]);
    expect(wb.sheets[0].rows[3][0]).not.toBe(wb.sheets[0].rows[2][0]);
    expect(wb.sheets[0].rows).toHaveLength(4);
  });

  it('reads hidden tables, several tables, only the tables asked for, and formulas as Excel writes them', () => {
    const automatic = '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>';
    const f = (formula: string) => `<table:table-cell table:formula="${formula}" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>`;
    const bytes = ods(
      table('Một', row(f('of:=SUM([.A1:.B2];[.$C$3])') + f("of:=['Hai ba'.A1]+[$Một.B2:.C3]") + f('of:=IF([.A1]&gt;0;&quot;có;[x]&quot;;&quot;&quot;)'))) +
        table('Hai ba', row(str('ẩn')), ' table:style-name="ta2"'),
      { automatic },
    );
    const wb = readOds(bytes);
    expect(wb.sheets.map((s) => [s.name, s.hidden === true])).toEqual([
      ['Một', false],
      ['Hai ba', true],
    ]);
    expect(wb.sheets[0].rows[0].map((c) => c?.f)).toEqual(['SUM(A1:B2,$C$3)', "'Hai ba'!A1+Một!B2:C3", 'IF(A1>0,"có;[x]","")']);
    expect(readOds(bytes, { sheets: (n) => n === 'Hai ba' }).sheets.map((s) => s.name)).toEqual(['Hai ba']);
    // A table not asked for costs nothing against the cell limit.
    const two = ods(table('Lớn', row(str('x', ' table:number-columns-repeated="100"'))) + table('Nhỏ', row(str('y'))));
    expect(refusal(() => readOds(two, { limits: { maxCells: 10 } })).info.code).toBe('too-large');
    expect(readOds(two, { limits: { maxCells: 10 }, sheets: (n) => n === 'Nhỏ' }).sheets[0].rows).toEqual([[{ v: 'y', font: 'Liberation Serif' }]]);
    expect(odsFormula('oooc:=[.A1]*2')).toBe('A1*2');
    expect(odsFormula('msoxl:=A1*2')).toBe('A1*2');
  });
});

describe('hostile and damaged .ods', () => {
  it('a trailing empty row repeated 1,048,576 times and empty cells repeated 16,384 times cost nothing', () => {
    const bytes = ods(table('S', row(str('a') + TRAILING_COLS) + '<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>'));
    const t0 = Date.now();
    const wb = readOds(bytes);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(wb.sheets[0].rows).toHaveLength(1);
    // Repeats far beyond the grid, empty, are nothing either.
    const absurd = ods(table('S', row(str('b') + '<table:table-cell table:number-columns-repeated="999999999999999"/>') + '<table:table-row table:number-rows-repeated="999999999999999"><table:table-cell table:number-columns-repeated="999999999999999"/></table:table-row>'));
    expect(readOds(absurd).sheets[0].rows).toHaveLength(1);
  });

  it('a cell with a value repeated over the whole grid is refused by the cell limit before anything is copied', () => {
    const bytes = ods(table('S', row(str('x', ' table:number-columns-repeated="16384"'), ' table:number-rows-repeated="1048576"')));
    expect(refusal(() => readOds(bytes), 500).info.code).toBe('too-large');
    const spans = ods(table('S', row('<table:table-cell table:number-columns-spanned="2" table:number-columns-repeated="16384"/>', ' table:number-rows-repeated="1048576"')));
    expect(refusal(() => readOds(spans), 500).info.code).toBe('too-large');
    const small = ods(table('S', row(str('x', ' table:number-columns-repeated="10"'), ' table:number-rows-repeated="10"')));
    expect(refusal(() => readOds(small, { limits: { maxCells: 99 } })).info.code).toBe('too-large');
    expect(readOds(small, { limits: { maxCells: 100 } }).sheets[0].rows).toHaveLength(10);
  });

  it('refuses a value outside the grid, text over the limit, too many tables', () => {
    const far = ods(table('S', '<table:table-row table:number-rows-repeated="1048576"/>' + row(str('x'))));
    expect(refusal(() => readOds(far)).info.code).toBe('damaged');
    const long = ods(table('S', row(str('x'.repeat(50) + '<text:s text:c="1000000"/>'))));
    expect(refusal(() => readOds(long, { limits: { maxCellText: 1000 } })).info.code).toBe('cell-too-long');
    const tables = ods(Array.from({ length: 5 }, (_, k) => table(`S${k}`, '')).join(''));
    expect(refusal(() => readOds(tables, { limits: { maxSheets: 4 } })).info.code).toBe('too-large');
  });

  it('refuses a password-protected package (the manifest lists encryption data)', () => {
    const manifest = MANIFEST.replace(
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>',
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="1234"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="y"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" manifest:salt="z"/></manifest:encryption-data></manifest:file-entry>',
    );
    const e = refusal(() => readOds(ods(table('S', row(str('x'))), { manifest })));
    expect(e.info.code).toBe('encrypted');
    expect(e.info.message).toMatch(/^Tệp được đặt mật khẩu/);
  });

  it('names a text document, and refuses a package without content, a DOCTYPE with entities, a broken zip', () => {
    expect(refusal(() => readOds(ods('', { mimetype: 'application/vnd.oasis.opendocument.text' }))).info.message).toMatch(/\.odt/);
    const noContent = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }] });
    expect(refusal(() => readOds(noContent)).info.message).toMatch(/content\.xml/);
    const entity = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY lol "lol">]><office:document-content ${NS}><office:body/></office:document-content>`),
    });
    expect(refusal(() => readOds(entity)).info.code).toBe('unsafe-xml');
    const good = ods(table('S', row(str('x'))));
    const e = refusal(() => readOds(good.subarray(0, good.length - 30)));
    expect(e.info.message).toMatch(/^Tệp \.ods bị hỏng/);
  });

  it('enforces the zip limits (expanded size) as for .xlsx', () => {
    const big = ods(table('S', row(str('y'.repeat(200_000)))));
    expect(refusal(() => readOds(big, { limits: { maxEntryBytes: 100_000 } })).info.code).toBe('too-large');
    expect(refusal(() => readOds(big, { limits: { maxFileBytes: 1000 } })).info.code).toBe('too-large');
  });

  it('a package with no table at all has no sheets', () => {
    expect(refusal(() => readOds(ods(''))).info.code).toBe('no-sheets');
  });
});

describe('random damage', () => {
  it('LibreOffice\'s content.xml with markup broken anywhere gives a grid or an UnreadableError, quickly', () => {
    const parts = unzipSync(fixture('02-cu-jut.ods'));
    const xml = strFromU8(parts['content.xml']);
    const rand = rng(7122025);
    const marks = ['<', '>', '"', '/', '=', ' ', '&', '<table:table-cell table:number-columns-repeated="999999">', '</table:table-row>', ']]>', '<!--'];
    const t0 = Date.now();
    for (let k = 0; k < 100; k++) {
      let s = xml;
      const edits = 1 + Math.floor(rand() * 12);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * s.length);
        const r = rand();
        if (r < 0.4) s = s.slice(0, at) + marks[Math.floor(rand() * marks.length)] + s.slice(at);
        else if (r < 0.8) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 20));
        else s = s.slice(0, at);
      }
      const bytes = zipSync({ ...parts, mimetype: [parts.mimetype, { level: 0 }], 'content.xml': strToU8(s) });
      try {
        const wb = readOds(bytes);
        expect(Array.isArray(wb.sheets)).toBe(true);
      } catch (err) {
        expect(err).toBeInstanceOf(UnreadableError);
      }
    }
    expect(Date.now() - t0).toBeLessThan(20000);
  });
});
