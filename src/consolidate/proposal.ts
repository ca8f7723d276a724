/**
 * The proposal workbook (`shortlist --out`): `Tờ trình`, the Department's submission to the Ministry in
 * the Decree 30/2020/NĐ-CP layout (agency block, national heading, number, place and date, title,
 * "Kính gửi", the body from the rulebook's texts with the counts, "Nơi nhận", signature), and
 * `Danh sách đề nghị`, its appendix: one row per proposed teacher, with the list's columns and the
 * nominating unit. A4, ready to print. Pure and deterministic.
 */
import { CREATOR, newSheet, SheetWriter, type Book, type BookSheet } from '../book/model';
import { estimateLines, lineHeight } from '../book/text-width';
import { dateLine, formatDay } from './format';
import { headingNeeds, headingSpans, spanWidth, writeHeading, writeSignature } from './heading';
import { FONT, STYLES } from './styles';
import type { ProposedNominee } from './shortlist';
import type { SimpleDate } from '../sheet/submission';
import type { Rulebook } from '../rules/types';

export const SHEET_PROPOSAL = 'Tờ trình';
export const SHEET_PROPOSED = 'Danh sách đề nghị';

export interface ProposalOptions {
  /** The submission's date; without it the date line is left for the pen. */
  date?: SimpleDate;
  /** How many nominees the consolidated list holds (the proposal is chosen among them). */
  listed?: number;
}

/** The submission's symbol: the report's with "TTr" for "BC" ("BC-SGDĐT" -> "TTr-SGDĐT"). */
export function proposalSymbol(rulebook: Rulebook): string {
  const rest = rulebook.agency.reportSymbol.replace(/^[^-]*-?/, '');
  return `TTr-${rest || 'SGDĐT'}`;
}

const DEFAULT_SUBJECT = 'Về việc đề nghị xét chọn “Nhà giáo tiêu biểu của năm”';
const MINISTRY = 'Bộ Giáo dục và Đào tạo';

/** The counts the body gives: total, per shortlist level, managers. */
export function proposalCounts(rulebook: Rulebook, proposed: ProposedNominee[]) {
  const levels = rulebook.shortlist.levels.map((code) => rulebook.levels.find((l) => l.code === code)).filter((l) => l !== undefined);
  return {
    total: proposed.length,
    byLevel: levels.map((l) => ({ level: l, count: proposed.filter((p) => p.level?.code === l.code).length })),
    managers: proposed.filter((p) => p.manager).length,
  };
}

function submissionSheet(rulebook: Rulebook, proposed: ProposedNominee[], opts: ProposalOptions): BookSheet {
  const sheet = newSheet(SHEET_PROPOSAL, { orientation: 'portrait', header: '&C&"Times New Roman"&13&P', differentFirst: true, horizontalCentered: true });
  sheet.showGridLines = false;
  const w = new SheetWriter(sheet);
  // Narrow columns, so that the heading's two blocks can each take the width they need.
  const widths = [10, 10, 10, 10, 10, 10, 10, 10, 10];
  sheet.columns = widths.map((width) => ({ width }));
  const last = widths.length - 1;
  const fullW = spanWidth(widths, 0, last);
  const { agency } = rulebook;
  const docs = rulebook.documents;
  const headingTexts = {
    parent: agency.parent,
    name: agency.name,
    motto1: rulebook.nationalHeading.motto1,
    motto2: rulebook.nationalHeading.motto2,
    number: `Số:        /${proposalSymbol(rulebook)}`,
    dateLine: dateLine(agency.place, opts.date ?? null),
  };
  const need = headingNeeds(headingTexts);
  const spans = headingSpans(widths, need.left, need.right);
  let r = writeHeading(w, 0, widths, spans, headingTexts);
  w.height(r, 14);
  r++;
  w.merge(r, 0, r, last, 'TỜ TRÌNH', 'title');
  w.height(r, 22);
  r++;
  // The lists come at the end of a school year: the one ending in the reporting year.
  const subject = `${docs?.proposalSubject ?? DEFAULT_SUBJECT}, năm học ${rulebook.year - 1}-${rulebook.year}`;
  w.merge(r, 0, r, last, subject, 'subtitle');
  w.height(r, lineHeight(estimateLines(subject, fullW * 0.8, 14, true), 14));
  r++;
  const mid = Math.floor(last / 2);
  w.merge(r, mid - 1, r, mid + 1, null, 'titleRule');
  w.height(r, 6);
  r += 2;
  w.merge(r, 0, r, last, `Kính gửi: ${MINISTRY}.`, 'note');
  w.height(r, lineHeight(1, 13));
  r += 2;

  const para = (text: string, style = 'para') => {
    const t = style === 'para' ? `      ${text}` : text;
    w.merge(r, 0, r, last, t, style);
    w.height(r, lineHeight(estimateLines(t, fullW, 13, style === 'section'), 13));
    r++;
  };
  const intro = docs?.proposalIntro ?? `Sở Giáo dục và Đào tạo lựa chọn các nhà giáo tiêu biểu, đại diện cho các cấp học, đề nghị ${MINISTRY} xem xét, xét chọn như sau:`;
  para(intro);
  const c = proposalCounts(rulebook, proposed);
  const levelsText = c.byLevel.map((x) => `${x.level.name}: ${x.count}`).join('; ');
  const among = opts.listed !== undefined ? `, được lựa chọn trong số ${opts.listed} nhà giáo do các đơn vị đề cử` : '';
  para(`Tổng số nhà giáo đề nghị xét chọn: ${c.total} người (${levelsText}), trong đó cán bộ quản lý: ${c.managers}${among}.`);
  for (const [i, p] of proposed.entries()) {
    const position = p.values.chucVu ? `, ${p.values.chucVu}` : '';
    const school = p.values.donVi ? `, ${p.values.donVi}` : '';
    para(`${i + 1}. ${p.values.hoTen || '(chưa có tên)'}${position}${school}${p.level ? ` (cấp ${p.level.name})` : ''}.`, 'bullet');
  }
  para(`(Danh sách và thành tích của từng nhà giáo tại trang tính “${SHEET_PROPOSED}” kèm theo.)`);
  para(`Sở Giáo dục và Đào tạo kính trình ${MINISTRY} xem xét, quyết định./.`);
  r++;
  writeSignature(w, r, spans, {
    recipients: [`Như trên;`, ...(docs?.proposalRecipients ?? ['Lưu: VT, VP.']).filter((x) => !/^\s*[-–]?\s*Như trên/i.test(x))],
    lines: [agency.signer.authority, agency.signer.title].filter((x) => x).map((text) => ({ text, style: 'signAuthority' as const })),
    name: agency.signer.name,
  });
  return sheet;
}

function appendixSheet(rulebook: Rulebook, proposed: ProposedNominee[], opts: ProposalOptions): BookSheet {
  const sheet = newSheet(SHEET_PROPOSED, { orientation: 'landscape', footer: '&C&"Times New Roman"&11Trang &P' });
  const w = new SheetWriter(sheet);
  const cols = rulebook.columns;
  const widths = [...cols.map((c) => Math.max(c.type === 'date' ? 11 : 5, Math.round(c.width * 0.8 * 2) / 2)), 22];
  sheet.columns = widths.map((width) => ({ width }));
  const last = widths.length - 1;
  const title = 'DANH SÁCH NHÀ GIÁO ĐỀ NGHỊ XÉT CHỌN “NHÀ GIÁO TIÊU BIỂU CỦA NĂM”';
  w.merge(0, 0, 0, last, title, 'listTitle');
  w.height(0, 24);
  const when = opts.date ? `ngày ${formatDay(opts.date)}` : 'ngày      /      /      ';
  const note = `(Kèm theo Tờ trình số        /${proposalSymbol(rulebook)} ${when} của Sở Giáo dục và Đào tạo ${rulebook.agency.place})`;
  w.merge(1, 0, 1, last, note, 'note');
  w.height(1, 20);
  const hr = 2;
  let headerLines = 1;
  [...cols.map((c) => c.label), 'Đơn vị đề cử'].forEach((label, c) => {
    w.set(hr, c, label, 'th');
    headerLines = Math.max(headerLines, estimateLines(label, widths[c], 12, true));
  });
  w.height(hr, lineHeight(headerLines, 12));
  proposed.forEach((p, i) => {
    const r = hr + 1 + i;
    let lines = 1;
    cols.forEach((col, c) => {
      if (col.key === 'stt') {
        w.set(r, c, i + 1, 'tdNum');
        return;
      }
      const v = p.values[col.key] ?? '';
      const centred = col.type === 'date' || col.type === 'gender' || col.type === 'number';
      w.set(r, c, v || null, centred ? 'tdCenter' : 'td');
      lines = Math.max(lines, estimateLines(v, widths[c], 12));
    });
    w.set(r, last, p.unit || null, 'td');
    lines = Math.max(lines, estimateLines(p.unit, widths[last], 12));
    w.height(r, lineHeight(Math.min(lines, 30), 12));
  });
  sheet.freeze = { rows: hr + 1, cols: 0 };
  sheet.print.repeatRows = { from: hr, to: hr };
  return sheet;
}

/** The proposal workbook: `Tờ trình` and `Danh sách đề nghị`. */
export function buildProposalBook(rulebook: Rulebook, proposed: ProposedNominee[], opts: ProposalOptions = {}): Book {
  return {
    properties: { creator: CREATOR, title: `Tờ trình đề nghị xét chọn Nhà giáo tiêu biểu năm ${rulebook.year}`, created: opts.date },
    defaultFont: FONT,
    styles: STYLES,
    sheets: [submissionSheet(rulebook, proposed, opts), appendixSheet(rulebook, proposed, opts)],
    names: [],
    activeSheet: 0,
  };
}
