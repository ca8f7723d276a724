import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { ACHIEVEMENT } from '../helpers/grid';
import { readXlsxFile } from '../../src/node/files';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

let dir: string;

async function writeSheet(file: string, rows: (string | number | null)[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  rows.forEach((r) => ws.addRow(r));
  await wb.xlsx.writeFile(path.join(dir, file));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-cli-'));
  const top = [['UBND HUYỆN KRÔNG NÔ'], ['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', null, null, null, 'Krông Nô, ngày 2 tháng 6 năm 2025'], []];
  const header = ['TT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích'];
  await writeSheet('krong-no.xlsx', [
    ...top,
    header,
    [1, 'Nguyễn Thị Lan', '12/03/1984', 'GV', 'Trường MN Hoa Sen', 'MN', ACHIEVEMENT],
    [2, 'Y Khuê Niê', '05/09/1988', 'GV', 'Trường TH Trần Phú', 'TH', ACHIEVEMENT],
    [3, 'Lê Văn Minh', '20/01/1979', 'HT', 'Trường THCS Nguyễn Du', 'THCS', ACHIEVEMENT],
  ]);
  await writeSheet('tuy-duc.xlsx', [
    ['UBND HUYỆN TUY ĐỨC'],
    ['PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', null, null, null, 'Tuy Đức, ngày 2 tháng 6 năm 2025'],
    [],
    header,
    [1, 'Trần Thị Bình', '30/02/1984', 'HT', 'Trường MN Sơn Ca', 'MN', ACHIEVEMENT],
    [2, 'Phạm Văn An', '05/09/1988', 'P.HT', 'Trường TH Kim Đồng', 'TH', ACHIEVEMENT],
    [3, 'Đỗ Văn Cường', '20/01/1979', 'GV', 'Trường THCS Lê Lợi', 'THCS', ACHIEVEMENT],
  ]);
  fs.writeFileSync(path.join(dir, 'notes.xlsx'), 'this is not a spreadsheet');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('dien-hinh check', () => {
  it('exits 0 on a valid file and prints a readable report grouped by file', async () => {
    const r = await run('check', path.join(dir, 'krong-no.xlsx'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('Phòng GD&ĐT huyện Krông Nô · 3 người · Hợp lệ');
    expect(r.out).toContain('Tổng cộng: 1 danh sách, 3 người được đề cử, 0 lỗi');
  });

  it('reads a folder, reports each problem at its cell, and exits 1 on errors (also for an unreadable file)', async () => {
    const r = await run('check', dir, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(['submissions', 'findings', 'summary']);
    expect(report.submissions.map((s: { file: string; status: string }) => [path.basename(s.file), s.status])).toEqual([
      ['krong-no.xlsx', 'ok'],
      ['notes.xlsx', 'unreadable'],
      ['tuy-duc.xlsx', 'invalid'],
    ]);
    expect(report.submissions[0].unit).toEqual({ name: 'Phòng GD&ĐT huyện Krông Nô', kind: 'phong' });
    const at = report.findings.map((f: { ruleId: string; cell: string | null; file: string }) => `${path.basename(f.file)}:${f.ruleId}@${f.cell}`);
    expect(at).toEqual(['notes.xlsx:FILE_UNREADABLE@null', 'tuy-duc.xlsx:FIELD_INVALID_DATE@C5', 'tuy-duc.xlsx:QUOTA_MANAGER_EXCEEDED@D6']);
    const date = report.findings[1];
    expect(date).toMatchObject({ severity: 'error', sheet: 'Danh sách', row: 5, value: '30/02/1984' });
    expect(report.summary).toEqual({ submissions: 3, nominees: 6, errors: 3, warnings: 0, infos: 0 });
  });

  it('speaks English with --lang en', async () => {
    const r = await run('check', path.join(dir, 'tuy-duc.xlsx'), '--lang', 'en', '--json');
    const report = JSON.parse(r.out);
    expect(report.findings[0].message).toMatch(/does not exist/);
  });

  it('exits 2 when misused', async () => {
    expect((await run('check')).code).toBe(2);
    expect((await run('check', dir, '--bogus')).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect((await run('check', dir, '--lang', 'fr')).code).toBe(2);
    expect((await run('merge', dir)).code).toBe(2);
    const bad = path.join(dir, 'rules.json');
    fs.writeFileSync(bad, '{"schemaVersion": 2}');
    const r = await run('check', dir, '--rules', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain('Tệp quy tắc không hợp lệ');
  });

  it('a path that does not exist is a finding, and the other files are still checked', async () => {
    const r = await run('check', path.join(dir, 'missing.xlsx'), path.join(dir, 'krong-no.xlsx'), '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0].ruleId).toBe('FILE_UNREADABLE');
    expect(report.submissions[1].status).toBe('ok');
  });
});

describe('dien-hinh merge --date', () => {
  it('writes the report date line from --date, and refuses an impossible date', async () => {
    const out = path.join(dir, 'out', 'tong-hop.xlsx');
    const r = await run('merge', path.join(dir, 'krong-no.xlsx'), '--out', out, '--date', '10/12/2025');
    expect(r.code).toBe(0);
    const wb = await readXlsxFile(out);
    const report = wb.sheets.find((s) => s.name === 'Báo cáo');
    const texts = (report?.rows ?? []).flatMap((row) => (row ?? []).map((c) => (c && typeof c.v === 'string' ? c.v : '')));
    expect(texts.some((t) => t.includes('ngày 10 tháng 12 năm 2025'))).toBe(true);
    const bad = await run('merge', path.join(dir, 'krong-no.xlsx'), '--out', out, '--date', '31/02/2025');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--date');
  });
});
