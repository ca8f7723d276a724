/**
 * The direct writer gives the very parts the ExcelJS writer gave (../exceljs-reference.ts),
 * byte for byte, for the real workbooks (consolidations, templates) and for awkward models.
 */
import { strFromU8, unzipSync } from 'fflate';
import { checkWorkbooks } from '../../../../src/check/index';
import { loadSources } from '../../../../src/cli/common';
import { buildConsolidatedBook, buildTemplateBook, newSheet, SheetWriter, type Book } from '../../../../src/consolidate/index';
import { lineHeight, roundHeight, specHeight, specLines, type LineSpec } from '../../../../src/book/text-width';
import { FONT, STYLES } from '../../../../src/consolidate/styles';
import { defaultRulebook } from '../../../../src/rules/index';
import { writeBook } from '../../../../src/formats/xlsx/write/workbook';
import { compressEntry, fflateGzip, zipFile } from '../../../../src/formats/zip/write';
import { readXlsx } from '../../../../src/formats/xlsx/read/workbook';
import { writeBookWithExcelJS } from '../exceljs-reference';
import { rulebook, sampleResult } from '../../../consolidate/fixtures';
import { EXAMPLES } from '../../../helpers/paths';

function parts(bytes: Uint8Array): [string, string][] {
  return Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]);
}

async function expectSameAsExcelJS(book: Book): Promise<void> {
  // ExcelJS cannot write quotePrefix: compared without it (its own tests: workbook.test.ts).
  const styles = Object.fromEntries(Object.entries(book.styles).map(([name, s]) => [name, { ...s, quotePrefix: undefined }]));
  const ours = await writeBook({ ...book, styles });
  const theirs = await writeBookWithExcelJS(book);
  // Same parts, same order; only the compressed bytes may differ (another deflate).
  expect(parts(ours)).toEqual(parts(theirs));
}

function book(...sheets: ReturnType<typeof newSheet>[]): Book {
  return { properties: { creator: 'Điển hình', title: 'Thử <&> "x"' }, defaultFont: FONT, styles: STYLES, sheets, names: [], activeSheet: 0 };
}

describe('direct writer = ExcelJS writer', () => {
  test('consolidation of the bundled examples, with and without a report date', async () => {
    const result = checkWorkbooks(await loadSources([EXAMPLES]), defaultRulebook, { merge: true });
    await expectSameAsExcelJS(buildConsolidatedBook(result, defaultRulebook, { reportDate: { y: 2025, m: 12, d: 20 } }));
    await expectSameAsExcelJS(buildConsolidatedBook(result, defaultRulebook));
  });

  test('consolidation of the hand-made result (formulas as text, unreadable files, duplicates)', async () => {
    await expectSameAsExcelJS(buildConsolidatedBook(sampleResult(), rulebook, { reportDate: { y: 2025, m: 1, d: 5 } }));
  });

  test('templates: every unit, no unit, more rows', async () => {
    for (const u of [...defaultRulebook.units.slice(0, 4), undefined]) {
      await expectSameAsExcelJS(buildTemplateBook(defaultRulebook, { unitId: u?.id }));
    }
    await expectSameAsExcelJS(buildTemplateBook(defaultRulebook, { unitId: 'khoi-1', rows: 40 }));
  });

  test('generated rows with texts that cleaning changes, met in every order', async () => {
    const texts = ['_x0041_', '_x005F_x0041_', 'a\u0001b', 'ab', '_x005F_x0041_', '_x0041_', 'Nguyễn', 'a\u0001b', '', 'ab'];
    const sheet = newSheet('Sinh');
    new SheetWriter(sheet).set(0, 0, '_x005F_x0041_', 'th');
    sheet.body = {
      count: texts.length,
      width: 2,
      row: (i) => ({ cells: [{ value: texts[i], style: 'td' }, { value: texts[texts.length - 1 - i] || null, style: 'tdNum' }], height: 15 + i }),
    };
    await expectSameAsExcelJS(book(sheet));
  });

  test('sized rows: heights from the spec, capped at maxLines, as the row source’s own height() gives them', async () => {
    const long = 'Sáng kiến cấp tỉnh về đổi mới phương pháp dạy học môn Toán. '.repeat(40);
    const texts = ['Nguyễn Văn An', long, '', 'ngắn', long.slice(0, 300), 'x'.repeat(5000)];
    const spec: LineSpec = { widths: [20, 30, 12], counted: [true, true, false], size: 12, maxLines: 4 };
    const sheet = newSheet('Cao');
    sheet.body = {
      count: texts.length,
      width: 3,
      row: (i) => ({
        cells: [
          { value: texts[i], style: 'td' },
          { value: texts[texts.length - 1 - i] || null, style: 'td' },
          // An uncounted column: its long text does not make the row taller.
          { value: i === 2 ? long : i, style: 'tdNum' },
        ],
        height: 15,
      }),
      sized: { lines: (t, c) => specLines(spec, t, c), height: (n) => roundHeight(lineHeight(Math.min(n, 4), 12)), spec },
    };
    await expectSameAsExcelJS(book(sheet));
    const xml = parts(await writeBook(book(sheet))).find(([n]) => n === 'xl/worksheets/sheet1.xml')?.[1] ?? '';
    const heights = [...xml.matchAll(/<row r="(\d+)"[^>]*? ht="([\d.]+)"/g)].map((m) => Number(m[2]));
    expect(heights).toHaveLength(texts.length);
    // Row 2 (the long text) is capped at 4 lines; row 3 (only the uncounted column is long) stays one line.
    expect(heights[1]).toBe(specHeight(spec, 99));
    expect(heights[1]).toBe(roundHeight(lineHeight(4, 12)));
    expect(heights[2]).toBe(specHeight(spec, 1));
    expect(heights[3]).toBe(specHeight(spec, 1));
    // Row 1: its second column holds 5,000 characters.
    expect(heights[0]).toBe(heights[1]);
  });

  test('awkward models: empty and hidden sheets, heights without cells, merges over nothing, odd text', async () => {
    const empty = newSheet('Trống');
    const odd = newSheet('Lạ');
    odd.state = 'hidden';
    odd.tabColor = 'FFFF0000';
    odd.showGridLines = false;
    odd.freeze = { rows: 0, cols: 2 };
    odd.print = { ...odd.print, orientation: 'landscape', horizontalCentered: true, header: '&L<Sở> & "Phòng"', repeatRows: { from: 1, to: 2 } };
    odd.columns = [{ width: 9 }, { width: 9, style: 'td' }, { width: 12, style: 'td' }, { width: 12, style: 'td' }, { width: 9 }, { width: 30 }, { width: 30 }, { width: 0 }];
    const w = new SheetWriter(odd);
    w.set(0, 1, '  có khoảng trắng ', 'title');
    w.set(0, 3, 'dòng\nhai', 'td');
    w.set(1, 0, -12.5);
    w.set(1, 2, 0);
    w.set(1, 4, '', 'tdNum');
    w.set(1, 5, 'a\u0001b _x0041_ \uD800 =1+2', 'tdDate');
    w.set(1, 6, Number.NaN, 'thVertical');
    w.set(2, 1, null);
    w.set(3, 3, 1e21, 'bullet');
    w.height(5, 20);
    w.height(9, 33.25);
    w.merge(6, 1, 7, 3, 'gộp', 'th');
    odd.merges.push({ top: 10, left: 4, bottom: 11, right: 5 }, { top: 12, left: 0, bottom: 12, right: 0 });
    w.set(6, 2, 'mất', 'td'); // inside a merge: ExcelJS drops it
    odd.autoFilter = { top: 0, left: 0, bottom: 3, right: 6 };
    odd.validations.push(
      { range: { top: 20, left: 1, bottom: 20, right: 1 }, type: 'list', formulae: ['DM_X'], allowBlank: true },
      { range: { top: 21, left: 1, bottom: 21, right: 1 }, type: 'list', formulae: ['DM_X'], allowBlank: true },
      { range: { top: 20, left: 2, bottom: 20, right: 2 }, type: 'list', formulae: ['DM_X'], allowBlank: true },
      { range: { top: 21, left: 2, bottom: 21, right: 2 }, type: 'list', formulae: ['DM_X'], allowBlank: true },
      { range: { top: 3, left: 10, bottom: 9, right: 10 }, type: 'date', operator: 'between', formulae: [21916, 38717.5], allowBlank: true, error: { title: 'Sai', text: 'Nhập "ngày"', style: 'stop' } },
      { range: { top: 3, left: 11, bottom: 9, right: 11 }, type: 'any', formulae: [], allowBlank: true, prompt: { title: 'Gợi ý', text: "Ghi 'Không'" } },
      { range: { top: 3, left: 12, bottom: 9, right: 12 }, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: false },
    );
    const lists = newSheet('DanhMuc');
    new SheetWriter(lists).set(1, 0, 'x');
    const b = book(empty, odd, lists);
    b.names = [
      { name: 'DM_X', sheet: 'DanhMuc', range: { top: 1, left: 0, bottom: 3, right: 0 } },
      { name: 'DM_Y', sheet: "Lạ's", range: { top: 0, left: 0, bottom: 0, right: 0 } },
    ];
    b.activeSheet = 1;
    b.properties.created = { y: 2024, m: 2, d: 29 };
    await expectSameAsExcelJS(b);
  });

  test('a workbook with numbers only (no shared strings part)', async () => {
    const s = newSheet('Số');
    new SheetWriter(s).set(0, 0, 1);
    await expectSameAsExcelJS(book(s));
  });

  test('overlapping merges are refused, as ExcelJS did', async () => {
    const s = newSheet('S');
    s.merges.push({ top: 0, left: 0, bottom: 1, right: 1 }, { top: 1, left: 1, bottom: 2, right: 2 });
    await expect(writeBook(book(s))).rejects.toThrow(/already merged/);
  });
});

describe('zip output', () => {
  test('native and JavaScript deflate give the same entries, read back by fflate and by our reader', async () => {
    const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${'<row r="1"><c r="A1" t="inlineStr"><is><t>Trường</t></is></c></row>'}</sheetData></worksheet>`;
    const files: [string, string[]][] = [
      ['[Content_Types].xml', ['<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>']],
      ['xl/workbook.xml', ['<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Tờ 1" sheetId="1" r:id="rId1"/></sheets></workbook>']],
      ['xl/_rels/workbook.xml.rels', ['<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>']],
      ['xl/worksheets/sheet1.xml', [sheet.slice(0, 50), sheet.slice(50), '']],
      ['big.txt', Array.from({ length: 300 }, (_, i) => `dòng ${i} `.repeat(200))],
    ];
    for (const fallback of [false, true]) {
      const entries = [];
      for (const [name, chunks] of files) entries.push(await compressEntry(name, chunks, fallback ? fflateGzip : undefined));
      const zip = zipFile(entries, new Date(2020, 0, 1));
      const back = unzipSync(zip);
      expect(Object.keys(back)).toEqual(files.map(([n]) => n));
      for (const [name, chunks] of files) expect(strFromU8(back[name])).toBe(chunks.join(''));
      expect(readXlsx(zip).sheets[0].rows[0][0]?.v).toBe('Trường');
    }
  });
});
