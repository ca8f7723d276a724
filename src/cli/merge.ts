/** `merge PATH... --out FILE [--json] [--rules FILE] [--lang vi|en]`: check, then write the department workbook. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../check/index';
import type { SimpleDate } from '../sheet/submission';
import { nodeGzip } from '../node/gzip';
import { startWriteWorker, WorkerLost } from '../node/write-worker';
import type { Compressor } from '../formats/zip/write';
import type { LineMeasurer } from '../formats/xlsx/write/workbook';
import type { CheckResult } from '../check/result';
import { writeBookPieces } from '../formats/xlsx/write/workbook';
import { buildConsolidatedBook } from '../consolidate/index';
import { jsonReportPieces } from '../check/index';
import { checkPaths, exitCode, listInputs, loadRulebookOption, textReportPieces, UsageError, type Io } from './common';

export interface MergeOpts {
  paths: string[];
  out: string;
  json: boolean;
  rules?: string;
  lang: Lang;
  /** The report's date; without it the date line is left blank to be written by hand. */
  reportDate?: SimpleDate;
}

/** Opens the workbook's file for writing, its folder made first. */
async function openOut(file: string): Promise<fs.FileHandle> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  return fs.open(file, 'w');
}

/**
 * The workbook's pieces with gathered writes (writev), then the file closed: written piece by
 * piece, each piece is a round trip to the thread pool. The pieces are never joined into one more copy.
 */
async function writeAll(handle: fs.FileHandle, pieces: Uint8Array[]): Promise<void> {
  try {
    let rest = pieces;
    while (rest.length > 0) {
      const { bytesWritten } = await handle.writev(rest);
      rest = remaining(rest, bytesWritten);
    }
  } finally {
    await handle.close();
  }
}

/** The pieces after the first `n` bytes (a short write leaves the rest to write again). */
function remaining(pieces: Uint8Array[], n: number): Uint8Array[] {
  let i = 0;
  while (i < pieces.length && n >= pieces[i].length) n -= pieces[i++].length;
  if (i >= pieces.length) return [];
  if (n === 0 && i === 0 && pieces[0].length > 0) throw new Error('nothing written');
  return [pieces[i].subarray(n), ...pieces.slice(i + 1)];
}

export async function runMerge(opts: MergeOpts, io: Io): Promise<number> {
  if (opts.paths.length === 0) throw new UsageError('Hãy chỉ ra ít nhất một tệp hoặc thư mục. / Name at least one file or folder.');
  if (!opts.out) throw new UsageError('Lệnh merge cần --out FILE. / merge needs --out FILE.');
  const rulebook = await loadRulebookOption(opts.rules);
  const files = await listInputs(opts.paths);
  const out = path.resolve(opts.out);
  // The output must not overwrite one of the submissions being merged.
  if (files.some((f) => path.resolve(f) === out)) {
    throw new UsageError(`Tệp kết quả "${opts.out}" trùng với một tệp đầu vào. / The output "${opts.out}" is one of the inputs.`);
  }
  // Started first, so the thread is up by the time the workbook is written (null outside the bundle).
  const helper = startWriteWorker(path.join(__dirname, 'write-worker.cjs'));
  let pieces: Uint8Array[];
  let result: CheckResult;
  try {
    // File by file, each read straight into its submissions: memory holds the nominations, not the files' cells.
    result = await checkPaths(files, rulebook, { merge: true });
    const write = (compress: Compressor, measurer?: LineMeasurer) =>
      writeBookPieces(buildConsolidatedBook(result, rulebook, { reportDate: opts.reportDate }), { compress, measurer });
    try {
      pieces = helper ? await write(helper.compress, helper.measurer) : await write(nodeGzip);
    } catch (e) {
      // The worker went away mid-part: the same workbook, written on this thread alone.
      if (!(e instanceof WorkerLost)) throw e;
      pieces = await write(nodeGzip);
    }
  } finally {
    await helper?.close();
  }
  // The file is written on the thread pool while the report is made here; the report is given
  // only once the workbook is on disk.
  const written = openOut(out).then((handle) => writeAll(handle, pieces)).then(
    () => null,
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
  const report = opts.json ? [...jsonReportPieces(result, opts.lang, undefined, { workbook: opts.out })] : null;
  const failed = await written;
  pieces = [];
  if (failed !== null) {
    io.stderr(
      opts.lang === 'en' ? `Cannot write the workbook "${opts.out}": ${failed}\n` : `Không ghi được bảng tổng hợp "${opts.out}": ${failed}\n`,
    );
    return 1;
  }
  if (report) {
    // Written in pieces, as `check --json` writes its report.
    for (const piece of report) io.stdout(piece);
    io.stdout('\n');
  } else {
    for (const piece of textReportPieces(result, opts.lang)) io.stdout(piece);
    io.stdout(opts.lang === 'en' ? `Consolidated workbook written: ${opts.out}\n` : `Đã ghi bảng tổng hợp: ${opts.out}\n`);
  }
  return exitCode(result);
}
