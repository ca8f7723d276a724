/** A `--rules` file that is a workbook (the rulebook exported by `rules export`, edited in Excel). */
import * as path from 'node:path';
import { RulebookError, type Rulebook } from '../rules/index';
import { rulebookFromWorkbookOrThrow } from '../consolidate/index';
import { readXlsxFile, UnreadableError } from '../node/files';

/** .xlsx/.xlsm by name, or a zip (a workbook) by its first bytes. */
export function isWorkbookFile(file: string, head: Uint8Array): boolean {
  return /\.(xlsx|xlsm)$/i.test(file) || (head[0] === 0x50 && head[1] === 0x4b);
}

/** The rulebook in the workbook; every mistake listed at its sheet and cell, or the file refused whole. */
export async function loadRulebookWorkbook(file: string): Promise<Rulebook> {
  let wb;
  try {
    wb = await readXlsxFile(file);
  } catch (e) {
    if (!(e instanceof UnreadableError)) throw e;
    throw new RulebookError(`Không đọc được sổ quy tắc "${file}": ${e.info.message}`, `Cannot read the rulebook workbook "${file}": ${e.info.messageEn}`, '');
  }
  return rulebookFromWorkbookOrThrow(wb, path.basename(file));
}
