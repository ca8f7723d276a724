/**
 * A nomination list made on the spot (fflate, inline strings) whose every row breaks rules: a
 * workbook that gives tens of thousands of findings, to watch the pane draw and scroll them.
 */
import { strToU8, zipSync } from 'fflate';

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '</Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  '</Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
  '<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '</Relationships>';

const HEADERS = ['TT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Chức vụ', 'Đơn vị công tác', 'Cấp học', 'Trình độ chuyên môn', 'Số năm công tác', 'Danh hiệu thi đua', 'Sáng kiến', 'Tóm tắt thành tích', 'Kỷ luật', 'Ghi chú'];
const COLS = 'ABCDEFGHIJKLMNO';
const NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const text = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(s)}</t></is></c>`;

/** A list of `rows` nominees of Thành phố Gia Nghĩa, each with an impossible date, a bad gender and empty fields. */
export function manyFindingsWorkbook(rows: number): Uint8Array {
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  parts.push(`<row r="1">${text('A1', 'UBND THÀNH PHỐ GIA NGHĨA')}</row><row r="2">${text('A2', 'PHÒNG GIÁO DỤC VÀ ĐÀO TẠO')}</row>`);
  parts.push(`<row r="5">${text('A5', 'DANH SÁCH ĐỀ CỬ NHÀ GIÁO TIÊU BIỂU NĂM HỌC 2024-2025')}</row>`);
  parts.push(`<row r="7">${HEADERS.map((h, i) => text(`${COLS[i]}7`, h)).join('')}</row>`);
  parts.push(`<row r="8">${HEADERS.map((_, i) => text(`${COLS[i]}8`, `(${i + 1})`)).join('')}</row>`);
  for (let i = 0; i < rows; i++) {
    const r = 9 + i;
    const name = `${NAMES[i % NAMES.length]} ${NAMES[(i * 7) % NAMES.length]} Văn ${i + 1}`;
    parts.push(
      `<row r="${r}"><c r="A${r}"><v>${i + 1}</v></c>${text(`B${r}`, name)}${text(`C${r}`, `31/02/19${70 + (i % 30)}`)}${text(`D${r}`, 'X')}` +
        `${text(`F${r}`, 'Giáo viên')}${text(`G${r}`, `Trường số ${i % 50}`)}${text(`J${r}`, 'nhiều năm')}</row>`,
    );
  }
  parts.push('</sheetData></worksheet>');
  return zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(RELS),
      'xl/workbook.xml': strToU8(WORKBOOK),
      'xl/_rels/workbook.xml.rels': strToU8(WORKBOOK_RELS),
      'xl/worksheets/sheet1.xml': strToU8(parts.join('')),
    },
    { level: 6 },
  );
}
