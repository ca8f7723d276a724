/**
 * The workbook model (src/book/model.ts) -> the XML parts of an .xlsx package, written
 * directly. The parts are the ones ExcelJS 4.4 wrote for the same model, byte for byte (its part
 * order, attribute order, style and shared-string numbering, and its quirks), so files stay the
 * same; but a 50,000-row list takes well under a second instead of tens, since no object is built
 * per cell. test/xlsx/book-xml.test.ts holds this to the ExcelJS writer on many workbooks.
 */
import type { Book, BookCell, BookFont, BookSheet, BookStyle, CellRange, RowSource, Validation } from '../../../book/model';
import { specHeight, type LineSpec } from '../../../book/text-width';
import { a1, columnLetters } from '../../../sheet/grid';
import type { PartChunk } from '../../zip/write';

const MAX_CELL_TEXT = 32767;
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

// eslint-disable-next-line no-control-regex -- control characters are what is looked for
const NEEDS_CLEANING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]|_x[0-9A-Fa-f]{4}_/;

/**
 * Text as an xlsx cell can hold it: characters XML 1.0 forbids are dropped, "_x0041_"-like runs are
 * escaped (Excel would decode them), and the length is capped at Excel's limit.
 */
export function cellText(s: string): string {
  // Most text needs none of it: one scan instead of three replacements.
  if (!NEEDS_CLEANING.test(s)) return s.length > MAX_CELL_TEXT ? s.slice(0, MAX_CELL_TEXT) : s;
  let out = s
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
  if (out.length > MAX_CELL_TEXT) out = out.slice(0, MAX_CELL_TEXT);
  return out;
}

// eslint-disable-next-line no-control-regex -- as ExcelJS: markup escaped, control characters dropped
const ESCAPE_TEST = /[<>&'"\x7F\x00-\x08\x0B-\x0C\x0E-\x1F]/;

/** XML escaping as ExcelJS did it (apostrophes too; TAB, LF and CR kept; other controls dropped). */
export function xmlEscape(text: string): string {
  const m = ESCAPE_TEST.exec(text);
  if (!m) return text;
  // Runs between the characters to replace are copied whole (not character by character).
  let out = '';
  let from = 0;
  for (let i = m.index; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let rep: string;
    if (c === 34) rep = '&quot;';
    else if (c === 38) rep = '&amp;';
    else if (c === 39) rep = '&apos;';
    else if (c === 60) rep = '&lt;';
    else if (c === 62) rep = '&gt;';
    else if (c === 127 || (c <= 31 && c !== 9 && c !== 10 && c !== 13)) rep = '';
    else continue;
    out += text.slice(from, i) + rep;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

const attr = (name: string, value: string | number) => ` ${name}="${xmlEscape(String(value))}"`;

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function rangeRef(r: CellRange): string {
  const tl = a1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? tl : `${tl}:${a1(r.bottom, r.right)}`;
}

// ---------------------------------------------------------------------------------------------
// Styles: the numbering ExcelJS gave, by first use, fonts, fills, borders and formats deduplicated.

/** A cell's or column's effective style, as ExcelJS held it. */
interface XStyle {
  numFmt?: string;
  font?: XFont;
  alignment?: XAlign;
  border?: Partial<Record<'top' | 'left' | 'bottom' | 'right', string>>;
  fill?: string;
}

type XFont = BookFont;

interface XAlign {
  horizontal?: string;
  vertical?: string;
  wrapText?: boolean;
  indent?: number;
  textRotation?: number;
}

/** Excel's built-in number formats: no <numFmt> entry for these. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11, '# ?/?': 12,
  '# ??/??': 13, 'mm-dd-yy': 14, 'd-mmm-yy': 15, 'd-mmm': 16, 'mmm-yy': 17, 'h:mm AM/PM': 18, 'h:mm:ss AM/PM': 19,
  'h:mm': 20, 'h:mm:ss': 21, 'm/d/yy "h":mm': 22, '#,##0 ;(#,##0)': 37, '#,##0 ;[Red](#,##0)': 38,
  '#,##0.00 ;(#,##0.00)': 39, '#,##0.00 ;[Red](#,##0.00)': 40, 'mm:ss': 45, '[h]:mm:ss': 46, 'mmss.0': 47,
  '##0.0E+0': 48, '@': 49,
};

const HORIZONTAL = new Set(['left', 'center', 'right', 'fill', 'centerContinuous', 'distributed', 'justify']);
const VERTICAL = new Set(['top', 'middle', 'bottom', 'distributed', 'justify']);

function toXStyle(book: Book, s: BookStyle | undefined): XStyle {
  const f = { ...book.defaultFont, ...(s?.font ?? {}) };
  const font: XFont = { name: f.name, size: f.size };
  if (f.bold) font.bold = true;
  if (f.italic) font.italic = true;
  if (f.underline) font.underline = true;
  if (f.color) font.color = f.color;
  const out: XStyle = { font };
  if (s?.fill) out.fill = s.fill;
  if (s?.border) {
    const b: XStyle['border'] = {};
    for (const side of ['top', 'left', 'bottom', 'right'] as const) {
      const line = s.border[side];
      if (line) b[side] = line;
    }
    out.border = b;
  }
  if (s?.align) {
    const a: XAlign = {};
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

/** What a new cell takes from its column (ExcelJS's _mergeStyle), then what the book sets over it. */
function overlay(column: XStyle | undefined, own: XStyle | undefined): XStyle {
  const out: XStyle = {};
  const numFmt = own?.numFmt ?? column?.numFmt;
  if (numFmt) out.numFmt = numFmt;
  const font = own?.font ?? column?.font;
  if (font) out.font = font;
  const alignment = own?.alignment ?? column?.alignment;
  if (alignment) out.alignment = alignment;
  const border = own?.border ?? column?.border;
  if (border) out.border = border;
  const fill = own?.fill ?? column?.fill;
  if (fill) out.fill = fill;
  return out;
}

function fontXml(f: XFont): string {
  let x = '<font>';
  if (f.bold) x += '<b/>';
  if (f.italic) x += '<i/>';
  if (f.underline) x += '<u/>';
  if (f.color) x += `<color${attr('rgb', f.color)}/>`;
  x += `<family val="1"/><sz${attr('val', f.size)}/><name${attr('val', f.name)}/></font>`;
  return x;
}

const DEFAULT_FONT_XML = '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';

function borderXml(b: NonNullable<XStyle['border']>): string {
  const edge = (name: string, style: string | undefined) => (style ? `<${name}${attr('style', style)}/>` : `<${name}/>`);
  return `<border>${edge('left', b.left)}${edge('right', b.right)}${edge('top', b.top)}${edge('bottom', b.bottom)}<diagonal/></border>`;
}

function alignmentXml(a: XAlign): string {
  let x = '';
  if (a.horizontal && HORIZONTAL.has(a.horizontal)) x += attr('horizontal', a.horizontal);
  if (a.vertical && VERTICAL.has(a.vertical)) x += attr('vertical', a.vertical === 'middle' ? 'center' : a.vertical);
  if (a.wrapText) x += ' wrapText="1"';
  const indent = Math.max(0, validInt(a.indent));
  if (indent) x += attr('indent', indent);
  const rotation = textRotation(a.textRotation);
  if (rotation) x += attr('textRotation', rotation);
  return x ? `<alignment${x}/>` : '';
}

/** ExcelJS's utils.validInt: parseInt, 0 when not a number. */
function validInt(v: unknown): number {
  const i = parseInt(String(v), 10);
  return Number.isNaN(i) ? 0 : i;
}

function textRotation(v: number | undefined): number | undefined {
  const i = validInt(v);
  if (!(i >= -90 && i <= 90) || !i) return undefined;
  const tr = Math.round(i);
  if (tr >= 0 && tr <= 90) return tr;
  if (tr < 0 && tr >= -90) return 90 - tr;
  return undefined;
}

class StyleTable {
  private readonly fonts: string[] = [];
  private readonly fontIndex = new Map<string, number>();
  private readonly fills = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private readonly fillIndex = new Map(this.fills.map((x, i) => [x, i]));
  private readonly borders = ['<border><left/><right/><top/><bottom/><diagonal/></border>'];
  private readonly borderIndex = new Map(this.borders.map((x, i) => [x, i]));
  private readonly numFmts: string[] = [];
  private readonly numFmtIndex = new Map<string, number>();
  private readonly xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly xfIndex = new Map(this.xfs.map((x, i) => [x, i]));

  private add(list: string[], index: Map<string, number>, xml: string): number {
    let i = index.get(xml);
    if (i === undefined) {
      i = list.length;
      list.push(xml);
      index.set(xml, i);
    }
    return i;
  }

  /** The cellXfs index of a style (0 for the default). */
  id(s: XStyle): number {
    // ExcelJS adds its default font on the first style it sees, whatever that style is.
    if (this.fonts.length === 0) this.add(this.fonts, this.fontIndex, DEFAULT_FONT_XML);
    let numFmtId = 0;
    if (s.numFmt) {
      const builtin = BUILTIN_FORMATS[s.numFmt];
      if (builtin !== undefined) numFmtId = builtin;
      else {
        let id = this.numFmtIndex.get(s.numFmt);
        if (id === undefined) {
          id = 164 + this.numFmts.length;
          this.numFmtIndex.set(s.numFmt, id);
          this.numFmts.push(`<numFmt${attr('numFmtId', id)}${attr('formatCode', s.numFmt)}/>`);
        }
        numFmtId = id;
      }
    }
    const fontId = s.font ? this.add(this.fonts, this.fontIndex, fontXml(s.font)) : 0;
    const borderId = s.border ? this.add(this.borders, this.borderIndex, borderXml(s.border)) : 0;
    const fillId = s.fill
      ? this.add(this.fills, this.fillIndex, `<fill><patternFill patternType="solid"><fgColor${attr('rgb', s.fill)}/></patternFill></fill>`)
      : 0;
    let xf = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
    if (numFmtId) xf += ' applyNumberFormat="1"';
    if (fontId) xf += ' applyFont="1"';
    if (fillId) xf += ' applyFill="1"';
    if (borderId) xf += ' applyBorder="1"';
    if (s.alignment) xf += ' applyAlignment="1"';
    const align = s.alignment ? alignmentXml(s.alignment) : '';
    xf += align ? `>${align}</xf>` : '/>';
    return this.add(this.xfs, this.xfIndex, xf);
  }

  xml(): string {
    const fonts = this.fonts.length ? this.fonts : [DEFAULT_FONT_XML];
    return (
      XML_DECL +
      `<styleSheet xmlns="${MAIN_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">` +
      (this.numFmts.length ? `<numFmts count="${this.numFmts.length}">${this.numFmts.join('')}</numFmts>` : '') +
      `<fonts count="${fonts.length}" x14ac:knownFonts="1">${fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      `<borders count="${this.borders.length}">${this.borders.join('')}</borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>' +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>' +
      '<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst>' +
      '</styleSheet>'
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Shared strings, numbered by first use.

/** What writing a text takes, found in one pass (textFlags). */
const F_ESCAPE = 1;
/** Leading or trailing white space, or a line break: xml:space="preserve". */
const F_PRESERVE = 2;
/** cellText may change it (the NEEDS_CLEANING characters or runs, or too long). */
const F_CLEANING = 4;
/** The stored text is its own cellText. */
const F_FIXED = 8;
/** For tests. */
export const TEXT_FLAGS = { escape: F_ESCAPE, preserve: F_PRESERVE, cleaning: F_CLEANING } as const;

// eslint-disable-next-line no-control-regex -- control characters are among what is looked for
const ANY_SPECIAL = /[\u0000-\u001F\u007F<>&'"_\uD800-\uDFFF\uFFFE\uFFFF]/;

/** JavaScript's \s. */
function isJsSpace(c: number): boolean {
  return (
    (c >= 9 && c <= 13) ||
    c === 32 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * NEEDS_CLEANING, ESCAPE_TEST and /^\s|\n|\s$/ in one pass over the text: a long list's texts are
 * each looked at once, not three times.
 */
export function textFlags(s: string): number {
  const n = s.length;
  let f = n > MAX_CELL_TEXT ? F_CLEANING : 0;
  if (n > 0 && (isJsSpace(s.charCodeAt(0)) || isJsSpace(s.charCodeAt(n - 1)))) f |= F_PRESERVE;
  // Most texts hold none of the characters that matter: the regular-expression engine says so
  // faster than a loop can (it reads the text flat, a loop reads a slice of the file's text).
  if (!ANY_SPECIAL.test(s)) return f;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) {
      if (c === 10) f |= F_PRESERVE;
      else if (c !== 9 && c !== 13) f |= F_ESCAPE | F_CLEANING;
    } else if (c < 0x7f) {
      if (c === 60 || c === 62 || c === 38 || c === 39 || c === 34) f |= F_ESCAPE;
      else if (c === 95 && i + 6 < n && s.charCodeAt(i + 1) === 120 && s.charCodeAt(i + 6) === 95) {
        if (isHex(s.charCodeAt(i + 2)) && isHex(s.charCodeAt(i + 3)) && isHex(s.charCodeAt(i + 4)) && isHex(s.charCodeAt(i + 5))) f |= F_CLEANING;
      }
    } else if (c === 0x7f) f |= F_ESCAPE;
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) f |= F_CLEANING;
  }
  return f;
}

/** Shared strings, numbered by first use. */
class SharedStrings {
  readonly index = new Map<string, number>();
  readonly values: string[] = [];
  count = 0;
  /** By index: F_* flags. */
  private readonly flags: number[] = [];
  /** Raw texts that cleaning changed -> their index (rare: control characters, "_x0041_"-like runs). */
  private readonly dirty = new Map<string, number>();

  private push(s: string, flags: number): number {
    const i = this.values.length;
    this.values.push(s);
    this.index.set(s, i);
    this.flags.push(flags);
    return i;
  }

  /** `s` is a cell's text as written (cellText already applied). */
  add(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      const f = textFlags(s);
      i = this.push(s, !(f & F_CLEANING) || cellText(s) === s ? f | F_FIXED : f);
    }
    this.count++;
    return i;
  }

  /** add(cellText(raw)), cleaning each distinct text once. */
  addRaw(raw: string): number {
    const i = this.index.get(raw);
    // The common case in a few operations (inlined where it is called); the rest apart.
    if (i !== undefined && this.flags[i] & F_FIXED) {
      this.count++;
      return i;
    }
    return this.addRawSlow(raw);
  }

  /** addRaw for a text not stored, or stored but not as its own raw form. */
  private addRawSlow(raw: string): number {
    // A stored text that cleaning keeps is its own raw form; one that cleaning changes
    // ("_x005F_x0041_") may not be, so it takes the long way.
    let i = this.dirty.get(raw);
    if (i !== undefined) {
      this.count++;
      return i;
    }
    const f = textFlags(raw);
    if (!(f & F_CLEANING)) {
      // Nothing to clean: the raw text is the cell's text, not stored yet (else it would be fixed).
      this.count++;
      return this.push(raw, f | F_FIXED);
    }
    const clean = cellText(raw);
    i = this.add(clean);
    if (clean !== raw) this.dirty.set(raw, i);
    return i;
  }

  /**
   * The part in pieces, written straight to UTF-8 (no string is built for it: a big list's
   * strings are millions of characters).
   */
  *xml(pool: BlockPool): Generator<PartChunk, void, undefined> {
    const out = new ByteWriter(pool);
    out.ascii(`${XML_DECL}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.values.length}">`);
    for (let i = 0; i < this.values.length; ) {
      i = this.fill(out, i);
      if (out.full) yield out.take();
    }
    out.ascii('</sst>');
    yield out.take();
  }

  /** Items from `from` until `out` is full or all are written; the next item. A plain method: see BodyRows. */
  private fill(out: ByteWriter, from: number): number {
    const { values, flags } = this;
    for (let i = from; i < values.length; i++) {
      const f = flags[i];
      out.bytes(f & F_PRESERVE ? B_SI_T_PRESERVE : B_SI_T);
      out.utf8(f & F_ESCAPE ? xmlEscape(values[i]) : values[i]);
      out.bytes(B_T_SI);
      if (out.full) return i + 1;
    }
    return values.length;
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets

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

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
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

interface DvModel {
  type: Validation['type'];
  allowBlank: boolean;
  formulae: (string | number)[];
  operator?: string;
  showInputMessage?: boolean;
  promptTitle?: string;
  prompt?: string;
  showErrorMessage?: boolean;
  errorStyle?: string;
  errorTitle?: string;
  error?: string;
}

function dvModel(v: Validation): DvModel {
  const dv: DvModel = { type: v.type, allowBlank: v.allowBlank, formulae: v.formulae };
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
  return dv;
}

function parseCell(address: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

const cellAddress = (row: number, col: number) => `${columnLetters(col - 1)}${row}`;

/** ExcelJS's optimiseDataValidations: sorted by address, equal single-cell neighbours joined into ranges. */
function dataValidationsXml(validations: Validation[]): string {
  const model = new Map<string, DvModel>();
  for (const v of validations) model.set(rangeRef(v.range), dvModel(v));
  const list = [...model.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const marked = new Set<string>();
  const out: { dv: DvModel; sqref: string }[] = [];
  const same = (a: string, b: string) => model.has(b) && deepEqual(model.get(a), model.get(b));
  for (const address of list) {
    if (marked.has(address)) continue;
    const dv = model.get(address) as DvModel;
    if (address.includes(':')) {
      marked.add(address);
      out.push({ dv, sqref: address });
      continue;
    }
    const { row, col } = parseCell(address);
    let height = 1;
    while (same(address, cellAddress(row + height, col))) height++;
    const colMatches = (c: number) => {
      for (let i = 0; i < height; i++) if (!same(address, cellAddress(row + i, c))) return false;
      return true;
    };
    let width = 1;
    while (colMatches(col + width)) width++;
    for (let i = 0; i < height; i++) for (let j = 0; j < width; j++) marked.add(cellAddress(row + i, col + j));
    out.push({ dv, sqref: height > 1 || width > 1 ? `${address}:${cellAddress(row + height - 1, col + width - 1)}` : address });
  }
  if (!out.length) return '';
  let x = `<dataValidations count="${out.length}">`;
  for (const { dv, sqref } of out) {
    x += '<dataValidation';
    if (dv.type !== 'any') {
      x += attr('type', dv.type);
      if (dv.operator && dv.type !== 'list' && dv.operator !== 'between') x += attr('operator', dv.operator);
      if (dv.allowBlank) x += ' allowBlank="1"';
    }
    if (dv.showInputMessage) x += ' showInputMessage="1"';
    if (dv.promptTitle) x += attr('promptTitle', dv.promptTitle);
    if (dv.prompt) x += attr('prompt', dv.prompt);
    if (dv.showErrorMessage) x += ' showErrorMessage="1"';
    if (dv.errorStyle) x += attr('errorStyle', dv.errorStyle);
    if (dv.errorTitle) x += attr('errorTitle', dv.errorTitle);
    if (dv.error) x += attr('error', dv.error);
    x += attr('sqref', sqref);
    if (!dv.formulae.length) {
      x += '/>';
      continue;
    }
    x += '>';
    dv.formulae.forEach((f, i) => {
      let text: string;
      if (dv.type === 'date') {
        // A serial went through a JavaScript Date (whole milliseconds) and back.
        const ms = typeof f === 'number' ? Math.trunc((f - 25569) * 86400000) : new Date(f).getTime();
        text = String(25569 + ms / 86400000);
      } else text = String(f);
      x += `<formula${i + 1}>${xmlEscape(text)}</formula${i + 1}>`;
    });
    x += '</dataValidation>';
  }
  return `${x}</dataValidations>`;
}

/**
 * One worksheet's XML, in pieces of a few hundred rows, so a 50,000-row sheet never sits in memory
 * as one string. `onDone` receives the print-titles name once the last piece is taken.
 */
function* sheetXml(
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
    // The generated rows (the long list) go straight to UTF-8 bytes: their markup is ASCII (text
    // is in the shared strings), so no string is built per cell and none is encoded afterwards.
    if (!anyRow) {
      chunk = `${head}<sheetData>`;
      anyRow = true;
    }
    if (chunk) yield chunk;
    chunk = '';
    const out = new ByteWriter(pool);
    const rows = new BodyRows(body, rowCount, sst, xfOf, letters, measurer);
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
    private readonly xfOf: (kind: number, style: string | undefined, c: number) => number,
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
          xf = lastXf[c] = this.xfOf(KIND_BOOK, cell.style, c);
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

/** Rows numbered at a time, and how many such batches are numbered before the first is written (see sheetXml). */
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

/** ASCII text as bytes. */
function ascii(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

const QUOTE = 0x22;
const GT = 0x3e;
const B_ROW = ascii('<row r="');
const B_HT = ascii(' ht="');
const B_CUSTOM_HEIGHT = ascii('" customHeight="1"');
const B_SLASH_GT = ascii('/>');
const B_V_C = ascii('</v></c>');
const B_ROW_END = ascii('</row>');
const B_SI_T = ascii('<si><t>');
const B_SI_T_PRESERVE = ascii('<si><t xml:space="preserve">');
const B_T_SI = ascii('</t></si>');
const UTF8 = new TextEncoder();

/**
 * Blocks handed to the compressor come back when it is done with them (BookPart.recycle): a
 * 37 MB list is written through a few blocks instead of 150 fresh ones, which the collector would
 * free only at its next full collection.
 */
export class BlockPool {
  private readonly free: Uint8Array[] = [];
  constructor(readonly size: number) {}

  get(): Uint8Array {
    return this.free.pop() ?? new Uint8Array(this.size);
  }

  /** A chunk that was a block of this pool (from its start) may be written over again. */
  recycle = (chunk: Uint8Array): void => {
    if (chunk.byteOffset === 0 && chunk.buffer.byteLength === this.size && this.free.length < 8) this.free.push(new Uint8Array(chunk.buffer));
  };
}

/** Markup written as bytes into blocks of the pool's size; a full block is handed over. */
class ByteWriter {
  private buf: Uint8Array;
  pos = 0;
  private readonly size: number;
  constructor(private readonly pool: BlockPool) {
    this.size = pool.size;
    this.buf = pool.get();
  }

  /** Less than a cell's worth of room left (a cell's markup is under 100 bytes, a number's text 25). */
  get full(): boolean {
    return this.pos > this.size - 4096;
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    // Only a row wider than the block's margin gets here: grow the block.
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    // A loop: for a few bytes it beats TypedArray.set, a call into the runtime.
    for (let i = 0; i < n; i++) buf[p++] = b[i];
    this.pos = p;
  }

  /** A non-negative integer in decimal. */
  uint(n: number): void {
    this.room(16);
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    const buf = this.buf;
    let p = (this.pos += digits);
    while (n >= 10) {
      const q = Math.floor(n / 10);
      buf[--p] = 48 + (n - q * 10);
      n = q;
    }
    buf[--p] = 48 + n;
  }

  /** Any text, as UTF-8 (at most three bytes per UTF-16 code unit). */
  utf8(s: string): void {
    this.room(s.length * 3);
    this.pos += UTF8.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  ascii(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  take(): Uint8Array {
    const out = this.buf.subarray(0, this.pos);
    this.buf = this.pool.get();
    this.pos = 0;
    return out;
  }
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

// ---------------------------------------------------------------------------------------------
// The package

/** ExcelJS's reading of a defined name's sheet: quotes kept only when the name is not plain letters and digits. */
function definedNameRange(sheet: string, r: CellRange): string {
  const quoted = quoteSheet(sheet).slice(1, -1);
  const prefix = /^[a-zA-Z0-9]*$/.test(quoted) ? `${quoted}!` : `'${quoted}'!`;
  const abs = (row: number, col: number) => `$${columnLetters(col)}$${row + 1}`;
  const single = r.top === r.bottom && r.left === r.right;
  return single ? `${prefix}${abs(r.top, r.left)}` : `${prefix}${abs(r.top, r.left)}:${abs(r.bottom, r.right)}`;
}

function relationships(rels: [string, string, string][]): string {
  return (
    XML_DECL +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}"${attr('Target', target)}/>`).join('') +
    '</Relationships>'
  );
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface BookPart {
  name: string;
  /** The part's text in pieces; take them all before asking for the next part. */
  chunks: Iterable<PartChunk>;
  /** Give back a piece of bytes once it is compressed: it may then be written over. */
  recycle?: (chunk: Uint8Array) => void;
}

/** The order ExcelJS stored the parts in. */
export function zipOrder(name: string): number {
  const fixed = ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels'];
  const i = fixed.indexOf(name);
  if (i >= 0) return i;
  const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name);
  if (sheet) return 10 + Number(sheet[1]);
  const rest = ['xl/sharedStrings.xml', 'xl/theme/theme1.xml', 'xl/styles.xml', 'docProps/app.xml', 'docProps/core.xml', 'xl/workbook.xml'];
  return 1e9 + rest.indexOf(name);
}

/**
 * Every part of the package, in the order they can be written: the sheets first (they number the
 * styles and the shared strings), the parts that depend on them after. Sort by `zipOrder` to store.
 */
export function* bookParts(book: Book, created: Date, theme: string, measurer?: LineMeasurer): Generator<BookPart, void, undefined> {
  const styles = new StyleTable();
  const sst = new SharedStrings();
  const pool = new BlockPool(1 << 18);
  const xStyles = new Map<string | undefined, XStyle>();
  const bookStyle = (name: string | undefined): XStyle => {
    let s = xStyles.get(name);
    if (!s) {
      s = toXStyle(book, name !== undefined ? book.styles[name] : undefined);
      xStyles.set(name, s);
    }
    return s;
  };
  for (let i = 0; i < book.sheets.length; i++) {
    yield { name: `xl/worksheets/sheet${i + 1}.xml`, chunks: sheetXml(book.sheets[i], styles, sst, bookStyle, pool, measurer), recycle: pool.recycle };
  }
  const n = book.sheets.length;
  const hasStrings = sst.count > 0;
  const one = (name: string, xml: string): BookPart => ({ name, chunks: [xml] });
  if (hasStrings) yield { name: 'xl/sharedStrings.xml', chunks: sst.xml(pool), recycle: pool.recycle };
  yield one('xl/theme/theme1.xml', theme);
  yield one('xl/styles.xml', styles.xml());

  const esc = xmlEscape;
  yield one(
    'docProps/app.xml',
    XML_DECL +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${book.sheets.map((s) => `<vt:lpstr>${esc(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
      '<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>',
  );

  const when = created.toISOString().replace(/[.]\d{3}/, '');
  const creator = book.properties.creator || 'ExcelJS';
  yield one(
    'docProps/core.xml',
    XML_DECL +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>${esc(creator)}</dc:creator><dc:title>${esc(book.properties.title)}</dc:title><dc:subject></dc:subject><dc:description></dc:description><cp:keywords></cp:keywords><cp:category></cp:category>` +
      `<cp:lastModifiedBy>${esc(creator)}</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
  );

  const wbRels: [string, string, string][] = [
    ['rId1', `${REL}/styles`, 'styles.xml'],
    ['rId2', `${REL}/theme`, 'theme/theme1.xml'],
  ];
  if (hasStrings) wbRels.push(['rId3', `${REL}/sharedStrings`, 'sharedStrings.xml']);
  const sheetRid = book.sheets.map((_s, i) => `rId${wbRels.length + 1 + i}`);
  book.sheets.forEach((_s, i) => wbRels.push([sheetRid[i], `${REL}/worksheet`, `worksheets/sheet${i + 1}.xml`]));

  const names: string[] = [];
  for (const dn of book.names) names.push(`<definedName${attr('name', dn.name)}>${esc(definedNameRange(dn.sheet, dn.range))}</definedName>`);
  book.sheets.forEach((s, i) => {
    const rr = s.print.repeatRows;
    if (rr) names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${esc(`'${s.name}'!$${rr.from + 1}:$${rr.to + 1}`)}</definedName>`);
  });
  yield one(
    'xl/workbook.xml',
    XML_DECL +
      `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">` +
      '<fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>' +
      `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="12000" firstSheet="0"${attr('activeTab', book.activeSheet)}/></bookViews>` +
      `<sheets>${book.sheets.map((s, i) => `<sheet sheetId="${i + 1}"${attr('name', s.name)}${attr('state', s.state)} r:id="${sheetRid[i]}"/>`).join('')}</sheets>` +
      (names.length ? `<definedNames>${names.join('')}</definedNames>` : '') +
      '<calcPr calcId="171027"/></workbook>',
  );

  yield one(
    '[Content_Types].xml',
    XML_DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      book.sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      (hasStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
      '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
  );
  yield one(
    '_rels/.rels',
    relationships([
      ['rId1', `${REL}/officeDocument`, 'xl/workbook.xml'],
      ['rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
      ['rId3', `${REL}/extended-properties`, 'docProps/app.xml'],
    ]),
  );
  yield one('xl/_rels/workbook.xml.rels', relationships(wbRels));
}
