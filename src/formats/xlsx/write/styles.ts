/**
 * xl/styles.xml: the style table, numbered as ExcelJS numbered it (by first use; fonts, fills,
 * borders and number formats deduplicated), and the book's styles as ExcelJS held them (XStyle:
 * a cell's own style over its column's).
 */
import type { Book, BookFont, BookStyle } from '../../../book/model';
import { attr, MAIN_NS, XML_DECL } from './escape';

/** A cell's or column's effective style, as ExcelJS held it. */
export interface XStyle {
  numFmt?: string;
  font?: XFont;
  alignment?: XAlign;
  border?: Partial<Record<'top' | 'left' | 'bottom' | 'right', string>>;
  fill?: string;
  /** The text stays text when edited: quotePrefix="1" on the xf. */
  quotePrefix?: boolean;
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

export function toXStyle(book: Book, s: BookStyle | undefined): XStyle {
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
  if (s?.quotePrefix) out.quotePrefix = true;
  return out;
}

/** What a new cell takes from its column (ExcelJS's _mergeStyle), then what the book sets over it. */
export function overlay(column: XStyle | undefined, own: XStyle | undefined): XStyle {
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
  if (own?.quotePrefix ?? column?.quotePrefix) out.quotePrefix = true;
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

export class StyleTable {
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
    // Where the schema puts it, right after xfId; styles without it are written as before.
    if (s.quotePrefix) xf += ' quotePrefix="1"';
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

/** The workbook's Normal font: it sets the unit of column widths and the font of cells typed later. */
const NORMAL_FONT = '<font><sz val="11"/><name val="Times New Roman"/><family val="1"/></font>';

/** ExcelJS always writes Calibri as the Normal font; the model's default font replaces it. */
export function patchNormalFont(stylesXml: string, font: { name: string } = { name: 'Times New Roman' }): string {
  const normal = NORMAL_FONT.replace('Times New Roman', font.name.replace(/[<>&"]/g, ''));
  return stylesXml.replace(/(<fonts\b[^>]*>)<font>[\s\S]*?<\/font>/, (_m, open: string) => `${open}${normal}`);
}
