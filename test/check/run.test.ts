/** checkInputs: the read-and-check loop shared by the command line and the task pane. */
import { checkWorkbooks, type SourceWorkbook } from '../../src/check/index';
import { cellsKept, checkInputs, overRunLimit, RUN_LIMIT_CODE, RUN_LIMITS, type Allowance, type CheckProgress } from '../../src/check/run';
import type { FieldSet } from '../../src/sheet/submission';
import type { WorkbookGrid } from '../../src/sheet/grid';
import { readSubmissions } from '../../src/sheet/read';
import type { UnreadableInfo } from '../../src/check/result';
import { defaultRulebook } from '../../src/rules/index';
import { loadSources } from '../../src/cli/common';
import { EXAMPLES } from '../helpers/paths';

const DAMAGED: UnreadableInfo = { code: 'damaged', message: 'Tệp hỏng', messageEn: 'Damaged file' };

class Damaged extends Error {}

describe('checkInputs', () => {
  let sources: SourceWorkbook[];
  beforeAll(async () => {
    sources = await loadSources([EXAMPLES]);
  });

  test('gives checkWorkbooks’ result for the same sources, merge or not, loaded one at a time in order', async () => {
    expect(sources.length).toBeGreaterThan(10);
    for (const merge of [false, true]) {
      const loaded: string[] = [];
      const inputs = sources.map((s) => ({ name: s.file, src: s }));
      const result = await checkInputs(inputs, defaultRulebook, { merge }, {
        load: (i) => {
          loaded.push(i.name);
          return Promise.resolve(i.src);
        },
        unreadable: () => undefined,
      });
      expect(result).toEqual(checkWorkbooks(sources, defaultRulebook, { merge }));
      expect(loaded).toEqual(sources.map((s) => s.file));
    }
  });

  test('a file that cannot be read becomes unreadable, the others still checked; progress and pauses per file', async () => {
    const inputs = [{ name: 'a.xlsx' }, { name: 'hong.xlsx' }, { name: 'b.xlsx' }];
    const [a, b] = sources;
    const progress: CheckProgress[] = [];
    const events: string[] = [];
    const result = await checkInputs(inputs, defaultRulebook, undefined, {
      load: ({ name }) => {
        events.push(`load ${name}`);
        if (name === 'hong.xlsx') throw new Damaged('not a zip');
        return { ...(name === 'a.xlsx' ? a : b), file: name };
      },
      unreadable: (err, input) => {
        events.push(`unreadable ${input.name}`);
        return err instanceof Damaged ? DAMAGED : undefined;
      },
      progress: (p) => {
        progress.push(p);
        events.push(`progress ${p.phase} ${p.done}`);
      },
      between: async () => {
        events.push('between');
      },
    });
    const expected = checkWorkbooks(
      [{ ...a, file: 'a.xlsx' }, { file: 'hong.xlsx', unreadable: DAMAGED }, { ...b, file: 'b.xlsx' }],
      defaultRulebook,
    );
    expect(result).toEqual(expected);
    expect(result.submissions.find((s) => s.file === 'hong.xlsx')?.status).toBe('unreadable');
    expect(result.findings.filter((f) => f.file === 'hong.xlsx').map((f) => [f.ruleId, f.message])).toEqual([['FILE_UNREADABLE', expect.stringContaining('Tệp hỏng')]]);
    expect(progress).toEqual([
      { phase: 'read', done: 0, total: 3, file: 'a.xlsx' },
      { phase: 'read', done: 1, total: 3, file: 'hong.xlsx' },
      { phase: 'read', done: 2, total: 3, file: 'b.xlsx' },
      { phase: 'read', done: 3, total: 3 },
      { phase: 'check', done: 0, total: 3 },
      { phase: 'check', done: 3, total: 3 },
    ]);
    expect(events).toEqual([
      'progress read 0', 'between', 'load a.xlsx',
      'progress read 1', 'between', 'load hong.xlsx', 'unreadable hong.xlsx',
      'progress read 2', 'between', 'load b.xlsx',
      'progress read 3', 'between',
      'progress check 0', 'progress check 3',
    ]);
  });

  test('whatever one file throws (reading it, or checking it) is its FILE_UNREADABLE; the others keep their report; a pause that throws (a cancel) is thrown on', async () => {
    const [a, b] = sources;
    // Read, but its check throws: its nominations lack their field set.
    const subs = readSubmissions('c.xlsx', a.workbook as WorkbookGrid, defaultRulebook);
    const broken: SourceWorkbook = { file: 'c.xlsx', submissions: subs.map((sub) => ({ ...sub, nominations: sub.nominations.map((n) => ({ ...n, fields: null as unknown as FieldSet })) })) };
    expect(cellsKept(broken)).toBeGreaterThan(0);
    const result = await checkInputs([{ name: 'a.xlsx' }, { name: 'bug.xlsx' }, { name: 'b.xlsx' }, { name: 'c.xlsx' }], defaultRulebook, undefined, {
      load: ({ name }) => {
        if (name === 'bug.xlsx') throw new RangeError('Invalid string length');
        if (name === 'c.xlsx') return broken;
        return { ...(name === 'a.xlsx' ? a : b), file: name };
      },
      unreadable: (err) => (err instanceof Damaged ? DAMAGED : undefined),
    });
    const unreadable = (vi: string, en: string) => ({ code: 'error', message: vi, messageEn: en });
    let thrown = '';
    try {
      checkWorkbooks([broken], defaultRulebook);
    } catch (e) {
      thrown = (e as Error).message;
    }
    expect(thrown).toMatch(/null/);
    expect(result).toEqual(
      checkWorkbooks(
        [
          { ...a, file: 'a.xlsx' },
          { file: 'bug.xlsx', unreadable: unreadable('Lỗi khi đọc tệp (Invalid string length).', 'Error while reading the file (Invalid string length).') },
          { ...b, file: 'b.xlsx' },
          { file: 'c.xlsx', unreadable: unreadable(`Lỗi khi đọc tệp (${thrown}).`, `Error while reading the file (${thrown}).`) },
        ],
        defaultRulebook,
      ),
    );
    expect(result.findings.filter((f) => f.file === 'bug.xlsx').map((f) => [f.ruleId, f.message, f.messageEn])).toEqual([
      ['FILE_UNREADABLE', 'Không đọc được tệp: Lỗi khi đọc tệp (Invalid string length).', 'The file cannot be read: Error while reading the file (Invalid string length).'],
    ]);
    // Nothing of the file whose check threw is left but its FILE_UNREADABLE.
    expect(result.findings.filter((f) => f.file === 'c.xlsx').map((f) => f.ruleId)).toEqual(['FILE_UNREADABLE']);
    expect(result.submissions.filter((s) => s.file === 'c.xlsx').map((s) => s.status)).toEqual(['unreadable']);

    const cancelled = new Error('cancelled');
    let loads = 0;
    let pauses = 0;
    await expect(
      checkInputs([{ name: 'a.xlsx' }, { name: 'b.xlsx' }], defaultRulebook, undefined, {
        load: () => {
          loads++;
          return sources[0];
        },
        unreadable: () => undefined,
        between: async () => {
          if (++pauses === 2) throw cancelled;
        },
      }),
    ).rejects.toBe(cancelled);
    expect(loads).toBe(1);
  });
});

describe('the limits of one run', () => {
  let sources: SourceWorkbook[];
  beforeAll(async () => {
    sources = await loadSources([EXAMPLES]);
  });

  test('past the cells the run may keep, the file that passes them and every later one are refused, the earlier ones reported whole', async () => {
    const counts = sources.map((s) => cellsKept(s));
    expect(counts.every((n) => n > 10)).toBe(true);
    // Two files fit; the third passes the limit.
    const max = counts[0] + counts[1] + Math.floor(counts[2] / 2);
    const limits = { maxCells: max, maxExpandedBytes: RUN_LIMITS.maxExpandedBytes };
    const allowances: Allowance[] = [];
    const result = await checkInputs(
      sources.map((s) => ({ name: s.file, src: s })),
      defaultRulebook,
      undefined,
      {
        load: (i, allowance) => {
          allowances.push(allowance);
          return i.src;
        },
        unreadable: () => undefined,
        limits,
      },
    );
    // Each file is offered what the files before it left; none after the one that passed it is read.
    expect(allowances.map((a) => a.cells)).toEqual([max, max - counts[0], max - counts[0] - counts[1]]);
    const refused = overRunLimit(limits);
    expect(refused.code).toBe(RUN_LIMIT_CODE);
    expect(result).toEqual(checkWorkbooks([...sources.slice(0, 2), ...sources.slice(2).map((s) => ({ file: s.file, unreadable: refused }))], defaultRulebook));
    const later = result.findings.filter((f) => sources.slice(2).some((s) => s.file === f.file));
    const n = new Intl.NumberFormat('vi-VN').format(max);
    const nEn = new Intl.NumberFormat('en-US').format(max);
    expect(later.map((f) => [f.ruleId, f.message, f.messageEn])).toEqual(
      sources.slice(2).map(() => [
        'FILE_UNREADABLE',
        `Không đọc được tệp: vượt giới hạn của một lần chạy (các tệp cộng lại tối đa ${n} ô dữ liệu và 1 GiB dữ liệu giải nén). Hãy kiểm tra tệp này trong một lần chạy riêng, hoặc chia các tệp thành nhiều lần chạy.`,
        `The file cannot be read: over the limit of one run (at most ${nEn} cells and 1 GiB expanded, all files together). Check this file in a run of its own, or split the files over several runs.`,
      ]),
    );
    expect(result.submissions.slice(0, 2).every((s) => s.status !== 'unreadable')).toBe(true);
  });

  test('past the bytes the platform says it expanded; a platform that stops at its allowance refuses the rest the same way', async () => {
    const limits = { maxCells: RUN_LIMITS.maxCells, maxExpandedBytes: 1000 };
    const loaded: string[] = [];
    const result = await checkInputs(
      sources.slice(0, 4).map((s) => ({ name: s.file, src: s })),
      defaultRulebook,
      undefined,
      {
        load: (i, allowance) => {
          loaded.push(i.name);
          expect(allowance.expandedBytes).toBe(1000 - 400 * (loaded.length - 1));
          return { ...i.src, expanded: 400 };
        },
        unreadable: () => undefined,
        limits,
      },
    );
    expect(loaded).toEqual(sources.slice(0, 3).map((s) => s.file));
    expect(result.submissions.map((s) => s.status === 'unreadable')).toEqual([false, false, true, true]);
    expect(result.findings.filter((f) => f.ruleId === 'FILE_UNREADABLE').map((f) => f.messageEn)).toEqual([
      'The file cannot be read: over the limit of one run (at most 5,000,000 cells and 1,000 B expanded, all files together). Check this file in a run of its own, or split the files over several runs.',
      'The file cannot be read: over the limit of one run (at most 5,000,000 cells and 1,000 B expanded, all files together). Check this file in a run of its own, or split the files over several runs.',
    ]);
    expect(result.findings.find((f) => f.ruleId === 'FILE_UNREADABLE')?.message).toContain('(các tệp cộng lại tối đa 5.000.000 ô dữ liệu và 1.000 B dữ liệu giải nén)');

    const stopped = await checkInputs([{ name: 'a.xlsx' }, { name: 'b.xlsx' }, { name: 'c.xlsx' }], defaultRulebook, undefined, {
      load: ({ name }) => (name === 'a.xlsx' ? { ...sources[0], file: name } : { file: name, unreadable: overRunLimit(RUN_LIMITS) }),
      unreadable: () => undefined,
    });
    expect(stopped.submissions.map((s) => s.status === 'unreadable')).toEqual([false, true, true]);
  });
});
