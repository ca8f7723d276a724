/** `check PATH... [--json] [--rules FILE] [--lang vi|en]` */
import type { Lang } from '../check/index';
import { checkPaths, exitCode, formatText, loadRulebookOption, toJsonReport, type Io } from './common';

export interface CheckOpts {
  paths: string[];
  json: boolean;
  rules?: string;
  lang: Lang;
}

export async function runCheck(opts: CheckOpts, io: Io): Promise<number> {
  const rulebook = await loadRulebookOption(opts.rules);
  const result = await checkPaths(opts.paths, rulebook);
  if (opts.json) io.stdout(JSON.stringify(toJsonReport(result, opts.lang), null, 2) + '\n');
  else io.stdout(formatText(result, opts.lang));
  return exitCode(result);
}
