/** Navigation, inserting the template, opening the consolidated workbook, detecting the host. */
import { selectCell } from '../../src/office/navigate';
import { gridToSheetValues, insertSheetFromValues, insertSheetsFromBase64, uniqueSheetName } from '../../src/office/template';
import { openWorkbookFromBytes } from '../../src/office/consolidate';
import { detectHost, languageFor, type OfficeLike } from '../../src/office/host';
import { OfficeOpError, officeError } from '../../src/office/errors';
import { supportUpTo } from '../../src/office/support';
import { base64ToBytes, bytesToBase64 } from '../../src/office/base64';
import { parseAreas } from '../../src/sheet/address';
import type { Grid } from '../../src/sheet/grid';
import { FakeSheet, FakeWorkbook } from './fake-excel';

describe('selectCell', () => {
  test('activates the sheet and selects the cell in one sync', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Tổng hợp');
    wb.addSheet("Đắk R'Lấp");
    await selectCell(wb.context(), "Đắk R'Lấp", '$f$12');
    expect(wb.active?.name).toBe("Đắk R'Lấp");
    expect(wb.selection).toEqual({ sheet: "Đắk R'Lấp", address: 'F12' });
    expect(wb.syncCount).toBe(1);
  });

  test('a sheet renamed since the check: a Vietnamese message naming it', async () => {
    const wb = new FakeWorkbook();
    wb.addSheet('Sheet1');
    const err = (await selectCell(wb.context(), 'Danh sách', 'B3').catch((e: unknown) => e)) as OfficeOpError;
    expect(err).toBeInstanceOf(OfficeOpError);
    expect(err.message).toBe('Không thể chọn ô Danh sách!B3: không tìm thấy trang tính hoặc ô cần dùng (có thể đã bị đổi tên hoặc xóa). Hãy kiểm tra lại rồi thử lần nữa. (mã lỗi ItemNotFound)');
  });
});

describe('insertSheetFromValues (ExcelApi 1.1 fallback)', () => {
  const grid: Grid = {
    name: 'Danh sách đề cử',
    rows: [
      [{ v: 'DANH SÁCH ĐỀ CỬ' }],
      [{ v: 'STT' }, { v: 'Họ và tên' }, { v: 'Ngày sinh' }],
      [{ v: '(1)' }, { v: '(2)' }, { v: '(3)' }],
      [{ v: 1 }, { v: '=HYPERLINK("x")' }, { v: 30000, date: true }],
    ],
    merges: [{ top: 0, left: 0, bottom: 0, right: 2 }],
  };

  test('texts stay texts, dates get a date format, the name is made unique, the sheet is activated', async () => {
    const wb = new FakeWorkbook({ apiVersion: '1.1' });
    wb.addSheet('Danh sách đề cử');
    const name = await insertSheetFromValues(wb.context(), gridToSheetValues(grid, [6, 30, 14]), { support: supportUpTo('1.1') });
    expect(name).toBe('Danh sách đề cử (2)');
    expect(wb.syncCount).toBe(2);
    expect(wb.active?.name).toBe(name);
    expect(wb.get(name, 'A3')?.v).toBe('(1)');
    expect(wb.get(name, 'B4')).toMatchObject({ v: '=HYPERLINK("x")' });
    expect(wb.get(name, 'B4')?.f).toBeUndefined();
    expect(wb.get(name, 'C4')).toMatchObject({ v: 30000, fmt: 'dd/mm/yyyy' });
    expect(wb.get(name, 'A4')?.v).toBe(1);
    expect(wb.sheet(name).columnWidths.get(1)).toBeGreaterThan(100);
    expect(wb.sheet(name).merges).toEqual([]); // merging needs ExcelApi 1.2
  });

  test('blank cells stay General: a number or date typed there later is a number, not text', async () => {
    const wb = new FakeWorkbook({ apiVersion: '1.4' });
    wb.addSheet('Sheet1');
    const sv = gridToSheetValues(grid);
    expect(sv.numberFormat[0]).toEqual(['@', 'General', 'General']);
    const name = await insertSheetFromValues(wb.context(), sv, { support: supportUpTo('1.4') });
    expect(wb.get(name, 'B1')?.fmt).toBeUndefined();
    expect(wb.get(name, 'A1')?.fmt).toBe('@'); // the title stays text
    const ctx = wb.context();
    ctx.workbook.worksheets.getItem(name).getRange('B1:C1').values = [['2025', '45000']];
    await ctx.sync();
    expect(wb.get(name, 'B1')?.v).toBe(2025);
    expect(wb.get(name, 'C1')?.v).toBe(45000);
  });

  test('with ExcelApi 1.2 the merged title is merged too', async () => {
    const wb = new FakeWorkbook({ apiVersion: '1.2' });
    wb.addSheet('Sheet1');
    const name = await insertSheetFromValues(wb.context(), gridToSheetValues(grid), { support: supportUpTo('1.2') });
    expect(wb.sheet(name).merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 2 }]);
  });

  test('uniqueSheetName: Excel’s rules on characters and length', () => {
    expect(uniqueSheetName('Mẫu: Cư Jút / 2025', [])).toBe('Mẫu  Cư Jút   2025');
    expect(uniqueSheetName('a'.repeat(40), ['a'.repeat(31)])).toBe('a'.repeat(27) + ' (2)');
    expect(uniqueSheetName('DS', ['ds', 'DS (2)'])).toBe('DS (3)');
  });
});

describe('insertSheetsFromBase64 (ExcelApi 1.13)', () => {
  test('inserts the sheets and activates the first visible one', async () => {
    const wb = new FakeWorkbook({ apiVersion: '1.13' });
    wb.addSheet('Mẫu');
    wb.onInsertBase64 = () => {
      const lists = new FakeSheet('_DanhMuc');
      lists.visibility = 'Hidden';
      return [lists, new FakeSheet('Mẫu')];
    };
    const names = await insertSheetsFromBase64(wb.context(), 'UEsDBA==', { support: supportUpTo('1.13') });
    expect(names).toEqual(['_DanhMuc', 'Mẫu (2)']);
    expect(wb.active?.name).toBe('Mẫu (2)');
    expect(wb.insertedBase64).toEqual(['UEsDBA==']);
  });

  test('refuses to run on an older Excel (the caller uses the values fallback)', async () => {
    const wb = new FakeWorkbook({ apiVersion: '1.12' });
    await expect(insertSheetsFromBase64(wb.context(), 'UEsDBA==', { support: supportUpTo('1.12') })).rejects.toThrow(/1\.13/);
    expect(wb.syncCount).toBe(0);
  });
});

describe('openWorkbookFromBytes', () => {
  const bytes = new Uint8Array([0x50, 0x4b, 3, 4, 0xff, 0]);
  test('Excel 2019+ (ExcelApi 1.8) opens a new workbook from base64', async () => {
    const seen: string[] = [];
    const r = await openWorkbookFromBytes({ createWorkbook: async (b) => void seen.push(b ?? '') }, supportUpTo('1.8'), bytes);
    expect(r).toBe('opened');
    expect(base64ToBytes(seen[0])).toEqual(bytes);
  });
  test('Excel 2016: unsupported, so the caller downloads instead', async () => {
    const r = await openWorkbookFromBytes({ createWorkbook: async () => { throw new Error('must not be called'); } }, supportUpTo('1.7'), bytes);
    expect(r).toBe('unsupported');
  });
  test('a refusal by Excel is reported, not swallowed', async () => {
    const creator = { createWorkbook: async () => { throw Object.assign(new Error('blocked'), { code: 'AccessDenied' }); } };
    await expect(openWorkbookFromBytes(creator, supportUpTo('1.8'), bytes)).rejects.toThrow(/^Không thể mở sổ tổng hợp trong Excel/);
  });
  test('Excel on the web refusing the size (5 MB a request): tooLarge, so the caller downloads instead', async () => {
    const creator = { createWorkbook: async () => { throw Object.assign(new Error('The request payload size has exceeded the limit.'), { code: 'RequestPayloadSizeLimitExceeded' }); } };
    expect(await openWorkbookFromBytes(creator, supportUpTo('1.8'), bytes)).toBe('tooLarge');
  });
});

describe('detectHost', () => {
  const office = (host: string | null, lang = 'vi-VN', sets = '1.8'): OfficeLike => ({
    onReady: async () => ({ host, platform: host ? 'PC' : null }),
    context: { displayLanguage: lang, requirements: { isSetSupported: (name, v) => name === 'ExcelApi' && supportUpTo(sets).excelApi(v ?? '1.1') } },
  });
  test('no Office.js at all: file mode', async () => {
    expect(await detectHost(undefined)).toMatchObject({ kind: 'browser', reason: 'no-office-js', support: null });
  });
  test('Office.js in a plain browser (host null): file mode', async () => {
    expect(await detectHost(office(null))).toMatchObject({ kind: 'browser', reason: 'not-in-office' });
  });
  test('inside Excel: support from isSetSupported, language from Office', async () => {
    const h = await detectHost(office('Excel', 'en-US', '1.8'));
    expect(h.kind).toBe('excel');
    expect(h.support?.excelApi('1.8')).toBe(true);
    expect(h.support?.excelApi('1.9')).toBe(false);
    expect(languageFor(h)).toBe('en');
    expect(languageFor(await detectHost(office('Excel', 'vi-VN')))).toBe('vi');
  });
  test('another Office app', async () => {
    expect((await detectHost(office('Word'))).kind).toBe('other-office');
  });
  test('Office.onReady never answering: file mode after the timeout', async () => {
    const h = await detectHost({ onReady: () => new Promise(() => undefined) }, 20);
    expect(h).toMatchObject({ kind: 'browser', reason: 'timeout' });
  });
});

describe('helpers', () => {
  test('base64 round trip of large binary data', () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 31) % 256);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(b64)).toEqual(bytes);
  });
  test('parseAreas reads quoted sheet names with commas', () => {
    expect(parseAreas("Sheet1!A1:B2, 'My, sheet'!C3:D4, 'It''s'!E5")).toEqual([
      { top: 0, left: 0, bottom: 1, right: 1 },
      { top: 2, left: 2, bottom: 3, right: 3 },
      { top: 4, left: 4, bottom: 4, right: 4 },
    ]);
  });
  test('an unknown Excel error keeps its details', () => {
    const e = officeError(Object.assign(new Error('Something odd'), { code: 'Weird' }), { vi: 'làm việc', en: 'work' });
    expect(e.message).toBe('Không thể làm việc: Excel báo lỗi. (mã lỗi Weird) Chi tiết: Something odd');
    expect(e.messageEn).toBe('Could not work: Excel reported an error. (code Weird) Details: Something odd');
  });
});
