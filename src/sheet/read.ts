/** A worksheet grid -> a submission: the unit, the date line, and a nomination per data row. */
import { a1, type Grid, type WorkbookGrid } from './grid';
import { readCell, cellString, sheetEncoding, type CellText } from './cells';
import type { LegacyEncoding } from '../text/legacy';
import { findTable, isFooterText, type TableLayout } from './table';
import { emptySubmission, type FieldValue, type Nomination, type SimpleDate, type Submission } from './submission';
import { findLevel, findPosition, findUnit, findUnitIn, levelFromSchool, ruleIndex, type Rulebook, type UnitDef } from '../rules/index';
import { fold, foldCompact } from '../text/normalize';
import { parseDateLine, parseDateValue } from '../text/dates';

/** A run of blank rows this long ends the table unless what follows clearly is more data. */
const BLANK_RUN = 3;
const UNIT_LABEL = /^(?:ten\s+)?(?:don vi|co quan)(?:\s+de cu|\s+gioi thieu)?\s*$/;

interface Ctx {
  file: string;
  rulebook: Rulebook;
  date1904: boolean;
  /** The sheet's legacy encoding, decided once from all its text. */
  sheetEnc?: LegacyEncoding | null;
  /** The table's mapped columns, [key, column] (computed once, not per row). */
  fields?: [string, number][];
}

/** One row's cells read as text (without the sheet's encoding), each cell once. */
type RowTexts = CellText[];

function rowTexts(grid: Grid, r: number, date1904: boolean): RowTexts {
  const cells = grid.rows[r];
  const out: RowTexts = [];
  if (!cells) return out;
  for (let c = 0; c < cells.length; c++) out.push(readCell(cells[c], date1904));
  return out;
}

function textAt(texts: RowTexts, c: number): string {
  return c < texts.length ? texts[c].text : '';
}

/** Reads every sheet holding a nomination table; a workbook with none gives one empty submission. */
export function readSubmissions(file: string, wb: WorkbookGrid, rulebook: Rulebook): Submission[] {
  const ctx: Ctx = { file, rulebook, date1904: !!wb.date1904 };
  const out: Submission[] = [];
  for (const grid of wb.sheets) {
    const sub = readSheet(grid, ctx);
    if (sub) out.push(sub);
  }
  if (out.length === 0) {
    const unit = unitFromName(rulebook, wb.sheets.map((s) => s.name), file);
    out.push({ ...emptySubmission(file, 'invalid'), unit: unit?.unit ?? null, unitSource: unit?.source ?? null });
  }
  return out;
}

function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.replace(/\.[^.]+$/, '').replace(/[_]+/g, ' ');
}

function unitFromName(rulebook: Rulebook, sheetNames: string[], file: string): { unit: UnitDef; source: 'sheet' | 'file' } | null {
  for (const n of sheetNames) {
    const u = findUnitIn(rulebook, n);
    if (u) return { unit: u, source: 'sheet' };
  }
  const u = findUnitIn(rulebook, baseName(file));
  return u ? { unit: u, source: 'file' } : null;
}

export function readSheet(grid: Grid, ctx: Ctx): Submission | null {
  const idx = ruleIndex(ctx.rulebook);
  const layout = findTable(grid, idx, ctx.date1904);
  if (!layout) return null;
  ctx = { ...ctx, sheetEnc: sheetEncoding(grid), fields: Object.entries(layout.columns) };
  const sub: Submission = {
    file: ctx.file,
    sheet: grid.name,
    unit: null,
    unitSource: null,
    unitText: null,
    date: null,
    dateCell: null,
    headerRow: layout.headerBottom + 1,
    columns: layout.columns,
    nominations: [],
    legacy: null,
    legacyCells: 0,
    legacyFirst: null,
    levelFromSchoolOnly: layout.columns.capHoc === undefined,
    status: 'ok',
  };
  // Each data row is read as it is found, while its texts are at hand (row order is kept).
  const end = dataRowsOf(grid, layout, ctx, (r, texts) => sub.nominations.push(readNomination(grid, layout, r, ctx, sub, texts)));
  findUnitAndDate(grid, layout, end, ctx, sub);
  return sub;
}

function rowIsBlank(grid: Grid, r: number): boolean {
  const cells = grid.rows[r];
  if (!cells) return true;
  for (const c of cells) if (c && c.v !== null && c.v !== '' && !(typeof c.v === 'string' && !c.v.trim())) return false;
  return true;
}

/** Mapped columns (other than the row number) holding a value in the row. */
function filledFields(layout: TableLayout, fields: [string, number][], texts: RowTexts): number {
  let n = 0;
  for (const [key, col] of fields) {
    if (key === 'stt') continue;
    if (textAt(texts, col)) n++;
  }
  if (layout.split) {
    const other = layout.columns[layout.split.key] === layout.split.nam ? layout.split.nu : layout.split.nam;
    if (textAt(texts, other)) n++;
  }
  return n;
}

function rowHasFooter(grid: Grid, r: number, texts: RowTexts): boolean {
  const cells = grid.rows[r];
  if (!cells) return false;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (!c || typeof c.v !== 'string') continue;
    if (isFooterText(texts[i].text)) return true;
  }
  return false;
}

/** "I. CẤP MẦM NON", "A. Tiểu học": a group title row inside the table, not a nominee. */
function isSectionRow(grid: Grid, layout: TableLayout, r: number, texts: RowTexts): boolean {
  let col = -1;
  for (let i = 0; i < texts.length; i++) {
    if (!texts[i].text) continue;
    if (col >= 0) return false; // two cells filled
    col = i;
  }
  if (col < 0) return false;
  const spans = grid.merges.some((m) => m.top <= r && m.bottom >= r && m.left === col && m.right - m.left >= 2);
  return spans || (col === layout.columns.stt && /^[IVXLC]+\.?$|^[A-Z]\.?$/.test(texts[col].text));
}

/** Walks the data rows, calling `onRow` for each nominee row in order; returns the row where the table ends. */
function dataRowsOf(grid: Grid, layout: TableLayout, ctx: Ctx, onRow: (r: number, texts: RowTexts) => void): number {
  const nameCol = layout.columns.hoTen;
  const fields = ctx.fields ?? Object.entries(layout.columns);
  let blank = 0;
  let r = layout.dataStart;
  for (; r < grid.rows.length; r++) {
    if (rowIsBlank(grid, r)) {
      blank++;
      continue;
    }
    const texts = rowTexts(grid, r, ctx.date1904);
    const name = textAt(texts, nameCol);
    const hasName = !!name && !isFooterText(name);
    if (!hasName && rowHasFooter(grid, r, texts)) break;
    const filled = filledFields(layout, fields, texts);
    // After a long gap, only a row that is plainly a nominee continues the table (not a stray signature).
    if (blank >= BLANK_RUN && !(hasName && filled >= 3)) break;
    blank = 0;
    if (filled === 0) continue; // a pre-numbered empty row: only its TT
    if (isSectionRow(grid, layout, r, texts)) continue;
    onRow(r, texts);
  }
  return r;
}

function findUnitAndDate(grid: Grid, layout: TableLayout, end: number, ctx: Ctx, sub: Submission): void {
  let labelled: { unit: UnitDef | null; text: string } | null = null;
  let header: UnitDef | null = null;
  let firstText: string | null = null;
  for (let r = 0; r < layout.headerTop; r++) {
    const cells = grid.rows[r];
    if (!cells) continue;
    for (let c = 0; c < cells.length; c++) {
      const text = cellString(cells[c], ctx.date1904);
      if (!text) continue;
      if (!sub.date) {
        const line = parseDateLine(text);
        if (line) {
          sub.date = line.date;
          sub.dateCell = a1(r, c);
          continue;
        }
      }
      if (!labelled) {
        const m = /^(.*?)[:：]\s*(.*)$/.exec(text);
        if (m && UNIT_LABEL.test(fold(m[1]))) {
          // "Đơn vị: Phòng GD&ĐT huyện Krông Nô", or the label alone with the name in the next cell.
          const value = m[2] || cellString(cells[c + 1], ctx.date1904);
          if (value) labelled = { unit: findUnit(ctx.rulebook, value), text: value };
          continue;
        }
      }
      const k = fold(text);
      if (firstText === null && !k.startsWith('cong hoa') && !k.startsWith('doc lap')) firstText = text;
      // A school's own name ("TRƯỜNG THPT ĐẮK MIL") names a place, not the nominating unit.
      if (!header && !k.startsWith('truong ')) header = findUnitIn(ctx.rulebook, text);
    }
  }
  if (labelled?.unit) {
    sub.unit = labelled.unit;
    sub.unitSource = 'label';
    sub.unitText = labelled.text;
  } else if (header) {
    sub.unit = header;
    sub.unitSource = 'header';
  } else {
    const byName = unitFromName(ctx.rulebook, [grid.name], ctx.file);
    if (byName) {
      sub.unit = byName.unit;
      sub.unitSource = byName.source;
    }
  }
  if (!sub.unit) sub.unitText = labelled?.text ?? firstText;
  if (sub.unit && !sub.unitText) sub.unitText = sub.unit.name;
  if (!sub.date) {
    // The date line may stand above the signature, below the table.
    for (let r = end; r < Math.min(grid.rows.length, end + 15); r++) {
      const cells = grid.rows[r];
      if (!cells) continue;
      for (let c = 0; c < cells.length; c++) {
        const line = parseDateLine(cellString(cells[c], ctx.date1904));
        if (line) {
          sub.date = line.date;
          sub.dateCell = a1(r, c);
          return;
        }
      }
    }
  }
}

function fieldValue(grid: Grid, r: number, col: number, ctx: Ctx, sub: Submission, texts: RowTexts): FieldValue | null {
  const cell = grid.rows[r]?.[col];
  if (!cell) return null;
  // Without a sheet encoding the row's texts already are the cell's reading.
  const { text, legacy } = ctx.sheetEnc ? readCell(cell, ctx.date1904, ctx.sheetEnc) : texts[col];
  if (!text && !cell.f) return null;
  if (legacy) {
    sub.legacy ??= legacy;
    sub.legacyCells++;
    if (!sub.legacyFirst) sub.legacyFirst = { cell: a1(r, col), row: r + 1, raw: String(cell.v) };
  }
  const fv: FieldValue = { col, row: r + 1, raw: cell.v, text };
  if (cell.f !== undefined) fv.formula = cell.f;
  return fv;
}

function genderText(text: string): 'Nam' | 'Nữ' | null {
  const k = foldCompact(text);
  if (k === 'nam' || k === 'm' || k === 'male') return 'Nam';
  if (k === 'nu' || k === 'f' || k === 'female') return 'Nữ';
  return null;
}

function readNomination(grid: Grid, layout: TableLayout, r: number, ctx: Ctx, sub: Submission, texts: RowTexts): Nomination {
  const values: Record<string, FieldValue> = {};
  let gender: 'Nam' | 'Nữ' | null = null;
  for (const [key, col] of ctx.fields ?? Object.entries(layout.columns)) {
    if (layout.split?.key === key) continue;
    const fv = fieldValue(grid, r, col, ctx, sub, texts);
    if (fv) values[key] = fv;
  }
  if (layout.split) {
    const { key, nam, nu } = layout.split;
    const man = fieldValue(grid, r, nam, ctx, sub, texts);
    const woman = fieldValue(grid, r, nu, ctx, sub, texts);
    const fv = man ?? woman;
    if (fv) values[key] = fv;
    if (man && !woman) gender = 'Nam';
    else if (woman && !man) gender = 'Nữ';
  }
  if (!gender && values.gioiTinh) gender = genderText(values.gioiTinh.text);
  const birthValue = values.ngaySinh;
  let birth: SimpleDate | null = null;
  if (birthValue) {
    const cell = grid.rows[r]?.[birthValue.col];
    const raw = typeof birthValue.raw === 'string' ? birthValue.text : birthValue.raw;
    const parsed = parseDateValue(raw, { isDate: !!cell?.date, date1904: ctx.date1904 });
    if (parsed.ok) birth = parsed.date;
  }
  const position = values.chucVu?.text ?? '';
  const pos = position ? findPosition(ctx.rulebook, position) : null;
  const workplace = values.donVi?.text ?? '';
  let level: string | null = null;
  let levelDerived = false;
  if (values.capHoc) {
    level = findLevel(ctx.rulebook, values.capHoc.text)?.code ?? null;
  } else if (workplace) {
    level = levelFromSchool(ctx.rulebook, workplace)?.code ?? null;
    levelDerived = level !== null;
  }
  return {
    row: r + 1,
    values,
    name: values.hoTen?.text ?? '',
    birth,
    gender,
    position,
    positionName: pos?.name ?? null,
    manager: pos?.manager ?? false,
    workplace,
    level,
    levelDerived,
  };
}
