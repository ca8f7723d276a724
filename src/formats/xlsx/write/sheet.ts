/**
 * xl/worksheets/sheetN.xml: one sheet of the book as ExcelJS wrote it (the cells merges create or
 * take over, the used range, columns, rows, merges, validations, page setup). The plain rows are
 * written as strings a few hundred rows at a time; the generated rows (./rows.ts) as bytes.
 */
import type { BookCell, BookSheet, CellRange } from '../../../book/model';
import { a1, columnLetters } from '../../../sheet/address';
import type { PartChunk } from '../../zip/write';
import type { BlockPool } from './byte-writer';
import { attr, MAIN_NS, REL_NS, XML_DECL, xmlEscape } from './escape';
import { bodyRowsXml, type LineMeasurer } from './rows';
import type { SharedStrings } from './shared-strings';
import { overlay, type StyleTable, type XStyle } from './styles';
import { dataValidationsXml, deepEqual, rangeRef } from './validations';

const KIND_BOOK = 0;
const KIND_CREATED = 1;
const KIND_SLAVE = 2;

/** A cell as ExcelJS held it: from the book, created by a merge (the master), or a merge slave. */
interface XCell {
  kind: number;
  /** Book cells: the value as the book gives it (cleaned when written); null when empty. */
  value: string | number | null;
  /** Book cells: the style's name; created cells: none (the column's style only). */
  style?: string;
  /** Slaves: the master cell. */
  master?: XCell;
  /** The cellXfs index, once known. */
  xf?: number;
}

interface ColumnModel {
  min: number;
  max: number;
  width: number;
  style: XStyle;
}

/** Column.toModel: runs of equal columns in one <col>; default columns (width 9, no style) left out. */
function columnModels(sheet: BookSheet, colStyle: (XStyle | undefined)[]): ColumnModel[] {
  const out: ColumnModel[] = [];
  let run: ColumnModel | null = null;
  sheet.columns.forEach((col, i) => {
    const width = col.width as number | undefined;
    const style = colStyle[i] ?? {};
    const isCustomWidth = width !== undefined && width !== 9;
    const isDefault = !isCustomWidth && !(style.font || style.numFmt || style.alignment || style.border || style.fill);
    if (isDefault) {
      run = null;
    } else if (!run || !(width === run.width && deepEqual(style, run.style))) {
      run = { min: i + 1, max: i + 1, width: width !== undefined ? width : 9, style };
      out.push(run);
    } else {
      run.max = i + 1;
    }
  });
  return out;
}
/** ExcelJS's Range.expand, with its getters' "0 means 1" (a row with no cells can pull `left` to 0). */
class Dimension {
  top = 0;
  left = 0;
  bottom = 0;
  right = 0;
  expand(top: number, left: number, bottom: number, right: number): void {
    if (!this.top || top < (this.top || 1)) this.top = top;
    if (!this.left || left < (this.left || 1)) this.left = left;
    if (!this.bottom || bottom > (this.bottom || 1)) this.bottom = bottom;
    if (!this.right || right > (this.right || 1)) this.right = right;
  }
  toString(): string {
    return `${columnLetters((this.left || 1) - 1)}${this.top || 1}:${columnLetters((this.right || 1) - 1)}${this.bottom || 1}`;
  }
}

const MM_PER_INCH = 25.4;
const mm = (x: number) => Math.round((x / MM_PER_INCH) * 10000) / 10000;

/**
 * One worksheet's XML, in pieces of a few hundred rows, so a 50,000-row sheet never sits in memory
 * as one string.
 */
export function* sheetXml(
  sheet: BookSheet,
  styles: StyleTable,
  sst: SharedStrings,
  bookStyle: (name: string | undefined) => XStyle,
  pool: BlockPool,
  measurer?: LineMeasurer,
): Generator<PartChunk, void, undefined> {
  const colStyle: (XStyle | undefined)[] = sheet.columns.map((c) => (c.style ? bookStyle(c.style) : undefined));

  // Cells merges create (an empty master) or take over (slaves), by row; the book's cells stay where they are.
  const overlayRows = new Map<number, (XCell | undefined)[]>();
  const overlayAt = (r: number) => {
    let row = overlayRows.get(r);
    if (!row) overlayRows.set(r, (row = []));
    return row;
  };
  const bookCell = (r: number, c: number) => sheet.rows[r]?.[c];
  // ExcelJS refuses a merge that overlaps an earlier one (even a one-cell "merge").
  const merged = new Set<number>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (merged.has(r * 16384 + c)) throw new Error('Cannot merge already merged cells');
      }
    }
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) merged.add(r * 16384 + c);
    let master: XCell | undefined = overlayRows.get(m.top)?.[m.left];
    if (!master) {
      const own = bookCell(m.top, m.left);
      master = own ? { kind: KIND_BOOK, value: own.value, style: own.style } : { kind: KIND_CREATED, value: null };
      overlayAt(m.top)[m.left] = master;
    }
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        overlayAt(r)[c] = { kind: KIND_SLAVE, value: null, master };
      }
    }
  }
  const heights = sheet.rowHeights;
  let rowCount = sheet.rows.length;
  for (const k of overlayRows.keys()) rowCount = Math.max(rowCount, k + 1);
  for (const k of Object.keys(heights)) rowCount = Math.max(rowCount, Number(k) + 1);
  const body = sheet.body && sheet.body.count > 0 ? sheet.body : undefined;
  // Generated rows follow the plain ones; nothing of the plain part (merges, heights) may reach into them.
  if (body && rowCount > sheet.rows.length) throw new Error('Generated rows must follow every plain row, merge and height');

  // The used range, as ExcelJS's Range.expand computed it row by row.
  const dim = new Dimension();
  const spans: number[] = [];
  for (let r = 0; r < rowCount; r++) {
    const cells = sheet.rows[r];
    const extra = overlayRows.get(r);
    let min = 0;
    let max = 0;
    const width = Math.max(cells?.length ?? 0, extra?.length ?? 0);
    for (let c = 0; c < width; c++) {
      if (!extra?.[c] && !cells?.[c]) continue;
      if (!min) min = c + 1;
      max = c + 1;
    }
    if (min || heights[r]) dim.expand(r + 1, min, r + 1, max);
    spans[r] = min ? min * 65536 + max : 0;
  }
  // Every generated row has all its cells: each spans 1..width.
  if (body) dim.expand(rowCount + 1, 1, rowCount + body.count, body.width);

  const p = sheet.print;
  let head =
    XML_DECL +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">`;
  const sheetPr = (sheet.tabColor ? `<tabColor${attr('rgb', sheet.tabColor)}/>` : '') + (p.fitToWidth ? '<pageSetUpPr fitToPage="1"/>' : '');
  if (sheetPr) head += `<sheetPr>${sheetPr}</sheetPr>`;
  head += `<dimension${attr('ref', dim.toString())}/>`;
  head += sheetViewXml(sheet);
  head += '<sheetFormatPr defaultRowHeight="15" outlineLevelRow="0" outlineLevelCol="0" x14ac:dyDescent="55"/>';
  // Styles are numbered in the order ExcelJS met them: columns, then row by row, cell by cell.
  const cols = columnModels(sheet, colStyle);
  if (cols.length) {
    head += '<cols>';
    for (const c of cols) {
      const xf = styles.id(c.style);
      head += `<col min="${c.min}" max="${c.max}"${c.width ? attr('width', c.width) : ''}${xf ? ` style="${xf}"` : ''} customWidth="1"/>`;
    }
    head += '</cols>';
  }

  const styleNames = new Map<string, number>();
  const xfCache: number[][] = [];
  const xfOf = (kind: number, style: string | undefined, c: number): number => {
    let key = 0;
    if (kind === KIND_BOOK) {
      const name = style ?? '\u0000';
      key = styleNames.get(name) ?? 0;
      if (!key) styleNames.set(name, (key = styleNames.size + 1));
    }
    const perCol = (xfCache[c] ??= []);
    let xf = perCol[key];
    if (xf === undefined) {
      xf = styles.id(kind === KIND_BOOK ? overlay(colStyle[c], bookStyle(style)) : overlay(colStyle[c], undefined));
      perCol[key] = xf;
    }
    return xf;
  };
  const letters: string[] = [];
  /**
   * A cell in XML, from the book's value as given: text is cleaned once per distinct text (addRaw),
   * a number is written only when finite (as ExcelJS kept them).
   */
  const valueXml = (ref: string, xf: number, value: string | number | null): string => {
    if (typeof value === 'string') return `<c r="${ref}"${xf ? ` s="${xf}"` : ''} t="s"><v>${sst.addRaw(value)}</v></c>`;
    if (typeof value === 'number' && Number.isFinite(value)) return `<c r="${ref}"${xf ? ` s="${xf}"` : ''}><v>${value}</v></c>`;
    return xf ? `<c r="${ref}" s="${xf}"/>` : '';
  };
  /** A cell of the book (not a merge's), in XML. */
  const plainCell = (cell: BookCell, c: number, rowNum: number): string =>
    valueXml((letters[c] ??= columnLetters(c)) + rowNum, xfOf(KIND_BOOK, cell.style, c), cell.value);
  const CHUNK_ROWS = 512;
  let chunk = '';
  let rowsInChunk = 0;
  let anyRow = false;
  for (let r = 0; r < rowCount; r++) {
    const height = heights[r];
    const span = spans[r];
    if (!span && !height) continue;
    const cells = sheet.rows[r];
    const extra = overlayRows.get(r);
    const min = Math.floor(span / 65536);
    const max = span % 65536;
    let xml = '';
    const rowNum = r + 1;
    for (let c = min - 1; c < max; c++) {
      const x = extra?.[c];
      let xf: number;
      let value: string | number | null;
      if (x) {
        if (x.kind === KIND_SLAVE) {
          xf = (x.master as XCell).xf as number;
          const ref = (letters[c] ??= columnLetters(c)) + rowNum;
          xml += xf ? `<c r="${ref}" s="${xf}"/>` : `<c r="${ref}"/>`;
          continue;
        }
        xf = x.xf = xfOf(x.kind, x.style, c);
        value = x.value;
      } else {
        const cell = cells?.[c];
        if (cell) xml += plainCell(cell, c, rowNum);
        continue;
      }
      xml += valueXml((letters[c] ??= columnLetters(c)) + rowNum, xf, value);
    }
    let open = `<row r="${rowNum}"`;
    if (height) open += ` ht="${height}" customHeight="1"`;
    if (span) open += ` spans="${min}:${max}"`;
    open += ' x14ac:dyDescent="0.25"';
    if (!anyRow) {
      chunk = `${head}<sheetData>`;
      anyRow = true;
    }
    chunk += xml ? `${open}>${xml}</row>` : `${open}/>`;
    if (++rowsInChunk >= CHUNK_ROWS) {
      yield chunk;
      chunk = '';
      rowsInChunk = 0;
    }
  }
  if (body) {
    // The generated rows (the long list), as UTF-8 bytes: see ./rows.ts.
    if (!anyRow) {
      chunk = `${head}<sheetData>`;
      anyRow = true;
    }
    if (chunk) yield chunk;
    chunk = '';
    yield* bodyRowsXml(body, rowCount, sst, (style, c) => xfOf(KIND_BOOK, style, c), letters, pool, measurer);
  }
  let tail = anyRow ? `${chunk}</sheetData>` : `${head}<sheetData/>`;
  if (sheet.autoFilter) tail += `<autoFilter${attr('ref', rangeRef(sheet.autoFilter))}/>`;
  const mergeRefs = mergeCellsOrder(overlayRows, sheet.merges, rowCount);
  if (mergeRefs.length) tail += `<mergeCells count="${mergeRefs.length}">${mergeRefs.map((m) => `<mergeCell${attr('ref', m)}/>`).join('')}</mergeCells>`;
  tail += dataValidationsXml(sheet.validations);
  if (p.horizontalCentered) tail += '<printOptions horizontalCentered="1"/>';
  const mg = p.marginsMm;
  tail += `<pageMargins${attr('left', mm(mg.left))}${attr('right', mm(mg.right))}${attr('top', mm(mg.top))}${attr('bottom', mm(mg.bottom))}${attr('header', mm(mg.header))}${attr('footer', mm(mg.footer))}/>`;
  tail += `<pageSetup paperSize="9"${attr('orientation', p.orientation)} fitToWidth="1" fitToHeight="0" firstPageNumber="1" useFirstPageNumber="1"/>`;
  if (p.header || p.footer) {
    let hf = '';
    if (p.header) hf += `<oddHeader>${xmlEscape(p.header)}</oddHeader>`;
    if (p.footer) hf += `<oddFooter>${xmlEscape(p.footer)}</oddFooter>`;
    if (p.differentFirst) hf += '<firstHeader>&amp;C</firstHeader><firstFooter>&amp;C</firstFooter>';
    tail += `<headerFooter${p.differentFirst ? ' differentFirst="1"' : ''}>${hf}</headerFooter>`;
  }
  yield `${tail}</worksheet>`;
}

/** <mergeCells> lists each merge when its first slave is met, row by row (as ExcelJS collected them). */
function mergeCellsOrder(overlayRows: Map<number, (XCell | undefined)[]>, merges: CellRange[], rowCount: number): string[] {
  if (!merges.length) return [];
  const out: string[] = [];
  const seen = new Set<XCell>();
  const masters = new Map<XCell, CellRange>();
  for (const m of merges) {
    const master = overlayRows.get(m.top)?.[m.left];
    if (master) masters.set(master, m);
  }
  for (let r = 0; r < rowCount; r++) {
    const cells = overlayRows.get(r);
    if (!cells) continue;
    for (const cell of cells) {
      if (!cell || cell.kind !== KIND_SLAVE) continue;
      const master = cell.master as XCell;
      if (seen.has(master)) continue;
      seen.add(master);
      const m = masters.get(master) as CellRange;
      out.push(`${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`);
    }
  }
  return out;
}

function sheetViewXml(sheet: BookSheet): string {
  const grid = sheet.showGridLines === false ? ' showGridLines="0"' : '';
  const f = sheet.freeze;
  if (f && (f.rows > 0 || f.cols > 0)) {
    const x = f.cols;
    const y = f.rows;
    const pane = x && y ? 'bottomRight' : x ? 'topRight' : 'bottomLeft';
    const split = (x ? ` xSplit="${x}"` : '') + (y ? ` ySplit="${y}"` : '');
    return (
      `<sheetViews><sheetView workbookViewId="0"${grid}>` +
      `<pane${split} topLeftCell="${a1(y, x)}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/>` +
      '</sheetView></sheetViews>'
    );
  }
  return `<sheetViews><sheetView workbookViewId="0"${grid}/></sheetViews>`;
}
