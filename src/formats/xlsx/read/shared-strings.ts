/** The shared string table (xl/sharedStrings.xml): plain and rich-text items; phonetic runs ignored. */
import { unreadable } from '../../errors';
import { attrLocal, decodeEntities, decodeOoxmlEscapes, walkXml } from './xml';

export interface SharedStrings {
  strings: string[];
  /** Sparse: the font of an item's first rich-text run, when the run names one (rFont). */
  fonts: (string | undefined)[];
}

export const NO_SHARED_STRINGS: SharedStrings = { strings: [], fonts: [] };

/** `maxItems`: every item is there to be used by a cell, so more items than the cell limit is refused. */
export function parseSharedStrings(xml: string, part: string, maxCellText: number, maxItems = Infinity): SharedStrings {
  const out: SharedStrings = { strings: [], fonts: [] };
  if (!parsePlainItems(xml, part, maxCellText, maxItems, out)) {
    out.strings = [];
    out.fonts = [];
    walkItems(xml, part, maxCellText, maxItems, out);
  }
  return out;
}

const T_OPEN = '<t>';
const T_PRESERVE = '<t xml:space="preserve">';
const T_SI_END = '</t></si>';

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * The table as Excel writes it, item after item of plain text (`<si><t>…</t></si>`), read by
 * position without the general walker; an item of any other shape (rich text, phonetic runs,
 * CDATA) is given to the walker alone. False, having read nothing that counts, when the document
 * is not laid out so (a DOCTYPE, prefixed names, markup between the items): the walker then reads
 * it all, and refuses what it refuses.
 */
function parsePlainItems(xml: string, part: string, maxCellText: number, maxItems: number, out: SharedStrings): boolean {
  const { strings } = out;
  let i = xml.indexOf('<sst');
  // Before the table only the XML declaration: a DOCTYPE (entity declarations), a comment or
  // anything else is the walker's to judge.
  if (i < 0 || xml.lastIndexOf('<!', i) >= 0) return false;
  const c = xml.charCodeAt(i + 4);
  if (c !== 62 && !isSpace(c)) return false;
  i = xml.indexOf('>', i);
  if (i < 0 || xml.charCodeAt(i - 1) === 47) return false;
  i++;
  const n = xml.length;
  for (;;) {
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
    if (xml.startsWith('</sst>', i)) return true;
    if (!xml.startsWith('<si>', i)) return false;
    const open = i + 4;
    let from = -1;
    if (xml.startsWith(T_OPEN, open)) from = open + T_OPEN.length;
    else if (xml.startsWith(T_PRESERVE, open)) from = open + T_PRESERVE.length;
    const lt = from >= 0 ? xml.indexOf('<', from) : -1;
    if (lt >= 0 && xml.startsWith(T_SI_END, lt)) {
      // Judged as the walker judges it: the entities decoded, then the OOXML escapes.
      const decoded = decodeEntities(xml.slice(from, lt));
      if (decoded.length > maxCellText * 2 + 64) throw unreadable.textTooLong(`${part}, #${strings.length}`, decoded.length, maxCellText);
      const text = decodeOoxmlEscapes(decoded);
      if (text.length > maxCellText) throw unreadable.textTooLong(`${part}, #${strings.length}`, text.length, maxCellText);
      strings.push(text);
      if (strings.length > maxItems) throw unreadable.tooManyCells(maxItems);
      i = lt + T_SI_END.length;
      continue;
    }
    // Another shape: this item alone, through the walker (its end is the first </si>; an item
    // that holds another <si> or has none is left to the walker with the whole document).
    const end = xml.indexOf('</si>', open);
    if (end < 0) return false;
    const inner = xml.indexOf('<si', open);
    if (inner >= 0 && inner < end) return false;
    const before = strings.length;
    walkItems(`<sst>${xml.slice(i, end + 5)}</sst>`, part, maxCellText, maxItems, out);
    if (strings.length !== before + 1) return false;
    i = end + 5;
  }
}

/** The general reading: any shape of item, sloppy markup included. Appends to `out`. */
function walkItems(xml: string, part: string, maxCellText: number, maxItems: number, out: SharedStrings): void {
  const { strings, fonts } = out;
  // Items are the children of <sst>: <si>, or <sstItem> in Excel 2007 beta files.
  let depth = 0;
  let inItem = false;
  let itemName = '';
  let phonetic = 0;
  let inT = false;
  let text = '';
  let font: string | undefined;
  const finish = () => {
    const s = decodeOoxmlEscapes(text);
    if (s.length > maxCellText) throw unreadable.textTooLong(`${part}, #${strings.length}`, s.length, maxCellText);
    if (font !== undefined) fonts[strings.length] = font;
    strings.push(s);
    if (strings.length > maxItems) throw unreadable.tooManyCells(maxItems);
    inItem = false;
  };
  walkXml(xml, part, {
    open(name, attrs, selfClosing) {
      depth++;
      if (depth === 2) {
        inItem = true;
        itemName = name;
        text = '';
        font = undefined;
        phonetic = 0;
        inT = false;
      } else if (inItem) {
        if (name === 'rPh') phonetic++;
        else if (name === 't' && phonetic === 0 && !selfClosing) inT = true;
        else if (name === 'rFont' && phonetic === 0 && font === undefined) font = attrLocal(attrs, 'val');
      }
    },
    close(name) {
      if (inItem) {
        // Closing by name too, so an unclosed <t> inside an item does not swallow the next items.
        if (depth === 2 || name === itemName) {
          finish();
          depth = 2;
        }
        else if (name === 'rPh' && phonetic > 0) phonetic--;
        else if (name === 't') inT = false;
      }
      if (depth > 0) depth--;
    },
    text(t) {
      if (inT) {
        text += t;
        if (text.length > maxCellText * 2 + 64) throw unreadable.textTooLong(`${part}, #${strings.length}`, text.length, maxCellText);
      }
    },
  });
  if (inItem) finish();
}
