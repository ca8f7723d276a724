/**
 * The generated rows of a sheet (RowSource: the list of 50,000 nominees), written straight to
 * UTF-8 bytes a batch of rows at a time: their markup is ASCII (text is in the shared strings), so
 * no string is built per cell and none is encoded afterwards. Each batch is numbered first (shared
 * strings, styles, typed arrays), the lines of its new texts asked for (maybe of another thread:
 * LineMeasurer), then written. Sized rows take their height from their texts' lines.
 */
import type { RowSource } from '../../../book/model';
import { specHeight, type LineSpec } from '../../../book/text-width';
import { columnLetters } from '../../../sheet/address';
import type { PartChunk } from '../../zip/write';
import { ascii, ByteWriter, type BlockPool } from './byte-writer';
import type { SharedStrings } from './shared-strings';

/**
 * The generated rows of a sheet that has `rowCount` plain rows before them, in pieces of about a
 * block each. `bookXf` gives the cellXfs index of a book style in a column.
 */
export function* bodyRowsXml(
  body: RowSource,
  rowCount: number,
  sst: SharedStrings,
  bookXf: (style: string | undefined, c: number) => number,
  letters: string[],
  pool: BlockPool,
  measurer?: LineMeasurer,
): Generator<PartChunk, void, undefined> {
  const out = new ByteWriter(pool);
  const rows = new BodyRows(body, rowCount, sst, bookXf, letters, measurer);
  // A few batches ahead: batch j+AHEAD is numbered (and its lines asked for) before batch j is
  // written, so a measurer on another thread has time to answer even when that thread has to
  // share its core.
  const ahead: Batch[] = [];
  for (let start = 0; ; start += BATCH_ROWS) {
    const bt = start < body.count ? rows.number(start) : null;
    if (ahead.length > (bt ? AHEAD : 0)) {
      const wb = ahead.shift() as Batch;
      rows.settle(wb);
      for (let r = 0; r < wb.rows; ) {
        r = rows.write(wb, r, out);
        if (out.full) yield out.take();
      }
      rows.spare.push(wb);
    }
    if (bt) ahead.push(bt);
    else if (ahead.length === 0) break;
  }
  if (out.pos) yield out.take();
}

/**
 * Works out the lines of texts for sized rows (RowSource.sized), maybe on another thread:
 * request() hands texts over, take() gives their lines, in order, waiting for them if need be.
 * Its results must be specLines(spec, text, col), what the source's own `lines` gives.
 */
export interface LineMeasurer {
  request(spec: LineSpec, texts: string[], cols: number[]): number;
  take(ticket: number): ArrayLike<number>;
}

/** Measures at once, with the source's own `lines`. */
function syncMeasurer(sized: NonNullable<RowSource['sized']>): LineMeasurer {
  const done = new Map<number, number[]>();
  let next = 0;
  return {
    request(_spec, texts, cols) {
      const out = texts.map((t, i) => sized.lines(t, cols[i]));
      done.set(next, out);
      return next++;
    },
    take(ticket) {
      const out = done.get(ticket) ?? [];
      done.delete(ticket);
      return out;
    },
  };
}

const DIGITS = new Uint8Array(16);

/** A row number as digits: a view of DIGITS, good until the next call. */
function rowDigits(n: number): Uint8Array {
  let k = 16;
  do {
    const q = Math.floor(n / 10);
    DIGITS[--k] = 48 + (n - q * 10);
    n = q;
  } while (n > 0);
  return DIGITS.subarray(k);
}

const QUOTE = 0x22;
const GT = 0x3e;
const B_ROW = ascii('<row r="');
const B_HT = ascii(' ht="');
const B_CUSTOM_HEIGHT = ascii('" customHeight="1"');
const B_SLASH_GT = ascii('/>');
const B_V_C = ascii('</v></c>');
const B_ROW_END = ascii('</row>');

/**
 * A batch of generated rows, numbered (shared strings, styles) before it is written: the lines of
 * its new texts are asked for meanwhile.
 */
interface Batch {
  start: number;
  rows: number;
  kind: Uint8Array;
  /** Text cells: the shared-string number; number cells: unused. */
  k: Int32Array;
  num: Float64Array;
  xf: Int32Array;
  height: Float64Array;
  ticket: number;
  /** The texts measured for this batch: where each result goes. */
  askCol: number[];
  askK: number[];
}

/**
 * The generated rows of a sheet (RowSource), numbered and written a batch at a time. Plain
 * methods, not the sheet's generator: each is small and monomorphic, so V8 optimizes it early and
 * keeps it optimized, where a loop inside the big generator ran unoptimized after each of its
 * deoptimizations (~40 ms compiles of the whole generator, several times per list).
 */
class BodyRows {
  readonly spare: Batch[] = [];
  private readonly width: number;
  private readonly colBytes: Uint8Array[] = [];
  private readonly rowTail: Uint8Array;
  /** What follows a cell's row number, by style index: `" s="5" t="s"><v>`, `" s="5"><v>`, `" s="5"/>`. */
  private readonly afterRef: ({ text: Uint8Array; number: Uint8Array; empty: Uint8Array } | undefined)[];
  // Per column, the last style and text met: a column often repeats them row after row.
  private readonly lastStyle: (string | undefined)[];
  private readonly lastXf: number[];
  private readonly lastText: (string | undefined)[];
  private readonly lastIndex: number[];
  /**
   * Per column, the shared-string index of the texts met: a small table that stays in the
   * processor's cache (positions, schools, levels), where the workbook's table of every text
   * costs a trip to memory per look-up. A column whose texts keep changing (names,
   * achievements) stops using it.
   */
  private readonly colIndex: Map<string, number>[];
  /** Per column, whether it still uses its memo (1); a flag, not a null put in the table: see number(). */
  private readonly memoOn: Uint8Array;
  private readonly sized: RowSource['sized'];
  /** A spec that gives the rows' heights (maxLines): one function for every sheet's rows. */
  private readonly heightSpec: LineSpec | null;
  /**
   * Sized rows: each column's line counts by shared-string number (an array read, no look-up by
   * text), 0 until asked for, PENDING while a measurer works them out. Typed arrays: a plain
   * array this sparse turns into a dictionary, a hash look-up per cell.
   */
  private readonly linesBy: Int32Array[];
  /** Sized rows: per column, whether its texts are measured (1); a column the spec does not count takes one line. */
  private readonly measured: Uint8Array;
  private readonly measure: LineMeasurer | null;
  private readonly spec: LineSpec;

  constructor(
    private readonly body: RowSource,
    /** Plain rows before the generated ones. */
    private readonly rowCount: number,
    private readonly sst: SharedStrings,
    /** The cellXfs index of a book style in column `c`. */
    private readonly bookXf: (style: string | undefined, c: number) => number,
    letters: string[],
    measurer: LineMeasurer | undefined,
  ) {
    const width = (this.width = body.width);
    for (let c = 0; c < width; c++) this.colBytes.push(ascii(`<c r="${(letters[c] ??= columnLetters(c))}`));
    this.rowTail = ascii(` spans="1:${width}" x14ac:dyDescent="0.25"`);
    this.lastStyle = new Array(width).fill('\u0000');
    this.lastXf = new Array(width).fill(0);
    this.lastText = new Array(width).fill(undefined);
    this.lastIndex = new Array(width).fill(0);
    this.colIndex = Array.from({ length: width }, () => new Map<string, number>());
    this.memoOn = new Uint8Array(width).fill(1);
    // A table with holes and an entry from the start: filling it later changes no array's kind.
    this.afterRef = new Array(64);
    this.afterRef[0] = afterStyle(0);
    const sized = (this.sized = body.sized);
    this.heightSpec = sized?.spec?.maxLines !== undefined ? sized.spec : null;
    // Made now, so the list of spare batches holds batches before any code that reads it is
    // optimized (an empty array that later takes objects changes its kind: a deoptimization).
    for (let i = 0; i <= AHEAD; i++) this.spare.push(this.newBatch());
    this.measured = new Uint8Array(width);
    for (let c = 0; c < width; c++) this.measured[c] = sized && (!sized.spec || sized.spec.counted[c]) ? 1 : 0;
    this.linesBy = Array.from({ length: width }, (_, c) => new Int32Array(this.measured[c] ? 1024 : 0));
    this.measure = sized ? (measurer && sized.spec ? measurer : syncMeasurer(sized)) : null;
    this.spec = sized?.spec ?? NO_SPEC;
  }

  private after(xf: number): { text: Uint8Array; number: Uint8Array; empty: Uint8Array } {
    // Read within the table: a read past its end costs the optimized code its optimization.
    const ref = this.afterRef;
    return (xf < ref.length ? ref[xf] : undefined) ?? (ref[xf] = afterStyle(xf));
  }

  private newBatch(): Batch {
    const n = BATCH_ROWS * this.width;
    return {
      start: 0,
      rows: 0,
      kind: new Uint8Array(n),
      k: new Int32Array(n),
      num: new Float64Array(n),
      xf: new Int32Array(n),
      height: new Float64Array(BATCH_ROWS),
      ticket: -1,
      askCol: [],
      askK: [],
    };
  }

  /** The batch of rows from `start`: its cells numbered, the lines of its new texts asked for. */
  number(start: number): Batch {
    const { body, width, sst, linesBy, lastStyle, lastXf, lastText, lastIndex, colIndex, memoOn } = this;
    const bt = this.spare.pop() ?? this.newBatch();
    const rows = Math.min(BATCH_ROWS, body.count - start);
    bt.start = start;
    bt.rows = rows;
    bt.askCol = [];
    bt.askK = [];
    const texts: string[] = [];
    const { kind, k: ks, num, xf: xfs, height } = bt;
    const { measured } = this;
    for (let r = 0; r < rows; r++) {
      const row = body.row(start + r);
      const cells = row.cells;
      height[r] = row.height ?? 0;
      const at = r * width;
      for (let c = 0; c < width; c++) {
        const cell = cells[c];
        let xf: number;
        if (cell.style === lastStyle[c]) xf = lastXf[c];
        else {
          xf = lastXf[c] = this.bookXf(cell.style, c);
          lastStyle[c] = cell.style;
        }
        xfs[at + c] = xf;
        const v = cell.value;
        if (typeof v === 'string') {
          let k: number | undefined;
          if (v === lastText[c]) {
            k = lastIndex[c];
            sst.count++;
          } else {
            const memo = colIndex[c];
            const on = memoOn[c] === 1;
            k = on ? memo.get(v) : undefined;
            if (k !== undefined) sst.count++;
            else {
              k = sst.addRaw(v);
              // A column of texts that seldom come back (achievements) outgrows it: no longer
              // used. Written as data (the flag is set at every insertion), so that turning it
              // off takes no path the optimized code has not run.
              if (on) {
                memo.set(v, k);
                const keep = memo.size < COLUMN_MEMO;
                memoOn[c] = keep ? 1 : 0;
                // Let go of a memo no longer used (the store is made every time, for the same reason).
                colIndex[c] = keep ? memo : NO_MEMO;
              }
            }
            lastIndex[c] = k;
            lastText[c] = v;
          }
          ks[at + c] = k;
          if (v && measured[c]) {
            kind[at + c] = CELL_TEXT;
            let known = linesBy[c];
            if (k >= known.length) {
              const grown = new Int32Array(Math.max(known.length * 2, k + 1));
              grown.set(known);
              linesBy[c] = known = grown;
            }
            if (known[k] === 0) {
              known[k] = PENDING;
              texts.push(v);
              bt.askCol.push(c);
              bt.askK.push(k);
            }
          } else kind[at + c] = CELL_OTHER_TEXT;
        } else if (typeof v === 'number' && Number.isFinite(v)) {
          kind[at + c] = CELL_NUMBER;
          num[at + c] = v;
        } else kind[at + c] = xf ? CELL_STYLED : CELL_NONE;
      }
    }
    bt.ticket = this.measure && texts.length > 0 ? this.measure.request(this.spec, texts, bt.askCol) : -1;
    return bt;
  }

  /** The lines of the batch's new texts, from the measurer (waiting for them if need be). */
  settle(wb: Batch): void {
    if (wb.ticket < 0 || !this.measure) return;
    const got = this.measure.take(wb.ticket);
    const { askCol, askK } = wb;
    for (let i = 0; i < askCol.length; i++) this.linesBy[askCol[i]][askK[i]] = got[i];
  }

  /** Writes the batch's rows from `from` until `out` is full or the batch done; the next row to write. */
  write(wb: Batch, from: number, out: ByteWriter): number {
    const { width, sized, linesBy, colBytes, rowTail } = this;
    const { kind, k: ks, num, xf: xfs } = wb;
    for (let r = from; r < wb.rows; r++) {
      const at = r * width;
      // Which cells write anything (a value, or a style): a row of nothing closes at once.
      let any = false;
      let lines = 1;
      for (let c = 0; c < width; c++) {
        const kd = kind[at + c];
        if (kd === CELL_NONE) continue;
        any = true;
        if (kd === CELL_TEXT) {
          const n = linesBy[c][ks[at + c]];
          if (n > lines) lines = n;
        }
      }
      const heightSpec = this.heightSpec;
      const height = heightSpec ? specHeight(heightSpec, lines) : sized ? sized.height(lines) : wb.height[r];
      const rowNum = this.rowCount + wb.start + r + 1;
      // The row number's digits, in a buffer kept from row to row.
      const digits = rowDigits(rowNum);
      out.bytes(B_ROW);
      out.bytes(digits);
      out.byte(QUOTE);
      if (height) {
        out.bytes(B_HT);
        out.ascii(String(height));
        out.bytes(B_CUSTOM_HEIGHT);
      }
      out.bytes(rowTail);
      if (!any) {
        out.bytes(B_SLASH_GT);
        continue;
      }
      out.byte(GT);
      for (let c = 0; c < width; c++) {
        const kd = kind[at + c];
        if (kd === CELL_NONE) continue;
        const xf = xfs[at + c];
        out.bytes(colBytes[c]);
        out.bytes(digits);
        if (kd === CELL_NUMBER) {
          out.bytes(this.after(xf).number);
          out.ascii(String(num[at + c]));
          out.bytes(B_V_C);
        } else if (kd === CELL_STYLED) out.bytes(this.after(xf).empty);
        else {
          out.bytes(this.after(xf).text);
          out.uint(ks[at + c]);
          out.bytes(B_V_C);
        }
      }
      out.bytes(B_ROW_END);
      if (out.full) return r + 1;
    }
    return wb.rows;
  }
}

/** What follows a cell's row number for style `xf`: `" s="5" t="s"><v>`, `" s="5"><v>`, `" s="5"/>`. */
function afterStyle(xf: number): { text: Uint8Array; number: Uint8Array; empty: Uint8Array } {
  return {
    text: ascii(`"${xf ? ` s="${xf}"` : ''} t="s"><v>`),
    number: ascii(`"${xf ? ` s="${xf}"` : ''}><v>`),
    empty: ascii(`" s="${xf}"/>`),
  };
}

/** The memo of a column that no longer uses one: always empty. */
const NO_MEMO: Map<string, number> = new Map();

/** Distinct texts a column's shared-string memo holds before the column does without it. */
const COLUMN_MEMO = 16384;

/** Rows numbered at a time, and how many such batches are numbered before the first is written (see bodyRowsXml). */
const BATCH_ROWS = 256;
const AHEAD = 3;
/** linesBy: asked for, not known yet (0: not asked for; a text takes at least one line). */
const PENDING = -1;
/** What a generated cell writes: nothing, a style only, a number, a text whose lines count, a text whose lines do not (empty, or rows not sized). */
const CELL_NONE = 0;
const CELL_STYLED = 1;
const CELL_NUMBER = 2;
const CELL_TEXT = 3;
const CELL_OTHER_TEXT = 4;
const NO_SPEC: LineSpec = { widths: [], counted: [], size: 11 };
