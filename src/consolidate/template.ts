/**
 * The standard nomination sheet a unit fills in: the official header block with the unit, the date
 * line, the title, the rulebook's columns with the "(1) (2) …" row, empty rows with dropdowns and
 * validation (lists on a hidden sheet), and the signature block. A filled-in copy passes `check`.
 */
import { CREATOR, newSheet, SheetWriter, type Book, type BookSheet, type CellRange, type DefinedName, type Validation } from '../book/model';
import { estimateLines, lineHeight } from '../book/text-width';
import { dateLine, excelSerial, formatDay, unitHeading } from './format';
import { headingNeeds, headingSpans, spanWidth, writeHeading, writeSignature } from './heading';
import { FONT, STYLES } from './styles';
import { FIELD, type ColumnDef, type Rulebook, type UnitDef } from '../rules/types';

export const SHEET_TEMPLATE = 'Danh sách';
export const SHEET_LISTS = 'Danh mục';
export const GENDERS = ['Nam', 'Nữ'] as const;

/** Names of the dropdown lists on the hidden sheet. */
export const LIST_NAMES = { level: 'DM_CapHoc', position: 'DM_ChucVu', gender: 'DM_GioiTinh', unit: 'DM_DonVi' } as const;

export interface TemplateOptions {
  /** Registry id of the unit to fill in; without it the header and the "Đơn vị:" cell are left to fill. */
  unitId?: string;
  /** Empty data rows (default: the unit's quota plus two spare rows). */
  rows?: number;
}

/** Where things are on the template (0-based rows), for callers and tests. */
export interface TemplateLayout {
  unitRow: number;
  unitCol: number;
  headerRow: number;
  numberingRow: number;
  firstDataRow: number;
  lastDataRow: number;
  signatureRow: number;
}

const BLANK_AGENCY = '……………………………';
const SPARE_ROWS = 2;

/** Excel limits input messages and alerts: titles to 32 characters, texts to 255. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function prompt(title: string, text: string): Validation['prompt'] {
  return { title: clip(title, 32), text: clip(text, 255) };
}

function alert(title: string, text: string, style: 'stop' | 'warning' = 'stop'): Validation['error'] {
  return { title: clip(title, 32), text: clip(text, 255), style };
}

function columnValidation(col: ColumnDef, range: CellRange, rulebook: Rulebook): Validation | null {
  const label = col.label;
  switch (col.type) {
    case 'level':
      return {
        range,
        type: 'list',
        formulae: [LIST_NAMES.level],
        allowBlank: true,
        prompt: prompt(label, col.hint ?? 'Chọn cấp học trong danh sách.'),
        error: alert('Cấp học không hợp lệ', `Chỉ chọn một cấp học trong danh sách (${label}).`),
      };
    case 'position':
      return {
        range,
        type: 'list',
        formulae: [LIST_NAMES.position],
        allowBlank: true,
        prompt: prompt(label, col.hint ?? 'Chọn chức vụ trong danh sách.'),
        // A position outside the list is allowed after a warning: titles vary between schools.
        error: alert('Chức vụ ngoài danh sách', 'Chức vụ này không có trong danh sách. Chọn "Yes" để giữ, "No" để nhập lại.', 'warning'),
      };
    case 'gender':
      return {
        range,
        type: 'list',
        formulae: [LIST_NAMES.gender],
        allowBlank: true,
        prompt: prompt(label, col.hint ?? 'Chọn Nam hoặc Nữ.'),
        error: alert('Giới tính không hợp lệ', 'Chỉ chọn Nam hoặc Nữ.'),
      };
    case 'date': {
      const { age } = rulebook.ranges;
      const from = { y: rulebook.year - age.max, m: 1, d: 1 };
      const to = { y: rulebook.year - age.min, m: 12, d: 31 };
      return {
        range,
        type: 'date',
        operator: 'between',
        formulae: [excelSerial(from.y, from.m, from.d), excelSerial(to.y, to.m, to.d)],
        allowBlank: true,
        // The rulebook's hint may allow a year alone, which a date cell cannot hold: the prompt is the cell's own.
        prompt: prompt(label, 'Nhập ngày/tháng/năm, ví dụ 05/09/1985.'),
        error: alert('Ngày không hợp lệ', `Nhập một ngày có thật dạng ngày/tháng/năm, từ ${formatDay(from)} đến ${formatDay(to)}.`),
      };
    }
    case 'number': {
      const { min, max } =
        col.key === FIELD.namCongTac ? rulebook.ranges.yearsOfService : col.key === FIELD.stt ? { min: 1, max: 999 } : { min: 0, max: 100000 };
      return {
        range,
        type: 'whole',
        operator: 'between',
        formulae: [min, max],
        allowBlank: true,
        prompt: prompt(label, col.hint ?? `Nhập số nguyên từ ${min} đến ${max}.`),
        error: alert('Số không hợp lệ', `${label}: nhập số nguyên từ ${min} đến ${max}.`),
      };
    }
    case 'text':
      return col.hint ? { range, type: 'any', formulae: [], allowBlank: true, prompt: prompt(label, col.hint) } : null;
  }
}

function dataStyle(col: ColumnDef): string {
  switch (col.type) {
    case 'date':
      return 'tdDate';
    case 'number':
      return 'tdInt';
    case 'gender':
    case 'level':
      return 'tdCenter';
    default:
      return 'td';
  }
}

function listsSheet(rulebook: Rulebook, unit: UnitDef | null): { sheet: BookSheet; names: DefinedName[] } {
  const sheet = newSheet(SHEET_LISTS);
  sheet.state = 'hidden';
  const w = new SheetWriter(sheet);
  const allowed = unit ? new Set(rulebook.kinds[unit.kind].quota.levels) : null;
  // Headers that match no column alias, so no reader takes this sheet for a nomination table.
  const lists: { head: string; name: string; items: string[]; width: number }[] = [
    { head: 'Danh mục cấp học', name: LIST_NAMES.level, items: rulebook.levels.filter((l) => !allowed || allowed.has(l.code)).map((l) => l.name), width: 18 },
    { head: 'Danh mục chức vụ', name: LIST_NAMES.position, items: rulebook.positions.map((p) => p.name), width: 26 },
    { head: 'Danh mục giới tính', name: LIST_NAMES.gender, items: [...GENDERS], width: 18 },
    { head: 'Danh mục đơn vị', name: LIST_NAMES.unit, items: rulebook.units.map((u) => u.name), width: 36 },
  ];
  const names: DefinedName[] = [];
  lists.forEach((list, c) => {
    w.set(0, c, list.head, 'listsHead');
    list.items.forEach((item, i) => w.set(i + 1, c, item, 'listsItem'));
    if (list.items.length) names.push({ name: list.name, sheet: SHEET_LISTS, range: { top: 1, left: c, bottom: list.items.length, right: c } });
  });
  sheet.columns = lists.map((l) => ({ width: l.width }));
  return { sheet, names };
}

/** Builds the template sheet and returns it with where its parts are. */
export function templateSheet(rulebook: Rulebook, opts: TemplateOptions = {}): { sheet: BookSheet; layout: TemplateLayout } {
  const unit = opts.unitId ? (rulebook.units.find((u) => u.id === opts.unitId) ?? null) : null;
  if (opts.unitId && !unit) throw new Error(`Không có đơn vị mã "${opts.unitId}" trong tệp quy tắc. / No unit with id "${opts.unitId}" in the rulebook.`);
  const sheet = newSheet(SHEET_TEMPLATE, { orientation: 'landscape' });
  sheet.showGridLines = false;
  const w = new SheetWriter(sheet);
  const cols = rulebook.columns;
  const widths = cols.map((c) => c.width);
  sheet.columns = widths.map((width) => ({ width }));
  const last = cols.length - 1;
  const heading = unit ? unitHeading(rulebook, unit) : null;
  const kindDocs = unit ? rulebook.kinds[unit.kind]?.documents : undefined;
  const headingTexts = {
    parent: heading?.parent ?? BLANK_AGENCY,
    name: heading?.name ?? BLANK_AGENCY,
    motto1: rulebook.nationalHeading.motto1,
    motto2: rulebook.nationalHeading.motto2,
    number: null,
    dateLine: dateLine(heading?.place ?? '……………', null, '20…'),
  };
  const need = headingNeeds(headingTexts);
  const spans = headingSpans(widths, need.left, need.right);
  let r = writeHeading(w, 0, widths, spans, headingTexts);
  r++;
  w.merge(r, 0, r, last, rulebook.titles.template, 'title');
  w.height(r, lineHeight(estimateLines(rulebook.titles.template, spanWidth(widths, 0, last), 14, true), 14));
  r++;

  // "Đơn vị:" and the unit in the next cell: the reader takes the cell right of the label.
  const unitRow = r;
  const labelCol = Math.min(1, last - 1);
  const unitCol = labelCol + 1;
  const unitEnd = Math.max(unitCol, Math.min(last, spans.right[0] - 1));
  w.set(unitRow, labelCol, 'Đơn vị:', 'label');
  w.merge(unitRow, unitCol, unitRow, unitEnd, unit?.name ?? null, 'labelValue');
  w.height(unitRow, 22);
  sheet.validations.push({
    range: { top: unitRow, left: unitCol, bottom: unitRow, right: unitCol },
    type: 'list',
    formulae: [LIST_NAMES.unit],
    allowBlank: true,
    prompt: prompt('Đơn vị đề cử', 'Chọn tên đơn vị trong danh sách.'),
    error: alert('Đơn vị không có trong danh sách', 'Chọn tên đơn vị trong danh sách của Sở.'),
  });
  r += 2;

  const headerRow = r;
  let headLines = 1;
  cols.forEach((col, c) => {
    w.set(headerRow, c, col.label, 'th');
    headLines = Math.max(headLines, estimateLines(col.label, col.width, 12, true));
  });
  w.height(headerRow, lineHeight(headLines, 12));
  const numberingRow = headerRow + 1;
  cols.forEach((_, c) => w.set(numberingRow, c, `(${c + 1})`, 'thNum'));
  w.height(numberingRow, 18);

  const quota = unit ? rulebook.kinds[unit.kind].quota.total : Math.max(...Object.values(rulebook.kinds).map((k) => k.quota.total));
  const count = Math.max(1, opts.rows ?? quota + SPARE_ROWS);
  const firstDataRow = numberingRow + 1;
  const lastDataRow = firstDataRow + count - 1;
  for (let i = 0; i < count; i++) {
    const row = firstDataRow + i;
    cols.forEach((col, c) => w.set(row, c, null, dataStyle(col)));
    w.height(row, 36);
  }
  cols.forEach((col, c) => {
    const v = columnValidation(col, { top: firstDataRow, left: c, bottom: lastDataRow, right: c }, rulebook);
    if (v) sheet.validations.push(v);
  });

  const signatureRow = lastDataRow + 2;
  // Without a unit: the recipients of the first kind that names any.
  const recipients = kindDocs?.recipients ?? Object.values(rulebook.kinds).find((k) => k.documents?.recipients)?.documents?.recipients ?? null;
  writeSignature(w, signatureRow, spans, {
    recipients,
    lines: [
      { text: kindDocs?.signerTitle ?? 'THỦ TRƯỞNG ĐƠN VỊ', style: 'signAuthority' },
      { text: '(Ký tên, đóng dấu)', style: 'signHint' },
    ],
    name: '',
  });

  sheet.print.repeatRows = { from: headerRow, to: numberingRow };
  return { sheet, layout: { unitRow, unitCol, headerRow, numberingRow, firstDataRow, lastDataRow, signatureRow } };
}

/** The standard nomination workbook: the sheet `Danh sách` and the hidden lists sheet `Danh mục`. */
export function buildTemplateBook(rulebook: Rulebook, opts: TemplateOptions = {}): Book {
  const { sheet } = templateSheet(rulebook, opts);
  const unit = opts.unitId ? (rulebook.units.find((u) => u.id === opts.unitId) ?? null) : null;
  const lists = listsSheet(rulebook, unit);
  return {
    properties: { creator: CREATOR, title: rulebook.titles.template },
    defaultFont: FONT,
    styles: STYLES,
    sheets: [sheet, lists.sheet],
    names: lists.names,
    activeSheet: 0,
  };
}
