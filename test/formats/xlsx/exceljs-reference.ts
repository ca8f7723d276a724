/**
 * The ExcelJS writer the project used before src/formats/xlsx/write/book-xml.ts: kept here, unchanged, as the
 * reference the direct writer is compared with (same parts, byte for byte).
 */
import * as ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { materializeBook, type Book, type BookSheet, type BookStyle, type CellRange } from '../../../src/book/model';
import { a1 } from '../../../src/sheet/address';
import { cellText, FIXED_EPOCH, patchNormalFont } from '../../../src/formats/xlsx/write/workbook';

function rangeRef(r: CellRange): string {
  const tl = a1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${a1(r.bottom, r.right)}`;
}

function absRef(r: CellRange): string {
  const abs = (row: number, col: number) => a1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  const tl = abs(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${abs(r.bottom, r.right)}`;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

const MM_PER_INCH = 25.4;

interface ExcelStyle {
  font: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  border?: Partial<ExcelJS.Borders>;
  alignment?: Partial<ExcelJS.Alignment>;
  numFmt?: string;
}

function toExcelStyle(book: Book, s: BookStyle | undefined): ExcelStyle {
  const f = { ...book.defaultFont, ...(s?.font ?? {}) };
  const font: Partial<ExcelJS.Font> = { name: f.name, size: f.size, family: 1 };
  if (f.bold) font.bold = true;
  if (f.italic) font.italic = true;
  if (f.underline) font.underline = true;
  if (f.color) font.color = { argb: f.color };
  const out: ExcelStyle = { font };
  if (s?.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
  if (s?.border) {
    const b: Partial<ExcelJS.Borders> = {};
    for (const side of ['top', 'left', 'bottom', 'right'] as const) {
      const line = s.border[side];
      if (line) b[side] = { style: line };
    }
    out.border = b;
  }
  if (s?.align) {
    const a: Partial<ExcelJS.Alignment> = {};
    if (s.align.horizontal) a.horizontal = s.align.horizontal;
    if (s.align.vertical) a.vertical = s.align.vertical;
    if (s.align.wrap) a.wrapText = true;
    if (s.align.indent) a.indent = s.align.indent;
    if (s.align.rotate) a.textRotation = s.align.rotate;
    out.alignment = a;
  }
  if (s?.numFmt) out.numFmt = s.numFmt;
  return out;
}

function applyStyle(target: ExcelJS.Cell | ExcelJS.Column, st: ExcelStyle): void {
  // Fresh objects per target: ExcelJS keeps references, and shared ones would alias edits.
  target.font = { ...st.font };
  if (st.fill) target.fill = { ...st.fill } as ExcelJS.Fill;
  if (st.border) target.border = { ...st.border };
  if (st.alignment) target.alignment = { ...st.alignment };
  if (st.numFmt) target.numFmt = st.numFmt;
}

function writeSheet(wb: ExcelJS.Workbook, book: Book, sheet: BookSheet, styles: Map<string | undefined, ExcelStyle>): void {
  const style = (name: string | undefined): ExcelStyle => {
    let st = styles.get(name);
    if (!st) {
      st = toExcelStyle(book, name !== undefined ? book.styles[name] : undefined);
      styles.set(name, st);
    }
    return st;
  };
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.state,
    properties: sheet.tabColor ? { tabColor: { argb: sheet.tabColor } } : {},
  });
  // Column styles first: ExcelJS copies a column style onto cells already present.
  sheet.columns.forEach((col, i) => {
    const c = ws.getColumn(i + 1);
    c.width = col.width;
    if (col.style) applyStyle(c, style(col.style));
  });
  sheet.rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      if (!cell) return;
      const xc = ws.getCell(r + 1, c + 1);
      const v = cell.value;
      if (typeof v === 'string') xc.value = cellText(v);
      else if (typeof v === 'number' && Number.isFinite(v)) xc.value = v;
      applyStyle(xc, style(cell.style));
    });
  });
  for (const [r, h] of Object.entries(sheet.rowHeights)) ws.getRow(Number(r) + 1).height = h;
  for (const m of sheet.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);

  const view: Partial<ExcelJS.WorksheetView> = { showGridLines: sheet.showGridLines };
  if (sheet.freeze && (sheet.freeze.rows > 0 || sheet.freeze.cols > 0)) {
    ws.views = [{ ...view, state: 'frozen', xSplit: sheet.freeze.cols, ySplit: sheet.freeze.rows } as ExcelJS.WorksheetView];
  } else {
    ws.views = [{ ...view, state: 'normal' } as ExcelJS.WorksheetView];
  }
  if (sheet.autoFilter) ws.autoFilter = rangeRef(sheet.autoFilter);

  const p = sheet.print;
  const mm = (x: number) => Math.round((x / MM_PER_INCH) * 10000) / 10000;
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: p.orientation,
    fitToPage: p.fitToWidth,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: !!p.horizontalCentered,
    // Every sheet numbers its own pages from 1 (LibreOffice would continue from the previous sheet).
    firstPageNumber: 1,
    margins: {
      top: mm(p.marginsMm.top),
      bottom: mm(p.marginsMm.bottom),
      left: mm(p.marginsMm.left),
      right: mm(p.marginsMm.right),
      header: mm(p.marginsMm.header),
      footer: mm(p.marginsMm.footer),
    },
    ...(p.repeatRows ? { printTitlesRow: `${p.repeatRows.from + 1}:${p.repeatRows.to + 1}` } : {}),
  } as Partial<ExcelJS.PageSetup>;
  if (p.header || p.footer) {
    ws.headerFooter = {
      differentFirst: !!p.differentFirst,
      // An explicit empty first-page header: Decree 30 shows no number on page 1.
      ...(p.differentFirst ? { firstHeader: '&C', firstFooter: '&C' } : {}),
      ...(p.header ? { oddHeader: p.header } : {}),
      ...(p.footer ? { oddFooter: p.footer } : {}),
    } as Partial<ExcelJS.HeaderFooter> as ExcelJS.HeaderFooter;
  }

  for (const v of sheet.validations) {
    const dv: ExcelJS.DataValidation = {
      type: v.type,
      allowBlank: v.allowBlank,
      formulae: v.formulae.map((f) => (v.type === 'date' && typeof f === 'number' ? new Date((f - 25569) * 86400000) : f)),
    } as ExcelJS.DataValidation;
    if (v.operator) dv.operator = v.operator;
    if (v.prompt) {
      dv.showInputMessage = true;
      dv.promptTitle = v.prompt.title;
      dv.prompt = v.prompt.text;
    }
    if (v.error) {
      dv.showErrorMessage = true;
      dv.errorStyle = v.error.style;
      dv.errorTitle = v.error.title;
      dv.error = v.error.text;
    }
    (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(rangeRef(v.range), dv);
  }
}

/**
 * Re-zips with a fixed timestamp and no folder entries, so the same workbook gives the same bytes,
 * and sets the Normal font.
 */
function normaliseZip(bytes: Uint8Array, book: Book): Uint8Array {
  const files = unzipSync(bytes);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith('/')) continue;
    out[name] = name === 'xl/styles.xml' ? strToU8(patchNormalFont(strFromU8(data), book.defaultFont)) : data;
  }
  // Local-time fields are what the zip stores: a local Date gives the same fields in every time zone.
  return zipSync(out, { level: 6, mtime: new Date(2020, 0, 1, 0, 0, 0) });
}

/** Writes the workbook model as .xlsx bytes. */
export async function writeBookWithExcelJS(model: Book): Promise<Uint8Array> {
  // ExcelJS gets every row as a plain row; the direct writer streams the generated ones.
  const book = materializeBook(model);
  const wb = new ExcelJS.Workbook();
  const created = book.properties.created;
  const when = created ? new Date(Date.UTC(created.y, (created.m ?? 1) - 1, created.d ?? 1)) : FIXED_EPOCH;
  wb.creator = book.properties.creator;
  wb.lastModifiedBy = book.properties.creator;
  wb.title = book.properties.title;
  wb.created = when;
  wb.modified = when;
  const styles = new Map<string | undefined, ExcelStyle>();
  for (const sheet of book.sheets) writeSheet(wb, book, sheet, styles);
  for (const n of book.names) wb.definedNames.add(`${quoteSheet(n.sheet)}!${absRef(n.range)}`, n.name);
  wb.views = [{ activeTab: book.activeSheet, firstSheet: 0, visibility: 'visible', x: 0, y: 0, width: 20000, height: 12000 } as ExcelJS.WorkbookView];
  const buf = await wb.xlsx.writeBuffer();
  return normaliseZip(new Uint8Array(buf as ArrayBuffer), book);
}

