/**
 * Sized rows measured elsewhere (book-xml's LineMeasurer; the command line's worker thread,
 * src/xlsx/node-lines.ts): the workbook is the one measured here, byte for byte, over many
 * batches of rows; each distinct text of a column is measured once; a worker that is missing or
 * silent leaves the measuring to this thread.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildConsolidatedBook, materializeBook } from '../../src/consolidate/index';
import { specLines, type LineSpec } from '../../src/consolidate/book';
import { writeBook, type LineMeasurer } from '../../src/xlsx/writer';
import { startLineMeasurer } from '../../src/xlsx/node-lines';
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

describe('line measurer', () => {
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

  test('the worker thread of the command line gives the same workbook', async () => {
    cliModule();
    expect(fs.existsSync(WORKER)).toBe(true);
    const m = startLineMeasurer(WORKER);
    expect(m).not.toBeNull();
    try {
      expect(await writeBook(book, { measurer: m! })).toEqual(here);
      expect(m!.alive).toBe(true);
    } finally {
      await m!.close();
    }
  }, 60_000);

  test('no worker file: no measurer (the writer measures here)', () => {
    expect(startLineMeasurer(path.join(os.tmpdir(), 'dien-hinh-no-such-worker.cjs'))).toBeNull();
  });

  test('a worker that never answers: its texts are measured here, once the wait is over', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-silent-'));
    const file = path.join(dir, 'silent.cjs');
    fs.writeFileSync(file, "require('node:worker_threads').workerData.port.on('message', () => {});\n");
    const m = startLineMeasurer(file, { answerMs: 150 });
    try {
      const spec: LineSpec = { widths: [10, 40], counted: [true, true], size: 12 };
      const texts = [PHRASES.join(' '), 'Giáo viên', PHRASES.join('\n')];
      const cols = [0, 1, 0];
      const t = m!.request(spec, texts, cols);
      expect(Array.from(m!.take(t))).toEqual(texts.map((x, i) => specLines(spec, x, cols[i])));
      expect(m!.alive).toBe(false);
      // Later requests are measured here at once.
      const t2 = m!.request(spec, texts, cols);
      expect(Array.from(m!.take(t2))).toEqual(texts.map((x, i) => specLines(spec, x, cols[i])));
    } finally {
      await m!.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
