/**
 * Our own .xlsx/.xlsm reader: bytes in, a plain WorkbookGrid out. Runs in Node and in the browser
 * (fflate for the zip, a hand-written scanner for the XML; no Node built-ins). Every refusal is an
 * UnreadableError carrying a Vietnamese and an English reason; the safety limits of ./limits.ts are
 * enforced before or while inflating, never after.
 *
 * Cell fonts: every cell with a value gets `font` when styles.xml names one for its format (also the
 * workbook's default font), because old Vietnamese workbooks often use .VnTime as the default; a
 * rich-text string whose first run names a font (rFont) gets that font instead.
 */
import type { Grid, WorkbookGrid } from '../../../sheet/grid';
import type { SheetVisitor } from '../../../sheet/row-stream';
import { UnreadableError, unreadable } from '../../errors';
import { resolveLimits, type ReadLimits } from '../../limits';
import { mergesAfterRows, parseSheet, type ParsedSheet, type SheetContext } from './sheet';
import { NO_SHARED_STRINGS, parseSharedStrings, type SharedStrings } from './shared-strings';
import { NO_STYLES, parseStyles, type CellStyles } from './styles';
import { attrLocal, walkXml, type XmlAttrs } from './xml';
import { decodeXml, EntryReader, findEntry, openZip, releasePart, xmlPieces, type Inflater, type ZipArchive } from '../../zip/read';
import type { Crc32 } from '../../zip/crc32';

export { UnreadableError } from '../../errors';
export type { ReadLimits } from '../../limits';

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
  /** Which sheets to read, by name; the others are not even inflated and are left out of the result. */
  sheets?: (name: string) => boolean;
  /**
   * A faster inflater for a part whose declared size already passed the limits (Node's zlib, from
   * ./node.ts): raw deflate in, at most `maxBytes` out, or null when it cannot (more output than
   * declared, damaged data). A null sends the part through the JavaScript inflater and its checks.
   */
  inflate?: Inflater;
  /** CRC-32 (Node's native zlib.crc32, from ./node.ts); the JavaScript one otherwise. */
  crc32?: Crc32;
}

export type { Inflater } from '../../zip/read';
export type { Crc32 } from '../../zip/crc32';

interface Rel {
  type: string;
  target: string;
}

interface SheetRef {
  name: string;
  rid: string | undefined;
  hidden: boolean;
}

/** Directory part of a part name, with its trailing slash ('' at the package root). */
function dirOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i + 1);
}

/** Resolves a relationship target against the source part's directory; absolute targets start at the root. */
export function resolveTarget(baseDir: string, target: string): string {
  let t = target.trim().replace(/\\/g, '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    // Not percent-encoded after all.
  }
  const path = t.startsWith('/') ? t.slice(1) : baseDir + t;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** The last segment of a relationship type URI: works for transitional and strict namespaces alike. */
function relKind(type: string): string {
  const i = type.lastIndexOf('/');
  return (i < 0 ? type : type.slice(i + 1)).toLowerCase();
}

function isOle2(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0 && b[4] === 0xa1 && b[5] === 0xb1 && b[6] === 0x1a && b[7] === 0xe1;
}

/** Far more relationships than any real workbook has; the rest are ignored. */
const MAX_RELS = 100_000;

class Package {
  private readonly reader: EntryReader;
  constructor(
    readonly zip: ZipArchive,
    limits: ReadLimits,
    inflate?: Inflater,
    crc?: Crc32,
  ) {
    this.reader = new EntryReader(zip, limits, inflate, crc);
  }

  has(part: string): boolean {
    return findEntry(this.zip, part) !== undefined;
  }

  /** The part's text, or null when the package has no such part. */
  text(part: string): string | null {
    const e = findEntry(this.zip, part);
    return e ? this.reader.text(e) : null;
  }

  /** The part's bytes (an empty part when the package has none). */
  bytes(part: string): Uint8Array {
    const e = findEntry(this.zip, part);
    return e ? this.reader.bytes(e) : new Uint8Array(0);
  }

  /** The stored name of a part (its real casing). */
  stored(part: string): string | undefined {
    return findEntry(this.zip, part)?.name;
  }

  rels(sourcePart: string): Map<string, Rel> {
    const dir = dirOf(sourcePart);
    const relsPart = `${dir}_rels/${sourcePart.slice(dir.length)}.rels`;
    const xml = this.text(relsPart);
    const out = new Map<string, Rel>();
    if (xml === null) return out;
    let n = 0;
    walkXml(xml, relsPart, {
      open(name: string, attrs: XmlAttrs) {
        if (name !== 'Relationship') return;
        const target = attrLocal(attrs, 'Target');
        if (!target || /^external$/i.test(attrLocal(attrs, 'TargetMode') ?? '')) return;
        const id = attrLocal(attrs, 'Id') ?? `#${n}`;
        n++;
        if (!out.has(id) && out.size < MAX_RELS) out.set(id, { type: attrLocal(attrs, 'Type') ?? '', target: resolveTarget(dir, target) });
      },
    });
    return out;
  }
}

const MAIN_CONTENT_TYPE = /(spreadsheetml\.(sheet|template)\.main|ms-excel\.(sheet|template|addin)\.macroenabled\.main)\+xml/i;

/** Finds xl/workbook.xml the way Excel does, with fallbacks for packages whose rels are broken. */
function locateWorkbook(pkg: Package): string {
  for (const rel of pkg.rels('').values()) {
    if (relKind(rel.type) === 'officedocument' && pkg.has(rel.target) && !/^(word|ppt)\//i.test(rel.target)) return pkg.stored(rel.target)!;
  }
  const ct = pkg.text('[Content_Types].xml');
  if (ct !== null) {
    let found: string | undefined;
    walkXml(ct, '[Content_Types].xml', {
      open(name, attrs) {
        if (found || name !== 'Override') return;
        const type = attrLocal(attrs, 'ContentType') ?? '';
        const partName = attrLocal(attrs, 'PartName');
        if (partName && MAIN_CONTENT_TYPE.test(type)) {
          const p = resolveTarget('', partName);
          if (pkg.has(p)) found = p;
        }
      },
    });
    if (found) return pkg.stored(found)!;
  }
  if (pkg.has('xl/workbook.xml')) return pkg.stored('xl/workbook.xml')!;
  const any = pkg.zip.entries.find((e) => /(^|\/)workbook\.xml$/i.test(e.name));
  if (any) return any.name;
  // Say what it is when we can tell.
  if (pkg.has('word/document.xml')) throw unreadable.notSpreadsheet('tệp Word (.docx)', 'a Word document (.docx)');
  if (pkg.has('ppt/presentation.xml')) throw unreadable.notSpreadsheet('tệp PowerPoint (.pptx)', 'a PowerPoint file (.pptx)');
  if (pkg.has('content.xml') && pkg.has('mimetype')) {
    throw unreadable.otherFormat(
      'Tệp là tài liệu OpenDocument (LibreOffice .ods/.odt), không phải .xlsx. Hãy mở bằng LibreOffice hoặc Excel và lưu lại dưới dạng .xlsx.',
      'The file is an OpenDocument file (LibreOffice .ods/.odt), not .xlsx. Open it in LibreOffice or Excel and save it as .xlsx.',
    );
  }
  throw unreadable.notSpreadsheet(null, null);
}

interface WorkbookInfo {
  sheets: SheetRef[];
  date1904: boolean;
}

function parseWorkbook(xml: string, part: string, maxSheets: number): WorkbookInfo {
  const sheets: SheetRef[] = [];
  let date1904 = false;
  let inSheets = false;
  walkXml(xml, part, {
    open(name, attrs, selfClosing) {
      if (name === 'sheets') inSheets = !selfClosing;
      else if (name === 'sheet' && inSheets) {
        // The relationship id is the namespaced `r:id` (whatever the prefix).
        let rid: string | undefined;
        for (const k in attrs) if (k.endsWith(':id') && !k.startsWith('xmlns')) rid = attrs[k];
        if (rid === undefined) rid = attrs.id;
        const state = (attrLocal(attrs, 'state') ?? '').toLowerCase();
        sheets.push({ name: attrLocal(attrs, 'name') ?? '', rid, hidden: state === 'hidden' || state === 'veryhidden' });
        // Stop at once rather than collect millions of entries.
        if (sheets.length > maxSheets) throw unreadable.tooManySheets(maxSheets);
      } else if (name === 'workbookPr') {
        const v = (attrLocal(attrs, 'date1904') ?? '').trim().toLowerCase();
        date1904 = v === '1' || v === 'true' || v === 'on';
      }
    },
    close(name) {
      if (name === 'sheets') inSheets = false;
    },
  });
  return { sheets, date1904 };
}

const SKIPPED_SHEET_KINDS = new Set(['chartsheet', 'dialogsheet', 'xlmacrosheet', 'xlintlmacrosheet']);

/** Reads an .xlsx/.xlsm file held in memory. Throws UnreadableError when it cannot or must not be read. */
export function readXlsx(bytes: Uint8Array, opts: ReadOptions = {}): WorkbookGrid {
  try {
    return read(bytes, opts);
  } catch (err) {
    if (err instanceof UnreadableError) throw err;
    // Whatever else went wrong, the caller gets a refusal, never a crash.
    const e = unreadable.damaged('không đọc được nội dung tệp', 'its content cannot be read');
    (e as { cause?: unknown }).cause = err;
    throw e;
  }
}

/** A workbook opened for reading its sheets: the package, what every sheet needs, and the sheets to read. */
interface OpenBook {
  pkg: Package;
  limits: ReadLimits;
  date1904: boolean;
  sst: SharedStrings;
  styles: CellStyles;
  todo: { ref: SheetRef; part: string }[];
}

function read(bytes: Uint8Array, opts: ReadOptions): WorkbookGrid {
  const book = openBook(bytes, opts);
  const result: WorkbookGrid = { sheets: [], date1904: book.date1904 };
  const budget = { cells: 0 };
  for (const { ref, part } of book.todo) {
    const xml = book.pkg.text(part) ?? '';
    result.sheets.push(gridOf(ref, parseSheet(xml, sheetContext(book, ref, part, budget))));
  }
  return result;
}

function gridOf(ref: SheetRef, parsed: ParsedSheet): Grid {
  const grid: Grid = { name: ref.name, rows: parsed.rows, merges: parsed.merges };
  if (ref.hidden) grid.hidden = true;
  return grid;
}

function sheetContext(book: OpenBook, ref: SheetRef, part: string, budget: { cells: number }): SheetContext {
  return { part, sheetName: ref.name, sst: book.sst, styles: book.styles, date1904: book.date1904, limits: book.limits, budget };
}

/**
 * Reads an .xlsx like readXlsx, but hands each sheet's rows to `visitor` (src/sheet/row-stream.ts)
 * as they are scanned, without building the grid (a large list is read with its cells dying young).
 * A sheet that cannot be streamed exactly (see parseSheet) is read again whole and given as a
 * grid. Throws UnreadableError as readXlsx does; rows already given are then void. It only reads:
 * what the rows mean is the visitor's business (streamSubmissions: the workbook's submissions).
 */
export function streamXlsx(bytes: Uint8Array, visitor: SheetVisitor, opts: ReadOptions = {}): void {
  try {
    streamBook(bytes, visitor, opts);
  } catch (err) {
    if (err instanceof UnreadableError) throw err;
    const e = unreadable.damaged('không đọc được nội dung tệp', 'its content cannot be read');
    (e as { cause?: unknown }).cause = err;
    throw e;
  }
}

function streamBook(bytes: Uint8Array, visitor: SheetVisitor, opts: ReadOptions): void {
  const book = openBook(bytes, opts);
  visitor.start?.({ date1904: book.date1904 });
  const budget = { cells: 0 };
  for (const { ref, part } of book.todo) {
    const bytes = book.pkg.bytes(part);
    const ctx = sheetContext(book, ref, part, budget);
    const before = budget.cells;
    const merges = mergesAfterRows(bytes, ctx);
    const sink = visitor.stream({ name: ref.name, hidden: ref.hidden }, merges);
    // In pieces: the sheet's text is never one big string.
    const parsed = parseSheet(xmlPieces(bytes), ctx, sink, merges);
    if (!parsed.streamed || !sink.end()) {
      // Once more, whole: the cells counted by the first pass are not counted twice.
      budget.cells = before;
      const text = decodeXml(bytes);
      releasePart(bytes, book.pkg.zip.bytes);
      visitor.grid(gridOf(ref, parseSheet(text, ctx)));
    } else releasePart(bytes, book.pkg.zip.bytes);
  }
}

function openBook(bytes: Uint8Array, opts: ReadOptions): OpenBook {
  const limits = resolveLimits(opts.limits);
  if (bytes.length > limits.maxFileBytes) throw unreadable.fileTooLarge(bytes.length, limits.maxFileBytes);
  if (isOle2(bytes)) throw unreadable.encrypted();
  const zip = openZip(bytes, limits);
  if (zip.entries.length === 0) throw unreadable.notSpreadsheet(null, null);
  const pkg = new Package(zip, limits, opts.inflate, opts.crc32);

  const wbPart = locateWorkbook(pkg);
  if (/\.bin$/i.test(wbPart)) {
    throw unreadable.otherFormat(
      'Tệp là bảng tính Excel dạng nhị phân (.xlsb), chưa đọc được. Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.',
      'The file is an Excel binary workbook (.xlsb), which cannot be read. Open it in Excel and save it as .xlsx.',
    );
  }
  const wb = parseWorkbook(pkg.text(wbPart) ?? '', wbPart, limits.maxSheets);
  const rels = pkg.rels(wbPart);
  const wbDir = dirOf(wbPart);

  // A workbook.xml without a sheet list: fall back to its worksheet relationships, in order.
  if (wb.sheets.length === 0) {
    for (const [id, rel] of rels) {
      if (relKind(rel.type) === 'worksheet') wb.sheets.push({ name: rel.target.replace(/^.*\//, '').replace(/\.xml$/i, ''), rid: id, hidden: false });
    }
  }
  if (wb.sheets.length > limits.maxSheets) throw unreadable.tooManySheets(limits.maxSheets);

  const todo: { ref: SheetRef; part: string }[] = [];
  const claimed = new Set<string>();
  for (const ref of wb.sheets) {
    const rel = ref.rid !== undefined ? rels.get(ref.rid) : undefined;
    if (rel) claimed.add(rel.target.toLowerCase());
  }
  let worksheets = 0;
  wb.sheets.forEach((ref, index) => {
    const rel = ref.rid !== undefined ? rels.get(ref.rid) : undefined;
    if (rel && SKIPPED_SHEET_KINDS.has(relKind(rel.type))) return;
    let part = rel?.target;
    if (!rel) {
      // No relationship (broken rels, or a VBA module sheet with r:id=""): try the conventional
      // name if no other sheet owns it, else there is nothing to read for this sheet.
      const guess = `${wbDir}worksheets/sheet${index + 1}.xml`;
      if (!pkg.has(guess) || claimed.has(guess.toLowerCase())) return;
      claimed.add(guess.toLowerCase());
      part = guess;
    }
    if (!ref.name) ref.name = `Sheet${index + 1}`;
    worksheets++;
    if (opts.sheets && !opts.sheets(ref.name)) return;
    if (!part || !pkg.has(part)) {
      throw unreadable.damaged(`thiếu phần dữ liệu của trang tính "${ref.name}"`, `the data of sheet "${ref.name}" is missing`);
    }
    todo.push({ ref, part: pkg.stored(part)! });
  });
  if (worksheets === 0) throw unreadable.noSheets();

  if (todo.length === 0) return { pkg, limits, date1904: wb.date1904, sst: NO_SHARED_STRINGS, styles: NO_STYLES, todo };

  let sst: SharedStrings = NO_SHARED_STRINGS;
  let styles: CellStyles = NO_STYLES;
  const relOf = (kind: string, fallback: string): string | undefined => {
    for (const rel of rels.values()) if (relKind(rel.type) === kind && pkg.has(rel.target)) return rel.target;
    return pkg.has(wbDir + fallback) ? wbDir + fallback : undefined;
  };
  const sstPart = relOf('sharedstrings', 'sharedStrings.xml');
  if (sstPart) sst = parseSharedStrings(pkg.text(sstPart) ?? '', sstPart, limits.maxCellText, limits.maxCells);
  const stylesPart = relOf('styles', 'styles.xml');
  if (stylesPart) styles = parseStyles(pkg.text(stylesPart) ?? '', stylesPart);
  return { pkg, limits, date1904: wb.date1904, sst, styles, todo };
}
