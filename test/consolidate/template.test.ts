import { buildTemplateBook, templateSheet, unitHeading, LIST_NAMES, SHEET_LISTS, SHEET_TEMPLATE, type BookSheet } from '../../src/consolidate/index';
import type { Rulebook, UnitDef } from '../../src/rules/types';
import { rulebook, unit } from './fixtures';

function value(s: BookSheet, r: number, c: number): string | number | null {
  return s.rows[r]?.[c]?.value ?? null;
}

function rowText(s: BookSheet, r: number): string {
  return (s.rows[r] ?? []).map((c) => (c?.value ?? '') as string).join(' | ');
}

describe('buildTemplateBook', () => {
  const book = buildTemplateBook(rulebook, { unitId: 'cu-jut' });
  const { sheet, layout } = templateSheet(rulebook, { unitId: 'cu-jut' });

  test('the nomination sheet and the hidden lists sheet', () => {
    expect(book.sheets.map((s) => [s.name, s.state])).toEqual([
      [SHEET_TEMPLATE, 'visible'],
      [SHEET_LISTS, 'hidden'],
    ]);
    expect(book.sheets[0]).toEqual(sheet);
  });

  test('the official header block with the unit filled in, the date line and the title', () => {
    expect(rowText(sheet, 0)).toMatch(/^UBND HUYỆN CƯ JÚT \|.*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    expect(rowText(sheet, 1)).toMatch(/^PHÒNG GIÁO DỤC VÀ ĐÀO TẠO \|.*Độc lập - Tự do - Hạnh phúc/);
    expect(rowText(sheet, 3)).toContain('Cư Jút, ngày …… tháng …… năm 20…');
    const all = sheet.rows.map((_, r) => rowText(sheet, r)).join('\n');
    expect(all).toContain(rulebook.titles.template);
  });

  test('"Đơn vị:" with the unit in the next cell, and a dropdown of the registry there', () => {
    expect(value(sheet, layout.unitRow, layout.unitCol - 1)).toBe('Đơn vị:');
    expect(value(sheet, layout.unitRow, layout.unitCol)).toBe('Phòng GD&ĐT huyện Cư Jút');
    const v = sheet.validations.find((x) => x.range.top === layout.unitRow);
    expect(v).toMatchObject({ type: 'list', formulae: [LIST_NAMES.unit] });
  });

  test('the column headers of the rulebook, the numbering row and empty rows: quota plus spare', () => {
    expect(sheet.rows[layout.headerRow].map((c) => c?.value)).toEqual(rulebook.columns.map((c) => c.label));
    expect(sheet.rows[layout.numberingRow].map((c) => c?.value)).toEqual(rulebook.columns.map((_, i) => `(${i + 1})`));
    expect(layout.lastDataRow - layout.firstDataRow + 1).toBe(5);
    for (let r = layout.firstDataRow; r <= layout.lastDataRow; r++) expect(sheet.rows[r].every((c) => c?.value === null)).toBe(true);
    const khoi = templateSheet(rulebook, { unitId: 'khoi-2' }).layout;
    expect(khoi.lastDataRow - khoi.firstDataRow + 1).toBe(3);
    expect(templateSheet(rulebook, { rows: 12 }).layout.lastDataRow - templateSheet(rulebook, { rows: 12 }).layout.firstDataRow + 1).toBe(12);
  });

  test('the signature block below the table, with "Nơi nhận" and the signer of the kind', () => {
    const r = layout.signatureRow;
    expect(r).toBeGreaterThan(layout.lastDataRow + 1);
    expect(rowText(sheet, r)).toMatch(/^Nơi nhận:.*TRƯỞNG PHÒNG/);
    expect(rowText(sheet, r + 1)).toContain('(Ký tên, đóng dấu)');
  });

  test('dropdowns refer to named lists on the hidden sheet; date and whole-number validation with messages', () => {
    const col = (key: string) => rulebook.columns.findIndex((c) => c.key === key);
    const at = (key: string) => sheet.validations.find((v) => v.range.left === col(key) && v.range.top === layout.firstDataRow);
    expect(at('capHoc')).toMatchObject({ type: 'list', formulae: [LIST_NAMES.level], error: { style: 'stop' } });
    expect(at('chucVu')).toMatchObject({ type: 'list', formulae: [LIST_NAMES.position], error: { style: 'warning' } });
    expect(at('gioiTinh')).toMatchObject({ type: 'list', formulae: [LIST_NAMES.gender] });
    // Born between 1960 and 2005 for the 2025 rulebook (ages 20 to 65): Excel serials.
    expect(at('ngaySinh')).toMatchObject({ type: 'date', operator: 'between', formulae: [21916, 38717] });
    expect(at('namCongTac')).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 45] });
    expect(at('tomTat')).toMatchObject({ type: 'any', prompt: { text: rulebook.columns[col('tomTat')].hint } });
    for (const v of sheet.validations) {
      expect(v.range.bottom).toBeGreaterThanOrEqual(v.range.top);
      if (v.prompt) {
        expect(v.prompt.title.length).toBeLessThanOrEqual(32);
        expect(v.prompt.text.length).toBeLessThanOrEqual(255);
        expect(v.prompt.text).toMatch(/[À-ỹ]/); // Vietnamese, with its accents
      }
      if (v.error) {
        expect(v.error.title.length).toBeLessThanOrEqual(32);
        expect(v.error.text.length).toBeLessThanOrEqual(255);
      }
    }
    expect(at('ngaySinh')?.error?.text).toContain('01/01/1960');
  });

  test('the lists: the levels a unit of that kind may nominate for, positions, genders, units', () => {
    const lists = book.sheets[1];
    const names = Object.fromEntries(book.names.map((n) => [n.name, n]));
    const items = (name: string) => {
      const n = names[name];
      const out: (string | number | null)[] = [];
      for (let r = n.range.top; r <= n.range.bottom; r++) out.push(value(lists, r, n.range.left));
      return out;
    };
    expect(book.names.every((n) => n.sheet === SHEET_LISTS)).toBe(true);
    expect(items(LIST_NAMES.level)).toEqual(['Mầm non', 'Tiểu học', 'THCS']);
    expect(items(LIST_NAMES.position)).toEqual(rulebook.positions.map((p) => p.name));
    expect(items(LIST_NAMES.gender)).toEqual(['Nam', 'Nữ']);
    expect(items(LIST_NAMES.unit)).toEqual(rulebook.units.map((u) => u.name));
    const khoi = buildTemplateBook(rulebook, { unitId: 'khoi-1' });
    const lv = khoi.names.find((n) => n.name === LIST_NAMES.level);
    expect(lv && lv.range.bottom - lv.range.top + 1).toBe(5);
  });

  test('a block: the block name as the agency, the Department above it', () => {
    const s = templateSheet(rulebook, { unitId: 'khoi-3' }).sheet;
    expect(rowText(s, 0)).toMatch(/^SỞ GD&ĐT ĐẮK NÔNG/);
    expect(rowText(s, 1)).toMatch(/^KHỐI THI ĐUA SỐ 3/);
  });

  test('without a unit: blanks to fill, the "Đơn vị:" cell empty with its dropdown', () => {
    const { sheet: s, layout: l } = templateSheet(rulebook);
    expect(value(s, 0, 0)).toMatch(/^…+$/);
    expect(value(s, l.unitRow, l.unitCol)).toBeNull();
    expect(() => templateSheet(rulebook, { unitId: 'no-such-unit' })).toThrow(/no-such-unit/);
  });

  test('landscape A4, fit to width, header and numbering rows repeated', () => {
    expect(sheet.print).toMatchObject({ paper: 'A4', orientation: 'landscape', fitToWidth: true, repeatRows: { from: layout.headerRow, to: layout.numberingRow } });
  });
});

describe('unitHeading', () => {
  test('from the registry, or derived from the unit name', () => {
    expect(unitHeading(rulebook, unit('gia-nghia'))).toEqual({ parent: 'UBND THÀNH PHỐ GIA NGHĨA', name: 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', place: 'Gia Nghĩa' });
    const bare: UnitDef = { id: 'x', name: 'Phòng GD&ĐT huyện Ea Súp', kind: 'phong', aliases: [] };
    expect(unitHeading(rulebook, bare)).toEqual({ parent: 'UBND HUYỆN EA SÚP', name: 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO', place: 'Ea Súp' });
    const plain = { ...rulebook, kinds: { ...rulebook.kinds, khoi: { ...rulebook.kinds.khoi, documents: undefined } } } as Rulebook;
    expect(unitHeading(plain, unit('khoi-1'))).toEqual({ parent: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', name: 'KHỐI THI ĐUA SỐ 1', place: null });
  });
});
