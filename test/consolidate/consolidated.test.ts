import {
  buildConsolidatedBook,
  fieldText,
  reportData,
  SHEET_FINDINGS,
  SHEET_LIST,
  SHEET_REPORT,
  materializeBook,
  materializeSheet,
  type Book,
  type BookSheet,
} from '../../src/consolidate/index';
import { baseName } from '../../src/text/file-name';
import { dateLine } from '../../src/consolidate/format';
import type { Rulebook } from '../../src/rules/types';
import type { Grid } from '../../src/sheet/grid';
import { readSheet } from '../../src/sheet/read';
import { rulebook, sampleResult, summarise } from './fixtures';

function sheet(book: Book, name: string): BookSheet {
  const s = book.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  // Long lists come as generated rows: made plain here to be read.
  return materializeSheet(s);
}

function text(s: BookSheet, r: number, c: number): string | number | null {
  return s.rows[r]?.[c]?.value ?? null;
}

/** Every value of a sheet as one string per row. */
function rowTexts(s: BookSheet): string[] {
  return s.rows.map((cells) => cells.map((c) => (c?.value === null || c?.value === undefined ? '' : String(c.value))).join(' | '));
}

/** The row of a list sheet that holds the column headers, found by its content ("TT" in column A). */
function headerRowOf(s: BookSheet): number {
  return s.rows.findIndex((cells) => cells[0]?.value === 'TT');
}

/** The data rows of a list sheet: header labels -> values. */
function records(s: BookSheet): Record<string, string | number | null>[] {
  const hr = headerRowOf(s);
  const header = s.rows[hr].map((c) => String(c?.value ?? ''));
  return s.rows.slice(hr + 1).map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]?.value ?? null])));
}

/** A sheet of the model as a reader would hand it to the checker. */
function asGrid(s: BookSheet): Grid {
  return { name: s.name, merges: s.merges, rows: s.rows.map((cells) => cells.map((c) => (c && c.value !== null && c.value !== undefined ? { v: c.value } : undefined))) };
}

describe('buildConsolidatedBook', () => {
  const result = sampleResult();
  const book = buildConsolidatedBook(result, rulebook);

  test('has exactly the three sheets of the contract, in order', () => {
    expect(book.sheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Kiểm tra', 'Báo cáo']);
    // The names the other faces use find the sheets with those contents.
    expect(sheet(book, SHEET_LIST).rows[headerRowOf(sheet(book, SHEET_LIST))][1]?.value).toBe('Họ và tên');
    expect(sheet(book, SHEET_FINDINGS).rows[headerRowOf(sheet(book, SHEET_FINDINGS))][4]?.value).toBe('Mã quy tắc');
    expect(sheet(book, SHEET_REPORT).rows[0][0]?.value).toBe('UBND TỈNH ĐẮK NÔNG');
  });

  test('Tổng hợp: title and note, then on Excel row 3 the template columns, then unit, file, sheet, row, status, notes', () => {
    const s = sheet(book, SHEET_LIST);
    expect(headerRowOf(s)).toBe(2);
    expect(s.rows[0][0]?.value).toBe(rulebook.documents?.listTitle ?? rulebook.titles.template);
    expect(s.rows[1][0]?.value).toBe('(Kèm theo Báo cáo số        /BC-SGDĐT; 7 nhà giáo, 5 danh sách)');
    const header = s.rows[2].map((c) => c?.value);
    expect(header.slice(0, rulebook.columns.length)).toEqual(rulebook.columns.map((c) => c.label));
    expect(header.slice(rulebook.columns.length)).toEqual(['Đơn vị đề cử', 'Tệp nguồn', 'Trang tính nguồn', 'Dòng nguồn', 'Trạng thái', 'Kết quả kiểm tra', 'Đề nghị Bộ']);
  });

  test('Tổng hợp reads back as a nomination list: every rulebook column found where it was written, every nominee', () => {
    const sub = readSheet(asGrid(sheet(book, SHEET_LIST)), { file: 'tong-hop.xlsx', rulebook, date1904: false });
    expect(sub?.headerRow).toBe(3);
    expect(sub?.columns).toEqual(Object.fromEntries(rulebook.columns.map((c, i) => [c.key, i])));
    expect(sub?.nominations.map((n) => [n.row, n.name])).toEqual([
      [4, 'Điểu Thị Lan'],
      [5, 'Nguyễn Văn An'],
      [6, "H' Ngăn Byă"],
      [7, 'Y Khuê Niê'],
      [8, 'Nguyễn Văn An'],
      [9, 'Trần Thị Bình'],
      [10, 'Lê Văn Cường'],
    ]);
  });

  test('Tổng hợp: one row per nominee read, each with its source file and row', () => {
    const rows = records(sheet(book, SHEET_LIST));
    // The file's name only ("cu-jut.xlsx"), never the path it was read from ("in/cu-jut.xlsx").
    const expected = result.submissions.flatMap((s) => s.nominations.map((n) => `${baseName(s.file)}#${n.row}#${n.name}`));
    expect(expected.some((e) => e.startsWith('in/'))).toBe(false);
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((r) => `${r['Tệp nguồn']}#${r['Dòng nguồn']}#${r['Họ và tên']}`).sort()).toEqual([...expected].sort());
    expect(rows.every((r) => typeof r['Dòng nguồn'] === 'number')).toBe(true);
  });

  test('Tổng hợp: sorted by unit (registry order, unknown last) then level, names exactly as typed', () => {
    const rows = records(sheet(book, SHEET_LIST));
    expect(rows.map((r) => r['Đơn vị đề cử'])).toEqual([
      'Phòng GD&ĐT thành phố Gia Nghĩa',
      'Phòng GD&ĐT thành phố Gia Nghĩa',
      'Phòng GD&ĐT huyện Cư Jút',
      'Phòng GD&ĐT huyện Cư Jút',
      'Phòng GD&ĐT huyện Cư Jút',
      'Khối thi đua số 1',
      '(Chưa xác định) Trường ABC',
    ]);
    // Gia Nghĩa listed THCS then MN: the list puts MN first.
    expect(rows.slice(0, 2).map((r) => r['Cấp học'])).toEqual(['MN', 'THCS']);
    expect(rows.map((r) => r['Họ và tên'])).toContain("H' Ngăn Byă");
    expect(rows.map((r) => r.TT)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  test('the same person found twice stays visible twice', () => {
    const rows = records(sheet(book, SHEET_LIST)).filter((r) => r['Họ và tên'] === 'Nguyễn Văn An');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r['Trạng thái'] === 'Có lỗi')).toBe(true);
    expect(String(rows[0]['Kết quả kiểm tra'])).toMatch(/^Lỗi: Trùng người/);
  });

  test('status: error -> Có lỗi, warning -> Cảnh báo, information only -> Hợp lệ', () => {
    const rows = records(sheet(book, SHEET_LIST));
    const by = (name: string) => rows.find((r) => r['Họ và tên'] === name)?.['Trạng thái'];
    expect(by('Điểu Thị Lan')).toBe('Có lỗi');
    expect(by('Trần Thị Bình')).toBe('Cảnh báo');
    expect(by("H' Ngăn Byă")).toBe('Hợp lệ');
    expect(by('Y Khuê Niê')).toBe('Hợp lệ');
  });

  test('original values as text: formula text stays text, a formula gives its cached value or its own text', () => {
    const rows = records(sheet(book, SHEET_LIST));
    const by = (name: string) => rows.find((r) => r['Họ và tên'] === name) ?? {};
    expect(by("H' Ngăn Byă")['Tóm tắt thành tích']).toBe('=1+2');
    expect(by('Y Khuê Niê')['Danh hiệu thi đua']).toBe('CSTĐ cơ sở');
    const an = rows.find((r) => r['Họ và tên'] === 'Nguyễn Văn An' && r['Tệp nguồn'] === 'cu-jut.xlsx') ?? {};
    expect(an['Sáng kiến']).toBe('=SUM(A1:A3)');
    expect(an['Tóm tắt thành tích']).toBe('-HYPERLINK("x")');
    expect(by('Y Khuê Niê')['Ngày sinh']).toBe('1980');
    expect(fieldText(undefined)).toBe('');
  });

  test('every value in the model is plain text, a number or empty', () => {
    for (const s of book.sheets) {
      for (const cells of s.rows) for (const c of cells) if (c) expect(['string', 'number', 'object']).toContain(typeof c.value);
    }
    for (const s of book.sheets) for (const cells of s.rows) for (const c of cells) if (c && typeof c.value === 'object') expect(c.value).toBeNull();
  });

  test('Kiểm tra: every finding, errors first, then warnings, then information, stable', () => {
    const rows = records(sheet(book, SHEET_FINDINGS));
    expect(rows).toHaveLength(result.findings.length);
    const sev = rows.map((r) => r['Mức độ']);
    const firstWarning = sev.indexOf('Cảnh báo');
    const firstInfo = sev.indexOf('Thông tin');
    expect(sev.slice(0, firstWarning).every((x) => x === 'Lỗi')).toBe(true);
    expect(sev.slice(firstWarning, firstInfo).every((x) => x === 'Cảnh báo')).toBe(true);
    expect(sev.slice(firstInfo).every((x) => x === 'Thông tin')).toBe(true);
    expect(rows[0]).toMatchObject({ Tệp: 'in/broken.xlsx', 'Mã quy tắc': 'FILE_UNREADABLE', Ô: null });
    const errors = rows.filter((r) => r['Mức độ'] === 'Lỗi').map((r) => r['Mã quy tắc']);
    expect(errors).toEqual(['FILE_UNREADABLE', 'DUPLICATE_PERSON', 'DUPLICATE_PERSON', 'FIELD_REQUIRED', 'UNIT_UNKNOWN']);
    const infos = rows.filter((r) => r['Mức độ'] === 'Thông tin');
    expect(infos.map((r) => r['Giá trị gốc'])).toEqual(['=1+2', '=CONCAT(A1,B1)']);
  });

  test('Tổng hợp and Kiểm tra: frozen header, filter, landscape A4 with Decree 30 margins, header repeated', () => {
    // Frozen through the header row (Excel row 3), filtered from it over every data row and column.
    const list = sheet(book, SHEET_LIST);
    const lastListCol = rulebook.columns.length + 7 - 1;
    expect(list.freeze).toEqual({ rows: 3, cols: 2 });
    expect(list.autoFilter).toEqual({ top: 2, left: 0, bottom: 2 + 7, right: lastListCol });
    expect(list.rows[2][lastListCol - 1]?.value).toBe('Kết quả kiểm tra');
    // The office's choice for the Ministry: an empty column, last, with a dropdown "x" on every nominee's row.
    expect(list.rows[2][lastListCol]?.value).toBe('Đề nghị Bộ');
    expect(list.validations).toEqual([
      expect.objectContaining({ range: { top: 3, left: lastListCol, bottom: 2 + 7, right: lastListCol }, type: 'list', formulae: ['"x"'], allowBlank: true }),
    ]);
    const listRows = materializeSheet(list).rows.slice(3);
    expect(listRows.every((cells) => cells[lastListCol]?.value === null)).toBe(true);
    const checks = sheet(book, SHEET_FINDINGS);
    expect(checks.freeze).toEqual({ rows: 3, cols: 0 });
    expect(checks.autoFilter).toEqual({ top: 2, left: 0, bottom: 2 + result.findings.length, right: 7 });
    expect(checks.rows[2][7]?.value).toBe('Giá trị gốc');
    for (const s of [list, checks]) {
      expect(s.rows[s.freeze?.rows ?? 0]?.[0]?.value).toBe(1); // the first row under the frozen pane is data
      expect(s.print).toMatchObject({ paper: 'A4', orientation: 'landscape', fitToWidth: true, repeatRows: { from: headerRowOf(s), to: headerRowOf(s) } });
    }
    for (const s of book.sheets) {
      const m = s.print.marginsMm;
      expect(m.top).toBeGreaterThanOrEqual(20);
      expect(m.top).toBeLessThanOrEqual(25);
      expect(m.bottom).toBeGreaterThanOrEqual(20);
      expect(m.bottom).toBeLessThanOrEqual(25);
      expect(m.left).toBeGreaterThanOrEqual(30);
      expect(m.left).toBeLessThanOrEqual(35);
      expect(m.right).toBeGreaterThanOrEqual(15);
      expect(m.right).toBeLessThanOrEqual(20);
    }
    expect(Object.values(book.styles).every((st) => !st.font?.name)).toBe(true);
    expect(book.defaultFont.name).toBe('Times New Roman');
  });

  test('the same inputs give the same model', () => {
    expect(materializeBook(buildConsolidatedBook(sampleResult(), rulebook))).toEqual(materializeBook(book));
  });
});

describe('Báo cáo', () => {
  const result = sampleResult();
  const book = buildConsolidatedBook(result, rulebook, { reportDate: { y: 2026, m: 1, d: 5 } });
  const s = sheet(book, SHEET_REPORT);
  const lines = rowTexts(s);
  const all = lines.join('\n');

  test('the heading: agency block and national heading side by side, number, date line, title', () => {
    expect(text(s, 0, 0)).toBe('UBND TỈNH ĐẮK NÔNG');
    expect(text(s, 1, 0)).toBe('SỞ GIÁO DỤC VÀ ĐÀO TẠO');
    expect(lines[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines[1]).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(lines[3]).toMatch(/^Số: +\/BC-SGDĐT \|.*Đắk Nông, ngày 05 tháng 01 năm 2026/);
    expect(all).toContain('BÁO CÁO');
    expect(all).toContain(rulebook.titles.reportSubtitle);
    const agencyName = s.rows[1][0]?.style;
    expect(agencyName && book.styles[agencyName].font).toMatchObject({ bold: true, underline: true });
  });

  test('without a report date the date line is left for the pen (no clock)', () => {
    const b = buildConsolidatedBook(result, rulebook);
    expect(rowTexts(sheet(b, SHEET_REPORT))[3]).toContain('Đắk Nông, ngày …… tháng …… năm ……');
  });

  test('per-unit table: every registered unit, then unidentified and unreadable files; totals computed', () => {
    const data = reportData(result, rulebook);
    expect(data.lines).toHaveLength(rulebook.units.length + 2);
    const cu = data.lines.find((l) => l.unit?.id === 'cu-jut');
    expect(cu).toMatchObject({ date: '20/06/2025', timeliness: 'Đúng hạn', nominees: 3, byLevel: [1, 1, 1, 0, 0], managers: 1, errors: 1, warnings: 0, status: 'Có lỗi' });
    const gn = data.lines.find((l) => l.unit?.id === 'gia-nghia');
    expect(gn).toMatchObject({ date: '08/07/2025', timeliness: 'Trễ hạn', late: true, nominees: 2, errors: 2, warnings: 1 });
    expect(data.lines.find((l) => l.unit?.id === 'tuy-duc')).toMatchObject({ status: 'Chưa gửi', missing: true });
    expect(data.lines.at(-1)).toMatchObject({ label: 'Tệp không đọc được: broken.xlsx', status: 'Không đọc được', errors: 1 });
    expect(data.lines.at(-2)).toMatchObject({ label: '(Chưa xác định) Trường ABC', nominees: 1, errors: 1 });
    expect(data.totals).toEqual({ nominees: 7, byLevel: [2, 1, 2, 1, 0], managers: 2, errors: 5, warnings: 2 });
    expect(data.missing.map((u) => u.id)).toEqual(rulebook.units.map((u) => u.id).filter((id) => !['cu-jut', 'gia-nghia', 'khoi-1'].includes(id)));
    expect(data.receivedUnits).toBe(3);
    expect(data.late.map((l) => l.label)).toEqual(['Phòng GD&ĐT thành phố Gia Nghĩa']);
  });

  test('the totals row holds numbers (never formulas) equal to the sums', () => {
    const r = s.rows.findIndex((cells) => cells[0]?.value === 'Tổng cộng');
    expect(r).toBeGreaterThan(0);
    const nums = s.rows[r].slice(4, 4 + 1 + rulebook.levels.length + 3).map((c) => c?.value);
    expect(nums).toEqual([7, 2, 1, 2, 1, 0, 2, 5, 2]);
  });

  test('missing and late units, recipients and the signature block', () => {
    expect(all).toContain('2. Các đơn vị chưa gửi danh sách (11)');
    expect(all).toContain('- Phòng GD&ĐT huyện Tuy Đức.');
    expect(all).toContain('3. Các danh sách gửi trễ hạn, sau ngày 30/06/2025 (1)');
    expect(all).toContain('- Phòng GD&ĐT thành phố Gia Nghĩa (ngày 08/07/2025).');
    expect(all).toContain('Nơi nhận:');
    for (const rec of rulebook.agency.recipients) expect(all).toContain(`- ${rec}`);
    const kt = lines.findIndex((l) => l.includes('KT. GIÁM ĐỐC'));
    expect(lines[kt + 1]).toContain('PHÓ GIÁM ĐỐC');
    expect(lines.findIndex((l) => l.startsWith('Nơi nhận:'))).toBe(kt);
  });

  test('every heading text comes from the rulebook: another province changes data, not code', () => {
    const other: Rulebook = JSON.parse(JSON.stringify(rulebook));
    other.agency = {
      ...other.agency,
      parent: 'UBND TỈNH LÂM ĐỒNG',
      place: 'Lâm Đồng',
      reportSymbol: 'BC-SGDĐT-LĐ',
      signer: { authority: 'TM. BAN CHỈ ĐẠO', title: 'TRƯỞNG BAN', name: 'Nguyễn Văn X' },
      recipients: ['Bộ GD&ĐT;'],
    };
    other.titles = { ...other.titles, report: 'BÁO CÁO NHANH', reportSubtitle: 'Kết quả đề cử năm 2026' };
    other.year = 2026;
    other.deadlines = { nominations: { day: 1, month: 11 }, reports: { day: 15, month: 12 } };
    const b = buildConsolidatedBook(summarise([], []), other, { reportDate: { y: 2026, m: 11, d: 20 } });
    const t = rowTexts(sheet(b, SHEET_REPORT)).join('\n');
    for (const x of ['UBND TỈNH LÂM ĐỒNG', '/BC-SGDĐT-LĐ', 'Lâm Đồng, ngày 20 tháng 11 năm 2026', 'BÁO CÁO NHANH', 'Kết quả đề cử năm 2026', 'TM. BAN CHỈ ĐẠO', 'TRƯỞNG BAN', 'Nguyễn Văn X', '- Bộ GD&ĐT;', '01/11/2026']) {
      expect(t).toContain(x);
    }
    expect(t).not.toMatch(/ĐẮK NÔNG|Đắk Nông,|KT\. GIÁM ĐỐC/);
  });
});

describe('dateLine', () => {
  test('Decree 30 zero-pads days below 10 and the months 1 and 2', () => {
    expect(dateLine('Đắk Nông', { y: 2025, m: 2, d: 5 })).toBe('Đắk Nông, ngày 05 tháng 02 năm 2025');
    expect(dateLine('Đắk Nông', { y: 2025, m: 3, d: 15 })).toBe('Đắk Nông, ngày 15 tháng 3 năm 2025');
    expect(dateLine('Đắk Nông', { y: 2025, m: 12, d: 9 })).toBe('Đắk Nông, ngày 09 tháng 12 năm 2025');
    expect(dateLine('Cư Jút', null, '20…')).toBe('Cư Jút, ngày …… tháng …… năm 20…');
  });
});
