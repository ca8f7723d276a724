/** `check PATH... [--json] [--rules FILE] [--lang vi|en]` */
import { jsonReportPieces, type Lang } from '../check/index';
import { checkPaths, exitCode, loadRulebookOption, textReportPieces, type Io } from './common';

export interface CheckOpts {
  paths: string[];
  json: boolean;
  rules?: string;
  lang: Lang;
}

export async function runCheck(opts: CheckOpts, io: Io): Promise<number> {
  const rulebook = await loadRulebookOption(opts.rules);
  const result = await checkPaths(opts.paths, rulebook);
  if (opts.json) {
    // Written in pieces: the same text as JSON.stringify(report, null, 2), never held whole.
    for (const piece of jsonReportPieces(result, opts.lang)) io.stdout(piece);
    io.stdout('\n');
  } else for (const piece of textReportPieces(result, opts.lang)) io.stdout(piece);
  return exitCode(result);
}
