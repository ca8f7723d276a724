/** What the reader needs from xl/styles.xml: which cell formats show dates, and each format's font. */
import { attrLocal, walkXml } from './xml';
import { builtInIsDate, isDateFormatCode } from '../../../sheet/number-format';

export interface CellStyles {
  /** Per cellXfs index: 1 when its number format is a date/time format. */
  date: Uint8Array;
  /** Per cellXfs index: the font name, when known. */
  font: (string | undefined)[];
}

export const NO_STYLES: CellStyles = { date: new Uint8Array(0), font: [] };


export function isDateFormat(id: number, customCode: string | undefined): boolean {
  if (customCode !== undefined) return isDateFormatCode(customCode);
  return builtInIsDate(id);
}

/** Excel allows 64,000 cell formats; past this many, a styles part is junk and the rest is ignored. */
const MAX_STYLE_RECORDS = 200_000;

export function parseStyles(xml: string, part: string): CellStyles {
  const codes = new Map<number, string>();
  const fonts: (string | undefined)[] = [];
  const xfs: { numFmtId: number; fontId: number }[] = [];
  // Only <fonts>/<font> and <cellXfs>/<xf> count: dxfs and cellStyleXfs have elements of the same names.
  let inFonts = false;
  let inCellXfs = false;
  let fontDepth = 0;
  let currentFont: string | undefined;
  walkXml(xml, part, {
    open(name, attrs, selfClosing) {
      switch (name) {
        case 'numFmt': {
          const id = Number(attrLocal(attrs, 'numFmtId'));
          const code = attrLocal(attrs, 'formatCode');
          if (Number.isInteger(id) && code !== undefined && codes.size < MAX_STYLE_RECORDS) codes.set(id, code);
          break;
        }
        case 'fonts':
          if (!selfClosing) inFonts = true;
          break;
        case 'font':
          if (inFonts && fonts.length < MAX_STYLE_RECORDS) {
            currentFont = undefined;
            if (selfClosing) fonts.push(undefined);
            else fontDepth = 1;
          }
          break;
        case 'name':
          if (fontDepth > 0) currentFont = attrLocal(attrs, 'val');
          break;
        case 'cellXfs':
          if (!selfClosing) inCellXfs = true;
          break;
        case 'xf':
          if (inCellXfs && xfs.length < MAX_STYLE_RECORDS) {
            const numFmtId = Number(attrLocal(attrs, 'numFmtId') ?? 0);
            const fontId = Number(attrLocal(attrs, 'fontId') ?? 0);
            xfs.push({ numFmtId: Number.isInteger(numFmtId) ? numFmtId : 0, fontId: Number.isInteger(fontId) ? fontId : 0 });
          }
          break;
      }
    },
    close(name) {
      if (name === 'fonts') inFonts = false;
      else if (name === 'cellXfs') inCellXfs = false;
      else if (name === 'font' && fontDepth > 0) {
        fonts.push(currentFont);
        fontDepth = 0;
      }
    },
  });
  const date = new Uint8Array(xfs.length);
  const font: (string | undefined)[] = new Array(xfs.length);
  for (let k = 0; k < xfs.length; k++) {
    const { numFmtId, fontId } = xfs[k];
    date[k] = isDateFormat(numFmtId, codes.get(numFmtId)) ? 1 : 0;
    font[k] = fonts[fontId];
  }
  return { date, font };
}
