/**
 * Amplification: a 2 MB sheet name and 32,767-character values on every row made reports of over a
 * gigabyte. Messages and reports quote them cut ("…"), the reports come in bounded pieces, and the
 * nominations (the consolidated list's data) keep every character.
 */
import { checkWorkbooks, jsonReportPieces, toJsonReport, type CheckResult } from '../../src/check/index';
import { CATALOG, clip, CLIP, clipMiddle, placeText } from '../../src/check/messages';
import { PIECE_CHARS } from '../../src/check/report';
import { textReportPieces } from '../../src/cli/common';
import { defaultRulebook } from '../../src/rules/index';
import { book, grid, headerBlock, NUMBERING, SIGNATURE, STANDARD_HEADER, type Raw } from '../helpers/grid';

const LONG = 'Giáo viên dạy giỏi '.repeat(1725).slice(0, 32767);
const HUGE_NAME = 'Danh sách '.repeat(200_000); // 2,000,000 characters

describe('clip', () => {
  test('cuts past the limit, its end replaced by "…", never splitting a surrogate pair', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcd', 3)).toBe('ab…');
    expect(clip(LONG)).toHaveLength(CLIP.value);
    expect(clip(LONG).endsWith('…')).toBe(true);
    // '𝔸' is two UTF-16 units: never half of it.
    expect(clip('a𝔸b', 3)).toBe('a…');
    expect(clip('𝔸𝔸𝔸', 4)).toBe('𝔸…');
  });

  test('clipMiddle keeps both ends (the file name of a path, the advice of a reason)', () => {
    expect(clipMiddle('abcdef', 6)).toBe('abcdef');
    expect(clipMiddle('abcdefgh', 5)).toBe('ab…gh');
    const cut = clipMiddle(`/a/${'x'.repeat(5000)}/cu-jut.xlsx`, CLIP.path);
    expect(cut).toHaveLength(CLIP.path);
    expect(cut.startsWith('/a/xx')).toBe(true);
    expect(cut.endsWith('/cu-jut.xlsx')).toBe(true);
    expect(clipMiddle('a𝔸𝔸b', 4)).toBe('a…b');
  });
});

describe('messages quote long texts cut', () => {
  test('a value, in Vietnamese and English', () => {
    const vi = CATALOG.FIELD_INVALID_DATE.vi({ value: LONG, reason: 'unreadable' });
    const en = CATALOG.FIELD_INVALID_DATE.en({ value: LONG, reason: 'unreadable' });
    expect(vi).toBe(`Không đọc được ngày "${LONG.slice(0, CLIP.value - 1)}…". Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1985, hoặc chỉ năm sinh.`);
    expect(en).toBe(`The date "${LONG.slice(0, CLIP.value - 1)}…" cannot be read. Enter it as day/month/year, e.g. 05/09/1985, or the year alone.`);
    const formula = CATALOG.CELL_FORMULA_NEUTRALIZED.en({ kind: 'formula', formula: LONG, value: LONG });
    expect(formula.length).toBeLessThan(2 * CLIP.value + 200);
    const school = CATALOG.FIELD_REQUIRED.vi({ column: 'Cấp học', columnEn: 'Level', workplace: LONG });
    expect(school).toContain(`tên trường "${LONG.slice(0, CLIP.value - 1)}…"`);
  });

  test('a sheet and a file in a place; the reason a file cannot be read, in its middle', () => {
    expect(placeText(`${'x'.repeat(500)}.xlsx`, HUGE_NAME, 9)).toBe(`${clipMiddle(`${'x'.repeat(500)}.xlsx`, CLIP.name)}, ${HUGE_NAME.slice(0, CLIP.name - 1)}… dòng 9`);
    const reason = `Tệp .xlsx bị hỏng: thiếu phần dữ liệu của trang tính "${HUGE_NAME}". Hãy mở tệp bằng Excel rồi lưu lại.`;
    const vi = CATALOG.FILE_UNREADABLE.vi({ reason, reasonEn: reason });
    const en = CATALOG.FILE_UNREADABLE.en({ reason, reasonEn: reason });
    for (const m of [vi, en]) {
      expect(m.length).toBeLessThan(CLIP.reason + 40);
      expect(m).toContain('bị hỏng: thiếu phần dữ liệu của trang tính "Danh sách');
      expect(m).toContain('…');
      expect(m.endsWith('Hãy mở tệp bằng Excel rồi lưu lại.')).toBe(true);
    }
  });
});

/** A list on a sheet named `HUGE_NAME` whose every value is 32,767 characters long. */
function longList(rows: number): CheckResult {
  const people: Raw[][] = Array.from({ length: rows }, (_, i) => [i + 1, `${i}${LONG}`.slice(0, 32767), LONG, LONG, LONG, LONG, LONG, LONG]);
  const sheet = grid(HUGE_NAME, [...headerBlock(), STANDARD_HEADER, NUMBERING, ...people, ...SIGNATURE]);
  const dup = grid('Danh sách', [...headerBlock(), STANDARD_HEADER, NUMBERING, ...people.slice(0, 3), ...SIGNATURE]);
  return checkWorkbooks(
    [
      { file: 'long.xlsx', workbook: book(sheet) },
      { file: `${'dài '.repeat(2000)}.xlsx`, workbook: book(dup) },
      { file: 'ok.xlsx', unreadable: { code: 'damaged', message: 'hỏng', messageEn: 'damaged' } },
    ],
    defaultRulebook,
  );
}

describe('a report of long texts', () => {
  let result: CheckResult;
  beforeAll(() => {
    result = longList(300);
  });

  test('every message is short, in both languages; the nominations keep every character', () => {
    expect(result.findings.length).toBeGreaterThan(600);
    let cut = 0;
    for (const f of result.findings) {
      // At most 20 places of a duplicate, each of a cut file and sheet name.
      expect(f.message.length).toBeLessThan(6000);
      expect(f.messageEn.length).toBeLessThan(6000);
      if (f.message.includes('…"') && f.messageEn.includes('…"')) cut++;
    }
    expect(cut).toBeGreaterThan(300);
    const sub = result.submissions.find((s) => s.file === 'long.xlsx');
    expect(sub?.sheet).toBe(HUGE_NAME);
    // Compared as booleans: a failing diff of 32,767 characters says nothing.
    expect(sub?.nominations[0].name === `0${LONG}`.slice(0, 32767).trim()).toBe(true);
    expect(sub?.nominations.every((n) => n.workplace === LONG.trim())).toBe(true);
  });

  test('the JSON report comes in bounded pieces, is JSON.stringify(toJsonReport) exactly, and names the sheet cut', () => {
    for (const lang of ['vi', 'en'] as const) {
      const pieces = [...jsonReportPieces(result, lang)];
      const longest = Math.max(...pieces.map((p) => p.length));
      expect(longest).toBeLessThan(PIECE_CHARS + 20_000);
      const text = pieces.join('');
      expect(text.length).toBeLessThan(5_000_000);
      expect(text).toBe(JSON.stringify(toJsonReport(result, lang), null, 2));
      const report = JSON.parse(text) as ReturnType<typeof toJsonReport>;
      expect(report.submissions.map((s) => s.file)).toContain('ok.xlsx');
      const onSheet = report.findings.filter((f) => f.file === 'long.xlsx' && f.sheet !== null);
      expect(onSheet.length).toBeGreaterThan(300);
      for (const f of onSheet) expect(f.sheet).toBe(`${HUGE_NAME.slice(0, CLIP.name - 1)}…`);
      for (const f of report.findings) if (f.value !== undefined) expect(f.value.length).toBeLessThanOrEqual(CLIP.value);
    }
  });

  test('the text report comes in bounded pieces, sheet names and paths cut', () => {
    for (const lang of ['vi', 'en'] as const) {
      const pieces = [...textReportPieces(result, lang)];
      expect(pieces.length).toBeGreaterThan(3);
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(PIECE_CHARS + 20_000);
      const text = pieces.join('');
      expect(text.length).toBeLessThan(5_000_000);
      expect(text).toContain(`${HUGE_NAME.slice(0, CLIP.name - 1)}…!C8: `);
      expect(text).toContain('■ ok.xlsx\n');
      expect(text).toMatch(/■ (dài ){10}.*….*(dài ){10}\.xlsx\n/);
      expect(text.endsWith('.\n')).toBe(true);
    }
  });
});
