/**
 * The fuzz harness catches what it is there to catch: a hang (the worker is stopped and the next
 * job still runs), a worker that runs out of its heap, a crash, a masked crash (a refusal
 * made by a reader's catch-all), a slow call, a disagreement between the two reads, a report out of
 * bounds; and a plain example passes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { breaches, CALL_MS, HANG_MS, REPORT_PER_BYTE, REPORT_SLACK, Sandbox } from './harness';
import type { Verdict } from './sandbox';
import { EXAMPLES } from '../helpers/paths';

/** One that calls a job hung after 1.5 s (an example takes a few tens of milliseconds), and one with a small heap. */
const sandbox = new Sandbox(1500);
const cramped = new Sandbox(HANG_MS, 128);
afterAll(() => Promise.all([sandbox.close(), cramped.close()]));

const example = new Uint8Array(fs.readFileSync(path.join(EXAMPLES, '02-cu-jut.xlsx')));

test('an example passes, read the same both ways, by either inflater', async () => {
  for (const native of [false, true]) {
    const o = await sandbox.run(example, '02-cu-jut.xlsx', native);
    expect(breaches({ bytes: example }, o)).toEqual([]);
    expect(o).toMatchObject({ grid: { kind: 'ok' }, stream: { kind: 'ok' } });
    if ('grid' in o && o.grid.kind === 'ok') expect(o.grid.nominees).toBeGreaterThan(0);
  }
});

test('a hang and a heap run out are breaches, and the next job still runs', async () => {
  const hang = await sandbox.run(example, 'x.xlsx', false, 'hang');
  expect(hang).toMatchObject({ lost: 'hang' });
  expect(breaches({ bytes: example }, hang)).toHaveLength(1);
  // The hung worker was stopped: the next job runs in a new one.
  expect(breaches({ bytes: example }, await sandbox.run(example, 'x.xlsx', false))).toEqual([]);
  const oom = await cramped.run(example, 'x.xlsx', false, 'oom');
  expect(oom).toMatchObject({ lost: 'memory' });
  expect(breaches({ bytes: example }, oom)).toHaveLength(1);
}, 120_000);

test('crashes, masked crashes, slow calls, disagreements and long reports are breaches', () => {
  const ok: Verdict = { id: 1, grid: { kind: 'ok', json: '[]', nominees: 0 }, stream: { kind: 'ok', json: '[]', nominees: 0 }, problems: [], ms: { readXlsx: 5 }, reportChars: 100 };
  const input = { bytes: new Uint8Array(1000) };
  expect(breaches(input, ok)).toEqual([]);
  const cases: [Partial<Verdict>, RegExp][] = [
    [{ grid: { kind: 'crash', error: 'TypeError: x' } }, /readXlsx crashed/],
    [{ stream: { kind: 'refused', code: 'damaged', masked: 'RangeError: Invalid array length' } }, /masked crash/],
    [{ problems: ['the streaming read and the grid read give different submissions'] }, /different submissions/],
    [{ ms: { 'check(grid)': CALL_MS + 1 } }, /check\(grid\) took/],
    [{ reportChars: REPORT_PER_BYTE * 1000 + REPORT_SLACK + 1 }, /JSON report has/],
  ];
  for (const [change, message] of cases) {
    const found = breaches(input, { ...ok, ...change });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  }
});
