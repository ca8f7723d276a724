/** What the reader of a sheet hands to the checks: a submission and its nominations. */
import { a1, type CellValue } from './grid';
import type { UnitDef } from '../rules/types';

/** A date as far as it is known: a year alone, or a full day. */
export interface SimpleDate {
  y: number;
  m?: number;
  d?: number;
}

export interface FieldValue {
  /** 0-based column of the value. */
  col: number;
  /** The sheet's own Excel row number (1-based); `fieldCell` gives the A1 address. */
  row: number;
  /** The cell's value as stored in the file. */
  raw: CellValue;
  /** Readable text: NFC, legacy encodings decoded, trimmed; dates as dd/mm/yyyy. */
  text: string;
  /** Formula text, when the source cell held a formula. */
  formula?: string;
}

export interface Nomination {
  /** The sheet's own Excel row number (1-based). */
  row: number;
  /** Every mapped column's value, by field key; the original is kept. */
  values: Record<string, FieldValue>;
  /** Name exactly as typed (NFC), never reordered or re-cased. */
  name: string;
  birth: SimpleDate | null;
  gender: 'Nam' | 'Nữ' | null;
  /** Position as typed, and its canonical name when recognised. */
  position: string;
  positionName: string | null;
  manager: boolean;
  workplace: string;
  /** Level code (MN, TH…) or null when unknown. */
  level: string | null;
  /** The level was derived from the school's name, not read from a level column. */
  levelDerived: boolean;
}

export type SubmissionStatus = 'ok' | 'invalid' | 'unreadable';

export interface Submission {
  file: string;
  sheet: string | null;
  unit: UnitDef | null;
  /** Where the unit was found: the agency block, a labelled cell, the sheet name, the file name. */
  unitSource: 'header' | 'label' | 'sheet' | 'file' | 'option' | null;
  /** The submission's date from the place-and-date line, and its cell. */
  date: SimpleDate | null;
  dateCell: string | null;
  /** Excel row of the (last) header row, or null when no table was found. */
  headerRow: number | null;
  /** Field key -> 0-based column. */
  columns: Record<string, number>;
  nominations: Nomination[];
  /** Legacy encoding found on the sheet, if any, how many cells, and the first one. */
  legacy: 'tcvn3' | 'vni' | null;
  legacyCells: number;
  legacyFirst: { cell: string; row: number; raw: string } | null;
  /** The text that named the unit, or the best guess at it when the unit is unknown. */
  unitText: string | null;
  /** The level column is absent, so every level comes from the school's name. */
  levelFromSchoolOnly: boolean;
  status: SubmissionStatus;
}

/** A submission with no table read: a file that could not be read, or one without a nomination table. */
export function emptySubmission(file: string, status: SubmissionStatus): Submission {
  return {
    file,
    sheet: null,
    unit: null,
    unitSource: null,
    unitText: null,
    date: null,
    dateCell: null,
    headerRow: null,
    columns: {},
    nominations: [],
    legacy: null,
    legacyCells: 0,
    legacyFirst: null,
    levelFromSchoolOnly: false,
    status,
  };
}

/**
 * A value's A1 address. Worked out when a finding needs it rather than kept: a 50,000-row list
 * has 600,000 values, and their addresses as strings took ~9 MB.
 */
export function fieldCell(fv: FieldValue): string {
  return a1(fv.row - 1, fv.col);
}
