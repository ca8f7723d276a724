/**
 * A nomination's values as the checks ask for them: by field key, with the cell each was read from,
 * empty where the row leaves the field empty, formulas kept beside their cached values.
 */
import { emptySubmission, field, fieldAt, fieldCell, fieldSet, hasField, hasIn, textIn, textOf, valueCell, valueText, type Nomination } from '../../src/sheet/submission';
import { readSheet } from '../../src/sheet/read';
import { defaultRulebook } from '../../src/rules/index';
import { grid, headerBlock, NUMBERING, ACHIEVEMENT, type Raw } from '../helpers/grid';

// Columns A–H; data from Excel row 8 (header block, header row 6, numbering row 7).
const HEADER = ['TT', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Chức vụ', 'Đơn vị công tác', 'Tóm tắt thành tích', 'Ghi chú'];
const ROWS: Raw[][] = [
  [1, 'Nguyễn Thị Lan', 'Nữ', '12/03/1984', 'GV', 'Trường Mầm non Hoa Sen', { v: 'Giáo viên giỏi', f: 'CONCAT("Giáo viên"," giỏi")' }, null],
  [2, 'Lê Văn Minh', 'Nam', { v: 28875, date: true }, 'P.HT', 'THCS Nguyễn Du', ACHIEVEMENT, ''],
  [3, 'Y Khuê Niê', 'Nữ', 1988, 'GV', 'Trường TH Lê Lợi', { v: '', f: 'Sheet2!A1' }, 'Đảng viên'],
];

function nominations(): Nomination[] {
  const s = readSheet(grid('Danh sách', [...headerBlock(), HEADER, NUMBERING, ...ROWS]), { file: 'cu-jut.xlsx', rulebook: defaultRulebook, date1904: false });
  if (!s) throw new Error('no table');
  return s.nominations;
}

describe('a nomination’s values', () => {
  const [lan, minh, khue] = nominations();

  test('field: the column, the Excel row, the stored value and its text', () => {
    expect(field(lan, 'hoTen')).toEqual({ col: 1, row: 8, raw: 'Nguyễn Thị Lan', text: 'Nguyễn Thị Lan' });
    expect(field(minh, 'ngaySinh')).toEqual({ col: 3, row: 9, raw: 28875, text: '20/01/1979' });
    expect(field(khue, 'ngaySinh')).toEqual({ col: 3, row: 10, raw: 1988, text: '1988' });
  });

  test('a formula cell keeps its formula; a formula with an empty result is still a value', () => {
    expect(field(lan, 'tomTat')).toEqual({ col: 6, row: 8, raw: 'Giáo viên giỏi', text: 'Giáo viên giỏi', formula: 'CONCAT("Giáo viên"," giỏi")' });
    expect(field(khue, 'tomTat')).toEqual({ col: 6, row: 10, raw: '', text: '', formula: 'Sheet2!A1' });
    expect(hasField(khue, 'tomTat')).toBe(true);
    expect(valueText(khue, 'tomTat')).toBe('');
    expect(valueCell(khue, 'tomTat')).toBe('G10');
  });

  test('an empty cell, a blank text and a column the table lacks give no value', () => {
    expect(field(lan, 'ghiChu')).toBeUndefined();
    expect(field(minh, 'ghiChu')).toBeUndefined();
    expect(field(lan, 'capHoc')).toBeUndefined();
    expect([hasField(lan, 'ghiChu'), hasField(lan, 'capHoc'), hasField(khue, 'ghiChu')]).toEqual([false, false, true]);
    expect([valueCell(lan, 'ghiChu'), valueText(lan, 'ghiChu'), textOf(lan, 'ghiChu')]).toEqual([null, null, '']);
    expect([valueCell(lan, 'capHoc'), valueText(lan, 'capHoc'), textOf(lan, 'capHoc')]).toEqual([null, null, '']);
  });

  test('valueCell and fieldCell: the A1 address of the value', () => {
    expect(valueCell(khue, 'ghiChu')).toBe('H10');
    expect(valueCell(minh, 'chucVu')).toBe('E9');
    const fv = field(minh, 'donVi');
    expect(fv && fieldCell(fv)).toBe('F9');
  });

  test('fieldAt by position matches field by key', () => {
    for (const n of [lan, minh, khue]) {
      n.fields.keys.forEach((k, i) => expect(fieldAt(n, i)).toEqual(field(n, k)));
    }
    expect(lan.fields.keys).toEqual(['stt', 'hoTen', 'gioiTinh', 'ngaySinh', 'chucVu', 'donVi', 'tomTat', 'ghiChu']);
  });

  test('textIn and hasIn read a row’s arrays by key', () => {
    expect(textIn(minh.fields, minh.text, 'chucVu')).toBe('P.HT');
    expect(textIn(minh.fields, minh.text, 'capHoc')).toBe('');
    expect(hasIn(minh.fields, minh.raw, 'ghiChu')).toBe(false);
    expect(hasIn(khue.fields, khue.raw, 'ghiChu')).toBe(true);
  });
});

describe('a value written under Nữ in a split birth-date column', () => {
  test('is found at its own column, not the field’s first one', () => {
    const h1: Raw[] = ['TT', 'Họ và tên', 'Ngày sinh', null, 'Chức vụ', 'Đơn vị công tác', 'Tóm tắt thành tích'];
    const h2: Raw[] = [null, null, 'Nam', 'Nữ', null, null, null];
    const merges = [0, 1, 4, 5, 6].map((c) => ({ top: 0, left: c, bottom: 1, right: c }));
    merges.push({ top: 0, left: 2, bottom: 0, right: 3 });
    const g = grid('S', [h1, h2, [1, 'Điểu Thị Lan', null, '1987', 'GV', 'Trường MN Sơn Ca', ACHIEVEMENT], [2, 'Y Khuê Niê', '1982', null, 'GV', 'Trường TH Kim Đồng', ACHIEVEMENT]], merges);
    const [lan, khue] = readSheet(g, { file: 'x.xlsx', rulebook: defaultRulebook, date1904: false })?.nominations ?? [];
    expect(field(lan, 'ngaySinh')).toEqual({ col: 3, row: 3, raw: '1987', text: '1987' });
    expect(valueCell(lan, 'ngaySinh')).toBe('D3');
    expect(field(khue, 'ngaySinh')).toEqual({ col: 2, row: 4, raw: '1982', text: '1982' });
    // The other fields of the row keep their own columns.
    expect(valueCell(lan, 'chucVu')).toBe('E3');
  });
});

describe('fieldSet and emptySubmission', () => {
  test('fieldSet: keys in the given order, their columns, their positions', () => {
    const set = fieldSet(['hoTen', 'chucVu', 'ngaySinh'], { stt: 0, hoTen: 1, ngaySinh: 3, chucVu: 4 });
    expect(set).toEqual({ keys: ['hoTen', 'chucVu', 'ngaySinh'], cols: [1, 4, 3], at: { hoTen: 0, chucVu: 1, ngaySinh: 2 } });
  });

  test('an empty submission: no table, no unit, the status given', () => {
    expect(emptySubmission('in/hong.xlsx', 'unreadable')).toEqual({
      file: 'in/hong.xlsx',
      sheet: null,
      unit: null,
      unitSource: null,
      unitText: null,
      date: null,
      dateCell: null,
      headerRow: null,
      columns: {},
      nominations: [],
      legacy: null,
      legacyCells: 0,
      legacyFirst: null,
      levelFromSchoolOnly: false,
      status: 'unreadable',
    });
  });
});
