/** The fake must be as strict as Excel, or the office/ tests prove nothing. */
import { FakeWorkbook } from './fake-excel';

function book(apiVersion = '1.18'): FakeWorkbook {
  const wb = new FakeWorkbook({ apiVersion });
  wb.addSheet('Danh sách');
  wb.set('Danh sách', 'B2', 'Nguyễn Văn An');
  return wb;
}

describe('fake Excel RequestContext', () => {
  test('a misspelt method or property throws at once', () => {
    const ctx = book().context();
    const ws = ctx.workbook.worksheets.getItem('Danh sách');
    expect(() => (ws as unknown as { getUsedRnge(): void }).getUsedRnge()).toThrow(/no member 'getUsedRnge'/);
    const r = ws.getRange('B2');
    expect(() => (r as unknown as { value: unknown }).value).toThrow(/no member 'value'/);
    expect(() => {
      (r.format.fill as unknown as { colour: string }).colour = '#FF0000';
    }).toThrow(/no member 'colour'/);
    expect(() => (ctx as unknown as { workbook: { worksheet: unknown } }).workbook.worksheet).toThrow(/no member/);
  });

  test('a property cannot be read before load and sync', async () => {
    const wb = book();
    const ctx = wb.context();
    const r = ctx.workbook.worksheets.getItem('Danh sách').getRange('B2');
    expect(() => r.values).toThrow(/PropertyNotLoaded|not available/);
    r.load('values');
    expect(() => r.values).toThrow(/not available/);
    await ctx.sync();
    expect(r.values).toEqual([['Nguyễn Văn An']]);
    expect(() => r.numberFormat).toThrow(/not available/);
    expect(wb.syncCount).toBe(1);
  });

  test('loading an unknown property is refused', () => {
    const ctx = book().context();
    const r = ctx.workbook.worksheets.getItem('Danh sách').getRange('B2');
    expect(() => r.load('valeus')).toThrow(/no loadable property 'valeus'/);
  });

  test('writes wait for sync, run in order, and an error stops the batch', async () => {
    const wb = book();
    const ctx = wb.context();
    const ws = ctx.workbook.worksheets.getItem('Danh sách');
    ws.getRange('C3').format.fill.color = '#FF0000';
    expect(wb.fillOf('Danh sách', 'C3')).toBe('#FFFFFF');
    ctx.workbook.worksheets.getItem('Không có').getRange('A1').format.fill.color = '#00FF00';
    ws.getRange('C4').format.fill.color = '#0000FF';
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(wb.fillOf('Danh sách', 'C3')).toBe('#FF0000');
    expect(wb.fillOf('Danh sách', 'C4')).toBe('#FFFFFF');
  });

  test('members of newer requirement sets fail with ApiNotFound on an older Excel', async () => {
    const wb = book('1.1');
    const ctx = wb.context();
    const r = ctx.workbook.worksheets.getItem('Danh sách').getUsedRangeOrNullObject(true);
    r.load('address');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    const ctx2 = wb.context();
    const f = ctx2.workbook.worksheets.getItem('Danh sách').getRange('B2').format.fill;
    f.load('pattern');
    await expect(ctx2.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  });

  test('payloads over the limit are refused, request and response', async () => {
    const wb = book();
    wb.payloadLimit = 10_000;
    const ctx = wb.context();
    const big = Array.from({ length: 100 }, () => ['x'.repeat(200)]);
    ctx.workbook.worksheets.getItem('Danh sách').getRange('A1:A100').values = big;
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    wb.payloadLimit = 1_000_000;
    const ctx2 = wb.context();
    ctx2.workbook.worksheets.getItem('Danh sách').getRange('A1:A100').values = big;
    await ctx2.sync();
    wb.payloadLimit = 10_000;
    const r = ctx2.workbook.worksheets.getItem('Danh sách').getRange('A1:A100');
    r.load('values');
    await expect(ctx2.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(wb.syncs.map((s) => s.requestBytes > 0)).toEqual([true, true, true]);
  });

  test('writing a wrongly shaped array is refused like Excel does', async () => {
    const ctx = book().context();
    ctx.workbook.worksheets.getItem('Danh sách').getRange('A1:B2').values = [['a', 'b']];
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  test('text typed into a General cell is converted as Excel would; a text-formatted cell keeps it', async () => {
    const wb = book();
    const ctx = wb.context();
    const ws = ctx.workbook.worksheets.getItem('Danh sách');
    ws.getRange('A1:C1').values = [['(1)', '=SUM(1)', '007']];
    const t = ws.getRange('A2:C2');
    t.numberFormat = [['@', '@', '@']];
    t.values = [['(1)', '=SUM(1)', '007']];
    await ctx.sync();
    expect(wb.get('Danh sách', 'A1')?.v).toBe(-1);
    expect(wb.get('Danh sách', 'B1')?.f).toBe('SUM(1)');
    expect(wb.get('Danh sách', 'A2')?.v).toBe('(1)');
    expect(wb.get('Danh sách', 'B2')?.f).toBeUndefined();
    expect(wb.get('Danh sách', 'C2')?.v).toBe('007');
  });
});
