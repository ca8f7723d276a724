/**
 * Our own .xls reader (Excel 97-2003, BIFF8; and Excel 5.0/95, BIFF5/7): bytes in, the same plain
 * WorkbookGrid as readXlsx out, so the rest of the engine does not know which format it read.
 * The container is opened by ./cfb.ts; the Workbook stream is then read record by record, once,
 * front to back: the workbook globals (fonts, cell formats, number formats, shared strings, sheet
 * list, date system, code page), then each sheet's cells, formulas and merged ranges.
 *
 * As in .xlsx, every cell with a value gets the name of its format's font (`.VnTime`, `VNI-Times`
 * reveal legacy Vietnamese text, decoded later by src/sheet/cells.ts) and `date` when its number
 * format shows a date. BIFF8 text is Unicode already: a TCVN3 cell holds the Latin-1 characters an
 * .xlsx holds for it. BIFF5 text is 8-bit in the workbook's code page, except in a legacy font,
 * whose bytes are kept as the Latin-1 characters of the same codes (what an .xlsx holds).
 *
 * The safety limits are those of .xlsx (file size, cells, text length, sheets); the stream is at
 * most the file's size and is read in one linear pass. A FILEPASS record (the workbook is
 * encrypted) is refused with its own message.
 */
import type { CellValue, Grid, GridCell, MergeRange, WorkbookGrid } from '../../sheet/grid';
import { a1 } from '../../sheet/address';
import { builtInIsDate, isDateFormatCode } from '../../sheet/number-format';
import { fontEncoding } from '../../text/legacy';
import { readingAs, UnreadableError, unreadable } from '../errors';
import { resolveLimits, type ReadLimits } from '../limits';
import { Cursor, f64, latin1, rk, RT, TextTooLong, u16, u32 } from './biff';
import { openCfb } from './cfb';
import { decompile, ERROR_TEXT, type FormulaContext, type SharedRef } from './formula';

export { UnreadableError } from '../errors';

export interface XlsReadOptions {
  limits?: Partial<ReadLimits>;
  /** Which sheets to read, by name; the others are skipped and left out of the result. */
  sheets?: (name: string) => boolean;
}

/** What a formula whose text cannot be rebuilt shows: the cell is still reported as a formula. */
export const UNKNOWN_FORMULA = '?';

const MAX_COLS = 16384;

const XLS = '.xls';

function damaged(vi: string, en: string): UnreadableError {
  return unreadable.damagedFile(XLS, vi, en);
}

/** Reads an .xls file held in memory. Throws UnreadableError when it cannot or must not be read. */
export function readXls(bytes: Uint8Array, opts: XlsReadOptions = {}): WorkbookGrid {
  return readingAs(XLS, () => read(bytes, opts));
}

interface SheetEntry {
  name: string;
  offset: number;
  hidden: boolean;
  /** BOUNDSHEET dt: 0 worksheet (or dialog), 1 macro sheet, 2 chart, 6 VBA module. */
  kind: number;
  done: boolean;
}

interface Xf {
  font: string | undefined;
  date: boolean;
}

interface SupBook {
  internal: boolean;
  names: string[];
}

/** The workbook globals every sheet needs. */
interface Globals {
  biff: 5 | 8;
  date1904: boolean;
  codepage: number;
  fonts: string[];
  formats: Map<number, string>;
  xfs: Xf[];
  sheets: SheetEntry[];
  sst: string[];
  names: string[];
  supbooks: SupBook[];
  externSheets: { book: number; first: number; last: number }[];
  decode: (bytes: Uint8Array) => string;
}

const BUILTIN_NAMES = [
  'Consolidate_Area', 'Auto_Open', 'Auto_Close', 'Extract', 'Database', 'Criteria', 'Print_Area', 'Print_Titles',
  'Recorder', 'Data_Form', 'Auto_Activate', 'Auto_Deactivate', 'Sheet_Title', '_FilterDatabase',
];

/** A decoder for 8-bit text in a Windows code page (BIFF5): the platform's, else Latin-1. */
function codepageDecoder(cp: number): (b: Uint8Array) => string {
  const label =
    cp === 1200 ? 'utf-16le'
    : cp >= 1250 && cp <= 1258 ? `windows-${cp}`
    : cp === 874 ? 'windows-874'
    : cp === 932 ? 'shift_jis'
    : cp === 936 ? 'gbk'
    : cp === 949 ? 'euc-kr'
    : cp === 950 ? 'big5'
    : cp === 10000 || cp === 32768 ? 'macintosh'
    : cp === 65001 ? 'utf-8'
    : cp === 367 || cp === 20127 ? null
    : 'windows-1252';
  if (label) {
    try {
      const d = new TextDecoder(label);
      return (b) => d.decode(b);
    } catch {
      // The platform does not know it: Latin-1 keeps the bytes as they are.
    }
  }
  return (b) => latin1(b, 0, b.length);
}

/** The BOF record at `pos`: its version and substream type, or null when there is none. */
function bofAt(s: Uint8Array, pos: number): { vers: number; dt: number } | null {
  if (pos + 8 > s.length || u16(s, pos) !== RT.BOF) return null;
  return { vers: u16(s, pos + 4), dt: u16(s, pos + 6) };
}

/** The record at `pos` and the CONTINUE records after it, as Cursor pieces; `next` is past them. */
function withContinues(s: Uint8Array, pos: number): { segs: number[]; next: number } {
  const len = u16(s, pos + 2);
  const segs = [pos + 4, Math.min(s.length, pos + 4 + len)];
  let p = pos + 4 + len;
  while (p + 4 <= s.length && u16(s, p) === RT.CONTINUE) {
    const l = u16(s, p + 2);
    segs.push(p + 4, Math.min(s.length, p + 4 + l));
    p += 4 + l;
  }
  return { segs, next: p };
}

function read(bytes: Uint8Array, opts: XlsReadOptions): WorkbookGrid {
  const limits = resolveLimits(opts.limits);
  if (bytes.length > limits.maxFileBytes) throw unreadable.fileTooLarge(bytes.length, limits.maxFileBytes);
  const cfb = openCfb(bytes);
  // An encrypted .xlsx/.docx is a compound file too, holding the encrypted package.
  if (cfb.root.has('encryptedpackage') || cfb.root.has('encryptioninfo')) throw unreadable.passwordProtected();
  const entry = cfb.root.get('workbook') ?? cfb.root.get('book');
  if (!entry || entry.type !== 2) {
    if (cfb.root.has('worddocument')) throw unreadable.notSpreadsheet('tệp Word 97-2003 (.doc)', 'a Word 97-2003 document (.doc)');
    if (cfb.root.has('powerpoint document')) throw unreadable.notSpreadsheet('tệp PowerPoint 97-2003 (.ppt)', 'a PowerPoint 97-2003 file (.ppt)');
    throw unreadable.otherFormat(
      'Tệp là tệp Office 97-2003 nhưng không chứa bảng tính Excel. Hãy gửi đúng tệp Excel (.xlsx hoặc .xls).',
      'The file is an Office 97-2003 file but holds no Excel workbook. Please provide the Excel file (.xlsx or .xls).',
    );
  }
  const s = cfb.read(entry);
  const g = readGlobals(s, limits);
  const result: WorkbookGrid = { sheets: [], date1904: g.date1904 };
  readSheets(s, g, limits, opts, result);
  return result;
}

function readGlobals(s: Uint8Array, limits: ReadLimits): Globals & { end: number } {
  const bof = bofAt(s, 0);
  if (!bof) {
    const t = s.length >= 2 ? u16(s, 0) : -1;
    if (t === 0x0009 || t === 0x0209 || t === 0x0409) throw tooOld();
    throw damaged('không tìm thấy phần đầu của bảng tính', 'the start of the workbook is missing');
  }
  if (bof.vers < 0x0500) throw tooOld();
  if (bof.dt !== 0x0005) throw damaged('phần đầu của bảng tính không hợp lệ', 'the start of the workbook is invalid');
  const g: Globals & { end: number } = {
    biff: bof.vers >= 0x0600 ? 8 : 5,
    date1904: false,
    codepage: 1252,
    fonts: [],
    formats: new Map(),
    xfs: [],
    sheets: [],
    sst: [],
    names: [],
    supbooks: [],
    externSheets: [],
    decode: codepageDecoder(1252),
    end: s.length,
  };
  const big = g.biff === 8;
  const xfRaw: { font: number; fmt: number }[] = [];
  const maxText = limits.maxCellText;
  let pos = u16(s, 2) + 4;
  let ended = false;
  while (pos + 4 <= s.length) {
    const type = u16(s, pos);
    const len = u16(s, pos + 2);
    const d = pos + 4;
    if (d + len > s.length) break;
    let next = d + len;
    switch (type) {
      case RT.EOF:
        ended = true;
        break;
      case RT.FILEPASS:
        throw unreadable.passwordProtected();
      case RT.CODEPAGE:
        if (len >= 2) {
          g.codepage = u16(s, d);
          g.decode = codepageDecoder(g.codepage);
        }
        break;
      case RT.DATEMODE:
        if (len >= 2) g.date1904 = u16(s, d) === 1;
        break;
      case RT.FONT: {
        if (len < 15) break;
        const c = new Cursor(s, [d + 14, next]);
        g.fonts.push(big ? c.unicode(1, 255) : g.decode(c.bytes(c.u8())));
        break;
      }
      case RT.FORMAT: {
        if (len < 3) break;
        const id = u16(s, d);
        const c = new Cursor(s, [d + 2, next]);
        g.formats.set(id, big ? c.unicode(2, 4096) : g.decode(c.bytes(c.u8())));
        break;
      }
      case RT.XF:
        if (len >= 4) xfRaw.push({ font: u16(s, d), fmt: u16(s, d + 2) });
        break;
      case RT.BOUNDSHEET: {
        if (len < 7) break;
        const c = new Cursor(s, [d + 6, next]);
        const name = big ? c.unicode(1, 255) : g.decode(c.bytes(c.u8()));
        g.sheets.push({ name, offset: u32(s, d), hidden: (s[d + 4] & 3) !== 0, kind: s[d + 5], done: false });
        if (g.sheets.length > limits.maxSheets) throw unreadable.tooManySheets(limits.maxSheets);
        break;
      }
      case RT.SST: {
        const w = withContinues(s, pos);
        next = w.next;
        const c = new Cursor(s, w.segs);
        c.u32();
        const unique = c.u32();
        while (g.sst.length < unique && !c.atEnd()) {
          try {
            g.sst.push(c.unicode(2, maxText));
          } catch (err) {
            if (err instanceof TextTooLong) throw unreadable.textTooLong(`SST #${g.sst.length}`, err.length, maxText);
            throw err;
          }
          if (g.sst.length > limits.maxCells) throw unreadable.tooManyCells(limits.maxCells);
        }
        break;
      }
      case RT.NAME: {
        if (len < 14) break;
        const w = withContinues(s, pos);
        next = w.next;
        const builtin = (u16(s, d) & 0x20) !== 0;
        const cch = s[d + 3];
        const c = new Cursor(s, w.segs);
        c.skip(14);
        let name: string;
        if (big) {
          const flags = c.u8();
          name = c.chars(cch, (flags & 1) === 1, 255);
        } else name = g.decode(c.bytes(cch));
        if (builtin && name.length > 0) name = BUILTIN_NAMES[name.charCodeAt(0)] ?? name;
        g.names.push(name);
        break;
      }
      case RT.SUPBOOK:
        if (len >= 4) g.supbooks.push({ internal: u16(s, d + 2) === 0x0401, names: [] });
        break;
      case RT.EXTERNNAME: {
        const book = g.supbooks[g.supbooks.length - 1];
        if (!big || !book || len < 7) break;
        const c = new Cursor(s, [d + 6, next]);
        book.names.push(c.unicode(1, 255));
        break;
      }
      case RT.EXTERNSHEET: {
        if (!big) break;
        const w = withContinues(s, pos);
        next = w.next;
        const c = new Cursor(s, w.segs);
        const count = c.u16();
        for (let k = 0; k < count && !c.atEnd(); k++) g.externSheets.push({ book: c.u16(), first: c.u16(), last: c.u16() });
        break;
      }
      default:
        break;
    }
    pos = next;
    if (ended) break;
  }
  if (!ended) throw truncated();
  g.end = pos;
  // Font 4 does not exist: indexes from 4 up count from the fifth FONT record.
  const fontOf = (i: number) => g.fonts[i >= 4 ? i - 1 : i];
  const dates = new Map<number, boolean>();
  const isDate = (fmt: number): boolean => {
    let v = dates.get(fmt);
    if (v === undefined) {
      const code = g.formats.get(fmt);
      v = code !== undefined ? isDateFormatCode(code) : builtInIsDate(fmt);
      dates.set(fmt, v);
    }
    return v;
  };
  g.xfs = xfRaw.map((x) => ({ font: fontOf(x.font), date: isDate(x.fmt) }));
  return g;
}

function tooOld(): UnreadableError {
  return unreadable.otherFormat(
    'Tệp là bảng tính Excel đời cũ (Excel 2.x–4.0), không đọc được. Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.',
    'The file is an old Excel workbook (Excel 2.x–4.0), which cannot be read. Open it in Excel and save it as .xlsx.',
  );
}

/**
 * Every substream after the globals, front to back, once: each top-level BOF starts one, matched to
 * its BOUNDSHEET by offset (else to the next sheet not yet read), and ends at its own EOF (charts
 * embedded in a sheet nest BOF…EOF inside it).
 */
function readSheets(s: Uint8Array, g: Globals & { end: number }, limits: ReadLimits, opts: XlsReadOptions, out: WorkbookGrid): void {
  const byOffset = new Map<number, SheetEntry>();
  for (const e of g.sheets) if (!byOffset.has(e.offset)) byOffset.set(e.offset, e);
  let worksheets = 0;
  for (const e of g.sheets) if (e.kind === 0) worksheets++;
  if (worksheets === 0) throw unreadable.noSheets();
  const budget = { cells: 0 };
  let order = 0;
  let pos = g.end;
  let left = g.sheets.length;
  while (pos + 4 <= s.length && left > 0) {
    const type = u16(s, pos);
    const len = u16(s, pos + 2);
    if (type !== RT.BOF) {
      pos += 4 + len;
      continue;
    }
    let entry = byOffset.get(pos);
    if (!entry || entry.done) {
      while (order < g.sheets.length && g.sheets[order].done) order++;
      entry = g.sheets[order];
    }
    if (!entry || entry.done) break;
    entry.done = true;
    left--;
    const dt = bofAt(s, pos)?.dt ?? 0;
    const wanted = entry.kind === 0 && dt === 0x0010 && (!opts.sheets || opts.sheets(entry.name));
    const sheet = new SheetReader(s, g, limits, budget, entry.name);
    pos = sheet.run(pos, wanted);
    if (wanted) {
      const grid: Grid = { name: entry.name, rows: sheet.rows, merges: sheet.merges };
      if (entry.hidden) grid.hidden = true;
      out.sheets.push(grid);
    }
  }
  // A worksheet whose data never came: the stream was cut short.
  for (const e of g.sheets) if (!e.done && e.kind === 0 && (!opts.sheets || opts.sheets(e.name))) throw truncated();
}

function truncated(): UnreadableError {
  return damaged('tệp bị cắt cụt (có thể do tải về hoặc sao chép chưa xong)', 'the file is truncated (perhaps an incomplete download or copy)');
}

interface PendingShared {
  cell: GridCell;
  row: number;
  col: number;
  master: SharedRef;
}

class SheetReader {
  rows: (GridCell | undefined)[][] = [];
  merges: MergeRange[] = [];
  private readonly big: boolean;
  private readonly maxText: number;
  /** The formula cell whose string result the next STRING record holds. */
  private stringFor: GridCell | null = null;
  private readonly shared = new Map<string, { b: Uint8Array; from: number; cce: number }>();
  private readonly pending: PendingShared[] = [];
  private readonly fctx: FormulaContext;

  constructor(
    private readonly s: Uint8Array,
    private readonly g: Globals,
    private readonly limits: ReadLimits,
    private readonly budget: { cells: number },
    private readonly sheetName: string,
  ) {
    this.big = g.biff === 8;
    this.maxText = limits.maxCellText;
    const names = g.sheets.map((e) => e.name);
    this.fctx = {
      biff: g.biff,
      row: 0,
      col: 0,
      sheets: (ixti) => {
        const x = g.externSheets[ixti];
        const book = x ? g.supbooks[x.book] : undefined;
        if (!x || !book?.internal || x.first >= names.length || x.last >= names.length) return null;
        return x.first === x.last ? names[x.first] : `${names[x.first]}:${names[x.last]}`;
      },
      sheetsByIndex: (first, last) => {
        if (first < 0 || first >= names.length || last < first || last >= names.length) return null;
        return first === last ? names[first] : `${names[first]}:${names[last]}`;
      },
      name: (i) => g.names[i - 1] ?? null,
      externName: (ixti, i) => {
        const x = g.externSheets[ixti];
        return (x && g.supbooks[x.book]?.names[i - 1]) ?? null;
      },
      decode: g.decode,
    };
  }

  /** Reads the substream whose BOF is at `start`; returns the position after its EOF. */
  run(start: number, wanted: boolean): number {
    const s = this.s;
    let depth = 0;
    let pos = start;
    for (;;) {
      // The stream ends before the sheet's EOF: it was cut short.
      if (pos + 4 > s.length) throw truncated();
      const type = u16(s, pos);
      const len = u16(s, pos + 2);
      const d = pos + 4;
      if (d + len > s.length) throw truncated();
      let next = d + len;
      if (type === RT.BOF) depth++;
      else if (type === RT.EOF) {
        depth--;
        if (depth <= 0) {
          pos = next;
          break;
        }
      } else if (depth === 1 && wanted) next = this.record(type, pos, d, len);
      pos = next;
    }
    if (wanted) this.resolveShared();
    return pos;
  }

  private tooLong(row: number, col: number, length: number): UnreadableError {
    return unreadable.textTooLong(`${this.sheetName}!${a1(row, col)}`, length, this.maxText);
  }

  private put(row: number, col: number, xf: number, v: CellValue, isNumber: boolean): GridCell {
    if (col >= MAX_COLS) {
      throw damaged(`có ô nằm ngoài phạm vi của Excel (${this.sheetName}: cột ${col + 1})`, `a cell lies outside Excel's grid (${this.sheetName}: column ${col + 1})`);
    }
    if (++this.budget.cells > this.limits.maxCells) throw unreadable.tooManyCells(this.limits.maxCells);
    const x = this.g.xfs[xf];
    const font = x?.font;
    const cell: GridCell = font !== undefined ? { v, font } : { v };
    if (isNumber && x?.date) cell.date = true;
    let r = this.rows[row];
    if (r === undefined) this.rows[row] = r = [];
    r[col] = cell;
    return cell;
  }

  /** BIFF5 8-bit text: a legacy font keeps its bytes as Latin-1 characters (see the file comment). */
  private text8(xf: number, b: Uint8Array): string {
    return fontEncoding(this.g.xfs[xf]?.font) ? latin1(b, 0, b.length) : this.g.decode(b);
  }

  /** Handles one record of the sheet; returns the position after it (and its CONTINUEs, if read). */
  private record(type: number, pos: number, d: number, len: number): number {
    const s = this.s;
    let next = d + len;
    if (type !== RT.STRING && type !== RT.SHRFMLA && type !== RT.ARRAY && type !== RT.CONTINUE) this.stringFor = null;
    switch (type) {
      case RT.LABELSST: {
        if (len < 10) break;
        const str = this.g.sst[u32(s, d + 6)];
        if (str !== undefined && str !== '') this.put(u16(s, d), u16(s, d + 2), u16(s, d + 4), str, false);
        break;
      }
      case RT.LABEL:
      case RT.RSTRING: {
        if (len < 8) break;
        const row = u16(s, d);
        const col = u16(s, d + 2);
        const xf = u16(s, d + 4);
        const w = withContinues(s, pos);
        next = w.next;
        const c = new Cursor(s, w.segs);
        c.skip(6);
        let str: string;
        try {
          if (this.big) str = c.unicode(2, this.maxText);
          else {
            const cch = c.u16();
            if (cch > this.maxText) throw new TextTooLong(cch);
            str = this.text8(xf, c.bytes(cch));
          }
        } catch (err) {
          if (err instanceof TextTooLong) throw this.tooLong(row, col, err.length);
          throw err;
        }
        if (str !== '') this.put(row, col, xf, str, false);
        break;
      }
      case RT.NUMBER:
        if (len >= 14) this.put(u16(s, d), u16(s, d + 2), u16(s, d + 4), f64(s, d + 6), true);
        break;
      case RT.RK:
        if (len >= 10) this.put(u16(s, d), u16(s, d + 2), u16(s, d + 4), rk(u32(s, d + 6)), true);
        break;
      case RT.MULRK: {
        if (len < 6) break;
        const row = u16(s, d);
        const first = u16(s, d + 2);
        const count = Math.floor((len - 6) / 6);
        for (let k = 0; k < count; k++) {
          const at = d + 4 + k * 6;
          this.put(row, first + k, u16(s, at), rk(u32(s, at + 2)), true);
        }
        break;
      }
      case RT.BOOLERR: {
        if (len < 8) break;
        const isError = s[d + 7] === 1;
        const v = isError ? (ERROR_TEXT[s[d + 6]] ?? '#N/A') : s[d + 6] !== 0;
        const cell = this.put(u16(s, d), u16(s, d + 2), u16(s, d + 4), v, false);
        if (isError) cell.error = true;
        break;
      }
      case RT.FORMULA:
        if (len >= 22) this.formula(d, len);
        break;
      case RT.STRING: {
        const cell = this.stringFor;
        this.stringFor = null;
        const w = withContinues(s, pos);
        next = w.next;
        if (!cell) break;
        const c = new Cursor(s, w.segs);
        let str: string;
        try {
          if (this.big) str = c.unicode(2, this.maxText);
          else {
            const cch = c.u16();
            if (cch > this.maxText) throw new TextTooLong(cch);
            const b = c.bytes(cch);
            // As for LABEL: a legacy font keeps the bytes as the Latin-1 characters .xlsx holds.
            str = fontEncoding(cell.font) ? latin1(b, 0, b.length) : this.g.decode(b);
          }
        } catch (err) {
          if (err instanceof TextTooLong) throw unreadable.textTooLong(this.sheetName, err.length, this.maxText);
          throw err;
        }
        if (str !== '') cell.v = str;
        break;
      }
      case RT.SHRFMLA:
        if (len >= 10) this.shared.set(`${u16(s, d)},${s[d + 4]}`, { b: s, from: d + 10, cce: Math.min(u16(s, d + 8), len - 10) });
        break;
      case RT.ARRAY:
        if (len >= 14) this.shared.set(`${u16(s, d)},${s[d + 4]}`, { b: s, from: d + 14, cce: Math.min(u16(s, d + 12), len - 14) });
        break;
      case RT.MERGEDCELLS: {
        if (len < 2) break;
        const count = Math.min(u16(s, d), Math.floor((len - 2) / 8));
        for (let k = 0; k < count; k++) {
          const at = d + 2 + k * 8;
          const top = u16(s, at);
          const bottom = u16(s, at + 2);
          const left = u16(s, at + 4);
          const right = u16(s, at + 6);
          if (left >= MAX_COLS || right >= MAX_COLS) continue;
          if (++this.budget.cells > this.limits.maxCells) throw unreadable.tooManyCells(this.limits.maxCells);
          this.merges.push({ top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) });
        }
        break;
      }
      default:
        break;
    }
    return next;
  }

  private formula(d: number, len: number): void {
    const s = this.s;
    const row = u16(s, d);
    const col = u16(s, d + 2);
    const xf = u16(s, d + 4);
    let v: CellValue = null;
    let isNumber = false;
    let isError = false;
    let stringNext = false;
    if (u16(s, d + 12) === 0xffff) {
      switch (s[d + 6]) {
        case 0:
          stringNext = true;
          break;
        case 1:
          v = s[d + 8] !== 0;
          break;
        case 2:
          v = ERROR_TEXT[s[d + 8]] ?? '#N/A';
          isError = true;
          break;
        default:
          break;
      }
    } else {
      v = f64(s, d + 6);
      isNumber = true;
    }
    const cell = this.put(row, col, xf, v, isNumber);
    if (isError) cell.error = true;
    if (stringNext) this.stringFor = cell;
    this.fctx.row = row;
    this.fctx.col = col;
    const text = decompile(s, d + 22, Math.min(u16(s, d + 20), len - 22), this.fctx);
    if (typeof text === 'string') cell.f = text;
    else if (text === null) cell.f = UNKNOWN_FORMULA;
    else {
      cell.f = UNKNOWN_FORMULA;
      this.pending.push({ cell, row, col, master: text });
    }
  }

  /** Shared and array formulas: their tokens come after the first cell that uses them. */
  private resolveShared(): void {
    for (const p of this.pending) {
      const f = this.shared.get(`${p.master.row},${p.master.col}`);
      if (!f) continue;
      this.fctx.row = p.row;
      this.fctx.col = p.col;
      const text = decompile(f.b, f.from, f.cce, this.fctx);
      if (typeof text === 'string') p.cell.f = text;
    }
  }
}
