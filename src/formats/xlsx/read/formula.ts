/** Shared formulas: a dependent cell's formula is the master's, with relative references moved. */
import { columnIndex, columnLetters } from '../../../sheet/address';

const MAX_ROW = 1048576;
const MAX_COL = 16384;

// A1 cell, column range (A:C) or row range (1:3), not part of a longer name, not a function call,
// not a sheet name (followed by `!`) and not a table name (followed by `[`). The character before is
// captured rather than looked behind at: older Safari (Excel for Mac) has no lookbehind.
const REF_RE =
  /(^|[^A-Za-z0-9_.$])(?:(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})|(\$?)([0-9]{1,7}):(\$?)([0-9]{1,7}))(?![A-Za-z0-9_.(![])/g;

function moveCol(abs: string, letters: string, dc: number): string | null {
  if (abs || dc === 0) return abs + letters.toUpperCase();
  const c = columnIndex(letters) + dc;
  return c < 0 || c >= MAX_COL ? null : columnLetters(c);
}

function moveRow(abs: string, digits: string, dr: number): string | null {
  if (abs || dr === 0) return abs + digits;
  const r = Number(digits) + dr;
  return r < 1 || r > MAX_ROW ? null : String(r);
}

function shiftRefs(segment: string, dr: number, dc: number): string {
  return segment.replace(REF_RE, (whole: string, before: string, ...g: (string | undefined)[]) => {
    const m = whole.slice(before.length);
    return before + shiftOne(m, g, dr, dc);
  });
}

function shiftOne(m: string, g: (string | undefined)[], dr: number, dc: number): string {
  if (g[1] !== undefined) {
    if (columnIndex(g[1]) >= MAX_COL || Number(g[3]) > MAX_ROW || Number(g[3]) < 1) return m; // a name, not a cell
    const c = moveCol(g[0] as string, g[1], dc);
    const r = moveRow(g[2] as string, g[3] as string, dr);
    return c === null || r === null ? '#REF!' : c + r;
  }
  if (g[5] !== undefined) {
    if (columnIndex(g[5]) >= MAX_COL || columnIndex(g[7] as string) >= MAX_COL) return m;
    const a = moveCol(g[4] as string, g[5], dc);
    const b = moveCol(g[6] as string, g[7] as string, dc);
    return a === null || b === null ? '#REF!' : `${a}:${b}`;
  }
  const a = moveRow(g[8] as string, g[9] as string, dr);
  const b = moveRow(g[10] as string, g[11] as string, dr);
  return a === null || b === null ? '#REF!' : `${a}:${b}`;
}

/**
 * The formula `f` moved by `dr` rows and `dc` columns, as Excel does when it fills a shared formula:
 * references without `$` move; text in "quotes", 'sheet names' and [table/column] brackets does not.
 */
export function shiftFormula(f: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return f;
  let out = '';
  let start = 0;
  let i = 0;
  const n = f.length;
  while (i < n) {
    const c = f[i];
    if (c === '"' || c === "'" || c === '[') {
      out += shiftRefs(f.slice(start, i), dr, dc);
      let j = i + 1;
      if (c === '[') {
        let depth = 1;
        while (j < n && depth > 0) {
          if (f[j] === '[') depth++;
          else if (f[j] === ']') depth--;
          j++;
        }
      } else {
        // A doubled quote inside is an escaped quote.
        while (j < n) {
          if (f[j] === c) {
            if (f[j + 1] === c) j += 2;
            else {
              j++;
              break;
            }
          } else j++;
        }
      }
      out += f.slice(i, j);
      start = i = j;
      continue;
    }
    i++;
  }
  return out + shiftRefs(f.slice(start), dr, dc);
}
