/** checkInputs: the read-and-check loop shared by the command line and the task pane. */
import { checkWorkbooks, type SourceWorkbook } from '../../src/check/index';
import { checkInputs, type CheckProgress } from '../../src/check/run';
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

  test('an error the platform does not call unreadable is thrown on, and so is a pause that throws (a cancel)', async () => {
    const bug = new RangeError('a bug, not a damaged file');
    await expect(
      checkInputs([{ name: 'a.xlsx' }], defaultRulebook, undefined, {
        load: () => {
          throw bug;
        },
        unreadable: (err) => (err instanceof Damaged ? DAMAGED : undefined),
      }),
    ).rejects.toBe(bug);
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
