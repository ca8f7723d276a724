/**
 * Text read from a file that a spreadsheet would take for a formula is written with Excel's quote
 * prefix (quotePrefix="1" on its cell style), still as a shared string: editing the cell (F2, Enter)
 * or saving as CSV cannot turn it back into a formula. Other texts and numbers are written as before.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { formulaLike } from '../../src/book/model';
import { buildConsolidatedBook } from '../../src/consolidate/index';
import { checkWorkbooks } from '../../src/check/index';
import { loadSources } from '../../src/cli/common';
import { defaultRulebook } from '../../src/rules/index';
import { writeBook } from '../../src/formats/xlsx/write/workbook';
import { CU_JUT, filledTemplate } from './fill';

describe('formulaLike', () => {
  test.each(['=1+1', '=HYPERLINK("http://x","y")', '+84 912 345 678', '-', '-5', '@SUM(A1)', '\t=1', '\r\n'.slice(0, 1) + '+1', '\t\r@x'])('%j starts like a formula', (s) => {
    expect(formulaLike(s)).toBe(true);
  });
  test.each(['', 'Nguyễn Thị Lan', ' =1', 'a=1', '(84) 912', '\n=1', '\t', '＝1'])('%j does not', (s) => {
    expect(formulaLike(s)).toBe(false);
  });
});

/** Each cell of a sheet: its text (shared strings resolved) and whether its style has the quote prefix. */
function cells(parts: Record<string, Uint8Array>, sheet: number): { ref: string; text: string | null; shared: boolean; quoted: boolean }[] {
  const unescape = (x: string) => x.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const sst = [...strFromU8(parts['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const xfs = strFromU8(parts['xl/styles.xml']).split('<cellXfs')[1].split('</cellXfs>')[0].match(/<xf [^>]*>/g) ?? [];
  const xml = strFromU8(parts[`xl/worksheets/sheet${sheet}.xml`]);
  return [...xml.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")?(?: t="(\w+)")?(?:\/>|>(?:<v>([^<]*)<\/v>)?<\/c>)/g)].map((m) => ({
    ref: m[1],
    shared: m[3] === 's',
    text: m[3] === 's' ? sst[Number(m[4])] : (m[4] ?? null),
    quoted: /quotePrefix="1"/.test(xfs[Number(m[2] ?? 0)]),
  }));
}

describe('the consolidated workbook', () => {
  const NAMES = ['=HYPERLINK("http://example.com/x","Bấm vào đây")', '+84 912 345 678', '-'];
  let dir: string;
  let parts: Record<string, Uint8Array>;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-quote-'));
    const people = CU_JUT.map((p, i) => ({ ...p, hoTen: NAMES[i] }));
    const file = path.join(dir, '=cu-jut.xlsx');
    writeFileSync(file, await filledTemplate('cu-jut', people));
    const result = checkWorkbooks(await loadSources([file]), defaultRulebook, { merge: true });
    // The file as named on a command line run in its folder: a name that starts with "=".
    for (const x of [...result.submissions, ...result.findings]) if (x.file === file) x.file = '=cu-jut.xlsx';
    parts = unzipSync(await writeBook(buildConsolidatedBook(result, defaultRulebook)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('`Tổng hợp`: each formula-like name is a shared string whose style has quotePrefix="1"', () => {
    const list = cells(parts, 1);
    for (const name of NAMES) {
      const found = list.filter((c) => c.text === name);
      expect(found.length).toBeGreaterThan(0);
      for (const c of found) expect([c.ref, c.shared, c.quoted]).toEqual([c.ref, true, true]);
    }
    // The source file's name starts with "=" too.
    const files = list.filter((c) => c.text === '=cu-jut.xlsx');
    expect(files).toHaveLength(NAMES.length);
    expect(files.every((c) => c.quoted)).toBe(true);
  });

  test('everything else is written as before: no quote prefix', () => {
    const quoted = cells(parts, 1).filter((c) => c.quoted);
    expect(quoted.every((c) => c.text !== null && formulaLike(c.text))).toBe(true);
    expect(cells(parts, 1).filter((c) => c.text === 'Giáo viên').every((c) => !c.quoted)).toBe(true);
    // Numbers (the list's numbering, the source rows) are numbers, never quoted.
    const numbers = cells(parts, 1).filter((c) => !c.shared && c.text !== null);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers.some((c) => c.quoted)).toBe(false);
    expect(cells(parts, 3).some((c) => c.quoted)).toBe(false);
  });

  test('`Kiểm tra`: a value quoted in a finding is quote-prefixed as well', () => {
    const values = cells(parts, 2).filter((c) => c.text === NAMES[0]);
    expect(values.length).toBeGreaterThan(0);
    expect(values.every((c) => c.shared && c.quoted)).toBe(true);
    expect(cells(parts, 2).filter((c) => c.text === '=cu-jut.xlsx').every((c) => c.quoted)).toBe(true);
  });
});
