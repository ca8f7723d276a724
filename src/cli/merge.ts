/** `merge PATH... --out FILE [--json] [--rules FILE] [--lang vi|en]`: check, then write the department workbook. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '../check/index';
import type { SimpleDate } from '../sheet/submission';
import { nodeGzip } from '../xlsx/node';
import { writeConsolidatedXlsxPieces } from '../xlsx/writer';
import { jsonReportPieces } from '../check/index';
import { checkPaths, exitCode, formatText, listInputs, loadRulebookOption, UsageError, type Io } from './common';

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
  const out = path.resolve(opts.out);
  // The output must not overwrite one of the submissions being merged.
  if (files.some((f) => path.resolve(f) === out)) {
    throw new UsageError(`Tệp kết quả "${opts.out}" trùng với một tệp đầu vào. / The output "${opts.out}" is one of the inputs.`);
  }
  // File by file, each read straight into its submissions: memory holds the nominations, not the files' cells.
  const result = await checkPaths(files, rulebook, { merge: true });
  const pieces = await writeConsolidatedXlsxPieces(result, rulebook, { reportDate: opts.reportDate, compress: nodeGzip });
  try {
    await fs.mkdir(path.dirname(out), { recursive: true });
    // Piece by piece: the workbook is never one more copy in memory.
    await fs.writeFile(out, pieces);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr(
      opts.lang === 'en' ? `Cannot write the workbook "${opts.out}": ${detail}\n` : `Không ghi được bảng tổng hợp "${opts.out}": ${detail}\n`,
    );
    return 1;
  }
  if (opts.json) {
    // Written in pieces, as `check --json` writes its report.
    for (const piece of jsonReportPieces(result, opts.lang, undefined, { workbook: opts.out })) io.stdout(piece);
    io.stdout('\n');
  } else {
    io.stdout(formatText(result, opts.lang));
    io.stdout(opts.lang === 'en' ? `Consolidated workbook written: ${opts.out}\n` : `Đã ghi bảng tổng hợp: ${opts.out}\n`);
  }
  return exitCode(result);
}
