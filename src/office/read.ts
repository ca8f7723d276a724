/// <reference types="office-js" />
/**
 * Worksheets -> grids (src/sheet/grid.ts), in few round trips: the sheet list and the used
 * ranges' sizes first, then every sheet's values, number formats and formulas in as few syncs as
 * the payload limit allows (Excel on the web refuses more than 5 MB per request or response, so
 * big ranges are read in row blocks, still several blocks per sync). Rows and columns keep the
 * sheet's own positions: a used range starting at C5 fills grid.rows[4][2].
 */
import type { CellValue, Grid, GridCell, MergeRange, WorkbookGrid } from '../sheet/grid';
import { isDateFormatCode } from '../sheet/number-format';
import { boxAddress, parseAreas, type Box } from '../sheet/address';
import { utf8Length } from './batch';
import { isPayloadTooLarge, officeError, officeStep, OfficeOpError } from './errors';
import { MARKS_SHEET } from './marks';
import { FEATURE_SETS, type ExcelSupport } from './support';

export interface ReadProgress {
  /** Sheets whose data has arrived, of `total`. */
  done: number;
  total: number;
  sheet: string;
}

export interface ReadOptions {
  support: ExcelSupport;
  /** Budget for one sync's response, in bytes (estimated). Default 4 MB, under the web's 5 MB. */
  maxPayloadBytes?: number;
  /** Refuse sheets larger than this many cells (a formatted whole column makes 1M-row ranges). */
  maxCells?: number;
  onProgress?: (p: ReadProgress) => void;
}

export const DEFAULT_MAX_PAYLOAD = 4 * 1024 * 1024;
export const DEFAULT_MAX_CELLS = 5_000_000;
/**
 * Estimated response bytes per cell for values + formulas + numberFormat: a text cell travels twice
 * (values and formulas), so a sheet of names and achievement summaries averages 50–60 bytes.
 */
export const BYTES_PER_CELL = 64;
/** Fonts are read per column (one value each); past this many columns they are not read. */
const MAX_FONT_COLUMNS = 256;
/** Excel fails getMergedAreas beyond 512 areas: on long sheets look only where headers and footers are. */
const MERGE_FULL_ROWS = 1000;
const MERGE_HEAD_ROWS = 200;
const MERGE_TAIL_ROWS = 100;
/** Rows read to measure real sizes after Excel refused a payload. */
const SAMPLE_ROWS = 20;

/** Literal error values as Excel returns them in Range.values. */
const ERROR_VALUES = new Set([
  '#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA', '#SPILL!', '#CALC!',
  '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#PYTHON!',
]);

interface SheetInfo {
  name: string;
  hidden: boolean;
  /** The used range, or null when the sheet is empty. */
  box: Box | null;
}

/** One row block of one sheet, read in one piece. */
interface Block {
  sheet: number;
  top: number;
  bottom: number;
}

interface BlockResult {
  /** Null until known: the bulk read loads only `formulas`, which hold every constant's value. */
  values: CellValue[][] | null;
  formulas: unknown[][];
  numberFormat: unknown[][];
}

function visibilityHidden(v: string): boolean {
  return v !== 'Visible';
}

/** Reads the active sheet: 2 syncs for an ordinary sheet (its size, then its data). */
export async function readActiveSheetGrid(ctx: Excel.RequestContext, opts: ReadOptions): Promise<WorkbookGrid> {
  const ws = ctx.workbook.worksheets.getActiveWorksheet();
  ws.load('name,visibility');
  const used = usedRange(ws, opts.support);
  await officeStep({ vi: 'đọc trang tính đang mở', en: 'read the active sheet' }, () => ctx.sync());
  const info: SheetInfo = { name: ws.name, hidden: visibilityHidden(ws.visibility), box: boxOf(used) };
  return { sheets: await readSheets(ctx, [info], opts) };
}

/**
 * Reads every sheet of the workbook (hidden ones too, flagged), except the add-in's own marks
 * sheet: 3 syncs for ordinary workbooks (names, used ranges, data).
 */
export async function readAllSheetGrids(ctx: Excel.RequestContext, opts: ReadOptions): Promise<WorkbookGrid> {
  const sheets = ctx.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  await officeStep({ vi: 'đọc danh sách trang tính', en: 'list the sheets' }, () => ctx.sync());
  const items = sheets.items.filter((w) => w.name !== MARKS_SHEET);
  const used = items.map((w) => usedRange(w, opts.support));
  if (items.length > 0) {
    await officeStep({ vi: 'đọc kích thước các trang tính', en: 'measure the sheets' }, () => ctx.sync());
  }
  const infos: SheetInfo[] = items.map((w, i) => ({ name: w.name, hidden: visibilityHidden(w.visibility), box: boxOf(used[i]) }));
  return { sheets: await readSheets(ctx, infos, opts) };
}

/** The used range, values only where Excel can; its position is loaded. */
function usedRange(ws: Excel.Worksheet, support: ExcelSupport): Excel.Range {
  let r: Excel.Range;
  if (support.excelApi(FEATURE_SETS.orNullObject)) r = ws.getUsedRangeOrNullObject(true);
  else if (support.excelApi(FEATURE_SETS.usedRangeValuesOnly)) r = ws.getUsedRange(true);
  else r = ws.getUsedRange();
  r.load('rowIndex,columnIndex,rowCount,columnCount');
  return r;
}

function boxOf(r: Excel.Range): Box | null {
  if (r.isNullObject) return null;
  return { top: r.rowIndex, left: r.columnIndex, bottom: r.rowIndex + r.rowCount - 1, right: r.columnIndex + r.columnCount - 1 };
}

function cellsOf(b: Box): number {
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

/**
 * Takes blocks from the head of `queue` (splitting the last one) until the estimated response
 * reaches `budget` bytes: the blocks for one sync.
 */
function takeBatch(queue: Block[], infos: SheetInfo[], budget: number, bytesPerCell: number): Block[] {
  const batch: Block[] = [];
  let bytes = 0;
  while (queue.length > 0) {
    const b = queue[0];
    const box = infos[b.sheet].box!;
    const rowBytes = (box.right - box.left + 1) * bytesPerCell;
    const room = Math.floor((budget - bytes) / rowBytes);
    if (room < 1) {
      if (batch.length > 0) break;
      batch.push({ ...b, bottom: b.top }); // one row always goes, whatever the estimate
      if (b.top === b.bottom) queue.shift();
      else queue[0] = { ...b, top: b.top + 1 };
      break;
    }
    const rows = b.bottom - b.top + 1;
    if (rows <= room) {
      batch.push(queue.shift()!);
      bytes += rows * rowBytes;
    } else {
      batch.push({ ...b, bottom: b.top + room - 1 });
      queue[0] = { ...b, top: b.top + room };
      break;
    }
  }
  return batch;
}

/** How many bytes a block's data takes in the response (as JSON, UTF-8). */
function responseBytes(data: BlockResult): number {
  return (data.values ? utf8Length(JSON.stringify(data.values)) : 0) + utf8Length(JSON.stringify(data.formulas)) + utf8Length(JSON.stringify(data.numberFormat));
}

async function readSheets(ctx: Excel.RequestContext, infos: SheetInfo[], opts: ReadOptions): Promise<Grid[]> {
  const maxCells = opts.maxCells ?? DEFAULT_MAX_CELLS;
  for (const info of infos) {
    if (info.box && cellsOf(info.box) > maxCells) {
      const n = cellsOf(info.box).toLocaleString('vi-VN');
      throw new OfficeOpError(
        `Trang tính “${info.name}” có vùng dữ liệu quá lớn (${boxAddress(info.box)}, ${n} ô). Hãy xóa định dạng hoặc dữ liệu thừa ở các dòng, cột trống rồi kiểm tra lại.`,
        `Sheet “${info.name}” has too large a used range (${boxAddress(info.box)}, ${n} cells). Clear the formatting or data in unused rows and columns, then check again.`,
        'TooLarge',
        null,
      );
    }
  }
  const budget = opts.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD;
  const grids: Grid[] = infos.map((info) => ({ name: info.name, ...(info.hidden ? { hidden: true } : {}), rows: [], merges: [] }));
  const fonts: (string | null)[][] = infos.map(() => []);
  const extrasQueued = new Set<number>();
  const queue: Block[] = [];
  infos.forEach((info, sheet) => {
    if (info.box) queue.push({ sheet, top: info.box.top, bottom: info.box.bottom });
  });
  const rowsLeft = infos.map((info) => (info.box ? info.box.bottom - info.box.top + 1 : 0));
  let done = infos.filter((i) => !i.box).length;
  let bytesPerCell = BYTES_PER_CELL;
  const sheetObjs = new Map<number, Excel.Worksheet>();
  const sheetOf = (i: number): Excel.Worksheet => {
    let w = sheetObjs.get(i);
    if (!w) {
      w = ctx.workbook.worksheets.getItem(infos[i].name);
      sheetObjs.set(i, w);
    }
    return w;
  };
  const queueBlock = (b: Block): Excel.Range => {
    const box = infos[b.sheet].box!;
    const r = sheetOf(b.sheet).getRange(boxAddress({ top: b.top, bottom: b.bottom, left: box.left, right: box.right }));
    // `formulas` alone: a constant's formula is its value, so text travels once, not twice; only
    // formula cells need `values` (their cached results), fetched afterwards.
    r.load('numberFormat,formulas');
    return r;
  };
  const pendingFormulas: PendingFormula[] = [];
  const place = (b: Block, r: Excel.Range): BlockResult => {
    const data: BlockResult = { values: null, formulas: r.formulas, numberFormat: r.numberFormat };
    placeBlock(grids[b.sheet], infos[b.sheet].box!, b, data, (row, col, fmt) => pendingFormulas.push({ sheet: b.sheet, row, col, fmt }));
    rowsLeft[b.sheet] -= b.bottom - b.top + 1;
    if (rowsLeft[b.sheet] === 0) {
      done += 1;
      opts.onProgress?.({ done, total: infos.length, sheet: infos[b.sheet].name });
    }
    return data;
  };
  const failure = (blocks: Block[], err: unknown): OfficeOpError => {
    const names = [...new Set(blocks.map((b) => infos[b.sheet].name))].map((n) => `“${n}”`).join(', ');
    return officeError(err, { vi: `đọc dữ liệu trang tính ${names}`, en: `read the data of sheet ${names}` });
  };

  while (queue.length > 0) {
    const blocks = takeBatch(queue, infos, budget, bytesPerCell);
    const ranges = blocks.map(queueBlock);
    // Per-column fonts and merged areas: once per sheet, with its first block.
    const extras: { sheet: number; fonts: Excel.RangeFont[]; merges: Excel.RangeAreas[] }[] = [];
    for (const b of blocks) {
      if (extrasQueued.has(b.sheet)) continue;
      extrasQueued.add(b.sheet);
      extras.push(queueExtras(sheetOf(b.sheet), infos[b.sheet].box!, b.sheet, opts.support));
    }
    try {
      await ctx.sync();
    } catch (err) {
      const rows = blocks.reduce((n, b) => n + b.bottom - b.top + 1, 0);
      if (!isPayloadTooLarge(err) || rows <= 1) throw failure(blocks, err);
      // The texts are longer than estimated: measure a few rows, then plan again with the truth.
      for (const e of extras) extrasQueued.delete(e.sheet);
      queue.unshift(...blocks);
      const first = queue[0];
      const sample: Block = { sheet: first.sheet, top: first.top, bottom: Math.min(first.bottom, first.top + SAMPLE_ROWS - 1) };
      const r = queueBlock(sample);
      try {
        await ctx.sync();
      } catch (err2) {
        if (!isPayloadTooLarge(err2)) throw failure([sample], err2);
        bytesPerCell *= 8;
        continue;
      }
      const data = place(sample, r);
      if (sample.bottom === first.bottom) queue.shift();
      else queue[0] = { ...first, top: sample.bottom + 1 };
      const box = infos[sample.sheet].box!;
      const measured = responseBytes(data) / ((sample.bottom - sample.top + 1) * (box.right - box.left + 1));
      bytesPerCell = Math.max(bytesPerCell * 2, Math.ceil(measured * 1.25));
      continue;
    }
    blocks.forEach((b, k) => place(b, ranges[k]));
    for (const e of extras) {
      fonts[e.sheet] = e.fonts.map((f) => f.name ?? null);
      grids[e.sheet].merges = mergesFrom(e.merges);
    }
  }
  await readFormulaValues(ctx, sheetOf, grids, pendingFormulas, budget, infos);
  infos.forEach((info, i) => {
    if (info.box) applyFonts(grids[i], info.box, fonts[i]);
    padRows(grids[i], info.box);
  });
  return grids;
}

function queueExtras(ws: Excel.Worksheet, box: Box, sheet: number, support: ExcelSupport) {
  const fonts: Excel.RangeFont[] = [];
  const width = box.right - box.left + 1;
  if (width <= MAX_FONT_COLUMNS) {
    for (let c = box.left; c <= box.right; c++) {
      const f = ws.getRange(boxAddress({ top: box.top, bottom: box.bottom, left: c, right: c })).format.font;
      f.load('name');
      fonts.push(f);
    }
  }
  const merges: Excel.RangeAreas[] = [];
  if (support.excelApi(FEATURE_SETS.mergedAreas)) {
    const height = box.bottom - box.top + 1;
    const parts: Box[] =
      height <= MERGE_FULL_ROWS
        ? [box]
        : [
            { ...box, bottom: box.top + MERGE_HEAD_ROWS - 1 },
            { ...box, top: box.bottom - MERGE_TAIL_ROWS + 1 },
          ];
    for (const p of parts) {
      const m = ws.getRange(boxAddress(p)).getMergedAreasOrNullObject();
      m.load('address');
      merges.push(m);
    }
  }
  return { sheet, fonts, merges };
}

function mergesFrom(areas: Excel.RangeAreas[]): MergeRange[] {
  const seen = new Set<string>();
  const out: MergeRange[] = [];
  for (const a of areas) {
    if (a.isNullObject) continue;
    for (const b of parseAreas(a.address)) {
      const key = boxAddress(b);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(b);
    }
  }
  return out;
}

/** Puts one block's cells into the grid at the sheet's own row and column numbers. */
interface PendingFormula {
  sheet: number;
  row: number;
  col: number;
  fmt: unknown;
}

/** Cached results of formula cells (few in nomination sheets): one more sync, in payload-sized batches. */
async function readFormulaValues(
  ctx: Excel.RequestContext,
  sheetOf: (i: number) => Excel.Worksheet,
  grids: Grid[],
  pending: PendingFormula[],
  budget: number,
  infos: SheetInfo[],
): Promise<void> {
  const PER_CELL = 512; // a cached value may be a long text
  for (let start = 0; start < pending.length; ) {
    const batch = pending.slice(start, start + Math.max(1, Math.floor(budget / PER_CELL)));
    start += batch.length;
    const ranges = batch.map((p) => {
      const r = sheetOf(p.sheet).getRange(boxAddress({ top: p.row, bottom: p.row, left: p.col, right: p.col }));
      r.load('values');
      return r;
    });
    try {
      await ctx.sync();
    } catch (err) {
      const names = [...new Set(batch.map((p) => infos[p.sheet].name))].map((n) => `“${n}”`).join(', ');
      throw officeError(err, { vi: `đọc giá trị các ô công thức của trang tính ${names}`, en: `read the values of formula cells of sheet ${names}` });
    }
    batch.forEach((p, k) => {
      const cell = grids[p.sheet].rows[p.row]?.[p.col];
      const fresh = cell ? toCell(ranges[k].values[0][0], cell.f === undefined ? undefined : `=${cell.f}`, p.fmt) : undefined;
      if (cell && fresh) {
        cell.v = fresh.v;
        if (fresh.error) cell.error = true;
        if (fresh.date) cell.date = true;
        if (fresh.f === undefined) delete cell.f; // text that merely starts with "="
      }
    });
  }
}

function placeBlock(grid: Grid, box: Box, b: Block, data: BlockResult, onFormula?: (row: number, col: number, fmt: unknown) => void): void {
  for (let i = 0; i <= b.bottom - b.top; i++) {
    const forms = data.formulas[i] ?? [];
    let row: (GridCell | undefined)[] | undefined;
    for (let j = 0; j < forms.length; j++) {
      const formula = forms[j];
      const isFormula = typeof formula === 'string' && formula.startsWith('=');
      // Until its value is read, a formula cell holds its number format's judgement only.
      const value = data.values ? data.values[i]?.[j] : isFormula ? null : formula;
      const cell = toCell(value, formula, data.numberFormat[i]?.[j]);
      if (!cell) continue;
      if (isFormula && !data.values) onFormula?.(b.top + i, box.left + j, data.numberFormat[i]?.[j]);
      row ??= [];
      row[box.left + j] = cell;
    }
    if (row) grid.rows[b.top + i] = densify(row);
  }
}

function densify(row: (GridCell | undefined)[]): (GridCell | undefined)[] {
  const out: (GridCell | undefined)[] = new Array(row.length);
  for (let c = 0; c < row.length; c++) out[c] = row[c];
  return out;
}

/** Every row index up to the last used row holds an array, so readers can index without checks. */
function padRows(grid: Grid, box: Box | null): void {
  const last = box ? box.bottom : -1;
  for (let r = 0; r <= last; r++) if (!grid.rows[r]) grid.rows[r] = [];
  grid.rows.length = Math.max(grid.rows.length, last + 1);
}

function applyFonts(grid: Grid, box: Box, fonts: (string | null)[]): void {
  fonts.forEach((font, j) => {
    if (!font) return;
    const c = box.left + j;
    for (let r = box.top; r <= box.bottom; r++) {
      const cell = grid.rows[r]?.[c];
      if (cell) cell.font = font;
    }
  });
}

/** One cell from Office.js's parallel arrays; undefined for an empty cell. */
export function toCell(value: unknown, formula: unknown, numberFormat: unknown): GridCell | undefined {
  const f = typeof formula === 'string' && formula.startsWith('=') && formula !== value ? formula.slice(1) : undefined;
  if ((value === '' || value === null || value === undefined) && f === undefined) return undefined;
  const v: CellValue = typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string' ? value : value == null ? null : String(value);
  const cell: GridCell = { v };
  if (typeof v === 'number' && typeof numberFormat === 'string' && isDateFormatCode(numberFormat)) cell.date = true;
  if (f !== undefined) cell.f = f;
  if (typeof v === 'string' && ERROR_VALUES.has(v)) cell.error = true;
  return cell;
}

/** The workbook's file name (ExcelApi 1.7), or null where Excel cannot tell. */
export async function readWorkbookName(ctx: Excel.RequestContext, support: ExcelSupport): Promise<string | null> {
  if (!support.excelApi(FEATURE_SETS.workbookName)) return null;
  const wb = ctx.workbook;
  wb.load('name');
  await officeStep({ vi: 'đọc tên sổ làm việc', en: 'read the workbook name' }, () => ctx.sync());
  return wb.name || null;
}
