/** Excel number formats: which ones show a date (what both adapters, .xlsx and Office.js, need to know of a cell). */

/**
 * Built-in number formats that show dates or times: 14–22 and 45–47 everywhere; 27–36 and 50–58
 * are the East Asian locales' built-in date formats.
 */
export function builtInIsDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

/**
 * A custom format shows a date or time when it has d, m, y, h or s outside quoted text, escapes,
 * `_x`/`*x` spacing and [colour]/[condition] brackets. Elapsed-time brackets ([h], [mm], [ss]) count.
 */
export function isDateFormatCode(code: string): boolean {
  if (!code || /^general$/i.test(code.trim())) return false;
  let i = 0;
  const n = code.length;
  while (i < n) {
    const c = code[i];
    if (c === '"') {
      const e = code.indexOf('"', i + 1);
      i = e < 0 ? n : e + 1;
      continue;
    }
    if (c === '\\' || c === '_' || c === '*') {
      i += 2;
      continue;
    }
    if (c === '[') {
      const e = code.indexOf(']', i + 1);
      const inner = code.slice(i + 1, e < 0 ? n : e);
      if (/^(h+|m+|s+)$/i.test(inner)) return true;
      i = e < 0 ? n : e + 1;
      continue;
    }
    if ('dmyhsDMYHS'.includes(c)) return true;
    i++;
  }
  return false;
}
