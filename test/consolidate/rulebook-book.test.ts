import { defaultRulebook, type Rulebook } from '../../src/rules/index';
import { buildRulebookBook, rulebookFromWorkbook, RULEBOOK_SHEETS } from '../../src/consolidate/index';
import { writeBook } from '../../src/formats/xlsx/write/workbook';
import { readXlsx } from '../../src/formats/xlsx/read/workbook';

/** JSON -> workbook (bytes) -> JSON. */
async function roundTrip(rulebook: Rulebook): Promise<Rulebook> {
  const r = rulebookFromWorkbook(readXlsx(await writeBook(buildRulebookBook(rulebook))));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.rulebook;
}

describe('the rulebook as a workbook', () => {
  it('JSON -> workbook -> JSON gives the same rulebook (the default)', async () => {
    expect(await roundTrip(defaultRulebook)).toEqual(defaultRulebook);
  });

  it('kinds beyond phong and khoi, empty registries and blank optional texts survive the trip', async () => {
    const rb: Rulebook = JSON.parse(JSON.stringify(defaultRulebook));
    rb.kinds['truong-th'] = { label: 'Trường tiểu học', labelEn: 'Primary school', quota: { total: 1, managers: 0, perLevel: null, levels: ['TH'], requireEachLevel: false } };
    rb.units = [{ id: 'th-a', name: 'Trường TH A', kind: 'truong-th', aliases: [] }];
    delete rb.documents;
    rb.agency.recipients = [];
    expect(await roundTrip(rb)).toEqual(rb);
    rb.units = [];
    expect(await roundTrip(rb)).toEqual(rb);
  });

  it('the sheets come in order, Hướng dẫn first, with dropdowns where a value refers to another sheet and an input message on every column', () => {
    const book = buildRulebookBook(defaultRulebook);
    expect(book.sheets.map((s) => s.name)).toEqual(Object.values(RULEBOOK_SHEETS));
    const units = book.sheets[2];
    const kindColumn = units.validations.find((v) => v.range.left === 2);
    expect(kindColumn).toMatchObject({ type: 'list', formulae: ['DS_LoaiDonVi'] });
    expect(book.names).toEqual([{ name: 'DS_LoaiDonVi', sheet: 'Loại đơn vị', range: { top: 1, left: 0, bottom: 22, right: 0 } }]);
    for (const sheet of book.sheets.slice(1)) {
      for (const v of sheet.validations) {
        expect(v.prompt?.text.length).toBeGreaterThan(0);
        expect(v.prompt!.text.length).toBeLessThanOrEqual(255);
        expect(v.prompt!.title.length).toBeLessThanOrEqual(32);
      }
    }
    const manager = book.sheets[5].validations.find((v) => v.range.left === 3);
    expect(manager).toMatchObject({ type: 'list', formulae: ['"Có,Không"'] });
  });

  it('an empty registry gets a plain warning on Hướng dẫn that the units are the office’s to enter', () => {
    const book = buildRulebookBook({ ...defaultRulebook, units: [] });
    const texts = book.sheets[0].rows.map((r) => r[0]?.value);
    expect(texts).toContain('Sheet Đơn vị đang trống: danh sách đơn vị là của cơ quan tổng hợp nhập. Chương trình không tự tạo danh sách đơn vị chính thức; hãy nhập các đơn vị thật trước khi kiểm tra.');
  });
});
