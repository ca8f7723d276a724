/**
 * The consolidated workbook's list, sheet `Tổng hợp`: the template's columns for every nominee read
 * (by unit in registry order, then level), then the nominee's unit, source file, sheet and row, its
 * status and the findings of its row.
 */
import { newSheet, SheetWriter, type BookCell, type BookSheet } from '../book/model';
import { estimateLines, lineHeight } from '../book/text-width';
import { LIST_HEADER_ROW, PROPOSAL_COLUMN, PROPOSAL_MARK, SEVERITY_LABEL, SHEET_LIST, STATUS, sizedBy, unitLabel } from './common';
import { NO_ROWS, type FindingIndex } from './finding-index';
import { statusStyle, textStyle } from './styles';
import type { CheckResult } from '../check/result';
import { SEVERITY_ORDER, type Finding, type Severity } from '../check/finding';
import { sortBySeverity } from '../check/order';
import type { FieldSet, FieldValue, Nomination, Submission } from '../sheet/submission';
import type { Rulebook } from '../rules/types';
import { baseName } from '../text/file-name';

/** Columns added after the template's columns on `Tổng hợp`. */
export const LIST_EXTRA_COLUMNS = [
  { label: 'Đơn vị đề cử', width: 22 },
  { label: 'Tệp nguồn', width: 20 },
  { label: 'Trang tính nguồn', width: 11 },
  { label: 'Dòng nguồn', width: 7 },
  { label: 'Trạng thái', width: 10 },
  { label: 'Kết quả kiểm tra', width: 38 },
  // Empty: the office marks its choice for the Ministry here (a dropdown: x), then runs `shortlist`.
  { label: PROPOSAL_COLUMN, width: 9 },
] as const;

/** The list is wide: its columns are a little narrower than the template's, text wraps. */
function listWidth(width: number, type: string): number {
  return Math.max(type === 'date' ? 11 : 5, Math.round(width * 0.8 * 2) / 2);
}

/**
 * What the consolidated list shows for a value: the readable text (the cached value of a formula), or,
 * for a formula without a value, the formula's own text. Always plain text, never run.
 */
export function fieldText(fv: FieldValue | undefined): string {
  return fv ? shownText(fv.text, fv.formula) : '';
}

/** fieldText of the value at field position `p` of a nomination (-1: the table has no such column). */
function textAt(nom: Nomination, p: number): string {
  return p < 0 ? '' : shownText(nom.text[p], nom.formula?.[p]);
}

/** The readable text, else a formula's own text. */
function shownText(text: string, formula: string | undefined): string {
  if (text !== '') return text;
  return formula ? `=${formula}` : '';
}

export interface ListEntry {
  sub: Submission;
  nom: Nomination;
}

/** Every nomination of every submission, by unit (registry order, unknown last) then level, stable. */
export function listEntries(result: CheckResult, rulebook: Rulebook): ListEntry[] {
  const unitRank = new Map(rulebook.units.map((u, i) => [u.id, i]));
  const levelRank = new Map(rulebook.levels.map((l, i) => [l.code, i]));
  const entries: { e: ListEntry; u: number; l: number; i: number }[] = [];
  let i = 0;
  for (const sub of result.submissions) {
    const u = sub.unit ? (unitRank.get(sub.unit.id) ?? rulebook.units.length) : rulebook.units.length + 1;
    for (const nom of sub.nominations) {
      const l = nom.level !== null ? (levelRank.get(nom.level) ?? rulebook.levels.length) : rulebook.levels.length + 1;
      entries.push({ e: { sub, nom }, u, l, i: i++ });
    }
  }
  entries.sort((a, b) => a.u - b.u || a.l - b.l || a.i - b.i);
  return entries.map((x) => x.e);
}

function worst(findings: Finding[]): Severity | null {
  let w: Severity | null = null;
  for (const f of findings) if (w === null || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[w]) w = f.severity;
  return w;
}

function put(cell: BookCell, value: string | number | null, style: string): void {
  cell.value = value;
  cell.style = style;
}

/** `Tổng hợp`: every nominee read, by unit and level, with its source and what the check found on its row. */
export function listSheet(result: CheckResult, rulebook: Rulebook, idx: FindingIndex): BookSheet {
  const sheet = newSheet(SHEET_LIST, { orientation: 'landscape', footer: '&C&"Times New Roman"&11Trang &P' });
  const w = new SheetWriter(sheet);
  const cols = rulebook.columns;
  const widths = [...cols.map((c) => listWidth(c.width, c.type)), ...LIST_EXTRA_COLUMNS.map((c) => c.width)];
  sheet.columns = widths.map((width) => ({ width }));
  const last = widths.length - 1;
  const entries = listEntries(result, rulebook);

  w.merge(0, 0, 0, last, rulebook.documents?.listTitle ?? rulebook.titles.template, 'listTitle');
  w.height(0, 24);
  w.merge(1, 0, 1, last, `(Kèm theo Báo cáo số        /${rulebook.agency.reportSymbol}; ${entries.length} nhà giáo, ${result.submissions.length} danh sách)`, 'note');
  w.height(1, 20);

  const hr = LIST_HEADER_ROW;
  let headerLines = 1;
  [...cols.map((c) => c.label), ...LIST_EXTRA_COLUMNS.map((c) => c.label)].forEach((label, c) => {
    w.set(hr, c, label, 'th');
    headerLines = Math.max(headerLines, estimateLines(label, widths[c], 12, true));
  });
  w.height(hr, lineHeight(headerLines, 12));

  const sttCol = cols.findIndex((c) => c.key === 'stt');
  const base = cols.length;
  const centred = cols.map((col) => col.type === 'date' || col.type === 'gender' || col.type === 'number');
  // Per submission, worked out once rather than on each of its rows.
  const perSub = new Map<Submission, { label: string; fileName: string; rows: readonly (Finding[] | undefined)[] }>();
  // One row's cells, refilled for each row (a RowSource's row lasts until the next is asked for).
  const cells: BookCell[] = widths.map(() => ({ value: null }));
  // The nominees' rows are made one at a time as the file is written: 50,000 rows of 21 cells are
  // never held as a model.
  const keys = cols.map((c) => c.key);
  const fieldStyles = centred.map((x) => (x ? 'tdCenter' : 'td') as 'td' | 'tdCenter');
  // A row's one finding, as its notes: one text per message (16,743 rows over the managers'
  // quota share one message, so their notes are one text too, not 16,743 equal ones).
  const oneNote: Record<Severity, Map<string, string>> = { error: new Map(), warning: new Map(), info: new Map() };
  let lastSub: Submission | null = null;
  let s = { label: '', fileName: '', rows: NO_ROWS };
  // Each list column's position in a submission's fields (-1: not among them), per field set.
  let lastSet: FieldSet | null = null;
  let positions: number[] = [];
  sheet.body = {
    count: entries.length,
    width: widths.length,
    row(i) {
      const { sub, nom } = entries[i];
      if (nom.fields !== lastSet) {
        lastSet = nom.fields;
        const at = lastSet.at;
        positions = keys.map((k) => at[k] ?? -1);
      }
      for (let c = 0; c < keys.length; c++) {
        const cell = cells[c];
        if (c === sttCol) {
          // The list's own numbering: the units' numbers restart at 1 in every submission.
          cell.value = i + 1;
          cell.style = 'tdNum';
          continue;
        }
        const text = textAt(nom, positions[c]);
        // An empty field is an empty cell (blank to Excel's filters and COUNTA), not an empty text.
        cell.value = text || null;
        cell.style = textStyle(fieldStyles[c], cell.value);
      }
      if (sub !== lastSub) {
        let known = perSub.get(sub);
        if (!known) perSub.set(sub, (known = { label: unitLabel(sub), fileName: baseName(sub.file), rows: idx.rowsOf(sub) }));
        s = known;
        lastSub = sub;
      }
      // (Read within the array: a read past its end costs the optimized code.)
      const found = nom.row < s.rows.length ? s.rows[nom.row] : undefined;
      let sev: Severity | null = null;
      let notes = '';
      if (found) {
        sev = worst(found.filter((f) => f.severity !== 'info'));
        if (found.length === 1) {
          const f = found[0];
          const memo = oneNote[f.severity];
          let note = memo.get(f.message);
          if (note === undefined) {
            note = `${SEVERITY_LABEL[f.severity]}: ${f.message}`;
            if (memo.size < 4096) memo.set(f.message, note);
          }
          notes = note;
        } else notes = sortBySeverity(found).map((f) => `${SEVERITY_LABEL[f.severity]}: ${f.message}`).join('\n');
      }
      const status = sev === 'error' ? STATUS.error : sev === 'warning' ? STATUS.warning : STATUS.ok;
      put(cells[base], s.label, textStyle('td', s.label));
      // The file's name as the office knows it: never the path of the machine that ran the merge.
      put(cells[base + 1], s.fileName, textStyle('td', s.fileName));
      put(cells[base + 2], sub.sheet ?? null, textStyle('td', sub.sheet ?? null));
      put(cells[base + 3], nom.row, 'tdNum');
      put(cells[base + 4], status, statusStyle(sev ?? 'ok'));
      put(cells[base + 5], notes || null, 'td');
      put(cells[base + 6], null, 'tdCenter');
      return { cells };
    },
    // The template's columns, the unit, the file and the notes set a row's height (not the sheet's name nor the status).
    sized: sizedBy(
      widths,
      widths.map((_, c) => c < base || c === base || c === base + 1 || c === base + 5),
    ),
  };

  if (entries.length > 0) {
    const sl = rulebook.shortlist;
    sheet.validations.push({
      range: { top: hr + 1, left: base + 6, bottom: hr + entries.length, right: base + 6 },
      type: 'list',
      formulae: [`"${PROPOSAL_MARK}"`],
      allowBlank: true,
      prompt: {
        title: PROPOSAL_COLUMN,
        text: `Gõ x nếu Sở đề nghị Bộ xét chọn nhà giáo này (tối đa ${sl.total} người, mỗi cấp học 1 người, tối đa ${sl.managers} cán bộ quản lý), rồi chạy Kiểm tra đề nghị Bộ.`,
      },
      error: { title: PROPOSAL_COLUMN, text: 'Chỉ đánh dấu x, hoặc để trống.', style: 'warning' },
    });
  }
  sheet.freeze = { rows: hr + 1, cols: Math.min(2, cols.length) };
  sheet.autoFilter = { top: hr, left: 0, bottom: hr + Math.max(entries.length, 1), right: last };
  sheet.print.repeatRows = { from: hr, to: hr };
  return sheet;
}
