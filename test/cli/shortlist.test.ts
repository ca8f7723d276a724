/**
 * The proposal to the Ministry, end to end: the examples merged through the command line, the office's
 * marks typed into `Đề nghị Bộ` by editing the written workbook's XML directly (as Excel would save
 * them; not through the project's own model), `shortlist` run on a valid and an invalid choice, and
 * both outputs read back: the findings with their ids and cells, the proposal workbook's sheets,
 * title, counts and rows.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { main } from '../../src/cli/main';
import { readXlsx } from '../../src/formats/xlsx/read/workbook';
import { readMark } from '../../src/check/shortlist';
import type { Grid } from '../../src/sheet/grid';
import { EXAMPLES } from '../helpers/paths';

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  file: string;
  sheet: string | null;
  cell: string | null;
  message: string;
}

let dir: string;
let consolidated: string;

/** The workbook with `marks` (Excel row -> text) typed into `column` of the sheet `sheetName`, by editing its XML. */
function markXml(bytes: Uint8Array, sheetName: string, column: string, marks: Record<number, string>): Uint8Array {
  const files = unzipSync(bytes);
  const workbook = strFromU8(files['xl/workbook.xml']);
  const rid = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const target = new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no sheet ${sheetName}`);
  const part = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  let xml = strFromU8(files[part]);
  for (const [row, text] of Object.entries(marks)) {
    const ref = `${column}${row}`;
    const cell = `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const empty = new RegExp(`<c r="${ref}"( s="\\d+")?\\s*/>`);
    if (empty.test(xml)) xml = xml.replace(empty, (_m, s: string | undefined) => cell.replace(`r="${ref}"`, `r="${ref}"${s ?? ''}`));
    else xml = xml.replace(new RegExp(`(<row r="${row}"[^>]*>[\\s\\S]*?)</row>`), `$1${cell}</row>`);
    if (!xml.includes(`<c r="${ref}"`)) throw new Error(`cannot mark ${ref}`);
  }
  files[part] = strToU8(xml);
  return zipSync(files);
}

const rowsOf = (g: Grid) => g.rows.map((r) => (r ?? []).map((c) => (c ? String(c.v ?? '') : '')));

let header: string[];
let listRows: string[][];
/** Column letter of a header label of `Tổng hợp`. */
const letter = (label: string) => String.fromCharCode(65 + header.indexOf(label));
/** Excel row of a nominee of `Tổng hợp` by name (and unit, when the name is not unique). */
const rowOf = (name: string, unit?: string) => {
  const i = listRows.findIndex((r) => r[header.indexOf('Họ và tên')] === name && (!unit || r[header.indexOf('Đơn vị đề cử')] === unit));
  if (i < 0) throw new Error(`no ${name}`);
  return i + 1;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-shortlist-'));
  consolidated = path.join(dir, 'tong-hop.xlsx');
  const merged = await run('merge', EXAMPLES, '--out', consolidated);
  expect(merged.code).toBe(1); // the examples hold errors on purpose
  const list = readXlsx(fs.readFileSync(consolidated)).sheets.find((s) => s.name === 'Tổng hợp') as Grid;
  listRows = rowsOf(list);
  header = listRows[2];
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('shortlist: the proposal to the Ministry', () => {
  it('the consolidated list ends with the empty column Đề nghị Bộ, its header on row 3', () => {
    expect(header.at(-1)).toBe('Đề nghị Bộ');
    expect(listRows.slice(3).every((r) => !r[header.length - 1])).toBe(true);
  });

  it('nothing marked: SHORTLIST_EMPTY at the column header, exit 1, no proposal written', async () => {
    const out = path.join(dir, 'none.xlsx');
    const r = await run('shortlist', consolidated, '--json', '--out', out);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: JsonFinding[]; submissions: { file: string; sheet: string }[] };
    expect(report.findings.map((f) => `${f.ruleId}@${f.cell}`)).toEqual([`SHORTLIST_EMPTY@${letter('Đề nghị Bộ')}3`]);
    expect(report.submissions[0]).toMatchObject({ file: consolidated, sheet: 'Tổng hợp' });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('a valid choice: no error, the proposal workbook with its submission and its appendix', async () => {
    const V = letter('Đề nghị Bộ');
    const chosen = {
      [rowOf('Trần Thị Minh Thư')]: 'x', // Mầm non
      [rowOf('Bùi Đức Thắng')]: 'X', // Hiệu trưởng, the level from the school's name (Đắk Mil has no Cấp học column)
      [rowOf('Hồ Thị Kim Oanh')]: '✓', // THCS
      [rowOf("H' Ngăn Byă")]: 'có', // THPT, Khối thi đua số 1
      [rowOf('Lương Thị Thảo')]: 'không', // not marked
    };
    const file = path.join(dir, 'valid.xlsx');
    fs.writeFileSync(file, markXml(fs.readFileSync(consolidated), 'Tổng hợp', V, chosen));
    const out = path.join(dir, 'to-trinh.xlsx');
    const r = await run('shortlist', file, '--json', '--out', out, '--date', '15/07/2025');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { findings: JsonFinding[]; summary: { nominees: number; errors: number }; workbook: string; submissions: { nominees: number }[] };
    // Nobody for GDTX: a warning, not an error.
    expect(report.findings.map((f) => `${f.ruleId}@${f.cell}`)).toEqual(['SHORTLIST_LEVEL_MISSING@null']);
    expect(report.findings[0]).toMatchObject({ severity: 'warning', sheet: 'Tổng hợp' });
    expect(report.findings[0].message).toContain('GDTX');
    expect(report.summary).toMatchObject({ nominees: 4, errors: 0 });
    expect(report.workbook).toBe(out);

    const wb = readXlsx(fs.readFileSync(out));
    expect(wb.sheets.map((s) => s.name)).toEqual(['Tờ trình', 'Danh sách đề nghị']);
    const letterText = rowsOf(wb.sheets[0]).map((cells) => cells.filter(Boolean).join(' ')).filter(Boolean);
    const all = letterText.join('\n');
    for (const x of ['UBND TỈNH ĐẮK NÔNG', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', '/TTr-SGDĐT', 'Đắk Nông, ngày 15 tháng 7 năm 2025', 'Kính gửi: Bộ Giáo dục và Đào tạo.', '4996/QĐ-BGDĐT', 'Nơi nhận:', 'KT. GIÁM ĐỐC']) {
      expect(all).toContain(x);
    }
    const title = letterText.findIndex((t) => t === 'TỜ TRÌNH');
    expect(title).toBeGreaterThan(0);
    expect(letterText[title + 1]).toBe('Về việc đề nghị xét chọn “Nhà giáo tiêu biểu của năm”, năm học 2024-2025');
    expect(all).toContain('Tổng số nhà giáo đề nghị xét chọn: 4 người (Mầm non: 1; Tiểu học: 1; THCS: 1; THPT: 1; GDTX: 0), trong đó cán bộ quản lý: 1');

    const appendix = rowsOf(wb.sheets[1]);
    expect(appendix[0][0]).toContain('DANH SÁCH NHÀ GIÁO ĐỀ NGHỊ');
    expect(appendix[1][0]).toContain('Kèm theo Tờ trình số');
    expect(appendix[1][0]).toContain('ngày 15/07/2025');
    const ah = appendix[2];
    expect(ah.slice(0, 2)).toEqual(['TT', 'Họ và tên']);
    expect(ah.at(-1)).toBe('Đơn vị đề cử');
    const people = appendix.slice(3).filter((r) => r.some(Boolean));
    expect(people.map((p) => [p[0], p[1], p.at(-1)])).toEqual([
      ['1', 'Trần Thị Minh Thư', 'Phòng GD&ĐT thành phố Gia Nghĩa'],
      ['2', 'Bùi Đức Thắng', 'Phòng GD&ĐT huyện Đắk Mil'],
      ['3', 'Hồ Thị Kim Oanh', "Phòng GD&ĐT huyện Đắk R'Lấp"],
      ['4', "H' Ngăn Byă", 'Khối thi đua số 1'],
    ]);
    // Every column of the list is carried over (the achievement summary too).
    expect(people[0][ah.indexOf('Tóm tắt thành tích')]).toBe(listRows[rowOf('Trần Thị Minh Thư') - 1][header.indexOf('Tóm tắt thành tích')]);
  });

  it('an invalid choice: every rule at the marked row\'s cell, exit 1, no proposal written', async () => {
    const V = letter('Đề nghị Bộ');
    const H = letter('Cấp học');
    const F = letter('Chức vụ');
    const T = letter('Trạng thái');
    const rows = {
      mn: rowOf('Trần Thị Minh Thư'),
      th: rowOf('Lê Văn Hùng'), // Hiệu trưởng, Tiểu học
      mnErr: rowOf('Hoàng Thị Mai'), // Mầm non, Có lỗi
      th2: rowOf('Nông Văn Thành'), // Hiệu trưởng, Tiểu học
      mn2: rowOf('Điểu Thị Lan'), // Mầm non
      thpt: rowOf("H' Ngăn Byă"),
      dh: rowOf('Đoàn Thị Ngọc Hân'), // "Đại học", Có lỗi
      odd: rowOf('Lương Thị Thảo'),
    };
    const marks = { [rows.mn]: 'x', [rows.th]: 'x', [rows.mnErr]: 'x', [rows.th2]: 'x', [rows.mn2]: 'x', [rows.thpt]: 'x', [rows.dh]: 'x', [rows.odd]: '?' };
    const file = path.join(dir, 'invalid.xlsx');
    fs.writeFileSync(file, markXml(fs.readFileSync(consolidated), 'Tổng hợp', V, marks));
    const out = path.join(dir, 'invalid-out.xlsx');
    const r = await run('shortlist', file, '--json', '--out', out);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: JsonFinding[]; workbook?: string };
    const got = report.findings.map((f) => `${f.ruleId}@${f.cell ?? '-'}`);
    expect(got.sort()).toEqual(
      [
        'SHORTLIST_LEVEL_MISSING@-', // THCS
        'SHORTLIST_LEVEL_MISSING@-', // GDTX
        `SHORTLIST_LEVEL_DUPLICATE@${H}${rows.mnErr}`,
        `SHORTLIST_LEVEL_DUPLICATE@${H}${rows.mn2}`,
        `SHORTLIST_LEVEL_DUPLICATE@${H}${rows.th2}`,
        `SHORTLIST_MANAGER_EXCEEDED@${F}${rows.th2}`,
        `SHORTLIST_NOMINEE_HAS_ERRORS@${T}${rows.mnErr}`,
        `SHORTLIST_NOMINEE_HAS_ERRORS@${T}${rows.dh}`,
        `SHORTLIST_LEVEL_NOT_ALLOWED@${H}${rows.dh}`,
        `SHORTLIST_TOTAL_EXCEEDED@${V}${rows.thpt}`,
        `SHORTLIST_TOTAL_EXCEEDED@${V}${rows.dh}`,
        `FIELD_INVALID_VALUE@${V}${rows.odd}`,
      ].sort(),
    );
    expect(report.findings.every((f) => f.sheet === 'Tổng hợp' && f.file === file)).toBe(true);
    const msg = (id: string) => report.findings.find((f) => f.ruleId === id)?.message ?? '';
    expect(msg('SHORTLIST_TOTAL_EXCEEDED')).toContain('Đã đánh dấu 7 nhà giáo đề nghị Bộ, vượt số lượng cho phép (5)');
    expect(msg('SHORTLIST_MANAGER_EXCEEDED')).toContain(`dòng ${rows.th}, ${rows.th2}`);
    expect(msg('SHORTLIST_LEVEL_NOT_ALLOWED')).toContain('Đại học');
    expect(msg('SHORTLIST_NOMINEE_HAS_ERRORS')).toContain('Hoàng Thị Mai');
    expect(report.workbook).toBeUndefined();
    expect(fs.existsSync(out)).toBe(false);

    // English, and the readable report.
    const en = await run('shortlist', file, '--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.out).toContain('7 teachers are marked for the Ministry, more than allowed (5)');
    expect(en.out).toContain('[SHORTLIST_LEVEL_DUPLICATE]');
  });

  it('a workbook that is not a consolidated one: a clear FILE_UNREADABLE, exit 1, never a crash', async () => {
    const r = await run('shortlist', path.join(EXAMPLES, '01-gia-nghia.xlsx'), '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { findings: JsonFinding[]; submissions: { status: string }[] };
    expect(report.findings.map((f) => f.ruleId)).toEqual(['FILE_UNREADABLE']);
    expect(report.findings[0].message).toContain('không phải bảng tổng hợp');
    expect(report.submissions[0].status).toBe('unreadable');

    // Not a spreadsheet at all, a missing file: the same.
    const junk = path.join(dir, 'junk.xlsx');
    fs.writeFileSync(junk, 'not a workbook');
    for (const f of [junk, path.join(dir, 'missing.xlsx')]) {
      const x = await run('shortlist', f, '--json');
      expect(x.code).toBe(1);
      expect((JSON.parse(x.out) as { findings: JsonFinding[] }).findings.map((g) => g.ruleId)).toEqual(['FILE_UNREADABLE']);
    }

    // A consolidated list without the column (an older one): said so.
    const files = unzipSync(fs.readFileSync(consolidated));
    const strings = strFromU8(files['xl/sharedStrings.xml']);
    files['xl/sharedStrings.xml'] = strToU8(strings.replace('<t>Đề nghị Bộ</t>', '<t>Ghi chú khác</t>'));
    const older = path.join(dir, 'older.xlsx');
    fs.writeFileSync(older, zipSync(files));
    const o = await run('shortlist', older, '--json');
    expect(o.code).toBe(1);
    const of = (JSON.parse(o.out) as { findings: JsonFinding[] }).findings;
    expect(of.map((f) => f.ruleId)).toEqual(['FILE_UNREADABLE']);
    expect(of[0].message).toContain('không có cột "Đề nghị Bộ"');
  });

  it('misuse: no file, two files, an unknown option, the output over the input', async () => {
    expect((await run('shortlist')).code).toBe(2);
    expect((await run('shortlist', consolidated, consolidated)).code).toBe(2);
    expect((await run('shortlist', consolidated, '--unit', 'x')).code).toBe(2);
    expect((await run('shortlist', consolidated, '--out', consolidated)).code).toBe(2);
    expect((await run('shortlist', consolidated, '--date', '31/02/2025')).code).toBe(2);
    const help = await run('--help');
    expect(help.out).toContain('dien-hinh shortlist CONSOLIDATED.xlsx [--out FILE]');
  });
});

describe('readMark: what counts as a mark', () => {
  it('x, X, ×, ✓, v, có, 1, TRUE count; blank, không, 0, - do not; anything else is reported', () => {
    for (const m of ['x', 'X', ' x ', '×', '✓', '✔', 'v', 'có', 'Có', 'co', '1', 'TRUE', 'đề nghị']) expect(readMark(m)).toBe('yes');
    for (const m of ['', '  ', 'không', 'Không', 'k', '0', '-', 'FALSE']) expect(readMark(m)).toBe('no');
    for (const m of ['?', 'xx', 'xem xét', 'Hiệu trưởng']) expect(readMark(m)).toBe('unknown');
  });
});
