import { readActiveSheetGrid, readAllSheetGrids, readWorkbookName, toCell } from '../../src/office/read';
import { MARKS_SHEET } from '../../src/office/marks';
import { OfficeOpError } from '../../src/office/errors';
import { supportUpTo } from '../../src/office/support';
import { FakeWorkbook } from './fake-excel';

const SUMMARY =
  'Hoàn thành xuất sắc nhiệm vụ năm học; đạt danh hiệu Chiến sĩ thi đua cơ sở hai năm liền; có sáng kiến kinh nghiệm được công nhận cấp huyện.';

/** A big nomination sheet: header block, table header, `n` rows of realistic text. */
function bigSheet(wb: FakeWorkbook, name: string, n: number): void {
  wb.addSheet(name);
  wb.set(name, 'A1', 'UBND HUYỆN CƯ JÚT');
  wb.set(name, 'A2', 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO');
  const header = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Trình độ', 'Năm công tác', 'Danh hiệu', 'Tóm tắt thành tích'];
  wb.setRows(name, 'A5', [header]);
  const s = wb.sheet(name);
  for (let i = 0; i < n; i++) {
    const r = 5 + i;
    const row = [i + 1, `Nguyễn Thị Lan ${i}`, 30000 + (i % 5000), i % 2 ? 'Nữ' : 'Nam', 'Kinh', 'Giáo viên', 'Trường Tiểu học Trần Phú', 'TH', 'Đại học', 12, 'CSTĐCS', SUMMARY];
    row.forEach((v, c) => {
      const cell = s.ensure(r, c);
      cell.v = v;
      if (c === 2) cell.fmt = 'dd/mm/yyyy';
    });
  }
}

describe('readActiveSheetGrid', () => {
  test('a 10,000-row sheet is read in at most 3 syncs, every one under the 5 MB limit', async () => {
    const wb = new FakeWorkbook({ apiVersion: '1.18' });
    bigSheet(wb, 'Danh sách', 10_000);
    const { sheets } = await readActiveSheetGrid(wb.context(), { support: supportUpTo('1.18') });
    expect(wb.syncCount).toBeLessThanOrEqual(3);
    for (const s of wb.syncs) {
      expect(s.requestBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
      expect(s.responseBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
    }
    const g = sheets[0];
    expect(g.name).toBe('Danh sách');
    expect(g.rows[4][1]).toEqual({ v: 'Họ và tên', font: 'Calibri' });
    expect(g.rows[5 + 9_999][1]?.v).toBe('Nguyễn Thị Lan 9999');
    expect(g.rows[5][2]).toMatchObject({ v: 30000, date: true });
    expect(g.rows[5][11]?.v).toBe(SUMMARY);
    expect(g.rows.length).toBe(5 + 10_000);
  });

  test('the bulk read carries text once (formulas only); formula cells get their cached values in one more sync', async () => {
    const wb = new FakeWorkbook({ apiVersion: '1.1' });
    bigSheet(wb, 'DS', 20);
    const s = wb.sheet('DS');
    Object.assign(s.ensure(5, 9), { v: 13, f: 'J7+1' });
    Object.assign(s.ensure(6, 2), { v: 30001, f: 'C6+1', fmt: 'dd/mm/yyyy' });
    Object.assign(s.ensure(7, 11), { v: '=không phải công thức' });
    const { sheets } = await readActiveSheetGrid(wb.context(), { support: supportUpTo('1.1') });
    const g = sheets[0];
    expect(g.rows[5][9]).toMatchObject({ v: 13, f: 'J7+1' });
    expect(g.rows[6][2]).toMatchObject({ v: 30001, f: 'C6+1', date: true });
    expect(g.rows[7][11]?.v).toBe('=không phải công thức');
    expect(g.rows[7][11]?.f).toBeUndefined();
    expect(g.rows[8][11]?.v).toBe(SUMMARY);
    expect(wb.syncCount).toBe(3);
  });

  test('on ExcelApi 1.1 (Office 2016) it still works, without merged areas', async () => {
    const wb = new FakeWorkbook({ apiVersion: '1.1' });
    bigSheet(wb, 'DS', 50);
    wb.sheet('DS').merges.push({ top: 0, left: 0, bottom: 0, right: 3 });
    const { sheets } = await readActiveSheetGrid(wb.context(), { support: supportUpTo('1.1') });
    expect(sheets[0].rows[54][1]?.v).toBe('Nguyễn Thị Lan 49');
    expect(sheets[0].merges).toEqual([]);
    expect(wb.syncCount).toBe(2);
  });

  test('a used range starting at C5 keeps the sheet’s own rows and columns', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Lệch');
    wb.set('Lệch', 'C5', 'Họ và tên');
    wb.set('Lệch', 'D5', 'Ngày sinh');
    wb.set('Lệch', 'C6', 'Y Khuê Niê');
    wb.set('Lệch', 'D6', { v: 31000, fmt: 'd/m/yyyy' });
    wb.set('Lệch', 'E8', { v: 3, f: 'COUNTA(C6:C8)' });
    const { sheets } = await readActiveSheetGrid(wb.context(), { support: supportUpTo('1.18') });
    const g = sheets[0];
    expect(g.rows[4][2]?.v).toBe('Họ và tên');
    expect(g.rows[5][2]?.v).toBe('Y Khuê Niê');
    expect(g.rows[5][3]).toMatchObject({ v: 31000, date: true });
    expect(g.rows[7][4]).toMatchObject({ v: 3, f: 'COUNTA(C6:C8)' });
    expect(g.rows[4][0]).toBeUndefined();
    expect(g.rows[4][1]).toBeUndefined();
    for (let r = 0; r < 4; r++) expect(g.rows[r]).toEqual([]);
    expect(g.rows.length).toBe(8);
  });

  test('merged header cells come back as 0-based ranges', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Danh sách');
    wb.setRows('Danh sách', 'A1', [['DANH SÁCH ĐỀ CỬ', '', ''], ['STT', 'Họ và tên', 'Ngày sinh']]);
    wb.sheet('Danh sách').merges.push({ top: 0, left: 0, bottom: 0, right: 2 });
    const { sheets } = await readActiveSheetGrid(wb.context(), { support: supportUpTo('1.13') });
    expect(sheets[0].merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
  });

  test('an empty sheet gives an empty grid in one sync', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Trống');
    const { sheets } = await readActiveSheetGrid(wb.context(), { support: supportUpTo('1.18') });
    expect(sheets[0]).toEqual({ name: 'Trống', rows: [], merges: [] });
    expect(wb.syncCount).toBe(1);
  });

  test('long texts beyond the estimate: a sample is measured and the rest planned from it', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Dài');
    const s = wb.sheet('Dài');
    for (let r = 0; r < 3000; r++) for (let c = 0; c < 3; c++) s.ensure(r, c).v = `${r}:${c} ` + 'ă'.repeat(600);
    const { sheets } = await readActiveSheetGrid(wb.context(), { support: supportUpTo('1.18') });
    expect(sheets[0].rows[2999][2]?.v).toMatch(/^2999:2 ă+$/);
    expect(sheets[0].rows.filter((r) => r.length > 0).length).toBe(3000);
    const failed = wb.syncs.filter((x) => x.responseBytes > wb.payloadLimit);
    expect(failed.length).toBeGreaterThan(0); // the first try was too big …
    // … then 21 MB of data in about 4 MB syncs: dims, the refused try, the sample, ~7 reads
    expect(wb.syncCount).toBeLessThanOrEqual(10);
    expect(wb.syncs.filter((x) => x.responseBytes > wb.payloadLimit).length).toBe(1);
  });

  test('fonts of a uniform column reach the cells (legacy .VnTime text is recognisable)', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Cũ');
    wb.set('Cũ', 'A1', { v: 'Hä vµ tªn', font: '.VnTime' });
    wb.set('Cũ', 'A2', { v: 'NguyÔn V¨n An', font: '.VnTime' });
    wb.set('Cũ', 'B1', { v: 'x', font: 'Arial' });
    wb.set('Cũ', 'B2', { v: 'y', font: 'Times New Roman' });
    const { sheets } = await readActiveSheetGrid(wb.context(), { support: supportUpTo('1.18') });
    expect(sheets[0].rows[1][0]?.font).toBe('.VnTime');
    expect(sheets[0].rows[1][1]?.font).toBeUndefined();
  });

  test('an Excel error reaches the caller in Vietnamese, with its code', async () => {
    const wb = new FakeWorkbook();
    const err = await readActiveSheetGrid(wb.context(), { support: supportUpTo('1.18') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeOpError);
    expect((err as OfficeOpError).message).toMatch(/^Không thể đọc trang tính đang mở/);
    expect((err as OfficeOpError).code).toBe('ItemNotFound');
    expect((err as OfficeOpError).messageEn).toMatch(/^Could not read the active sheet/);
  });

  test('a sheet with a gigantic used range is refused with a clear message', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('To');
    wb.set('To', 'A1', 'x');
    wb.set('To', 'Z300000', 'y');
    await expect(readActiveSheetGrid(wb.context(), { support: supportUpTo('1.18') })).rejects.toThrow(/quá lớn/);
  });
});

describe('readAllSheetGrids', () => {
  test('every sheet in 3 syncs, hidden ones flagged, the marks sheet left out', async () => {
    const wb = new FakeWorkbook();
    for (const name of ['Cư Jút', 'Đắk Mil', 'Danh mục']) {
      wb.addSheet(name);
      wb.set(name, 'B2', `Họ và tên ${name}`);
    }
    wb.sheet('Danh mục').visibility = 'Hidden';
    wb.addSheet(MARKS_SHEET).visibility = 'VeryHidden';
    wb.set(MARKS_SHEET, 'A1', 'record');
    const progress: string[] = [];
    const { sheets } = await readAllSheetGrids(wb.context(), { support: supportUpTo('1.18'), onProgress: (p) => progress.push(`${p.done}/${p.total}`) });
    expect(sheets.map((s) => [s.name, s.hidden ?? false])).toEqual([['Cư Jút', false], ['Đắk Mil', false], ['Danh mục', true]]);
    expect(sheets[1].rows[1][1]?.v).toBe('Họ và tên Đắk Mil');
    expect(wb.syncCount).toBe(3);
    expect(progress).toEqual(['1/3', '2/3', '3/3']);
  });
});

describe('readWorkbookName', () => {
  test('ExcelApi 1.7 gives the name; older Excel gives null without a sync', async () => {
    const wb = new FakeWorkbook();
    wb.name = 'Cu Jut 2025.xlsx';
    expect(await readWorkbookName(wb.context(), supportUpTo('1.7'))).toBe('Cu Jut 2025.xlsx');
    expect(await readWorkbookName(wb.context(), supportUpTo('1.6'))).toBeNull();
    expect(wb.syncCount).toBe(1);
  });
});

describe('toCell', () => {
  test('values, dates, formulas and errors', () => {
    expect(toCell('', '', 'General')).toBeUndefined();
    expect(toCell('abc', 'abc', 'General')).toEqual({ v: 'abc' });
    expect(toCell(45000, 45000, 'dd/mm/yyyy')).toEqual({ v: 45000, date: true });
    expect(toCell(45000, 45000, '0.00')).toEqual({ v: 45000 });
    expect(toCell('15/12/2025', '15/12/2025', '@')).toEqual({ v: '15/12/2025' });
    expect(toCell(7, '=A1+1', 'General')).toEqual({ v: 7, f: 'A1+1' });
    expect(toCell('#N/A', '=VLOOKUP(A1,B:C,2,0)', 'General')).toEqual({ v: '#N/A', f: 'VLOOKUP(A1,B:C,2,0)', error: true });
    expect(toCell('', '=""', 'General')).toEqual({ v: '', f: '""' });
    expect(toCell(true, true, 'General')).toEqual({ v: true });
  });
});
