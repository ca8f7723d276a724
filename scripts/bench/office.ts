/**
 * Workload (c): a 10,000-row nomination sheet checked through the Office layer (src/office) against
 * the fake RequestContext of test/office/fake-excel.ts, which counts syncs and measures each
 * request and response as Excel on the web would (Office.js's JSON framing, UTF-8, refused over
 * 5 MB); then 20,000 flagged cells marked and cleared, with notes and with fills only.
 */
import type { Finding } from '../../src/check/finding';
import { checkWorkbooks } from '../../src/check/index';
import { clearMarks, markFindings } from '../../src/office/marks';
import { readActiveSheetGrid } from '../../src/office/read';
import { supportUpTo } from '../../src/office/support';
import { defaultRulebook } from '../../src/rules/index';
import { FakeWorkbook, type SyncRecord } from '../../test/office/fake-excel';

const SHEET = 'Danh sách';
const ROWS = 10_000;
const SUMMARY =
  'Hoàn thành xuất sắc nhiệm vụ năm học; đạt danh hiệu Chiến sĩ thi đua cơ sở hai năm liền; có sáng kiến kinh nghiệm được công nhận cấp huyện.';
const SCHOOLS = ['Trường Mầm non Hoa Sen', 'Trường Tiểu học Trần Phú', 'Trường THCS Nguyễn Du', 'Trường TH Kim Đồng'];
const POSITIONS = ['Giáo viên', 'Tổ trưởng chuyên môn', 'Hiệu trưởng', 'GV'];
const NAMES = ['Nguyễn Thị Lan', 'Trần Văn Hùng', 'Lê Thị Hạnh', 'H’ Bia Ayun', 'Y Khuê Niê', 'Phạm Ngọc Thảo'];

/** A district's list with 10,000 rows: the official header block, a one-row header, then the people. */
function nominationBook(): FakeWorkbook {
  const wb = new FakeWorkbook({ apiVersion: '1.18' });
  const s = wb.addSheet(SHEET);
  wb.set(SHEET, 'A1', 'UBND HUYỆN CƯ JÚT');
  wb.set(SHEET, 'E1', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  wb.set(SHEET, 'A2', 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO');
  wb.set(SHEET, 'E2', 'Độc lập - Tự do - Hạnh phúc');
  wb.set(SHEET, 'E3', 'Cư Jút, ngày 20 tháng 11 năm 2025');
  wb.set(SHEET, 'A4', 'DANH SÁCH ĐỀ CỬ NHÀ GIÁO TIÊU BIỂU');
  wb.setRows(SHEET, 'A6', [['TT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Chức vụ', 'Đơn vị công tác', 'Tóm tắt thành tích', 'Kỷ luật']]);
  s.merges.push({ top: 3, left: 0, bottom: 3, right: 7 });
  for (let i = 0; i < ROWS; i++) {
    const r = 6 + i;
    // Every 7th row lacks its birth date and every 11th has an unknown title: findings to mark.
    const birth = i % 7 === 3 ? '' : 24000 + ((i * 37) % 9000);
    const row: (string | number)[] = [
      i + 1,
      `${NAMES[i % NAMES.length]} ${i}`,
      birth,
      i % 2 ? 'Nữ' : 'Nam',
      i % 11 === 5 ? 'Cán bộ hợp đồng' : POSITIONS[i % POSITIONS.length],
      SCHOOLS[i % SCHOOLS.length],
      SUMMARY,
      'Không',
    ];
    row.forEach((v, c) => {
      if (v === '') return;
      const cell = s.ensure(r, c);
      cell.v = v;
      if (c === 2) cell.fmt = 'dd/mm/yyyy';
    });
  }
  return wb;
}

function largest(syncs: SyncRecord[], key: 'requestBytes' | 'responseBytes'): number {
  return syncs.reduce((m, s) => Math.max(m, s[key]), 0);
}

const MB = (n: number) => `${(n / 1048576).toFixed(2)} MB`;

const FLAGGED = 20_000;

/** 20,000 findings over B7:H…, one message each, as a badly filled district list would give. */
function flaggedFindings(): Finding[] {
  return Array.from({ length: FLAGGED }, (_, i) => {
    const cell = `${'BCDEFGH'[i % 7]}${7 + Math.floor(i / 7)}`;
    return {
      ruleId: 'FIELD_REQUIRED',
      severity: i % 5 === 0 ? 'warning' : 'error',
      file: 'Book1.xlsx',
      sheet: SHEET,
      cell,
      row: 7 + Math.floor(i / 7),
      message: `Thiếu thông tin bắt buộc ở ô ${cell}.`,
      messageEn: `Required information missing at ${cell}.`,
    };
  });
}

/** Marks and clears 20,000 cells on Excel on the web's 5 MB request limit: one report line. */
async function markTwentyThousand(api: string, label: string): Promise<string> {
  const wb = new FakeWorkbook({ apiVersion: api, requestLimitBytes: 5 * 1048576 });
  wb.addSheet(SHEET);
  const support = supportUpTo(api);
  let line: string;
  try {
    const m = await markFindings(wb.context(), flaggedFindings(), { support, lang: 'vi' });
    const marked = wb.syncs.slice();
    await clearMarks(wb.context(), { support });
    const cleared = wb.syncs.slice(marked.length);
    const ok = m.cells === FLAGGED && m.unmarked.length === 0 && largest(wb.syncs, 'requestBytes') <= 4 * 1048576;
    line =
      `đánh dấu / mark ${FLAGGED.toLocaleString('vi-VN')} ô, ${label}: ${marked.length} sync, largest request ${MB(largest(marked, 'requestBytes'))}; ` +
      `gỡ / clear: ${cleared.length} sync, largest request ${MB(largest(cleared, 'requestBytes'))} — target: all marked, ≤ 4 MB per request under the 5 MB limit: ${ok ? 'đạt / met' : 'CHƯA ĐẠT / NOT MET'}`;
  } catch (e) {
    line = `đánh dấu / mark ${FLAGGED.toLocaleString('vi-VN')} ô, ${label}: THẤT BẠI / FAILED after ${wb.syncs.length} sync (largest request ${MB(largest(wb.syncs, 'requestBytes'))}): ${e instanceof Error ? e.message : String(e)}`;
  }
  return line;
}

/** Runs the read+check and the marking; returns the report lines. */
export async function benchOffice(): Promise<string[]> {
  const wb = nominationBook();
  const support = supportUpTo('1.18');

  const t0 = performance.now();
  const grid = await readActiveSheetGrid(wb.context(), { support });
  const result = checkWorkbooks([{ file: wb.name, workbook: grid }], defaultRulebook);
  const readMs = performance.now() - t0;
  const readSyncs = wb.syncs.slice();

  const t1 = performance.now();
  const marked = await markFindings(wb.context(), result.findings, { support, lang: 'vi' });
  const markMs = performance.now() - t1;
  const markSyncs = wb.syncs.slice(readSyncs.length);

  const ok = (syncs: SyncRecord[], maxSyncs: number | null) =>
    (maxSyncs === null || syncs.length <= maxSyncs) && largest(syncs, 'requestBytes') <= 4 * 1048576 && largest(syncs, 'responseBytes') <= 4 * 1048576
      ? 'đạt / met'
      : 'CHƯA ĐẠT / NOT MET';
  return [
    `${ROWS.toLocaleString('vi-VN')} dòng, ${result.summary.nominees.toLocaleString('vi-VN')} người, ${result.findings.length.toLocaleString('vi-VN')} phát hiện / findings`,
    `đọc + kiểm tra / read + check: ${readSyncs.length} sync, largest request ${MB(largest(readSyncs, 'requestBytes'))}, largest response ${MB(largest(readSyncs, 'responseBytes'))}, ${Math.round(readMs)} ms — target ≤ 3 syncs, ≤ 4 MB: ${ok(readSyncs, 3)}`,
    `đánh dấu / mark ${marked.cells.toLocaleString('vi-VN')} ô (${marked.notes.toLocaleString('vi-VN')} ghi chú / notes): ${markSyncs.length} sync, largest request ${MB(largest(markSyncs, 'requestBytes'))}, largest response ${MB(largest(markSyncs, 'responseBytes'))}, ${Math.round(markMs)} ms — target ≤ 4 MB per request: ${ok(markSyncs, null)}`,
    await markTwentyThousand('1.18', 'có ghi chú / with notes'),
    await markTwentyThousand('1.9', 'chỉ tô màu / fills only'),
  ];
}
