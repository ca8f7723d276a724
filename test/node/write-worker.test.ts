/**
 * The command line's write worker (src/node/write-worker.ts): sized rows measured elsewhere
 * (the writer's LineMeasurer) and parts gzipped there give the workbook made here, byte for byte,
 * over many batches of rows; each distinct text of a column is measured once; a worker that is
 * missing, silent or gone leaves the work to this thread (or says so: WorkerLost).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildConsolidatedBook, materializeBook } from '../../src/consolidate/index';
import { specLines, type LineSpec } from '../../src/book/text-width';
import { writeBook, type LineMeasurer } from '../../src/formats/xlsx/write/workbook';
import { startWriteWorker, WorkerLost } from '../../src/node/write-worker';
import { nodeGzip } from '../../src/node/gzip';
import { nom, rulebook, sub, summarise, unit } from '../consolidate/fixtures';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS helper the bin uses
const { cliModule, WORKER } = require('../../bin/cli-bundle.js') as { cliModule: () => string; WORKER: string };

const PHRASES = [
  'Bồi dưỡng học sinh giỏi đạt giải Nhì cấp tỉnh',
  'Lao động tiên tiến năm học 2021-2022',
  'Giấy khen của Giám đốc Sở GD&ĐT',
  'Chiến sĩ thi đua cơ sở hai năm liền',
  'Sáng kiến kinh nghiệm được công nhận cấp huyện',
];

/** 1,500 nominees over two files: achievements of 1 to 12 phrases (some on several lines), repeated positions. */
function bigResult() {
  const noms = (offset: number, n: number) =>
    Array.from({ length: n }, (_, i) => {
      const k = offset + i;
      const phrases = Array.from({ length: 1 + (k % 12) }, (_, j) => PHRASES[(k + j) % PHRASES.length]);
      return nom(9 + i, {
        stt: String(i + 1),
        hoTen: `Nguyễn Thị Thu Hương ${k}`,
        chucVu: k % 3 ? 'Giáo viên' : 'Tổ trưởng chuyên môn kiêm Bí thư Chi đoàn',
        donVi: `Trường Tiểu học Nguyễn Bỉnh Khiêm số ${k % 40}`,
        tomTat: k % 7 ? phrases.join('; ') : phrases.join('\n'),
      });
    });
  return summarise([sub('in/cu-jut.xlsx', unit('cu-jut'), noms(0, 900)), sub('in/krong-no.xlsx', unit('krong-no'), noms(900, 600))], []);
}

/** A worker file in a temporary folder that does `onMessage` (an expression) for every message it gets. */
function fakeWorker(onMessage: string): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-worker-'));
  const file = path.join(dir, 'worker.cjs');
  fs.writeFileSync(file, `require('node:worker_threads').workerData.port.on('message', () => ${onMessage});\n`);
  return { dir, file };
}

/** Answers only when asked for the lines (as a thread would), recording what it was asked. */
function deferred(): LineMeasurer & { asked: string[]; early: number } {
  const pending = new Map<number, { spec: LineSpec; texts: string[]; cols: number[] }>();
  let next = 0;
  const m = {
    asked: [] as string[],
    early: 0,
    request(spec: LineSpec, texts: string[], cols: number[]) {
      texts.forEach((t, i) => m.asked.push(`${cols[i]}\u0000${t}`));
      pending.set(next, { spec, texts: [...texts], cols: [...cols] });
      return next++;
    },
    take(ticket: number) {
      const r = pending.get(ticket);
      if (!r) throw new Error(`ticket ${ticket} taken twice or never asked`);
      pending.delete(ticket);
      // The writer asks for the next batch before taking this one.
      if (pending.size > 0) m.early++;
      return r.texts.map((t, i) => specLines(r.spec, t, r.cols[i]));
    },
  };
  return m;
}

describe('write worker', () => {
  const book = buildConsolidatedBook(bigResult(), rulebook, { reportDate: { y: 2025, m: 12, d: 20 } });
  let here: Uint8Array;

  beforeAll(async () => {
    here = await writeBook(book);
  });

  test('a measurer that answers late gives the same workbook as measuring here, and as the plain model', async () => {
    expect(book.sheets[0].body?.count).toBe(1500);
    const m = deferred();
    expect(await writeBook(book, { measurer: m })).toEqual(here);
    expect(await writeBook(materializeBook(book))).toEqual(here);
    // Several batches, each asked for before the one before it was written.
    expect(m.early).toBeGreaterThan(3);
    // Each distinct text of a column once.
    expect(new Set(m.asked).size).toBe(m.asked.length);
    expect(m.asked.some((a) => a.includes('\n'))).toBe(true);
  });

  test('the worker thread of the command line gives the same workbook as this thread with zlib', async () => {
    cliModule();
    expect(fs.existsSync(WORKER)).toBe(true);
    const w = startWriteWorker(WORKER);
    expect(w).not.toBeNull();
    try {
      const zlibHere = await writeBook(book, { compress: nodeGzip });
      expect(await writeBook(book, { compress: w!.compress, measurer: w!.measurer })).toEqual(zlibHere);
      expect(await writeBook(book, { measurer: w!.measurer })).toEqual(here);
      expect(w!.alive).toBe(true);
    } finally {
      await w!.close();
    }
  }, 60_000);

  test('no worker file: no worker (the writer does it all here)', () => {
    expect(startWriteWorker(path.join(os.tmpdir(), 'dien-hinh-no-such-worker.cjs'))).toBeNull();
  });

  test('a worker that goes away mid-part: WorkerLost, for the caller to write again without it', async () => {
    const { dir, file } = fakeWorker('process.exit(0)');
    const w = startWriteWorker(file, { answerMs: 2000 });
    try {
      await expect(w!.compress(['<sst>', '<si><t>a</t></si>', '</sst>'])).rejects.toBeInstanceOf(WorkerLost);
      expect(w!.alive).toBe(false);
      await expect(w!.compress(['x'])).rejects.toBeInstanceOf(WorkerLost);
    } finally {
      await w!.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a worker that never answers: its texts are measured here once the wait is over, a part fails', async () => {
    const { dir, file } = fakeWorker('undefined');
    const w = startWriteWorker(file, { answerMs: 150 });
    try {
      const m = w!.measurer;
      const spec: LineSpec = { widths: [10, 40], counted: [true, true], size: 12 };
      const texts = [PHRASES.join(' '), 'Giáo viên', PHRASES.join('\n')];
      const cols = [0, 1, 0];
      const t = m.request(spec, texts, cols);
      expect(Array.from(m.take(t))).toEqual(texts.map((x, i) => specLines(spec, x, cols[i])));
      expect(w!.alive).toBe(false);
      // Later requests are measured here at once.
      const t2 = m.request(spec, texts, cols);
      expect(Array.from(m.take(t2))).toEqual(texts.map((x, i) => specLines(spec, x, cols[i])));
    } finally {
      await w!.close();
    }
    const w2 = startWriteWorker(file, { answerMs: 150 });
    try {
      await expect(w2!.compress(['<sst/>'])).rejects.toBeInstanceOf(WorkerLost);
    } finally {
      await w2!.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
