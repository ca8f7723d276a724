/** What the reader of a sheet hands to the checks: a submission and its nominations. */
import { a1 } from './address';
import type { CellValue } from './grid';
import type { UnitDef } from '../rules/types';

export type { SimpleDate } from '../text/dates';
import type { SimpleDate } from '../text/dates';

/** One field's value in one row, as the checks see it (made on demand by `field`, not kept). */
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

/**
 * The mapped fields of a submission's table, shared by its nominations: a nomination keeps its
 * values in arrays by field position (a 50,000-row list would otherwise hold 400,000 small
 * objects, ~15 MB).
 */
export interface FieldSet {
  /** Field keys, by position. */
  readonly keys: readonly string[];
  /** Each field's 0-based column (a field split into Nam/Nữ columns: see Nomination.cols). */
  readonly cols: readonly number[];
  /** Field key -> position. */
  readonly at: Readonly<Record<string, number>>;
}

/** The fields of a table whose mapped columns are `columns` (field key -> column), in this order. */
export function fieldSet(keys: string[], columns: Record<string, number>): FieldSet {
  const at: Record<string, number> = {};
  keys.forEach((k, i) => (at[k] = i));
  return { keys, cols: keys.map((k) => columns[k]), at };
}

export interface Nomination {
  /** The sheet's own Excel row number (1-based). */
  row: number;
  /** Which field each position of raw/text is. */
  fields: FieldSet;
  /**
   * By field position, the cell's value as stored in the file; undefined where the row leaves the
   * field empty (no text and no formula). The original is kept.
   */
  raw: (CellValue | undefined)[];
  /** By field position, the readable text ('' where empty): NFC, legacy encodings decoded, trimmed. */
  text: string[];
  /** By field position, formula texts: only on a row with a formula cell. */
  formula?: (string | undefined)[];
  /** By field position, the columns, on a row whose split field sits in its second column. */
  cols?: number[];
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

/** The value at field position `i`, or undefined where the row leaves it empty. */
export function fieldAt(n: Nomination, i: number): FieldValue | undefined {
  const raw = n.raw[i];
  if (raw === undefined) return undefined;
  const fv: FieldValue = { col: (n.cols ?? n.fields.cols)[i], row: n.row, raw, text: n.text[i] };
  const f = n.formula?.[i];
  if (f !== undefined) fv.formula = f;
  return fv;
}

/** The value of field `key`, or undefined where the row leaves it empty (or the table has no such column). */
export function field(n: Nomination, key: string): FieldValue | undefined {
  const i = n.fields.at[key];
  return i === undefined ? undefined : fieldAt(n, i);
}

/** A row's raw values hold one (text or a formula) for field `key`. */
export function hasIn(set: FieldSet, raw: readonly (CellValue | undefined)[], key: string): boolean {
  const i = set.at[key];
  return i !== undefined && raw[i] !== undefined;
}

/** The row holds a value (text or a formula) for field `key`. */
export function hasField(n: Nomination, key: string): boolean {
  return hasIn(n.fields, n.raw, key);
}

/** The A1 address of field `key`'s cell in the row, or null where the row leaves it empty. */
export function valueCell(n: Nomination, key: string): string | null {
  const i = n.fields.at[key];
  return i === undefined || n.raw[i] === undefined ? null : a1(n.row - 1, (n.cols ?? n.fields.cols)[i]);
}

/** The text of field `key`, or null where the row leaves it empty (a formula without a value: ''). */
export function valueText(n: Nomination, key: string): string | null {
  const i = n.fields.at[key];
  return i === undefined || n.raw[i] === undefined ? null : n.text[i];
}

/** A row's text of field `key` ('' where empty). */
export function textIn(set: FieldSet, text: readonly string[], key: string): string {
  const i = set.at[key];
  return i === undefined ? '' : text[i];
}

/** The text of field `key` ('' where empty). */
export function textOf(n: Nomination, key: string): string {
  return textIn(n.fields, n.text, key);
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
