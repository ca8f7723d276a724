/** `rules export --out FILE [--rules FILE]`: the rulebook in force as a workbook the office edits in Excel. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { buildRulebookBook } from '../consolidate/index';
import { writeBook } from '../formats/xlsx/write/workbook';
import { loadRulebookOption, UsageError, type Io } from './common';

export interface RulesOpts {
  /** The subcommand: `export`. */
  action: string;
  out?: string;
  rules?: string;
}

export async function runRules(opts: RulesOpts, io: Io): Promise<number> {
  if (opts.action !== 'export') throw new UsageError(`Lệnh rules chỉ có "rules export --out FILE". / rules has one subcommand: "rules export --out FILE".`);
  if (!opts.out) throw new UsageError('Lệnh rules export cần --out FILE. / rules export needs --out FILE.');
  if (!/\.xlsx$/i.test(opts.out)) throw new UsageError(`Tệp ghi ra phải có đuôi .xlsx: "${opts.out}". / The output must be an .xlsx file.`);
  const rulebook = await loadRulebookOption(opts.rules);
  const bytes = await writeBook(buildRulebookBook(rulebook));
  try {
    await fs.mkdir(path.dirname(path.resolve(opts.out)), { recursive: true });
    await fs.writeFile(opts.out, bytes);
  } catch (e) {
    io.stderr(`Không ghi được sổ quy tắc "${opts.out}" / Cannot write the rulebook workbook: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  io.stdout(
    `Đã ghi sổ quy tắc "${rulebook.name}": ${opts.out}\n` +
      `Sửa trong Excel rồi dùng lại: --rules ${opts.out} / Edit it in Excel, then use it with --rules ${opts.out}\n`,
  );
  return 0;
}
