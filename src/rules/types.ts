/**
 * The rulebook: every number, list, name and deadline the checks use. Data, not code: a province,
 * a year or a reform changes the rulebook file, not the program.
 * The types are inferred from the zod schema (./schema), the one description of a rulebook; the
 * field-by-field documentation lives there.
 */
import type { z } from 'zod';
import type {
  agencySchema,
  columnSchema,
  columnTypeSchema,
  deadlineSchema,
  documentTextsSchema,
  kindDocumentTextsSchema,
  kindSchema,
  levelSchema,
  positionSchema,
  quotaSchema,
  rulebookFieldsSchema,
  unitKindSchema,
  unitSchema,
} from './schema';

/** The id of a kind of unit: a key of the rulebook's `kinds`. */
export type UnitKind = z.output<typeof unitKindSchema>;

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

/** A level of education (cấp học). */
export type LevelDef = z.output<typeof levelSchema>;
/** A position (chức vụ). */
export type PositionDef = z.output<typeof positionSchema>;
/** A unit that sends a submission (a district office or a school of the province's block). */
export type UnitDef = z.output<typeof unitSchema>;
/** What one submission of a kind of unit may hold. */
export type QuotaDef = z.output<typeof quotaSchema>;
export type KindDef = z.output<typeof kindSchema>;
export type ColumnType = z.output<typeof columnTypeSchema>;
/** A column of the nomination list. */
export type ColumnDef = z.output<typeof columnSchema>;
/** A deadline: a day of the reporting year, and what to say where it is shown. */
export type DeadlineDef = z.output<typeof deadlineSchema>;
/** The Department that consolidates the submissions. */
export type AgencyDef = z.output<typeof agencySchema>;
/** Texts of the documents a kind of unit sends (the standard template's header and signature). */
export type KindDocumentTexts = z.output<typeof kindDocumentTextsSchema>;
/** Texts of the generated documents (the consolidated workbook and the template); all optional. */
export type DocumentTexts = z.output<typeof documentTextsSchema>;
/** A validated rulebook (its known fields; unknown keys of the file are kept but not typed). */
export type Rulebook = z.output<typeof rulebookFieldsSchema>;
