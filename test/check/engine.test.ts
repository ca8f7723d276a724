import { checkWorkbooks } from '../../src/check/index';
import { defaultRulebook } from '../../src/rules/index';
import { field, valueCell } from '../../src/sheet/submission';
import { book, grid, headerBlock, NUMBERING, SIGNATURE, STANDARD_HEADER, validRows, ACHIEVEMENT, type Raw } from '../helpers/grid';

const rb = defaultRulebook;

function sheet(rows: Raw[][], header: Raw[] = STANDARD_HEADER, top: Raw[][] = headerBlock()) {
  return grid('Danh sách', [...top, header, NUMBERING, ...rows, ...SIGNATURE]);
}

function check(...files: { file: string; rows: Raw[][]; top?: Raw[][]; header?: Raw[] }[]) {
  return checkWorkbooks(
    files.map((f) => ({ file: f.file, workbook: book(sheet(f.rows, f.header, f.top)) })),
    rb,
  );
}

const ids = (r: ReturnType<typeof check>) => r.findings.map((f) => `${f.ruleId}@${f.cell ?? '-'}`);

describe('checking a standard sheet', () => {
  it('a valid submission gives no finding, its unit, date and every nominee', () => {
    const r = check({ file: 'cu-jut.xlsx', rows: validRows() });
    expect(r.findings).toEqual([]);
    const s = r.submissions[0];
    expect(s.unit?.id).toBe('cu-jut');
    expect(s.unitSource).toBe('header');
    expect(s.date).toEqual({ y: 2025, m: 6, d: 20 });
    expect(s.dateCell).toBe('E3');
    expect(s.headerRow).toBe(6);
    expect(s.nominations.map((n) => n.row)).toEqual([8, 9, 10]);
    expect(s.nominations.map((n) => n.name)).toEqual(['Nguyễn Thị Lan', 'H’ Ngăn Byă', 'Lê Văn Minh']);
    expect(s.nominations[2].manager).toBe(true);
    expect(s.status).toBe('ok');
    expect(r.summary).toEqual({ submissions: 1, nominees: 3, errors: 0, warnings: 0, infos: 0 });
  });

  it('finds field errors at their cells', () => {
    const rows = validRows();
    rows[0][1] = ''; // blank name
    rows[1][2] = '31/02/1988';
    rows[2][5] = 'Đại học';
    rows[2][6] = '';
    rows[1][7] = 'Khiển trách năm 2024';
    const r = check({ file: 'a.xlsx', rows });
    expect(ids(r)).toEqual(
      expect.arrayContaining(['FIELD_REQUIRED@B8', 'FIELD_INVALID_DATE@C9', 'CRITERIA_DISCIPLINE@H9', 'FIELD_INVALID_VALUE@F10', 'CRITERIA_EVIDENCE_MISSING@G10']),
    );
    const date = r.findings.find((f) => f.ruleId === 'FIELD_INVALID_DATE');
    expect(date?.message).toContain('không tồn tại');
    expect(date?.row).toBe(9);
    expect(date?.value).toBe('31/02/1988');
    expect(r.submissions[0].status).toBe('invalid');
  });

  it('applies the Phòng quotas: total, one per level, levels allowed, managers', () => {
    const rows: Raw[][] = [
      [1, 'Nguyễn Văn An', '01/01/1980', 'HT', 'Trường TH Kim Đồng', 'TH', ACHIEVEMENT, 'Không'],
      [2, 'Trần Thị Bình', '02/02/1981', 'P.HT', 'Trường TH Lê Lợi', 'TH', ACHIEVEMENT, 'Không'],
      [3, 'Phạm Văn Cường', '03/03/1982', 'GV', 'Trường THPT Phan Chu Trinh', 'THPT', ACHIEVEMENT, 'Không'],
      [4, 'Lê Thị Dung', '04/04/1983', 'GV', 'Trường THCS Chu Văn An', 'THCS', ACHIEVEMENT, 'Không'],
    ];
    const r = check({ file: 'q.xlsx', rows });
    expect(ids(r)).toEqual(
      expect.arrayContaining(['QUOTA_TOTAL_EXCEEDED@B11', 'QUOTA_LEVEL_DUPLICATE@F9', 'QUOTA_LEVEL_NOT_ALLOWED@F10', 'QUOTA_MANAGER_EXCEEDED@D9', 'QUOTA_LEVEL_MISSING@-']),
    );
    expect(r.findings.find((f) => f.ruleId === 'QUOTA_LEVEL_MISSING')?.message).toContain('Mầm non');
  });

  it('a Khối may nominate one teacher of any level', () => {
    const top = headerBlock('X', 'Gia Nghĩa, ngày 01 tháng 6 năm 2025');
    top[0][0] = 'SỞ GD&ĐT ĐẮK NÔNG';
    top[1][0] = 'KHỐI THI ĐUA SỐ 3';
    const one = [[1, 'Đỗ Thị Hạnh', '11/11/1985', 'Giáo viên', 'Trường THPT Chu Văn An', 'THPT', ACHIEVEMENT, 'Không']];
    const ok = check({ file: 'k3.xlsx', rows: one, top });
    expect(ok.findings).toEqual([]);
    expect(ok.submissions[0].unit?.id).toBe('khoi-3');
    const two = [...one, [2, 'Y Khuê Niê', '12/12/1986', 'Giáo viên', 'Trường THPT Krông Nô', 'THPT', ACHIEVEMENT, 'Không']];
    expect(ids(check({ file: 'k3.xlsx', rows: two, top }))).toEqual(['QUOTA_TOTAL_EXCEEDED@B9']);
  });

  it('the same person in two units, and one unit twice', () => {
    const a = validRows();
    const b = validRows();
    b[0][1] = 'NGUYỄN THỊ LAN'; // same person, other case
    const r = check({ file: 'a.xlsx', rows: a }, { file: 'b.xlsx', rows: b });
    const dup = r.findings.filter((f) => f.ruleId === 'DUPLICATE_PERSON');
    expect(dup.map((f) => `${f.file}!${f.cell}`)).toEqual(['a.xlsx!B8', 'a.xlsx!B9', 'a.xlsx!B10', 'b.xlsx!B8', 'b.xlsx!B9', 'b.xlsx!B10']);
    expect(dup).toHaveLength(6);
    expect(dup[0].message).toContain('b.xlsx');
    expect(r.findings.filter((f) => f.ruleId === 'DUPLICATE_SUBMISSION')).toHaveLength(2);
  });

  it('late submissions and unknown units', () => {
    const late = check({ file: 'late.xlsx', rows: validRows(), top: headerBlock('CƯ JÚT', 'Cư Jút, ngày 20 tháng 12 năm 2025') });
    expect(ids(late)).toEqual(['SUBMISSION_LATE@E3']);
    expect(late.findings[0].message).toBe('Văn bản đề ngày 20/12/2025, sau hạn gửi danh sách đề cử 30/06/2025.');
    const unknown = check({ file: 'x.xlsx', rows: validRows(), top: headerBlock('LẮK', 'Lắk, ngày 20 tháng 6 năm 2025') });
    expect(ids(unknown)).toEqual(['UNIT_UNKNOWN@-']);
    expect(unknown.findings[0].message).toContain('UBND HUYỆN LẮK');
  });

  it('the nomination lists are due on the nominations\' date (30/6 by default), not on the reports\' 15/12', () => {
    const dated = (line: string, rulebook = defaultRulebook) =>
      ids(checkWorkbooks([{ file: 'cu-jut.xlsx', workbook: book(sheet(validRows(), STANDARD_HEADER, headerBlock('CƯ JÚT', line))) }], rulebook));
    expect(dated('Cư Jút, ngày 30 tháng 6 năm 2025')).toEqual([]);
    expect(dated('Cư Jút, ngày 01 tháng 7 năm 2025')).toEqual(['SUBMISSION_LATE@E3']);
    // Before the reports' 15/12, and yet late: 15/12 is not the lists' deadline.
    expect(dated('Cư Jút, ngày 10 tháng 12 năm 2025')).toEqual(['SUBMISSION_LATE@E3']);
    // The office sets the day from the Department's yearly letter: a list dated 20/12 is on time
    // when the letter says 31/12, though it is after the reports' 15/12.
    const letter = { ...defaultRulebook, deadlines: { nominations: { day: 31, month: 12 }, reports: { day: 15, month: 12 } } };
    expect(dated('Cư Jút, ngày 20 tháng 12 năm 2025', letter)).toEqual([]);
    const early = { ...defaultRulebook, deadlines: { nominations: { day: 15, month: 6 }, reports: { day: 15, month: 12 } } };
    expect(dated('Cư Jút, ngày 20 tháng 6 năm 2025', early)).toEqual(['SUBMISSION_LATE@E3']);
  });

  it('an out-of-range age is a warning, and the unit can come from the file name', () => {
    const rows = validRows();
    rows[0][2] = 2008;
    const r = check({ file: 'DS_de_cu_Krong_No.xlsx', rows, top: [['DANH SÁCH ĐỀ CỬ'], []] });
    expect(r.submissions[0].unit?.id).toBe('krong-no');
    expect(r.submissions[0].unitSource).toBe('file');
    expect(ids(r)).toEqual(['FIELD_OUT_OF_RANGE@C5']);
    expect(r.findings[0].severity).toBe('warning');
    expect(r.submissions[0].status).toBe('ok');
  });

  it('reports formulas and formula-like text, and a sheet with no table', () => {
    const rows = validRows();
    rows[0][6] = '=HYPERLINK("http://x","bấm")';
    rows[1][6] = { v: ACHIEVEMENT, f: 'CONCATENATE(X1,Y1)' };
    rows[2][6] = '- Chiến sĩ thi đua cơ sở (2023)';
    const r = check({ file: 'f.xlsx', rows });
    expect(ids(r)).toEqual(['CELL_FORMULA_NEUTRALIZED@G8', 'CELL_FORMULA_NEUTRALIZED@G9']);
    const none = checkWorkbooks([{ file: 'empty.xlsx', workbook: book(grid('Sheet1', [['Ghi chú'], ['abc']])) }], rb);
    expect(ids(none)).toEqual(['SHEET_NO_NOMINATIONS@-']);
    expect(none.submissions[0].status).toBe('invalid');
  });

  it('an empty template sent as it is: the table is found but lists nobody, an error at its header', () => {
    const r = check({ file: 'cu-jut.xlsx', rows: [] });
    expect(r.submissions[0].headerRow).toBe(6);
    expect(ids(r)).toEqual(['SHEET_NO_NOMINATIONS@B6']);
    expect(r.findings[0].message).toContain('chưa có người nào được đề cử');
    expect(r.findings[0].messageEn).toContain('lists nobody');
    expect(r.submissions[0].status).toBe('invalid');
    // Beside a filled sheet, only the empty one is flagged; the list itself stays valid.
    const filled = sheet(validRows());
    const empty = { ...sheet([]), name: 'Bản sao' };
    const both = checkWorkbooks([{ file: 'cu-jut.xlsx', workbook: book(filled, empty) }], rb);
    const flagged = both.findings.filter((f) => f.ruleId === 'SHEET_NO_NOMINATIONS');
    expect(flagged.map((f) => f.sheet)).toEqual(['Bản sao']);
    expect(both.submissions.find((s) => s.sheet === 'Danh sách')?.status).toBe('ok');
  });

  it('an unreadable file is a finding, and merge lists the units that sent nothing', () => {
    const r = checkWorkbooks(
      [
        { file: 'bad.xlsx', unreadable: { code: 'not-zip', message: 'Tệp không phải bảng tính Excel.', messageEn: 'Not a workbook.' } },
        { file: 'cu-jut.xlsx', workbook: book(sheet(validRows())) },
      ],
      rb,
      { merge: true },
    );
    expect(r.findings[0]).toMatchObject({ ruleId: 'FILE_UNREADABLE', severity: 'error', file: 'bad.xlsx', cell: null, row: null });
    expect(r.findings[0].message).toContain('Tệp không phải bảng tính Excel.');
    expect(r.submissions[0].status).toBe('unreadable');
    const missing = r.findings.filter((f) => f.ruleId === 'SUBMISSION_MISSING');
    expect(missing).toHaveLength(13);
    expect(missing.map((f) => f.message)).toContain('Phòng GD&ĐT huyện Tuy Đức chưa gửi danh sách đề cử.');
  });
});

describe('messy layouts', () => {
  it('a two-row header with merged cells and Ngày sinh split into Nam / Nữ', () => {
    const top = headerBlock('ĐẮK MIL', 'Đắk Mil, ngày 5 tháng 6 năm 2025');
    const h1: Raw[] = ['STT', 'Họ tên', 'Ngày sinh', null, 'Chức vụ', 'Trường', 'Cấp', 'Thành tích'];
    const h2: Raw[] = [null, null, 'Nam', 'Nữ', null, null, null, null];
    const data: Raw[][] = [
      [1, 'Điểu Thị Lan', null, '1987', 'GV', 'Trường MN Sơn Ca', 'MN', ACHIEVEMENT],
      [2, 'Y Khuê Niê', { v: 30000, date: true }, null, 'TTCM', 'TH Kim Đồng', 'TH', ACHIEVEMENT],
      [3, 'Vũ Thị Hồng', null, '07/07/1990', 'P.HT', 'THCS Lý Tự Trọng', 'THCS', ACHIEVEMENT],
    ];
    const merges = [
      { top: 5, left: 0, bottom: 6, right: 0 },
      { top: 5, left: 1, bottom: 6, right: 1 },
      { top: 5, left: 2, bottom: 5, right: 3 },
      { top: 5, left: 4, bottom: 6, right: 4 },
      { top: 5, left: 5, bottom: 6, right: 5 },
      { top: 5, left: 6, bottom: 6, right: 6 },
      { top: 5, left: 7, bottom: 6, right: 7 },
    ];
    const g = grid('DS', [...top, h1, h2, ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)'], ...data, ...SIGNATURE], merges);
    const r = checkWorkbooks([{ file: 'dm.xlsx', workbook: book(g) }], rb);
    expect(r.findings).toEqual([]);
    const n = r.submissions[0].nominations;
    expect(n.map((x) => x.gender)).toEqual(['Nữ', 'Nam', 'Nữ']);
    expect(n.map((x) => x.birth)).toEqual([{ y: 1987 }, { y: 1982, m: 2, d: 18 }, { y: 1990, m: 7, d: 7 }]);
    expect(n.map((x) => x.row)).toEqual([9, 10, 11]);
    // Each birth date is at the cell it was written in, under Nam or under Nữ.
    expect(n.map((x) => valueCell(x, 'ngaySinh'))).toEqual(['D9', 'C10', 'D11']);
    expect(field(n[0], 'ngaySinh')).toEqual({ col: 3, row: 9, raw: '1987', text: '1987' });
    expect(field(n[1], 'ngaySinh')).toMatchObject({ col: 2, row: 10, raw: 30000 });
    expect(r.submissions[0].unit?.id).toBe('dak-mil');
  });

  it('headers without diacritics, in another order, no level column (derived from the school)', () => {
    const header: Raw[] = ['So TT', 'Ho va ten', 'Don vi cong tac', 'Chuc vu', 'Nam sinh', 'Tom tat thanh tich'];
    const rows: Raw[][] = [
      [1, 'Nguyễn Thị Lan', 'Trường Mầm non Hoa Sen', 'Giáo viên', 1984, ACHIEVEMENT],
      [2, 'K’ Thị Hoa', 'TH Trần Phú', 'GV', 1990, ACHIEVEMENT],
      [3, 'Lê Văn Minh', 'THCS Nguyễn Du', 'Tổ trưởng chuyên môn', 1979, ACHIEVEMENT],
    ];
    const g = grid('Sheet1', [['Đơn vị: Phòng GD&ĐT huyện Tuy Đức'], [], header, ...rows]);
    const r = checkWorkbooks([{ file: 'x.xlsx', workbook: book(g) }], rb);
    expect(r.findings).toEqual([]);
    expect(r.submissions[0].unit?.id).toBe('tuy-duc');
    expect(r.submissions[0].unitSource).toBe('label');
    expect(r.submissions[0].nominations.map((n) => [n.level, n.levelDerived])).toEqual([
      ['MN', true],
      ['TH', true],
      ['THCS', true],
    ]);
  });

  it('NFD text reads the same as NFC, and a level that cannot be derived is asked for', () => {
    const rows = validRows().map((r) => r.map((v) => (typeof v === 'string' ? v.normalize('NFD') : v)));
    const top = headerBlock().map((r) => r.map((v) => (typeof v === 'string' ? v.normalize('NFD') : v)));
    const r = check({ file: 'nfd.xlsx', rows, top, header: STANDARD_HEADER.map((h) => (typeof h === 'string' ? h.normalize('NFD') : h)) });
    expect(r.findings).toEqual([]);
    expect(r.submissions[0].nominations[1].name).toBe('H’ Ngăn Byă'.normalize('NFC'));
    const header: Raw[] = ['TT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Đơn vị công tác', 'Tóm tắt thành tích'];
    const g = grid('S', [...headerBlock(), header, [1, 'A B', '01/01/1980', 'GV', 'Trường TH&THCS Lê Lợi', ACHIEVEMENT]]);
    const r2 = checkWorkbooks([{ file: 'y.xlsx', workbook: book(g) }], rb);
    expect(r2.findings.map((f) => `${f.ruleId}@${f.cell}`)).toContain('FIELD_REQUIRED@E7');
  });

  it('section rows and pre-numbered empty rows are not nominees; the table stops at the signature', () => {
    const rows: Raw[][] = [['I. CẤP MẦM NON'], ...validRows().slice(0, 1), ['II. CẤP TIỂU HỌC'], ...validRows().slice(1), [4], [5]];
    const g = grid('S', [...headerBlock(), STANDARD_HEADER, NUMBERING, ...rows, ...SIGNATURE], [
      { top: 7, left: 0, bottom: 7, right: 7 },
      { top: 9, left: 0, bottom: 9, right: 7 },
    ]);
    const r = checkWorkbooks([{ file: 'cu-jut.xlsx', workbook: book(g) }], rb);
    expect(r.findings).toEqual([]);
    expect(r.submissions[0].nominations.map((n) => n.row)).toEqual([9, 11, 12]);
  });

  it('a missing required column is reported once', () => {
    const header: Raw[] = ['TT', 'Họ và tên', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích'];
    const g = grid('S', [...headerBlock(), header, [1, 'Nguyễn Văn A', 'GV', 'TH Kim Đồng', 'TH', ACHIEVEMENT]]);
    const r = checkWorkbooks([{ file: 'cu-jut.xlsx', workbook: book(g) }], rb);
    expect(r.findings.filter((f) => f.ruleId === 'HEADER_MISSING_COLUMN').map((f) => f.message)).toEqual([
      'Bảng thiếu cột bắt buộc "Ngày sinh". Hãy thêm cột này vào dòng tiêu đề (dòng 6).',
    ]);
  });
});

describe('a combined "Chức vụ, đơn vị công tác" column', () => {
  it('reads the position from the start and the school (and so the level) from the whole text', () => {
    const header: Raw[] = ['TT', 'Họ và tên', 'Năm sinh', 'Chức vụ, đơn vị công tác', 'Tóm tắt thành tích'];
    const rows: Raw[][] = [
      [1, 'Nguyễn Thị Lan', 1984, 'Giáo viên Trường Mầm non Hoa Sen', ACHIEVEMENT],
      [2, 'Y Khuê Niê', 1988, 'Tổ trưởng chuyên môn, Trường TH Trần Phú', ACHIEVEMENT],
      [3, 'Lê Văn Minh', 1979, 'Hiệu trưởng Trường THCS Nguyễn Du', ACHIEVEMENT],
    ];
    const r = checkWorkbooks([{ file: 'cu-jut.xlsx', workbook: book(grid('S', [...headerBlock(), header, ...rows])) }], rb);
    expect(r.findings).toEqual([]);
    const n = r.submissions[0].nominations;
    expect(n.map((x) => [x.positionName, x.manager, x.level])).toEqual([
      ['Giáo viên', false, 'MN'],
      ['Tổ trưởng chuyên môn', false, 'TH'],
      ['Hiệu trưởng', true, 'THCS'],
    ]);
  });
});
