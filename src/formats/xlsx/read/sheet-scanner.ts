/**
 * The worksheet scanner: one pass over a worksheet part's text that picks out rows, cells and
 * merged ranges and skips everything else. Hand-written rather than a general SAX parser (no
 * attribute objects, no string per tag or attribute, nothing allocated per cell but the cell
 * itself), and tolerant of sloppy markup the way ./xml.ts is.
 *
 * The text is the whole part, or a window on it when it comes in pieces (streaming: the part is
 * never one big string). The scanner's state says where it is in the document:
 *   inSheetData        between <sheetData> and </sheetData>, where <row> and <c> count;
 *   cell.open          between <c> and </c> (OpenCell, ./cell-values.ts, holds what it has read);
 *   cell.inIs/inRPh    inside the cell's inline string <is>, and its phonetic runs <rPh>;
 *   capture            the text being gathered: a <v>, an <f>, an inline string's <t>, or none.
 *
 * The figures in the comments on the fast paths are what each saves: the scan of the bench's
 * 50,000-row sheet (scripts/bench/workloads.ts), streamed, measured with the trick and without it
 * (CPU time, paired runs in one process, December 2026).
 */
import type { GridCell, MergeRange } from '../../../sheet/grid';
import type { RowSink } from '../../../sheet/row-stream';
import { isPlainText } from '../../../sheet/cells';
import { unreadable } from '../../errors';
import { cellType, OpenCell, SharedFormulas, TYPE_NUMBER, TYPE_SHARED_STRING } from './cell-values';
import { AttrCursor, CellRef, CH_0, CH_9, CH_BANG, CH_COLON, CH_DQUOTE, CH_EQUALS, CH_GT, CH_LT, CH_QUESTION, CH_SLASH, CH_SPACE, digitsValue, isSpace, scanCellRef } from './markup';
import type { ParsedSheet, SheetContext } from './sheet';
import { decodeEntities, decodeOoxmlEscapes, skipSpecial, tagEnd } from './xml';

/** Excel's grid: a cell beyond it means a damaged file. */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

// The tags the scanner acts on, by local name (any namespace prefix is skipped). The one-letter
// ones are told by their character code.
const TAG_CELL = 99; // <c>
const TAG_VALUE = 118; // <v>: the cell's value
const TAG_FORMULA = 102; // <f>
const TAG_TEXT = 116; // <t>: a text run of an inline string
const TAG_ROW = 'row';
const TAG_INLINE_STRING = 'is';
const TAG_PHONETIC = 'rPh'; // a phonetic run: its <t> is not the cell's text
const TAG_RUN_FONT = 'rFont';
const TAG_SHEET_DATA = 'sheetData';
const TAG_MERGE_CELL = 'mergeCell';
// Attributes: <c r s t>, <row r>, <f t si>, <rFont val>, <mergeCell ref>.
const ATTR_REF = 114; // r
const ATTR_STYLE = 115; // s
const ATTR_TYPE = 116; // t

// What `capture` gathers.
const CAPTURE_NONE = 0;
const CAPTURE_VALUE = 1;
const CAPTURE_FORMULA = 2;
const CAPTURE_TEXT = 3;

/** In pieces, the text scanned keeps this much after the markup being read (or the document's end). */
const LOOKAHEAD = 4096;
/** …and is topped up to this length: small strings, young garbage once scanned. */
const WINDOW = 16384;

/** The tag that `gt` ends is self-closing. */
function selfClosingAt(x: string, gt: number): boolean {
  return gt > 0 && x.charCodeAt(gt - 1) === CH_SLASH;
}

/** See the file comment. One scanner reads one sheet, once: new SheetScanner(…).scan(). */
export class SheetScanner {
  /** The text scanned: the whole document, or (in pieces) a window on it, `last` once it holds its end. */
  private xml: string;
  private last: boolean;
  private readonly pieces: Iterator<string, void> | null;
  private readonly attrs: AttrCursor;
  private readonly ref = new CellRef();

  // Where the scanner is (see the file comment).
  private inSheetData = false;
  /** The row being read (0-based) and the last cell's column: cells without r="…" follow them. */
  private rowIdx = -1;
  private colIdx = -1;
  private readonly cell: OpenCell;
  private capture = CAPTURE_NONE;
  /** The text captured so far: a range of the document while it is one piece (no copy), else `cap`. */
  private cap = '';
  private capFrom = -1;
  private capTo = -1;

  // What it finds.
  private readonly rows: (GridCell | undefined)[][] = [];
  private readonly merges: MergeRange[] = [];
  private readonly formulas = new SharedFormulas();

  // Streaming (with a sink): the row being filled, and whether streaming still gives the grid's reading.
  private openRow = -1;
  private openCells: (GridCell | undefined)[] = [];
  private streamable = true;
  /** Per shared string: 0 not known yet, 1 plain (GridCell.plain), 2 not. */
  private plainStrings: Uint8Array | null = null;

  private readonly captureLimit: number;

  constructor(
    src: string | Iterator<string, void>,
    private readonly ctx: SheetContext,
    private readonly sink: RowSink | undefined,
  ) {
    this.pieces = typeof src === 'string' ? null : src;
    this.xml = typeof src === 'string' ? src : '';
    this.last = this.pieces === null;
    this.attrs = new AttrCursor(this.xml);
    this.cell = new OpenCell(ctx);
    // Markup inside a value is not text, so allow for it before judging the length.
    this.captureLimit = ctx.limits.maxCellText * 8 + 1024;
  }

  /** Reads the sheet; with a sink, `merged` is what mergesAfterRows() found (see parseSheet). */
  scan(merged?: MergeRange[]): ParsedSheet {
    let xml = this.xml;
    let n = xml.length;
    let i = 0;
    while (this.streamable) {
      if (!this.last && n - i < LOOKAHEAD) {
        this.slide(i, false);
        xml = this.xml;
        i = 0;
        n = xml.length;
      }
      const lt = xml.indexOf('<', i);
      if (!this.last && (lt < 0 || n - lt < LOOKAHEAD)) {
        // The next markup may not be all in the window: take in another piece.
        this.slide(i, true);
        xml = this.xml;
        i = 0;
        n = xml.length;
        continue;
      }
      if (lt < 0) break;
      if (this.capture !== CAPTURE_NONE && lt > i) this.captureText(i, lt);
      const c1 = xml.charCodeAt(lt + 1);
      const next = c1 === CH_SLASH ? this.endTag(lt) : c1 === CH_BANG || c1 === CH_QUESTION ? this.special(lt) : this.startTag(lt);
      if (next < 0) {
        // The markup does not end in the text. In a window, it may be longer than the window: only
        // the whole text can say (the sheet is read again whole).
        if (!this.last) this.streamable = false;
        break;
      }
      i = next;
    }
    if (this.cell.open && this.streamable) this.endCell();
    const { rows, merges } = this;
    if (this.sink) {
      // A dependent formula resolved after its row was handed on, or merges the sink did not know.
      if (this.formulas.pending.length > 0 || merges.length !== (merged?.length ?? 0)) this.streamable = false;
      if (this.streamable && this.openRow >= 0) this.sink.row(this.openRow, this.openCells);
      return { rows, merges, streamed: this.streamable };
    }
    this.formulas.resolvePending();
    return { rows, merges };
  }

  /** Moves the window to start at `from`, topped up to WINDOW characters (`more`: at least one more piece). */
  private slide(from: number, more: boolean): void {
    const xml = this.xml;
    // Positions into the old window are about to go: keep what they point at as text.
    if (this.capFrom >= 0) this.flushCapture();
    const cell = this.cell;
    if (cell.vFrom >= 0) {
      cell.vText = decodeEntities(xml.slice(cell.vFrom, cell.vTo));
      cell.vFrom = -1;
    }
    let next = xml.slice(from);
    while (!this.last && (more || next.length < WINDOW)) {
      const r = (this.pieces as Iterator<string, void>).next();
      if (r.done) this.last = true;
      else next += r.value;
      more = false;
    }
    this.xml = next;
    this.attrs.x = next;
  }

  // Capture: the text of a <v>, <f> or <t>.

  private beginCapture(what: number): void {
    this.capture = what;
    this.cap = '';
    this.capFrom = -1;
  }

  /** Text xml[from, to) inside the markup being captured. */
  private captureText(from: number, to: number): void {
    if (this.capFrom < 0 && this.cap === '') {
      // The first piece is kept as a range: most values are one piece, and need no copy (cells
      // read tag by tag, off the common-cell path, take ~15% longer without).
      this.capFrom = from;
      this.capTo = to;
    } else {
      this.flushCapture();
      this.cap += this.xml.slice(from, to);
    }
    const capLen = this.capFrom >= 0 ? this.capTo - this.capFrom : this.cap.length;
    if (capLen > this.captureLimit) throw this.cell.tooLong(capLen);
  }

  /** The range captured, as text. */
  private flushCapture(): void {
    if (this.capFrom >= 0) {
      this.cap = this.xml.slice(this.capFrom, this.capTo);
      this.capFrom = -1;
    }
  }

  /** CDATA inside a value: its `&` is protected from the entity decoding done at the end tag. */
  private readonly onCdata = (t: string): void => {
    if (this.capture !== CAPTURE_NONE) {
      this.flushCapture();
      this.cap += t.replace(/&/g, '&amp;');
    }
  };

  /** Ends the <v>, <f> or <t> being captured (at its end tag, or when markup ends it early). */
  private endCapture(): void {
    const cell = this.cell;
    if (this.capture === CAPTURE_VALUE) {
      if (this.capFrom >= 0) {
        cell.vFrom = this.capFrom;
        cell.vTo = this.capTo;
        cell.vText = null;
      } else {
        cell.vFrom = -1;
        cell.vText = decodeEntities(this.cap);
      }
    } else if (this.capture === CAPTURE_FORMULA) {
      this.flushCapture();
      const f = decodeEntities(this.cap);
      cell.fText = f;
      if (cell.fShared && cell.fSi !== null && f !== '') this.formulas.master(cell.fSi, f, cell.row, cell.col);
    } else if (this.capture === CAPTURE_TEXT) {
      this.flushCapture();
      cell.addText(decodeOoxmlEscapes(decodeEntities(this.cap)));
    }
    this.capture = CAPTURE_NONE;
    this.capFrom = -1;
    this.cap = '';
  }

  // Cells.

  /** The cell being read is complete: it goes to the sink's row (streaming) or into the grid. */
  private endCell(): void {
    if (this.capture !== CAPTURE_NONE) this.endCapture();
    const open = this.cell;
    const cell = open.read(this.xml, this.formulas);
    if (cell === null) return;
    const budget = this.ctx.budget;
    const maxCells = this.ctx.limits.maxCells;
    if (++budget.cells > maxCells) throw unreadable.tooManyCells(maxCells);
    const row = open.row;
    const col = open.col;
    const sink = this.sink;
    if (sink) {
      // Streamed cells only (a grid stays as read): whether a shared string reads as itself is
      // worked out once for it, not once for each of the cells that use it (~35% of the scan).
      const k = open.sstIndex;
      if (k >= 0) {
        const plain = (this.plainStrings ??= new Uint8Array(this.ctx.sst.strings.length));
        let p = plain[k];
        if (p === 0) plain[k] = p = isPlainText(cell.v as string) ? 1 : 2;
        if (p === 1) cell.plain = true;
      }
      if (row !== this.openRow) {
        if (row < this.openRow) {
          this.streamable = false;
          return;
        }
        if (this.openRow >= 0) sink.row(this.openRow, this.openCells);
        this.openRow = row;
        this.openCells = [];
      }
      this.openCells[col] = cell;
      return;
    }
    let cells = this.rows[row];
    if (cells === undefined) this.rows[row] = cells = [];
    cells[col] = cell;
  }

  private outOfRange(row: number, col: number): Error {
    const sheet = this.ctx.sheetName;
    const where = `${sheet}: ${row >= MAX_ROWS ? `dòng ${row + 1}` : ''}${col >= MAX_COLS ? ` cột ${col + 1}` : ''}`.trim();
    const whereEn = `${sheet}: ${row >= MAX_ROWS ? `row ${row + 1}` : ''}${col >= MAX_COLS ? ` column ${col + 1}` : ''}`.trim();
    return unreadable.damaged(`có ô nằm ngoài phạm vi của Excel (${where})`, `a cell lies outside Excel's grid (${whereEn})`);
  }

  // Markup. Each handler is given where its markup starts and returns the index just past it, or
  // -1 when the markup does not end in the text.

  /** `</…>` at lt. */
  private endTag(lt: number): number {
    const xml = this.xml;
    const gt = xml.indexOf('>', lt + 2);
    if (gt < 0) return -1;
    let ls = lt + 2;
    let le = gt;
    while (le > ls && isSpace(xml.charCodeAt(le - 1))) le--;
    for (let k = ls; k < le; k++) if (xml.charCodeAt(k) === CH_COLON) ls = k + 1;
    const cell = this.cell;
    // Told apart by the name's length first: most end tags are </c>, </v> and </row>.
    switch (le - ls) {
      case 1: {
        const ch = xml.charCodeAt(ls);
        if (ch === TAG_CELL) {
          if (cell.open) this.endCell();
        } else if (ch === TAG_VALUE || ch === TAG_FORMULA || ch === TAG_TEXT) {
          if (this.capture !== CAPTURE_NONE) this.endCapture();
        }
        break;
      }
      case 2:
        if (xml.startsWith(TAG_INLINE_STRING, ls)) {
          if (this.capture === CAPTURE_TEXT) this.endCapture();
          cell.inIs = false;
        }
        break;
      case 3:
        if (xml.startsWith(TAG_PHONETIC, ls) && cell.inRPh > 0) cell.inRPh--;
        break;
      case 9:
        if (xml.startsWith(TAG_SHEET_DATA, ls)) {
          if (cell.open) this.endCell();
          this.inSheetData = false;
        }
    }
    return gt + 1;
  }

  /** `<!…>` or `<?…>` at lt: comments, CDATA (text when inside a value), declarations. */
  private special(lt: number): number {
    return skipSpecial(this.xml, lt, this.ctx.part, this.onCdata);
  }

  /** `<…>` at lt. */
  private startTag(lt: number): number {
    const xml = this.xml;
    const n = xml.length;
    // The local name is xml[ls, j).
    let j = lt + 1;
    let ls = j;
    while (j < n) {
      const c = xml.charCodeAt(j);
      if (c === CH_COLON) ls = j + 1;
      else if (c === CH_GT || c === CH_SLASH || isSpace(c) || c === CH_LT) break;
      j++;
    }
    const len = j - ls;
    // A stray `<`.
    if (len === 0) return lt + 1;
    const cell = this.cell;
    // Told apart by the name's length first, then by the state each tag counts in.
    switch (len) {
      case 1: {
        const ch = xml.charCodeAt(ls);
        if (ch === TAG_CELL) {
          if (this.inSheetData) return this.startCell(j);
        } else if (cell.open && (ch === TAG_VALUE || ch === TAG_FORMULA || ch === TAG_TEXT)) return this.startCellPart(ch, j);
        break;
      }
      case 2:
        if (cell.open && xml.startsWith(TAG_INLINE_STRING, ls)) {
          const gt = tagEnd(xml, j);
          cell.inIs = !selfClosingAt(xml, gt);
          if (cell.isText === null) cell.isText = '';
          return gt < 0 ? -1 : gt + 1;
        }
        break;
      case 3:
        if (this.inSheetData && xml.startsWith(TAG_ROW, ls)) return this.startRow(j);
        if (cell.inIs && xml.startsWith(TAG_PHONETIC, ls)) {
          const gt = tagEnd(xml, j);
          if (!selfClosingAt(xml, gt)) cell.inRPh++;
          return gt < 0 ? -1 : gt + 1;
        }
        break;
      case 5:
        if (cell.inIs && cell.inRPh === 0 && xml.startsWith(TAG_RUN_FONT, ls)) return this.runFont(j);
        break;
      case 9:
        if (xml.startsWith(TAG_SHEET_DATA, ls)) {
          const gt = tagEnd(xml, j);
          this.inSheetData = !selfClosingAt(xml, gt);
          return gt < 0 ? -1 : gt + 1;
        }
        if (xml.startsWith(TAG_MERGE_CELL, ls)) return this.mergeCell(j);
    }
    // Anything else is skipped.
    const gt = tagEnd(xml, j);
    return gt < 0 ? -1 : gt + 1;
  }

  /** `<row …>`, its attributes from j. */
  private startRow(j: number): number {
    if (this.cell.open) this.endCell();
    let r = -1;
    const A = this.attrs;
    A.start(j);
    while (A.next()) if (A.is1(ATTR_REF)) r = A.int();
    this.rowIdx = r >= 1 ? r - 1 : this.rowIdx + 1;
    if (this.rowIdx >= MAX_ROWS) throw this.outOfRange(this.rowIdx, 0);
    this.colIdx = -1;
    return A.gt < 0 ? -1 : A.gt + 1;
  }

  /** `<c …>`, its attributes from j. */
  private startCell(j: number): number {
    const xml = this.xml;
    const n = xml.length;
    const cell = this.cell;
    if (cell.open) this.endCell();
    cell.begin();
    this.capture = CAPTURE_NONE;
    const ref = this.ref;
    ref.row = ref.col = -1;
    let gt = -1;
    let selfClosing = false;
    // The attributes as Excel writes them (r, s, t: one space before each, no prefix, double
    // quotes) are read here at once; any other attribute or layout, the general way (the cursor,
    // cellAttributes). Without this, the scan takes ~15% longer.
    for (let q = j; xml.charCodeAt(q) === CH_SPACE && xml.charCodeAt(q + 2) === CH_EQUALS && xml.charCodeAt(q + 3) === CH_DQUOTE; ) {
      const a = xml.charCodeAt(q + 1);
      const vs = q + 4;
      const ve = xml.indexOf('"', vs);
      if (ve < 0) break;
      if (a === ATTR_REF) scanCellRef(xml, vs, ve, ref);
      else if (a === ATTR_STYLE) {
        // Any value the cursor's int() refuses (over 1e12, not digits) is no style either.
        const v = digitsValue(xml, vs, ve);
        cell.style = v > 0 && v < 1e7 ? v : 0;
      } else if (a === ATTR_TYPE) cell.type = cellType(xml, vs, ve, cell.type);
      else break;
      q = ve + 1;
      const c = xml.charCodeAt(q);
      if (c === CH_GT) {
        gt = q;
        selfClosing = false;
        break;
      }
      if (c === CH_SLASH && xml.charCodeAt(q + 1) === CH_GT) {
        gt = q + 1;
        selfClosing = true;
        break;
      }
    }
    if (gt < 0) {
      this.cellAttributes(j);
      gt = this.attrs.gt;
      selfClosing = this.attrs.selfClosing;
    }
    if (this.rowIdx < 0) this.rowIdx = 0;
    cell.col = ref.col >= 0 ? ref.col : this.colIdx + 1;
    cell.row = ref.row >= 0 ? ref.row : this.rowIdx;
    this.colIdx = cell.col;
    if (cell.row >= MAX_ROWS || cell.col >= MAX_COLS) throw this.outOfRange(cell.row, cell.col);
    if (selfClosing) cell.open = false;
    else if (
      (cell.type === TYPE_SHARED_STRING || cell.type === TYPE_NUMBER) &&
      gt + 12 < n &&
      xml.charCodeAt(gt + 1) === CH_LT &&
      xml.charCodeAt(gt + 2) === TAG_VALUE &&
      xml.charCodeAt(gt + 3) === CH_GT
    ) {
      // The common cell, <v>digits</v></c> straight after the tag (a shared string, an integer):
      // read whole here, not tag by tag in three more turns of the scan loop (~30% of the scan).
      const from = gt + 4;
      let e = from;
      const end = Math.min(n, from + 16);
      while (e < end) {
        const d = xml.charCodeAt(e);
        if (d < CH_0 || d > CH_9) break;
        e++;
      }
      // "</v></c>"
      if (
        e > from &&
        e + 7 < n &&
        xml.charCodeAt(e) === CH_LT &&
        xml.charCodeAt(e + 1) === CH_SLASH &&
        xml.charCodeAt(e + 2) === TAG_VALUE &&
        xml.charCodeAt(e + 3) === CH_GT &&
        xml.charCodeAt(e + 4) === CH_LT &&
        xml.charCodeAt(e + 5) === CH_SLASH &&
        xml.charCodeAt(e + 6) === TAG_CELL &&
        xml.charCodeAt(e + 7) === CH_GT
      ) {
        cell.vFrom = from;
        cell.vTo = e;
        this.endCell();
        return e + 8;
      }
    }
    return gt < 0 ? -1 : gt + 1;
  }

  /** A <c> tag's attributes the general way (any order, quoting, spacing, prefix), from j: the cursor ends at the tag's end. */
  private cellAttributes(j: number): void {
    const xml = this.xml;
    const cell = this.cell;
    const ref = this.ref;
    ref.row = ref.col = -1;
    cell.type = TYPE_NUMBER;
    cell.style = 0;
    const A = this.attrs;
    A.start(j);
    while (A.next()) {
      if (A.ne - A.ls !== 1) continue;
      const a = xml.charCodeAt(A.ls);
      if (a === ATTR_REF) scanCellRef(xml, A.vs, A.ve, ref);
      else if (a === ATTR_STYLE) {
        const s = A.int();
        cell.style = s > 0 && s < 1e7 ? s : 0;
      } else if (a === ATTR_TYPE) cell.type = cellType(xml, A.vs, A.ve, cell.type);
    }
  }

  /** `<v>`, `<f …>` or `<t>` (`ch`) in a cell, its attributes from j. */
  private startCellPart(ch: number, j: number): number {
    const xml = this.xml;
    const cell = this.cell;
    if (this.capture !== CAPTURE_NONE) this.endCapture();
    if (ch === TAG_FORMULA) {
      let isShared = false;
      let si: string | null = null;
      const A = this.attrs;
      A.start(j);
      while (A.next()) {
        if (A.is1(ATTR_TYPE)) isShared = A.value() === 'shared';
        else if (A.isName('si')) si = A.value();
      }
      cell.fShared = isShared;
      cell.fSi = si;
      if (!A.selfClosing) this.beginCapture(CAPTURE_FORMULA);
      return A.gt < 0 ? -1 : A.gt + 1;
    }
    const gt = tagEnd(xml, j);
    if (!selfClosingAt(xml, gt)) {
      if (ch === TAG_VALUE) this.beginCapture(CAPTURE_VALUE);
      else if (cell.inIs && cell.inRPh === 0) this.beginCapture(CAPTURE_TEXT);
    }
    return gt < 0 ? -1 : gt + 1;
  }

  /** `<rFont val="…">` in an inline string's first run: the cell's font. */
  private runFont(j: number): number {
    const cell = this.cell;
    const A = this.attrs;
    A.start(j);
    while (A.next()) if (cell.runFont === undefined && A.isName('val')) cell.runFont = A.value();
    return A.gt < 0 ? -1 : A.gt + 1;
  }

  /** `<mergeCell ref="A1:B2">`. */
  private mergeCell(j: number): number {
    const xml = this.xml;
    const A = this.attrs;
    const ref = this.ref;
    const budget = this.ctx.budget;
    const maxCells = this.ctx.limits.maxCells;
    A.start(j);
    while (A.next()) {
      if (!A.isName('ref')) continue;
      const colon = xml.indexOf(':', A.vs);
      const mid = colon >= 0 && colon < A.ve ? colon : A.ve;
      scanCellRef(xml, A.vs, mid, ref);
      const top = ref.row;
      const left = ref.col;
      if (mid < A.ve) scanCellRef(xml, mid + 1, A.ve, ref);
      const bottom = ref.row;
      const right = ref.col;
      if (top >= 0 && left >= 0 && bottom >= 0 && right >= 0 && top < MAX_ROWS && bottom < MAX_ROWS && left < MAX_COLS && right < MAX_COLS) {
        if (++budget.cells > maxCells) throw unreadable.tooManyCells(maxCells);
        this.merges.push({ top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) });
      }
    }
    return A.gt < 0 ? -1 : A.gt + 1;
  }
}
