/**
 * An OpenFormula (`of:=SUM([.A1:.B2];1)`) as the text Excel shows for it (`SUM(A1:B2,1)`), without
 * the leading '=': what GridCell.f holds for an .xlsx. For people to read, never to run: references
 * lose their brackets and dots, a sheet becomes `Sheet!`, ';' between arguments becomes ','.
 * One pass over the text.
 */

/** A reference's sheet part as Excel writes it: quoted when it is not a plain word. */
function sheetName(raw: string): string {
  let s = raw.startsWith('$') ? raw.slice(1) : raw;
  if (s.length >= 2 && s[0] === "'" && s[s.length - 1] === "'") s = s.slice(1, -1).replace(/''/g, "'");
  return /^[A-Za-z_\u00C0-\uFFFF][\w.\u00C0-\uFFFF]*$/.test(s) && !/^[A-Za-z]{1,3}\d+$/.test(s) ? s : `'${s.replace(/'/g, "''")}'`;
}

/** One side of a reference, "$Sheet1.$A$1" or ".A1": its sheet (or null) and its cell. */
function splitRef(part: string): { sheet: string | null; cell: string } {
  // The cell follows the last '.' outside quotes.
  let quote = false;
  let dot = -1;
  for (let i = 0; i < part.length; i++) {
    const c = part[i];
    if (c === "'") quote = !quote;
    else if (c === '.' && !quote) dot = i;
  }
  if (dot < 0) return { sheet: null, cell: part };
  const sheet = part.slice(0, dot);
  return { sheet: sheet === '' ? null : sheetName(sheet), cell: part.slice(dot + 1) };
}

/** "[.A1:.B2]" (without the brackets) -> "A1:B2"; "[$Sheet2.A1]" -> "Sheet2!A1". */
function reference(inner: string): string {
  // Split at ':' outside quotes.
  const parts: string[] = [];
  let quote = false;
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === "'") quote = !quote;
    else if (c === ':' && !quote) {
      parts.push(inner.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(inner.slice(from));
  let sheet: string | null = null;
  const cells: string[] = [];
  parts.forEach((p, k) => {
    const r = splitRef(p.trim());
    if (k === 0) sheet = r.sheet;
    else if (r.sheet !== null && r.sheet !== sheet) {
      cells.push(`${r.sheet}!${r.cell}`);
      return;
    }
    cells.push(r.cell);
  });
  const text = cells.join(':');
  return sheet !== null ? `${sheet}!${text}` : text;
}

export function odsFormula(raw: string): string {
  let s = raw.trim();
  // The namespace prefix (of:, oooc:, msoxl:…) and the '='.
  const m = /^[A-Za-z][\w-]*:(?==)/.exec(s);
  if (m) s = s.slice(m[0].length);
  if (s.startsWith('=')) s = s.slice(1);
  let out = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i];
    if (c === '"') {
      // A string: as written ("" inside is a quote).
      let j = i + 1;
      while (j < n) {
        if (s[j] === '"') {
          if (s[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += s.slice(i, Math.min(n, j + 1));
      i = j + 1;
    } else if (c === '[') {
      // A reference: up to the ']' outside quotes.
      let j = i + 1;
      let quote = false;
      while (j < n && (quote || s[j] !== ']')) {
        if (s[j] === "'") quote = !quote;
        j++;
      }
      out += reference(s.slice(i + 1, j));
      i = j + 1;
    } else if (c === ';') {
      out += ',';
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
