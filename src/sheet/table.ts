/**
 * Finding the nomination table in a sheet: the header row(s) under the official header block, merged
 * two-row headers (with "Nam"/"Nữ" sub-columns), the "(1) (2) (3)…" numbering row, and the first data row.
 */
import { presentIndices, type Grid, type MergeRange } from './grid';
import { cellString } from './cells';
import { headerRight, HeaderMerges, HeaderMergesPlain } from './merges';
import type { ColumnDef, RuleIndex } from '../rules/index';
import { fold, foldCompact, foldedCodes, foldInto } from '../text/normalize';

/** How far down a header may start: the official header block is rarely more than a dozen rows. */
const HEADER_SCAN_ROWS = 40;
/** The last row findTable looks at (a two-row header at the end of the scan, then its numbering row). */
export const LAST_HEADER_ROW = HEADER_SCAN_ROWS + 1;

export interface SplitColumns {
  key: string;
  /** Column holding the value for a man, and for a woman. */
  nam: number;
  nu: number;
}

export interface TableLayout {
  /** 0-based first and last header rows. */
  headerTop: number;
  headerBottom: number;
  /** 0-based row where data starts (after the numbering row, if any). */
  dataStart: number;
  /** Field key -> 0-based column. */
  columns: Record<string, number>;
  /** A field split into Nam/Nữ sub-columns ("Ngày sinh" over "Nam" | "Nữ"). */
  split: SplitColumns | null;
  /** Header cells that match no known column: kept, not checked. */
  unknown: { col: number; label: string }[];
}

/** The header label with explanations in brackets removed: "Họ và tên (ghi đầy đủ)" -> "Họ và tên". */
function headerKey(label: string): string {
  return foldCompact(dropEnclosed(dropEnclosed(label, '(', ')'), '[', ']'));
}

/**
 * `s` with each `open`…`close` replaced by a space: s.replace(/\([^)]*\)/g, ' ') for "(" and ")", in
 * one pass (the pattern read to the end again from each unclosed "(": quadratic in a label of them).
 */
export function dropEnclosed(s: string, open: string, close: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const i = s.indexOf(open, from);
    if (i < 0) break;
    const j = s.indexOf(close, i + 1);
    // No close after this open: none after a later one either.
    if (j < 0) break;
    out += `${s.slice(from, i)} `;
    from = j + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * What is known of a header label, worked out once: findTable reads each header row as the top and as
 * the bottom of several candidate headers, and every sheet of a workbook has the same ones.
 */
interface LabelMemo {
  key: string;
  exact?: ColumnDef | null;
  loose?: ColumnDef | null;
  second?: ColumnDef | null;
  gender?: 'nam' | 'nu' | null;
}

/** Labels remembered per rule index: bounded, so that a sheet of all-different texts cannot grow it without end. */
const LABEL_MEMO_MAX = 10_000;
const labelMemos = new WeakMap<RuleIndex, Map<string, LabelMemo>>();

function memoOf(idx: RuleIndex, label: string): LabelMemo {
  let memo = labelMemos.get(idx);
  if (!memo) labelMemos.set(idx, (memo = new Map()));
  let m = memo.get(label);
  if (!m) {
    if (memo.size >= LABEL_MEMO_MAX) memo.clear();
    memo.set(label, (m = { key: headerKey(label) }));
  }
  return m;
}

/** `loose` also accepts a known label followed by more words; sub-headers must match exactly, since the
 * row under a header may be the first data row ("Trường TH Kim Đồng" is not the header "Trường"). */
export function matchHeader(idx: RuleIndex, label: string, loose = true): ColumnDef | null {
  const m = memoOf(idx, label);
  if (!m.key) return null;
  if (m.exact === undefined) m.exact = idx.columnByAlias.get(m.key) ?? null;
  if (m.exact || !loose) return m.exact;
  if (m.loose === undefined) m.loose = leadingAlias(idx, m.key)?.col ?? null;
  return m.loose;
}

/** matchHeader's plain twin: nothing remembered. */
export function matchHeaderPlain(idx: RuleIndex, label: string, loose = true): ColumnDef | null {
  const key = headerKey(label);
  if (!key) return null;
  const exact = idx.columnByAlias.get(key);
  if (exact || !loose) return exact ?? null;
  return leadingAlias(idx, key)?.col ?? null;
}

/** "Tóm tắt thành tích nổi bật trong năm học", "Họ và tên nhà giáo được đề cử": a known label at the start. */
function leadingAlias(idx: RuleIndex, key: string): { len: number; col: ColumnDef } | null {
  // Longest first: the first that fits is the longest.
  for (const { alias, col } of idx.leadingColumnAliases.get(key[0]) ?? []) {
    if (key.startsWith(alias)) return { len: alias.length, col };
  }
  return null;
}

/**
 * A header naming two fields at once, the usual "Chức vụ, đơn vị công tác" of commendation forms: the
 * second field, read from the same column ("Giáo viên Trường TH Kim Đồng"), or null.
 */
export function secondHeader(idx: RuleIndex, label: string): ColumnDef | null {
  const m = memoOf(idx, label);
  if (m.second === undefined) m.second = secondOf(idx, m.key);
  return m.second;
}

/** secondHeader's plain twin: nothing remembered. */
export function secondHeaderPlain(idx: RuleIndex, label: string): ColumnDef | null {
  return secondOf(idx, headerKey(label));
}

function secondOf(idx: RuleIndex, key: string): ColumnDef | null {
  if (idx.columnByAlias.has(key)) return null;
  const first = leadingAlias(idx, key);
  if (!first) return null;
  const rest = key.slice(first.len).replace(/^va/, '');
  const second = idx.columnByAlias.get(rest);
  return second && second.key !== first.col.key ? second : null;
}

function genderOf(idx: RuleIndex, label: string): 'nam' | 'nu' | null {
  const m = memoOf(idx, label);
  if (m.gender === undefined) {
    const k = foldCompact(label);
    m.gender = k === 'nam' ? 'nam' : k === 'nu' ? 'nu' : null;
  }
  return m.gender;
}

/** "(1)", "1", "(A)": a cell of the column-numbering row. */
const NUMBERING = /^\(?\s*(\d{1,2}|[A-Za-z])\s*\)?$/;

export function isNumberingRow(grid: Grid, row: number, date1904: boolean): boolean {
  const cells = grid.rows[row];
  if (!cells) return false;
  const cols: number[] = [];
  const count = presentIndices(cells, cols);
  let n = 0;
  for (let k = 0; k < count; k++) {
    const t = cellString(cells[cols[k]], date1904);
    if (!t) continue;
    if (!NUMBERING.test(t)) return false;
    n++;
  }
  return n >= 3;
}

interface Candidate {
  layout: TableLayout;
  score: number;
}

function rowWidth(grid: Grid, r: number): number {
  return grid.rows[r]?.length ?? 0;
}

interface MergeLookup {
  at(row: number, col: number): MergeRange | undefined;
}

/** The label a header cell shows: its own text, or the text of the merge it lies in. */
function labelAt(grid: Grid, merges: MergeLookup, r: number, c: number, date1904: boolean): { text: string; masterRow: number } {
  const m = merges.at(r, c);
  if (m) return { text: cellString(grid.rows[m.top]?.[m.left], date1904), masterRow: m.top };
  return { text: cellString(grid.rows[r]?.[c], date1904), masterRow: r };
}

function score(idx: RuleIndex, columns: Record<string, number>): number {
  let s = 0;
  for (const key of Object.keys(columns)) {
    const def = idx.rulebook.columns.find((c) => c.key === key);
    s += def?.required ? 2 : 1;
  }
  return s;
}

/** What the next columns would do if they showed the same labels as the one just read (see HeaderRead.repeat). */
type Repeat = { split: 'nam' | 'nu' } | { unknown: string } | null;

/** A pair of header rows (top, bottom: the same row for a one-row header) read column by column. */
class HeaderRead {
  readonly columns: Record<string, number> = {};
  readonly unknown: { col: number; label: string }[] = [];
  split: SplitColumns | null = null;
  subUsed = false;

  constructor(
    private readonly grid: Grid,
    private readonly idx: RuleIndex,
    private readonly merges: MergeLookup,
    private readonly top: number,
    private readonly bottom: number,
    private readonly date1904: boolean,
  ) {}

  column(c: number): Repeat {
    const { grid, idx, merges, top, bottom, date1904, columns } = this;
    const upper = labelAt(grid, merges, top, c, date1904);
    let label = upper.text;
    if (bottom > top) {
      const lower = labelAt(grid, merges, bottom, c, date1904);
      // A sub-header is only what the lower row says by itself, not the tail of a vertical merge.
      if (lower.text && lower.masterRow === bottom) {
        const g = genderOf(idx, lower.text);
        const upperDef = upper.text ? matchHeader(idx, upper.text) : null;
        if (g && upperDef) {
          if (!this.split || this.split.key !== upperDef.key) this.split = { key: upperDef.key, nam: -1, nu: -1 };
          this.split[g] = c;
          if (columns[upperDef.key] === undefined) columns[upperDef.key] = c;
          return { split: g };
        }
        if (matchHeader(idx, lower.text, false)) {
          // Under a group title ("Thông tin cá nhân"); under nothing it is just a one-row header lower down.
          if (upper.text) this.subUsed = true;
          label = lower.text;
        } else if (!label) label = lower.text;
      }
    }
    if (!label) return null;
    const def = matchHeader(idx, label);
    if (def) {
      if (columns[def.key] === undefined) columns[def.key] = c;
      const also = secondHeader(idx, label);
      if (also && columns[also.key] === undefined) columns[also.key] = c;
      return null;
    }
    if (!merges.at(top, c) || merges.at(top, c)?.left === c) this.unknown.push({ col: c, label });
    return { unknown: label };
  }

  /**
   * Columns from…to show the labels of the column before them (the same merges, no cell of their
   * own): what reading each would do, without reading it. A field is already placed; a Nam/Nữ half
   * moves to the last of them; an unknown label counts each that is not inside a merge of the top row.
   */
  repeat(r: Repeat, from: number, to: number): void {
    if (!r || from > to) return;
    if ('split' in r) {
      (this.split as SplitColumns)[r.split] = to;
      return;
    }
    const m = this.merges.at(this.top, from);
    if (m && m.left < from && headerRight(m) >= to) return;
    for (let c = from; c <= to; c++) {
      const at = this.merges.at(this.top, c);
      if (!at || at.left === c) this.unknown.push({ col: c, label: r.unknown });
    }
  }
}

/**
 * The table whose header is rows top…bottom, or null. `stops`: the columns where what the two rows
 * show may change (sorted; see rowStops), each read with the run up to the next stop repeated; null
 * reads every column up to the wider row's end (the plain twin).
 */
function tryRows(grid: Grid, idx: RuleIndex, merges: MergeLookup, top: number, bottom: number, date1904: boolean, stops: readonly number[] | null): Candidate | null {
  const h = new HeaderRead(grid, idx, merges, top, bottom, date1904);
  const width = Math.max(rowWidth(grid, top), rowWidth(grid, bottom));
  if (stops === null) {
    for (let c = 0; c < width; c++) h.column(c);
  } else {
    for (let i = 0; i < stops.length && stops[i] < width; i++) {
      const next = i + 1 < stops.length ? Math.min(stops[i + 1], width) : width;
      h.repeat(h.column(stops[i]), stops[i] + 1, next - 1);
    }
  }
  const { columns, unknown, subUsed } = h;
  let split = h.split;
  // One "Nam" under "Giới tính" is a first data row, not a sub-header: a split needs both halves.
  if (split && (split.nam < 0 || split.nu < 0)) split = null;
  if (bottom > top && !subUsed && !split) return null;
  if (columns.hoTen === undefined) return null;
  if (Object.keys(columns).length < 3) return null;
  // A second header row that adds sub-headers wins a tie: otherwise its "Nam"/"Nữ" would be read as data.
  const s = score(idx, columns) + (bottom > top ? 0.5 : 0);
  let dataStart = bottom + 1;
  if (isNumberingRow(grid, dataStart, date1904)) dataStart++;
  return { layout: { headerTop: top, headerBottom: bottom, dataStart, columns, split, unknown }, score: s };
}

/**
 * The columns of a header row where what it shows may change: each cell and the column after it, each
 * merge over the row that shows a value and the column after its last (sorted, each once). Between
 * two stops every column shows what the first does, so a row of cells in A and XFD has four stops,
 * not 16,384 columns to read.
 */
function rowStops(grid: Grid, merges: HeaderMerges, r: number): number[] {
  const out: number[] = [];
  const cells = grid.rows[r];
  if (cells) {
    const cols: number[] = [];
    const n = presentIndices(cells, cols);
    for (let k = 0; k < n; k++) out.push(cols[k], cols[k] + 1);
  }
  for (const m of merges.shownIn(r)) out.push(m.left, headerRight(m) + 1);
  return sortedUnique(out);
}

function sortedUnique(list: number[]): number[] {
  list.sort((a, b) => a - b);
  let k = 0;
  for (let i = 0; i < list.length; i++) if (i === 0 || list[i] !== list[k - 1]) list[k++] = list[i];
  list.length = k;
  return list;
}

/** The best nomination table in the sheet, or null when there is none. */
export function findTable(grid: Grid, idx: RuleIndex, date1904 = false): TableLayout | null {
  const last = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  const merges = new HeaderMerges(grid.merges, last + 1, (r, c) => grid.rows[r]?.[c] !== undefined);
  const stops: number[][] = [];
  const stopsOf = (r: number) => (stops[r] ??= rowStops(grid, merges, r));
  let best: Candidate | null = null;
  for (let r = 0; r < last; r++) {
    if (!grid.rows[r]) continue;
    for (const bottom of [r, r + 1]) {
      const both = bottom > r ? sortedUnique([...stopsOf(r), ...stopsOf(bottom)]) : stopsOf(r);
      const cand = tryRows(grid, idx, merges, r, bottom, date1904, both);
      if (cand && (!best || cand.score > best.score)) best = cand;
    }
  }
  return best ? best.layout : null;
}

/** findTable's plain twin: every column of every header row read, the merges painted cell by cell. */
export function findTablePlain(grid: Grid, idx: RuleIndex, date1904 = false): TableLayout | null {
  const last = Math.min(grid.rows.length, HEADER_SCAN_ROWS);
  const merges = new HeaderMergesPlain(grid.merges, last + 1);
  let best: Candidate | null = null;
  for (let r = 0; r < last; r++) {
    if (!grid.rows[r]) continue;
    for (const bottom of [r, r + 1]) {
      const cand = tryRows(grid, idx, merges, r, bottom, date1904, null);
      if (cand && (!best || cand.score > best.score)) best = cand;
    }
  }
  return best ? best.layout : null;
}

/** Footer markers: the signature block, "Nơi nhận", totals and the date line end the table. */
export const FOOTER = [
  'nguoi lap',
  'nguoi tong hop',
  'thu truong',
  'noi nhan',
  'xac nhan',
  'tm ',
  'kt ',
  'tong cong',
  'tong so',
  'cong danh sach',
  'danh sach nay',
  'an dinh',
];
const FOOTER_CODES = FOOTER.map((f) => Array.from(f, (ch) => ch.charCodeAt(0)));
/** The date line's words, in their order: "ngay", "thang", "nam". */
const DATE_WORDS = [
  [110, 103, 97, 121],
  [116, 104, 97, 110, 103],
  [110, 97, 109],
];

/** An ASCII letter, digit or '_': what a word is to `\b` (the date line once was /\bngay\b.*\bthang\b.*\bnam\b/). */
function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * The date line in folded text codes[0, n): the whole words "ngay", "thang", "nam", in that order.
 * One pass: the pattern it replaces backtracked cubically on a long name ("ngày tháng " × 2,000: 99 s).
 */
function hasDateWords(codes: ArrayLike<number>, n: number): boolean {
  let want = 0;
  let i = 0;
  while (i < n && want < DATE_WORDS.length) {
    while (i < n && !isWordCode(codes[i])) i++;
    const start = i;
    while (i < n && isWordCode(codes[i])) i++;
    const w = DATE_WORDS[want];
    if (i - start !== w.length) continue;
    let j = 0;
    while (j < w.length && codes[start + j] === w[j]) j++;
    if (j === w.length) want++;
  }
  return want === DATE_WORDS.length;
}

/**
 * Whether a cell's text ends the table. It runs on every row's name: the folded text is looked
 * at as codes (foldInto), no string made, where the text folds the fast way; else as a string.
 */
export function isFooterText(text: string): boolean {
  const n = foldInto(text);
  if (n < 0) {
    const k = `${fold(text)} `;
    if (FOOTER.some((f) => k.startsWith(f))) return true;
    const codes = new Uint16Array(k.length);
    for (let i = 0; i < k.length; i++) codes[i] = k.charCodeAt(i);
    return hasDateWords(codes, k.length);
  }
  const codes = foldedCodes();
  // `${folded} `.startsWith(f): the end of the text reads as the space after it.
  for (const f of FOOTER_CODES) {
    if (f.length > n + 1) continue;
    let i = 0;
    while (i < f.length && (i < n ? codes[i] : 32) === f[i]) i++;
    if (i === f.length) return true;
  }
  return hasDateWords(codes, n);
}
