/**
 * The package's own parts, as ExcelJS wrote them: [Content_Types].xml, the relationships
 * (_rels/.rels, xl/_rels/workbook.xml.rels), xl/workbook.xml (sheets, defined names, print
 * titles), docProps/app.xml and docProps/core.xml; and the order the parts are stored in.
 */
import type { Book, CellRange } from '../../../book/model';
import { columnLetters } from '../../../sheet/address';
import type { PartChunk } from '../../zip/write';
import { attr, MAIN_NS, REL_NS, XML_DECL, xmlEscape } from './escape';

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

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

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

/**
 * The parts that describe the package, in the order ExcelJS wrote them (after the sheets, the
 * shared strings when `hasStrings`, the theme and the styles).
 */
export function packageParts(book: Book, created: Date, hasStrings: boolean): BookPart[] {
  const n = book.sheets.length;
  const parts: BookPart[] = [];
  const one = (name: string, xml: string) => parts.push({ name, chunks: [xml] });
  const esc = xmlEscape;
  one(
    'docProps/app.xml',
    XML_DECL +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>' +
      `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
      `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${book.sheets.map((s) => `<vt:lpstr>${esc(s.name)}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>` +
      '<Company></Company><Manager></Manager><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>',
  );

  const when = created.toISOString().replace(/[.]\d{3}/, '');
  const creator = book.properties.creator || 'ExcelJS';
  one(
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
  one(
    'xl/workbook.xml',
    XML_DECL +
      `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">` +
      '<fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/>' +
      `<bookViews><workbookView xWindow="0" yWindow="0" windowWidth="20000" windowHeight="12000" firstSheet="0"${attr('activeTab', book.activeSheet)}/></bookViews>` +
      `<sheets>${book.sheets.map((s, i) => `<sheet sheetId="${i + 1}"${attr('name', s.name)}${attr('state', s.state)} r:id="${sheetRid[i]}"/>`).join('')}</sheets>` +
      (names.length ? `<definedNames>${names.join('')}</definedNames>` : '') +
      '<calcPr calcId="171027"/></workbook>',
  );

  one(
    '[Content_Types].xml',
    XML_DECL +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      book.sheets.map((_s, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      (hasStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
      '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
  );
  one(
    '_rels/.rels',
    relationships([
      ['rId1', `${REL}/officeDocument`, 'xl/workbook.xml'],
      ['rId2', 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties', 'docProps/core.xml'],
      ['rId3', `${REL}/extended-properties`, 'docProps/app.xml'],
    ]),
  );
  one('xl/_rels/workbook.xml.rels', relationships(wbRels));
  return parts;
}
