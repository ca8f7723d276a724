/** Filling the standard template like a clerk in Excel would (with ExcelJS), for the round-trip tests. */
import * as ExcelJS from 'exceljs';
import { writeBook } from '../../src/formats/xlsx/write/workbook';
import { defaultRulebook } from '../../src/rules/index';
import { buildTemplateBook, templateSheet } from '../../src/consolidate/index';

const rb = defaultRulebook;
const col = (key: string) => rb.columns.findIndex((c) => c.key === key) + 1;

export type Person = Record<string, string | number | Date>;

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export const CU_JUT: Person[] = [
  { stt: 1, hoTen: "H' Ngăn Byă", ngaySinh: day(1985, 9, 5), gioiTinh: 'Nữ', danToc: 'Ê Đê', chucVu: 'Giáo viên', donVi: 'Trường Mầm non Hoa Sen', capHoc: 'Mầm non', trinhDo: 'Đại học', namCongTac: 15, danhHieu: 'Chiến sĩ thi đua cơ sở', sangKien: 'Sáng kiến cấp huyện', tomTat: 'Hoàn thành xuất sắc nhiệm vụ năm học.', kyLuat: 'Không' },
  { stt: 2, hoTen: 'Y Khuê Niê', ngaySinh: day(1980, 1, 12), gioiTinh: 'Nam', danToc: 'Ê Đê', chucVu: 'Hiệu trưởng', donVi: 'Trường Tiểu học Trần Phú', capHoc: 'Tiểu học', trinhDo: 'Thạc sĩ', namCongTac: 20, danhHieu: 'Chiến sĩ thi đua cấp tỉnh', sangKien: 'Đề tài khoa học cấp tỉnh', tomTat: 'Đưa trường đạt chuẩn quốc gia mức độ 2.', kyLuat: 'Không' },
  { stt: 3, hoTen: 'Điểu Thị Lan', ngaySinh: day(1990, 3, 3), gioiTinh: 'Nữ', danToc: "M'Nông", chucVu: 'Tổ trưởng chuyên môn', donVi: 'Trường THCS Lê Lợi', capHoc: 'THCS', trinhDo: 'Đại học', namCongTac: 10, danhHieu: 'Lao động tiên tiến', sangKien: 'Sáng kiến cấp trường', tomTat: 'Bồi dưỡng học sinh giỏi cấp tỉnh.', kyLuat: 'Không' },
];

export const KHOI: Person[] = [
  { stt: 1, hoTen: 'Trần Thị Bình', ngaySinh: day(1978, 6, 30), gioiTinh: 'Nữ', danToc: 'Kinh', chucVu: 'Phó Hiệu trưởng', donVi: 'Trường THPT Chu Văn An', capHoc: 'THPT', trinhDo: 'Thạc sĩ', namCongTac: 22, danhHieu: 'Chiến sĩ thi đua cấp tỉnh', sangKien: 'Sáng kiến cấp tỉnh', tomTat: 'Chỉ đạo chuyển đổi số trong nhà trường.', kyLuat: 'Không' },
];

export const KRONG_NO: Person[] = [
  { stt: 1, hoTen: 'Lê Văn Cường', ngaySinh: day(1983, 11, 2), gioiTinh: 'Nam', danToc: 'Kinh', chucVu: 'Giáo viên', donVi: 'Trường Mầm non Hướng Dương', capHoc: 'Mầm non', trinhDo: 'Cao đẳng', namCongTac: 12, danhHieu: 'Lao động tiên tiến', sangKien: 'Sáng kiến cấp huyện', tomTat: 'Tổ chức tốt hoạt động trải nghiệm.', kyLuat: 'Không' },
  { stt: 2, hoTen: 'Phạm Thị Dung', ngaySinh: day(1987, 4, 21), gioiTinh: 'Nữ', danToc: 'Kinh', chucVu: 'Giáo viên', donVi: 'Trường Tiểu học Kim Đồng', capHoc: 'Tiểu học', trinhDo: 'Đại học', namCongTac: 14, danhHieu: 'Chiến sĩ thi đua cơ sở', sangKien: 'Sáng kiến cấp huyện', tomTat: 'Giáo viên dạy giỏi cấp tỉnh.', kyLuat: 'Không' },
  { stt: 3, hoTen: 'Nông Văn Đức', ngaySinh: day(1984, 8, 15), gioiTinh: 'Nam', danToc: 'Tày', chucVu: 'Giáo viên', donVi: 'Trường THCS Nguyễn Du', capHoc: 'THCS', trinhDo: 'Đại học', namCongTac: 16, danhHieu: 'Chiến sĩ thi đua cơ sở', sangKien: 'Sáng kiến cấp huyện', tomTat: 'Học sinh giỏi quốc gia môn Toán.', kyLuat: 'Không' },
];

/** Generates the template, fills it like a clerk in Excel would (ExcelJS), and returns the file. */
export async function filledTemplate(unitId: string | undefined, people: Person[], opts: { date?: string; pickUnit?: string } = {}): Promise<Uint8Array> {
  const bytes = await writeBook(buildTemplateBook(rb, { unitId }));
  const { layout } = templateSheet(rb, { unitId });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Danh sách');
  if (!ws) throw new Error('no template sheet');
  people.forEach((p, i) => {
    const row = layout.firstDataRow + 1 + i;
    for (const [k, v] of Object.entries(p)) ws.getCell(row, col(k)).value = v;
  });
  if (opts.pickUnit) ws.getCell(layout.unitRow + 1, layout.unitCol + 1).value = opts.pickUnit;
  if (opts.date) {
    // The clerk writes the date into the place-and-date line.
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string' && /ngày …… tháng/.test(cell.value)) cell.value = cell.value.replace(/ngày .*$/, opts.date as string);
      }),
    );
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

