/**
 * A worksheet cell's value from what the scanner (./sheet-scanner.ts) gathered of its markup: the
 * type in t="…", the style in s="…", the <v> text, an inline string's text, the formula. OpenCell
 * holds the cell being read and makes it a GridCell; SharedFormulas gives each cell of a shared
 * formula its own text, shifted from its master's.
 */
import { a1 } from '../../../sheet/address';
import type { CellValue, GridCell } from '../../../sheet/grid';
import { unreadable } from '../../errors';
import type { ReadLimits } from '../../limits';
import { shiftFormula } from './formula';
import { digitsValue } from './markup';
import type { SharedStrings } from './shared-strings';
import type { CellStyles } from './styles';
import { decodeEntities, decodeOoxmlEscapes } from './xml';

// A cell's type, from t="…".
/** t="n", or no t: a number (or, when it is not one, its text). */
export const TYPE_NUMBER = 0;
/** t="s": an index into the shared strings. */
export const TYPE_SHARED_STRING = 1;
/** t="str": a formula's text result. */
export const TYPE_FORMULA_STRING = 2;
/** t="inlineStr": the text is in the cell, in <is>. */
export const TYPE_INLINE_STRING = 3;
/** t="b": a boolean. */
export const TYPE_BOOLEAN = 4;
/** t="e": an error value (#N/A…). */
export const TYPE_ERROR = 5;
/** t="d": an ISO 8601 date. */
export const TYPE_DATE = 6;
/** Not a type: the value is already read (the digits fast path of OpenCell.read). */
const TYPE_READ = -1;

const CH_S = 115; // t="s"
const CH_B = 98; // t="b"
const CH_E = 101; // t="e"
const CH_D = 100; // t="d"

/** A cell's type from its t="…" value in x[from, to); an unknown word longer than a letter leaves `current`. */
export function cellType(x: string, from: number, to: number, current: number): number {
  const len = to - from;
  const t0 = x.charCodeAt(from);
  if (len === 1) return t0 === CH_S ? TYPE_SHARED_STRING : t0 === CH_B ? TYPE_BOOLEAN : t0 === CH_E ? TYPE_ERROR : t0 === CH_D ? TYPE_DATE : TYPE_NUMBER;
  if (len === 3 && x.startsWith('str', from)) return TYPE_FORMULA_STRING;
  if (len === 9 && x.startsWith('inlineStr', from)) return TYPE_INLINE_STRING;
  return current;
}

const ISO_RE = /^\s*(?:(-?\d{4,})-(\d{1,2})-(\d{1,2}))?(?:[T ]?(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$/;
const DAY_MS = 86400000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/** An ISO 8601 date/time (t="d" cells) as an Excel serial number, or null when it is not one. */
export function isoToSerial(s: string, date1904: boolean): number | null {
  const m = ISO_RE.exec(s);
  if (!m || (m[1] === undefined && m[4] === undefined)) return null;
  let days = 0;
  if (m[1] !== undefined) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
    const t = Date.UTC(y, mo - 1, d);
    const back = new Date(t);
    if (back.getUTCMonth() !== mo - 1) return null;
    days = Math.round((t - EPOCH_1900) / DAY_MS);
    // Excel's 1900 system counts a 29 Feb 1900 that never was: serials before March 1900 are one less.
    if (!date1904 && days < 61) days -= 1;
    if (date1904) days -= 1462;
  }
  let frac = 0;
  if (m[4] !== undefined) {
    const h = Number(m[4]);
    const mi = Number(m[5]);
    const sec = m[6] !== undefined ? Number(m[6]) : 0;
    if (h > 24 || mi > 59 || sec >= 61) return null;
    frac = (h * 3600 + mi * 60 + sec) / 86400;
  }
  return days + frac;
}

/**
 * The shared formulas of a sheet: a master (<f t="shared" si="0">A1*2</f>) gives its text to the
 * cells that name its si with no text of their own, shifted by their distance from it. A cell met
 * before its master waits in `pending`.
 */
export class SharedFormulas {
  private readonly masters = new Map<string, { f: string; row: number; col: number }>();
  readonly pending: { cell: GridCell; si: string; row: number; col: number }[] = [];

  master(si: string, f: string, row: number, col: number): void {
    this.masters.set(si, { f, row, col });
  }

  /** Gives `cell` (at row, col) the formula of master `si`, now or, when it comes later, at resolvePending(). */
  apply(cell: GridCell, si: string, row: number, col: number): void {
    const m = this.masters.get(si);
    if (m) cell.f = shared(m, row, col);
    else this.pending.push({ cell, si, row, col });
  }

  resolvePending(): void {
    for (const p of this.pending) {
      const m = this.masters.get(p.si);
      if (m) p.cell.f = shared(m, p.row, p.col);
    }
  }
}

/**
 * Excel's own limit on a formula's text: a longer master is no formula Excel wrote. Its dependents
 * get the master's text itself, the one string shared, not shifted: shifting a crafted 258 KB master
 * for each of 4,000 cells made 1 GB of text (the cached value is what the check reads; a finding
 * quotes a cut excerpt of the formula).
 */
export const MAX_SHIFTED_FORMULA = 8192;

function shared(m: { f: string; row: number; col: number }, row: number, col: number): string {
  return m.f.length > MAX_SHIFTED_FORMULA ? m.f : shiftFormula(m.f, row - m.row, col - m.col);
}

/** What a cell's value is read with: the workbook's shared strings, styles and date system, and the text limit. */
export interface CellSetting {
  sheetName: string;
  sst: SharedStrings;
  styles: CellStyles;
  date1904: boolean;
  limits: ReadLimits;
}

/**
 * The cell being read: one object for the whole sheet, its fields set again for each cell (no
 * allocation per cell but the GridCell it makes).
 */
export class OpenCell {
  /** Between <c> and </c>. */
  open = false;
  row = 0;
  col = 0;
  type = TYPE_NUMBER;
  style = 0;
  /** The <v> text: a raw range of the document when it came in one piece (no copy), else decoded text. */
  vFrom = -1;
  vTo = -1;
  vText: string | null = null;
  /** The formula's text, and whether it is (part of) a shared formula, with its si. */
  fText: string | null = null;
  fShared = false;
  fSi: string | null = null;
  /** An inline string's text (<is>), gathered from its <t> runs. */
  isText: string | null = null;
  /** The font its first run names (rFont). */
  runFont: string | undefined = undefined;
  /** Inside <is>, and how deep inside phonetic runs (<rPh>, whose text is not the cell's). */
  inIs = false;
  inRPh = 0;

  private readonly strings: string[];
  private readonly stringFonts: (string | undefined)[];
  private readonly dateStyles: Uint8Array;
  private readonly styleFonts: (string | undefined)[];
  private readonly date1904: boolean;
  private readonly maxText: number;
  private readonly sheetName: string;

  constructor(setting: CellSetting) {
    this.strings = setting.sst.strings;
    this.stringFonts = setting.sst.fonts;
    this.dateStyles = setting.styles.date;
    this.styleFonts = setting.styles.font;
    this.date1904 = setting.date1904;
    this.maxText = setting.limits.maxCellText;
    this.sheetName = setting.sheetName;
  }

  /** A new cell starts (its attributes are read next). */
  begin(): void {
    this.open = true;
    this.type = TYPE_NUMBER;
    this.style = 0;
    this.vText = this.fText = this.fSi = this.isText = null;
    this.fShared = false;
    this.runFont = undefined;
    this.inIs = false;
    this.inRPh = 0;
    this.vFrom = -1;
  }

  /** Adds a <t> run's text (decoded) to the inline string. */
  addText(t: string): void {
    this.isText = (this.isText ?? '') + t;
    if (this.isText.length > this.maxText) throw this.tooLong(this.isText.length);
  }

  tooLong(len: number): Error {
    return unreadable.textTooLong(`${this.sheetName}!${a1(this.row, this.col)}`, len, this.maxText);
  }

  /** Set by read(): the shared string the value is, -1 when it is none. */
  sstIndex = -1;

  /**
   * The cell as a GridCell (`xml` holds its raw <v> range), or null when it has neither value nor
   * formula: a missing cell is an empty cell. Shared formulas are resolved through `formulas`.
   */
  read(xml: string, formulas: SharedFormulas): GridCell | null {
    this.open = false;
    this.inIs = false;
    let type = this.type;
    let vText = this.vText;
    let v: CellValue = null;
    let has = false;
    let isDate = false;
    let isError = false;
    let font = this.styleFonts[this.style];
    let sstIndex = -1;
    if (this.vFrom >= 0) {
      // Fast path on the raw range: a shared-string index or a plain integer needs no string
      // (without it, a slice and a Number() for each: the scan takes ~20% longer).
      if (type === TYPE_SHARED_STRING || type === TYPE_NUMBER) {
        const k = digitsValue(xml, this.vFrom, this.vTo);
        if (k >= 0) {
          if (type === TYPE_SHARED_STRING) {
            const s = this.strings[k];
            if (s !== undefined && s !== '') {
              v = s;
              has = true;
              sstIndex = k;
              const rf = this.stringFonts[k];
              if (rf !== undefined) font = rf;
            }
          } else {
            v = k;
            has = true;
            isDate = this.dateStyles[this.style] === 1;
          }
          type = TYPE_READ;
        }
      }
      if (type !== TYPE_READ) vText = decodeEntities(xml.slice(this.vFrom, this.vTo));
      this.vFrom = -1;
    }
    const maxText = this.maxText;
    switch (type) {
      case TYPE_READ:
        break;
      case TYPE_SHARED_STRING:
        if (vText !== null) {
          const idx = Number(vText);
          const s = this.strings[idx];
          if (s !== undefined && s !== '') {
            v = s;
            has = true;
            sstIndex = idx;
            const rf = this.stringFonts[idx];
            if (rf !== undefined) font = rf;
          }
        }
        break;
      case TYPE_INLINE_STRING: {
        const s = this.isText !== null ? this.isText : vText !== null ? decodeOoxmlEscapes(vText) : null;
        if (s !== null && s !== '') {
          if (s.length > maxText) throw this.tooLong(s.length);
          v = s;
          has = true;
          if (this.runFont !== undefined) font = this.runFont;
        }
        break;
      }
      case TYPE_FORMULA_STRING:
        if (vText !== null) {
          const s = decodeOoxmlEscapes(vText);
          if (s.length > maxText) throw this.tooLong(s.length);
          v = s;
          has = s !== '';
        }
        break;
      case TYPE_BOOLEAN:
        if (vText !== null) {
          const t = vText.trim();
          v = t === '1' || t.toLowerCase() === 'true';
          has = t !== '';
        }
        break;
      case TYPE_ERROR:
        if (vText !== null) {
          v = vText.trim();
          has = isError = true;
        }
        break;
      case TYPE_DATE:
        if (vText !== null) {
          const serial = isoToSerial(vText, this.date1904);
          if (serial !== null) {
            v = serial;
            isDate = true;
          } else v = vText;
          has = vText.trim() !== '';
        }
        break;
      default:
        if (vText !== null) {
          const num = Number(vText);
          if (vText.length > 0 && Number.isFinite(num) && vText.trim() !== '') {
            v = num;
            has = true;
            isDate = this.dateStyles[this.style] === 1;
          } else if (vText.trim() !== '') {
            // Not a number after all: keep the text rather than lose it.
            if (vText.length > maxText) throw this.tooLong(vText.length);
            v = vText;
            has = true;
          }
        }
    }
    this.sstIndex = sstIndex;
    const fText = this.fText;
    const si = this.fSi;
    const dependent = this.fShared && (fText === null || fText === '') && si !== null;
    const hasFormula = (fText !== null && fText !== '') || dependent;
    if (!has && !hasFormula) return null;
    // One literal for the common shape keeps cells small and monomorphic: a grid's scan takes
    // ~10% longer with `font` added afterwards. (Streamed cells, which get `plain` afterwards,
    // would be ~4% faster that way; one shape for both is kept.)
    const cell: GridCell = font !== undefined ? { v: has ? v : null, font } : { v: has ? v : null };
    if (isDate) cell.date = true;
    if (fText !== null && fText !== '') cell.f = fText;
    else if (dependent) formulas.apply(cell, si as string, this.row, this.col);
    if (isError) cell.error = true;
    return cell;
  }
}
