/**
 * The one table of operations (src/taskpane/engine/ops.ts) drives both engines: every operation is
 * a method of the worker engine and of the page's own, goes through the fake worker as a message
 * naming it, runs the table's entry there, and gives the same result and progress as on the page.
 */
import { checkWorkbooks } from '../../../src/check/index';
import { defaultRulebook } from '../../../src/rules/index';
import type { EngineProgress, Engine } from '../../../src/taskpane/engine';
import { mainThreadEngine } from '../../../src/taskpane/engine/main-thread';
import { OP_NAMES, OPS, type OpName, type RequestOf } from '../../../src/taskpane/engine/ops';
import type { JobMessage, WorkerReply } from '../../../src/taskpane/engine/protocol';
import { serveEngine } from '../../../src/taskpane/engine/worker-host';
import { files, gridsOf, HONG, pool } from './fake-worker';

const rulebook = defaultRulebook;

/** One request for every operation: the type makes a new entry of the table need one here. */
function samples(): { [K in OpName]: RequestOf<K> } {
  const result = checkWorkbooks(
    gridsOf(files.slice(0, 4)).map((g) => ({ file: g.name, workbook: g.workbook })),
    rulebook,
    { merge: true },
  );
  return {
    check: { inputs: [...files.slice(0, 3), ...gridsOf(files.slice(3, 5)), HONG], rulebook, merge: true },
    readGrids: { bytes: files[0].bytes },
    consolidatedXlsx: { result, rulebook, reportDate: { y: 2025, m: 12, d: 1 } },
    templateXlsx: { rulebook, unitId: 'cu-jut' },
  };
}

/** Runs one operation through an engine's method, with its progress. */
async function call<K extends OpName>(engine: Engine, op: K, request: RequestOf<K>) {
  const progress: EngineProgress[] = [];
  const method = engine[op] as (request: RequestOf<K>, opts: { onProgress: (p: EngineProgress) => void }) => Promise<unknown>;
  const value = await method(request, { onProgress: (p) => progress.push(p) });
  return { value, progress };
}

describe('the table of operations', () => {
  test('every operation of the table, and nothing else, is a method of both engines', () => {
    const { engine } = pool();
    const REQUESTS = samples();
    expect(OP_NAMES).toEqual(Object.keys(OPS));
    expect(Object.keys(REQUESTS).sort()).toEqual([...OP_NAMES].sort());
    for (const e of [engine, mainThreadEngine]) {
      expect(Object.keys(e).sort()).toEqual([...OP_NAMES, 'defaultRulebook', 'loadRulebook', 'runsIn'].sort());
      for (const op of OP_NAMES) expect([op, typeof e[op]]).toEqual([op, 'function']);
    }
  });

  test.each(OP_NAMES.map((op) => [op]))('%s: through the worker, the same result and progress as on the page’s thread', async (op) => {
    const { engine, spawned } = pool();
    const request = samples()[op];
    const inWorker = await call(engine, op, request);
    const onPage = await call(mainThreadEngine, op, request);
    expect(inWorker.value).toEqual(onPage.value);
    expect(inWorker.progress).toEqual(onPage.progress);
    // It did go through the worker: one message naming the operation, one result back.
    expect(engine.runsIn).toBe('worker');
    expect(spawned).toHaveLength(1);
    expect(spawned[0].posted.map((m) => m.op)).toEqual([op]);
    expect(spawned[0].posted[0].request).toBe(request);
    expect(spawned[0].replies.filter((r) => r.kind === 'done')).toHaveLength(1);
  });

  test('both engines run the table’s entry, looked up when called', async () => {
    const REQUESTS = samples();
    for (const op of OP_NAMES) {
      const spy = jest.spyOn(OPS, op);
      try {
        const { engine } = pool();
        await call(engine, op, REQUESTS[op]);
        await call(mainThreadEngine, op, REQUESTS[op]);
        expect(spy).toHaveBeenCalledTimes(2);
        // The worker's request is a copy (structured clone) of the page's.
        expect(spy.mock.calls[0][0]).toEqual(REQUESTS[op]);
        expect(spy.mock.calls[1][0]).toBe(REQUESTS[op]);
      } finally {
        spy.mockRestore();
      }
    }
  });

  test('the worker refuses a message naming no operation of the table, and answers the next job', async () => {
    const replies: WorkerReply[] = [];
    const scope = { onmessage: null as ((e: MessageEvent<JobMessage>) => void) | null, postMessage: (m: WorkerReply) => void replies.push(m) };
    serveEngine(scope);
    const send = (m: unknown) => scope.onmessage?.({ data: m } as MessageEvent<JobMessage>);
    send({ id: 1, op: 'toString', request: {} });
    send({ id: 2, op: 'readGrids', request: { bytes: files[0].bytes } });
    await new Promise((r) => setTimeout(r, 50));
    expect(replies[0]).toEqual({ kind: 'ready' });
    expect(replies.find((r) => r.kind === 'failed')).toEqual({ kind: 'failed', id: 1, error: expect.objectContaining({ message: 'No engine operation "toString".' }) });
    expect(replies.find((r) => r.kind === 'done')).toMatchObject({ kind: 'done', id: 2, value: { sheets: expect.any(Array) } });
  });
});
