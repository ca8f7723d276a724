/**
 * `shortlist`: the consolidated workbook read back (its `Tổng hợp`, found by its header labels, not
 * by fixed positions alone), the rows the office marked in `Đề nghị Bộ` checked by the shortlist
 * rules (src/check/shortlist.ts), in the shape of a check's result (the same JSON report, the same
 * exit codes). A workbook that is not a consolidated workbook of this tool is FILE_UNREADABLE, with
 * what is missing and what to do.
 */
import type { CheckResult, UnreadableInfo } from '../check/result';
import type { Finding } from '../check/finding';
import { checkShortlist, readMark, type ShortlistRow, type ShortlistSheet } from '../check/shortlist';
import { unreadableSubmission } from '../check/rules/submission';
import { LIST_EXTRA_COLUMNS } from './list-sheet';
import { PROPOSAL_COLUMN, SHEET_LIST, STATUS } from './common';
import { a1 } from '../sheet/address';
import { readCell } from '../sheet/cells';
import type { Grid, GridCell, WorkbookGrid } from '../sheet/grid';
import { emptySubmission, fieldSet, type Nomination, type Submission } from '../sheet/submission';
import { findLevel, findPosition, levelFromSchool } from '../rules/index';
import type { LevelDef, Rulebook } from '../rules/types';
import { fold, foldCompact, nfc } from '../text/normalize';

/** The extra columns of `Tổng hợp` the proposal reads, by label. */
const UNIT_COLUMN = LIST_EXTRA_COLUMNS[0].label;
const STATUS_COLUMN = LIST_EXTRA_COLUMNS[4].label;
const NOTES_COLUMN = LIST_EXTRA_COLUMNS[5].label;

/** A proposed (marked) nominee: the list's values by rulebook column key, and the nominating unit. */
export interface ProposedNominee {
  row: number;
  values: Record<string, string>;
  unit: string;
  level: LevelDef | null;
  manager: boolean;
}

export interface ShortlistOutcome {
  /** What `check` reports: one "submission" (the consolidated list), the findings, the summary. */
  result: CheckResult;
  /** The marked nominees, in the list's order (empty when the workbook could not be read). */
  proposed: ProposedNominee[];
  /** True when the list was read (the proposal workbook can be written, errors or not). */
  read: boolean;
  /** How many nominees the list holds (the proposal is chosen among them). */
  listed: number;
}

function text(cell: GridCell | undefined, date1904: boolean | undefined): string {
  if (!cell) return '';
  if (typeof cell.v === 'string') return nfc(cell.v).trim();
  return readCell(cell, date1904 ?? false).text.trim();
}

/** How far down a header row is looked for (the list's is row 3; a clerk may insert a few rows). */
const HEADER_SEARCH_ROWS = 30;

interface Located {
  grid: Grid;
  headerRow: number;
  /** Header label (foldCompact) -> 0-based column. */
  columns: Map<string, number>;
}

/** The header row of a sheet whose labels include every one of `need` (folded), or null. */
function findHeader(grid: Grid, need: string[], date1904: boolean | undefined): Located | null {
  const rows = Math.min(grid.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < rows; r++) {
    const cells = grid.rows[r] ?? [];
    const columns = new Map<string, number>();
    cells.forEach((c, i) => {
      const t = foldCompact(text(c, date1904));
      if (t && !columns.has(t)) columns.set(t, i);
    });
    if (need.every((n) => columns.has(n))) return { grid, headerRow: r, columns };
  }
  return null;
}

function notConsolidated(vi: string, en: string): UnreadableInfo {
  return {
    code: 'not-consolidated',
    message: `${vi} Hãy mở bảng tổng hợp do lệnh merge (hoặc nút "Tạo bảng tổng hợp") tạo ra, đánh dấu x ở cột "${PROPOSAL_COLUMN}" của trang "${SHEET_LIST}", rồi chạy lại.`,
    messageEn: `${en} Open the consolidated workbook that merge (or "Create the consolidated workbook") wrote, mark x in the "${PROPOSAL_COLUMN}" column of "${SHEET_LIST}", and run again.`,
  };
}

/**
 * `Tổng hợp` read back: the sheet of that name, else the first sheet with its header; the columns by
 * their labels. Throws nothing: a workbook that is not a consolidated list is an UnreadableInfo.
 */
export function readConsolidatedList(
  wb: WorkbookGrid,
  rulebook: Rulebook,
  file: string,
): { ok: true; list: ShortlistSheet; proposed: ProposedNominee[] } | { ok: false; info: UnreadableInfo } {
  const label = (key: string) => rulebook.columns.find((c) => c.key === key)?.label ?? key;
  const core = [label('hoTen'), label('chucVu'), label('capHoc'), STATUS_COLUMN].map(foldCompact);
  const mark = foldCompact(PROPOSAL_COLUMN);
  const named = wb.sheets.find((s) => fold(s.name) === fold(SHEET_LIST));
  const candidates = named ? [named, ...wb.sheets.filter((s) => s !== named)] : wb.sheets;
  let found: Located | null = null;
  for (const s of candidates) {
    found = findHeader(s, [...core, mark], wb.date1904);
    if (found) break;
  }
  if (!found) {
    // Say what is missing: the sheet, the mark column (a list from before the column), or its columns.
    if (named && findHeader(named, core, wb.date1904)) {
      return {
        ok: false,
        info: notConsolidated(
          `Trang tính "${named.name}" không có cột "${PROPOSAL_COLUMN}" (bảng tổng hợp tạo bằng phiên bản cũ?): hãy tổng hợp lại, hoặc thêm cột "${PROPOSAL_COLUMN}" vào dòng tiêu đề.`,
          `Sheet "${named.name}" has no "${PROPOSAL_COLUMN}" column (a consolidated workbook from an older version?): merge again, or add the column to the header row.`,
        ),
      };
    }
    return {
      ok: false,
      info: notConsolidated(
        named
          ? `Trang tính "${named.name}" không có dòng tiêu đề của danh sách tổng hợp (cần các cột ${[label('hoTen'), label('chucVu'), label('capHoc'), STATUS_COLUMN, PROPOSAL_COLUMN].map((x) => `"${x}"`).join(', ')}).`
          : `Tệp không phải bảng tổng hợp của Điển hình: không có trang tính "${SHEET_LIST}".`,
        named
          ? `Sheet "${named.name}" has no header row of the consolidated list.`
          : `The file is not a consolidated workbook of this tool: it has no "${SHEET_LIST}" sheet.`,
      ),
    };
  }

  const { grid, headerRow, columns } = found;
  const colOf = (name: string) => columns.get(foldCompact(name)) ?? -1;
  const keyCols = rulebook.columns.map((c) => ({ key: c.key, col: colOf(c.label) }));
  const cName = colOf(label('hoTen'));
  const cLevel = colOf(label('capHoc'));
  const cPosition = colOf(label('chucVu'));
  const cSchool = colOf(label('donVi'));
  const cUnit = colOf(UNIT_COLUMN);
  const cStatus = colOf(STATUS_COLUMN);
  const cNotes = colOf(NOTES_COLUMN);
  const cMark = colOf(PROPOSAL_COLUMN);
  const errorStatus = fold(STATUS.error);

  const rows: ShortlistRow[] = [];
  const proposed: ProposedNominee[] = [];
  for (let r = headerRow + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r];
    if (!cells) continue;
    const at = (c: number) => (c < 0 ? '' : text(cells[c], wb.date1904));
    const name = at(cName);
    const markText = at(cMark);
    // A row with neither a name nor a mark is no nominee (a blank or a note under the list).
    if (!name && !markText) continue;
    const levelText = at(cLevel);
    const level = (levelText ? findLevel(rulebook, levelText) : null) ?? (levelText ? null : levelFromSchool(rulebook, at(cSchool)));
    const manager = findPosition(rulebook, at(cPosition))?.manager ?? false;
    const status = at(cStatus);
    const row = r + 1;
    const sr: ShortlistRow = {
      row,
      name,
      level,
      levelText,
      levelCell: a1(r, cLevel >= 0 ? cLevel : cSchool),
      manager,
      positionCell: a1(r, cPosition),
      status,
      hasErrors: fold(status) === errorStatus,
      statusCell: a1(r, cStatus),
      notes: at(cNotes),
      mark: markText,
      markCell: a1(r, cMark),
    };
    rows.push(sr);
    if (readMark(markText) === 'yes') {
      const values: Record<string, string> = {};
      for (const { key, col } of keyCols) values[key] = at(col);
      proposed.push({ row, values, unit: at(cUnit), level, manager });
    }
  }
  const list: ShortlistSheet = { file, sheet: grid.name, column: PROPOSAL_COLUMN, headerCell: a1(headerRow, cMark), rows };
  return { ok: true, list, proposed };
}

/** The consolidated list as the report's one "submission": its marked nominees are its nominees. */
function listSubmission(file: string, list: ShortlistSheet, proposed: ProposedNominee[], headerRow: number): Submission {
  const sub = emptySubmission(file, 'ok');
  sub.sheet = list.sheet;
  sub.headerRow = headerRow;
  const keys = ['hoTen', 'chucVu', 'capHoc'];
  const fields = fieldSet(keys, {});
  sub.nominations = proposed.map(
    (p): Nomination => ({
      row: p.row,
      fields,
      raw: keys.map((k) => p.values[k] || undefined),
      text: keys.map((k) => p.values[k] ?? ''),
      name: p.values.hoTen ?? '',
      birth: null,
      gender: null,
      position: p.values.chucVu ?? '',
      positionName: null,
      manager: p.manager,
      workplace: p.values.donVi ?? '',
      level: p.level?.code ?? null,
      levelDerived: !p.values.capHoc,
    }),
  );
  return sub;
}

function summarise(submissions: Submission[], findings: Finding[]): CheckResult {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const infos = findings.filter((f) => f.severity === 'info').length;
  for (const s of submissions) if (s.status !== 'unreadable') s.status = errors > 0 ? 'invalid' : 'ok';
  const nominees = submissions.reduce((n, s) => n + s.nominations.length, 0);
  return { submissions, findings, summary: { submissions: submissions.length, nominees, errors, warnings, infos } };
}

/** Reads the consolidated workbook's marks and checks them; `wb` is the workbook, or why it could not be read. */
export function runShortlist(file: string, wb: WorkbookGrid | { unreadable: UnreadableInfo }, rulebook: Rulebook): ShortlistOutcome {
  const failed = (info: UnreadableInfo): ShortlistOutcome => {
    const { sub, finding } = unreadableSubmission(file, info);
    return { result: summarise([sub], [finding]), proposed: [], read: false, listed: 0 };
  };
  if ('unreadable' in wb) return failed(wb.unreadable);
  const got = readConsolidatedList(wb, rulebook, file);
  if (!got.ok) return failed(got.info);
  const findings = checkShortlist(got.list, rulebook);
  const headerRow = Number(/\d+$/.exec(got.list.headerCell)?.[0] ?? 0);
  const listed = got.list.rows.filter((r) => r.name).length;
  return { result: summarise([listSubmission(file, got.list, got.proposed, headerRow)], findings), proposed: got.proposed, read: true, listed };
}
