/**
 * The fuzz suite's harness: budgets, the worker that runs the target (sandbox.ts), and `fuzz()`,
 * which runs one fast-check property over it and fails on any breach of the contract:
 *
 *   - a read that throws anything but UnreadableError, or a core call (readSubmissions, the check,
 *     the report) that throws at all; a refusal made by a reader's catch-all (a masked crash);
 *   - a call slower than CALL_MS (twice: an input with a slow call is run again, in case the
 *     machine was busy), a job that does not end within HANG_MS (the worker is then terminated),
 *     a worker that dies or runs out of its heap (HEAP_MB);
 *   - the streaming read and the grid read disagreeing, or their reports; zlib and fflate (the
 *     command line's inflater and the task pane's) reading the file differently; the input's
 *     bytes changed by a read;
 *   - a JSON report longer than REPORT_PER_BYTE characters per byte of input (the larger of the
 *     file and its parts inflated) plus REPORT_SLACK.
 *
 * Runs and seeds (every property has its own fixed seed, so `npm test` tries the same inputs every
 * time; the default budget keeps the whole suite under a minute on a busy two-core machine):
 *
 *   npx jest test/fuzz                          the default budget
 *   FUZZ=long npx jest test/fuzz                ten times the runs, no time cap per property
 *   FUZZ_RUNS=2000 npx jest test/fuzz           that many runs per property, no time cap
 *   FUZZ_SEED=7 FUZZ=long npx jest test/fuzz    other inputs (each property's seed is offset by 7)
 *   FUZZ_CALL_MS=5000                           the bound on one call (default 2000 ms)
 *   FUZZ_KNOWN=1                                also the inputs of known bugs the generators
 *                                               otherwise avoid (see `tame` in sheets.ts)
 *
 * A failing input is written to test-output/fuzz/<property>-<seed>.xlsx (with the counterexample
 * fast-check prints, which replays with its seed and path), to be made a regression test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import type { Job, Verdict } from './sandbox';
import { ROOT } from '../helpers/paths';

const env = process.env;
const LONG = env.FUZZ === 'long';
const RUNS = env.FUZZ_RUNS ? Math.max(1, Number(env.FUZZ_RUNS) | 0) : undefined;
const SEED_OFFSET = env.FUZZ_SEED ? Number(env.FUZZ_SEED) | 0 : 0;

/** One call (a read, the check) on one input, at most. */
export const CALL_MS = Number(env.FUZZ_CALL_MS) || 2000;
/** A job not answered by then is a hang (the worker is stopped): all its calls, on a loaded machine. */
export const HANG_MS = Math.max(20_000, 8 * CALL_MS);
/** The worker's old-generation heap: far more than any input here needs. */
export const HEAP_MB = 512;
/** The JSON report's bound: characters per byte of input, plus a constant (see the file comment). */
export const REPORT_PER_BYTE = 64;
export const REPORT_SLACK = 256 * 1024;

/** The runs a property makes: its default, ten times that with FUZZ=long, or FUZZ_RUNS. */
export function runs(defaultRuns: number): number {
  return RUNS ?? (LONG ? defaultRuns * 10 : defaultRuns);
}

/** The default budget caps each property's time (it stops early, and passes, on a slow machine); a long run does not. */
function timeCap(seconds: number): number | undefined {
  return RUNS !== undefined || LONG ? undefined : seconds * 1000;
}

/** Jest's timeout for a property: its time cap and shrinking, or its runs at a generous pace. */
export function testTimeout(defaultRuns: number, capSeconds: number): number {
  const cap = timeCap(capSeconds);
  return cap !== undefined ? cap + 120_000 : runs(defaultRuns) * 3_000 + 300_000;
}

export type Outcome = Verdict | { id: number; lost: 'hang' | 'memory' | 'died'; detail: string };

/** The worker running sandbox.ts, started on first use and again after a hang or a death. */
export class Sandbox {
  /** `hangMs`: how long a job may take before it counts as a hang; `heapMb`: the worker's heap. */
  constructor(
    private readonly hangMs = HANG_MS,
    private readonly heapMb = HEAP_MB,
  ) {}

  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private next = 1;
  private waiting: ((o: Outcome) => void) | null = null;
  private waitingId = 0;

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       require(workerData.tsx).register();
       require(workerData.entry);`,
      {
        eval: true,
        workerData: { fuzzSandbox: true, tsx: require.resolve('tsx/cjs/api'), entry: path.join(__dirname, 'sandbox.ts') },
        resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
        stdout: false,
        stderr: false,
      },
    );
    this.worker = worker;
    this.ready = new Promise<void>((resolve, reject) => {
      const onReady = (m: unknown) => {
        if ((m as { ready?: boolean }).ready) {
          worker.off('message', onReady);
          worker.on('message', (v: Verdict) => this.settle(v.id, v));
          resolve();
        }
      };
      worker.on('message', onReady);
      worker.once('error', (err: Error & { code?: string }) => {
        reject(err);
        // A worker already replaced (stopped after a hang) has no job any more.
        if (this.worker !== worker) return;
        const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
        this.settle(this.waitingId, { id: this.waitingId, lost: memory ? 'memory' : 'died', detail: `${err.name}: ${err.message}` });
        this.reset();
      });
      worker.once('exit', (code) => {
        reject(new Error(`the fuzz worker exited (code ${code}) before it was ready`));
        if (this.worker !== worker) return;
        this.settle(this.waitingId, { id: this.waitingId, lost: 'died', detail: `the worker exited (code ${code})` });
        this.reset();
      });
    });
    return this.ready;
  }

  private settle(id: number, o: Outcome): void {
    if (this.waiting && id === this.waitingId) {
      const w = this.waiting;
      this.waiting = null;
      w(o);
    }
  }

  private reset(): void {
    this.worker = null;
    this.ready = null;
  }

  async run(bytes: Uint8Array, file: string, native: boolean, probe?: Job['probe'], merge = false): Promise<Outcome> {
    await this.start();
    const worker = this.worker as Worker;
    const id = this.next++;
    const job: Job = { id, bytes, file, native, probe, merge };
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => {
        this.settle(id, { id, lost: 'hang', detail: `no answer within ${this.hangMs} ms` });
        // A hung worker is stopped; the next job starts another.
        this.reset();
        void worker.terminate();
      }, this.hangMs);
      // A job still out when the property is interrupted must not keep Jest alive.
      timer.unref();
      this.waitingId = id;
      this.waiting = (o) => {
        clearTimeout(timer);
        resolve(o);
      };
      worker.postMessage(job);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.settle(this.waitingId, { id: this.waitingId, lost: 'died', detail: 'the sandbox was closed' });
    this.reset();
    if (w) await w.terminate();
  }
}

/** The input's size for the report bound: the file, or its parts inflated (`inflated`), whichever is more. */
export interface Input {
  bytes: Uint8Array;
  /** The total size of the parts before zipping, when known. */
  inflated?: number;
  file?: string;
  native?: boolean;
  /** Check as the merge does. */
  merge?: boolean;
}

/** A breach of the time bound (see breaches()). */
const SLOW = / took \d+ ms \(bound /;

/** Every breach of the contract in one outcome, in words (empty: the input passed). */
export function breaches(input: Input, o: Outcome): string[] {
  if ('lost' in o) return [`${o.lost}: ${o.detail}`];
  const out = [...o.problems];
  for (const [name, end] of [
    ['readXlsx', o.grid],
    ['readXlsxSubmissions', o.stream],
  ] as const) {
    if (end.kind === 'crash') out.push(`${name} crashed: ${end.error}`);
    else if (end.kind === 'refused' && end.masked) out.push(`${name} refused (${end.code}) through its catch-all, a masked crash: ${end.masked}`);
  }
  for (const [call, ms] of Object.entries(o.ms)) if (ms > CALL_MS) out.push(`${call} took ${Math.round(ms)} ms (bound ${CALL_MS} ms)`);
  const size = Math.max(input.bytes.length, input.inflated ?? 0);
  const bound = REPORT_PER_BYTE * size + REPORT_SLACK;
  if (o.reportChars > bound) out.push(`the JSON report has ${o.reportChars} characters for ${size} bytes of input (bound ${bound})`);
  return out;
}

const OUT_DIR = path.join(ROOT, 'test-output', 'fuzz');

function save(name: string, seed: number, input: Input): string {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `${name}-${seed}.xlsx`);
  fs.writeFileSync(file, input.bytes);
  return file;
}

export interface FuzzOptions {
  /** Runs by default (see runs()). */
  runs: number;
  /** The property's own seed (FUZZ_SEED offsets it). */
  seed: number;
  /** The default budget's time cap for this property, in seconds. */
  capSeconds: number;
}

/** Counts of what a property's inputs came to, for its log line. */
export interface Tally {
  /** Inputs that met the contract. */
  runs: number;
  /** Inputs run again because a call was slow the first time. */
  retried: number;
  read: number;
  refused: Record<string, number>;
  nominees: number;
}

/**
 * Runs the property "every input meets the contract" over `arb`, each value made into bytes by
 * `toInput`. Resolves with what the inputs came to (read, refused by code) when it holds.
 */
export async function fuzz<T>(name: string, sandbox: Sandbox, arb: fc.Arbitrary<T>, toInput: (v: T) => Input, opts: FuzzOptions): Promise<Tally> {
  const seed = opts.seed + SEED_OFFSET;
  const tally: Tally = { runs: 0, retried: 0, read: 0, refused: {}, nominees: 0 };
  let last: Input | null = null;
  const property = fc.asyncProperty(arb, async (v) => {
    const input = toInput(v);
    last = input;
    const run = () => sandbox.run(input.bytes, input.file ?? 'fuzz.xlsx', input.native ?? false, undefined, input.merge ?? false);
    let o = await run();
    let found = breaches(input, o);
    // A call over the time bound, and nothing else wrong: once more, in case the machine was busy.
    if (found.length > 0 && found.every((b) => SLOW.test(b))) {
      tally.retried++;
      o = await run();
      found = breaches(input, o);
    }
    if (found.length > 0) throw new Error(found.join('\n'));
    tally.runs++;
    if (!('lost' in o)) {
      if (o.grid.kind === 'ok') {
        tally.read++;
        tally.nominees += o.grid.nominees;
      } else if (o.grid.kind === 'refused') tally.refused[o.grid.code] = (tally.refused[o.grid.code] ?? 0) + 1;
    }
  });
  const cap = timeCap(opts.capSeconds);
  const details = await fc.check(property, {
    seed,
    includeErrorInReport: true,
    numRuns: runs(opts.runs),
    ...(cap !== undefined ? { plugins: [fc.interruptAfterTimeLimit(cap)] } : {}),
  });
  if (details.failed) {
    // The bytes of the shrunk counterexample (else of the last input tried), to be made a regression test.
    const example = details.counterexample as unknown as [T] | null;
    const failing = example ? toInput(example[0]) : last;
    const saved = failing ? save(name, seed, failing) : '(none)';
    throw new Error(`${fc.defaultReportMessage(details)}\n\nThe failing input is saved as ${saved}`);
  }
  return tally;
}

/** One line saying what a property's inputs came to. */
export function summary(name: string, t: Tally): string {
  const refused = Object.entries(t.refused)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `${name}: ${t.runs} inputs, ${t.read} read (${t.nominees} nominees), refused: ${refused || 'none'}${t.retried ? `; ${t.retried} run again after a slow call` : ''}`;
}

