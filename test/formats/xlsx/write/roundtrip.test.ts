/**
 * Round trips through the project's own reader and engine: a filled-in template passes `check` with no
 * finding, and the consolidated workbook of real submissions reads back with every nominee and its source.
 */
import { baseName } from '../../../../src/text/file-name';
import { writeBook } from '../../../../src/formats/xlsx/write/workbook';
import { readXlsx } from '../../../../src/formats/xlsx/read/workbook';
import { checkWorkbooks, type SourceWorkbook } from '../../../../src/check/index';
import { defaultRulebook } from '../../../../src/rules/index';
import { buildConsolidatedBook, LIST_HEADER_ROW } from '../../../../src/consolidate/index';
import type { Grid } from '../../../../src/sheet/grid';
import { CU_JUT, KHOI, KRONG_NO, filledTemplate } from '../../../consolidate/fill';

const rb = defaultRulebook;

describe('template round trip: generate, fill, check', () => {
  test('a Phòng with its three nominees: no finding', async () => {
    const file = await filledTemplate('cu-jut', CU_JUT, { date: 'ngày 20 tháng 6 năm 2025' });
    const result = checkWorkbooks([{ file: 'cu-jut.xlsx', workbook: readXlsx(file) }], rb);
    expect(result.findings).toEqual([]);
    expect(result.submissions).toHaveLength(1);
    const sub = result.submissions[0];
    expect(sub.unit?.id).toBe('cu-jut');
    expect(sub.date).toEqual({ y: 2025, m: 6, d: 20 });
    expect(sub.nominations.map((n) => [n.name, n.level, n.manager])).toEqual([
      ["H' Ngăn Byă", 'MN', false],
      ['Y Khuê Niê', 'TH', true],
      ['Điểu Thị Lan', 'THCS', false],
    ]);
    expect(sub.nominations[0].birth).toEqual({ y: 1985, m: 9, d: 5 });
  });

  test('the date line left blank is no finding either', async () => {
    const file = await filledTemplate('cu-jut', CU_JUT);
    const result = checkWorkbooks([{ file: 'cu-jut.xlsx', workbook: readXlsx(file) }], rb);
    expect(result.findings).toEqual([]);
  });

  test('a Khối with its one nominee: no finding', async () => {
    const file = await filledTemplate('khoi-1', KHOI, { date: 'ngày 01 tháng 6 năm 2025' });
    const result = checkWorkbooks([{ file: 'khoi-1.xlsx', workbook: readXlsx(file) }], rb);
    expect(result.findings).toEqual([]);
    expect(result.submissions[0].unit?.id).toBe('khoi-1');
  });

  test('the blank template, the unit chosen in the "Đơn vị:" dropdown: no finding', async () => {
    const file = await filledTemplate(undefined, KRONG_NO, { pickUnit: 'Phòng GD&ĐT huyện Krông Nô' });
    const result = checkWorkbooks([{ file: 'mau.xlsx', workbook: readXlsx(file) }], rb);
    expect(result.findings).toEqual([]);
    expect(result.submissions[0].unit?.id).toBe('krong-no');
  });
});

/** Rows of a grid as text, 0-based. */
function cells(grid: Grid, r: number): string[] {
  return (grid.rows[r] ?? []).map((c) => (c && c.v !== null ? String(c.v) : ''));
}

describe('consolidated workbook read back with the project reader', () => {
  let sources: SourceWorkbook[];
  beforeAll(async () => {
    sources = [
      { file: 'in/cu-jut.xlsx', workbook: readXlsx(await filledTemplate('cu-jut', CU_JUT, { date: 'ngày 20 tháng 6 năm 2025' })) },
      { file: 'in/khoi-1.xlsx', workbook: readXlsx(await filledTemplate('khoi-1', KHOI, { date: 'ngày 17 tháng 12 năm 2025' })) },
      { file: 'in/krong-no.xlsx', workbook: readXlsx(await filledTemplate('krong-no', [...KRONG_NO, { ...CU_JUT[2], stt: 4 }])) },
      { file: 'in/hong.xlsx', unreadable: { code: 'not-zip', message: 'Không phải tệp Excel.', messageEn: 'Not an Excel file.' } },
    ];
  });

  test('every nominee in Tổng hợp with its source; findings in Kiểm tra; no formula; same bytes twice', async () => {
    const result = checkWorkbooks(sources, rb, { merge: true });
    const bytes = await writeBook(buildConsolidatedBook(result, rb));
    const again = await writeBook(buildConsolidatedBook(checkWorkbooks(sources, rb, { merge: true }), rb));
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);

    const wb = readXlsx(bytes);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Kiểm tra', 'Báo cáo']);
    for (const s of wb.sheets) for (const row of s.rows) for (const c of row ?? []) expect(c?.f).toBeUndefined();

    const list = wb.sheets[0];
    const header = cells(list, LIST_HEADER_ROW);
    const at = (name: string) => header.indexOf(name);
    const rows = list.rows.slice(LIST_HEADER_ROW + 1).map((_, i) => cells(list, LIST_HEADER_ROW + 1 + i));
    // `Tệp nguồn` holds the file's name, not the path it was read from ("in/cu-jut.xlsx").
    const expected = result.submissions.flatMap((s) => s.nominations.map((n) => `${baseName(s.file)}#${n.row}#${n.name}`));
    expect(expected).toHaveLength(8);
    expect(rows.map((r) => `${r[at('Tệp nguồn')]}#${r[at('Dòng nguồn')]}#${r[at('Họ và tên')]}`).sort()).toEqual([...expected].sort());
    // The same person nominated by two units stays twice, each with an error.
    const lan = rows.filter((r) => r[at('Họ và tên')] === 'Điểu Thị Lan');
    expect(lan).toHaveLength(2);
    expect(lan.every((r) => r[at('Trạng thái')] === 'Có lỗi')).toBe(true);

    const checks = wb.sheets[1];
    const ruleCol = cells(checks, LIST_HEADER_ROW).indexOf('Mã quy tắc');
    const ruleIds = checks.rows.slice(LIST_HEADER_ROW + 1).map((_, i) => cells(checks, LIST_HEADER_ROW + 1 + i)[ruleCol]);
    expect(ruleIds).toHaveLength(result.findings.length);
    expect(ruleIds).toEqual(expect.arrayContaining(['FILE_UNREADABLE', 'DUPLICATE_PERSON', 'SUBMISSION_LATE', 'SUBMISSION_MISSING']));

    const report = wb.sheets[2].rows.map((_, r) => cells(wb.sheets[2], r).join(' ')).join('\n');
    expect(report).toContain('Tệp không đọc được: hong.xlsx');
    expect(report).toContain('- Khối thi đua số 1 (ngày 17/12/2025).');
  });
});
