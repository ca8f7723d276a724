/** checkInputs: the read-and-check loop shared by the command line and the task pane. */
import { checkWorkbooks, type SourceWorkbook } from '../../src/check/index';
import { checkInputs, type CheckProgress } from '../../src/check/run';
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
