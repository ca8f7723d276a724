/**
 * The command line reads .xls and .ods as it reads .xlsx: named one by one or found in a folder
 * (examples made by LibreOffice, test/fixtures/xls-ods/), with the same submissions and findings as
 * the .xlsx files they were made from. Before, a folder of them was skipped without a word.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { EXAMPLES, ROOT } from '../helpers/paths';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'xls-ods');
const NAMES = ['02-cu-jut', '05-dak-rlap-tcvn3', '09-tuy-duc-vni', '08-krong-no'];

async function report(dir: string): Promise<{ code: number; json: { submissions: { file: string; nominees: number; status: string }[]; findings: { file: string; ruleId: string; cell: string | null; sheet: string | null }[] } }> {
  let out = '';
  const code = await main(['check', dir, '--json'], { stdout: (s) => (out += s), stderr: () => undefined });
  return { code, json: JSON.parse(out) };
}

/** A folder holding the named files with extension `ext`, copied from `from`. */
function folder(ext: string, from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dh-${ext}-`));
  for (const n of NAMES) fs.copyFileSync(path.join(from, `${n}.${ext}`), path.join(dir, `${n}.${ext}`));
  return dir;
}

/** What a report says, with the files named without their folder and extension. */
function gist(r: Awaited<ReturnType<typeof report>>) {
  const name = (f: string) => path.basename(f).replace(/\.[^.]+$/, '');
  return {
    code: r.code,
    submissions: r.json.submissions.map((s) => ({ ...s, file: name(s.file) })),
    findings: r.json.findings.map((f) => ({ file: name(f.file), ruleId: f.ruleId, cell: f.cell, sheet: f.sheet })),
  };
}

describe('check over folders of .xls and .ods', () => {
  let xlsx: ReturnType<typeof gist>;
  beforeAll(async () => {
    xlsx = gist(await report(folder('xlsx', EXAMPLES)));
  });

  test.each(['xls', 'ods'])('a folder of .%s files gives the .xlsx originals’ submissions and findings', async (ext) => {
    const got = gist(await report(folder(ext, FIXTURES)));
    expect(got.submissions.length).toBe(NAMES.length);
    expect(got.submissions.map((s) => [s.file, s.nominees, s.status])).toEqual(xlsx.submissions.map((s) => [s.file, s.nominees, s.status]));
    expect(got.findings.length).toBeGreaterThan(0);
    // The JSON report's submissions carry more than their file: compare what they say, file by file.
    expect(got.findings).toEqual(xlsx.findings);
    expect(got.code).toBe(xlsx.code);
  });

  test('an .xls, an .ods and an .xlsx side by side are all read', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-mixed-'));
    fs.copyFileSync(path.join(FIXTURES, '02-cu-jut.xls'), path.join(dir, 'a.xls'));
    fs.copyFileSync(path.join(FIXTURES, '06-dak-song.ods'), path.join(dir, 'b.ods'));
    fs.copyFileSync(path.join(EXAMPLES, '01-gia-nghia.xlsx'), path.join(dir, 'c.xlsx'));
    const r = await report(dir);
    expect(r.json.submissions.map((s) => [path.basename(s.file), s.nominees])).toEqual([
      ['a.xls', 4],
      ['b.ods', 3],
      ['c.xlsx', 3],
    ]);
  });
});
