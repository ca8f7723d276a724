/**
 * A1 addresses, the one module for them: column letters, cell and block addresses, and the forms
 * Excel writes in Range.address and RangeAreas.address (sheet names quoted, "$" anchors).
 */
import type { MergeRange } from './grid';

/** Column index (0-based) to letters: 0 -> A, 27 -> AB. */
export function columnLetters(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row and column to an A1 address. */
export function a1(row: number, col: number): string {
  return columnLetters(col) + String(row + 1);
}

/** Letters to a 0-based column index: A -> 0. Returns -1 for anything else. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) return -1;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** 0-based, inclusive. */
export type Box = MergeRange;

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** "B12" or "$B$12" -> { row: 11, col: 1 }; null when not a cell address. */
export function parseCell(address: string): { row: number; col: number } | null {
  const m = CELL.exec(address.trim());
  if (!m) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]) - 1;
  if (col < 0 || row < 0) return null;
  return { row, col };
}

/** "A1:C5", "B2" or "Sheet1!A1:C5" -> box; null when not a cell or block address. */
export function parseBox(address: string): Box | null {
  const bang = address.lastIndexOf('!');
  const local = bang >= 0 ? address.slice(bang + 1) : address;
  const [p, q] = local.split(':');
  const a = parseCell(p);
  const b = q === undefined ? a : parseCell(q);
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** Box -> "A1:C5" ("A1" for one cell). */
export function boxAddress(b: Box): string {
  const p = a1(b.top, b.left);
  return b.top === b.bottom && b.left === b.right ? p : `${p}:${a1(b.bottom, b.right)}`;
}

/** Sheet name as Excel wants it before "!": quoted, with quotes doubled. */
export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** "'Danh sách'!B12". */
export function fullAddress(sheet: string, address: string): string {
  return `${quoteSheet(sheet)}!${address}`;
}

/** Canonical form of a finding's cell: "$b$12" -> "B12". */
export function normalizeAddress(address: string): string {
  return address.replace(/\$/g, '').toUpperCase().trim();
}

/**
 * RangeAreas.address ("Sheet1!A1:B2, 'My, sheet'!C3:D4") -> boxes. Sheet names may be quoted and
 * contain commas, so this scans instead of splitting.
 */
export function parseAreas(address: string): Box[] {
  const out: Box[] = [];
  const re = /(?:'(?:[^']|'')*'|[^'!,\s][^!,]*)?!?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)/g;
  for (const m of address.matchAll(re)) {
    const b = parseBox(m[1]);
    if (b) out.push(b);
  }
  return out;
}
