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

  test('the request is measured as Office.js frames it: actions and object paths, each with ids and names', async () => {
    const wb = book();
    const ctx = wb.context();
    const ws = ctx.workbook.worksheets.getItem('Danh sách');
    ws.getRange('B2').format.fill.color = '#FFC7CE';
    await ctx.sync();
    // What Office.js sends for that line (ids aside): 6 paths, each instantiated, and the setter.
    const officeJs =
      '{"Actions":[{"Id":7,"ActionType":1,"Name":"","ObjectPathId":1},{"Id":8,"ActionType":1,"Name":"","ObjectPathId":2},' +
      '{"Id":9,"ActionType":1,"Name":"","ObjectPathId":3},{"Id":10,"ActionType":1,"Name":"","ObjectPathId":4},' +
      '{"Id":11,"ActionType":1,"Name":"","ObjectPathId":5},{"Id":12,"ActionType":1,"Name":"","ObjectPathId":6},' +
      '{"Id":13,"ActionType":4,"Name":"Color","ObjectPathId":6,"ArgumentInfo":{"Arguments":["#FFC7CE"]}}],' +
      '"ObjectPaths":{"1":{"Id":1,"ObjectPathType":1,"Name":""},"2":{"Id":2,"ObjectPathType":4,"Name":"Worksheets","ParentObjectPathId":1},' +
      '"3":{"Id":3,"ObjectPathType":3,"Name":"GetItem","ParentObjectPathId":2,"ArgumentInfo":{"Arguments":["Danh sách"]}},' +
      '"4":{"Id":4,"ObjectPathType":3,"Name":"GetRange","ParentObjectPathId":3,"ArgumentInfo":{"Arguments":["B2"]}},' +
      '"5":{"Id":5,"ObjectPathType":4,"Name":"Format","ParentObjectPathId":4},"6":{"Id":6,"ObjectPathType":4,"Name":"Fill","ParentObjectPathId":5}}}';
    const expected = new TextEncoder().encode(officeJs).length;
    expect(wb.syncs[0]).toMatchObject({ actions: 7, objectPaths: 6 });
    expect(Math.abs(wb.syncs[0].requestBytes - expected) / expected).toBeLessThan(0.2);

    // Thousands of cells: each costs 3 paths, 4 actions and its address, about 550 bytes with
    // six-digit ids (3× the 160 bytes office/batch.ts used to assume).
    const ctx2 = wb.context();
    const ws2 = ctx2.workbook.worksheets.getItem('Danh sách');
    for (let i = 0; i < 50_000; i++) ws2.getRange('A1'); // ids climb as in a long session
    for (let i = 1; i <= 1000; i++) ws2.getRange(`B${i}`).format.fill.color = '#FFC7CE';
    await ctx2.sync();
    const s = wb.syncs[1];
    expect(s).toMatchObject({ actions: 4 * 1000 + 3, objectPaths: 3 * 1000 + 3 });
    expect(s.requestBytes / 1000).toBeGreaterThan(480);
    expect(s.requestBytes / 1000).toBeLessThan(650);
  });

  test('requestLimitBytes: an oversized request is refused with Excel’s code and applies nothing', async () => {
    const wb = new FakeWorkbook({ requestLimitBytes: 20_000 });
    wb.addSheet('Danh sách');
    const ctx = wb.context();
    const ws = ctx.workbook.worksheets.getItem('Danh sách');
    for (let i = 1; i <= 100; i++) ws.getRange(`C${i}`).format.fill.color = '#FFC7CE';
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(wb.fillOf('Danh sách', 'C1')).toBe('#FFFFFF');
    expect(wb.syncs[0].requestBytes).toBeGreaterThan(20_000);
    // The same objects can be used again in smaller requests.
    for (let i = 1; i <= 20; i++) ws.getRange(`C${i}`).format.fill.color = '#FFC7CE';
    await ctx.sync();
    expect(wb.fillOf('Danh sách', 'C20')).toBe('#FFC7CE');
    expect(wb.payloadLimit).toBe(5 * 1024 * 1024); // responses keep the web's limit
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
