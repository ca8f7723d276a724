/** The two workbook ports: Excel over office/ (against the fake context) and file mode. */
import type { Finding } from '../../../src/check/finding';
import { ExcelPort, nameFromUrl } from '../../../src/taskpane/ports/excel-port';
import { FilePort } from '../../../src/taskpane/ports/file-port';
import { NotAvailableError } from '../../../src/taskpane/ports/port';
import { supportUpTo } from '../../../src/office/support';
import type { WorkbookGrid } from '../../../src/sheet/grid';
import { FakeSheet, FakeWorkbook } from '../../office/fake-excel';

const TEMPLATE: WorkbookGrid = {
  sheets: [
    { name: '_Lists', hidden: true, rows: [[{ v: 'MN' }]], merges: [] },
    { name: 'Danh sách đề cử', rows: [[{ v: 'DANH SÁCH ĐỀ CỬ' }], [{ v: 'STT' }, { v: 'Họ và tên' }], [{ v: '(1)' }, { v: '(2)' }]], merges: [{ top: 0, left: 0, bottom: 0, right: 1 }] },
  ],
};

function setup(version: string, url: string | null = null, createWorkbook?: (b64?: string) => Promise<void>) {
  const wb = new FakeWorkbook({ apiVersion: version });
  wb.addSheet('Danh sách');
  wb.setRows('Danh sách', 'A1', [['STT', 'Họ và tên'], [1, 'Điểu Thị Lan']]);
  const downloads: string[] = [];
  const created: string[] = [];
  let runs = 0;
  const port = new ExcelPort({
    run: (fn) => {
      runs++;
      return fn(wb.context());
    },
    support: supportUpTo(version),
    creator: { createWorkbook: createWorkbook ?? (async (b64) => void created.push(b64 ?? '')) },
    readGrids: async () => TEMPLATE,
    documentUrl: url,
    download: (_b, name) => downloads.push(name),
  });
  return { wb, port, downloads, created, runs: () => runs };
}

const finding: Finding = {
  ruleId: 'FIELD_REQUIRED', severity: 'error', file: 'Book1.xlsx', sheet: 'Danh sách', cell: 'B2', row: 2,
  message: 'Thiếu ngày sinh', messageEn: 'Birth date missing',
};

describe('ExcelPort', () => {
  test('capabilities follow the requirement sets', () => {
    expect(setup('1.1').port.capabilities).toEqual({ workbook: true, marks: true, notes: null, select: true, insertTemplate: 'values', openWorkbook: false });
    expect(setup('1.8').port.capabilities).toMatchObject({ notes: null, openWorkbook: true, insertTemplate: 'values' });
    expect(setup('1.13').port.capabilities).toMatchObject({ notes: 'comment', insertTemplate: 'file' });
    expect(setup('1.18').port.capabilities.notes).toBe('note');
  });

  test('reads, marks, selects and clears through office/, one Excel.run each', async () => {
    const { wb, port, runs } = setup('1.18');
    const grids = await port.getGrids('active');
    expect(grids.sheets[0].rows[1][1]?.v).toBe('Điểu Thị Lan');
    const m = await port.mark([finding], 'vi');
    expect(m).toMatchObject({ cells: 1, notes: 1, noteKind: 'note' });
    expect(wb.fillOf('Danh sách', 'B2')).toBe('#FFC7CE');
    await port.select('Danh sách', 'B2');
    expect(wb.selection).toEqual({ sheet: 'Danh sách', address: 'B2' });
    expect(await port.clearMarks()).toMatchObject({ cells: 1, notes: 1 });
    expect(wb.fillOf('Danh sách', 'B2')).toBe('#FFFFFF');
    expect(runs()).toBe(4);
  });

  test('the workbook name: from Excel (1.7), else from the document URL, else a label', async () => {
    const a = setup('1.7');
    a.wb.name = 'Cư Jút.xlsx';
    expect(await a.port.workbookName()).toBe('Cư Jút.xlsx');
    expect(await setup('1.1', 'C:\\Users\\An\\Đắk Mil 2025.xlsx').port.workbookName()).toBe('Đắk Mil 2025.xlsx');
    expect(await setup('1.1').port.workbookName()).toBe('Sổ làm việc này');
    expect(nameFromUrl('https://x.sharepoint.com/sites/s/Shared%20Documents/C%C6%B0%20J%C3%BAt.xlsx?web=1')).toBe('Cư Jút.xlsx');
  });

  test('template: the whole file on ExcelApi 1.13, its visible sheet’s values before', async () => {
    const a = setup('1.13');
    a.wb.onInsertBase64 = () => [new FakeSheet('Danh sách đề cử')];
    expect(await a.port.insertTemplate(new Uint8Array([80, 75]), 'mau.xlsx')).toEqual({ kind: 'inserted', sheets: ['Danh sách đề cử'] });
    expect(a.wb.insertedBase64).toEqual(['UEs=']);

    const b = setup('1.1');
    const r = await b.port.insertTemplate(new Uint8Array([80, 75]), 'mau.xlsx');
    expect(r).toEqual({ kind: 'values', sheets: ['Danh sách đề cử'] });
    expect(b.wb.get('Danh sách đề cử', 'A3')?.v).toBe('(1)');
    expect(b.wb.findSheet('_Lists')).toBeUndefined();
  });

  test('consolidated workbook: opened by Excel 2019+, downloaded on Excel 2016', async () => {
    const a = setup('1.8');
    expect(await a.port.openWorkbook(new Uint8Array([1, 2, 3]), 'Tổng hợp.xlsx')).toBe('opened');
    expect(a.created).toEqual(['AQID']);
    const b = setup('1.7');
    expect(await b.port.openWorkbook(new Uint8Array([1, 2, 3]), 'Tổng hợp.xlsx')).toBe('downloaded');
    expect(b.downloads).toEqual(['Tổng hợp.xlsx']);
  });

  test('consolidated workbook over Excel on the web’s request limit: downloaded, and said why', async () => {
    const a = setup('1.8', null, async () => {
      throw Object.assign(new Error('payload'), { code: 'RequestPayloadSizeLimitExceeded' });
    });
    expect(await a.port.openWorkbook(new Uint8Array([1, 2, 3]), 'Tổng hợp.xlsx')).toBe('tooLarge');
    expect(a.downloads).toEqual(['Tổng hợp.xlsx']);
    const b = setup('1.8', null, async () => {
      throw Object.assign(new Error('blocked'), { code: 'AccessDenied' });
    });
    await expect(b.port.openWorkbook(new Uint8Array([1, 2, 3]), 'Tổng hợp.xlsx')).rejects.toThrow(/^Không thể mở sổ tổng hợp trong Excel/);
    expect(b.downloads).toEqual([]);
  });
});

describe('FilePort', () => {
  test('everything produced is downloaded; workbook operations are not available', async () => {
    const saved: string[] = [];
    const port = new FilePort((_b, name) => saved.push(name));
    expect(port.capabilities).toMatchObject({ workbook: false, marks: false, select: false, insertTemplate: 'download', openWorkbook: false });
    expect(await port.insertTemplate(new Uint8Array(1), 'Mẫu.xlsx')).toEqual({ kind: 'downloaded', fileName: 'Mẫu.xlsx' });
    expect(await port.openWorkbook(new Uint8Array(1), 'Tổng hợp.xlsx')).toBe('downloaded');
    expect(saved).toEqual(['Mẫu.xlsx', 'Tổng hợp.xlsx']);
    await expect(port.getGrids()).rejects.toBeInstanceOf(NotAvailableError);
    await expect(port.mark()).rejects.toBeInstanceOf(NotAvailableError);
  });
});
