import * as ExcelJS from 'exceljs';
import { baseName } from '../../../../src/text/file-name';
import { strFromU8, unzipSync } from 'fflate';
import { cellText, patchNormalFont, writeBook } from '../../../../src/formats/xlsx/write/workbook';
import { buildConsolidatedBook, buildTemplateBook, LIST_HEADER_ROW, newSheet, SheetWriter, type Book } from '../../../../src/consolidate/index';
import { FONT, STYLES } from '../../../../src/consolidate/styles';
import { rulebook, sampleResult } from '../../../consolidate/fixtures';

type Files = Record<string, string>;

function unzip(bytes: Uint8Array): Files {
  const out: Files = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) out[name] = strFromU8(data);
  return out;
}

/** Sheet name -> its part, from workbook.xml and its relationships. */
function sheetParts(files: Files): Record<string, string> {
  const rels = new Map<string, string>();
  for (const m of files['xl/_rels/workbook.xml.rels'].matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)) rels.set(m[1], m[2]);
  const out: Record<string, string> = {};
  for (const m of files['xl/workbook.xml'].matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) out[m[1]] = `xl/${rels.get(m[2])}`;
  return out;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('the consolidated workbook (buildConsolidatedBook, written)', () => {
  let bytes: Uint8Array;
  let files: Files;
  beforeAll(async () => {
    bytes = await writeBook(buildConsolidatedBook(sampleResult(), rulebook, { reportDate: { y: 2025, m: 12, d: 20 } }));
    files = unzip(bytes);
  });

  test('sheet names exactly as the contract says', () => {
    expect(Object.keys(sheetParts(files))).toEqual(['Tổng hợp', 'Kiểm tra', 'Báo cáo']);
  });

  test('no formula anywhere in the written sheets', () => {
    const parts = Object.values(sheetParts(files));
    expect(parts).toHaveLength(3);
    for (const p of parts) {
      expect(files[p]).toBeDefined();
      expect(files[p]).not.toMatch(/<f[ >]/);
    }
  });

  test('text that looks like a formula is stored as a shared string and reads back as text', async () => {
    expect(files['xl/sharedStrings.xml']).toContain('<t>=1+2</t>');
    expect(files['xl/sharedStrings.xml']).toContain('=SUM(A1:A3)');
    const wb = await load(bytes);
    const ws = wb.getWorksheet('Tổng hợp');
    if (!ws) throw new Error('no sheet');
    const seen: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula).toBeFalsy();
        if (typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) seen.push(cell.value);
      }),
    );
    expect(seen.sort()).toEqual(['-HYPERLINK("x")', '=1+2', '=SUM(A1:A3)']);
  });

  test('every nominee is a row with its provenance, read back', async () => {
    const wb = await load(bytes);
    const ws = wb.getWorksheet('Tổng hợp');
    if (!ws) throw new Error('no sheet');
    const header = (ws.getRow(LIST_HEADER_ROW + 1).values as unknown[]).map((v) => (v === undefined ? '' : String(v)));
    const file = header.indexOf('Tệp nguồn');
    const row = header.indexOf('Dòng nguồn');
    const got: string[] = [];
    for (let r = LIST_HEADER_ROW + 2; r <= ws.rowCount; r++) got.push(`${String(ws.getCell(r, file).value)}#${String(ws.getCell(r, row).value)}`);
    const expected = sampleResult().submissions.flatMap((s) => s.nominations.map((n) => `${baseName(s.file)}#${n.row}`));
    expect(got.sort()).toEqual(expected.sort());
  });

  test('print set-up: A4, orientation, fit to width, Decree 30 margins, repeated header rows', () => {
    const parts = sheetParts(files);
    const list = files[parts['Tổng hợp']];
    expect(list).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1"[^>]*fitToHeight="0"/);
    expect(list).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(list).toMatch(/<pageMargins left="1.1811" right="0.5906" top="0.7874" bottom="0.7874"/);
    expect(list).toMatch(/<pane [^>]*ySplit="3"[^>]*state="frozen"/);
    expect(list).toMatch(/<autoFilter ref="A3:/);
    expect(files[parts['Báo cáo']]).toMatch(/orientation="portrait"/);
    expect(files['xl/workbook.xml']).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Tổng hợp&apos;!$3:$3</definedName>');
  });

  test('Times New Roman throughout, the Normal style included', () => {
    const styles = files['xl/styles.xml'];
    const fonts = [...styles.matchAll(/<font>([\s\S]*?)<\/font>/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(3);
    for (const f of fonts) expect(f).toContain('<name val="Times New Roman"/>');
  });

  test('deterministic: the same inputs give the same bytes, with a creation date from the input', async () => {
    const again = await writeBook(buildConsolidatedBook(sampleResult(), rulebook, { reportDate: { y: 2025, m: 12, d: 20 } }));
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const a = unzip(again);
    for (const p of Object.values(sheetParts(a))) expect(a[p]).toBe(files[p]);
    expect(files['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-12-20T00:00:00Z</dcterms:created>');
    expect(files['docProps/core.xml']).toContain('<dc:creator>Điển hình</dc:creator>');
    const noDate = unzip(await writeBook(buildConsolidatedBook(sampleResult(), rulebook)));
    expect(noDate['docProps/core.xml']).toContain('2020-01-01T00:00:00Z');
  });

  test('the report totals are numbers, not formulas', async () => {
    const wb = await load(bytes);
    const ws = wb.getWorksheet('Báo cáo');
    if (!ws) throw new Error('no sheet');
    let totals: unknown[] | null = null;
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'Tổng cộng') totals = (row.values as unknown[]).slice(5, 5 + 9);
    });
    expect(totals).toEqual([7, 2, 1, 2, 1, 0, 2, 5, 2]);
  });
});

describe('writeBook', () => {
  function oneCellBook(value: string): Book {
    const sheet = newSheet('S');
    new SheetWriter(sheet).set(0, 0, value, 'td');
    return { properties: { creator: 'test', title: 't' }, defaultFont: FONT, styles: STYLES, sheets: [sheet], names: [], activeSheet: 0 };
  }

  test('hostile text: no formula, valid XML, Excel escapes kept literal', async () => {
    const files = unzip(await writeBook(oneCellBook('=HYPERLINK("http://x","y")\u0001 _x0041_')));
    expect(files['xl/worksheets/sheet1.xml']).not.toMatch(/<f[ >]/);
    expect(files['xl/sharedStrings.xml']).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;) _x005F_x0041_');
  });

  test('cellText drops characters XML cannot hold and caps the length', () => {
    expect(cellText('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
    expect(cellText('x'.repeat(40000))).toHaveLength(32767);
    expect(cellText('\uD800x')).toBe('\uFFFDx');
    expect(cellText('Nguyễn')).toBe('Nguyễn');
  });

  test('patchNormalFont replaces only the first font', () => {
    const xml = '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><name val="Arial"/></font></fonts>';
    expect(patchNormalFont(xml)).toBe('<fonts count="2"><font><sz val="11"/><name val="Times New Roman"/><family val="1"/></font><font><b/><name val="Arial"/></font></fonts>');
  });

  test('model of the consolidated book and the written book agree on merges', async () => {
    const book = buildConsolidatedBook(sampleResult(), rulebook);
    const files = unzip(await writeBook(book));
    const report = files[sheetParts(files)['Báo cáo']];
    const merges = [...report.matchAll(/<mergeCell ref="([^"]+)"/g)].length;
    expect(merges).toBe(book.sheets[2].merges.length);
  });
});

describe('the template (buildTemplateBook, written)', () => {
  let files: Files;
  beforeAll(async () => {
    files = unzip(await writeBook(buildTemplateBook(rulebook, { unitId: 'cu-jut' })));
  });

  test('the hidden lists sheet and the names the dropdowns use', () => {
    const wbXml = files['xl/workbook.xml'];
    expect(wbXml).toMatch(/<sheet [^>]*name="Danh sách" state="visible"/);
    expect(wbXml).toMatch(/<sheet [^>]*name="Danh mục" state="hidden"/);
    expect(wbXml).toContain('<definedName name="DM_CapHoc">&apos;Danh mục&apos;!$A$2:$A$4</definedName>');
    expect(wbXml).toContain('<definedName name="DM_DonVi">&apos;Danh mục&apos;!$D$2:$D$15</definedName>');
  });

  test('list, date and whole-number validations with Vietnamese messages', () => {
    const sheet = files[sheetParts(files)['Danh sách']];
    const dvs = [...sheet.matchAll(/<dataValidation [^>]*>[\s\S]*?<\/dataValidation>|<dataValidation [^>]*\/>/g)].map((m) => m[0]);
    expect(dvs.some((d) => /type="list"/.test(d) && d.includes('<formula1>DM_CapHoc</formula1>') && /errorStyle="stop"/.test(d))).toBe(true);
    expect(dvs.some((d) => d.includes('<formula1>DM_ChucVu</formula1>') && /errorStyle="warning"/.test(d))).toBe(true);
    expect(dvs.some((d) => d.includes('<formula1>DM_GioiTinh</formula1>'))).toBe(true);
    expect(dvs.some((d) => d.includes('<formula1>DM_DonVi</formula1>'))).toBe(true);
    const date = dvs.find((d) => /type="date"/.test(d));
    expect(date).toContain('<formula1>21916</formula1><formula2>38717</formula2>');
    expect(date).toMatch(/prompt="Nhập ngày\/tháng\/năm/);
    expect(date).toMatch(/error="Nhập một ngày có thật/);
    expect(dvs.some((d) => /type="whole"/.test(d) && d.includes('<formula1>0</formula1><formula2>45</formula2>'))).toBe(true);
    expect(sheet).not.toMatch(/<f[ >]/);
  });

  test('deterministic', async () => {
    const a = await writeBook(buildTemplateBook(rulebook, { unitId: 'cu-jut' }));
    const b = await writeBook(buildTemplateBook(rulebook, { unitId: 'cu-jut' }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
