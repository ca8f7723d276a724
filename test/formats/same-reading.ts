/**
 * What "reads as the .xlsx does" means for another format: the same grids, or at least the same
 * check (submissions, nominees, findings) when the files are checked together.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkbooks, type CheckResult, type SourceWorkbook } from '../../src/check/index';
import { defaultRulebook } from '../../src/rules/index';
import type { WorkbookGrid } from '../../src/sheet/grid';
import { formatDate } from '../../src/text/dates';
import { readXlsx } from '../../src/formats/xlsx/read/workbook';
import { EXAMPLES, ROOT } from '../helpers/paths';

export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'xls-ods');

/** The bundled examples' names without extension: each has an .xls and an .ods made from it. */
export const EXAMPLE_NAMES = fs
  .readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.xlsx'))
  .map((f) => f.slice(0, -5))
  .sort();

export function example(name: string): WorkbookGrid {
  return readXlsx(fs.readFileSync(path.join(EXAMPLES, `${name}.xlsx`)));
}

export function fixture(file: string): Uint8Array {
  return fs.readFileSync(path.join(FIXTURES, file));
}

const stem = (file: string) => path.basename(file).replace(/\.(xlsx|xls|ods)$/, '');

/** A check result without the file extensions: what must not depend on the format. */
export function reading(result: CheckResult) {
  const unExt = (s: string) => s.replace(/\.(xlsx|xls|ods)\b/g, '.*');
  return {
    findings: result.findings.map((f) => `${stem(f.file)} | ${f.sheet ?? '-'}!${f.cell ?? '-'} | ${f.ruleId} | ${unExt(f.message)}`).sort(),
    submissions: result.submissions
      .map((s) => ({
        file: stem(s.file),
        sheet: s.sheet,
        unit: s.unit?.id ?? null,
        unitSource: s.unitSource,
        headerRow: s.headerRow,
        date: s.date ? formatDate(s.date) : null,
        dateCell: s.dateCell,
        legacy: s.legacy,
        status: s.status,
        nominees: s.nominations.map((n) => ({ row: n.row, name: n.name, birth: n.birth ? formatDate(n.birth) : null, workplace: n.workplace, level: n.level })),
      }))
      .sort((a, b) => (a.file + a.sheet < b.file + b.sheet ? -1 : 1)),
    summary: result.summary,
  };
}

/** Checks the examples together, each read by `read` from its file in the format `ext`. */
export function checkAll(ext: 'xlsx' | 'xls' | 'ods', read: (bytes: Uint8Array) => WorkbookGrid): CheckResult {
  const sources: SourceWorkbook[] = EXAMPLE_NAMES.map((name) => {
    const file = `${name}.${ext}`;
    const bytes = ext === 'xlsx' ? fs.readFileSync(path.join(EXAMPLES, file)) : fixture(file);
    return { file, workbook: read(bytes) };
  });
  return checkWorkbooks(sources, defaultRulebook);
}

/** A workbook with its merged ranges in one order (readers list them in the order the file does). */
export function canonical(wb: WorkbookGrid): WorkbookGrid {
  const key = (m: { top: number; left: number; bottom: number; right: number }) => [m.top, m.left, m.bottom, m.right];
  const cmp = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];
  return { ...wb, sheets: wb.sheets.map((s) => ({ ...s, merges: [...s.merges].sort((a, b) => cmp(key(a), key(b))) })) };
}

/** The cells where two workbooks differ ("Sheet!R1C4"), comparing values, flags, fonts and formulas. */
export function differingCells(a: WorkbookGrid, b: WorkbookGrid): string[] {
  const canon = (c: unknown) => (c === undefined || c === null ? 'null' : JSON.stringify(Object.fromEntries(Object.entries(c as object).sort(([x], [y]) => (x < y ? -1 : 1)))));
  const out: string[] = [];
  a.sheets.forEach((sheet, s) => {
    const other = b.sheets[s]?.rows ?? [];
    for (let r = 0; r < Math.max(sheet.rows.length, other.length); r++) {
      const x = sheet.rows[r] ?? [];
      const y = other[r] ?? [];
      for (let c = 0; c < Math.max(x.length, y.length); c++) if (canon(x[c]) !== canon(y[c])) out.push(`${sheet.name}!R${r + 1}C${c + 1}`);
    }
  });
  return out;
}
