/**
 * The bundled examples (real .xlsx files in the messy layouts units use) give exactly the findings and
 * the reading they were made to contain: examples/expected*.json, written by scripts/make-examples.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkbooks, type CheckResult } from '../../src/check/index';
import { defaultRulebook } from '../../src/rules/index';
import { loadSources } from '../../src/cli/common';
import { formatDate } from '../../src/text/dates';

const DIR = path.resolve(__dirname, '../../examples');
const load = (name: string) => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8'));

let check: CheckResult;
let merge: CheckResult;

beforeAll(async () => {
  const sources = await loadSources([DIR]);
  check = checkWorkbooks(sources, defaultRulebook);
  merge = checkWorkbooks(sources, defaultRulebook, { merge: true });
});

const key = (f: { ruleId: string; cell: string | null }) => `${f.ruleId}@${f.cell ?? '-'}`;

describe('the bundled examples', () => {
  const expected: Record<string, { ruleId: string; cell: string | null }[]> = load('expected.json');

  it.each(Object.keys(expected))('%s gives exactly its expected findings', (file) => {
    const got = check.findings.filter((f) => path.basename(f.file) === file).map(key).sort();
    expect(got).toEqual(expected[file].map(key).sort());
  });

  it.each(Object.entries(load('expected-submissions.json') as Record<string, Record<string, unknown>>))('%s is read as it was made', (file, exp) => {
    const s = check.submissions.find((x) => path.basename(x.file) === file);
    expect(s).toBeDefined();
    if (!s) return;
    expect({
      unit: s.unit?.id ?? null,
      unitSource: s.unitSource,
      sheet: s.sheet,
      nominees: s.nominations.length,
      headerRow: s.headerRow,
      rows: s.nominations.map((n) => n.row),
      date: s.date ? formatDate(s.date) : null,
      dateCell: s.dateCell,
      legacy: s.legacy,
    }).toEqual(Object.fromEntries(Object.keys({ unit: 0, unitSource: 0, sheet: 0, nominees: 0, headerRow: 0, rows: 0, date: 0, dateCell: 0, legacy: 0 }).map((k) => [k, exp[k] ?? null])));
  });

  it('merge reports the registered units that sent nothing', () => {
    const exp = load('expected-merge.json');
    const missing = merge.findings.filter((f) => f.ruleId === 'SUBMISSION_MISSING').map((f) => f.message);
    const names = exp.missingUnits.map((id: string) => defaultRulebook.units.find((u) => u.id === id)?.name);
    expect(missing).toEqual(names.map((n: string) => `${n} chưa gửi danh sách đề cử.`));
    expect(merge.summary.submissions).toBe(exp.submissions);
    expect(merge.summary.nominees).toBe(exp.nominees);
  });

  it('legacy-encoded and NFD files read as proper Unicode, names exactly as typed', () => {
    const names = check.submissions.flatMap((s) => s.nominations.map((n) => n.name));
    for (const n of names) expect(n).toBe(n.normalize('NFC'));
    const tcvn3 = check.submissions.find((s) => s.legacy === 'tcvn3');
    const vni = check.submissions.find((s) => s.legacy === 'vni');
    expect(tcvn3?.nominations.every((n) => /[ăâđêôơưĂÂĐÊÔƠƯàáảãạ-ỹ]/u.test(n.name + n.workplace))).toBe(true);
    expect(vni?.nominations.every((n) => /[ăâđêôơưàáảãạ-ỹ]/u.test(n.name + n.workplace))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(["H' Ngăn Byă", 'Y Khuê Niê', 'Điểu Thị Lan', "K' Thị Hoa"]));
  });
});
