/**
 * The rulebook: every number, list, name and deadline the checks use. Data, not code: a province,
 * a year or a reform changes the rulebook file, not the program.
 */

export type UnitKind = 'phong' | 'khoi';

/** Field keys the engine gives meaning to. A rulebook may add other columns (kept and copied, not checked). */
export const FIELD = {
  stt: 'stt',
  hoTen: 'hoTen',
  ngaySinh: 'ngaySinh',
  gioiTinh: 'gioiTinh',
  danToc: 'danToc',
  chucVu: 'chucVu',
  donVi: 'donVi',
  capHoc: 'capHoc',
  trinhDo: 'trinhDo',
  namCongTac: 'namCongTac',
  danhHieu: 'danhHieu',
  sangKien: 'sangKien',
  tomTat: 'tomTat',
  kyLuat: 'kyLuat',
  ghiChu: 'ghiChu',
} as const;
export type FieldKey = string;

export interface LevelDef {
  /** Short code used in reports and lists: MN, TH, THCS, THPT, GDTX. */
  code: string;
  name: string;
  nameEn: string;
  /** Spellings accepted in a level cell (matched without accents or case). */
  aliases: string[];
  /** Words in a school's name that imply this level ("Trường Mầm non Hoa Sen", "TH Trần Phú"). */
  schoolPatterns: string[];
}

export interface PositionDef {
  name: string;
  nameEn: string;
  aliases: string[];
  /** A manager (cán bộ quản lý) counts against the managers quota. */
  manager: boolean;
}

export interface UnitDef {
  id: string;
  name: string;
  kind: UnitKind;
  /** Other spellings by which sheets refer to the unit (place names, full names, without accents…). */
  aliases: string[];
  /** Line 1 of the unit's own agency block ("UBND HUYỆN CƯ JÚT"); derived from the name when absent. */
  parentAgency?: string;
  /** Place of the unit's date line ("Cư Jút"); derived from the name when absent. */
  place?: string;
}

export interface QuotaDef {
  /** At most this many nominees in one submission. */
  total: number;
  /** At most this many managers. */
  managers: number;
  /** At most this many nominees per level, or null for no per-level limit. */
  perLevel: number | null;
  /** Level codes the unit may nominate for. */
  levels: string[];
  /** Warn when a level of `levels` has nobody. */
  requireEachLevel: boolean;
}

export interface KindDef {
  label: string;
  labelEn: string;
  quota: QuotaDef;
}

export type ColumnType = 'text' | 'date' | 'number' | 'level' | 'position' | 'gender';

export interface ColumnDef {
  key: FieldKey;
  label: string;
  labelEn: string;
  type: ColumnType;
  /** Must hold a value in every nomination. */
  required: boolean;
  /** Header spellings accepted (matched without accents, case or punctuation). */
  aliases: string[];
  /** Column width in the template and the consolidated list (characters). */
  width: number;
  /** Input hint shown in the template (Vietnamese). */
  hint?: string;
}

export interface AgencyDef {
  /** Line 1 of the agency block: "UBND TỈNH ĐẮK NÔNG". */
  parent: string;
  /** Line 2: "SỞ GIÁO DỤC VÀ ĐÀO TẠO". */
  name: string;
  /** Place for the date line: "Đắk Nông". */
  place: string;
  /** Document symbol of the report: "BC-SGDĐT". */
  reportSymbol: string;
  signer: { authority: string; title: string; name: string };
  recipients: string[];
}

/** Texts of the documents a kind of unit sends (the standard template's header and signature). */
export interface KindDocumentTexts {
  /** Line 1 of the agency block when the unit names none ("SỞ GIÁO DỤC VÀ ĐÀO TẠO ĐẮK NÔNG" above a block). */
  parentAgency?: string;
  /** Line 2 of the agency block ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"); else the unit's name in capitals. */
  agencyName?: string;
  /** The signer's title under the unit's list ("TRƯỞNG PHÒNG"). */
  signerTitle?: string;
  /** "Nơi nhận" of the unit's list. */
  recipients?: string[];
}

/** Texts of the generated documents (the consolidated workbook and the template); all optional. */
export interface DocumentTexts {
  /** Title of the consolidated list (sheet "Tổng hợp"). */
  listTitle?: string;
  /** Opening paragraph of the report ("Thực hiện Kế hoạch…, Sở … tổng hợp như sau:"). */
  reportIntro?: string;
  kinds?: Partial<Record<UnitKind, KindDocumentTexts>>;
}

export interface Rulebook {
  schemaVersion: 1;
  id: string;
  name: string;
  /** The plan's period, e.g. 2022–2025. */
  period: { from: number; to: number };
  /** The reporting year the rulebook is set for (deadline year). */
  year: number;
  agency: AgencyDef;
  /** Titles of the template and the report. */
  titles: { template: string; report: string; reportSubtitle: string };
  nationalHeading: { motto1: string; motto2: string };
  /** Submissions are due before this day of the reporting year (a submission dated after it is late). */
  deadline: { day: number; month: number };
  levels: LevelDef[];
  positions: PositionDef[];
  kinds: Record<UnitKind, KindDef>;
  units: UnitDef[];
  columns: ColumnDef[];
  /** Values of the discipline column that mean "no disciplinary measure". */
  noDiscipline: string[];
  /** Columns that must hold evidence (the achievement summary at least). */
  evidence: FieldKey[];
  ranges: { age: { min: number; max: number }; yearsOfService: { min: number; max: number } };
  /** The Department's proposal to the Ministry (Quyết định 4996/QĐ-BGDĐT). */
  shortlist: { total: number; managers: number; levels: string[] };
  /** Texts of the generated documents; defaults are derived from the rest when absent. */
  documents?: DocumentTexts;
}
