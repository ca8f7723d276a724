/** `merge PATH... --out FILE [--json] [--rules FILE] [--lang vi|en]`: check, then write the department workbook. */
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
import { inputIds, OutputRefused, writeOutput } from '../node/output';
import { terminalText } from '../text/terminal';
import { checkPaths, exitCode, listInputs, loadRulebookOption, outputTarget, refusal, textReportPieces, UsageError, type Io } from './common';

export interface MergeOpts {
  paths: string[];
  out: string;
  json: boolean;
  rules?: string;
  lang: Lang;
  /** The report's date; without it the date line is left blank to be written by hand. */
  reportDate?: SimpleDate;
}

export async function runMerge(opts: MergeOpts, io: Io): Promise<number> {
  if (opts.paths.length === 0) throw new UsageError('Hãy chỉ ra ít nhất một tệp hoặc thư mục. / Name at least one file or folder.');
  if (!opts.out) throw new UsageError('Lệnh merge cần --out FILE. / merge needs --out FILE.');
  const rulebook = await loadRulebookOption(opts.rules);
  const files = await listInputs(opts.paths);
  // The output must be none of the files read (by any name) and a plain file: checked before any work.
  const inputs = await inputIds(opts.rules ? [...files, opts.rules] : files);
  const target = await outputTarget(opts.out, inputs);
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
  const written = writeOutput(target, pieces, inputs).then(
    () => null,
    (e: unknown) => e,
  );
  const report = opts.json ? [...jsonReportPieces(result, opts.lang, undefined, { workbook: opts.out })] : null;
  const failed = await written;
  pieces = [];
  // Refused at the last moment (the output changed into an input meanwhile): a misuse, as before the work.
  if (failed instanceof OutputRefused) throw refusal(failed);
  if (failed !== null) {
    const why = terminalText(failed instanceof Error ? failed.message : String(failed));
    io.stderr(
      opts.lang === 'en' ? `Cannot write the workbook "${terminalText(opts.out)}": ${why}\n` : `Không ghi được bảng tổng hợp "${terminalText(opts.out)}": ${why}\n`,
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
