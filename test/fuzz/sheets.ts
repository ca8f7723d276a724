/**
 * Workbooks generated from scratch, written as SpreadsheetML by this file (not by the project's
 * writer, so that a bug in one cannot hide a bug in the other) and zipped with fflate:
 *
 *   - `randomBook`: cells of every type (shared and inline strings, numbers, booleans, errors, ISO
 *     dates, formulas, shared formulas) at random places (now and then far out: XFD, row 1,048,576),
 *     random styles (date formats, legacy fonts), merges, several sheets, rows out of order;
 *   - `tableBook`: a nomination table as the offices send it (the header block, a header row, maybe
 *     a two-row header with Nam/Nữ, the numbering row, nominees, section rows, the signature and the
 *     date line), in Unicode, TCVN3 or VNI, then perturbed (rows swapped or repeated, blank runs,
 *     merges before the rows, cells without references, long texts shared by many cells…).
 *
 * A book is a plain value (shrinkable) that `writeBook` turns into bytes.
 */
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { anyText, column, esc } from './xml-mutations';

export type CellKind = 'sst' | 'inline' | 'str' | 'num' | 'bool' | 'err' | 'date' | 'bad-sst';

export interface GenCell {
  col: number;
  kind: CellKind;
  /** The text, or the raw <v> of a number, boolean, error or date. */
  v: string;
  style: number;
  /** How the reference is written: A1, $A$1, a1, left out. */
  ref: 'a1' | 'abs' | 'lower' | 'none';
  f: string | null;
  /** A shared formula: its group (a master has `f`, a dependent none). */
  si: number | null;
}

export interface GenRow {
  row: number;
  /** Write r="…" on the row. */
  numbered: boolean;
  cells: GenCell[];
}

export interface GenSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  rows: GenRow[];
  merges: [number, number, number, number][];
  mergesFirst: boolean;
  /** Markup that means nothing, written before row `before` (or after the last row). */
  padding?: Padding[];
}

/**
 * Filler of `size` characters, from a seeded generator: comments with `<` inside, whitespace,
 * processing instructions, unknown elements with text, long inline strings and CDATA values (in
 * column T of a row without a number: the row before's, so that they add a value out of the
 * table's columns without putting rows out of order).
 * Enough of it (over 1 MiB) makes the streaming read take the sheet in pieces (xmlPieces), with
 * markup falling across the pieces' edges.
 */
export interface Padding {
  before: number;
  kind: 'comment' | 'space' | 'pi' | 'element' | 'inline' | 'cdata';
  size: number;
  seed: number;
}

export interface GenStyle {
  numFmt: number;
  font: string | null;
}

export interface GenBook {
  sheets: GenSheet[];
  styles: GenStyle[];
  date1904: boolean;
  /** Strings in the table no cell uses. */
  unused: string[];
  /** Write the shared strings as rich text runs (with the style's font as rFont). */
  rich: boolean;
}

// ---------------------------------------------------------------------------------------------
// Values

const NAMES = ['Nguyễn Thị Lan', 'H’ Ngăn Byă', 'Lê Văn Minh', 'Trần Văn Bình', 'Y Đhăm Ê Ban', 'Điểu Thị Hoa', 'Phạm Minh Tuấn', 'Hoàng Thu Thảo'];
const NAMES_TCVN3 = ['NguyÔn ThÞ Lan', 'Lª V¨n Minh', 'TrÇn V¨n B×nh', '§iÓu ThÞ Hoa'];
const NAMES_VNI = ['Nguyeãn Thò Lan', 'Leâ Vaên Minh', 'Traàn Vaên Bình'];
const POSITIONS = ['Giáo viên', 'Hiệu trưởng', 'Phó Hiệu trưởng', 'GV', 'Tổ trưởng chuyên môn', 'Nhân viên'];
const LEVELS = ['Mầm non', 'Tiểu học', 'THCS', 'THPT', 'GDTX', 'MN', 'TH', 'Cấp 2'];
const SCHOOLS = ['Trường Mầm non Hoa Sen', 'Trường TH Kim Đồng', 'Trường THCS Nguyễn Du', 'Trường THPT Đắk Mil'];
/** Words in TCVN3 and VNI as they look in Unicode (a sheet holding them is read again with its encoding). */
const LEGACY = ['Gi¸o viªn', 'HiÖu tr­ëng', 'TiÓu häc', 'Tr\u00adêng TiÓu häc Lª Lîi', 'Hä vµ tªn', 'Ngµy sinh', 'Phßng Gi¸o dôc vµ §µo t¹o'];
const DATES = ['12/03/1984', '05/09/1988', '20/01/1979', '1984', '31/02/1990', '00/00/0000', '29/02/2001', '1/1/1900', '12-03-1984', '1984-03-12', '12.03.1984', 'ngày 5 tháng 9 năm 1988', '99/99/9999', '01/01/2030'];
const HEADERS = ['TT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích', 'Kỷ luật', 'Giới tính', 'Năm công tác', 'Ghi chú', 'STT', 'Ngày, tháng, năm sinh', 'Chức vụ, đơn vị công tác'];
const BLOCK = ['UBND HUYỆN CƯ JÚT', 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Cư Jút, ngày 20 tháng 11 năm 2025', 'DANH SÁCH ĐỀ CỬ NHÀ GIÁO TIÊU BIỂU NĂM HỌC 2024-2025', 'Đơn vị: Phòng GD&ĐT huyện Krông Nô', 'Đơn vị:', 'KHỐI THI ĐUA SỐ 1'];
const FOOTER = ['Người lập biểu', 'TRƯỞNG PHÒNG', 'Nguyễn Thị Hoa', 'Đắk Mil, ngày 25 tháng 11 năm 2025', 'I. CẤP MẦM NON', 'II', 'A.', 'Tổng cộng: 3 người'];
const ACHIEVE = ['Giáo viên dạy giỏi cấp tỉnh năm học 2023-2024; sáng kiến kinh nghiệm được công nhận cấp tỉnh.', 'Chiến sĩ thi đua cơ sở', '', 'Không có', '=HYPERLINK("http://x","y")', '+1', '@SUM(A1)', '-2+3'];
const DISCIPLINE = ['Không', 'Không bị kỷ luật', 'K', '0', '-', 'Khiển trách', 'Cảnh cáo năm 2023'];

/** Text a cell may hold: the table's words, legacy encodings, formulas as text, anything. */
const word = fc.oneof(
  { weight: 15, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 5, arbitrary: fc.constantFrom(...NAMES_TCVN3, ...NAMES_VNI, ...LEGACY) },
  { weight: 10, arbitrary: fc.constantFrom(...POSITIONS, ...LEVELS, ...SCHOOLS, ...DISCIPLINE) },
  { weight: 10, arbitrary: fc.constantFrom(...DATES) },
  { weight: 10, arbitrary: fc.constantFrom(...HEADERS, ...BLOCK, ...FOOTER, ...ACHIEVE) },
  { weight: 20, arbitrary: anyText },
  // Long texts, up to Excel's limit and one past it.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('Giáo viên dạy giỏi; ', 'x', 'Kh«ng ', '\u202e'), fc.oneof({ weight: 6, arbitrary: fc.constantFrom(100, 2000, 32_767) }, { weight: 1, arbitrary: fc.constant(32_768) }))
      .map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)),
  },
);

const rawNumber = fc.oneof(
  fc.constantFrom('0', '1', '-1', '30000', '45000', '2958465', '2958466', '-693594', '1e308', '1e309', 'NaN', '', ' ', '1.5', '.5', '0x10', '12/03/1984', '31100', '9999999999999999'),
  fc.integer({ min: -100_000, max: 3_000_000 }).map(String),
  fc.double({ noNaN: false }).map(String),
);
const rawBool = fc.constantFrom('0', '1', 'true', 'false', 'TRUE', '2', '', 'x');
const rawErr = fc.constantFrom('#N/A', '#REF!', '#DIV/0!', '#VALUE!', '', 'x');
const rawDate = fc.constantFrom('1984-03-12', '1984-03-12T00:00:00', '1984-03-12T12:30:00Z', '1899-12-30', '1900-02-28', '1900-03-01', '-0001-01-01', '9999-12-31T23:59:59.999', '2024-02-30', '12:00', '24:00:00', '1984-13-01', '', 'x', '+275760-09-13');

const cellKind = fc.oneof(
  { weight: 6, arbitrary: fc.constant<CellKind>('sst') },
  { weight: 2, arbitrary: fc.constant<CellKind>('inline') },
  { weight: 1, arbitrary: fc.constant<CellKind>('str') },
  { weight: 3, arbitrary: fc.constant<CellKind>('num') },
  { weight: 1, arbitrary: fc.constantFrom<CellKind>('bool', 'err', 'date', 'bad-sst') },
);

const refMode = fc.oneof({ weight: 8, arbitrary: fc.constant<GenCell['ref']>('a1') }, { weight: 1, arbitrary: fc.constantFrom<GenCell['ref']>('abs', 'lower', 'none') });

const formula = fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom('A1*2', 'B2&"x"', 'SUM(A1:A9)', 'HYPERLINK("http://x","y")', '$A$1+B$2', 'Sheet2!A1', '') });

function valueFor(kind: CellKind): fc.Arbitrary<string> {
  switch (kind) {
    case 'num':
      return rawNumber;
    case 'bool':
      return rawBool;
    case 'err':
      return rawErr;
    case 'date':
      return rawDate;
    case 'bad-sst':
      return fc.constantFrom('-1', '999999', '1e3', 'x', '', '4294967296', '1.5');
    default:
      return word;
  }
}

function genCell(col: fc.Arbitrary<number>, styles: number): fc.Arbitrary<GenCell> {
  return fc
    .tuple(col, cellKind, fc.nat({ max: styles + 2 }), refMode, formula, fc.option(fc.nat({ max: 2 }), { freq: 6 }))
    .chain(([c, kind, style, ref, f, si]) => valueFor(kind).map((v): GenCell => ({ col: c, kind, v, style, ref, f, si })));
}

const styleArb: fc.Arbitrary<GenStyle> = fc.record({
  numFmt: fc.constantFrom(0, 14, 15, 22, 49, 164, 165, 166),
  font: fc.constantFrom(null, 'Times New Roman', '.VnTime', '.VnTimeH', 'VNI-Times', 'Calibri', ''),
});

const sheetName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('Sheet1', 'Danh sách', 'DS đề cử', 'Cư Jút', 'Krông Nô', 'Biểu 1') },
  { weight: 1, arbitrary: anyText },
);

// ---------------------------------------------------------------------------------------------
// Random books

/** Columns and rows (0-based): mostly near the top left, now and then at Excel's edge, rarely past it. */
const nearCol = fc.oneof({ weight: 2000, arbitrary: fc.nat({ max: 14 }) }, { weight: 20, arbitrary: fc.constantFrom(25, 26, 255, 16000) }, { weight: 1, arbitrary: fc.constantFrom(16383, 16384) });
const nearRow = fc.oneof({ weight: 2000, arbitrary: fc.nat({ max: 70 }) }, { weight: 20, arbitrary: fc.constantFrom(1000, 65535, 65536, 1048575) }, { weight: 1, arbitrary: fc.constant(1048576) });

function randomSheet(styles: number): fc.Arbitrary<GenSheet> {
  return fc.record({
    name: sheetName,
    state: fc.constantFrom<GenSheet['state']>('visible', 'visible', 'visible', 'hidden', 'veryHidden'),
    rows: fc.array(fc.record({ row: nearRow, numbered: fc.boolean(), cells: fc.array(genCell(nearCol, styles), { maxLength: 12 }) }), { maxLength: 40 }),
    merges: fc.array(fc.tuple(nearRow, nearCol, nearRow, nearCol), { maxLength: 4 }),
    mergesFirst: fc.boolean(),
  });
}

export const randomBook: fc.Arbitrary<GenBook> = fc.array(styleArb, { maxLength: 6 }).chain((styles) =>
  fc.record({
    sheets: fc.array(randomSheet(styles.length), { minLength: 1, maxLength: 3 }),
    styles: fc.constant(styles),
    date1904: fc.boolean(),
    unused: fc.array(word, { maxLength: 3 }),
    rich: fc.boolean(),
  }),
);

// ---------------------------------------------------------------------------------------------
// Nomination tables

const STANDARD = ['TT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích', 'Kỷ luật'];

interface TablePlan {
  blockRows: string[][];
  headerRow: number;
  /** Two header rows: "Ngày sinh" over Nam | Nữ. */
  split: boolean;
  numbering: boolean;
  columns: number[];
  nominees: { name: string; birth: string; birthAsSerial: boolean; position: string; school: string; level: string; achieve: string; discipline: string; male: boolean }[];
  /** Row offsets (after the header) where a section title, a blank run or a footer goes. */
  extras: { at: number; kind: 'section' | 'blank' | 'footer' | 'date' | 'junk'; text: string }[];
  legacy: 'none' | 'tcvn3' | 'vni';
  /** Perturbations of the written rows. */
  swaps: [number, number][];
  repeats: number[];
  sharedLong: string | null;
  refless: number;
  styleDates: boolean;
}

const nominee = fc.record({
  name: fc.oneof({ weight: 16, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: word }),
  birth: fc.oneof({ weight: 16, arbitrary: fc.constantFrom(...DATES) }, { weight: 1, arbitrary: word }),
  birthAsSerial: fc.boolean(),
  position: fc.oneof({ weight: 16, arbitrary: fc.constantFrom(...POSITIONS) }, { weight: 1, arbitrary: word }),
  school: fc.constantFrom(...SCHOOLS),
  level: fc.oneof({ weight: 16, arbitrary: fc.constantFrom(...LEVELS) }, { weight: 1, arbitrary: word }),
  achieve: fc.oneof({ weight: 16, arbitrary: fc.constantFrom(...ACHIEVE) }, { weight: 1, arbitrary: word }),
  discipline: fc.constantFrom(...DISCIPLINE),
  male: fc.boolean(),
});

const tablePlan: fc.Arbitrary<TablePlan> = fc.record({
  blockRows: fc.array(fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...BLOCK) }, { weight: 1, arbitrary: fc.constant('') }), { maxLength: 6 }), { maxLength: 8 }),
  headerRow: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 13, max: 45 }) }),
  split: fc.boolean(),
  numbering: fc.boolean(),
  columns: fc.oneof({ weight: 3, arbitrary: fc.constant<number[]>([0, 1, 2, 3, 4, 5, 6, 7]) }, { weight: 1, arbitrary: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 2 }) }),
  nominees: fc.array(nominee, { maxLength: 25 }),
  extras: fc.array(fc.record({ at: fc.nat({ max: 30 }), kind: fc.constantFrom('section' as const, 'blank' as const, 'footer' as const, 'date' as const, 'junk' as const), text: fc.oneof(fc.constantFrom(...FOOTER), word) }), { maxLength: 4 }),
  legacy: fc.constantFrom('none' as const, 'none' as const, 'none' as const, 'none' as const, 'tcvn3' as const, 'vni' as const),
  // Rows out of order: the streaming read must then fall back to the grid (rarely, so that it mostly streams).
  swaps: fc.oneof({ weight: 5, arbitrary: fc.constant([] as [number, number][]) }, { weight: 1, arbitrary: fc.array(fc.tuple(fc.nat({ max: 40 }), fc.nat({ max: 40 })), { minLength: 1, maxLength: 2 }) }),
  repeats: fc.oneof({ weight: 5, arbitrary: fc.constant([] as number[]) }, { weight: 1, arbitrary: fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 2 }) }),
  sharedLong: fc.option(fc.constantFrom('Giáo viên dạy giỏi; '.repeat(1600), 'x'.repeat(32_767)), { freq: 15 }),
  refless: fc.nat({ max: 6 }),
  styleDates: fc.boolean(),
});

const TCVN3: Record<string, string> = { 'Họ và tên': 'Hä vµ tªn', 'Ngày sinh': 'Ngµy sinh', 'Chức vụ': 'Chøc vô', 'Đơn vị công tác': '§¬n vÞ c«ng t¸c', 'Cấp học': 'CÊp häc', 'Kỷ luật': 'Kû luËt', 'Giáo viên': 'Gi¸o viªn', 'Không': 'Kh«ng', 'Nguyễn Thị Lan': 'NguyÔn ThÞ Lan' };
const VNI: Record<string, string> = { 'Họ và tên': 'Hoï vaø teân', 'Ngày sinh': 'Ngaøy sinh', 'Chức vụ': 'Chöùc vuï', 'Giáo viên': 'Giaùo vieân', 'Không': 'Khoâng', 'Nguyễn Thị Lan': 'Nguyeãn Thò Lan' };

function planToSheet(p: TablePlan, name: string): GenSheet {
  const legacy = p.legacy === 'tcvn3' ? TCVN3 : p.legacy === 'vni' ? VNI : null;
  const font = p.legacy === 'tcvn3' ? 2 : p.legacy === 'vni' ? 3 : 1;
  const text = (s: string) => (legacy && legacy[s]) || s;
  const cell = (col: number, v: string, kind: CellKind = 'sst', style = font): GenCell => ({ col, kind, v: kind === 'sst' || kind === 'inline' ? text(v) : v, style, ref: 'a1', f: null, si: null });
  const rows: GenRow[] = [];
  p.blockRows.forEach((texts, r) => {
    if (r < p.headerRow) rows.push({ row: r, numbered: true, cells: texts.flatMap((t, c) => (t ? [cell(c * 2, t)] : [])) });
  });
  const cols = p.columns;
  // Ngày sinh split into Nam | Nữ: its column and the one after it.
  const place = (k: number) => {
    const at = cols.indexOf(k);
    if (at < 0) return -1;
    const birthAt = cols.indexOf(2);
    return p.split && birthAt >= 0 && at > birthAt ? at + 1 : at;
  };
  const header: GenCell[] = [];
  for (const k of cols) header.push(cell(place(k), STANDARD[k]));
  rows.push({ row: p.headerRow, numbered: true, cells: header });
  let r = p.headerRow + 1;
  const merges: GenSheet['merges'] = [];
  if (p.split && cols.includes(2)) {
    const b = place(2);
    rows.push({ row: r, numbered: true, cells: [cell(b, 'Nam'), cell(b + 1, 'Nữ')] });
    merges.push([p.headerRow, b, p.headerRow, b + 1]);
    for (const k of cols) if (k !== 2) merges.push([p.headerRow, place(k), r, place(k)]);
    r++;
  }
  if (p.numbering) rows.push({ row: r++, numbered: true, cells: cols.map((k, i) => cell(place(k), `(${i + 1})`)) });
  p.nominees.forEach((n, i) => {
    for (const e of p.extras) {
      if (e.at !== i) continue;
      if (e.kind === 'blank') r += 3;
      else if (e.kind === 'section') {
        rows.push({ row: r, numbered: true, cells: [cell(0, e.text)] });
        merges.push([r, 0, r, 7]);
        r++;
      } else if (e.kind === 'date') rows.push({ row: r++, numbered: true, cells: [cell(4, 'Cư Jút, ngày 25 tháng 11 năm 2025')] });
      else rows.push({ row: r++, numbered: true, cells: [cell(e.kind === 'footer' ? 1 : 9, e.text)] });
    }
    const values: Record<number, GenCell> = {
      0: cell(place(0), String(i + 1), 'num', 0),
      1: cell(place(1), n.name),
      2: n.birthAsSerial ? cell(place(2) + (p.split && !n.male ? 1 : 0), String(30000 + i * 37), 'num', p.styleDates ? 4 : 0) : cell(place(2) + (p.split && !n.male ? 1 : 0), n.birth),
      3: cell(place(3), p.sharedLong && i % 2 ? p.sharedLong : n.position),
      4: cell(place(4), n.school),
      5: cell(place(5), p.sharedLong && i % 3 === 0 ? p.sharedLong : n.level),
      6: cell(place(6), n.achieve),
      7: cell(place(7), n.discipline),
    };
    rows.push({ row: r++, numbered: true, cells: cols.map((k) => values[k]).filter((c) => c.col >= 0) });
  });
  rows.push({ row: r + 1, numbered: true, cells: [cell(1, 'Người lập biểu'), cell(5, 'TRƯỞNG PHÒNG')] });
  // Perturbations: rows swapped (out of order) or written twice, cells without references.
  for (const [a, b] of p.swaps) {
    if (rows.length < 2) break;
    const i = a % rows.length;
    const j = b % rows.length;
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  for (const k of p.repeats) if (rows.length) rows.splice(k % rows.length, 0, rows[k % rows.length]);
  let refless = p.refless;
  for (const row of rows) {
    if (refless <= 0) break;
    if (row.cells.length) {
      row.cells[row.cells.length - 1] = { ...row.cells[row.cells.length - 1], ref: 'none' };
      refless--;
    }
  }
  return { name, state: 'visible', rows, merges, mergesFirst: false };
}

const paddingKind = fc.constantFrom<Padding['kind']>('comment', 'space', 'pi', 'element', 'inline', 'cdata');

/** Pieces of padding adding up to a little over 1 MiB: the sheet is then streamed in pieces. */
const bigPadding: fc.Arbitrary<Padding[]> = fc
  .array(fc.record({ before: fc.nat({ max: 40 }), kind: paddingKind, size: fc.integer({ min: 1, max: 40_000 }), seed: fc.nat() }), { minLength: 1, maxLength: 12 })
  .chain((small) =>
    fc.record({ before: fc.nat({ max: 40 }), kind: fc.constantFrom<Padding['kind']>('space', 'element'), seed: fc.nat() }).map((big) => [
      ...small,
      { ...big, size: Math.max(0, (1 << 20) + 4096 - small.reduce((a, p) => a + p.size, 0)) },
    ]),
  );

export const tableBook: fc.Arbitrary<GenBook> = fc
  .record({
    plans: fc.array(tablePlan, { minLength: 1, maxLength: 2 }),
    names: fc.array(sheetName, { minLength: 2, maxLength: 2 }),
    mergesFirst: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    date1904: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    rich: fc.boolean(),
    inline: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    padding: fc.oneof({ weight: 3, arbitrary: fc.constant([] as Padding[]) }, { weight: 1, arbitrary: bigPadding }),
  })
  .map(({ plans, names, mergesFirst, date1904, rich, inline, padding }) => ({
    sheets: plans.map((p, i) => {
      const s = planToSheet(p, names[i] || `Sheet${i + 1}`);
      s.mergesFirst = mergesFirst;
      if (i === 0) s.padding = padding;
      if (inline) for (const row of s.rows) row.cells = row.cells.map((c) => (c.kind === 'sst' ? { ...c, kind: 'inline' as const } : c));
      return s;
    }),
    // s="1" to s="4" (cellXfs 0 is the default).
    styles: [
      { numFmt: 0, font: 'Times New Roman' },
      { numFmt: 0, font: '.VnTime' },
      { numFmt: 0, font: 'VNI-Times' },
      { numFmt: 14, font: null },
    ],
    date1904,
    unused: [],
    rich,
  }));

// ---------------------------------------------------------------------------------------------
// Writing

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

function attr(s: string): string {
  return esc(s).replace(/"/g, '&quot;');
}

function refOf(c: GenCell, row: number): string {
  const a1 = `${column(c.col + 1)}${row + 1}`;
  if (c.ref === 'abs') return `$${column(c.col + 1)}$${row + 1}`;
  if (c.ref === 'lower') return a1.toLowerCase();
  return a1;
}

/** Characters of filler: letters, digits, spaces and the markup characters, but no `-` (which could end a comment). */
const FILL = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 <>&"\'=/;:.,\n';
/** …and none of `<`, `&` (text between tags or in a CDATA section: no markup, no `]]>`). */
const FILL_TEXT = FILL.replace(/[<>&]/g, '');

/** Per alphabet, 2 MiB of its characters from a seeded generator, made once: fill() takes slices. */
const FILLS = new Map<string, string>();

function fill(chars: string, size: number, seed: number): string {
  let source = FILLS.get(chars);
  if (source === undefined) {
    // The linear congruence of helpers/rng.ts, inline: no global (Math) looked up per character,
    // which costs a hundred times more inside Jest's sandbox.
    let x = chars.length;
    const n = chars.length;
    const out: string[] = [];
    for (let i = 0; i < 1 << 21; i += 8192) {
      const codes = new Array<number>(8192);
      for (let k = 0; k < 8192; k++) {
        x = (x * 1664525 + 1013904223) >>> 0;
        codes[k] = chars.charCodeAt((x >>> 8) % n);
      }
      out.push(String.fromCharCode(...codes));
    }
    source = out.join('');
    FILLS.set(chars, source);
  }
  const n = Math.min(size, source.length);
  const at = seed % (source.length - n + 1);
  return source.slice(at, at + n);
}

function padding(p: Padding): string {
  switch (p.kind) {
    case 'comment':
      // Half of them with `<` inside: a comment longer than the window then makes the sheet read whole.
      return `<!--${fill(p.seed % 2 ? FILL : FILL_TEXT, p.size, p.seed)}-->`;
    case 'space':
      return fill(' \n\t\r', p.size, p.seed);
    case 'pi':
      return `<?fuzz ${fill(FILL.replace('>', ''), p.size, p.seed)}?>`;
    case 'element':
      return `<x:fuzz xmlns:x="urn:fuzz" a="${fill(FILL_TEXT.replace(/"/g, ''), Math.min(p.size, 100), p.seed)}">${fill(FILL_TEXT, p.size, p.seed + 1)}</x:fuzz>`;
    case 'inline':
      return `<row><c r="T" t="inlineStr"><is><t>${fill(FILL_TEXT, Math.min(p.size, 32_767), p.seed)}</t></is></c></row>`;
    case 'cdata':
      return `<row><c r="T" t="str"><v><![CDATA[${fill(FILL_TEXT, Math.min(p.size, 32_767), p.seed)}]]></v></c></row>`;
  }
}

/** The workbook's parts, and their total size. */
export function writeBook(book: GenBook): { bytes: Uint8Array; inflated: number } {
  const sst: string[] = [];
  const sstIndex = new Map<string, number>();
  const sstStyle: number[] = [];
  const id = (s: string, style: number) => {
    let i = sstIndex.get(s);
    if (i === undefined) {
      i = sst.length;
      sst.push(s);
      sstStyle.push(style);
      sstIndex.set(s, i);
    }
    return i;
  };
  const parts: Record<string, string> = {};
  book.sheets.forEach((sheet, k) => {
    const rows = sheet.rows.map((row) => {
      const cells = row.cells.map((c) => {
        const r = c.ref === 'none' ? '' : ` r="${refOf(c, row.row)}"`;
        const s = c.style ? ` s="${c.style}"` : '';
        const f = c.si !== null ? (c.f ? `<f t="shared" ref="A1:Z99" si="${c.si}">${esc(c.f)}</f>` : `<f t="shared" si="${c.si}"/>`) : c.f ? `<f>${esc(c.f)}</f>` : '';
        switch (c.kind) {
          case 'sst':
            return `<c${r}${s} t="s">${f}<v>${id(c.v, c.style)}</v></c>`;
          case 'bad-sst':
            return `<c${r}${s} t="s">${f}<v>${esc(c.v)}</v></c>`;
          case 'inline':
            return `<c${r}${s} t="inlineStr">${f}<is><t xml:space="preserve">${esc(c.v)}</t></is></c>`;
          case 'str':
            return `<c${r}${s} t="str">${f}<v>${esc(c.v)}</v></c>`;
          case 'num':
            return `<c${r}${s}>${f}<v>${esc(c.v)}</v></c>`;
          case 'bool':
            return `<c${r}${s} t="b">${f}<v>${esc(c.v)}</v></c>`;
          case 'err':
            return `<c${r}${s} t="e">${f}<v>${esc(c.v)}</v></c>`;
          case 'date':
            return `<c${r}${s} t="d">${f}<v>${esc(c.v)}</v></c>`;
        }
      });
      return `<row${row.numbered ? ` r="${row.row + 1}"` : ''}>${cells.join('')}</row>`;
    });
    const merges = sheet.merges.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map(([t, l, b, r]) => `<mergeCell ref="${column(l + 1)}${t + 1}:${column(r + 1)}${b + 1}"/>`).join('')}</mergeCells>`
      : '';
    for (const p of [...(sheet.padding ?? [])].sort((a, b) => b.before - a.before)) rows.splice(Math.min(p.before, rows.length), 0, padding(p));
    const data = `<sheetData>${rows.join('')}</sheetData>`;
    parts[`xl/worksheets/sheet${k + 1}.xml`] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}" xmlns:r="${R}">${sheet.mergesFirst ? merges + data : data + merges}</worksheet>`;
  });
  for (const s of book.unused) id(s, 0);
  const fonts = book.styles.map((s) => s.font);
  parts['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}" count="${sst.length}" uniqueCount="${sst.length}">${sst
    .map((s, i) => {
      const font = fonts[sstStyle[i] - 1];
      return book.rich && font ? `<si><r><rPr><rFont val="${attr(font)}"/></rPr><t xml:space="preserve">${esc(s)}</t></r></si>` : `<si><t xml:space="preserve">${esc(s)}</t></si>`;
    })
    .join('')}</sst>`;
  // cellXfs: 0 the default, then one per style (s="k" is style k-1 here).
  const custom = ['dd/mm/yyyy', 'General', '[$-42A]dd mmmm yyyy;@'];
  parts['xl/styles.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS}"><numFmts count="3">${custom
    .map((code, i) => `<numFmt numFmtId="${164 + i}" formatCode="${attr(code)}"/>`)
    .join('')}</numFmts><fonts count="${fonts.length + 1}"><font><name val="Calibri"/></font>${fonts
    .map((f) => (f === null ? '<font/>' : `<font><sz val="12"/><name val="${attr(f)}"/></font>`))
    .join('')}</fonts><cellXfs count="${book.styles.length + 1}"><xf numFmtId="0" fontId="0"/>${book.styles
    .map((s, i) => `<xf numFmtId="${s.numFmt}" fontId="${i + 1}" applyNumberFormat="1"/>`)
    .join('')}</cellXfs></styleSheet>`;
  parts['xl/workbook.xml'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS}" xmlns:r="${R}">${book.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${book.sheets
    .map((s, k) => `<sheet name="${attr(s.name)}" sheetId="${k + 1}"${s.state !== 'visible' ? ` state="${s.state}"` : ''} r:id="rId${k + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const n = book.sheets.length;
  parts['xl/_rels/workbook.xml.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}">${book.sheets
    .map((_s, k) => `<Relationship Id="rId${k + 1}" Type="${R}/worksheet" Target="worksheets/sheet${k + 1}.xml"/>`)
    .join('')}<Relationship Id="rId${n + 1}" Type="${R}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId${n + 2}" Type="${R}/styles" Target="styles.xml"/></Relationships>`;
  parts['_rels/.rels'] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  parts['[Content_Types].xml'] =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`;
  const files: Record<string, Uint8Array> = {};
  let inflated = 0;
  for (const [k, v] of Object.entries(parts)) {
    files[k] = strToU8(v);
    inflated += files[k].length;
  }
  // Over a megabyte of filler would take fflate most of a second to deflate: stored, it is the same XML.
  return { bytes: zipSync(files, { level: inflated > 1 << 20 ? 0 : 1 }), inflated };
}

/** Texts this long count as long for `tame`. */
const LONG = 1000;
/** What `tame` leaves of a long text that is not plain ASCII. */
const LONG_KEPT = 4000;

/**
 * The book with at most one cell holding a long text, and that one cut to LONG_KEPT characters
 * unless it is plain ASCII or over Excel's limit (refused before it costs anything); the others cut
 * to 100 characters. A long text costs time for every cell that holds it, and far more when it
 * could be TCVN3 or VNI: a known bug (regressions.test.ts, "a long shared string…"), which would
 * fail every property making such books. FUZZ_KNOWN=1 leaves the books whole, to fuzz that bug too.
 */
export function tame(book: GenBook): GenBook {
  if (process.env.FUZZ_KNOWN === '1') return book;
  let left = 1;
  return {
    ...book,
    sheets: book.sheets.map((s) => ({
      ...s,
      rows: s.rows.map((row) => ({
        ...row,
        cells: row.cells.map((c) => {
          if (c.v.length < LONG || (c.kind !== 'sst' && c.kind !== 'inline' && c.kind !== 'str')) return c;
          if (left-- <= 0) return { ...c, v: c.v.slice(0, 100) };
          return c.v.length > 32_767 || /^[\x20-\x7e]*$/.test(c.v) ? c : { ...c, v: c.v.slice(0, LONG_KEPT) };
        }),
      })),
    })),
  };
}
