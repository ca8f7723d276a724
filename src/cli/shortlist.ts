/**
 * `shortlist CONSOLIDATED.xlsx [--out FILE] [--json] [--rules FILE] [--lang vi|en] [--date dd/mm/yyyy]`:
 * checks the nominees the office marked in `Đề nghị Bộ` of the consolidated workbook's `Tổng hợp`
 * against the shortlist quota (Quyết định 4996/QĐ-BGDĐT); with --out, and no error, writes the proposal
 * workbook (`Tờ trình`, `Danh sách đề nghị`). The report and the exit status are those of `check`.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { jsonReportPieces, type Lang } from '../check/index';
import { buildProposalBook, runShortlist } from '../consolidate/index';
import { writeBook } from '../formats/xlsx/write/workbook';
import type { SimpleDate } from '../sheet/submission';
import { exitCode, loadRulebookOption, loadSource, textReportPieces, UsageError, type Io } from './common';

export interface ShortlistOpts {
  file: string;
  out?: string;
  json: boolean;
  rules?: string;
  lang: Lang;
  /** The submission's date; without it the date line is left blank to be written by hand. */
  date?: SimpleDate;
}

export async function runShortlistCommand(opts: ShortlistOpts, io: Io): Promise<number> {
  if (opts.out && path.resolve(opts.out) === path.resolve(opts.file)) {
    throw new UsageError(`Tệp kết quả "${opts.out}" trùng với bảng tổng hợp. / The output "${opts.out}" is the consolidated workbook itself.`);
  }
  const rulebook = await loadRulebookOption(opts.rules);
  const src = await loadSource(opts.file);
  const outcome = runShortlist(opts.file, src.workbook ?? { unreadable: src.unreadable ?? { code: 'error', message: 'không có dữ liệu', messageEn: 'no data' } }, rulebook);
  const { result } = outcome;
  const en = opts.lang === 'en';
  let written: string | null = null;
  let note = '';
  if (opts.out && outcome.read) {
    if (result.summary.errors > 0) {
      // An official document is not written while the choice breaks the rules.
      note = en
        ? `The proposal was not written: correct the errors above in "Đề nghị Bộ" first.\n`
        : `Chưa ghi tờ trình: hãy sửa các lỗi trên ở cột "Đề nghị Bộ" trước.\n`;
    } else {
      const bytes = await writeBook(buildProposalBook(rulebook, outcome.proposed, { date: opts.date, listed: outcome.listed }));
      try {
        await fs.mkdir(path.dirname(path.resolve(opts.out)), { recursive: true });
        await fs.writeFile(opts.out, bytes);
        written = opts.out;
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        io.stderr(en ? `Cannot write the proposal "${opts.out}": ${why}\n` : `Không ghi được tờ trình "${opts.out}": ${why}\n`);
        return 1;
      }
    }
  }
  if (opts.json) {
    for (const piece of jsonReportPieces(result, opts.lang, undefined, written ? { workbook: written } : {})) io.stdout(piece);
    io.stdout('\n');
    if (note) io.stderr(note);
  } else {
    for (const piece of textReportPieces(result, opts.lang)) io.stdout(piece);
    const n = outcome.proposed.length;
    if (outcome.read) io.stdout(en ? `Marked for the Ministry: ${n} teacher(s).\n` : `Số nhà giáo được đánh dấu đề nghị Bộ: ${n}.\n`);
    if (note) io.stdout(note);
    if (written) io.stdout(en ? `Proposal written: ${written}\n` : `Đã ghi tờ trình: ${written}\n`);
  }
  return exitCode(result);
}
