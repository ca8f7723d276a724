/** Loading the rulebook, refusing a broken one at its place, and looking things up in it. */
import type { z } from 'zod';
import { rulebookSchema, SCHEMA_VERSION } from './schema';
import { migrateRulebook, NewerFormat } from './migrate';
import type { ColumnDef, LevelDef, PositionDef, Rulebook, UnitDef } from './types';
import defaultJson from './dak-nong-2022-2025.json';
import { fold, foldCompact } from '../text/normalize';

export * from './types';
export { SCHEMA_VERSION } from './schema';
export { migrateRulebook } from './migrate';

/** One mistake of a rulebook, at its place: a dotted path in JSON, or a sheet and cell in a workbook. */
export interface RulebookProblem {
  /** "Đơn vị!C14" for a workbook, the dotted path for JSON. */
  at: string;
  sheet?: string;
  cell?: string;
  message: string;
  messageEn: string;
}

export class RulebookError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
    /** Dotted path of the first wrong place, e.g. "kinds.phong.quota.total". */
    readonly path: string,
    /** Every mistake found (a workbook's are all listed), when known. */
    readonly problems: RulebookProblem[] = [],
  ) {
    super(message);
    this.name = 'RulebookError';
  }
}

/** The words for one schema issue (the place is the caller's to add). */
export function describeIssue(issue: z.core.$ZodIssue): { vi: string; en: string } {
  const m = issue.message;
  if (issue.code === 'custom') {
    const [kind, arg] = m.split(':');
    switch (kind) {
      case 'unknown-level':
        return { vi: `cấp học "${arg}" không có trong danh sách "levels"`, en: `level "${arg}" is not in "levels"` };
      case 'unknown-column':
        return { vi: `cột "${arg}" không có trong danh sách "columns"`, en: `column "${arg}" is not in "columns"` };
      case 'missing-column':
        return { vi: `thiếu cột bắt buộc có khoá "${arg}"`, en: `the required column with key "${arg}" is missing` };
      case 'duplicate-id':
        return { vi: `mã "${arg}" bị trùng`, en: `id "${arg}" is duplicated` };
      case 'unknown-kind':
        return { vi: `loại đơn vị "${arg}" không có trong danh sách "kinds"`, en: `kind of unit "${arg}" is not in "kinds"` };
      case 'kind-id':
        return {
          vi: `mã loại đơn vị "${arg}" chỉ được gồm chữ không dấu, chữ số, "-" và "_"`,
          en: `the kind id "${arg}" may hold only unaccented letters, digits, "-" and "_"`,
        };
      case 'no-kinds':
        return { vi: 'cần ít nhất một loại đơn vị', en: 'at least one kind of unit is needed' };
      case 'period-order':
        return { vi: 'năm bắt đầu lớn hơn năm kết thúc', en: 'the start year is after the end year' };
      case 'range-order':
        return { vi: 'giá trị nhỏ nhất lớn hơn giá trị lớn nhất', en: 'min is greater than max' };
    }
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { vi: `thiếu giá trị (cần ${typeVi(issue.expected)})`, en: `missing (expected ${issue.expected})` }
        : { vi: `sai kiểu: cần ${typeVi(issue.expected)}`, en: `wrong type: expected ${issue.expected}` };
    case 'too_small':
      return { vi: `giá trị quá nhỏ (tối thiểu ${String(issue.minimum)})`, en: `too small (minimum ${String(issue.minimum)})` };
    case 'too_big':
      return { vi: `giá trị quá lớn (tối đa ${String(issue.maximum)})`, en: `too big (maximum ${String(issue.maximum)})` };
    case 'invalid_value':
      return {
        vi: `giá trị không hợp lệ (chỉ nhận: ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`,
        en: `invalid value (allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`,
      };
    default:
      return { vi: `không hợp lệ (${m})`, en: `invalid (${m})` };
  }
}

function typeVi(t: string): string {
  const map: Record<string, string> = {
    string: 'chuỗi văn bản',
    number: 'số',
    int: 'số nguyên',
    boolean: 'true/false',
    array: 'danh sách [...]',
    object: 'đối tượng {...}',
  };
  return map[t] ?? t;
}

/** The implementation reports' deadline of the plan (before 15/12), for a rulebook that predates `deadlines`. */
const REPORTS_DEADLINE = { day: 15, month: 12 };

/**
 * A rulebook written with the single `deadline` (before `deadlines`) is read with it as the nomination
 * lists' deadline, which is what it meant, and the plan's reports deadline. Anything else is left as it is.
 */
export function migrateDeadline(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const { deadline, ...rest } = data as Record<string, unknown>;
  if (deadline === undefined || 'deadlines' in rest) return data;
  return { ...rest, deadlines: { nominations: deadline, reports: REPORTS_DEADLINE } };
}

/** Validates parsed JSON as a rulebook; throws RulebookError naming the first wrong place. */
export function validateRulebook(data: unknown): Rulebook {
  const parsed = rulebookSchema.safeParse(migrateDeadline(migrated(data)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String).join('.') || '(gốc)';
    const d = describeIssue(issue);
    const more = parsed.error.issues.length > 1 ? ` (và ${parsed.error.issues.length - 1} lỗi khác)` : '';
    const moreEn = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
    throw new RulebookError(
      `Tệp quy tắc không hợp lệ tại "${path}": ${d.vi}${more}.`,
      `Invalid rulebook at "${path}": ${d.en}${moreEn}.`,
      path,
    );
  }
  return parsed.data;
}

/** The data brought to the current format; a newer format is refused with what to do. */
export function migrated(data: unknown): unknown {
  try {
    return migrateRulebook(data);
  } catch (e) {
    if (!(e instanceof NewerFormat)) throw e;
    throw new RulebookError(
      `Tệp quy tắc dùng định dạng phiên bản ${e.version}, mới hơn phiên bản chương trình này đọc được (${SCHEMA_VERSION}). Hãy cập nhật Điển hình.`,
      `The rulebook uses format version ${e.version}, newer than this program reads (${SCHEMA_VERSION}). Update Điển hình.`,
      'schemaVersion',
    );
  }
}

/** Parses and validates a rulebook file's text. */
export function loadRulebook(jsonText: string): Rulebook {
  let data: unknown;
  try {
    data = JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new RulebookError(
      `Tệp quy tắc không phải JSON hợp lệ: ${detail}. Hãy kiểm tra dấu phẩy, ngoặc và dấu nháy.`,
      `The rulebook is not valid JSON: ${detail}.`,
      '',
    );
  }
  return validateRulebook(data);
}

export const defaultRulebook: Rulebook = validateRulebook(defaultJson);

/** Precomputed lookups over a rulebook; build once per run. */
export interface RuleIndex {
  rulebook: Rulebook;
  levelByAlias: Map<string, LevelDef>;
  positionByAlias: Map<string, PositionDef>;
  /** Position names and aliases, folded with a space after, longer than three (in the rulebook's order). */
  positionLeads: { key: string; p: PositionDef }[];
  /** Unit aliases (folded), longest first, for searching inside longer texts. */
  unitAliases: { key: string; unit: UnitDef }[];
  columnByAlias: Map<string, ColumnDef>;
  /**
   * Column aliases of five letters or more, by their first letter, longest first (ties in the
   * order of columnByAlias): a header that starts with one of them ("Họ và tên nhà giáo…").
   */
  leadingColumnAliases: Map<string, { alias: string; col: ColumnDef }[]>;
  /** School-name patterns (folded, padded with spaces), longest first. */
  schoolPatterns: { key: string; level: LevelDef }[];
  noDiscipline: Set<string>;
}

const indexCache = new WeakMap<Rulebook, RuleIndex>();

export function ruleIndex(rulebook: Rulebook): RuleIndex {
  const cached = indexCache.get(rulebook);
  if (cached) return cached;
  const levelByAlias = new Map<string, LevelDef>();
  for (const l of rulebook.levels) {
    for (const a of [l.code, l.name, l.nameEn, ...l.aliases]) levelByAlias.set(foldCompact(a), l);
  }
  const positionByAlias = new Map<string, PositionDef>();
  const positionLeads: { key: string; p: PositionDef }[] = [];
  for (const p of rulebook.positions) {
    for (const a of [p.name, ...p.aliases]) {
      positionByAlias.set(foldCompact(a), p);
      const key = `${fold(a)} `;
      if (key.length > 3) positionLeads.push({ key, p });
    }
  }
  const unitAliases: { key: string; unit: UnitDef }[] = [];
  for (const u of rulebook.units) {
    for (const a of [u.name, ...u.aliases]) {
      const key = fold(a);
      if (key) unitAliases.push({ key, unit: u });
    }
  }
  unitAliases.sort((a, b) => b.key.length - a.key.length);
  const columnByAlias = new Map<string, ColumnDef>();
  for (const c of rulebook.columns) {
    for (const a of [c.label, c.labelEn, ...c.aliases]) columnByAlias.set(foldCompact(a), c);
  }
  const leadingColumnAliases = new Map<string, { alias: string; col: ColumnDef }[]>();
  for (const [alias, col] of columnByAlias) {
    if (alias.length < 5) continue;
    const list = leadingColumnAliases.get(alias[0]) ?? [];
    list.push({ alias, col });
    leadingColumnAliases.set(alias[0], list);
  }
  // A stable sort: equal lengths keep the map's order.
  for (const list of leadingColumnAliases.values()) list.sort((a, b) => b.alias.length - a.alias.length);
  const schoolPatterns: { key: string; level: LevelDef }[] = [];
  for (const l of rulebook.levels) {
    for (const p of l.schoolPatterns) schoolPatterns.push({ key: ` ${fold(p)} `, level: l });
  }
  schoolPatterns.sort((a, b) => b.key.length - a.key.length);
  const noDiscipline = new Set(rulebook.noDiscipline.map((s) => foldCompact(s)));
  noDiscipline.add('');
  const idx: RuleIndex = { rulebook, levelByAlias, positionByAlias, positionLeads, unitAliases, columnByAlias, leadingColumnAliases, schoolPatterns, noDiscipline };
  indexCache.set(rulebook, idx);
  return idx;
}

/** The unit named exactly (name, id or alias, ignoring accents and case), or null. */
export function findUnit(rulebook: Rulebook, text: string): UnitDef | null {
  const key = fold(text);
  if (!key) return null;
  for (const u of rulebook.units) {
    if (u.id === text.trim()) return u;
  }
  for (const { key: k, unit } of ruleIndex(rulebook).unitAliases) {
    if (k === key) return unit;
  }
  // "Phòng GD&ĐT huyện Cư Jút", "Phòng Giáo dục và Đào tạo Cư Jút": the place name inside a longer text.
  return findUnitIn(rulebook, text);
}

/** The unit whose name or alias occurs as whole words inside a longer text, or null. */
export function findUnitIn(rulebook: Rulebook, text: string): UnitDef | null {
  const hay = ` ${fold(text)} `;
  for (const { key, unit } of ruleIndex(rulebook).unitAliases) {
    if (hay.includes(` ${key} `)) return unit;
  }
  return null;
}

export function findLevel(rulebook: Rulebook, text: string): LevelDef | null {
  const memo = memoFor(rulebook).level;
  const known = memo.get(text);
  return known !== undefined ? known : remember(memo, text, ruleIndex(rulebook).levelByAlias.get(foldCompact(text)) ?? null);
}

/**
 * Answers already worked out, per rulebook: a list repeats the same titles and schools row after row
 * (bounded, so that a list of all-different texts cannot grow it without end).
 */
const MEMO_MAX = 10_000;
const memos = new WeakMap<Rulebook, { position: Map<string, PositionDef | null>; school: Map<string, LevelDef | null>; level: Map<string, LevelDef | null> }>();

function memoFor(rulebook: Rulebook) {
  let m = memos.get(rulebook);
  if (!m) memos.set(rulebook, (m = { position: new Map(), school: new Map(), level: new Map() }));
  return m;
}

function remember<T>(map: Map<string, T>, key: string, value: T): T {
  if (map.size >= MEMO_MAX) map.clear();
  map.set(key, value);
  return value;
}

/** The level implied by a school's name ("Trường Mầm non Hoa Sen" -> MN), or null. */
export function levelFromSchool(rulebook: Rulebook, school: string): LevelDef | null {
  const memo = memoFor(rulebook).school;
  const known = memo.get(school);
  return known !== undefined ? known : remember(memo, school, levelFromSchoolUncached(rulebook, school));
}

function levelFromSchoolUncached(rulebook: Rulebook, school: string): LevelDef | null {
  const hay = ` ${fold(school)} `;
  let found: LevelDef | null = null;
  for (const { key, level } of ruleIndex(rulebook).schoolPatterns) {
    if (!hay.includes(key)) continue;
    // A combined school ("TH&THCS", "THCS và THPT") names two levels: the name alone can't decide.
    if (found && found !== level) return null;
    found = level;
  }
  return found;
}

export function findPosition(rulebook: Rulebook, text: string): PositionDef | null {
  const memo = memoFor(rulebook).position;
  const known = memo.get(text);
  return known !== undefined ? known : remember(memo, text, findPositionUncached(rulebook, text));
}

function findPositionUncached(rulebook: Rulebook, text: string): PositionDef | null {
  const idx = ruleIndex(rulebook);
  const exact = idx.positionByAlias.get(foldCompact(text));
  if (exact) return exact;
  // "Giáo viên, Phó Hiệu trưởng" or "Hiệu trưởng Trường TH…": each part is read, and a manager title
  // anywhere wins, since it is what the managers quota counts.
  let found: PositionDef | null = null;
  for (const part of positionParts(text)) {
    const p = idx.positionByAlias.get(foldCompact(part)) ?? leadingPosition(idx, part);
    if (p && (!found || (p.manager && !found.manager))) found = p;
  }
  return found;
}

/**
 * The titles of a position text: split at "," ";" "/" "+" and "kiêm". The spaces around a separator
 * stay in the parts (folding drops them): eating them in the pattern too went over a run of spaces
 * once per space (quadratic).
 */
export function positionParts(text: string): string[] {
  return text.normalize('NFC').split(/[,;/+]|\bkiêm\b|\bkiem\b/i);
}

/** A known title at the start of the text ("Giáo viên Ngữ văn"), longest alias first. */
function leadingPosition(idx: RuleIndex, text: string): PositionDef | null {
  const hay = `${fold(text)} `;
  let lead: { len: number; p: PositionDef } | null = null;
  // Folded once in the index: a text of 20,000 titles folded every alias 20,000 times.
  for (const { key, p } of idx.positionLeads) {
    if (hay.startsWith(key) && (!lead || key.length > lead.len)) lead = { len: key.length, p };
  }
  return lead ? lead.p : null;
}
