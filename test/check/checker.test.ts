/** The incremental Checker gives what checkWorkbooks gives; long row lists in messages are capped. */
import * as path from 'node:path';
import { Checker, checkWorkbooks, jsonReportPieces, toJsonReport } from '../../src/check/index';
import { cappedList, LIST_MAX } from '../../src/check/messages';
import { defaultRulebook } from '../../src/rules/index';
import { checkPaths, loadSources } from '../../src/cli/common';
import { book, grid, headerBlock, NUMBERING, SIGNATURE, STANDARD_HEADER, ACHIEVEMENT, type Raw } from '../helpers/grid';

const EXAMPLES = path.resolve(__dirname, '../../examples');

function managers(n: number): Raw[][] {
  return Array.from({ length: n }, (_, i) => [i + 1, `Nguyễn Văn Quản ${i}`, '01/01/1980', 'Hiệu trưởng', 'Trường TH Kim Đồng', 'TH', ACHIEVEMENT, 'Không']);
}

function sheetOf(rows: Raw[][]) {
  return grid('Danh sách', [...headerBlock(), STANDARD_HEADER, NUMBERING, ...rows, ...SIGNATURE]);
}

describe('Checker', () => {
  test('adding the examples one by one gives exactly checkWorkbooks’ result, merge or not', async () => {
    const sources = await loadSources([EXAMPLES]);
    expect(sources.length).toBeGreaterThan(10);
    for (const merge of [false, true]) {
      const c = new Checker(defaultRulebook, { merge });
      for (const s of sources) c.add(s);
      expect(c.finish()).toEqual(checkWorkbooks(sources, defaultRulebook, { merge }));
    }
    expect(await checkPaths([EXAMPLES], defaultRulebook, { merge: true })).toEqual(checkWorkbooks(sources, defaultRulebook, { merge: true }));
  });

  test('a file named twice, and unreadable sources, keep checkWorkbooks’ order', () => {
    const a = { file: 'a.xlsx', workbook: book(sheetOf(managers(2))) };
    const b = { file: 'b.xlsx', unreadable: { code: 'damaged', message: 'hỏng', messageEn: 'damaged' } };
    const sources = [a, b, a, { file: 'c.xlsx' }];
    const c = new Checker(defaultRulebook);
    for (const s of sources) c.add(s);
    const r = c.finish();
    expect(r).toEqual(checkWorkbooks(sources, defaultRulebook));
    expect(r.findings.map((f) => f.file)[0]).toBe('b.xlsx');
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
