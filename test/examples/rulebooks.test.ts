/**
 * The example rulebooks (rulebooks/): each workbook reads back as its JSON, JSON -> workbook -> JSON
 * gives the same rulebook, and the Phòng-collects-from-schools example runs end to end (template,
 * check, merge) with its own agency block, signer and texts.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { loadRulebook, type Rulebook } from '../../src/rules/index';
import { buildRulebookBook, rulebookFromWorkbook } from '../../src/consolidate/index';
import { writeBook } from '../../src/formats/xlsx/write/workbook';
import { readXlsx } from '../../src/formats/xlsx/read/workbook';
import { readXlsxFile } from '../../src/node/files';
import { ROOT } from '../helpers/paths';
import { LAM_DONG, PHONG } from '../../scripts/make-rulebooks';

const DIR = path.join(ROOT, 'rulebooks');
const PHONG_DIR = path.join(DIR, 'phong-cu-jut-2024-2025');

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const cellTexts = (rows: ({ v: unknown } | undefined)[][]) => rows.flatMap((r) => (r ?? []).map((c) => (c ? String(c.v) : '')));

describe.each([
  ['phong-cu-jut-2024-2025', PHONG],
  ['lam-dong-tu-1-7-2025', LAM_DONG],
])('the example rulebook %s', (name: string, made: Rulebook) => {
  const json = () => loadRulebook(fs.readFileSync(path.join(DIR, name, 'quy-tac.json'), 'utf8'));

  it('is committed as made by scripts/make-rulebooks.ts', () => {
    expect(json()).toEqual(made);
  });

  it('its workbook reads back as its JSON', async () => {
    const r = rulebookFromWorkbook(await readXlsxFile(path.join(DIR, name, 'quy-tac.xlsx')));
    expect(r).toEqual({ ok: true, rulebook: json() });
  });

  it('JSON -> workbook -> JSON gives the same rulebook', async () => {
    const r = rulebookFromWorkbook(readXlsx(await writeBook(buildRulebookBook(json()))));
    expect(r).toEqual({ ok: true, rulebook: json() });
  });
});

describe('the structure after 1/7/2025', () => {
  it('defines the new kinds, invents no unit, and says the registry is the office’s to enter', async () => {
    expect(Object.keys(LAM_DONG.kinds)).toEqual(['xa', 'truong-so', 'khoi']);
    expect(LAM_DONG.units).toEqual([]);
    const wb = await readXlsxFile(path.join(DIR, 'lam-dong-tu-1-7-2025', 'quy-tac.xlsx'));
    expect(cellTexts(wb.sheets[0].rows).join('\n')).toContain('danh sách đơn vị là của cơ quan tổng hợp nhập');
  });
});

describe('a Phòng collecting from its schools, end to end', () => {
  let tmp: string;
  const rules = path.join(PHONG_DIR, 'quy-tac.xlsx');
  beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-phong-'))));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('template: a school’s list under the Phòng’s name, signed by its principal', async () => {
    const out = path.join(tmp, 'mau.xlsx');
    expect((await run('template', '--rules', rules, '--unit', 'MN Sơn Ca', '--out', out)).code).toBe(0);
    const texts = cellTexts((await readXlsxFile(out)).sheets[0].rows);
    expect(texts).toEqual(expect.arrayContaining(['PHÒNG GD&ĐT CƯ JÚT', 'TRƯỜNG MẦM NON SƠN CA', 'HIỆU TRƯỞNG', 'Trường Mầm non Sơn Ca']));
    expect(texts.some((t) => t.startsWith('Cư Jút, ngày'))).toBe(true);
  });

  it('check: the schools’ kinds and quotas, each problem at its cell', async () => {
    const r = await run('check', path.join(PHONG_DIR, 'nop'), '--rules', rules, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    expect(report.submissions.map((s: { unit: { kind: string } }) => s.unit.kind)).toEqual(['truong-mn', 'truong-th', 'truong-th', 'truong-thcs', 'truong-thcs']);
    expect(report.findings.map((f: { file: string; ruleId: string; cell: string }) => [path.basename(f.file), f.ruleId, f.cell])).toEqual([
      ['03-th-tran-phu.xlsx', 'QUOTA_MANAGER_EXCEEDED', 'F12'],
      ['04-thcs-nguyen-du.xlsx', 'CRITERIA_EVIDENCE_MISSING', 'M11'],
      ['05-thcs-le-loi.xlsx', 'QUOTA_TOTAL_EXCEEDED', 'B13'],
    ]);
    expect(report.findings[2].message).toBe('Trường THCS Lê Lợi đề cử 3 nhà giáo, vượt số lượng cho phép (2). Hãy giữ lại tối đa 2 người.');
  });

  it('merge: the Phòng’s report, with its agency block, signer and texts, and the school that sent nothing', async () => {
    const out = path.join(tmp, 'tong-hop.xlsx');
    const r = await run('merge', path.join(PHONG_DIR, 'nop'), '--rules', rules, '--out', out, '--date', '05/06/2025', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).findings.filter((f: { ruleId: string }) => f.ruleId === 'SUBMISSION_MISSING').map((f: { message: string }) => f.message)).toEqual([
      'Trường Mầm non Sơn Ca chưa gửi danh sách đề cử.',
    ]);
    const wb = await readXlsxFile(out);
    const report = wb.sheets.find((s) => s.name === 'Báo cáo');
    const texts = cellTexts(report!.rows);
    expect(texts).toEqual(
      expect.arrayContaining(['UBND HUYỆN CƯ JÚT', 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', 'Cư Jút, ngày 05 tháng 6 năm 2025', 'TRƯỞNG PHÒNG', PHONG.titles.reportSubtitle]),
    );
    expect(texts.map((t) => t.trim())).toEqual(
      expect.arrayContaining([PHONG.documents!.reportIntro!]),
    );
    const list = wb.sheets.find((s) => s.name === 'Tổng hợp');
    expect(cellTexts(list!.rows)).toContain(PHONG.documents!.listTitle!);
  });
});
