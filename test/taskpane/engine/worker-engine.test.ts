/**
 * The engine behind a worker (src/taskpane/engine/worker-engine.ts, worker-host.ts) against an in-process
 * fake Worker (fake-worker.ts). The real worker in Chromium: test/browser.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancelledError, type EngineProgress, type PickedFile } from '../../../src/taskpane/engine';
import { mainThreadEngine } from '../../../src/taskpane/engine/main-thread';
import { errorText } from '../../../src/taskpane/i18n';
import { defaultRulebook } from '../../../src/rules/index';
import type { RequestOf } from '../../../src/taskpane/engine/ops';
import { EXAMPLES } from '../../helpers/paths';
import { FakeWorker, files, gridsOf, HONG, pool } from './fake-worker';
import { checkWorkbooks, type SourceWorkbook } from '../../../src/check/index';
import { readXlsx } from '../../../src/formats/xlsx/read/workbook';
import { UnreadableError } from '../../../src/formats/errors';

/** The files read into grids, then checked: what the engine's reading straight into submissions must give. */
function checkViaGrids(list: PickedFile[], merge: boolean) {
  const sources = list.map((f): SourceWorkbook => {
    try {
      return { file: f.name, workbook: readXlsx(f.bytes) };
    } catch (err) {
      if (!(err instanceof UnreadableError)) throw err;
      return { file: f.name, unreadable: err.info };
    }
  });
  return checkWorkbooks(sources, defaultRulebook, { merge });
}

/** The files a result is about, in its order. */
const filesOf = (r: { submissions: { file: string }[] }) => [...new Set(r.submissions.map((s) => s.file))];

describe('the engine in a worker', () => {
  const rulebook = defaultRulebook;

  test('checks every example file off the page, file by file, the same as on the page’s thread', async () => {
    const { engine, spawned } = pool();
    const progress: EngineProgress[] = [];
    const result = await engine.check({ inputs: files, rulebook }, { onProgress: (p) => progress.push(p) });
    expect(engine.runsIn).toBe('worker');
    expect(spawned).toHaveLength(1);
    expect(result).toEqual(await mainThreadEngine.check({ inputs: files, rulebook }));
    const reads = progress.filter((p) => p.phase === 'read');
    expect(reads.map((p) => p.done)).toEqual([...files.map((_, i) => i), files.length]);
    expect(reads[2]).toEqual({ phase: 'read', done: 2, total: files.length, file: files[2].name });
    expect(progress.filter((p) => p.phase === 'check')).toEqual([
      { phase: 'check', done: 0, total: files.length },
      { phase: 'check', done: files.length, total: files.length },
    ]);
  });

  test('check: the findings of examples/expected.json come back, with their cells', async () => {
    const { engine } = pool();
    const result = await engine.check({ inputs: files, rulebook });
    const expected = JSON.parse(readFileSync(join(EXAMPLES, 'expected.json'), 'utf8')) as Record<string, { ruleId: string; cell: string | null }[]>;
    for (const [file, list] of Object.entries(expected)) {
      const got = result.findings.filter((f) => f.file === file && f.ruleId !== 'SUBMISSION_MISSING').map((f) => ({ ruleId: f.ruleId, cell: f.cell }));
      expect(got.sort((a, b) => (a.ruleId + a.cell).localeCompare(b.ruleId + b.cell))).toEqual([...list].sort((a, b) => (a.ruleId + a.cell).localeCompare(b.ruleId + b.cell)));
    }
    expect(result.findings.find((f) => f.file === '02-cu-jut.xlsx' && f.ruleId === 'FIELD_INVALID_DATE')?.cell).toBe('C11');
    // Read file by file straight into submissions, it is what reading the grids then checking gives.
    const merged = await engine.check({ inputs: [...files, HONG], rulebook, merge: true });
    expect(merged).toEqual(checkViaGrids([...files, HONG], true));
    expect(merged.findings.some((f) => f.file === 'hong.xlsx' && f.ruleId === 'FILE_UNREADABLE')).toBe(true);
  });

  test('files (as bytes) and a workbook’s grids, mixed: read and checked in the worker in their order; only the result comes back', async () => {
    const { engine, spawned } = pool();
    const inputs = [files[0], ...gridsOf(files.slice(1, 3)), HONG, files[3]];
    const result = await engine.check({ inputs, rulebook, merge: true });
    expect(result).toEqual(checkViaGrids([files[0], files[1], files[2], HONG, files[3]], true));
    expect(filesOf(result)).toEqual(inputs.map((i) => i.name));
    // The files went over as their bytes, and no grid came back: the reply is the result alone.
    const posted = spawned[0].posted[0];
    expect(posted.op).toBe('check');
    expect((posted.request as RequestOf<'check'>).inputs.map((i) => ('bytes' in i ? 'bytes' : 'grids'))).toEqual(['bytes', 'grids', 'grids', 'bytes', 'bytes']);
    expect(spawned[0].replies.filter((r) => r.kind === 'done')).toEqual([{ kind: 'done', id: posted.id, value: result }]);
    expect(JSON.stringify(spawned[0].replies)).not.toContain('"workbook"');
  });

  test('grids read on the page (Excel) are checked in the worker; a workbook comes back moved, not copied', async () => {
    const { engine, spawned } = pool();
    const inputs = gridsOf(files.slice(0, 3));
    const progress: EngineProgress[] = [];
    const result = await engine.check({ inputs, rulebook, merge: true }, { onProgress: (p) => progress.push(p) });
    expect(result).toEqual(await mainThreadEngine.check({ inputs, rulebook, merge: true }));
    // Nothing to read in the worker: only the check is reported.
    expect(progress).toEqual([
      { phase: 'check', done: 0, total: 3 },
      { phase: 'check', done: 3, total: 3 },
    ]);
    expect(result).toEqual(checkViaGrids(files.slice(0, 3), true));
    const bytes = await engine.consolidatedXlsx({ result, rulebook, reportDate: { y: 2025, m: 12, d: 1 } });
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    // One worker served both jobs (kept between jobs), and the workbook's buffer was transferred.
    expect(spawned).toHaveLength(1);
    expect(spawned[0].transferred).toHaveLength(1);
    expect((spawned[0].transferred[0] as ArrayBuffer).byteLength).toBe(bytes.byteLength);
  });

  test('cancelling terminates the worker at once; the next job starts a fresh one', async () => {
    const { engine, spawned } = pool();
    const controller = new AbortController();
    const seen: number[] = [];
    const job = engine.check(
      { inputs: files, rulebook },
      {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.done);
          if (p.done === 1) controller.abort();
        },
      },
    );
    await expect(job).rejects.toBeInstanceOf(CancelledError);
    expect(spawned[0].terminated).toBe(true);
    expect(seen.at(-1)).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    // Nothing more is heard from the terminated worker.
    expect(seen.at(-1)).toBe(1);
    const again = await engine.check({ inputs: files.slice(0, 1), rulebook });
    expect(filesOf(again)).toEqual([files[0].name]);
    expect(again.submissions.every((s) => s.status !== 'unreadable')).toBe(true);
    expect(spawned).toHaveLength(2);
    expect(spawned[1].terminated).toBe(false);
  });

  test('a job already cancelled never starts', async () => {
    const { engine, spawned } = pool();
    const controller = new AbortController();
    controller.abort();
    await expect(engine.check({ inputs: files, rulebook }, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(spawned).toHaveLength(0);
  });

  test('two jobs at once get a worker each; cancelling one leaves the other running', async () => {
    const { engine, spawned } = pool();
    const controller = new AbortController();
    const a = engine.check({ inputs: files, rulebook }, { signal: controller.signal });
    const b = engine.check({ inputs: files.slice(0, 2), rulebook });
    controller.abort();
    await expect(a).rejects.toBeInstanceOf(CancelledError);
    expect(filesOf(await b)).toEqual(files.slice(0, 2).map((f) => f.name));
    expect(spawned.map((w) => w.terminated)).toEqual([true, false]);
  });

  test('an error in the worker reaches the page with its message', async () => {
    const { engine } = pool();
    const bad = { submissions: null, findings: null, summary: null } as unknown as Parameters<typeof engine.consolidatedXlsx>[0]['result'];
    const err = await engine.consolidatedXlsx({ result: bad, rulebook }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(errorText(err, 'vi')).toMatch(/\S/);
  });

  test('no Worker allowed (the constructor throws): every job runs on the page’s thread', async () => {
    const { engine, fallbacks } = pool(() => {
      throw new Error('SecurityError: worker-src');
    });
    const result = await engine.check({ inputs: files.slice(0, 2), rulebook });
    expect(filesOf(result)).toEqual(files.slice(0, 2).map((f) => f.name));
    expect(engine.runsIn).toBe('main');
    expect(fallbacks).toEqual(['SecurityError: worker-src']);
  });

  test('the worker script does not load: the job runs on the page’s thread, and so do the next ones', async () => {
    const { engine, spawned, fallbacks } = pool(() => new FakeWorker({ failToLoad: 'net::ERR_FAILED' }));
    const progress: EngineProgress[] = [];
    const result = await engine.check({ inputs: files.slice(1, 2), rulebook }, { onProgress: (p) => progress.push(p) });
    expect(result.findings.some((f) => f.ruleId === 'FIELD_INVALID_DATE' && f.cell === 'C11')).toBe(true);
    expect(progress.some((p) => p.phase === 'read')).toBe(true);
    expect(fallbacks).toEqual(['net::ERR_FAILED']);
    expect(engine.runsIn).toBe('main');
    await engine.check({ inputs: files.slice(0, 1), rulebook });
    expect(spawned).toHaveLength(1);
  });

  test('on the page’s thread, cancelling stops between files', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const job = mainThreadEngine.check(
      { inputs: files, rulebook },
      {
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p.done);
          if (p.done === 2) controller.abort();
        },
      },
    );
    await expect(job).rejects.toBeInstanceOf(CancelledError);
    expect(Math.max(...seen)).toBe(2);
    expect(errorText(new CancelledError(), 'en')).toBe('Cancelled.');
  });
});
