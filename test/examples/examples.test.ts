import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { RULE_IDS } from '../../src/check/finding';
import { decodeLegacy, detectLegacyInTexts } from '../../src/text/legacy';
import { buildExamples } from '../../scripts/examples/build';
import { EXAMPLES, MISSING_UNITS } from '../../scripts/examples/data';

const DIR = path.resolve(__dirname, '..', '..', 'examples');

type Cells = Record<string, Record<string, unknown>>;

/** Every sheet's non-empty cells as plain JSON values, by address. */
async function cellsOf(file: string): Promise<Cells> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Cells = {};
  for (const ws of wb.worksheets) {
    const sheet: Record<string, unknown> = {};
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master !== cell) return;
        const v = cell.value;
        sheet[cell.address] = v instanceof Date ? v.toISOString() : v;
      });
    });
    out[ws.name] = sheet;
  }
  return out;
}

async function xlsxIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f.endsWith('.xlsx')).sort();
}

describe('examples/', () => {
  it('every .xlsx is listed in expected.json and expected-submissions.json, and nothing else is', async () => {
    const files = await xlsxIn(DIR);
    const expected = JSON.parse(await readFile(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, unknown>;
    const subs = JSON.parse(await readFile(path.join(DIR, 'expected-submissions.json'), 'utf8')) as Record<string, unknown>;
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(Object.keys(expected).sort()).toEqual(files);
    expect(Object.keys(subs).sort()).toEqual(files);
    expect(EXAMPLES.map((e) => e.file).sort()).toEqual(files);
  });

  it('expected.json names real rule ids and A1 cells', async () => {
    const expected = JSON.parse(await readFile(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, { ruleId: string; cell: string | null }[]>;
    for (const list of Object.values(expected)) {
      for (const f of list) {
        expect(RULE_IDS).toContain(f.ruleId);
        if (f.cell !== null) expect(f.cell).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
      }
    }
    // Clean files for at least four districts and one block; every district and three blocks present.
    const clean = EXAMPLES.filter((e) => expected[e.file].length === 0);
    expect(clean.filter((e) => e.unit && !e.unit.startsWith('khoi')).length).toBeGreaterThanOrEqual(4);
    expect(clean.filter((e) => e.unit?.startsWith('khoi')).length).toBeGreaterThanOrEqual(1);
    const units = new Set(EXAMPLES.map((e) => e.unit));
    for (const u of ['gia-nghia', 'cu-jut', 'dak-glong', 'dak-mil', 'dak-rlap', 'dak-song', 'krong-no', 'tuy-duc']) expect(units).toContain(u);
    for (const u of MISSING_UNITS) expect(units).not.toContain(u);
  });

  it('the committed files are what the script writes', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'examples-'));
    try {
      await buildExamples(tmp);
      for (const f of await xlsxIn(DIR)) {
        expect({ f, cells: await cellsOf(path.join(tmp, f)) }).toEqual({ f, cells: await cellsOf(path.join(DIR, f)) });
      }
      for (const f of ['expected.json', 'expected-submissions.json', 'expected-merge.json', 'README.md']) {
        expect(await readFile(path.join(tmp, f), 'utf8')).toBe(await readFile(path.join(DIR, f), 'utf8'));
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('the script is deterministic', async () => {
    const a = await mkdtemp(path.join(os.tmpdir(), 'examples-a-'));
    const b = await mkdtemp(path.join(os.tmpdir(), 'examples-b-'));
    try {
      await buildExamples(a);
      await new Promise((r) => setTimeout(r, 1100)); // a later second: timestamps would differ
      await buildExamples(b);
      const files = await xlsxIn(a);
      expect(files).toEqual(await xlsxIn(b));
      for (const f of files) {
        expect(await cellsOf(path.join(b, f))).toEqual(await cellsOf(path.join(a, f)));
        expect(Buffer.compare(await readFile(path.join(a, f)), await readFile(path.join(b, f)))).toBe(0);
      }
    } finally {
      await rm(a, { recursive: true, force: true });
      await rm(b, { recursive: true, force: true });
    }
  });
});

describe('what the examples are made of', () => {
  const sheetCells = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(DIR, file));
    return wb;
  };

  it('the TCVN3 file is TCVN3 with .VnTime fonts, and decodes to the intended text', async () => {
    const ws = (await sheetCells('05-dak-rlap-tcvn3.xlsx')).worksheets[0];
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)));
    expect(detectLegacyInTexts(texts)).toBe('tcvn3');
    expect(ws.getCell('B9').font.name).toBe('.VnTime');
    expect(ws.getCell('A1').font.name).toBe('.VnTimeH');
    expect(decodeLegacy(String(ws.getCell('B9').value), 'tcvn3')).toBe('Nguyễn Thị Thanh Huyền');
    expect(decodeLegacy(String(ws.getCell('A1').value), 'tcvn3', { upper: true })).toBe("UBND HUYỆN ĐẮK R'LẤP");
  });

  it('the VNI file is VNI with VNI-Times fonts', async () => {
    const ws = (await sheetCells('09-tuy-duc-vni.xlsx')).worksheets[0];
    expect(ws.getCell('B9').font.name).toBe('VNI-Times');
    expect(decodeLegacy(String(ws.getCell('B9').value), 'vni')).toBe('Nguyễn Thị Diễm My');
    expect(decodeLegacy(String(ws.getCell('J10').value), 'vni')).toBe('Khiển trách năm 2024');
  });

  it('the NFD file holds decomposed text', async () => {
    const ws = (await sheetCells('10-khoi-thi-dua-1.xlsx')).worksheets[0];
    const name = String(ws.getCell('B9').value);
    expect(name).toBe("H' Ngăn Byă".normalize('NFD'));
    expect(name).not.toBe(name.normalize('NFC'));
  });

  it('the formula, the impossible date and the year-only births are stored as such', async () => {
    const expected = JSON.parse(await readFile(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, { ruleId: string; cell: string | null }[]>;
    const at = (file: string, ruleId: string) => expected[file].find((f) => f.ruleId === ruleId)!.cell!;
    const k2 = (await sheetCells('11-khoi-thi-dua-2.xlsx')).worksheets[0];
    expect(k2.getCell(at('11-khoi-thi-dua-2.xlsx', 'CELL_FORMULA_NEUTRALIZED')).value).toEqual({ formula: '2025-2008', result: 17 });
    const cj = (await sheetCells('02-cu-jut.xlsx')).worksheets[0];
    const bad = at('02-cu-jut.xlsx', 'FIELD_INVALID_DATE');
    expect(cj.getCell(bad).value).toBe('31/02/1988');
    expect(cj.getCell(bad.replace(/\d+$/, (r) => String(Number(r) + 1))).value).toBeInstanceOf(Date);
    const mil = (await sheetCells('04_DS_de_cu_NGTB_Dak_Mil_2025.xlsx')).worksheets[0];
    expect(mil.getCell('E4').value).toBe(1986);
  });
});
