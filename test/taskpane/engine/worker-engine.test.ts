/**
 * The engine behind a worker (src/taskpane/engine/worker-engine.ts, worker-host.ts) against an in-process
 * fake Worker that, like the real one, copies every message (structuredClone) and delivers it later,
 * and drops everything once terminated. The real worker in Chromium: test/browser.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CancelledError, type EngineProgress, type PickedFile } from '../../../src/taskpane/engine';
import { mainThreadEngine } from '../../../src/taskpane/engine/main-thread';
import { errorText } from '../../../src/taskpane/i18n';
import { createWorkerEngine, type WorkerLike } from '../../../src/taskpane/engine/worker-engine';
import { serveEngine, type WorkerScopeLike } from '../../../src/taskpane/engine/worker-host';
import type { JobMessage, WorkerReply } from '../../../src/taskpane/engine/protocol';
import { EXAMPLES } from '../../helpers/paths';

const files: PickedFile[] = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(EXAMPLES, name))) }));

const later = (fn: () => void) => setTimeout(fn, 0);

class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  onmessageerror: WorkerLike['onmessageerror'] = null;
  terminated = false;
  posted: JobMessage[] = [];
  transferred: Transferable[] = [];
  private readonly scope: WorkerScopeLike;

  constructor(opts: { failToLoad?: string } = {}) {
    this.scope = {
      onmessage: null,
      postMessage: (message: WorkerReply, transfer?: Transferable[]) => {
        const copy = structuredClone(message);
        if (transfer) this.transferred.push(...transfer);
        later(() => {
          if (!this.terminated) this.onmessage?.({ data: copy } as MessageEvent<WorkerReply>);
        });
      },
    };
    if (opts.failToLoad) {
      later(() => {
        if (!this.terminated) this.onerror?.({ message: opts.failToLoad, preventDefault: () => undefined } as ErrorEvent);
      });
    } else {
      serveEngine(this.scope);
    }
  }

  postMessage(message: JobMessage): void {
    this.posted.push(message);
    const copy = structuredClone(message);
    later(() => {
      if (!this.terminated) this.scope.onmessage?.({ data: copy } as MessageEvent<JobMessage>);
    });
  }

  terminate(): void {
    this.terminated = true;
  }
}

function pool(make: () => FakeWorker = () => new FakeWorker()) {
  const spawned: FakeWorker[] = [];
  const fallbacks: string[] = [];
  const engine = createWorkerEngine(
    () => {
      const w = make();
      spawned.push(w);
      return w;
    },
    { onFallback: (r) => fallbacks.push(r) },
  );
  return { engine, spawned, fallbacks };
}

describe('the engine in a worker', () => {
  test('reads every example file off the page, file by file, the same as on the page’s thread', async () => {
    const { engine, spawned } = pool();
    const progress: EngineProgress[] = [];
    const sources = await engine.readFiles({ files }, { onProgress: (p) => progress.push(p) });
    expect(engine.runsIn).toBe('worker');
    expect(spawned).toHaveLength(1);
    expect(sources).toEqual(await mainThreadEngine.readFiles({ files }));
    const reads = progress.filter((p) => p.phase === 'read');
    expect(reads.map((p) => p.done)).toEqual([...files.map((_, i) => i), files.length]);
    expect(reads[2]).toEqual({ phase: 'read', done: 2, total: files.length, file: files[2].name });
  });

  test('checkFiles: the findings of examples/expected.json come back, with their cells', async () => {
    const { engine } = pool();
    const rb = engine.defaultRulebook;
    const result = await engine.checkFiles({ files, rulebook: rb });
    const expected = JSON.parse(readFileSync(join(EXAMPLES, 'expected.json'), 'utf8')) as Record<string, { ruleId: string; cell: string | null }[]>;
    for (const [file, list] of Object.entries(expected)) {
      const got = result.findings.filter((f) => f.file === file && f.ruleId !== 'SUBMISSION_MISSING').map((f) => ({ ruleId: f.ruleId, cell: f.cell }));
      expect(got.sort((a, b) => (a.ruleId + a.cell).localeCompare(b.ruleId + b.cell))).toEqual([...list].sort((a, b) => (a.ruleId + a.cell).localeCompare(b.ruleId + b.cell)));
    }
    expect(result.findings.find((f) => f.file === '02-cu-jut.xlsx' && f.ruleId === 'FIELD_INVALID_DATE')?.cell).toBe('C11');
    // Read file by file straight into submissions, it is what reading the grids then checking gives.
    const merged = await engine.checkFiles({ files: [...files, { name: 'hong.xlsx', bytes: new Uint8Array([1, 2, 3]) }], rulebook: rb, merge: true });
    const viaGrids = await mainThreadEngine.check({ sources: await mainThreadEngine.readFiles({ files: [...files, { name: 'hong.xlsx', bytes: new Uint8Array([1, 2, 3]) }] }), rulebook: rb, merge: true });
    expect(merged).toEqual(viaGrids);
    expect(merged.findings.some((f) => f.file === 'hong.xlsx' && f.ruleId === 'FILE_UNREADABLE')).toBe(true);
  });

  test('grids read on the page (Excel) are checked in the worker; a workbook comes back moved, not copied', async () => {
    const { engine, spawned } = pool();
    const rb = engine.defaultRulebook;
    const sources = await mainThreadEngine.readFiles({ files: files.slice(0, 3) });
    const result = await engine.check({ sources, rulebook: rb, merge: true });
    expect(result).toEqual(await mainThreadEngine.check({ sources, rulebook: rb, merge: true }));
    const bytes = await engine.consolidatedXlsx({ result, rulebook: rb, reportDate: { y: 2025, m: 12, d: 1 } });
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
    // One worker served all three jobs (kept between jobs), and the workbook's buffer was transferred.
    expect(spawned).toHaveLength(1);
    expect(spawned[0].transferred).toHaveLength(1);
    expect((spawned[0].transferred[0] as ArrayBuffer).byteLength).toBe(bytes.byteLength);
  });

  test('cancelling terminates the worker at once; the next job starts a fresh one', async () => {
    const { engine, spawned } = pool();
    const controller = new AbortController();
    const seen: number[] = [];
    const job = engine.readFiles({ files }, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.done);
        if (p.done === 1) controller.abort();
      },
    });
    await expect(job).rejects.toBeInstanceOf(CancelledError);
    expect(spawned[0].terminated).toBe(true);
    expect(seen.at(-1)).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    // Nothing more is heard from the terminated worker.
    expect(seen.at(-1)).toBe(1);
    const again = await engine.readFiles({ files: files.slice(0, 1) });
    expect(again[0].workbook).toBeTruthy();
    expect(spawned).toHaveLength(2);
    expect(spawned[1].terminated).toBe(false);
  });

  test('a job already cancelled never starts', async () => {
    const { engine, spawned } = pool();
    const controller = new AbortController();
    controller.abort();
    await expect(engine.readFiles({ files }, { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(spawned).toHaveLength(0);
  });

  test('two jobs at once get a worker each; cancelling one leaves the other running', async () => {
    const { engine, spawned } = pool();
    const controller = new AbortController();
    const a = engine.readFiles({ files }, { signal: controller.signal });
    const b = engine.readFiles({ files: files.slice(0, 2) });
    controller.abort();
    await expect(a).rejects.toBeInstanceOf(CancelledError);
    expect((await b).map((s) => s.file)).toEqual(files.slice(0, 2).map((f) => f.name));
    expect(spawned.map((w) => w.terminated)).toEqual([true, false]);
  });

  test('an error in the worker reaches the page with its message', async () => {
    const { engine } = pool();
    const rb = engine.defaultRulebook;
    const bad = { submissions: null, findings: null, summary: null } as unknown as Parameters<typeof engine.consolidatedXlsx>[0]['result'];
    const err = await engine.consolidatedXlsx({ result: bad, rulebook: rb }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(errorText(err, 'vi')).toMatch(/\S/);
  });

  test('no Worker allowed (the constructor throws): every job runs on the page’s thread', async () => {
    const { engine, fallbacks } = pool(() => {
      throw new Error('SecurityError: worker-src');
    });
    const sources = await engine.readFiles({ files: files.slice(0, 2) });
    expect(sources.map((s) => s.file)).toEqual(files.slice(0, 2).map((f) => f.name));
    expect(engine.runsIn).toBe('main');
    expect(fallbacks).toEqual(['SecurityError: worker-src']);
  });

  test('the worker script does not load: the job runs on the page’s thread, and so do the next ones', async () => {
    const { engine, spawned, fallbacks } = pool(() => new FakeWorker({ failToLoad: 'net::ERR_FAILED' }));
    const progress: EngineProgress[] = [];
    const result = await engine.checkFiles({ files: files.slice(1, 2), rulebook: engine.defaultRulebook }, { onProgress: (p) => progress.push(p) });
    expect(result.findings.some((f) => f.ruleId === 'FIELD_INVALID_DATE' && f.cell === 'C11')).toBe(true);
    expect(progress.some((p) => p.phase === 'read')).toBe(true);
    expect(fallbacks).toEqual(['net::ERR_FAILED']);
    expect(engine.runsIn).toBe('main');
    await engine.readFiles({ files: files.slice(0, 1) });
    expect(spawned).toHaveLength(1);
  });

  test('on the page’s thread, cancelling stops between files', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const job = mainThreadEngine.readFiles({ files }, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.done);
        if (p.done === 2) controller.abort();
      },
    });
    await expect(job).rejects.toBeInstanceOf(CancelledError);
    expect(Math.max(...seen)).toBe(2);
    expect(errorText(new CancelledError(), 'en')).toBe('Cancelled.');
  });
});
