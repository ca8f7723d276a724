import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runMerge } from '../../src/cli/merge';
import { runTemplate } from '../../src/cli/template';
import { UsageError } from '../../src/cli/common';
import { readXlsx } from '../../src/formats/xlsx/read/workbook';
import { LIST_HEADER_ROW } from '../../src/consolidate/index';
import { CU_JUT, KHOI, filledTemplate } from '../consolidate/fill';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) } };
}

describe('runMerge', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-merge-'));
    writeFileSync(path.join(dir, 'cu-jut.xlsx'), await filledTemplate('cu-jut', CU_JUT, { date: 'ngày 20 tháng 6 năm 2025' }));
    writeFileSync(path.join(dir, 'khoi-1.xlsx'), await filledTemplate('khoi-1', KHOI, { date: 'ngày 02 tháng 6 năm 2025' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('valid submissions: exit 0 (missing units are warnings), the workbook written, the text report printed', async () => {
    const c = io();
    const out = path.join(dir, 'ket-qua', 'tong-hop.xlsx');
    const code = await runMerge({ paths: [path.join(dir, 'cu-jut.xlsx'), path.join(dir, 'khoi-1.xlsx')], out, json: false, lang: 'vi' }, c.io);
    expect(code).toBe(0);
    expect(c.out.join('')).toContain(`Đã ghi bảng tổng hợp: ${out}`);
    const wb = readXlsx(new Uint8Array(readFileSync(out)));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Kiểm tra', 'Báo cáo']);
    const dataRows = wb.sheets[0].rows.slice(LIST_HEADER_ROW + 1).filter((r) => r && r.some((x) => x && x.v !== null && x.v !== ''));
    expect(dataRows).toHaveLength(4);
  });

  test('--json: only the JSON report on stdout, with the workbook path; an unreadable file makes exit 1', async () => {
    const bad = path.join(dir, 'hong.xlsx');
    writeFileSync(bad, 'not a spreadsheet');
    const c = io();
    const out = path.join(dir, 'b.xlsx');
    const code = await runMerge({ paths: [path.join(dir, 'cu-jut.xlsx'), bad], out, json: true, lang: 'en' }, c.io);
    rmSync(bad);
    expect(code).toBe(1);
    const report = JSON.parse(c.out.join(''));
    expect(report.workbook).toBe(out);
    expect(report.summary.errors).toBeGreaterThan(0);
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('FILE_UNREADABLE');
    expect(report.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('SUBMISSION_MISSING');
    expect(existsSync(out)).toBe(true);
  });

  test('a workbook that cannot be written: exit 1, the reason in Vietnamese on stderr, no report on stdout', async () => {
    // A folder that cannot be made: its parent is a file.
    const blocker = path.join(dir, 'la-tep.txt');
    writeFileSync(blocker, 'x');
    for (const json of [true, false]) {
      const c = io();
      const out = path.join(blocker, 'tong-hop.xlsx');
      const code = await runMerge({ paths: [path.join(dir, 'cu-jut.xlsx')], out, json, lang: 'vi' }, c.io);
      expect(code).toBe(1);
      expect(c.err.join('')).toContain(`Không ghi được bảng tổng hợp "${out}"`);
      expect(c.out.join('')).toBe('');
    }
    rmSync(blocker);
  });

  test('the output may not overwrite an input', async () => {
    const file = path.join(dir, 'cu-jut.xlsx');
    const before = readFileSync(file);
    await expect(runMerge({ paths: [dir], out: file, json: false, lang: 'vi' }, io().io)).rejects.toBeInstanceOf(UsageError);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('runTemplate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-template-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('--unit matches the registry without accents', async () => {
    const c = io();
    const out = path.join(dir, 'mau-cu-jut.xlsx');
    expect(await runTemplate({ out, unit: 'cu jut' }, c.io)).toBe(0);
    expect(c.out.join('')).toContain('Phòng GD&ĐT huyện Cư Jút');
    const grid = readXlsx(new Uint8Array(readFileSync(out)));
    expect(grid.sheets.map((s) => [s.name, !!s.hidden])).toEqual([
      ['Danh sách', false],
      ['Danh mục', true],
    ]);
    expect(grid.sheets[0].rows[0]?.[0]?.v).toBe('UBND HUYỆN CƯ JÚT');
  });

  test('an unknown unit is a misuse that lists the registry', async () => {
    const err = await runTemplate({ out: path.join(dir, 'x.xlsx'), unit: 'Huyện Không Có' }, io().io).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toContain('Phòng GD&ĐT huyện Tuy Đức');
    expect(existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });

  test('without a unit: the blank template', async () => {
    const out = path.join(dir, 'mau.xlsx');
    expect(await runTemplate({ out }, io().io)).toBe(0);
    expect(readXlsx(new Uint8Array(readFileSync(out))).sheets[0].name).toBe('Danh sách');
  });
});
