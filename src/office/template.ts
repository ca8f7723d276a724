/// <reference types="office-js" />
/**
 * Inserting a sheet into the open workbook: the whole template file where Excel can take it
 * (ExcelApi 1.13, keeps formats, dropdowns and the hidden lists sheet), else its values written as
 * one 2-D array per chunk on a new sheet (ExcelApi 1.1; merges from 1.2).
 */
import type { CellValue, Grid, MergeRange } from '../sheet/grid';
import { boxAddress } from '../sheet/address';
import { jsonBytes, requestCost, runChunked, type QueuedOp } from './batch';
import { officeStep } from './errors';
import { FEATURE_SETS, type ExcelSupport } from './support';

export interface SheetValues {
  name: string;
  /** rows[r][c] from A1; '' for an empty cell. */
  values: CellValue[][];
  /** Same shape as values: '@' text, a date format, or 'General'. */
  numberFormat: string[][];
  /** Column widths in characters, from column A. */
  columnWidths?: number[];
  merges?: MergeRange[];
}

const MERGE_SET = '1.2';
const DATE_FORMAT = 'dd/mm/yyyy';
const DEFAULT_BUDGET = 4 * 1024 * 1024;

/**
 * A grid as values to write: texts as text ('@', so "(1)" stays "(1)" and "=…" never becomes a
 * formula). Blank cells stay General, so numbers and dates typed there later are numbers and dates.
 */
export function gridToSheetValues(grid: Grid, columnWidths?: number[]): SheetValues {
  let width = 0;
  for (const row of grid.rows) if (row) width = Math.max(width, row.length);
  const height = grid.rows.length;
  const values: CellValue[][] = [];
  const numberFormat: string[][] = [];
  for (let r = 0; r < height; r++) {
    const vr: CellValue[] = [];
    const fr: string[] = [];
    for (let c = 0; c < width; c++) {
      const cell = grid.rows[r]?.[c];
      const v = cell ? cell.v : '';
      vr.push(v === null ? '' : v);
      fr.push(cell?.date ? DATE_FORMAT : typeof v === 'string' && v !== '' ? '@' : 'General');
    }
    values.push(vr);
    numberFormat.push(fr);
  }
  return { name: grid.name, values, numberFormat, columnWidths, merges: grid.merges };
}

const BAD_NAME_CHARS = /[[\]:*?/\\]/g;

/** A sheet name Excel accepts and that is not taken: "Danh sách", "Danh sách (2)"… */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  const base = (wanted.replace(BAD_NAME_CHARS, ' ').replace(/^'+|'+$/g, '').trim() || 'Sheet').slice(0, 31);
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/** Excel column width is in points here; one character of the default font is about 5.25 pt. */
function widthPoints(chars: number): number {
  return Math.round(chars * 5.25 + 4);
}

/** Writes `sheet` on a new sheet and activates it; returns the name it got. */
export async function insertSheetFromValues(ctx: Excel.RequestContext, sheet: SheetValues, opts: { support: ExcelSupport; maxPayloadBytes?: number }): Promise<string> {
  const doing = { vi: `chèn trang “${sheet.name}”`, en: `insert sheet “${sheet.name}”` };
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name');
  await officeStep(doing, () => ctx.sync());
  const name = uniqueSheetName(sheet.name, sheets.items.map((w) => w.name));
  const height = sheet.values.length;
  const width = height ? Math.max(...sheet.values.map((r) => r.length)) : 0;
  let ws: Excel.Worksheet | null = null;
  const target = (): Excel.Worksheet => (ws ??= ctx.workbook.worksheets.getItem(name));
  const budget = opts.maxPayloadBytes ?? DEFAULT_BUDGET;
  const ops: QueuedOp[] = [{ bytes: requestCost(1, 0, [name]), apply: () => { ws = ctx.workbook.worksheets.add(name); } }];
  // Blocks of whole rows, each at most half the budget as JSON (a sheet of long texts gets more).
  for (let r = 0; r < height && width > 0; ) {
    const part: CellValue[][] = [];
    const fmt: string[][] = [];
    let bytes = requestCost(2, 2, ['A1:ZZ1048576']);
    while (r < height) {
      const vr = pad(sheet.values[r], width, '');
      const fr = pad(sheet.numberFormat[r] ?? [], width, 'General');
      const rowBytes = jsonBytes(vr) + jsonBytes(fr) + 2;
      if (part.length > 0 && bytes + rowBytes > budget / 2) break;
      part.push(vr);
      fmt.push(fr);
      bytes += rowBytes;
      r++;
    }
    const address = boxAddress({ top: r - part.length, left: 0, bottom: r - 1, right: width - 1 });
    ops.push({
      bytes,
      apply: () => {
        const range = target().getRange(address);
        range.numberFormat = fmt; // before the values, so texts are taken as text
        range.values = part;
      },
    });
  }
  (sheet.columnWidths ?? []).forEach((w, c) => {
    if (c >= Math.max(width, 1)) return;
    ops.push({ bytes: requestCost(2, 1, ['XFD1', widthPoints(w)]), apply: () => { target().getRange(boxAddress({ top: 0, left: c, bottom: 0, right: c })).format.columnWidth = widthPoints(w); } });
  });
  if (opts.support.excelApi(MERGE_SET)) {
    for (const m of sheet.merges ?? []) {
      if (m.bottom >= height || m.right >= width) continue;
      ops.push({ bytes: requestCost(1, 1, [boxAddress(m), false]), apply: () => target().getRange(boxAddress(m)).merge(false) });
    }
  }
  ops.push({ bytes: requestCost(0, 1), apply: () => target().activate() });
  await runChunked(ctx, ops, budget, doing);
  return name;
}

function pad<T>(row: T[], width: number, fill: T): T[] {
  if (row.length >= width) return row;
  return [...row, ...new Array<T>(width - row.length).fill(fill)];
}

/** Inserts every sheet of an .xlsx (ExcelApi 1.13) at the end and activates the first visible one. */
export async function insertSheetsFromBase64(ctx: Excel.RequestContext, base64: string, opts: { support: ExcelSupport }): Promise<string[]> {
  if (!opts.support.excelApi(FEATURE_SETS.insertFromBase64)) {
    throw new Error('insertSheetsFromBase64 needs ExcelApi 1.13; use insertSheetFromValues');
  }
  const doing = { vi: 'chèn trang mẫu vào sổ làm việc', en: 'insert the template into the workbook' };
  const ids = ctx.workbook.insertWorksheetsFromBase64(base64, { positionType: 'End' });
  await officeStep(doing, () => ctx.sync());
  const inserted = ids.value.map((id) => {
    const w = ctx.workbook.worksheets.getItem(id);
    w.load('name,visibility');
    return w;
  });
  await officeStep(doing, () => ctx.sync());
  const first = inserted.find((w) => w.visibility === 'Visible');
  if (first) {
    first.activate();
    await officeStep(doing, () => ctx.sync());
  }
  return inserted.map((w) => w.name);
}
