/**
 * The consolidated workbook's report, sheet `Báo cáo`, in the Decree 30/2020/NĐ-CP format: the
 * heading, how the lists came in, a table of one line per submission (and per unit that sent none),
 * the units missing or late, the check's result, the signature. reportData gives its numbers.
 */
import { newSheet, SheetWriter, type BookSheet } from '../book/model';
import { estimateLines, lineHeight, textUnits } from '../book/text-width';
import { SHEET_FINDINGS, SHEET_LIST, SHEET_REPORT, STATUS, unitLabel } from './common';
import { FindingIndex } from './finding-index';
import { dateLine, formatDay } from './format';
import { headingNeeds, headingSpans, spanWidth, writeHeading, writeSignature } from './heading';
import { statusStyle } from './styles';
import type { CheckResult } from '../check/result';
import type { Finding, Severity } from '../check/finding';
import type { SimpleDate, Submission } from '../sheet/submission';
import type { Rulebook, UnitDef } from '../rules/types';

function count(findings: Finding[], sev: Severity): number {
  return findings.filter((f) => f.severity === sev).length;
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
  /** The nomination lists' deadline, and what the rulebook says of it ("set it from the yearly letter"). */
  deadline: SimpleDate;
  deadlineNote: string | null;
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
    deadline: { y: rulebook.year, m: rulebook.deadlines.nominations.month, d: rulebook.deadlines.nominations.day },
    deadlineNote: rulebook.deadlines.nominations.note?.trim() || null,
  };
}

/** `Báo cáo`: the report; `reportDate` fills its date line (without it the line is left for the pen). */
export function reportSheet(result: CheckResult, rulebook: Rulebook, idx: FindingIndex, reportDate: SimpleDate | undefined): BookSheet {
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
    dateLine: dateLine(agency.place, reportDate ?? null),
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
    `Hạn gửi danh sách đề cử: ngày ${deadline}${data.deadlineNote ? ` (${data.deadlineNote})` : ''}. Số đơn vị đã gửi: ${data.receivedUnits}/${data.registered} ` +
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
