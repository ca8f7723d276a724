/**
 * npm run rulebooks: writes the example rulebooks under rulebooks/ (each as JSON and as the workbook
 * `rules export` makes) and the example submissions of the Phòng-collects-from-schools example.
 *  - rulebooks/phong-cu-jut-2024-2025/: a Phòng GD&ĐT collecting from its schools (school year
 *    2024–2025, before the 1/7/2025 reorganisation). The schools and people are made up.
 *  - rulebooks/lam-dong-tu-1-7-2025/: the structure after 1/7/2025 (kinds and quotas) with an empty
 *    registry: the real list of units is the office's to enter; none is invented here.
 * Levels, positions and columns are the default rulebook's (the plan's).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { defaultRulebook, validateRulebook, type Rulebook } from '../src/rules/index';
import { buildRulebookBook, buildTemplateBook, templateSheet } from '../src/consolidate/index';
import { writeBook } from '../src/formats/xlsx/write/workbook';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'rulebooks');

const base = JSON.parse(JSON.stringify(defaultRulebook)) as Rulebook;
const level = (codes: string[]) => base.levels.filter((l) => codes.includes(l.code));
const RECIPIENTS_SCHOOL = ['Phòng GD&ĐT huyện Cư Jút (bộ phận thi đua);', 'Lưu: VT.'];

export const PHONG: Rulebook = validateRulebook({
  ...base,
  id: 'phong-cu-jut-2024-2025',
  name: 'Ví dụ: Phòng GD&ĐT huyện Cư Jút tổng hợp đề cử của các trường, năm học 2024–2025 (tên trường là giả định)',
  year: 2025,
  agency: {
    parent: 'UBND HUYỆN CƯ JÚT',
    name: 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO',
    place: 'Cư Jút',
    reportSymbol: 'BC-PGDĐT',
    signer: { authority: '', title: 'TRƯỞNG PHÒNG', name: '' },
    recipients: ['Sở GD&ĐT Đắk Nông (Văn phòng Sở);', 'Lãnh đạo Phòng;', 'Lưu: VT.'],
  },
  titles: {
    template: 'DANH SÁCH ĐỀ CỬ NHÀ GIÁO TIÊU BIỂU',
    report: 'BÁO CÁO',
    reportSubtitle: 'Tổng hợp danh sách đề cử nhà giáo tiêu biểu của các trường trực thuộc',
  },
  deadlines: { nominations: { day: 31, month: 5, note: 'Phòng đặt theo công văn hướng dẫn hằng năm' }, reports: { day: 15, month: 12 } },
  levels: level(['MN', 'TH', 'THCS']),
  kinds: {
    'truong-mn': {
      label: 'Trường mầm non',
      labelEn: 'Preschool',
      quota: { total: 2, managers: 1, perLevel: null, levels: ['MN'], requireEachLevel: false },
      documents: { parentAgency: 'PHÒNG GD&ĐT CƯ JÚT', signerTitle: 'HIỆU TRƯỞNG', recipients: RECIPIENTS_SCHOOL },
    },
    'truong-th': {
      label: 'Trường tiểu học',
      labelEn: 'Primary school',
      quota: { total: 2, managers: 1, perLevel: null, levels: ['TH'], requireEachLevel: false },
      documents: { parentAgency: 'PHÒNG GD&ĐT CƯ JÚT', signerTitle: 'HIỆU TRƯỞNG', recipients: RECIPIENTS_SCHOOL },
    },
    'truong-thcs': {
      label: 'Trường THCS',
      labelEn: 'Lower secondary school',
      quota: { total: 2, managers: 1, perLevel: null, levels: ['THCS'], requireEachLevel: false },
      documents: { parentAgency: 'PHÒNG GD&ĐT CƯ JÚT', signerTitle: 'HIỆU TRƯỞNG', recipients: RECIPIENTS_SCHOOL },
    },
  },
  units: [
    { id: 'mn-hoa-sen', name: 'Trường Mầm non Hoa Sen', kind: 'truong-mn', aliases: ['MN Hoa Sen', 'Mầm non Hoa Sen', 'MG Hoa Sen'], place: 'Cư Jút' },
    { id: 'mn-son-ca', name: 'Trường Mầm non Sơn Ca', kind: 'truong-mn', aliases: ['MN Sơn Ca', 'Mầm non Sơn Ca'], place: 'Cư Jút' },
    { id: 'th-kim-dong', name: 'Trường Tiểu học Kim Đồng', kind: 'truong-th', aliases: ['TH Kim Đồng', 'Tiểu học Kim Đồng'], place: 'Cư Jút' },
    { id: 'th-tran-phu', name: 'Trường Tiểu học Trần Phú', kind: 'truong-th', aliases: ['TH Trần Phú', 'Tiểu học Trần Phú'], place: 'Cư Jút' },
    { id: 'thcs-nguyen-du', name: 'Trường THCS Nguyễn Du', kind: 'truong-thcs', aliases: ['THCS Nguyễn Du', 'Trung học cơ sở Nguyễn Du'], place: 'Cư Jút' },
    { id: 'thcs-le-loi', name: 'Trường THCS Lê Lợi', kind: 'truong-thcs', aliases: ['THCS Lê Lợi', 'Trung học cơ sở Lê Lợi'], place: 'Cư Jút' },
  ],
  shortlist: { total: 3, managers: 1, levels: ['MN', 'TH', 'THCS'] },
  documents: {
    listTitle: 'DANH SÁCH TỔNG HỢP ĐỀ CỬ NHÀ GIÁO TIÊU BIỂU CỦA CÁC TRƯỜNG',
    reportIntro:
      'Thực hiện Kế hoạch xây dựng tiêu chuẩn và nhân rộng gương điển hình tiên tiến ngành Giáo dục và Đào tạo giai đoạn 2022-2025 của Sở Giáo dục và Đào tạo, Phòng Giáo dục và Đào tạo huyện Cư Jút tổng hợp danh sách đề cử nhà giáo tiêu biểu của các trường như sau:',
  },
});

const SO = 'SỞ GD&ĐT LÂM ĐỒNG';

export const LAM_DONG: Rulebook = validateRulebook({
  ...base,
  id: 'lam-dong-tu-1-7-2025',
  name: 'Khung quy tắc sau sắp xếp từ 1/7/2025 (Sở GD&ĐT Lâm Đồng): loại đơn vị và số lượng; danh sách đơn vị do Văn phòng Sở nhập',
  period: { from: 2026, to: 2030 },
  year: 2026,
  agency: { ...base.agency, parent: 'UBND TỈNH LÂM ĐỒNG', name: 'SỞ GIÁO DỤC VÀ ĐÀO TẠO', place: 'Lâm Đồng' },
  kinds: {
    xa: {
      label: 'UBND xã, phường, đặc khu',
      labelEn: 'Commune People’s Committee',
      // The plan's quota of a Phòng, carried over until the Department sets the communes' own.
      quota: { total: 3, managers: 1, perLevel: 1, levels: ['MN', 'TH', 'THCS'], requireEachLevel: false },
      documents: { parentAgency: 'UBND TỈNH LÂM ĐỒNG', signerTitle: 'CHỦ TỊCH', recipients: ['Sở GD&ĐT (Văn phòng Sở);', 'Lưu: VT.'] },
    },
    'truong-so': {
      label: 'Trường trực thuộc Sở',
      labelEn: 'School under the Department',
      quota: { total: 1, managers: 1, perLevel: null, levels: ['THCS', 'THPT', 'GDTX'], requireEachLevel: false },
      documents: { parentAgency: SO, signerTitle: 'HIỆU TRƯỞNG', recipients: ['Sở GD&ĐT (Văn phòng Sở);', 'Lưu: VT.'] },
    },
    khoi: {
      label: 'Khối thi đua',
      labelEn: 'Emulation block',
      quota: { total: 1, managers: 1, perLevel: null, levels: ['MN', 'TH', 'THCS', 'THPT', 'GDTX'], requireEachLevel: false },
      documents: { parentAgency: SO, signerTitle: 'TRƯỞNG KHỐI', recipients: ['Sở GD&ĐT (Văn phòng Sở);', 'Các đơn vị trong khối;', 'Lưu: VT.'] },
    },
  },
  units: [],
  documents: {
    listTitle: base.documents?.listTitle,
    reportIntro: 'Thực hiện kế hoạch của Sở Giáo dục và Đào tạo về xây dựng và nhân rộng gương điển hình tiên tiến, Sở Giáo dục và Đào tạo tổng hợp danh sách đề cử nhà giáo tiêu biểu của các đơn vị như sau:',
  },
});

type Person = Record<string, string | number | Date>;
const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const EVIDENCE = 'Hoàn thành xuất sắc nhiệm vụ năm học 2024-2025; có sáng kiến được áp dụng trong trường; được học sinh, phụ huynh tín nhiệm.';

/** The example submissions: what each school sends (made up), with the mistakes a clerk would make. */
export const SUBMISSIONS: { file: string; unitId: string; people: Person[] }[] = [
  {
    file: '01-mn-hoa-sen.xlsx',
    unitId: 'mn-hoa-sen',
    people: [{ stt: 1, hoTen: "H' Ngăn Byă", ngaySinh: day(1986, 9, 5), gioiTinh: 'Nữ', danToc: 'Ê Đê', chucVu: 'Giáo viên', donVi: 'Trường Mầm non Hoa Sen', capHoc: 'Mầm non', trinhDo: 'Đại học', namCongTac: 14, tomTat: EVIDENCE, kyLuat: 'Không' }],
  },
  {
    file: '02-th-kim-dong.xlsx',
    unitId: 'th-kim-dong',
    people: [
      { stt: 1, hoTen: 'Y Khuê Niê', ngaySinh: day(1981, 1, 12), gioiTinh: 'Nam', danToc: 'Ê Đê', chucVu: 'Hiệu trưởng', donVi: 'Trường Tiểu học Kim Đồng', capHoc: 'Tiểu học', trinhDo: 'Thạc sĩ', namCongTac: 20, tomTat: EVIDENCE, kyLuat: 'Không' },
      { stt: 2, hoTen: 'Phạm Thị Dung', ngaySinh: day(1987, 4, 21), gioiTinh: 'Nữ', danToc: 'Kinh', chucVu: 'Giáo viên', donVi: 'Trường Tiểu học Kim Đồng', capHoc: 'Tiểu học', trinhDo: 'Đại học', namCongTac: 14, tomTat: EVIDENCE, kyLuat: 'Không' },
    ],
  },
  {
    // Two managers: one more than the school's quota allows.
    file: '03-th-tran-phu.xlsx',
    unitId: 'th-tran-phu',
    people: [
      { stt: 1, hoTen: 'Nguyễn Văn Hùng', ngaySinh: day(1976, 6, 3), gioiTinh: 'Nam', danToc: 'Kinh', chucVu: 'Hiệu trưởng', donVi: 'Trường Tiểu học Trần Phú', capHoc: 'Tiểu học', trinhDo: 'Đại học', namCongTac: 25, tomTat: EVIDENCE, kyLuat: 'Không' },
      { stt: 2, hoTen: 'Lê Thị Hoa', ngaySinh: day(1982, 2, 14), gioiTinh: 'Nữ', danToc: 'Kinh', chucVu: 'Phó Hiệu trưởng', donVi: 'Trường Tiểu học Trần Phú', capHoc: 'Tiểu học', trinhDo: 'Đại học', namCongTac: 18, tomTat: EVIDENCE, kyLuat: 'Không' },
    ],
  },
  {
    // The achievement summary left blank.
    file: '04-thcs-nguyen-du.xlsx',
    unitId: 'thcs-nguyen-du',
    people: [{ stt: 1, hoTen: 'Điểu Thị Lan', ngaySinh: day(1990, 3, 3), gioiTinh: 'Nữ', danToc: "M'Nông", chucVu: 'Tổ trưởng chuyên môn', donVi: 'Trường THCS Nguyễn Du', capHoc: 'THCS', trinhDo: 'Đại học', namCongTac: 10, kyLuat: 'Không' }],
  },
  {
    // Three nominees where the quota is two.
    file: '05-thcs-le-loi.xlsx',
    unitId: 'thcs-le-loi',
    people: [
      { stt: 1, hoTen: 'Nông Văn Đức', ngaySinh: day(1984, 8, 15), gioiTinh: 'Nam', danToc: 'Tày', chucVu: 'Giáo viên', donVi: 'Trường THCS Lê Lợi', capHoc: 'THCS', trinhDo: 'Đại học', namCongTac: 16, tomTat: EVIDENCE, kyLuat: 'Không' },
      { stt: 2, hoTen: 'Trần Minh Tâm', ngaySinh: day(1988, 10, 1), gioiTinh: 'Nam', danToc: 'Kinh', chucVu: 'Giáo viên', donVi: 'Trường THCS Lê Lợi', capHoc: 'THCS', trinhDo: 'Đại học', namCongTac: 12, tomTat: EVIDENCE, kyLuat: 'Không' },
      { stt: 3, hoTen: 'Võ Thị Mai', ngaySinh: day(1991, 12, 9), gioiTinh: 'Nữ', danToc: 'Kinh', chucVu: 'Giáo viên', donVi: 'Trường THCS Lê Lợi', capHoc: 'THCS', trinhDo: 'Đại học', namCongTac: 9, tomTat: EVIDENCE, kyLuat: 'Không' },
    ],
  },
];

/** The school's template, filled in by another program (ExcelJS) as a clerk would in Excel. */
async function filled(rb: Rulebook, unitId: string, people: Person[]): Promise<Buffer> {
  const { layout } = templateSheet(rb, { unitId });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await writeBook(buildTemplateBook(rb, { unitId }))) as unknown as ArrayBuffer);
  wb.created = wb.modified = new Date(Date.UTC(2025, 4, 20));
  const ws = wb.getWorksheet('Danh sách');
  if (!ws) throw new Error('no template sheet');
  const col = (key: string) => rb.columns.findIndex((c) => c.key === key) + 1;
  people.forEach((p, i) => {
    for (const [k, v] of Object.entries(p)) ws.getCell(layout.firstDataRow + 1 + i, col(k)).value = v;
  });
  // The date line of the school's header block (right column of row 3).
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === 'string' && /ngày …+ tháng …+ năm 20…/.test(cell.value)) cell.value = cell.value.replace(/ngày …+ tháng …+ năm 20…/, 'ngày 20 tháng 5 năm 2025');
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function writeRulebook(dir: string, rb: Rulebook): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'quy-tac.json'), `${JSON.stringify(rb, null, 2)}\n`);
  writeFileSync(path.join(dir, 'quy-tac.xlsx'), await writeBook(buildRulebookBook(rb)));
}

async function main(): Promise<void> {
  const phongDir = path.join(OUT, 'phong-cu-jut-2024-2025');
  await writeRulebook(phongDir, PHONG);
  mkdirSync(path.join(phongDir, 'nop'), { recursive: true });
  for (const s of SUBMISSIONS) writeFileSync(path.join(phongDir, 'nop', s.file), await filled(PHONG, s.unitId, s.people));
  await writeRulebook(path.join(OUT, 'lam-dong-tu-1-7-2025'), LAM_DONG);
  process.stdout.write(`Đã ghi các bộ quy tắc ví dụ vào ${path.relative(ROOT, OUT)}/ / Wrote the example rulebooks.\n`);
}

if (require.main === module) void main();
