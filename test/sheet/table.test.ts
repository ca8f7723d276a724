/**
 * Finding the nomination table: its header row(s) under the official header block, merged two-row
 * headers, the "(1) (2) (3)" numbering row, headers typed without diacritics, and sheets that hold
 * no table at all. Row and column numbers here are 0-based, as TableLayout gives them.
 */
import { dropEnclosed, findTable, findTablePlain, isFooterText, isNumberingRow, matchHeader, matchHeaderPlain, secondHeader, secondHeaderPlain, type TableLayout } from '../../src/sheet/table';
import type { Grid, GridCell, MergeRange } from '../../src/sheet/grid';
import { rng } from '../helpers/rng';
import { defaultRulebook, ruleIndex } from '../../src/rules/index';
import { grid, headerBlock, NUMBERING, SIGNATURE, STANDARD_HEADER, ACHIEVEMENT, validRows, type Raw } from '../helpers/grid';

const idx = ruleIndex(defaultRulebook);
const find = (rows: Raw[][], merges: Parameters<typeof grid>[2] = []): TableLayout | null => findTable(grid('Danh sách', rows, merges), idx);

const STANDARD_COLUMNS = { stt: 0, hoTen: 1, ngaySinh: 2, chucVu: 3, donVi: 4, capHoc: 5, tomTat: 6, kyLuat: 7 };

describe('findTable: one header row', () => {
  test('under the official header block, with the numbering row and a signature below', () => {
    // headerBlock: five rows (agency, national heading, date line, title, blank), header on Excel row 6.
    expect(find([...headerBlock(), STANDARD_HEADER, NUMBERING, ...validRows(), ...SIGNATURE])).toEqual({
      headerTop: 5,
      headerBottom: 5,
      dataStart: 7,
      columns: STANDARD_COLUMNS,
      split: null,
      unknown: [],
    });
  });

  test('without a numbering row, data starts right under the header', () => {
    expect(find([...headerBlock(), STANDARD_HEADER, ...validRows()])).toMatchObject({ headerTop: 5, headerBottom: 5, dataStart: 6 });
  });

  test('headers in capitals, without diacritics, with explanations in brackets', () => {
    const header = ['STT', 'HỌ VÀ TÊN (ghi đầy đủ)', 'NGAY THANG NAM SINH', 'CHUC VU', 'NOI CONG TAC', 'CAP HOC', 'THANH TICH NOI BAT [1]'];
    expect(find([header])?.columns).toEqual({ stt: 0, hoTen: 1, ngaySinh: 2, chucVu: 3, donVi: 4, capHoc: 5, tomTat: 6 });
  });

  test('headers in another order, and NFD text, map to the same fields', () => {
    const header = ['Số TT', 'Tóm tắt thành tích', 'Đơn vị công tác', 'Họ và tên', 'Năm sinh', 'Chức vụ'].map((h) => h.normalize('NFD'));
    expect(find([header])?.columns).toEqual({ stt: 0, tomTat: 1, donVi: 2, hoTen: 3, ngaySinh: 4, chucVu: 5 });
  });

  test('a known label followed by more words ("Họ và tên nhà giáo được đề cử")', () => {
    const header = ['TT', 'Họ và tên nhà giáo được đề cử', 'Ngày sinh', 'Chức vụ', 'Tóm tắt thành tích nổi bật trong năm học'];
    expect(find([header])?.columns).toEqual({ stt: 0, hoTen: 1, ngaySinh: 2, chucVu: 3, tomTat: 4 });
  });

  test('one "Chức vụ, đơn vị công tác" column gives both fields', () => {
    expect(find([['TT', 'Họ và tên', 'Năm sinh', 'Chức vụ, đơn vị công tác', 'Tóm tắt thành tích']])?.columns).toEqual({
      stt: 0,
      hoTen: 1,
      ngaySinh: 2,
      chucVu: 3,
      donVi: 3,
      tomTat: 4,
    });
  });

  test('a column no rule knows is kept as unknown, by its label', () => {
    const t = find([['TT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Xếp loại viên chức', 'Đảng viên', 'Tóm tắt thành tích']]);
    expect(t?.columns).toEqual({ stt: 0, hoTen: 1, ngaySinh: 2, chucVu: 3, tomTat: 6 });
    expect(t?.unknown).toEqual([
      { col: 4, label: 'Xếp loại viên chức' },
      { col: 5, label: 'Đảng viên' },
    ]);
  });

  test('a gender column over a first row of "Nam" is one header row, not a Nam/Nữ split', () => {
    const t = find([
      ['TT', 'Họ và tên', 'Giới tính', 'Năm sinh', 'Chức vụ', 'Trường'],
      [1, 'Lê Văn Minh', 'Nam', 1979, 'HT', 'Trường TH Kim Đồng'],
    ]);
    expect(t).toEqual({ headerTop: 0, headerBottom: 0, dataStart: 1, columns: { stt: 0, hoTen: 1, gioiTinh: 2, ngaySinh: 3, chucVu: 4, donVi: 5 }, split: null, unknown: [] });
  });

  test('a first data row naming a school under "Trường" is data, not a sub-header', () => {
    const t = find([
      ['TT', 'Họ và tên', 'Năm sinh', 'Chức vụ', 'Trường'],
      [1, 'Nguyễn Văn An', 1980, 'Giáo viên', 'Trường TH Kim Đồng'],
    ]);
    expect(t).toMatchObject({ headerTop: 0, headerBottom: 0, dataStart: 1 });
  });
});

describe('findTable: two header rows', () => {
  // Excel rows 6–7: TT, Họ tên, Chức vụ, Trường, Cấp, Thành tích merged down; Ngày sinh across Nam | Nữ.
  const h1: Raw[] = ['STT', 'Họ tên', 'Ngày sinh', null, 'Chức vụ', 'Trường', 'Cấp', 'Thành tích'];
  const h2: Raw[] = [null, null, 'Nam', 'Nữ', null, null, null, null];
  const merges = [
    { top: 5, left: 0, bottom: 6, right: 0 },
    { top: 5, left: 1, bottom: 6, right: 1 },
    { top: 5, left: 2, bottom: 5, right: 3 },
    { top: 5, left: 4, bottom: 6, right: 4 },
    { top: 5, left: 5, bottom: 6, right: 5 },
    { top: 5, left: 6, bottom: 6, right: 6 },
    { top: 5, left: 7, bottom: 6, right: 7 },
  ];

  test('merged cells, with the birth date split into Nam and Nữ, then the numbering row', () => {
    expect(find([...headerBlock(), h1, h2, NUMBERING, ...validRows()], merges)).toEqual({
      headerTop: 5,
      headerBottom: 6,
      dataStart: 8,
      columns: { stt: 0, hoTen: 1, ngaySinh: 2, chucVu: 4, donVi: 5, capHoc: 6, tomTat: 7 },
      split: { key: 'ngaySinh', nam: 2, nu: 3 },
      unknown: [],
    });
  });

  // Known limitation (see the report): "Ngày sinh" typed over C only, not merged over C:D (or centred
  // across the selection), leaves "Nữ" without a title; the split is not seen, the Nam/Nữ row is taken
  // for data and the women's birth dates in D are not read.
  test.failing('without the merges the same header is still read (the sub-header row says Nam and Nữ)', () => {
    expect(find([...headerBlock(), h1, h2, ...validRows()])).toMatchObject({
      headerTop: 5,
      headerBottom: 6,
      dataStart: 7,
      split: { key: 'ngaySinh', nam: 2, nu: 3 },
    });
  });

  test('a group title ("Thông tin cá nhân") over the sub-headers that name the fields', () => {
    const t = find(
      [
        ...headerBlock(),
        ['TT', 'Thông tin cá nhân', null, null, 'Đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích'],
        [null, 'Họ và tên', 'Ngày sinh', 'Chức vụ', null, null, null],
        [1, 'Nguyễn Thị Lan', '12/03/1984', 'Giáo viên', 'Trường MN Hoa Sen', 'MN', ACHIEVEMENT],
      ],
      [
        { top: 5, left: 0, bottom: 6, right: 0 },
        { top: 5, left: 1, bottom: 5, right: 3 },
        { top: 5, left: 4, bottom: 6, right: 4 },
        { top: 5, left: 5, bottom: 6, right: 5 },
        { top: 5, left: 6, bottom: 6, right: 6 },
      ],
    );
    expect(t).toEqual({
      headerTop: 5,
      headerBottom: 6,
      dataStart: 7,
      columns: { stt: 0, hoTen: 1, ngaySinh: 2, chucVu: 3, donVi: 4, capHoc: 5, tomTat: 6 },
      split: null,
      unknown: [],
    });
  });

  test('a merged unknown header over sub-columns is listed once, at its first column', () => {
    const t = find(
      [
        ['TT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Trường', 'Xếp loại viên chức', null, 'Tóm tắt thành tích'],
        [null, null, null, null, null, '2023-2024', '2024-2025', null],
      ],
      [{ top: 0, left: 5, bottom: 0, right: 6 }],
    );
    expect(t?.columns).toEqual({ stt: 0, hoTen: 1, ngaySinh: 2, chucVu: 3, donVi: 4, tomTat: 7 });
    expect(t?.unknown).toEqual([{ col: 5, label: 'Xếp loại viên chức' }]);
  });
});

describe('findTable: which table, and none', () => {
  test('a small table of signers above loses to the nomination table below', () => {
    const t = find([['Tổng hợp số lượng'], ['Họ và tên', 'Chức vụ', 'Đơn vị'], ['Trần Văn Bình', 'Trưởng phòng', 'Phòng GD&ĐT'], [], STANDARD_HEADER, ...validRows()]);
    expect(t).toMatchObject({ headerTop: 4, headerBottom: 4, dataStart: 5, columns: STANDARD_COLUMNS });
  });

  test('three known columns with a name make a table; two do not; without a name column none', () => {
    expect(find([['Họ và tên', 'Chức vụ', 'Ngày sinh']])?.columns).toEqual({ hoTen: 0, chucVu: 1, ngaySinh: 2 });
    expect(find([['Họ và tên', 'Ngày sinh'], ['Nguyễn Văn An', '01/01/1980']])).toBeNull();
    expect(find([['TT', 'Chức vụ', 'Ngày sinh', 'Đơn vị', 'Cấp học']])).toBeNull();
  });

  test('a sheet that is not a list: a report, a cover sheet, an empty sheet', () => {
    expect(find([['BÁO CÁO TỔNG KẾT NĂM HỌC 2024-2025'], ['Nội dung', 'Số liệu', 'Ghi chú'], ['Số trường', 42, '']])).toBeNull();
    expect(find(headerBlock())).toBeNull();
    expect(find([])).toBeNull();
  });

  test('the header is looked for down to Excel row 40, not below', () => {
    const at = (blank: number) => find([...Array.from({ length: blank }, () => []), STANDARD_HEADER, validRows()[0]])?.headerTop ?? null;
    expect(at(0)).toBe(0);
    expect(at(39)).toBe(39);
    expect(at(40)).toBeNull();
  });

  test('read from TCVN3 text too (headers decoded like any cell)', () => {
    // "Hä vµ tªn", "Ngµy sinh"…: the header row as a .VnTime sheet stores it.
    const header = ['TT', 'Hä vµ tªn', 'Ngµy sinh', 'Chøc vô', '§¬n vÞ c«ng t¸c', 'CÊp häc', 'Tãm t¾t thµnh tÝch'].map((v) => ({ v, font: '.VnTime' }));
    expect(find([header])?.columns).toEqual({ stt: 0, hoTen: 1, ngaySinh: 2, chucVu: 3, donVi: 4, capHoc: 5, tomTat: 6 });
  });
});

describe('isNumberingRow', () => {
  const g = grid('S', [
    NUMBERING,
    [1, 2, 3, 4, 5, 6, 7, 8],
    ['(A)', '(B)', '(C)', '(D)'],
    [' ( 1 ) ', '(10)', '(11)'],
    ['(1)', '(2)'],
    [1, 'Nguyễn Văn An', 1980],
    ['(100)', '(2)', '(3)'],
    [],
  ]);

  test('"(1) (2) (3)…", bare numbers and letters are numbering; two cells, a data row or an empty row are not', () => {
    expect(g.rows.map((_, r) => isNumberingRow(g, r, false))).toEqual([true, true, true, true, false, false, false, false]);
    expect(isNumberingRow(g, 99, false)).toBe(false);
  });
});

describe('matchHeader and secondHeader', () => {
  test('labels as units type them -> field keys', () => {
    const cases: [string, string | null][] = [
      ['Họ và tên', 'hoTen'],
      ['HỌ VÀ TÊN', 'hoTen'],
      ['Ho va ten', 'hoTen'],
      ['Họ và tên (ghi đầy đủ)', 'hoTen'],
      ['Số TT', 'stt'],
      ['Ngày, tháng, năm sinh', 'ngaySinh'],
      ['Nơi công tác [1]', 'donVi'],
      ['SKKN', 'sangKien'],
      ['Hình thức kỷ luật', 'kyLuat'],
      ['Xếp loại', null],
      ['', null],
    ];
    for (const [label, key] of cases) expect({ label, key: matchHeader(idx, label)?.key ?? null }).toEqual({ label, key });
  });

  test('strict matching (sub-headers) takes only a whole label', () => {
    expect(matchHeader(idx, 'Họ và tên nhà giáo được đề cử')?.key).toBe('hoTen');
    expect(matchHeader(idx, 'Họ và tên nhà giáo được đề cử', false)).toBeNull();
    expect(matchHeader(idx, 'Trường TH Kim Đồng')?.key).toBe('donVi');
    expect(matchHeader(idx, 'Trường TH Kim Đồng', false)).toBeNull();
    expect(matchHeader(idx, 'Trường', false)?.key).toBe('donVi');
  });

  test('secondHeader: the other field of a two-field label, none for a one-field label', () => {
    expect(secondHeader(idx, 'Chức vụ, đơn vị công tác')?.key).toBe('donVi');
    expect(secondHeader(idx, 'Chức vụ và đơn vị công tác')?.key).toBe('donVi');
    expect(secondHeader(idx, 'Chức vụ')).toBeNull();
    expect(secondHeader(idx, 'Chức vụ, chức danh')).toBeNull();
    expect(secondHeader(idx, 'Họ và tên nhà giáo')).toBeNull();
  });
});

describe('isFooterText (what ends the table)', () => {
  test('the signature block, totals, "Nơi nhận" and the place-and-date line end it', () => {
    for (const s of [
      'Gia Nghĩa, ngày 20 tháng 11 năm 2025',
      'Cư Jút, ngày   tháng   năm 2025',
      'Người lập biểu',
      'NGƯỜI TỔNG HỢP',
      'Thủ trưởng đơn vị',
      'KT. TRƯỞNG PHÒNG',
      'TM. UBND HUYỆN',
      'Nơi nhận:',
      'Tổng cộng: 3 người',
      'Danh sách này có 3 người',
      'Ấn định danh sách 3 người',
      'Xác nhận của Phòng GD&ĐT',
    ]) {
      expect({ s, footer: isFooterText(s) }).toEqual({ s, footer: true });
    }
  });

  test('names, positions and schools do not, not even with a footer word inside', () => {
    for (const s of ['Nguyễn Văn Tổng', 'Tống Thị Nhận', 'Trường TH Kim Đồng', 'Hiệu trưởng', 'Ngày sinh', 'Tổ trưởng chuyên môn', '']) {
      expect({ s, footer: isFooterText(s) }).toEqual({ s, footer: false });
    }
  });

  test('the signer’s title alone ("TRƯỞNG PHÒNG", "HIỆU TRƯỞNG") is not a footer marker', () => {
    expect(isFooterText('TRƯỞNG PHÒNG')).toBe(false);
    expect(isFooterText('HIỆU TRƯỞNG')).toBe(false);
  });
});

describe('header labels are read in linear time', () => {
  test('brackets are dropped as the old patterns dropped them', () => {
    const tokens = ['(', ')', '[', ']', 'Họ và tên', 'x', ' ', '(ghi rõ)', '[1]'];
    const next = rng(13);
    for (let i = 0; i < 20000; i++) {
      const n = Math.floor(next() * 9);
      let s = '';
      for (let j = 0; j < n; j++) s += tokens[Math.floor(next() * tokens.length)];
      const got = dropEnclosed(dropEnclosed(s, '(', ')'), '[', ']');
      const want = s.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ');
      if (got !== want) expect({ s, got }).toEqual({ s, got: want });
    }
  });

  test.each([
    ['unclosed brackets', '('.repeat(100_000)],
    ['unclosed square brackets', 'Họ và tên ['.repeat(10_000)],
    ['closed brackets', '(a)'.repeat(40_000)],
  ])('matchHeader on 100,000 characters: %s', (_what, label) => {
    const t0 = performance.now();
    matchHeader(idx, label);
    secondHeader(idx, label);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('findTable reads the cells there are, not every column', () => {
  const LABELS = ['TT', 'STT', 'Họ và tên', 'Ngày sinh', 'Năm sinh', 'Nam', 'Nữ', 'Giới tính', 'Chức vụ', 'Đơn vị công tác', 'Chức vụ, đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích', 'Kỷ luật', 'Thông tin cá nhân', 'Ghi chú', 'Xếp loại', 'Trường'];
  const DATA = ['Nguyễn Văn An', 'Giáo viên', 'Trường TH Kim Đồng', '12/03/1984', 1980, '(1)', '(2)', 'Nam', 'Nữ', ''];

  /** Header-like rows (labels in order, with gaps), data rows and blank rows, with merges that never overlap. */
  function randomSheet(next: () => number): Grid {
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    const rows: (GridCell | undefined)[][] = [];
    const height = 1 + Math.floor(next() * 7);
    const wide = next() < 0.05;
    for (let r = 0; r < height; r++) {
      const row: (GridCell | undefined)[] = [];
      const kind = next();
      const width = 1 + Math.floor(next() * 10);
      for (let c = 0; c < width; c++) {
        if (next() < 0.2) continue;
        const v = kind < 0.6 ? pick(LABELS) : pick(DATA);
        if (v !== '') row[c] = { v };
      }
      if (wide && next() < 0.5) row[16383] = { v: pick(LABELS) };
      if (kind > 0.95) continue; // no row at all
      rows[r] = row;
    }
    const used = new Set<number>();
    const merges: MergeRange[] = [];
    for (let t = Math.floor(next() * 8); t > 0; t--) {
      const top = Math.floor(next() * height);
      const left = Math.floor(next() * 10);
      const m = { top, left, bottom: top + Math.floor(next() * 2), right: left + Math.floor(next() * (next() < 0.1 ? 80 : 3)) };
      let free = true;
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (used.has(r * 1000 + c)) free = false;
      if (!free) continue;
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) used.add(r * 1000 + c);
      merges.push(m);
    }
    return { name: 'Danh sách', rows, merges };
  }

  /**
   * A two-row header (Excel rows 6 and 7): each row cut into runs of one to seven columns, a run a cell
   * or a merge, its text a label, "Nam"/"Nữ" or nothing; some upper runs merged down over both rows.
   */
  function twoRowSheet(next: () => number): Grid {
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    const width = 2 + Math.floor(next() * 18);
    const merges: MergeRange[] = [];
    const runs = (r: number, words: string[]) => {
      const row: (GridCell | undefined)[] = [];
      const out: [number, number][] = [];
      for (let c = 0; c < width; ) {
        const len = next() < 0.6 ? 1 : 2 + Math.floor(next() * 6);
        if (next() < 0.8) row[c] = { v: pick(words) };
        // A cell hidden under a merge, as some files keep them.
        if (len > 1 && next() < 0.1) row[c + 1] = { v: pick(words) };
        if (len > 1) out.push([c, c + len - 1]);
        c += len;
      }
      return { row, out };
    };
    const upper = runs(5, LABELS);
    const lower = runs(6, ['Nam', 'Nữ', 'Nam', 'Nữ', ...LABELS, 'Nguyễn Văn An']);
    const lowerUsed = new Set<number>();
    for (const [l, r] of lower.out) for (let c = l; c <= r; c++) lowerUsed.add(c);
    for (const [l, r] of upper.out) {
      let free = next() < 0.3;
      for (let c = l; c <= r && free; c++) if (lowerUsed.has(c)) free = false;
      merges.push({ top: 5, left: l, bottom: free ? 6 : 5, right: r });
    }
    for (const [l, r] of lower.out) merges.push({ top: 6, left: l, bottom: 6, right: r });
    const rows: (GridCell | undefined)[][] = [[{ v: 'UBND HUYỆN CƯ JÚT' }], [], [], [{ v: 'DANH SÁCH' }], [], upper.row, lower.row];
    if (next() < 0.5) rows.push([{ v: 1 }, { v: 'Nguyễn Văn An' }, { v: '12/03/1984' }]);
    return { name: 'Danh sách', rows, merges };
  }

  test('the same table as the plain twin (every column of every row, merges painted)', () => {
    const next = rng(41);
    let found = 0;
    let split = 0;
    let unknown = 0;
    for (let i = 0; i < 6000; i++) {
      const g = i % 2 ? randomSheet(next) : twoRowSheet(next);
      const want = findTablePlain(g, idx);
      const got = findTable(g, idx);
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ g, got }).toEqual({ g, got: want });
      if (want) found++;
      if (want?.split) split++;
      if (want?.unknown.length) unknown++;
    }
    // Enough sheets held a table (some split into Nam/Nữ, some with unknown columns) for the comparison to mean something.
    expect([found > 1000, split > 10, unknown > 500]).toEqual([true, true, true]);
  });

  test('header labels remembered give what the plain reading gives', () => {
    const next = rng(43);
    for (let i = 0; i < 5000; i++) {
      const label = [LABELS[Math.floor(next() * LABELS.length)], LABELS[Math.floor(next() * LABELS.length)]].slice(0, 1 + Math.floor(next() * 2)).join(' ');
      const loose = next() < 0.5;
      expect(matchHeader(idx, label, loose)).toBe(matchHeaderPlain(idx, label, loose));
      expect(secondHeader(idx, label)).toBe(secondHeaderPlain(idx, label));
    }
  });

  test('1,000 sheets whose header rows hold a cell in XFD: seconds, not 1,000 × 80 × 16,384 columns', () => {
    const sheets: Grid[] = [];
    for (let s = 0; s < 1000; s++) {
      const rows = [...headerBlock(), STANDARD_HEADER, NUMBERING, ...validRows()].map((r) => {
        const row: (GridCell | undefined)[] = r.map((v) => (v === null || v === undefined || v === '' ? undefined : typeof v === 'object' ? v : { v }));
        row[16383] = { v: 'x' };
        return row;
      });
      sheets.push({ name: `DS ${s}`, rows, merges: [{ top: 0, left: 0, bottom: 0, right: 16383 }] });
    }
    const t0 = performance.now();
    for (const g of sheets) expect(findTable(g, idx)?.columns).toEqual(STANDARD_COLUMNS);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
