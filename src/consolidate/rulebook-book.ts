/**
 * The rulebook in force as a workbook a clerk edits in Excel (`rules export`): `Hướng dẫn` first,
 * then `Chung`, `Đơn vị`, `Loại đơn vị`, `Cấp học`, `Chức vụ`, `Cột`, `Đề nghị Bộ`, with dropdowns
 * where a value refers to another sheet and an input message on every column. ./rulebook-read.ts
 * reads it back.
 */
import { CREATOR, newSheet, SheetWriter, type Book, type BookSheet, type BookStyle, type DefinedName, type Validation } from '../book/model';
import type { Rulebook } from '../rules/types';
import { FONT, STYLES } from './styles';
import {
  COLUMN_TYPES,
  GENERAL_FIELDS,
  getPath,
  KEY_VALUE_HEAD,
  KIND_LIST_NAME,
  NO,
  RULEBOOK_SHEETS,
  SHORTLIST_FIELDS,
  TABLES,
  YES,
  type FieldDef,
  type TableDef,
} from './rulebook-sheets';

/** Rows below the data that keep the dropdowns and messages, for the rows a clerk adds. */
const SPARE_ROWS = 200;

const RB_STYLES: Record<string, BookStyle> = {
  rbKey: { font: { size: 11, color: 'FF7F7F7F' }, border: { top: 'thin', left: 'thin', bottom: 'thin', right: 'thin' }, align: { vertical: 'top' }, numFmt: '@' },
  rbNum: { font: { size: 12 }, border: { top: 'thin', left: 'thin', bottom: 'thin', right: 'thin' }, align: { horizontal: 'center', vertical: 'top' } },
  rbGuideTitle: { font: { size: 14, bold: true }, align: { horizontal: 'left', vertical: 'middle' } },
  rbGuide: { font: { size: 12 }, align: { horizontal: 'left', vertical: 'top', wrap: true } },
  rbGuideEn: { font: { size: 11, italic: true, color: 'FF595959' }, align: { horizontal: 'left', vertical: 'top', wrap: true } },
  rbWarn: { font: { size: 12, bold: true, color: 'FFC00000' }, align: { horizontal: 'left', vertical: 'top', wrap: true } },
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A value as it sits in its cell. */
export function encodeValue(field: FieldDef, value: unknown): string | number | null {
  switch (field.codec) {
    case 'text':
    case 'opt':
      return typeof value === 'string' && value !== '' ? value : null;
    case 'lines':
    case 'optLines':
      return Array.isArray(value) && value.length ? value.join('\n') : null;
    case 'codes':
      return Array.isArray(value) && value.length ? value.join(', ') : null;
    case 'num':
    case 'numOrNone':
      return typeof value === 'number' ? value : null;
    case 'bool':
      return value === true ? YES : NO;
  }
}

function styleOf(field: FieldDef): string {
  return field.codec === 'num' || field.codec === 'numOrNone' ? 'rbNum' : field.codec === 'bool' ? 'tdCenter' : 'td';
}

/** The validation of a column (or a key-value row): its dropdown or number check, and its input message. */
function fieldValidation(field: FieldDef, range: Validation['range']): Validation {
  const prompt = { title: clip(field.label, 32), text: clip(field.prompt, 255) };
  if (field.list) {
    const formula = field.list === 'kinds' ? KIND_LIST_NAME : field.list === 'bool' ? `"${YES},${NO}"` : `"${COLUMN_TYPES.join(',')}"`;
    const text =
      field.list === 'kinds'
        ? 'Chọn một mã loại đơn vị có trong sheet Loại đơn vị (thêm loại mới ở sheet đó trước).'
        : field.list === 'bool'
          ? `Chọn ${YES} hoặc ${NO}.`
          : `Chọn một kiểu: ${COLUMN_TYPES.join(', ')}.`;
    return { range, type: 'list', formulae: [formula], allowBlank: true, prompt, error: { title: 'Giá trị không có trong danh sách', text, style: 'stop' } };
  }
  if (field.codec === 'num' || field.codec === 'numOrNone') {
    return {
      range,
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      allowBlank: true,
      prompt,
      error: { title: 'Cần một số', text: 'Ô này cần một số không âm.', style: 'stop' },
    };
  }
  return { range, type: 'any', formulae: [], allowBlank: true, prompt };
}

function tableRows(rulebook: Rulebook, table: TableDef): Record<string, unknown>[] {
  if (table.target === 'kinds') return Object.entries(rulebook.kinds).map(([id, k]) => ({ ...k, $key: id }));
  if (table.target === 'columns') {
    const evidence = new Set(rulebook.evidence);
    return rulebook.columns.map((c) => ({ ...c, $evidence: evidence.has(c.key) }));
  }
  return rulebook[table.target] as unknown as Record<string, unknown>[];
}

function tableSheet(rulebook: Rulebook, table: TableDef): BookSheet {
  const sheet = newSheet(table.sheet, { orientation: 'landscape' });
  const w = new SheetWriter(sheet);
  sheet.columns = table.fields.map((f) => ({ width: f.width ?? 16, style: styleOf(f) }));
  table.fields.forEach((f, c) => w.set(0, c, f.label, 'th'));
  w.height(0, 36);
  const rows = tableRows(rulebook, table);
  rows.forEach((item, i) => table.fields.forEach((f, c) => w.set(i + 1, c, encodeValue(f, getPath(item, f.path)), styleOf(f))));
  const last = rows.length + SPARE_ROWS;
  table.fields.forEach((f, c) => sheet.validations.push(fieldValidation(f, { top: 1, left: c, bottom: last, right: c })));
  sheet.freeze = { rows: 1, cols: table.target === 'units' || table.target === 'kinds' ? 2 : 1 };
  sheet.autoFilter = { top: 0, left: 0, bottom: Math.max(1, rows.length), right: table.fields.length - 1 };
  return sheet;
}

function keyValueSheet(rulebook: Rulebook, name: string, fields: FieldDef[]): BookSheet {
  const sheet = newSheet(name);
  const w = new SheetWriter(sheet);
  sheet.columns = [{ width: 26 }, { width: 34 }, { width: 70 }];
  KEY_VALUE_HEAD.forEach((h, c) => w.set(0, c, h, 'th'));
  fields.forEach((f, i) => {
    const r = i + 1;
    w.set(r, 0, f.path, 'rbKey');
    w.set(r, 1, f.label, 'td');
    w.set(r, 2, encodeValue(f, getPath(rulebook, f.path)), styleOf(f) === 'tdCenter' ? 'td' : styleOf(f));
    sheet.validations.push(fieldValidation(f, { top: r, left: 2, bottom: r, right: 2 }));
  });
  sheet.freeze = { rows: 1, cols: 0 };
  return sheet;
}

const GUIDE: [string, string][] = [
  [
    'Sổ này là bộ quy tắc kiểm tra và tổng hợp danh sách đề cử. Sửa trực tiếp các sheet rồi lưu; chương trình đọc lại sổ này như tệp quy tắc JSON.',
    'This workbook is the rulebook that checks and merges the nomination lists. Edit the sheets and save; the program reads it back as it reads a JSON rulebook.',
  ],
  ['Chung: cơ quan tổng hợp, người ký, năm, giai đoạn, hạn nộp, tiêu đề và văn bản của báo cáo. Chỉ sửa cột "Giá trị"; không sửa cột "Mã".', 'Chung: the collecting agency, signer, year, period, deadline, titles and report texts. Edit the "Giá trị" column only.'],
  ['Đơn vị: mỗi dòng một đơn vị gửi danh sách (mã, tên, loại, các tên gọi khác, cơ quan cấp trên, địa danh). Thêm đơn vị bằng cách thêm dòng.', 'Đơn vị: one row per unit that sends a list. Add a unit by adding a row.'],
  ['Loại đơn vị: các loại đơn vị và số lượng được đề cử của mỗi loại (tổng số, số cán bộ quản lý, mỗi cấp, các cấp được đề cử, có bắt buộc đủ các cấp không), cùng văn bản trên mẫu của loại đó.', 'Loại đơn vị: kinds of unit and their quotas, with the texts of their units’ lists.'],
  ['Cấp học, Chức vụ (cột "Cán bộ quản lý"), Cột (các cột của danh sách, cột bắt buộc, tên cột khác), Đề nghị Bộ (số lượng đề nghị theo Quyết định 4996/QĐ-BGDĐT).', 'Cấp học (levels), Chức vụ (positions, with the manager flag), Cột (columns), Đề nghị Bộ (the shortlist quota).'],
  ['Trong một ô có nhiều tên (tên gọi khác, nơi nhận…): mỗi tên một dòng, nhấn Alt+Enter để xuống dòng. Mã cấp học trong một ô: cách nhau bằng dấu phẩy.', 'Several names in one cell: one a line (Alt+Enter). Level codes in one cell: separated by commas.'],
  [
    'Dùng sổ này: dien-hinh check THƯ_MỤC --rules quy-tac.xlsx (cũng như với merge, template). Nếu sổ có lỗi, chương trình không dùng sổ và liệt kê từng lỗi ở sheet và ô của nó (ví dụ: Đơn vị!C14).',
    'Use it: dien-hinh check FOLDER --rules quy-tac.xlsx (merge and template alike). A workbook with mistakes is refused, with each mistake at its sheet and cell.',
  ],
];

function guideSheet(rulebook: Rulebook): BookSheet {
  const sheet = newSheet(RULEBOOK_SHEETS.guide);
  sheet.showGridLines = false;
  const w = new SheetWriter(sheet);
  sheet.columns = [{ width: 110 }];
  w.set(0, 0, `HƯỚNG DẪN SỬA BỘ QUY TẮC — ${rulebook.name}`, 'rbGuideTitle');
  w.height(0, 24);
  let r = 2;
  if (rulebook.units.length === 0) {
    w.set(r++, 0, 'Sheet Đơn vị đang trống: danh sách đơn vị là của cơ quan tổng hợp nhập. Chương trình không tự tạo danh sách đơn vị chính thức; hãy nhập các đơn vị thật trước khi kiểm tra.', 'rbWarn');
    w.set(r++, 0, 'The Đơn vị sheet is empty: the real list of units is the office’s to enter; the program invents none.', 'rbGuideEn');
    r++;
  }
  for (const [vi, en] of GUIDE) {
    w.set(r++, 0, vi, 'rbGuide');
    w.set(r++, 0, en, 'rbGuideEn');
    r++;
  }
  return sheet;
}

/** The rulebook as an editable workbook. */
export function buildRulebookBook(rulebook: Rulebook): Book {
  const [units, kinds, levels, positions, columns] = TABLES.map((t) => tableSheet(rulebook, t));
  const kindCount = Object.keys(rulebook.kinds).length;
  const names: DefinedName[] = [
    { name: KIND_LIST_NAME, sheet: RULEBOOK_SHEETS.kinds, range: { top: 1, left: 0, bottom: kindCount + 20, right: 0 } },
  ];
  return {
    properties: { creator: CREATOR, title: `Quy tắc — ${rulebook.name}` },
    defaultFont: FONT,
    styles: { ...STYLES, ...RB_STYLES },
    sheets: [
      guideSheet(rulebook),
      keyValueSheet(rulebook, RULEBOOK_SHEETS.general, GENERAL_FIELDS),
      units,
      kinds,
      levels,
      positions,
      columns,
      keyValueSheet(rulebook, RULEBOOK_SHEETS.shortlist, SHORTLIST_FIELDS),
    ],
    names,
    activeSheet: 0,
  };
}
