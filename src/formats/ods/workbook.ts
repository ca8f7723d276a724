/**
 * Our own .ods reader (OpenDocument spreadsheet: LibreOffice, and Excel's "Save as .ods"): bytes in,
 * the same plain WorkbookGrid as readXlsx out. The zip is opened by ../zip/read.ts with the .xlsx
 * limits (entries, expanded sizes, ratio); content.xml and styles.xml are read with the .xlsx
 * reader's XML scanner (no DOCTYPE entities, no recursion).
 *
 * OpenDocument writes runs of equal cells and rows once with a repeat count, and LibreOffice ends
 * every row with an empty cell repeated to the last column and every sheet with an empty row
 * repeated to the last row: an empty cell or row only moves the position, whatever its count, so it
 * costs nothing; a repeated cell with a value is counted (columns × rows) against the cell limit
 * before it is copied.
 *
 * Values come from the office:value-type attributes (numbers, percentages and currencies as
 * numbers, dates and times as Excel serials in the 1900 system marked `date`, booleans, strings
 * from the paragraphs), formulas from table:formula (see ./formula.ts), merged ranges from the
 * spanned cells, and each cell's font from its style (the span's, for text that starts in a span
 * with a font of its own), so `.VnTime`/`VNI-Times` text is read as in .xlsx.
 */
import type { CellValue, Grid, GridCell, WorkbookGrid } from '../../sheet/grid';
import { a1 } from '../../sheet/address';
import { readingAs, UnreadableError, unreadable } from '../errors';
import { resolveLimits, type ReadLimits } from '../limits';
import { EntryReader, findEntry, openZip, type Inflater, type ZipArchive } from '../zip/read';
import type { Crc32 } from '../zip/crc32';
import { isoToSerial } from '../xlsx/read/cell-values';
import { scanXml, type Tag } from './scan';
import { odsFormula } from './formula';
import { OdsStyles } from './styles';

export { UnreadableError } from '../errors';

export interface OdsReadOptions {
  limits?: Partial<ReadLimits>;
  /** Which sheets to read, by name; the others are skipped and left out of the result. */
  sheets?: (name: string) => boolean;
  /** As for readXlsx: a faster inflater (Node's zlib) for parts whose declared size passed the limits. */
  inflate?: Inflater;
  /** As for readXlsx: Node's native CRC-32. */
  crc32?: Crc32;
}

export const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;
/** Repeat counts are read up to this (more than a sheet has cells): a bigger one is this one. */
const MAX_REPEAT = 2 ** 40;

const ODS = '.ods';

function damaged(vi: string, en: string): UnreadableError {
  return unreadable.damagedFile(ODS, vi, en);
}

/** Reads an .ods file held in memory. Throws UnreadableError when it cannot or must not be read. */
export function readOds(bytes: Uint8Array, opts: OdsReadOptions = {}): WorkbookGrid {
  return readingAs(ODS, () => read(bytes, opts));
}

/** The zip's "mimetype" entry, when it has one (read within the limits). */
export function odsMimetype(zip: ZipArchive, reader: EntryReader): string | null {
  const e = findEntry(zip, 'mimetype');
  if (!e || e.size > 256) return null;
  return new TextDecoder('utf-8').decode(reader.bytes(e)).trim();
}

function read(bytes: Uint8Array, opts: OdsReadOptions): WorkbookGrid {
  const limits = resolveLimits(opts.limits);
  if (bytes.length > limits.maxFileBytes) throw unreadable.fileTooLarge(bytes.length, limits.maxFileBytes);
  let zip: ZipArchive;
  try {
    zip = openZip(bytes, limits);
  } catch (err) {
    // The zip layer words its refusals for .xlsx: say .ods, keeping the limits' own messages.
    if (err instanceof UnreadableError && (err.info.code === 'damaged' || err.info.code === 'not-zip')) {
      throw damaged('phần nén (zip) của tệp bị hỏng hoặc bị cắt cụt', 'its zip container is damaged or truncated');
    }
    throw err;
  }
  const reader = new EntryReader(zip, limits, opts.inflate, opts.crc32);
  const mime = odsMimetype(zip, reader);
  if (mime !== null && !mime.startsWith(ODS_MIME)) {
    throw unreadable.otherFormat(
      'Tệp là tài liệu OpenDocument nhưng không phải bảng tính (.ods), có thể là văn bản (.odt). Hãy gửi đúng tệp bảng tính (.xlsx hoặc .ods).',
      'The file is an OpenDocument file but not a spreadsheet (.ods); perhaps a text document (.odt). Please provide the spreadsheet (.xlsx or .ods).',
    );
  }
  // Encrypted parts are listed in the manifest with their encryption data.
  const manifest = findEntry(zip, 'META-INF/manifest.xml');
  if (manifest) {
    const text = reader.text(manifest);
    if (/<(?:[\w-]+:)?encryption-data[\s/>]/.test(text)) throw unreadable.passwordProtected();
  }
  const contentEntry = findEntry(zip, 'content.xml');
  if (!contentEntry) throw damaged('thiếu phần nội dung (content.xml)', 'the content part (content.xml) is missing');
  const styles = new OdsStyles();
  const stylesEntry = findEntry(zip, 'styles.xml');
  if (stylesEntry) styles.add(reader.text(stylesEntry), 'styles.xml', false);
  const content = reader.text(contentEntry);
  const body = content.search(/<(?:[\w-]+:)?body[\s>]/);
  styles.add(body < 0 ? content : content.slice(0, body), 'content.xml', true);
  const sheets = readBody(body < 0 ? '' : content.slice(body), styles, limits, opts);
  return { sheets, date1904: false };
}

/** A cell's attributes, read at its start tag (see Tag's cursor), kept until its end tag. */
class CellAttrs {
  type: string | undefined;
  ext: string | undefined;
  value: string | undefined;
  date: string | undefined;
  time: string | undefined;
  bool: string | undefined;
  string: string | undefined;
  formula: string | undefined;
  style: string | undefined;
  repeat: string | undefined;
  spanCols: string | undefined;
  spanRows: string | undefined;

  read(tag: Tag): void {
    this.type = this.ext = this.value = this.date = this.time = this.bool = this.string = this.formula = this.style = this.repeat = this.spanCols = this.spanRows = undefined;
    tag.begin();
    while (tag.next()) {
      if (tag.is('value-type')) {
        // office:value-type is the type; LibreOffice's calcext:value-type tells errors apart.
        if (tag.prefixIs('calcext')) this.ext = tag.value();
        else if (this.type === undefined || tag.prefixIs('office')) this.type = tag.value();
      } else if (tag.is('value')) this.value = tag.value();
      else if (tag.is('date-value')) this.date = tag.value();
      else if (tag.is('time-value')) this.time = tag.value();
      else if (tag.is('boolean-value')) this.bool = tag.value();
      else if (tag.is('string-value')) this.string = tag.value();
      else if (tag.is('formula')) this.formula = tag.value();
      else if (tag.is('style-name')) this.style = tag.value();
      else if (tag.is('number-columns-repeated')) this.repeat = tag.value();
      else if (tag.is('number-columns-spanned')) this.spanCols = tag.value();
      else if (tag.is('number-rows-spanned')) this.spanRows = tag.value();
    }
  }
}

interface RawCell {
  col: number;
  cell: GridCell;
}

/** "PT12H30M15.5S" (an ODF time or duration) as a fraction of a day, or null. */
function durationDays(s: string): number | null {
  const m = /^\s*(-)?P(?:(\d+)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?\s*$/.exec(s);
  if (!m || (m[2] ?? m[3] ?? m[4] ?? m[5]) === undefined) return null;
  const days = Number(m[2] ?? 0) + Number(m[3] ?? 0) / 24 + Number(m[4] ?? 0) / 1440 + Number(m[5] ?? 0) / 86400;
  return m[1] ? -days : days;
}

/** A repeat or span count: a positive integer, else 1; capped (see MAX_REPEAT). */
function count(v: string | undefined): number {
  if (v === undefined) return 1;
  const t = v.trim();
  if (!/^\d{1,15}$/.test(t)) return 1;
  const n = Number(t);
  return n < 1 ? 1 : Math.min(n, MAX_REPEAT);
}

/** White space other than single spaces: what ODF's rules collapse (runs, tabs, newlines). */
const WHITE_RUN = /[\t\n\r]| {2}/;
const WHITE_RUNS = /[ \t\n\r]+/g;

/** Elements whose text is not the cell's: comments, drawings and their text boxes. */
const NOT_CELL_TEXT = new Set(['annotation', 'frame', 'custom-shape', 'rect', 'ellipse', 'line', 'polyline', 'polygon', 'path', 'g', 'text-box', 'object', 'image', 'control', 'note', 'caption', 'connector', 'measure']);

function readBody(xml: string, styles: OdsStyles, limits: ReadLimits, opts: OdsReadOptions): Grid[] {
  const out: Grid[] = [];
  const maxCells = limits.maxCells;
  const maxText = limits.maxCellText;
  let cells = 0;
  let tables = 0;

  // The table being read (null: outside a table, or one not wanted).
  let grid: Grid | null = null;
  let tableDepth = 0;
  let inTable = false;
  let row = 0;
  let col = 0;
  let colStyles: (string | undefined)[] = [];
  let colIndex = 0;
  // The row being read.
  let inRow = false;
  let rowRepeat = 1;
  let rowStyle: string | undefined;
  let rowCells: RawCell[] = [];
  let rowMerges: { col: number; cols: number; rows: number }[] = [];
  // The cell being read.
  let inCell = false;
  const cellAttrs = new CellAttrs();
  let cellRepeat = 1;
  let text = '';
  let paragraphs = 0;
  let inParagraph = 0;
  let skip = 0;
  let lastSpace = true;
  let runFont: string | undefined;
  let runDecided = false;
  const spanFonts: (string | undefined)[] = [];

  const where = () => `${grid?.name ?? ''}!${a1(Math.min(row, MAX_ROWS - 1), Math.min(col, MAX_COLS - 1))}`;
  const outside = (r: number, c: number) =>
    damaged(
      `có ô nằm ngoài phạm vi của bảng tính (${grid?.name ?? ''}: dòng ${r + 1}, cột ${c + 1})`,
      `a cell lies outside the spreadsheet grid (${grid?.name ?? ''}: row ${r + 1}, column ${c + 1})`,
    );

  const addText = (t: string) => {
    if (t === '') return;
    if (!runDecided) {
      runDecided = true;
      runFont = spanFonts.length > 0 ? spanFonts[spanFonts.length - 1] : undefined;
    }
    text += t;
    if (text.length > maxText) throw unreadable.textTooLong(where(), text.length, maxText);
  };

  /** Literal paragraph text: white space runs read as one space, none at the paragraph's start. */
  const literal = (t: string) => {
    if (t === '') return;
    // Most text has single spaces between words only: it is kept as it is, one flat string.
    let s = WHITE_RUN.test(t) ? t.replace(WHITE_RUNS, ' ') : t;
    if (lastSpace && s.charCodeAt(0) === 32) s = s.slice(1);
    if (s === '') return;
    lastSpace = s.charCodeAt(s.length - 1) === 32;
    addText(s);
  };

  const startCell = (tag: Tag, selfClosing: boolean) => {
    cellAttrs.read(tag);
    cellRepeat = count(cellAttrs.repeat);
    text = '';
    paragraphs = 0;
    inParagraph = 0;
    skip = 0;
    runFont = undefined;
    runDecided = false;
    spanFonts.length = 0;
    inCell = !selfClosing;
    if (selfClosing) endCell();
  };

  const endCell = () => {
    inCell = false;
    const attrs = cellAttrs;
    const first = col;
    col += cellRepeat;
    // A table not asked for: its cells only move the position.
    if (!grid) return;
    const cols = count(attrs.spanCols);
    const rows = count(attrs.spanRows);
    if (cols > 1 || rows > 1) {
      for (let k = 0; k < cellRepeat && first + k < MAX_COLS; k++) {
        cells += rowRepeat;
        if (cells > maxCells) throw unreadable.tooManyCells(maxCells);
        rowMerges.push({ col: first + k, cols, rows });
      }
    }
    const type = attrs.type;
    const ext = attrs.ext;
    const formula = attrs.formula;
    let v: CellValue = null;
    let has = false;
    let isDate = false;
    let isError = false;
    switch (type) {
      case 'float':
      case 'percentage':
      case 'currency': {
        const raw = attrs.value;
        const num = raw !== undefined && raw.trim() !== '' ? Number(raw) : NaN;
        if (Number.isFinite(num)) {
          v = num;
          has = true;
        }
        break;
      }
      case 'date': {
        const raw = attrs.date;
        const serial = raw !== undefined ? isoToSerial(raw, false) : null;
        if (serial !== null) {
          v = serial;
          has = isDate = true;
        }
        break;
      }
      case 'time': {
        const raw = attrs.time;
        const days = raw !== undefined ? durationDays(raw) : null;
        if (days !== null) {
          v = days;
          has = isDate = true;
        }
        break;
      }
      case 'boolean': {
        const raw = (attrs.bool ?? '').trim().toLowerCase();
        if (raw !== '') {
          v = raw === 'true' || raw === '1';
          has = true;
        }
        break;
      }
      default:
        break;
    }
    if (!has) {
      // Strings, and whatever a value attribute did not give: the text shown. An error (LibreOffice
      // marks it calcext:value-type="error", with an empty string value) is the text shown: "#N/A".
      const s = type === 'string' && ext !== 'error' ? (attrs.string ?? text) : text;
      if (s.length > maxText) throw unreadable.textTooLong(where(), s.length, maxText);
      if (s !== '') {
        v = s;
        has = true;
        isError = ext === 'error';
      }
    }
    const f = formula !== undefined && formula.trim() !== '' ? odsFormula(formula) : undefined;
    if (!has && f === undefined) return;
    if (first >= MAX_COLS || row >= MAX_ROWS) throw outside(row, first);
    const total = Math.min(cellRepeat, MAX_COLS - first) * rowRepeat;
    cells += total;
    if (cells > maxCells) throw unreadable.tooManyCells(maxCells);
    const styleName = attrs.style ?? rowStyle ?? colStyles[first] ?? 'Default';
    const font = runFont ?? styles.cellFont(styleName);
    const cell: GridCell = font !== undefined ? { v: has ? v : null, font } : { v: has ? v : null };
    if (isDate) cell.date = true;
    if (f !== undefined) cell.f = f;
    if (isError) cell.error = true;
    for (let k = 0; k < cellRepeat && first + k < MAX_COLS; k++) {
      // A column-repeated cell whose columns have different default styles keeps the first's font: the
      // style is the cell's own whenever it has one, which is how repeats are written.
      rowCells.push({ col: first + k, cell: k === 0 ? cell : { ...cell } });
    }
  };

  const endRow = () => {
    inRow = false;
    if (inCell) endCell();
    if (grid && (rowCells.length > 0 || rowMerges.length > 0)) {
      if (row >= MAX_ROWS) throw outside(row, rowCells[0]?.col ?? 0);
      const last = Math.min(row + rowRepeat, MAX_ROWS);
      for (let r = row; r < last; r++) {
        if (rowCells.length > 0) {
          const cellsOfRow: (GridCell | undefined)[] = [];
          for (const rc of rowCells) cellsOfRow[rc.col] = r === row ? rc.cell : { ...rc.cell };
          grid.rows[r] = cellsOfRow;
        }
        for (const m of rowMerges) {
          grid.merges.push({ top: r, left: m.col, bottom: Math.min(MAX_ROWS - 1, r + m.rows - 1), right: Math.min(MAX_COLS - 1, m.col + m.cols - 1) });
        }
      }
    }
    row += rowRepeat;
    rowCells = [];
    rowMerges = [];
  };

  scanXml(xml, 'content.xml', {
    wantsText: () => inCell && skip === 0 && inParagraph > 0,
    open(name, tag, selfClosing) {
      if (name === 'table') {
        if (selfClosing && tableDepth > 0) return;
        tableDepth++;
        if (tableDepth > 1) return;
        tables++;
        if (tables > limits.maxSheets) throw unreadable.tooManySheets(limits.maxSheets);
        const attrs = tag.attrs();
        const sheetName = attrs['name'] ?? `Sheet${tables}`;
        inTable = true;
        row = 0;
        colIndex = 0;
        colStyles = [];
        const wanted = !opts.sheets || opts.sheets(sheetName);
        grid = wanted ? { name: sheetName, rows: [], merges: [] } : null;
        const style = attrs['style-name'];
        if (grid && style !== undefined && styles.tableHidden(style)) grid.hidden = true;
        if (selfClosing) {
          tableDepth--;
          inTable = false;
          if (grid) out.push(grid);
          grid = null;
        }
        return;
      }
      if (!inTable || tableDepth !== 1) return;
      // A cell or row that starts while a cell is open ends it (sloppy markup).
      if (inCell && (name === 'table-cell' || name === 'covered-table-cell' || name === 'table-row')) endCell();
      if (inCell) {
        // Inside a cell: its paragraphs and their pieces.
        if (skip > 0 || NOT_CELL_TEXT.has(name)) {
          if (!selfClosing) skip++;
          return;
        }
        switch (name) {
          case 'p':
          case 'h':
            if (paragraphs > 0) addText('\n');
            paragraphs++;
            lastSpace = true;
            if (!selfClosing) inParagraph++;
            return;
          case 's':
            if (inParagraph > 0) {
              const c = Math.min(count(tag.attrs()['c']), maxText + 1);
              addText(' '.repeat(c));
              lastSpace = false;
            }
            return;
          case 'tab':
            if (inParagraph > 0) {
              addText('\t');
              lastSpace = false;
            }
            return;
          case 'line-break':
            if (inParagraph > 0) {
              addText('\n');
              lastSpace = true;
            }
            return;
          case 'span':
            if (!selfClosing) {
              const st = tag.attrs()['style-name'];
              spanFonts.push(st !== undefined ? (styles.textFont(st) ?? spanFonts[spanFonts.length - 1]) : spanFonts[spanFonts.length - 1]);
            }
            return;
          default:
            return;
        }
      }
      switch (name) {
        case 'table-column': {
          const attrs = tag.attrs();
          const rep = count(attrs['number-columns-repeated']);
          const st = attrs['default-cell-style-name'];
          const stop = Math.min(MAX_COLS, colIndex + rep);
          if (st !== undefined) for (let c = colIndex; c < stop; c++) colStyles[c] = st;
          colIndex = Math.min(MAX_COLS, colIndex + rep);
          return;
        }
        case 'table-row': {
          if (inRow) endRow();
          const attrs = tag.attrs();
          inRow = true;
          col = 0;
          rowRepeat = count(attrs['number-rows-repeated']);
          rowStyle = attrs['default-cell-style-name'];
          rowCells = [];
          rowMerges = [];
          if (selfClosing) endRow();
          return;
        }
        case 'table-cell':
        case 'covered-table-cell':
          if (!inRow) return;
          startCell(tag, selfClosing);
          return;
        default:
          return;
      }
    },
    close(name) {
      if (name === 'table') {
        if (tableDepth === 0) return;
        tableDepth--;
        if (tableDepth > 0) return;
        if (inRow) endRow();
        inTable = false;
        if (grid) out.push(grid);
        grid = null;
        return;
      }
      if (!inTable || tableDepth !== 1) return;
      if (inCell) {
        if (name === 'table-cell' || name === 'covered-table-cell') endCell();
        else if (name === 'table-row') endRow();
        else if (skip > 0) skip--;
        else if (name === 'p' || name === 'h') {
          if (inParagraph > 0) inParagraph--;
        } else if (name === 'span') spanFonts.pop();
        return;
      }
      if (name === 'table-row' && inRow) endRow();
    },
    text(t) {
      literal(t);
    },
  });
  if (inRow) endRow();
  if (grid) out.push(grid);
  if (tables === 0) throw unreadable.noSheets();
  return out;
}
