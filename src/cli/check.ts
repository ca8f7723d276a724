/** `check PATH... [--json] [--rules FILE] [--lang vi|en]` */
import { checkWorkbooks, type Lang } from '../check/index';
import { exitCode, formatText, loadRulebookOption, loadSources, toJsonReport, type Io } from './common';

export interface CheckOpts {
  paths: string[];
  json: boolean;
  rules?: string;
  lang: Lang;
}

export async function runCheck(opts: CheckOpts, io: Io): Promise<number> {
  const rulebook = await loadRulebookOption(opts.rules);
  const sources = await loadSources(opts.paths);
  const result = checkWorkbooks(sources, rulebook);
  if (opts.json) io.stdout(JSON.stringify(toJsonReport(result, opts.lang), null, 2) + '\n');
  else io.stdout(formatText(result, opts.lang));
  return exitCode(result);
}
