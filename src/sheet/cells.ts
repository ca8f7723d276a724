/** Reading a cell as text: NFC, legacy encodings decoded, dates and numbers written the Vietnamese way. */
import { presentIndices, type Grid, type GridCell } from './grid';
import { isNfcPlain, nfc } from '../text/normalize';
import { decodeLegacy, detectLegacyInTexts, fontIsUppercase, legacyCandidate, legacyEncodingOf, type LegacyEncoding } from '../text/legacy';
import { formatDate, serialToDate } from '../text/dates';

export interface CellText {
  text: string;
  /** The legacy encoding the text was decoded from, if any. */
  legacy: LegacyEncoding | null;
}

const EMPTY: CellText = { text: '', legacy: null };

export function numberText(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(15)));
}

/**
 * `sheet` is the legacy encoding of the sheet as a whole, when known: it settles short cells that read as
 * Vietnamese either way, and a legacy font alone never garbles Unicode text that kept an old font.
 */
export function readCell(cell: GridCell | undefined, date1904 = false, sheet?: LegacyEncoding | null): CellText {
  const found = { legacy: null as LegacyEncoding | null };
  const text = readCellText(cell, date1904, sheet, found);
  return text === '' && found.legacy === null ? EMPTY : { text, legacy: found.legacy };
}

/**
 * readCell's text, with the legacy encoding it was decoded from put in `found` (no object per
 * cell: every cell of a long list is read this way).
 */
export function readCellText(cell: GridCell | undefined, date1904: boolean, sheet: LegacyEncoding | null | undefined, found: { legacy: LegacyEncoding | null }): string {
  found.legacy = null;
  if (!cell) return '';
  const v = cell.v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return cell.date ? formatDate(serialToDate(v, date1904)) : numberText(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (cell.error || cell.plain) return v;
  // Most text is plain Unicode: one pass says so before any legacy scoring.
  const enc = legacyCandidate(v) ? legacyEncodingOf(v, cell.font, sheet) : null;
  found.legacy = enc;
  return nfc(enc ? decodeLegacy(v, enc, { upper: fontIsUppercase(cell.font) }) : v);
}

/**
 * Text whose reading is itself, whatever the cell's font and the sheet's encoding: no legacy
 * encoding could explain it (see readCellText) and nfc leaves it as it is. A reader may mark such
 * a cell `plain` (GridCell), once per shared string rather than once per cell.
 */
export function isPlainText(s: string): boolean {
  return !legacyCandidate(s) && isNfcPlain(s);
}

/** Cell text only, for places that don't track encodings (headers, footers). */
export function cellString(cell: GridCell | undefined, date1904 = false): string {
  return readCell(cell, date1904).text;
}

/** The legacy encoding of a sheet's text taken together, or null (most sheets: no candidate cell at all). */
export function sheetEncoding(grid: Grid): LegacyEncoding | null {
  const texts: string[] = [];
  // Rows and cells present only: a sparse row's length is its last column, not what it holds.
  const rows: number[] = [];
  const cols: number[] = [];
  const nRows = presentIndices(grid.rows, rows);
  for (let i = 0; i < nRows; i++) {
    const row = grid.rows[rows[i]];
    const n = presentIndices(row, cols);
    for (let k = 0; k < n; k++) {
      const c = row[cols[k]] as GridCell;
      if (typeof c.v === 'string' && legacyCandidate(c.v)) texts.push(c.v);
    }
  }
  return texts.length ? detectLegacyInTexts(texts) : null;
}
