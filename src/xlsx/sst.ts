/** The shared string table (xl/sharedStrings.xml): plain and rich-text items; phonetic runs ignored. */
import { unreadable } from './errors';
import { attrLocal, decodeOoxmlEscapes, walkXml } from './xml';

export interface SharedStrings {
  strings: string[];
  /** Sparse: the font of an item's first rich-text run, when the run names one (rFont). */
  fonts: (string | undefined)[];
}

export const NO_SHARED_STRINGS: SharedStrings = { strings: [], fonts: [] };

/** `maxItems`: every item is there to be used by a cell, so more items than the cell limit is refused. */
export function parseSharedStrings(xml: string, part: string, maxCellText: number, maxItems = Infinity): SharedStrings {
  const strings: string[] = [];
  const fonts: (string | undefined)[] = [];
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
  return { strings, fonts };
}
