/**
 * Reads the rulebook back from its workbook (./rulebook-book.ts, edited by a clerk): the sheets make
 * the rulebook's JSON, which the schema then judges. Every mistake is reported at its sheet and cell
 * ("Đơn vị!C14: loại đơn vị 'phong gd' không có trong sheet Loại đơn vị"), all of them at once, and a
 * workbook with any mistake gives no rulebook at all (never a half-applied one).
 */
import type { z } from 'zod';
import type { Grid, GridCell, WorkbookGrid } from '../sheet/grid';
import { a1 } from '../sheet/address';
import { fold } from '../text/normalize';
import { describeIssue, migrated, RulebookError, SCHEMA_VERSION, type RulebookProblem } from '../rules/index';
import { rulebookSchema } from '../rules/schema';
import type { Rulebook } from '../rules/types';
import { GENERAL_FIELDS, KEY_VALUE_HEAD, RULEBOOK_SHEETS, SHORTLIST_FIELDS, TABLES, setPath, type FieldDef, type TableDef } from './rulebook-sheets';

export type RulebookReadResult = { ok: true; rulebook: Rulebook } | { ok: false; problems: RulebookProblem[] };

type Raw = GridCell['v'] | undefined;

/** The sheet of that name (exact, else ignoring accents and case). */
function sheetNamed(wb: WorkbookGrid, name: string): Grid | undefined {
  return wb.sheets.find((s) => s.name === name) ?? wb.sheets.find((s) => fold(s.name) === fold(name));
}

/** Whether the workbook holds a rulebook (its `Chung` and `Đơn vị` sheets, and `Loại đơn vị`). */
export function isRulebookWorkbook(wb: WorkbookGrid): boolean {
  return [RULEBOOK_SHEETS.general, RULEBOOK_SHEETS.units, RULEBOOK_SHEETS.kinds].every((n) => sheetNamed(wb, n));
}

const cellText = (v: Raw): string => (v === null || v === undefined ? '' : String(v).normalize('NFC').trim());

class Reader {
  readonly problems: RulebookProblem[] = [];
  /** JSON path -> "Sheet!A1", for placing the schema's issues. */
  readonly where = new Map<string, { sheet: string; cell: string; raw?: string }>();
  /** Paths already reported by the reader (the schema's issue there would say the same again). */
  readonly reported = new Set<string>();

  problem(sheet: string, cell: string, vi: string, en: string, path?: string): void {
    this.problems.push({ at: `${sheet}!${cell}`, sheet, cell, message: `${sheet}!${cell}: ${vi}`, messageEn: `${sheet}!${cell}: ${en}` });
    if (path) this.reported.add(path);
  }

  /** The value of one cell by its field's codec; a value that cannot be read is a problem here. */
  decode(field: FieldDef, raw: Raw, sheet: string, cell: string, path: string): unknown {
    const text = cellText(raw);
    this.where.set(path, { sheet, cell, raw: text });
    switch (field.codec) {
      case 'text':
        return text;
      case 'opt':
        return text === '' ? undefined : text;
      case 'lines':
      case 'optLines': {
        if (text === '') return field.codec === 'lines' ? [] : undefined;
        return text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
      }
      case 'codes':
        return text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);
      case 'num':
      case 'numOrNone': {
        if (text === '') return field.codec === 'numOrNone' ? null : undefined;
        const n = typeof raw === 'number' ? raw : Number(text.replace(',', '.'));
        if (Number.isFinite(n)) return n;
        this.problem(sheet, cell, `cần một số, ô đang ghi '${text}'`, `a number is needed, the cell holds '${text}'`, path);
        return undefined;
      }
      case 'bool': {
        if (raw === true || raw === false) return raw;
        const k = fold(text);
        if (['co', 'x', 'true', 'yes', '1', 'c'].includes(k)) return true;
        if (['khong', 'false', 'no', '0', 'k', ''].includes(k)) return false;
        this.problem(sheet, cell, `cần 'Có' hoặc 'Không', ô đang ghi '${text}'`, `'Có' (yes) or 'Không' (no) is needed, the cell holds '${text}'`, path);
        return undefined;
      }
    }
  }

  /** A key-value sheet (`Chung`, `Đề nghị Bộ`): column A names the path, column C holds the value. */
  keyValue(wb: WorkbookGrid, name: string, fields: FieldDef[], out: Record<string, unknown>): void {
    const grid = sheetNamed(wb, name);
    if (!grid) {
      this.problem(name, 'A1', `thiếu sheet '${name}'`, `the sheet '${name}' is missing`);
      return;
    }
    const byPath = new Map<string, number>();
    grid.rows.forEach((row, r) => {
      const key = cellText(row?.[0]?.v);
      if (r > 0 && key && !byPath.has(key)) byPath.set(key, r);
    });
    for (const f of fields) {
      const r = byPath.get(f.path);
      if (r === undefined) {
        if (f.path === 'schemaVersion') continue;
        if (f.codec === 'opt' || f.codec === 'optLines') continue;
        this.problem(grid.name, 'A1', `thiếu dòng '${f.path}' (${f.label})`, `the row '${f.path}' is missing`, f.path);
        continue;
      }
      const value = this.decode(f, grid.rows[r]?.[2]?.v, grid.name, a1(r, 2), f.path);
      if (value !== undefined) setPath(out, f.path, value);
    }
  }

  /** A table sheet: row 1 the heads (found by their text), then one item a row; blank rows skipped. */
  table(wb: WorkbookGrid, table: TableDef, out: Record<string, unknown>): void {
    const grid = sheetNamed(wb, table.sheet);
    const target = table.target;
    out[target] = target === 'kinds' ? {} : [];
    if (target === 'columns') out.evidence = [];
    if (!grid) {
      this.problem(table.sheet, 'A1', `thiếu sheet '${table.sheet}'`, `the sheet '${table.sheet}' is missing`, target);
      return;
    }
    const heads = (grid.rows[0] ?? []).map((c) => fold(cellText(c?.v)));
    const cols = table.fields.map((f) => heads.indexOf(fold(f.label)));
    table.fields.forEach((f, i) => {
      if (cols[i] < 0) this.problem(grid.name, a1(0, i), `thiếu cột '${f.label}' ở dòng tiêu đề`, `the column '${f.label}' is missing from the head row`, target);
    });
    if (cols.some((c) => c < 0)) return;
    this.where.set(target, { sheet: grid.name, cell: 'A1' });
    let index = 0;
    const seenKeys = new Map<string, string>();
    for (let r = 1; r < grid.rows.length; r++) {
      const row: (GridCell | undefined)[] | undefined = grid.rows[r];
      if (!row || cols.every((c) => cellText(row[c]?.v) === '')) continue;
      const item: Record<string, unknown> = {};
      let base = `${target}.${index}`;
      if (target === 'kinds') {
        const keyCol = cols[table.fields.findIndex((f) => f.path === '$key')];
        const id = cellText(row[keyCol]?.v);
        const cell = a1(r, keyCol);
        if (!id) {
          this.problem(grid.name, cell, 'thiếu mã loại đơn vị', 'the kind id is missing');
          continue;
        }
        if (seenKeys.has(id)) {
          this.problem(grid.name, cell, `mã loại '${id}' bị trùng (đã có ở ${seenKeys.get(id)})`, `the kind id '${id}' is duplicated (see ${seenKeys.get(id)})`);
          continue;
        }
        seenKeys.set(id, cell);
        base = `kinds.${id}`;
      }
      this.where.set(base, { sheet: grid.name, cell: a1(r, cols[0]) });
      table.fields.forEach((f, i) => {
        if (f.path === '$key') return;
        const path = f.path === '$evidence' ? `${base}.$evidence` : `${base}.${f.path}`;
        const value = this.decode(f, row[cols[i]]?.v, grid.name, a1(r, cols[i]), path);
        if (f.path === '$evidence') {
          if (value === true) {
            const evidence = out.evidence as string[];
            this.where.set(`evidence.${evidence.length}`, { sheet: grid.name, cell: a1(r, cols[i]) });
            evidence.push(cellText(row[cols[table.fields.findIndex((x) => x.path === 'key')]]?.v));
          }
          return;
        }
        if (value !== undefined) setPath(item, f.path, value);
      });
      if (target === 'kinds') {
        const docs = item.documents as Record<string, unknown> | undefined;
        if (docs && Object.values(docs).every((v) => v === undefined)) delete item.documents;
        (out.kinds as Record<string, unknown>)[base.slice('kinds.'.length)] = item;
      } else {
        (out[target] as unknown[]).push(item);
      }
      index++;
    }
  }

  /** The place of a schema issue: the deepest path with a known cell. */
  locate(path: PropertyKey[]): { sheet: string; cell: string; raw?: string } {
    const parts = path.map(String);
    for (let n = parts.length; n > 0; n--) {
      const at = this.where.get(parts.slice(0, n).join('.'));
      if (at) return at;
    }
    return { sheet: RULEBOOK_SHEETS.general, cell: 'A1' };
  }
}

/** The words of a schema issue for a workbook: the sheets by name, the value found. */
function workbookWords(issue: z.core.$ZodIssue, raw: string | undefined): { vi: string; en: string } {
  if (issue.code === 'custom') {
    const [kind, arg] = issue.message.split(/:(.*)/s);
    switch (kind) {
      case 'unknown-kind':
        return { vi: `loại đơn vị '${arg}' không có trong sheet Loại đơn vị`, en: `kind of unit '${arg}' is not in the sheet Loại đơn vị` };
      case 'unknown-level':
        return { vi: `cấp học '${arg}' không có trong sheet Cấp học`, en: `level '${arg}' is not in the sheet Cấp học` };
      case 'unknown-column':
        return { vi: `cột '${arg}' không có trong sheet Cột`, en: `column '${arg}' is not in the sheet Cột` };
      case 'missing-column':
        return { vi: `thiếu cột có khoá '${arg}' trong sheet Cột (cột này bắt buộc phải có)`, en: `the sheet Cột lacks the column with key '${arg}' (it must be there)` };
      case 'duplicate-id':
        return { vi: `mã '${arg}' bị trùng`, en: `the id '${arg}' is duplicated` };
      case 'no-kinds':
        return { vi: 'sheet Loại đơn vị cần ít nhất một loại đơn vị', en: 'the sheet Loại đơn vị needs at least one kind' };
    }
  }
  const d = describeIssue(issue);
  if (issue.code === 'too_small' && issue.origin === 'string') return { vi: 'ô này không được để trống', en: 'this cell may not be blank' };
  if (issue.code === 'invalid_type' && issue.input === undefined) return { vi: 'ô này không được để trống', en: 'this cell may not be blank' };
  const shown = raw ? ` (ô đang ghi '${raw}')` : '';
  const shownEn = raw ? ` (the cell holds '${raw}')` : '';
  return { vi: `${d.vi}${shown}`, en: `${d.en}${shownEn}` };
}

/** The rulebook a workbook holds, or every mistake in it at its sheet and cell. */
export function rulebookFromWorkbook(wb: WorkbookGrid): RulebookReadResult {
  const reader = new Reader();
  const data: Record<string, unknown> = {};
  reader.keyValue(wb, RULEBOOK_SHEETS.general, GENERAL_FIELDS, data);
  if (data.schemaVersion === undefined) data.schemaVersion = SCHEMA_VERSION;
  for (const t of TABLES) reader.table(wb, t, data);
  reader.keyValue(wb, RULEBOOK_SHEETS.shortlist, SHORTLIST_FIELDS, data);
  let current: unknown;
  try {
    current = migrated(data);
  } catch (e) {
    if (!(e instanceof RulebookError)) throw e;
    const at = reader.where.get('schemaVersion') ?? { sheet: RULEBOOK_SHEETS.general, cell: 'A1' };
    reader.problem(at.sheet, at.cell, e.message, e.messageEn);
    return { ok: false, problems: reader.problems };
  }
  const parsed = rulebookSchema.safeParse(current);
  if (parsed.success && reader.problems.length === 0) return { ok: true, rulebook: parsed.data };
  if (!parsed.success) {
    // The schema checks references only once every type is right: look for the wrong ones here too,
    // so that the clerk sees every mistake at once.
    for (const issue of [...parsed.error.issues, ...referenceIssues(data)]) {
      const key = issue.path.map(String).join('.');
      if (reader.reported.has(key)) continue;
      const at = reader.locate(issue.path);
      const words = workbookWords(issue, at.raw);
      reader.problem(at.sheet, at.cell, words.vi, words.en);
    }
  }
  return { ok: false, problems: dedupe(reader.problems) };
}

/** Units of unknown kinds and levels not in `Cấp học`, found on the data as read (any types). */
function referenceIssues(data: Record<string, unknown>): z.core.$ZodIssue[] {
  const out: z.core.$ZodIssue[] = [];
  const issue = (path: (string | number)[], message: string) => out.push({ code: 'custom', path, message, input: undefined } as z.core.$ZodIssue);
  const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === 'object') : []);
  const kinds = data.kinds && typeof data.kinds === 'object' ? (data.kinds as Record<string, Record<string, unknown>>) : {};
  const codes = new Set(list(data.levels).map((l) => l.code));
  list(data.units).forEach((u, i) => {
    if (typeof u.kind === 'string' && u.kind && !Object.prototype.hasOwnProperty.call(kinds, u.kind)) issue(['units', i, 'kind'], `unknown-kind:${u.kind}`);
  });
  const levelsAt = (levels: unknown, path: (string | number)[]) => {
    if (Array.isArray(levels)) levels.forEach((c, i) => typeof c === 'string' && !codes.has(c) && issue([...path, i], `unknown-level:${c}`));
  };
  for (const [id, k] of Object.entries(kinds)) levelsAt((k.quota as Record<string, unknown> | undefined)?.levels, ['kinds', id, 'quota', 'levels']);
  levelsAt((data.shortlist as Record<string, unknown> | undefined)?.levels, ['shortlist', 'levels']);
  return out;
}

function dedupe(problems: RulebookProblem[]): RulebookProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.message) ? false : (seen.add(p.message), true)));
}

/** As rulebookFromWorkbook, throwing RulebookError with every problem listed (the command line). */
export function rulebookFromWorkbookOrThrow(wb: WorkbookGrid, fileName = ''): Rulebook {
  const r = rulebookFromWorkbook(wb);
  if (r.ok) return r.rulebook;
  const name = fileName ? ` "${fileName}"` : '';
  const list = (key: 'message' | 'messageEn') => r.problems.map((p) => `  ${p[key]}`).join('\n');
  throw new RulebookError(
    `Sổ quy tắc${name} có ${r.problems.length} lỗi, chưa dùng được (không áp dụng một phần nào):\n${list('message')}`,
    `The rulebook workbook${name} has ${r.problems.length} mistake(s) and is not used (no part of it is applied):\n${list('messageEn')}`,
    r.problems[0]?.at ?? '',
    r.problems,
  );
}

/** Heads of the key-value sheets, for callers that lay one out. */
export { KEY_VALUE_HEAD };
