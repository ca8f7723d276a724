/**
 * A worksheet -> a submission: the unit, the date line, and a nomination per data row. The sheet's
 * rows come one at a time, in order (SheetReader), from a grid or straight from the file's XML, so
 * that a 50,000-row list is read without ever holding its cells: only the first rows (the header
 * region) are kept until the table is found.
 */
import { a1 } from './address';
import { presentIndices, type CellValue, type Grid, type GridCell, type MergeRange, type WorkbookGrid } from './grid';
import { readCell, readCellText, cellString, sheetEncoding } from './cells';
import { detectLegacyInTexts, legacyCandidate, type LegacyEncoding } from '../text/legacy';
import { findTable, isFooterText, LAST_HEADER_ROW, type TableLayout } from './table';
import { SectionMerges } from './merges';
import { emptySubmission, fieldSet, hasIn, textIn, type FieldSet, type Nomination, type SimpleDate, type Submission } from './submission';
import { findLevel, findPosition, findUnit, findUnitIn, levelFromSchool, ruleIndex, type Rulebook, type UnitDef } from '../rules/index';
import { fold, foldCompact } from '../text/normalize';
import { baseName } from '../text/file-name';
import { parseDateLine, parseDateValue } from '../text/dates';

/** A run of blank rows this long ends the table unless what follows clearly is more data. */
const BLANK_RUN = 3;
/** The date line may stand above the signature, this many rows below the table at most. */
const DATE_ROWS_BELOW = 15;
const UNIT_LABEL = /^(?:ten\s+)?(?:don vi|co quan)(?:\s+de cu|\s+gioi thieu)?\s*$/;

export interface ReadContext {
  file: string;
  rulebook: Rulebook;
  date1904: boolean;
}

interface Ctx extends ReadContext {
  /** The sheet's legacy encoding, decided once from all its text. */
  sheetEnc?: LegacyEncoding | null;
  /** The table's mapped columns, [key, column] (computed once, not per row). */
  fields?: [string, number][];
  /** The nominations' fields: every mapped column, the split one last. */
  set?: FieldSet;
  /** Position of the split field in `set`, -1 without one. */
  splitAt?: number;
}

/** A row's cells, sparse: cells[c] is column c (0-based). */
export type RowCells = (GridCell | undefined)[];

/**
 * One row's cells read as text (without the sheet's encoding), each cell once, into arrays kept
 * from row to row (a long list would otherwise make an object per cell). Only the cells the row
 * holds are read: text[k] is the text of column cols[k].
 */
class RowTexts {
  /** The row's columns holding a cell, ascending (the reader's list, good for this row only). */
  cols: readonly number[] = [];
  readonly text: string[] = [];
  readonly legacy: (LegacyEncoding | null)[] = [];
  count = 0;
  private readonly found = { legacy: null as LegacyEncoding | null };

  /** `cols[0, count)`: the row's columns holding a cell (presentIndices). */
  read(cells: RowCells, cols: readonly number[], count: number, date1904: boolean): this {
    for (let k = 0; k < count; k++) {
      this.text[k] = readCellText(cells[cols[k]], date1904, undefined, this.found);
      this.legacy[k] = this.found.legacy;
    }
    this.cols = cols;
    this.count = count;
    return this;
  }

  /** Where column c is in cols, -1 when the row has no cell there. */
  indexOf(c: number): number {
    const cols = this.cols;
    // A row without gaps up to c: its place is c.
    if (c < this.count && cols[c] === c) return c;
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = cols[mid];
      if (v === c) return mid;
      if (v < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

function textAt(texts: RowTexts, c: number): string {
  const k = texts.indexOf(c);
  return k < 0 ? '' : texts.text[k];
}

/** Reads every sheet holding a nomination table; a workbook with none gives one empty submission. */
export function readSubmissions(file: string, wb: WorkbookGrid, rulebook: Rulebook): Submission[] {
  const ctx: Ctx = { file, rulebook, date1904: !!wb.date1904 };
  const out: Submission[] = [];
  for (const grid of wb.sheets) {
    const sub = readSheet(grid, ctx);
    if (sub) out.push(sub);
  }
  if (out.length === 0) out.push(noTableSubmission(file, wb.sheets.map((s) => s.name), rulebook));
  return out;
}

/** The one submission of a workbook where no sheet holds a nomination table. */
export function noTableSubmission(file: string, sheetNames: string[], rulebook: Rulebook): Submission {
  const unit = unitFromName(rulebook, sheetNames, file);
  return { ...emptySubmission(file, 'invalid'), unit: unit?.unit ?? null, unitSource: unit?.source ?? null };
}

/** The file's name without folders or extension, underscores read as spaces: where a unit's name may be. */
function nameInFile(file: string): string {
  return baseName(file).replace(/\.[^.]+$/, '').replace(/[_]+/g, ' ');
}

function unitFromName(rulebook: Rulebook, sheetNames: string[], file: string): { unit: UnitDef; source: 'sheet' | 'file' } | null {
  for (const n of sheetNames) {
    const u = findUnitIn(rulebook, n);
    if (u) return { unit: u, source: 'sheet' };
  }
  const u = findUnitIn(rulebook, nameInFile(file));
  return u ? { unit: u, source: 'file' } : null;
}

/** Reads one sheet held as a grid; null when it holds no nomination table. */
export function readSheet(grid: Grid, ctx: ReadContext): Submission | null {
  const reader = new SheetReader(ctx, grid.name, grid.merges, () => sheetEncoding(grid));
  // The rows there are, not every row number up to the last (a cell in row 1,048,576 is one row).
  const rows: number[] = [];
  const n = presentIndices(grid.rows, rows);
  for (let k = 0; k < n; k++) reader.row(rows[k], grid.rows[rows[k]]);
  const sub = reader.finish();
  // The encoding was known from the start: the reader never asks to read the sheet again.
  return sub === AGAIN ? null : sub;
}

/** SheetReader.finish(): the sheet's text is in a legacy encoding, so read it again as a grid (readSheet). */
export const AGAIN = 'again';

/**
 * Reads a sheet from its rows, given one at a time in increasing order (rows without cells may be
 * left out), after its merged ranges. `encoding` gives the sheet's legacy encoding on demand (a
 * grid has all its text at hand); 'stream' decides it from the rows as they pass and, when the sheet
 * turns out to be TCVN3 or VNI, finish() says AGAIN: the nominations were read without it.
 * The result is exactly readSheet's on the whole grid.
 */
export class SheetReader {
  private readonly ctx: Ctx;
  /** The first rows, until the table is found (the header lies in them). */
  private readonly head: Grid;
  /** Rows seen: one past the last row given. */
  private rowCount = 0;
  /** undefined until decided; null: no table. */
  private layout: TableLayout | null | undefined = undefined;
  private sub: Submission | null = null;
  /** The next row the data walk expects; rows skipped up to it are blank. */
  private next = 0;
  private blank = 0;
  /** Row where the table ended, -1 while it goes on. */
  private end = -1;
  /** Looking for the date line below the table. */
  private dateBelow = false;
  /** The texts of the row being read. */
  private readonly texts = new RowTexts();
  /** The columns holding a cell in the row being read (presentIndices), kept from row to row. */
  private readonly cols: number[] = [];
  /** The merges a section title may span, indexed on first use. */
  private readonly sections: SectionMerges;
  /** 'stream': legacy-candidate texts of every row, for the sheet's encoding at the end. */
  private readonly candidates: string[] | null;

  constructor(
    ctx: ReadContext,
    name: string,
    merges: MergeRange[],
    private readonly encoding: (() => LegacyEncoding | null) | 'stream',
  ) {
    this.ctx = { file: ctx.file, rulebook: ctx.rulebook, date1904: ctx.date1904 };
    this.head = { name, rows: [], merges };
    this.candidates = encoding === 'stream' ? [] : null;
    this.sections = new SectionMerges(merges);
  }

  row(r: number, cells: RowCells): void {
    if (r < this.rowCount) throw new Error('SheetReader: rows must come in increasing order');
    this.rowCount = r + 1;
    // A sheet without a table: nothing more to read.
    if (this.layout === null) return;
    const cols = this.cols;
    const n = presentIndices(cells, cols);
    const cand = this.candidates;
    if (cand) {
      for (let k = 0; k < n; k++) {
        const cell = cells[cols[k]] as GridCell;
        const v = cell.v;
        if (typeof v === 'string' && !cell.plain && legacyCandidate(v)) cand.push(v);
      }
    }
    if (this.layout === undefined) {
      this.head.rows[r] = cells;
      // Every row findTable may look at is in.
      if (r >= LAST_HEADER_ROW) this.decide();
      return;
    }
    this.walkTo(r, cells, n);
  }

  /** The submission, null when the sheet holds no table, or AGAIN (see the class). */
  finish(): Submission | null | typeof AGAIN {
    if (this.layout === undefined) this.decide();
    const sub = this.sub;
    if (!sub) return null;
    if (this.candidates?.length && detectLegacyInTexts(this.candidates) !== null) return AGAIN;
    return sub;
  }

  /** Finds the table in the rows kept so far, then walks those after its header. */
  private decide(): void {
    const ctx = this.ctx;
    const head = this.head;
    const layout = findTable(head, ruleIndex(ctx.rulebook), ctx.date1904);
    this.layout = layout;
    if (!layout) {
      head.rows = [];
      return;
    }
    ctx.sheetEnc = this.encoding === 'stream' ? null : this.encoding();
    ctx.fields = Object.entries(layout.columns);
    const split = layout.split?.key;
    const keys = ctx.fields.map(([k]) => k).filter((k) => k !== split);
    if (split !== undefined) keys.push(split);
    ctx.set = fieldSet(keys, layout.columns);
    ctx.splitAt = split === undefined ? -1 : keys.length - 1;
    this.sub = {
      file: ctx.file,
      sheet: head.name,
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
    findUnitAbove(head, layout, ctx, this.sub);
    this.next = layout.dataStart;
    const rows = head.rows;
    head.rows = [];
    // The rows kept, not every number up to the last (which may be row 1,048,576).
    const kept: number[] = [];
    const n = presentIndices(rows, kept);
    for (let k = 0; k < n; k++) {
      const r = kept[k];
      if (r >= layout.dataStart) this.walkTo(r, rows[r], presentIndices(rows[r], this.cols));
    }
  }

  /** Row r of the sheet (rows between the last one and r were empty); its cells' columns are cols[0, n). */
  private walkTo(r: number, cells: RowCells, n: number): void {
    if (r < this.next) return;
    if (this.end < 0) {
      // Rows without cells are blank rows.
      this.blank += r - this.next;
      this.next = r + 1;
      this.dataRow(r, cells, n);
      if (this.end < 0) return;
    }
    if (!this.dateBelow) return;
    if (r >= this.end + DATE_ROWS_BELOW) {
      this.dateBelow = false;
      return;
    }
    const sub = this.sub as Submission;
    for (let k = 0; k < n; k++) {
      const c = this.cols[k];
      const line = parseDateLine(cellString(cells[c], this.ctx.date1904));
      if (line) {
        sub.date = line.date;
        sub.dateCell = a1(r, c);
        this.dateBelow = false;
        return;
      }
    }
  }

  /** One row of the table walk: a nominee, a row to pass over, or the end of the table. */
  private dataRow(r: number, cells: RowCells, n: number): void {
    const ctx = this.ctx;
    const layout = this.layout as TableLayout;
    if (rowIsBlank(cells, this.cols, n)) {
      this.blank++;
      return;
    }
    const texts = this.texts.read(cells, this.cols, n, ctx.date1904);
    const name = textAt(texts, layout.columns.hoTen);
    const hasName = !!name && !isFooterText(name);
    if (!hasName && rowHasFooter(cells, texts)) return this.endAt(r);
    const filled = filledFields(layout, ctx.fields as [string, number][], texts);
    // After a long gap, only a row that is plainly a nominee continues the table (not a stray signature).
    if (this.blank >= BLANK_RUN && !(hasName && filled >= 3)) return this.endAt(r);
    this.blank = 0;
    if (filled === 0) return; // a pre-numbered empty row: only its TT
    if (isSectionRow(this.sections, layout, r, texts)) return;
    const sub = this.sub as Submission;
    sub.nominations.push(readNomination(cells, layout, r, ctx, sub, texts));
  }

  private endAt(r: number): void {
    this.end = r;
    this.dateBelow = !(this.sub as Submission).date;
  }
}

function rowIsBlank(cells: RowCells, cols: readonly number[], n: number): boolean {
  for (let k = 0; k < n; k++) {
    const c = cells[cols[k]] as GridCell;
    if (c.v !== null && c.v !== '' && !(typeof c.v === 'string' && !c.v.trim())) return false;
  }
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

function rowHasFooter(cells: RowCells, texts: RowTexts): boolean {
  for (let k = 0; k < texts.count; k++) {
    const c = cells[texts.cols[k]] as GridCell;
    if (typeof c.v !== 'string') continue;
    if (isFooterText(texts.text[k])) return true;
  }
  return false;
}

/** "I. CẤP MẦM NON", "A. Tiểu học": a group title row inside the table, not a nominee. */
function isSectionRow(sections: SectionMerges, layout: TableLayout, r: number, texts: RowTexts): boolean {
  let at = -1;
  for (let k = 0; k < texts.count; k++) {
    if (!texts.text[k]) continue;
    if (at >= 0) return false; // two cells filled
    at = k;
  }
  if (at < 0) return false;
  const col = texts.cols[at];
  return sections.spans(r, col) || (col === layout.columns.stt && /^[IVXLC]+\.?$|^[A-Z]\.?$/.test(texts.text[at]));
}

/** The unit and the date line from the rows above the table (the header block). */
function findUnitAbove(grid: Grid, layout: TableLayout, ctx: Ctx, sub: Submission): void {
  let labelled: { unit: UnitDef | null; text: string } | null = null;
  let header: UnitDef | null = null;
  let firstText: string | null = null;
  const cols: number[] = [];
  for (let r = 0; r < layout.headerTop; r++) {
    const cells = grid.rows[r];
    if (!cells) continue;
    const n = presentIndices(cells, cols);
    for (let i = 0; i < n; i++) {
      const c = cols[i];
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
        const m = splitLabel(text);
        if (m && UNIT_LABEL.test(fold(m[0]))) {
          // "Đơn vị: Phòng GD&ĐT huyện Krông Nô", or the label alone with the name in the next cell.
          const value = m[1] || cellString(cells[c + 1], ctx.date1904);
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
}

const isLineEnd = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const SPACE = /\s/;

/**
 * "Label: value" -> [label, value], or null: what /^(.*?)[:：]\s*(.*)$/ captures (the label on the
 * first line; a value with no line break after the spaces that follow the colon), in one pass: the
 * pattern read to the end of the text from each colon (quadratic in an error cell of colons).
 */
export function splitLabel(text: string): [string, string] | null {
  const n = text.length;
  let lastEnd = -1;
  for (let i = n - 1; i >= 0; i--) {
    if (isLineEnd(text.charCodeAt(i))) {
      lastEnd = i;
      break;
    }
  }
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (isLineEnd(code)) return null;
    if (code !== 0x3a && code !== 0xff1a) continue;
    let j = i + 1;
    while (j < n && SPACE.test(text[j])) j++;
    if (lastEnd < j) return [text.slice(0, i), text.slice(j)];
  }
  return null;
}

/** One cell read as a field's value (a scratch kept from cell to cell: no object per value). */
const cellRead = { raw: null as CellValue, text: '', formula: undefined as string | undefined };

/** Reads cell `col` of row r into cellRead; false when it gives no value (no text, no formula). */
function readValue(cells: RowCells, r: number, col: number, ctx: Ctx, sub: Submission, texts: RowTexts): boolean {
  const cell = cells[col];
  if (!cell) return false;
  // Without a sheet encoding the row's texts already are the cell's reading.
  let text: string;
  let legacy: LegacyEncoding | null;
  if (ctx.sheetEnc) ({ text, legacy } = readCell(cell, ctx.date1904, ctx.sheetEnc));
  else {
    const k = texts.indexOf(col);
    text = texts.text[k];
    legacy = texts.legacy[k];
  }
  if (!text && !cell.f) return false;
  if (legacy) {
    sub.legacy ??= legacy;
    sub.legacyCells++;
    if (!sub.legacyFirst) sub.legacyFirst = { cell: a1(r, col), row: r + 1, raw: String(cell.v) };
  }
  cellRead.raw = cell.v;
  cellRead.text = text;
  cellRead.formula = cell.f;
  return true;
}

function genderText(text: string): 'Nam' | 'Nữ' | null {
  const k = foldCompact(text);
  if (k === 'nam' || k === 'm' || k === 'male') return 'Nam';
  if (k === 'nu' || k === 'f' || k === 'female') return 'Nữ';
  return null;
}

function readNomination(cells: RowCells, layout: TableLayout, r: number, ctx: Ctx, sub: Submission, texts: RowTexts): Nomination {
  const set = ctx.set as FieldSet;
  const count = set.keys.length;
  const raw = new Array<CellValue | undefined>(count);
  const text = new Array<string>(count);
  let formula: (string | undefined)[] | undefined;
  let cols: number[] | undefined;
  let gender: 'Nam' | 'Nữ' | null = null;
  const split = ctx.splitAt as number;
  for (let i = 0; i < count; i++) {
    text[i] = '';
    let found: boolean;
    if (i !== split) found = readValue(cells, r, set.cols[i], ctx, sub, texts);
    else {
      // The value is the "Nam" cell's, else the "Nữ" cell's; a mark in one of them alone gives the gender.
      const { nam, nu } = layout.split as NonNullable<TableLayout['split']>;
      const man = readValue(cells, r, nam, ctx, sub, texts);
      const manRead = man ? { ...cellRead } : null;
      const woman = readValue(cells, r, nu, ctx, sub, texts);
      if (manRead) Object.assign(cellRead, manRead);
      found = man || woman;
      const col = man ? nam : nu;
      if (found && col !== set.cols[i]) (cols = [...set.cols])[i] = col;
      if (man && !woman) gender = 'Nam';
      else if (woman && !man) gender = 'Nữ';
    }
    if (!found) continue;
    raw[i] = cellRead.raw;
    text[i] = cellRead.text;
    if (cellRead.formula !== undefined) (formula ??= new Array<string | undefined>(count))[i] = cellRead.formula;
  }
  if (!gender && hasIn(set, raw, 'gioiTinh')) gender = genderText(textIn(set, text, 'gioiTinh'));
  let birth: SimpleDate | null = null;
  const bi = set.at.ngaySinh;
  if (bi !== undefined && raw[bi] !== undefined) {
    const cell = cells[(cols ?? set.cols)[bi]];
    const value = raw[bi];
    const parsed = parseDateValue(typeof value === 'string' ? text[bi] : (value as CellValue), { isDate: !!cell?.date, date1904: ctx.date1904 });
    if (parsed.ok) birth = parsed.date;
  }
  const position = textIn(set, text, 'chucVu');
  const pos = position ? findPosition(ctx.rulebook, position) : null;
  const workplace = textIn(set, text, 'donVi');
  let level: string | null = null;
  let levelDerived = false;
  if (hasIn(set, raw, 'capHoc')) {
    level = findLevel(ctx.rulebook, textIn(set, text, 'capHoc'))?.code ?? null;
  } else if (workplace) {
    level = levelFromSchool(ctx.rulebook, workplace)?.code ?? null;
    levelDerived = level !== null;
  }
  const n: Nomination = {
    row: r + 1,
    fields: set,
    raw,
    text,
    name: textIn(set, text, 'hoTen'),
    birth,
    gender,
    position,
    positionName: pos?.name ?? null,
    manager: pos?.manager ?? false,
    workplace,
    level,
    levelDerived,
  };
  if (formula) n.formula = formula;
  if (cols) n.cols = cols;
  return n;
}
