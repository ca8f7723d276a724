/**
 * The incremental Checker: fed the bundled examples file by file it gives the findings they were
 * made to contain (examples/expected*.json); the order files come in changes only the order of the
 * findings; merge adds only the units that sent nothing. Long row lists in messages are capped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Checker, checkWorkbooks, jsonReportPieces, toJsonReport, type CheckResult, type Finding, type SourceWorkbook } from '../../src/check/index';
import { cappedList, LIST_MAX } from '../../src/check/messages';
import { defaultRulebook } from '../../src/rules/index';
import { checkPaths, loadSources } from '../../src/cli/common';
import { book, grid, headerBlock, NUMBERING, SIGNATURE, STANDARD_HEADER, ACHIEVEMENT, type Raw } from '../helpers/grid';

const EXAMPLES = path.resolve(__dirname, '../../examples');
const load = (name: string) => JSON.parse(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'));
const EXPECTED: Record<string, { ruleId: string; cell: string | null }[]> = load('expected.json');
const EXPECTED_MERGE: { missingUnits: string[]; submissions: number; nominees: number } = load('expected-merge.json');

function managers(n: number): Raw[][] {
  return Array.from({ length: n }, (_, i) => [i + 1, `Nguyễn Văn Quản ${i}`, '01/01/1980', 'Hiệu trưởng', 'Trường TH Kim Đồng', 'TH', ACHIEVEMENT, 'Không']);
}

function sheetOf(rows: Raw[][]) {
  return grid('Danh sách', [...headerBlock(), STANDARD_HEADER, NUMBERING, ...rows, ...SIGNATURE]);
}

function run(sources: SourceWorkbook[], merge = false): CheckResult {
  const c = new Checker(defaultRulebook, { merge });
  for (const s of sources) c.add(s);
  return c.finish();
}

const key = (f: Finding) => `${f.ruleId}@${f.cell ?? '-'}`;
/** Each file's findings as "RULE@cell", sorted; the findings of no file under "". */
function byFile(r: CheckResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of r.findings) (out[f.file ? path.basename(f.file) : ''] ??= []).push(key(f));
  for (const k of Object.keys(out)) out[k].sort();
  return out;
}
/** The files in the order their findings come. */
function fileSequence(r: CheckResult): string[] {
  const seq: string[] = [];
  for (const f of r.findings) {
    const b = f.file ? path.basename(f.file) : '';
    if (seq[seq.length - 1] !== b) seq.push(b);
  }
  return seq;
}

describe('Checker over the bundled examples', () => {
  let sources: SourceWorkbook[];
  beforeAll(async () => {
    sources = await loadSources([EXAMPLES]);
  });

  test('fed file by file, each file gets exactly the findings of examples/expected.json', () => {
    expect(sources.map((s) => path.basename(s.file))).toEqual(Object.keys(EXPECTED));
    const expected = Object.fromEntries(
      Object.entries(EXPECTED)
        .filter(([, list]) => list.length > 0)
        .map(([file, list]) => [file, list.map((f) => `${f.ruleId}@${f.cell ?? '-'}`).sort()]),
    );
    expect(byFile(run(sources))).toEqual(expected);
  });

  test('merge adds one SUBMISSION_MISSING per unit of expected-merge.json, last, and changes nothing else', () => {
    const plain = run(sources);
    const merged = run(sources, true);
    const missing = merged.findings.filter((f) => f.ruleId === 'SUBMISSION_MISSING');
    const names = EXPECTED_MERGE.missingUnits.map((id) => defaultRulebook.units.find((u) => u.id === id)?.name);
    expect(missing.map((f) => [f.file, f.cell, f.severity, f.message])).toEqual(names.map((n) => ['', null, 'warning', `${n} chưa gửi danh sách đề cử.`]));
    expect(merged.findings.slice(-missing.length)).toEqual(missing);
    expect(merged.findings.filter((f) => f.ruleId !== 'SUBMISSION_MISSING')).toEqual(plain.findings);
    expect(plain.findings.some((f) => f.ruleId === 'SUBMISSION_MISSING')).toBe(false);
    expect(merged.summary).toEqual({ ...plain.summary, warnings: plain.summary.warnings + missing.length });
    expect([merged.summary.submissions, merged.summary.nominees]).toEqual([EXPECTED_MERGE.submissions, EXPECTED_MERGE.nominees]);
  });

  test('the order the files come in orders the findings, and changes nothing else', () => {
    const forward = run(sources, true);
    const backward = run([...sources].reverse(), true);
    expect(byFile(backward)).toEqual(byFile(forward));
    const withFindings = Object.keys(EXPECTED).filter((f) => EXPECTED[f].length > 0);
    expect(fileSequence(forward)).toEqual([...withFindings, '']);
    expect(fileSequence(backward)).toEqual([...withFindings].reverse().concat(''));
    const status = (r: CheckResult) => Object.fromEntries(r.submissions.map((s) => [path.basename(s.file), s.status]));
    expect(status(backward)).toEqual(status(forward));
    expect(backward.summary).toEqual(forward.summary);
  });

  test('within a file, findings go by row, then column; sheet-wide ones (no cell) first', () => {
    const r = run(sources);
    const cu = r.findings.filter((f) => path.basename(f.file) === '02-cu-jut.xlsx').map(key);
    expect(cu).toEqual(['FIELD_INVALID_DATE@C11', 'DUPLICATE_PERSON@B13', 'QUOTA_TOTAL_EXCEEDED@B14', 'QUOTA_LEVEL_DUPLICATE@H14']);
    const song = r.findings.filter((f) => path.basename(f.file) === '06-dak-song.xlsx').map(key);
    expect(song.slice(0, 2).sort()).toEqual(['DUPLICATE_SUBMISSION@-', 'QUOTA_LEVEL_MISSING@-']);
    expect(song.slice(2)).toEqual(['FIELD_REQUIRED@B10', 'QUOTA_LEVEL_NOT_ALLOWED@G11']);
  });

  test('findings across files need both files: the same teacher in 02 and 12, one unit in 06 and 07', () => {
    const file = (name: string) => sources.find((s) => path.basename(s.file) === name) as SourceWorkbook;
    const alone = run([file('02-cu-jut.xlsx')]);
    expect(alone.findings.map(key)).toEqual(['FIELD_INVALID_DATE@C11', 'QUOTA_TOTAL_EXCEEDED@B14', 'QUOTA_LEVEL_DUPLICATE@H14']);
    const both = run([file('02-cu-jut.xlsx'), file('12-khoi-thi-dua-3.xlsx')]);
    const dup = both.findings.filter((f) => f.ruleId === 'DUPLICATE_PERSON');
    expect(dup.map((f) => [path.basename(f.file), f.cell, f.value])).toEqual([
      ['02-cu-jut.xlsx', 'B13', 'Nguyễn Thị Thu Hà'],
      ['12-khoi-thi-dua-3.xlsx', 'B9', 'Nguyễn Thị Thu Hà'],
    ]);
    expect(dup[0].message).toContain('cũng có ở 12-khoi-thi-dua-3.xlsx, Khoi 3 dòng 9');
    expect(run([file('06-dak-song.xlsx')]).findings.some((f) => f.ruleId === 'DUPLICATE_SUBMISSION')).toBe(false);
    const song = run([file('06-dak-song.xlsx'), file('07-dak-song-bo-sung.xlsx')]).findings.filter((f) => f.ruleId === 'DUPLICATE_SUBMISSION');
    expect(song.map((f) => path.basename(f.file))).toEqual(['06-dak-song.xlsx', '07-dak-song-bo-sung.xlsx']);
  });

  test('a submission is invalid exactly when it has an error; the summary counts by severity', () => {
    const r = run(sources);
    expect(Object.fromEntries(r.submissions.map((s) => [path.basename(s.file), s.status]))).toEqual({
      '01-gia-nghia.xlsx': 'ok',
      '02-cu-jut.xlsx': 'invalid',
      '03-dak-glong.xlsx': 'ok',
      '04_DS_de_cu_NGTB_Dak_Mil_2025.xlsx': 'ok',
      '05-dak-rlap-tcvn3.xlsx': 'ok',
      '06-dak-song.xlsx': 'invalid',
      '07-dak-song-bo-sung.xlsx': 'invalid',
      '08-krong-no.xlsx': 'ok',
      '09-tuy-duc-vni.xlsx': 'invalid',
      '10-khoi-thi-dua-1.xlsx': 'ok',
      '11-khoi-thi-dua-2.xlsx': 'invalid',
      '12-khoi-thi-dua-3.xlsx': 'invalid',
      '13-phong-gd-lak.xlsx': 'invalid',
    });
    expect(r.summary).toEqual({ submissions: 13, nominees: 35, errors: 14, warnings: 8, infos: 1 });
  });

  test('the files read straight from their rows (checkPaths) give what their grids give', async () => {
    expect(await checkPaths([EXAMPLES], defaultRulebook, { merge: true })).toEqual(checkWorkbooks(sources, defaultRulebook, { merge: true }));
  });
});

describe('Checker', () => {
  test('a file named twice is ordered by its last place; unreadable and empty sources are findings', () => {
    const a = { file: 'a.xlsx', workbook: book(sheetOf(managers(2))) };
    const b = { file: 'b.xlsx', unreadable: { code: 'damaged', message: 'hỏng', messageEn: 'damaged' } };
    const r = run([a, b, a, { file: 'c.xlsx' }]);
    expect(r.findings.map((f) => `${f.file} ${key(f)}`)).toEqual([
      'b.xlsx FILE_UNREADABLE@-',
      'a.xlsx DUPLICATE_SUBMISSION@-',
      'a.xlsx DUPLICATE_SUBMISSION@-',
      'a.xlsx QUOTA_LEVEL_MISSING@-',
      'a.xlsx QUOTA_LEVEL_MISSING@-',
      'a.xlsx QUOTA_LEVEL_MISSING@-',
      'a.xlsx QUOTA_LEVEL_MISSING@-',
      'a.xlsx DUPLICATE_PERSON@B8',
      'a.xlsx DUPLICATE_PERSON@B8',
      'a.xlsx DUPLICATE_PERSON@B9',
      'a.xlsx DUPLICATE_PERSON@B9',
      'a.xlsx QUOTA_MANAGER_EXCEEDED@D9',
      'a.xlsx QUOTA_MANAGER_EXCEEDED@D9',
      'a.xlsx QUOTA_LEVEL_DUPLICATE@F9',
      'a.xlsx QUOTA_LEVEL_DUPLICATE@F9',
      'c.xlsx FILE_UNREADABLE@-',
    ]);
    expect(r.findings[0].message).toContain('hỏng');
    expect(r.submissions.map((s) => [s.file, s.status])).toEqual([
      ['a.xlsx', 'invalid'],
      ['b.xlsx', 'unreadable'],
      ['a.xlsx', 'invalid'],
      ['c.xlsx', 'unreadable'],
    ]);
    expect(r.summary).toEqual({ submissions: 4, nominees: 4, errors: 10, warnings: 6, infos: 0 });
  });

  test('cannot be used after finish', () => {
    const c = new Checker(defaultRulebook);
    c.finish();
    expect(() => c.add({ file: 'x.xlsx' })).toThrow();
    expect(() => c.finish()).toThrow();
  });
});

describe('long lists in messages', () => {
  test('cappedList lists up to LIST_MAX, then counts the rest', () => {
    const few = Array.from({ length: LIST_MAX }, (_, i) => i + 1);
    expect(cappedList(few)).toEqual({ vi: few.join(', '), en: few.join(', ') });
    const many = Array.from({ length: 1234 + LIST_MAX }, (_, i) => i + 1);
    const c = cappedList(many);
    expect(c.vi).toBe(`${many.slice(0, LIST_MAX).join(', ')}, … và 1.234 dòng khác`);
    expect(c.en).toBe(`${many.slice(0, LIST_MAX).join(', ')}, … and 1,234 more`);
  });

  test('every manager over the quota gets a finding; each message lists 20 rows, not all of them', () => {
    const r = checkWorkbooks([{ file: 'cu-jut.xlsx', workbook: book(sheetOf(managers(30))) }], defaultRulebook);
    const over = r.findings.filter((f) => f.ruleId === 'QUOTA_MANAGER_EXCEEDED');
    expect(over.length).toBeGreaterThan(20);
    expect(over[0].message).toContain('(dòng 8, 9, 10,');
    expect(over[0].message).toContain(', 27, … và 10 dòng khác)');
    expect(over[0].messageEn).toContain(', 27, … and 10 more)');
  });

  test('at most LIST_MAX rows: the full list, as before', () => {
    const r = checkWorkbooks([{ file: 'cu-jut.xlsx', workbook: book(sheetOf(managers(3))) }], defaultRulebook);
    const over = r.findings.filter((f) => f.ruleId === 'QUOTA_MANAGER_EXCEEDED');
    expect(over[0].message).toContain('(dòng 8, 9, 10)');
    expect(over[0].messageEn).toContain('(rows 8, 9, 10)');
  });
});

describe('jsonReportPieces', () => {
  test('the pieces make exactly JSON.stringify(toJsonReport(…), null, 2), in both languages', async () => {
    const sources = await loadSources([EXAMPLES]);
    const result = checkWorkbooks(sources, defaultRulebook, { merge: true });
    expect(result.findings.length).toBeGreaterThan(10);
    for (const lang of ['vi', 'en'] as const) {
      for (const per of [1, 7, 500]) {
        expect([...jsonReportPieces(result, lang, per)].join('')).toBe(JSON.stringify(toJsonReport(result, lang), null, 2));
      }
    }
    const empty = checkWorkbooks([], defaultRulebook);
    expect([...jsonReportPieces(empty)].join('')).toBe(JSON.stringify(toJsonReport(empty), null, 2));
    const oneUnreadable = checkWorkbooks([{ file: 'x.xlsx', unreadable: { code: 'c', message: 'dòng 1\ndòng "2"', messageEn: 'e' } }], defaultRulebook);
    expect([...jsonReportPieces(oneUnreadable, 'vi', 1)].join('')).toBe(JSON.stringify(toJsonReport(oneUnreadable), null, 2));
  });

  test('fields after the summary (merge --json adds "workbook")', async () => {
    const result = checkWorkbooks(await loadSources([EXAMPLES]), defaultRulebook, { merge: true });
    const extra = { workbook: 'out/tổng hợp "2025".xlsx', nested: { a: [1, 2] } };
    expect([...jsonReportPieces(result, 'en', 3, extra)].join('')).toBe(JSON.stringify({ ...toJsonReport(result, 'en'), ...extra }, null, 2));
  });
});
