/**
 * The consolidated department workbook: `Tổng hợp` (every nominee read, with its source), `Kiểm tra`
 * (every finding) and `Báo cáo` (the report in the Decree 30/2020/NĐ-CP format).
 */
import { CREATOR, newSheet, SheetWriter, estimateLines, lineHeight, specHeight, specLines, textUnits, type Book, type BookCell, type BookSheet, type LineSpec, type RowSource } from '../book/book';
import { dateLine, formatDay } from './format';
import { baseName } from '../text/file-name';
import { headingNeeds, headingSpans, spanWidth, writeHeading, writeSignature } from './heading';
import { FONT, STYLES, statusStyle } from './styles';
import type { CheckResult } from '../check/result';
import { SEVERITY_ORDER, type Finding, type Severity } from '../check/finding';
import { sortBySeverity } from '../check/order';
import type { FieldSet, FieldValue, Nomination, SimpleDate, Submission } from '../sheet/submission';
import type { Rulebook, UnitDef } from '../rules/types';

export const SHEET_LIST = 'Tổng hợp';
export const SHEET_FINDINGS = 'Kiểm tra';
export const SHEET_REPORT = 'Báo cáo';

/** 0-based row of the column headers on `Tổng hợp` and `Kiểm tra`; data follows it. */
export const LIST_HEADER_ROW = 2;

export const SEVERITY_LABEL: Record<Severity, string> = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' };
export const STATUS = { ok: 'Hợp lệ', error: 'Có lỗi', warning: 'Cảnh báo' } as const;

/** Columns added after the template's columns on `Tổng hợp`. */
export const LIST_EXTRA_COLUMNS = [
  { label: 'Đơn vị đề cử', width: 22 },
  { label: 'Tệp nguồn', width: 20 },
  { label: 'Trang tính nguồn', width: 11 },
  { label: 'Dòng nguồn', width: 7 },
  { label: 'Trạng thái', width: 10 },
  { label: 'Kết quả kiểm tra', width: 38 },
] as const;

/** The list is wide: its columns are a little narrower than the template's, text wraps. */
function listWidth(width: number, type: string): number {
  return Math.max(type === 'date' ? 11 : 5, Math.round(width * 0.8 * 2) / 2);
}

export const FINDING_COLUMNS = [
  { label: 'TT', width: 6 },
  { label: 'Tệp', width: 28 },
  { label: 'Trang tính', width: 14 },
  { label: 'Ô', width: 7 },
  { label: 'Mã quy tắc', width: 32 },
  { label: 'Mức độ', width: 11 },
  { label: 'Nội dung', width: 70 },
  { label: 'Giá trị gốc', width: 26 },
] as const;

export interface ConsolidateOptions {
  /** The report's date; without it the date line is left blank for the pen (no clock is read). */
  reportDate?: SimpleDate;
}

const UNKNOWN_UNIT = '(Chưa xác định)';

/** Findings grouped by the submission they concern and by the row they sit on. */
class FindingIndex {
  readonly bySubmission = new Map<Submission, Finding[]>();
  /** By sheet (file and sheet name), then by row number (an array: the list asks once per row). */
  readonly byRow = new Map<string, (Finding[] | undefined)[]>();
  /** Findings that concern no received submission (units that sent nothing). */
  readonly unattached: Finding[] = [];

  constructor(result: CheckResult) {
    const bySheet = new Map<string, Submission>();
    const byFile = new Map<string, Submission>();
    for (const s of result.submissions) {
      const k = sheetKey(s.file, s.sheet);
      if (!bySheet.has(k)) bySheet.set(k, s);
      if (!byFile.has(s.file)) byFile.set(s.file, s);
      this.bySubmission.set(s, []);
    }
    for (const f of result.findings) {
      const sub = (f.sheet !== null ? bySheet.get(sheetKey(f.file, f.sheet)) : undefined) ?? byFile.get(f.file);
      if (sub) this.bySubmission.get(sub)?.push(f);
      else this.unattached.push(f);
      if (f.row !== null) {
        const k = sheetKey(f.file, f.sheet);
        let rows = this.byRow.get(k);
        if (!rows) this.byRow.set(k, (rows = []));
        const list = rows[f.row];
        if (list) list.push(f);
        else rows[f.row] = [f];
      }
    }
  }

  /** The findings of a submission's rows, by row number (none: an empty array). */
  rowsOf(sub: Submission): readonly (Finding[] | undefined)[] {
    return this.byRow.get(sheetKey(sub.file, sub.sheet)) ?? NO_ROWS;
  }

  of(sub: Submission): Finding[] {
    return this.bySubmission.get(sub) ?? [];
  }
}

function sheetKey(file: string, sheet: string | null): string {
  return `${file}\u0000${sheet ?? ''}`;
}

const NO_ROWS: readonly (Finding[] | undefined)[] = [];

function worst(findings: Finding[]): Severity | null {
  let w: Severity | null = null;
  for (const f of findings) if (w === null || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[w]) w = f.severity;
  return w;
}

function count(findings: Finding[], sev: Severity): number {
  return findings.filter((f) => f.severity === sev).length;
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

function unitLabel(sub: Submission): string {
  if (sub.unit) return sub.unit.name;
  if (sub.status === 'unreadable') return `Tệp không đọc được: ${baseName(sub.file)}`;
  const guess = sub.unitText?.trim();
  return guess ? `${UNKNOWN_UNIT} ${guess}` : `${UNKNOWN_UNIT} ${baseName(sub.file)}`;
}

function put(cell: BookCell, value: string | number | null, style: string): void {
  cell.value = value;
  cell.style = style;
}

/**
 * Generated rows are sized by their text (RowSource.sized): rows of wrapped text get the height
 * their tallest cell needs, since LibreOffice (and, by some accounts, Excel) keeps a row at its
 * default height on opening. `counted` says which columns count.
 */
function sizedBy(widths: number[], counted: boolean[]): NonNullable<RowSource['sized']> {
  const spec: LineSpec = { widths, counted, size: 12, maxLines: 30 };
  return {
    lines: (text, col) => specLines(spec, text, col),
    height: (lines) => specHeight(spec, lines),
    spec,
  };
}

function listSheet(result: CheckResult, rulebook: Rulebook, idx: FindingIndex): BookSheet {
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
  const perSub = new Map<Submission, { label: string; rows: readonly (Finding[] | undefined)[] }>();
  // One row's cells, refilled for each row (a RowSource's row lasts until the next is asked for).
  const cells: BookCell[] = widths.map(() => ({ value: null }));
  // The nominees' rows are made one at a time as the file is written: 50,000 rows of 21 cells are
  // never held as a model.
  const keys = cols.map((c) => c.key);
  const fieldStyles = centred.map((x) => (x ? 'tdCenter' : 'td'));
  // A row's one finding, as its notes: one text per message (16,743 rows over the managers'
  // quota share one message, so their notes are one text too, not 16,743 equal ones).
  const oneNote: Record<Severity, Map<string, string>> = { error: new Map(), warning: new Map(), info: new Map() };
  let lastSub: Submission | null = null;
  let s = { label: '', rows: NO_ROWS };
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
        cell.style = fieldStyles[c];
      }
      if (sub !== lastSub) {
        let known = perSub.get(sub);
        if (!known) perSub.set(sub, (known = { label: unitLabel(sub), rows: idx.rowsOf(sub) }));
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
      put(cells[base], s.label, 'td');
      put(cells[base + 1], sub.file, 'td');
      put(cells[base + 2], sub.sheet ?? null, 'td');
      put(cells[base + 3], nom.row, 'tdNum');
      put(cells[base + 4], status, statusStyle(sev ?? 'ok'));
      put(cells[base + 5], notes || null, 'td');
      return { cells };
    },
    // The template's columns, the unit, the file and the notes set a row's height (not the sheet's name nor the status).
    sized: sizedBy(
      widths,
      widths.map((_, c) => c < base || c === base || c === base + 1 || c === base + 5),
    ),
  };

  sheet.freeze = { rows: hr + 1, cols: Math.min(2, cols.length) };
  sheet.autoFilter = { top: hr, left: 0, bottom: hr + Math.max(entries.length, 1), right: last };
  sheet.print.repeatRows = { from: hr, to: hr };
  return sheet;
}

function findingsSheet(result: CheckResult): BookSheet {
  const sheet = newSheet(SHEET_FINDINGS, { orientation: 'landscape', footer: '&C&"Times New Roman"&11Trang &P' });
  const w = new SheetWriter(sheet);
  const widths = FINDING_COLUMNS.map((c) => c.width);
  sheet.columns = widths.map((width) => ({ width }));
  const last = widths.length - 1;
  const s = result.summary;
  w.merge(0, 0, 0, last, 'KẾT QUẢ KIỂM TRA DANH SÁCH ĐỀ CỬ', 'listTitle');
  w.height(0, 24);
  w.merge(1, 0, 1, last, `(${s.errors} lỗi, ${s.warnings} cảnh báo, ${s.infos} thông tin; ${s.submissions} danh sách, ${s.nominees} nhà giáo)`, 'note');
  w.height(1, 20);
  const hr = LIST_HEADER_ROW;
  FINDING_COLUMNS.forEach((c, i) => w.set(hr, i, c.label, 'th'));
  w.height(hr, lineHeight(1, 12));
  const sorted = sortBySeverity(result.findings);
  sheet.body = {
    count: sorted.length,
    width: widths.length,
    row(i) {
      const f = sorted[i];
      const cells: BookCell[] = [
        { value: i + 1, style: 'tdNum' },
        { value: f.file || null, style: 'td' },
        { value: f.sheet ?? null, style: 'td' },
        { value: f.cell ?? null, style: 'tdCenter' },
        { value: f.ruleId, style: 'td' },
        { value: SEVERITY_LABEL[f.severity], style: statusStyle(f.severity) },
        { value: f.message, style: 'td' },
        { value: f.value || null, style: 'td' },
      ];
      return { cells };
    },
    // The file, the message and the value set a row's height.
    sized: sizedBy(
      widths,
      widths.map((_, c) => c === 1 || c === 6 || c === 7),
    ),
  };
  sheet.freeze = { rows: hr + 1, cols: 0 };
  sheet.autoFilter = { top: hr, left: 0, bottom: hr + Math.max(result.findings.length, 1), right: last };
  sheet.print.repeatRows = { from: hr, to: hr };
  return sheet;
}

/** One line of the report's per-unit table. */
export interface ReportLine {
  unit: UnitDef | null;
  label: string;
  /** The submission's own date, as written on it. */
  date: string;
  timeliness: string;
  late: boolean;
  nominees: number;
  /** Per rulebook level, in rulebook order. */
  byLevel: number[];
  managers: number;
  errors: number;
  warnings: number;
  status: string;
  /** A registered unit that sent nothing. */
  missing: boolean;
  unreadable: boolean;
}

export interface ReportData {
  lines: ReportLine[];
  totals: { nominees: number; byLevel: number[]; managers: number; errors: number; warnings: number };
  registered: number;
  receivedUnits: number;
  files: number;
  unreadableFiles: number;
  onTime: number;
  late: ReportLine[];
  missing: UnitDef[];
  deadline: SimpleDate;
}

/** The numbers of the report: one line per submission (registry order), one per unit that sent nothing. */
export function reportData(result: CheckResult, rulebook: Rulebook, idx = new FindingIndex(result)): ReportData {
  const levels = rulebook.levels.map((l) => l.code);
  const subLine = (sub: Submission): ReportLine => {
    const found = idx.of(sub);
    const late = found.some((f) => f.ruleId === 'SUBMISSION_LATE');
    const unreadable = sub.status === 'unreadable';
    const byLevel = levels.map((code) => sub.nominations.filter((n) => n.level === code).length);
    const errors = count(found, 'error');
    const warnings = count(found, 'warning');
    const known = sub.date !== null && sub.date.m !== undefined && sub.date.d !== undefined;
    return {
      unit: sub.unit,
      label: unitLabel(sub),
      date: sub.date ? formatDay(sub.date) : '',
      timeliness: unreadable ? '' : late ? 'Trễ hạn' : known ? 'Đúng hạn' : 'Không rõ ngày',
      late,
      nominees: sub.nominations.length,
      byLevel,
      managers: sub.nominations.filter((n) => n.manager).length,
      errors,
      warnings,
      status: unreadable ? 'Không đọc được' : errors > 0 ? STATUS.error : warnings > 0 ? STATUS.warning : STATUS.ok,
      missing: false,
      unreadable,
    };
  };
  const lines: ReportLine[] = [];
  const missing: UnitDef[] = [];
  const placed = new Set<Submission>();
  for (const unit of rulebook.units) {
    const subs = result.submissions.filter((s) => s.unit?.id === unit.id);
    for (const s of subs) {
      lines.push(subLine(s));
      placed.add(s);
    }
    if (subs.length === 0) {
      missing.push(unit);
      lines.push({
        unit,
        label: unit.name,
        date: '',
        timeliness: '',
        late: false,
        nominees: 0,
        byLevel: levels.map(() => 0),
        managers: 0,
        errors: 0,
        warnings: 0,
        status: 'Chưa gửi',
        missing: true,
        unreadable: false,
      });
    }
  }
  // Units outside the registry, unidentified and unreadable files: nothing is left out.
  for (const s of result.submissions) if (!placed.has(s)) lines.push(subLine(s));

  const sent = lines.filter((l) => !l.missing);
  const sum = (f: (l: ReportLine) => number) => sent.reduce((a, l) => a + f(l), 0);
  const receivedUnits = new Set(sent.filter((l) => l.unit).map((l) => l.unit?.id)).size;
  const unitLate = new Set(sent.filter((l) => l.late && l.unit).map((l) => l.unit?.id));
  const unitOnTime = new Set(sent.filter((l) => l.unit && !unitLate.has(l.unit.id) && l.timeliness === 'Đúng hạn').map((l) => l.unit?.id));
  return {
    lines,
    totals: {
      nominees: sum((l) => l.nominees),
      byLevel: levels.map((_, i) => sum((l) => l.byLevel[i])),
      managers: sum((l) => l.managers),
      errors: sum((l) => l.errors),
      warnings: sum((l) => l.warnings),
    },
    registered: rulebook.units.length,
    receivedUnits,
    files: new Set(result.submissions.map((s) => s.file)).size,
    unreadableFiles: new Set(result.submissions.filter((s) => s.status === 'unreadable').map((s) => s.file)).size,
    onTime: unitOnTime.size,
    late: sent.filter((l) => l.late),
    missing,
    deadline: { y: rulebook.year, m: rulebook.deadline.month, d: rulebook.deadline.day },
  };
}

function reportSheet(result: CheckResult, rulebook: Rulebook, idx: FindingIndex, opts: ConsolidateOptions): BookSheet {
  const sheet = newSheet(SHEET_REPORT, { orientation: 'portrait', header: '&C&"Times New Roman"&13&P', differentFirst: true, horizontalCentered: true });
  sheet.showGridLines = false;
  const w = new SheetWriter(sheet);
  const data = reportData(result, rulebook, idx);
  const levels = rulebook.levels;
  const L = levels.length;
  // TT, Đơn vị, Ngày gửi, Đúng hạn/Trễ hạn, Tổng số, levels…, CBQL, Lỗi, Cảnh báo, Tình trạng: the
  // numbers under headers written upwards, so that the table fits the portrait page.
  const widths = [3.5, 19, 10.5, 8.5, 4.2, ...levels.map(() => 4.2), 4.2, 4.2, 4.2, 12.5];
  sheet.columns = widths.map((width) => ({ width }));
  const last = widths.length - 1;
  const cTotal = 4;
  const cLevel = 5;
  const cMgr = cLevel + L;
  const cErr = cMgr + 1;
  const cWarn = cMgr + 2;
  const cStatus = cMgr + 3;
  const fullW = spanWidth(widths, 0, last);
  const { agency } = rulebook;
  const headingTexts = {
    parent: agency.parent,
    name: agency.name,
    motto1: rulebook.nationalHeading.motto1,
    motto2: rulebook.nationalHeading.motto2,
    number: `Số:        /${agency.reportSymbol}`,
    dateLine: dateLine(agency.place, opts.reportDate ?? null),
  };
  const need = headingNeeds(headingTexts);
  const spans = headingSpans(widths, need.left, need.right);

  let r = writeHeading(w, 0, widths, spans, headingTexts);
  w.height(r, 14);
  r++;
  w.merge(r, 0, r, last, rulebook.titles.report, 'title');
  w.height(r, 22);
  r++;
  if (rulebook.titles.reportSubtitle) {
    w.merge(r, 0, r, last, rulebook.titles.reportSubtitle, 'subtitle');
    w.height(r, lineHeight(estimateLines(rulebook.titles.reportSubtitle, fullW * 0.8, 14, true), 14));
    r++;
  }
  // The short rule under the title.
  const mid = Math.floor(last / 2);
  w.merge(r, mid - 2, r, mid + 2, null, 'titleRule');
  w.height(r, 6);
  r += 2;

  const para = (text: string, style = 'para', indentFirst = true) => {
    const t = indentFirst && style === 'para' ? `      ${text}` : text;
    w.merge(r, 0, r, last, t, style);
    w.height(r, lineHeight(estimateLines(t, fullW, 13, style === 'section'), 13));
    r++;
  };
  const intro = rulebook.documents?.reportIntro;
  if (intro) para(intro);

  const t = data.totals;
  const deadline = formatDay(data.deadline);
  para('1. Tình hình tiếp nhận danh sách', 'section');
  const levelsText = levels.map((l, i) => `${l.name}: ${t.byLevel[i]}`).join('; ');
  const lateUnits = new Set(data.late.map((l) => l.unit?.id ?? l.label)).size;
  para(
    `Hạn gửi danh sách: ngày ${deadline}. Số đơn vị đã gửi: ${data.receivedUnits}/${data.registered} ` +
      `(đúng hạn: ${data.onTime}; trễ hạn: ${lateUnits}; chưa gửi: ${data.missing.length}). ` +
      `Số tệp nhận được: ${data.files}` +
      (data.unreadableFiles ? ` (không đọc được: ${data.unreadableFiles})` : '') +
      `. Tổng số nhà giáo được đề cử: ${t.nominees} (${levelsText}), trong đó cán bộ quản lý: ${t.managers}.`,
  );
  r++;

  // The per-unit table: a two-row header.
  const h1 = r;
  const h2 = r + 1;
  const head = (c: number, text: string) => w.merge(h1, c, h2, c, text, 'thSmall');
  head(0, 'TT');
  head(1, 'Đơn vị');
  head(2, 'Ngày gửi');
  head(3, 'Đúng hạn / Trễ hạn');
  w.merge(h1, cTotal, h1, cMgr, 'Số nhà giáo được đề cử', 'thSmall');
  const vertical = ['Tổng số', ...levels.map((l) => l.name), 'CBQL', 'Lỗi', 'Cảnh báo'];
  vertical.forEach((text, i) => w.set(h2, cTotal + i, text, 'thVertical'));
  w.merge(h1, cErr, h1, cWarn, 'Kiểm tra', 'thSmall');
  head(cStatus, 'Tình trạng');
  w.height(h1, lineHeight(Math.max(estimateLines('Số nhà giáo được đề cử', spanWidth(widths, cTotal, cMgr), 11, true), 1), 11));
  // Rotated text: the row is as tall as the longest label is long.
  const tallest = Math.max(...vertical.map((t) => textUnits(t, 11, true)));
  w.height(h2, Math.max(lineHeight(2, 11), tallest * 5.25 + 8));
  r = h2 + 1;
  // A table longer than the first page repeats its header on the next ones.
  sheet.print.repeatRows = { from: h1, to: h2 };

  data.lines.forEach((line, i) => {
    // Nothing was read from a missing unit or an unreadable file: no counts, only its findings.
    const people = line.missing || line.unreadable ? null : [line.nominees, ...line.byLevel, line.managers];
    const nums = line.missing ? null : [...(people ?? [line.nominees, ...line.byLevel, line.managers].map(() => null)), line.errors, line.warnings];
    w.set(r, 0, i + 1, 'sTdNum');
    w.set(r, 1, line.label, 'sTd');
    w.set(r, 2, line.date || null, 'sTdCenter');
    w.set(r, 3, line.timeliness || null, line.late ? statusStyle('warning', true) : 'sTdCenter');
    for (let c = cTotal; c <= cWarn; c++) w.set(r, c, nums ? nums[c - cTotal] : null, 'sTdNum');
    const st = line.unreadable ? 'error' : line.missing ? 'warning' : line.errors ? 'error' : line.warnings ? 'warning' : 'ok';
    w.set(r, cStatus, line.status, statusStyle(st, true));
    const lines = Math.max(estimateLines(line.label, widths[1], 11), estimateLines(line.status, widths[cStatus], 11), estimateLines(line.timeliness, widths[3], 11));
    w.height(r, lineHeight(lines, 11));
    r++;
  });
  // Totals: computed numbers, never formulas.
  w.merge(r, 0, r, 1, 'Tổng cộng', 'sTotal');
  w.set(r, 2, null, 'sTotal');
  w.set(r, 3, null, 'sTotal');
  const totals = [t.nominees, ...t.byLevel, t.managers, t.errors, t.warnings];
  for (let c = cTotal; c <= cWarn; c++) w.set(r, c, totals[c - cTotal], 'sTotal');
  const sentText = `${data.receivedUnits}/${data.registered} đơn vị đã gửi`;
  w.set(r, cStatus, sentText, 'sTotal');
  w.height(r, lineHeight(estimateLines(sentText, widths[cStatus], 11, true), 11));
  r += 2;

  para(`2. Các đơn vị chưa gửi danh sách (${data.missing.length})`, 'section');
  if (data.missing.length === 0) para('Không có.', 'bullet');
  for (const u of data.missing) para(`- ${u.name}.`, 'bullet');

  para(`3. Các danh sách gửi trễ hạn, sau ngày ${deadline} (${data.late.length})`, 'section');
  if (data.late.length === 0) para('Không có.', 'bullet');
  for (const l of data.late) para(`- ${l.label}${l.date ? ` (ngày ${l.date})` : ''}.`, 'bullet');

  const s = result.summary;
  para('4. Kết quả kiểm tra', 'section');
  para(
    `Phát hiện ${s.errors} lỗi, ${s.warnings} cảnh báo` +
      (s.infos ? `, ${s.infos} thông tin` : '') +
      `; chi tiết từng ô tại trang tính “${SHEET_FINDINGS}”, danh sách đầy đủ tại trang tính “${SHEET_LIST}”.`,
  );
  const withErrors = data.lines.filter((l) => l.errors > 0 || l.unreadable);
  if (withErrors.length) {
    para(`Các đơn vị cần hoàn thiện hồ sơ: ${withErrors.map((l) => `${l.label} (${l.unreadable ? 'tệp không đọc được' : `${l.errors} lỗi`})`).join('; ')}.`);
  }
  r++;

  writeSignature(w, r, spans, {
    recipients: agency.recipients,
    lines: [agency.signer.authority, agency.signer.title].filter((x) => x).map((text) => ({ text, style: 'signAuthority' as const })),
    name: agency.signer.name,
  });
  return sheet;
}

/** The consolidated department workbook: `Tổng hợp`, `Kiểm tra`, `Báo cáo`. Pure and deterministic. */
export function buildConsolidatedBook(result: CheckResult, rulebook: Rulebook, opts: ConsolidateOptions = {}): Book {
  const idx = new FindingIndex(result);
  return {
    properties: { creator: CREATOR, title: rulebook.titles.reportSubtitle || rulebook.titles.report, created: opts.reportDate },
    defaultFont: FONT,
    styles: STYLES,
    sheets: [listSheet(result, rulebook, idx), findingsSheet(result), reportSheet(result, rulebook, idx, opts)],
    names: [],
    activeSheet: 0,
  };
}
