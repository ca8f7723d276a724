/**
 * The Department's proposal to the Ministry (Quyết định 4996/QĐ-BGDĐT): the nominees the office
 * marked in the consolidated list, checked against the rulebook's `shortlist` (at most `total`
 * teachers, one per level of `levels`, at most `managers` managers, none whose row has errors).
 * The rows come already read (src/consolidate/shortlist.ts reads them from `Tổng hợp`); here are
 * only the rules, so any face (file, open workbook) checks the same way.
 */
import type { Finding } from './finding';
import { makeFinding } from './rules/context';
import { sortByPlace } from './order';
import { fold } from '../text/normalize';
import type { LevelDef, Rulebook } from '../rules/types';

/** One row of the consolidated list, as the shortlist rules need it. */
export interface ShortlistRow {
  /** Excel row (1-based). */
  row: number;
  name: string;
  /** The level as read (its cell, or the school's name), null when none can be read. */
  level: LevelDef | null;
  /** The level's text as written, for the message when it is not a known level. */
  levelText: string;
  levelCell: string;
  manager: boolean;
  positionCell: string;
  /** The row's check status as written ("Có lỗi", "Cảnh báo", "Hợp lệ"), and whether it means errors. */
  status: string;
  hasErrors: boolean;
  statusCell: string;
  /** The row's check notes (`Kết quả kiểm tra`), for the message. */
  notes: string;
  /** The mark as typed, and its cell. */
  mark: string;
  markCell: string;
}

export interface ShortlistSheet {
  file: string;
  sheet: string;
  /** The mark column's name and its header cell (where "nobody is marked" is reported). */
  column: string;
  headerCell: string;
  rows: ShortlistRow[];
}

/**
 * Marks that count as "proposed", compared without accents or case: x (the dropdown's), ×, ✓, ✔,
 * ☑, ☒, v, "có", "yes", 1, TRUE, "đề nghị". Blank, "không", 0, "-" count as not marked. Anything
 * else is neither: it is reported (FIELD_INVALID_VALUE) rather than guessed.
 */
const YES_SIGNS = new Set(['×', '✓', '✔', '☑', '☒']);
const NO_SIGNS = new Set(['-', '–', '—']);
const YES = new Set(['x', 'v', 'co', 'yes', 'y', '1', 'true', 'de nghi', 'dn']);
const NO = new Set(['khong', 'k', 'no', 'n', '0', 'false']);

/** `yes`: the row is proposed; `no`: it is not; `unknown`: a text that is neither. */
export function readMark(text: string): 'yes' | 'no' | 'unknown' {
  const raw = text.normalize('NFC').trim();
  if (raw === '' || NO_SIGNS.has(raw)) return 'no';
  if (YES_SIGNS.has(raw)) return 'yes';
  const key = fold(raw);
  if (YES.has(key)) return 'yes';
  if (NO.has(key)) return 'no';
  return 'unknown';
}

/** The rows marked as proposed, in the list's order. */
export function markedRows(list: ShortlistSheet): ShortlistRow[] {
  return list.rows.filter((r) => readMark(r.mark) === 'yes');
}

/** The findings of a proposal, in the order of their places. */
export function checkShortlist(list: ShortlistSheet, rulebook: Rulebook): Finding[] {
  const { shortlist } = rulebook;
  const out: Finding[] = [];
  const at = (cell: string | null, value?: string) => ({ file: list.file, sheet: list.sheet, cell, value });
  const levelsOf = (codes: string[]) => {
    const defs = codes.map((c) => rulebook.levels.find((l) => l.code === c)).filter((l): l is LevelDef => !!l);
    return { levels: defs.map((l) => l.name).join(', '), levelsEn: defs.map((l) => `${l.name} (${l.nameEn})`).join(', ') };
  };
  const allowed = levelsOf(shortlist.levels);

  for (const r of list.rows) {
    if (readMark(r.mark) === 'unknown') {
      out.push(makeFinding('FIELD_INVALID_VALUE', at(r.markCell, r.mark), { value: r.mark, column: list.column, columnEn: list.column, allowed: 'x (hoặc để trống)', allowedEn: 'x (or blank)' }));
    }
  }
  const marked = markedRows(list);
  if (marked.length === 0) {
    out.push(makeFinding('SHORTLIST_EMPTY', at(list.headerCell), { column: list.column, max: shortlist.total }));
    sortByPlace(out, new Map());
    return out;
  }

  // Over the quota: every marked row after the first `total`.
  if (marked.length > shortlist.total) {
    const p = { count: marked.length, max: shortlist.total };
    for (const r of marked.slice(shortlist.total)) out.push(makeFinding('SHORTLIST_TOTAL_EXCEEDED', at(r.markCell), p));
  }

  // Levels: one per level of the shortlist; a level outside it (or none) is refused.
  const byLevel = new Map<string, ShortlistRow[]>();
  for (const r of marked) {
    if (!r.level || !shortlist.levels.includes(r.level.code)) {
      const p = r.level ? { level: r.level.name, levelEn: `${r.level.name} (${r.level.nameEn})`, ...allowed } : r.levelText ? { text: r.levelText, ...allowed } : allowed;
      out.push(makeFinding('SHORTLIST_LEVEL_NOT_ALLOWED', at(r.levelCell, r.levelText || undefined), p));
      continue;
    }
    const list = byLevel.get(r.level.code) ?? [];
    list.push(r);
    byLevel.set(r.level.code, list);
  }
  for (const [code, rows] of byLevel) {
    if (rows.length <= 1) continue;
    const level = rulebook.levels.find((l) => l.code === code) as LevelDef;
    const p = { level: level.name, levelEn: `${level.name} (${level.nameEn})`, count: rows.length, rows: rows.map((r) => r.row).join(', '), max: 1 };
    for (const r of rows.slice(1)) out.push(makeFinding('SHORTLIST_LEVEL_DUPLICATE', at(r.levelCell, r.levelText || undefined), p));
  }

  const managers = marked.filter((r) => r.manager);
  if (managers.length > shortlist.managers) {
    const p = { count: managers.length, rows: managers.map((r) => r.row).join(', '), max: shortlist.managers };
    for (const r of managers.slice(shortlist.managers)) out.push(makeFinding('SHORTLIST_MANAGER_EXCEEDED', at(r.positionCell), p));
  }

  for (const r of marked) {
    if (!r.hasErrors) continue;
    const notes = r.notes.length > 160 ? `${r.notes.slice(0, 157)}…` : r.notes;
    out.push(makeFinding('SHORTLIST_NOMINEE_HAS_ERRORS', at(r.statusCell, r.status), { name: r.name, status: r.status, notes: notes.replace(/\s*\n\s*/g, '; ') }));
  }

  for (const code of shortlist.levels) {
    if (byLevel.has(code)) continue;
    const level = rulebook.levels.find((l) => l.code === code);
    if (level) out.push(makeFinding('SHORTLIST_LEVEL_MISSING', at(null), { level: level.name, levelEn: `${level.name} (${level.nameEn})`, ...allowed }));
  }
  sortByPlace(out, new Map());
  return out;
}
