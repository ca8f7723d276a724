/** Bench workloads, generated on demand into bench-data/ (kept out of git). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { defaultRulebook } from '../../src/rules/index';

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const MIDDLE = ['Thị', 'Văn', 'Hữu', 'Minh', 'Ngọc', 'Thanh', 'Đức', 'Thu'];
const GIVEN = ['Lan', 'Hoa', 'Minh', 'Hùng', 'Dũng', 'Hạnh', 'Thảo', 'Bình', 'Phương', 'Tuấn', 'Nga', 'Sơn'];
const ETHNIC = ['H’ Ngăn Byă', 'Y Khuê Niê', 'Điểu Thị Lan', 'K’ Thị Hoa', 'H’ Bia Ayun'];
const SCHOOLS = [
  ['Trường Mầm non Hoa Sen', 'Mầm non'],
  ['Trường Tiểu học Trần Phú', 'Tiểu học'],
  ['Trường THCS Nguyễn Du', 'THCS'],
  ['Trường THPT Chu Văn An', 'THPT'],
  ['Trường Mẫu giáo Sơn Ca', 'Mầm non'],
  ['Trường TH Kim Đồng', 'Tiểu học'],
];
const POSITIONS = ['Giáo viên', 'GV', 'Tổ trưởng chuyên môn', 'HT', 'P.HT', 'TPT Đội'];
/** Pieces of achievement summaries: each row gets its own combination, as real lists do (no two alike). */
const FEATS = [
  'Giáo viên dạy giỏi cấp tỉnh năm học',
  'Giáo viên chủ nhiệm giỏi cấp huyện năm học',
  'sáng kiến kinh nghiệm được Hội đồng khoa học tỉnh công nhận năm',
  'Chiến sĩ thi đua cơ sở các năm học',
  'Bằng khen của Chủ tịch UBND tỉnh năm',
  'Giấy khen của Giám đốc Sở GD&ĐT năm',
  'bồi dưỡng học sinh giỏi đạt giải Nhì cấp tỉnh năm',
  'hướng dẫn học sinh nghiên cứu khoa học kỹ thuật đạt giải Ba năm',
  'tích cực tham gia hoạt động từ thiện, hỗ trợ học sinh vùng khó khăn năm',
  'Lao động tiên tiến năm học',
  'hoàn thành xuất sắc nhiệm vụ năm học',
  'tham gia biên soạn tài liệu giáo dục địa phương năm',
];

function achievement(r: () => number): string {
  const n = 2 + Math.floor(r() * 3);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const y = 2015 + Math.floor(r() * 10);
    const feat = pick(r, FEATS);
    parts.push(feat.endsWith('học') ? `${feat} ${y}-${y + 1}` : `${feat} ${y}`);
  }
  const s = parts.join('; ');
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** A deterministic pseudo-random sequence, so workloads are the same every run. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(r: () => number, list: T[]): T {
  return list[Math.floor(r() * list.length)];
}

function personRow(r: () => number, i: number, layout: number): (string | number | Date)[] {
  const name = r() < 0.1 ? pick(r, ETHNIC) : `${pick(r, FAMILY)} ${pick(r, MIDDLE)} ${pick(r, GIVEN)}`;
  const [school, level] = pick(r, SCHOOLS);
  const y = 1965 + Math.floor(r() * 35);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  const birth = layout === 1 ? new Date(Date.UTC(y, m - 1, d)) : `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
  return [i + 1, name, birth, pick(r, POSITIONS), school, level, achievement(r), 'Không'];
}

async function writeSubmission(file: string, unitIndex: number, rows: number, layout: number, seed: number): Promise<void> {
  const r = rng(seed);
  const unit = defaultRulebook.units[unitIndex % defaultRulebook.units.length];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(layout === 2 ? 'DS de cu' : 'Danh sách');
  ws.addRow([unit.kind === 'phong' ? `UBND ${unit.aliases[0].toUpperCase()}` : 'SỞ GD&ĐT ĐẮK NÔNG', null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']);
  ws.addRow([unit.kind === 'phong' ? 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO' : unit.name.toUpperCase(), null, null, null, 'Độc lập - Tự do - Hạnh phúc']);
  ws.addRow([null, null, null, null, `${unit.aliases[0]}, ngày 20 tháng 11 năm 2025`]);
  ws.addRow(['DANH SÁCH ĐỀ CỬ NHÀ GIÁO TIÊU BIỂU']);
  ws.addRow([]);
  if (layout === 2) ws.addRow(['TT', 'Ho va ten', 'Ngay sinh', 'Chuc vu', 'Don vi cong tac', 'Cap hoc', 'Tom tat thanh tich', 'Ky luat']);
  else ws.addRow(['TT', 'Họ và tên', layout === 1 ? 'Ngày sinh' : 'Ngày, tháng, năm sinh', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích', 'Kỷ luật']);
  ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)']);
  for (let i = 0; i < rows; i++) {
    const row = ws.addRow(personRow(r, i, layout));
    if (layout === 1) row.getCell(3).numFmt = 'dd/mm/yyyy';
  }
  ws.addRow([]);
  ws.addRow([null, 'Người lập biểu', null, null, null, 'TRƯỞNG PHÒNG']);
  await wb.xlsx.writeFile(file);
}

/** (a) 500 submissions of 3 to 20 rows, in three layouts. */
export async function ensureManyFiles(root: string, count = 500): Promise<string> {
  const dir = path.join(root, `a-${count}-files-v2`);
  if (fs.existsSync(path.join(dir, '.done'))) return dir;
  fs.mkdirSync(dir, { recursive: true });
  const r = rng(42);
  for (let i = 0; i < count; i++) {
    const rows = 3 + Math.floor(r() * 18);
    await writeSubmission(path.join(dir, `sub-${String(i).padStart(3, '0')}.xlsx`), i, rows, i % 3, i + 1);
  }
  fs.writeFileSync(path.join(dir, '.done'), '');
  return dir;
}

/** (b) one province-wide sheet of 50,000 rows (written with ExcelJS's streaming writer). */
export async function ensureBigSheet(root: string, rows = 50000): Promise<string> {
  const file = path.join(root, `b-${rows}-rows-v2.xlsx`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(root, { recursive: true });
  const tmp = `${file}.tmp`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Danh sách');
  ws.addRow(['SỞ GIÁO DỤC VÀ ĐÀO TẠO', null, null, null, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM']).commit();
  ws.addRow(['KHỐI THI ĐUA SỐ 1', null, null, null, 'Độc lập - Tự do - Hạnh phúc']).commit();
  ws.addRow([null, null, null, null, 'Gia Nghĩa, ngày 20 tháng 11 năm 2025']).commit();
  ws.addRow(['TT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Tóm tắt thành tích', 'Kỷ luật']).commit();
  ws.addRow(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)']).commit();
  const r = rng(7);
  for (let i = 0; i < rows; i++) ws.addRow(personRow(r, i, 0)).commit();
  ws.commit();
  await wb.commit();
  fs.renameSync(tmp, file);
  return file;
}
