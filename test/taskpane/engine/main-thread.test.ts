/** The engine on the page's own thread (src/taskpane/engine/main-thread.ts): the writer, the check, the rulebook. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RulebookError } from '../../../src/rules/index';
import { mainThreadEngine } from '../../../src/taskpane/engine/main-thread';
import { sourceRows } from '../../../src/taskpane/components/findings-view';
import { errorText } from '../../../src/taskpane/i18n';

/** What `fn` throws (the test fails if it throws nothing). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('nothing was thrown');
}

describe('the engine on the page’s thread', () => {
  test('an .xls and an .ods made from an example .xlsx give the findings of the .xlsx (read by content, whatever their names)', async () => {
    const rb = mainThreadEngine.defaultRulebook;
    const dir = join(__dirname, '..', '..', 'fixtures', 'xls-ods');
    const base = '02-cu-jut';
    const xlsx = new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', 'examples', `${base}.xlsx`)));
    const inputs = [
      { name: `${base}.xlsx`, bytes: xlsx },
      { name: `${base}.xls`, bytes: new Uint8Array(readFileSync(join(dir, `${base}.xls`))) },
      { name: `${base}.ods`, bytes: new Uint8Array(readFileSync(join(dir, `${base}.ods`))) },
      // An .ods under a wrong name is still read as what it is.
      { name: `${base}-ods.xlsx`, bytes: new Uint8Array(readFileSync(join(dir, `${base}.ods`))) },
    ];
    const result = await mainThreadEngine.check({ inputs, rulebook: rb });
    const of = (file: string) => result.findings.filter((f) => f.file === file).map((f) => `${f.ruleId} ${f.sheet ?? ''}!${f.cell ?? ''}`);
    expect(of(`${base}.xlsx`).length).toBeGreaterThan(0);
    for (const other of inputs.slice(1)) expect(of(other.name)).toEqual(of(`${base}.xlsx`));
    expect(new Set(result.submissions.map((s) => `${s.status} ${s.nominations.length}`)).size).toBe(1);
  });

  test('a template made by the writer reads back and checks, and a damaged file becomes unreadable', async () => {
    const rb = mainThreadEngine.defaultRulebook;
    const unit = rb.units[1];
    const bytes = await mainThreadEngine.templateXlsx({ rulebook: rb, unitId: unit.id });
    const result = await mainThreadEngine.check({
      inputs: [
        { name: 'mau.xlsx', bytes },
        { name: 'hong.xlsx', bytes: new TextEncoder().encode('không phải tệp Excel') },
      ],
      rulebook: rb,
      merge: true,
    });
    // The template reads back: its list sheet, for its unit, with nobody on it yet.
    expect(result.submissions.find((s) => s.file === 'mau.xlsx')).toMatchObject({ sheet: 'Danh sách', unit: { id: unit.id }, nominations: [] });
    expect(result.findings.filter((x) => x.file === 'mau.xlsx').map((x) => x.ruleId)).toEqual(['SHEET_NO_NOMINATIONS']);
    const damaged = result.findings.filter((x) => x.file === 'hong.xlsx');
    // The reader says what the file is (here text), not only what it is not.
    expect(damaged.map((x) => [x.ruleId, x.messageEn])).toEqual([
      ['FILE_UNREADABLE', 'The file cannot be read: The file is a text file (such as .csv or .txt), not an Excel workbook. Open it in Excel and save it as .xlsx (File > Save As > Excel Workbook), or ask the sender for the Excel file.'],
    ]);
    const rows = sourceRows(result);
    expect(rows.find((r) => r.file === 'hong.xlsx')?.status).toBe('unreadable');
    const out = await mainThreadEngine.consolidatedXlsx({ result, rulebook: rb, reportDate: { y: 2025, m: 12, d: 10 } });
    expect([out[0], out[1]]).toEqual([0x50, 0x4b]);
  });

  test('a bad rulebook file is refused with a message naming the place, in both languages', () => {
    const invalid = thrownBy(() => mainThreadEngine.loadRulebook('{"schemaVersion": 1}'));
    expect(invalid).toBeInstanceOf(RulebookError);
    expect((invalid as RulebookError).path).toBe('id');
    expect(errorText(invalid, 'vi')).toMatch(/^Tệp quy tắc không hợp lệ tại "id": /);
    expect(errorText(invalid, 'en')).toMatch(/^Invalid rulebook at "id": /);
    const notJson = thrownBy(() => mainThreadEngine.loadRulebook('{'));
    expect(notJson).toBeInstanceOf(RulebookError);
    expect(errorText(notJson, 'vi')).toMatch(/^Tệp quy tắc không phải JSON hợp lệ: .+\. Hãy kiểm tra dấu phẩy, ngoặc và dấu nháy\.$/);
    expect(errorText(notJson, 'en')).toMatch(/^The rulebook is not valid JSON: .+\.$/);
  });
});
