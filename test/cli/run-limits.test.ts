/**
 * The limits of one run on the command line: each file is read within what the files before it
 * left (the reader's own limits made smaller), and a file stopped there is refused for the run's
 * limit, not for its own size; the rest after it too.
 */
import * as path from 'node:path';
import { cellsKept, overRunLimit, RUN_LIMITS } from '../../src/check/run';
import { checkPaths, listInputs, loadSource, loadSubmissions, runLimits } from '../../src/cli/common';
import { defaultRulebook } from '../../src/rules/index';
import { EXAMPLES } from '../helpers/paths';

describe('the run limits of checkPaths', () => {
  let files: string[];
  beforeAll(async () => {
    files = await listInputs([EXAMPLES]);
  });

  test('a file is charged the values it keeps and the bytes zlib expanded for it', async () => {
    const loaded = await loadSubmissions(files[0], defaultRulebook);
    expect(loaded.unreadable).toBeUndefined();
    expect(cellsKept(loaded)).toBeGreaterThan(10);
    expect(loaded.expanded).toBeGreaterThan(1000);
  });

  test('past the cells: the reader stops the next file at what is left, refused for the run as every later one', async () => {
    // The run keeps the first file's values; the reader counts every cell it reads, the second's too.
    const kept = cellsKept(await loadSubmissions(files[0], defaultRulebook));
    const [read1, read2] = await Promise.all(files.slice(0, 2).map(async (f) => cellsKept(await loadSource(f))));
    expect(read1).toBeGreaterThan(kept);
    const limits = { maxCells: read1 + 5, maxExpandedBytes: RUN_LIMITS.maxExpandedBytes };
    expect(read2).toBeGreaterThan(limits.maxCells - kept);
    const refused = overRunLimit(limits);
    const result = await checkPaths([EXAMPLES], defaultRulebook, {}, limits);
    const unreadable = result.findings.filter((f) => f.ruleId === 'FILE_UNREADABLE');
    expect(unreadable.map((f) => f.file)).toEqual(files.slice(1));
    for (const f of unreadable) {
      expect(f.message).toBe(`Không đọc được tệp: ${refused.message}`);
      expect(f.messageEn).toBe(`The file cannot be read: ${refused.messageEn}`);
    }
    expect(result.submissions.filter((s) => s.file === files[0]).every((s) => s.status !== 'unreadable' && s.nominations.length > 0)).toBe(true);
    expect(result.findings.filter((f) => f.file === files[0])).toEqual((await checkPaths([files[0]], defaultRulebook)).findings);
  });

  test('past the expanded bytes: the reader stops the file at what is left', async () => {
    const limits = { maxCells: RUN_LIMITS.maxCells, maxExpandedBytes: 100 };
    const result = await checkPaths([files[0], files[1]], defaultRulebook, {}, limits);
    expect(result.findings.map((f) => [path.basename(f.file), f.ruleId, f.messageEn])).toEqual(
      [files[0], files[1]].map((f) => [path.basename(f), 'FILE_UNREADABLE', `The file cannot be read: ${overRunLimit(limits).messageEn}`]),
    );
    expect(overRunLimit(limits).message).toContain('tối đa 5.000.000 ô dữ liệu và 100 B dữ liệu giải nén');
  });

  test('a file refused for a reason of its own keeps that reason', async () => {
    const result = await checkPaths([path.join(EXAMPLES, 'no-such-file.xlsx'), files[0]], defaultRulebook);
    expect(result.findings[0].ruleId).toBe('FILE_UNREADABLE');
    expect(result.findings[0].message).not.toContain('một lần chạy');
    expect(result.submissions[1].status).not.toBe('unreadable');
  });

  test('DIEN_HINH_RUN_BUDGET_CELLS and DIEN_HINH_RUN_BUDGET_BYTES set the limits; anything but a whole number is ignored', () => {
    expect(runLimits({})).toEqual({ maxCells: 5_000_000, maxExpandedBytes: 1024 ** 3 });
    expect(runLimits({ DIEN_HINH_RUN_BUDGET_CELLS: '250000', DIEN_HINH_RUN_BUDGET_BYTES: ' 1048576 ' })).toEqual({ maxCells: 250_000, maxExpandedBytes: 1 << 20 });
    expect(runLimits({ DIEN_HINH_RUN_BUDGET_CELLS: '-3', DIEN_HINH_RUN_BUDGET_BYTES: '1e9' })).toEqual(RUN_LIMITS);
  });
});
