/** `template --out FILE [--unit NAME] [--rules FILE]`: the standard nomination sheet, for a unit if named. */
import { findUnit } from '../rules/index';
import { buildTemplateBook } from '../consolidate/index';
import { writeBook } from '../formats/xlsx/write/workbook';
import { inputIds, OutputRefused, writeOutput } from '../node/output';
import { terminalText } from '../text/terminal';
import { loadRulebookOption, outputTarget, refusal, UsageError, type Io } from './common';

export interface TemplateOpts {
  out: string;
  /** Name, alias or id of a unit of the registry (accents and case ignored). */
  unit?: string;
  rules?: string;
}

export async function runTemplate(opts: TemplateOpts, io: Io): Promise<number> {
  if (!opts.out) throw new UsageError('Lệnh template cần --out FILE. / template needs --out FILE.');
  const rulebook = await loadRulebookOption(opts.rules);
  let unitId: string | undefined;
  if (opts.unit !== undefined) {
    const unit = findUnit(rulebook, opts.unit);
    if (!unit) {
      const known = rulebook.units.map((u) => `  - ${u.name} (${u.id})`).join('\n');
      throw new UsageError(`Không có đơn vị "${opts.unit}" trong danh sách đơn vị. / No unit "${opts.unit}" in the registry.\n${known}`);
    }
    unitId = unit.id;
  }
  // The rulebook is read from a file too: the template must not be written over it.
  const inputs = await inputIds(opts.rules ? [opts.rules] : []);
  const target = await outputTarget(opts.out, inputs);
  const bytes = await writeBook(buildTemplateBook(rulebook, { unitId }));
  try {
    await writeOutput(target, [bytes], inputs);
  } catch (e) {
    if (e instanceof OutputRefused) throw refusal(e);
    io.stderr(`Không ghi được tệp mẫu "${terminalText(opts.out)}" / Cannot write the template: ${terminalText(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
  const unit = unitId ? rulebook.units.find((u) => u.id === unitId)?.name : null;
  io.stdout(`Đã ghi mẫu danh sách đề cử${unit ? ` cho ${unit}` : ''}: ${opts.out}\n`);
  return 0;
}
