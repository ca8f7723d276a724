/**
 * The shape of an example submission: its layout (rows above the table, columns, header rows,
 * signature block), its nominees, and the findings it was made to produce.
 */
import type { RuleId } from '../../src/check/finding';

export type Encoding = 'unicode' | 'nfd' | 'tcvn3' | 'vni';
export type DateStyle = 'excel' | 'text' | 'year';
export type Style =
  | 'agency' // line 1 of the agency block (UBND…)
  | 'agencyName' // line 2, bold (PHÒNG GIÁO DỤC VÀ ĐÀO TẠO)
  | 'motto' // CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
  | 'motto2' // Độc lập - Tự do - Hạnh phúc
  | 'dateLine'
  | 'title'
  | 'subtitle'
  | 'label'
  | 'note'
  | 'sigTitle'
  | 'sigRole'
  | 'sigName';

/** A text on one row spanning columns `from`..`to` (1-based, inclusive); a date line is one of them. */
export interface Piece {
  from: number;
  to: number;
  text: string;
  style: Style;
}

/** One row of the blocks above or below the table; an empty list is a blank row. */
export type Line = Piece[];

export interface Column {
  /** Field key of the rulebook, or `ngaySinh:Nam` / `ngaySinh:Nữ` for a birth date split by gender. */
  key: string;
  header: string;
  /** Upper header cell over several columns (two-row headers). */
  group?: string;
  width: number;
}

export type BirthSpec = { y: number; m?: number; d?: number } | string;

export interface Person {
  hoTen: string;
  ngaySinh: BirthSpec;
  gioiTinh: 'Nam' | 'Nữ';
  danToc?: string;
  chucVu: string;
  donVi: string;
  capHoc?: string;
  trinhDo?: string;
  namCongTac?: number | { formula: string; result: number };
  danhHieu?: string;
  sangKien?: string;
  tomTat?: string;
  kyLuat?: string;
  ghiChu?: string;
  /** Findings this row must produce, each at the cell of the named field. */
  expect?: [RuleId, string][];
}

export interface ExampleSpec {
  file: string;
  /** One line for the README. */
  summary: string;
  /** What is messy about the layout (README). */
  layout: string[];
  /** What is wrong, in words (README). */
  faults: string[];
  /** Registry id of the unit the file belongs to, or null when it cannot be identified. */
  unit: string | null;
  unitSource: 'header' | 'label' | 'file' | null;
  sheet: string;
  /** Empty sheets after the list, as Excel's default workbook has. */
  extraSheets?: string[];
  encoding: Encoding;
  dates: DateStyle;
  columns: Column[];
  /** The table header takes two rows (merged group cells above). */
  twoRowHeader: boolean;
  /** A "(1) (2) (3)…" row under the header. */
  numbering: boolean;
  /** Rows above the table, from row 1. */
  top: Line[];
  /** Rows below the data (the first ones are usually blank). */
  bottom: Line[];
  /** The submission's date, as written in its date line (null: no date line). */
  date: { y: number; m: number; d: number } | null;
  persons: Person[];
  /** Findings about the whole submission: at the date line's cell, or with no cell. */
  fileFindings: [RuleId, 'dateLine' | null][];
}

export interface ExpectedFinding {
  ruleId: RuleId;
  cell: string | null;
}

export interface ExpectedSubmission {
  unit: string | null;
  unitSource: ExampleSpec['unitSource'];
  sheet: string;
  nominees: number;
  /** Excel row of the (last) header row. */
  headerRow: number;
  /** Excel rows of the nominees. */
  rows: number[];
  date: string | null;
  dateCell: string | null;
  legacy: 'tcvn3' | 'vni' | null;
}
