/**
 * The rulebook as a workbook a clerk edits: which sheets, which columns, how each value is written
 * in a cell. One description, used by the writer (./rulebook-book.ts) and the reader
 * (./rulebook-read.ts), so what one writes the other reads back.
 */

export const RULEBOOK_SHEETS = {
  guide: 'Hướng dẫn',
  general: 'Chung',
  units: 'Đơn vị',
  kinds: 'Loại đơn vị',
  levels: 'Cấp học',
  positions: 'Chức vụ',
  columns: 'Cột',
  shortlist: 'Đề nghị Bộ',
} as const;

/**
 * How a value sits in a cell: text; optional text (blank: absent); a list, one item a line
 * (Alt+Enter); optional list; codes separated by commas; a number; a number or blank (no limit);
 * Có/Không.
 */
export type Codec = 'text' | 'opt' | 'lines' | 'optLines' | 'codes' | 'num' | 'numOrNone' | 'bool';

export interface FieldDef {
  /** Dotted path in the item (tables) or in the rulebook (key-value sheets); `$key`: the id of a kind; `$evidence`: the column is evidence. */
  path: string;
  /** Column head (tables) or the row's label (key-value sheets), Vietnamese. */
  label: string;
  codec: Codec;
  /** Input message shown when the cell is selected (Excel: at most 255 characters). */
  prompt: string;
  width?: number;
  /** A dropdown: the kinds' ids, Có/Không, or the column types. */
  list?: 'kinds' | 'bool' | 'columnType';
}

export interface TableDef {
  sheet: string;
  /** The rulebook's list (or, for kinds, record by id) the rows make. */
  target: 'units' | 'kinds' | 'levels' | 'positions' | 'columns';
  fields: FieldDef[];
}

export const YES = 'Có';
export const NO = 'Không';
export const COLUMN_TYPES = ['text', 'date', 'number', 'level', 'position', 'gender'] as const;
/** The defined name of the kinds' ids (the dropdown of `Đơn vị`'s kind column). */
export const KIND_LIST_NAME = 'DS_LoaiDonVi';

const LINES = ' Mỗi tên một dòng (Alt+Enter để xuống dòng trong ô).';

export const TABLES: TableDef[] = [
  {
    sheet: RULEBOOK_SHEETS.units,
    target: 'units',
    fields: [
      { path: 'id', label: 'Mã', codec: 'text', width: 14, prompt: 'Mã đơn vị: ngắn, không trùng, không dấu (ví dụ: cu-jut, th-kim-dong).' },
      { path: 'name', label: 'Tên đơn vị', codec: 'text', width: 36, prompt: 'Tên đầy đủ của đơn vị, như ghi trên văn bản.' },
      { path: 'kind', label: 'Loại đơn vị', codec: 'text', width: 16, list: 'kinds', prompt: 'Chọn mã loại đơn vị trong sheet Loại đơn vị.' },
      { path: 'aliases', label: 'Tên gọi khác', codec: 'lines', width: 40, prompt: `Các cách các danh sách gọi đơn vị này (địa danh, tên viết tắt, không dấu).${LINES}` },
      { path: 'parentAgency', label: 'Cơ quan cấp trên (dòng 1 khối cơ quan)', codec: 'opt', width: 30, prompt: 'Dòng 1 của khối tên cơ quan trên mẫu của đơn vị (ví dụ: UBND HUYỆN CƯ JÚT). Để trống: lấy theo loại đơn vị hoặc tên đơn vị.' },
      { path: 'place', label: 'Địa danh', codec: 'opt', width: 16, prompt: 'Địa danh ghi ở dòng ngày tháng (ví dụ: Cư Jút). Để trống: lấy từ tên đơn vị nếu có.' },
    ],
  },
  {
    sheet: RULEBOOK_SHEETS.kinds,
    target: 'kinds',
    fields: [
      { path: '$key', label: 'Mã', codec: 'text', width: 14, prompt: 'Mã loại đơn vị: chữ không dấu, chữ số, "-" hoặc "_" (ví dụ: phong, xa, truong-th). Sheet Đơn vị dùng mã này.' },
      { path: 'label', label: 'Tên loại', codec: 'text', width: 22, prompt: 'Tên loại đơn vị, dùng trong thông báo (ví dụ: Phòng GD&ĐT, UBND xã).' },
      { path: 'labelEn', label: 'Tên tiếng Anh', codec: 'text', width: 22, prompt: 'Tên loại bằng tiếng Anh (cho thông báo tiếng Anh).' },
      { path: 'quota.total', label: 'Tổng số đề cử tối đa', codec: 'num', width: 11, prompt: 'Một đơn vị loại này đề cử nhiều nhất bao nhiêu người (số nguyên).' },
      { path: 'quota.managers', label: 'Số CBQL tối đa', codec: 'num', width: 10, prompt: 'Trong đó nhiều nhất bao nhiêu cán bộ quản lý (số nguyên).' },
      { path: 'quota.perLevel', label: 'Tối đa mỗi cấp học', codec: 'numOrNone', width: 10, prompt: 'Nhiều nhất bao nhiêu người cho mỗi cấp học. Để trống: không giới hạn theo cấp.' },
      { path: 'quota.levels', label: 'Các cấp được đề cử', codec: 'codes', width: 22, prompt: 'Mã các cấp học (sheet Cấp học), cách nhau bằng dấu phẩy, ví dụ: MN, TH, THCS.' },
      { path: 'quota.requireEachLevel', label: 'Bắt buộc đủ các cấp', codec: 'bool', width: 11, list: 'bool', prompt: 'Có: cảnh báo khi một cấp được đề cử không có ai. Không: không cảnh báo.' },
      { path: 'documents.parentAgency', label: 'Dòng 1 khối cơ quan', codec: 'opt', width: 24, prompt: 'Dòng 1 khối tên cơ quan trên mẫu của các đơn vị loại này (ví dụ: SỞ GD&ĐT ĐẮK NÔNG). Có thể để trống.' },
      { path: 'documents.agencyName', label: 'Dòng 2 khối cơ quan', codec: 'opt', width: 24, prompt: 'Dòng 2 (tên cơ quan), ví dụ: PHÒNG GIÁO DỤC VÀ ĐÀO TẠO. Để trống: tên đơn vị viết hoa.' },
      { path: 'documents.signerTitle', label: 'Chức danh người ký', codec: 'opt', width: 18, prompt: 'Chức danh ký dưới danh sách của đơn vị (ví dụ: TRƯỞNG PHÒNG, HIỆU TRƯỞNG).' },
      { path: 'documents.recipients', label: 'Nơi nhận', codec: 'optLines', width: 28, prompt: `Nơi nhận ghi dưới danh sách của đơn vị.${LINES}` },
    ],
  },
  {
    sheet: RULEBOOK_SHEETS.levels,
    target: 'levels',
    fields: [
      { path: 'code', label: 'Mã', codec: 'text', width: 9, prompt: 'Mã cấp học dùng trong báo cáo và danh mục (MN, TH, THCS, THPT, GDTX).' },
      { path: 'name', label: 'Tên cấp học', codec: 'text', width: 16, prompt: 'Tên cấp học trong danh sách chọn của mẫu.' },
      { path: 'nameEn', label: 'Tên tiếng Anh', codec: 'text', width: 20, prompt: 'Tên cấp học bằng tiếng Anh.' },
      { path: 'aliases', label: 'Cách viết khác', codec: 'lines', width: 30, prompt: `Các cách ghi cấp học trong danh sách (viết tắt, không dấu).${LINES}` },
      { path: 'schoolPatterns', label: 'Từ trong tên trường', codec: 'lines', width: 30, prompt: `Từ trong tên trường cho biết cấp học (ví dụ "Mầm non" trong "Trường Mầm non Hoa Sen").${LINES}` },
    ],
  },
  {
    sheet: RULEBOOK_SHEETS.positions,
    target: 'positions',
    fields: [
      { path: 'name', label: 'Chức vụ', codec: 'text', width: 26, prompt: 'Tên chức vụ trong danh sách chọn của mẫu.' },
      { path: 'nameEn', label: 'Tên tiếng Anh', codec: 'text', width: 24, prompt: 'Tên chức vụ bằng tiếng Anh.' },
      { path: 'aliases', label: 'Cách viết khác', codec: 'lines', width: 34, prompt: `Các cách ghi chức vụ (viết tắt: HT, P.HT…).${LINES}` },
      { path: 'manager', label: 'Cán bộ quản lý', codec: 'bool', width: 12, list: 'bool', prompt: 'Có: chức vụ này tính vào số cán bộ quản lý tối đa.' },
    ],
  },
  {
    sheet: RULEBOOK_SHEETS.columns,
    target: 'columns',
    fields: [
      { path: 'key', label: 'Khoá', codec: 'text', width: 12, prompt: 'Khoá của cột; không sửa khoá của các cột có sẵn (hoTen, ngaySinh, chucVu, donVi, capHoc… là bắt buộc phải có).' },
      { path: 'label', label: 'Tiêu đề cột', codec: 'text', width: 22, prompt: 'Tiêu đề cột trên mẫu danh sách.' },
      { path: 'labelEn', label: 'Tiêu đề tiếng Anh', codec: 'text', width: 20, prompt: 'Tiêu đề cột bằng tiếng Anh.' },
      { path: 'type', label: 'Kiểu', codec: 'text', width: 10, list: 'columnType', prompt: 'Kiểu giá trị: text (chữ), date (ngày), number (số), level (cấp học), position (chức vụ), gender (giới tính).' },
      { path: 'required', label: 'Bắt buộc', codec: 'bool', width: 10, list: 'bool', prompt: 'Có: mỗi người được đề cử phải có giá trị ở cột này.' },
      { path: '$evidence', label: 'Minh chứng', codec: 'bool', width: 11, list: 'bool', prompt: 'Có: cột này là minh chứng thành tích (thiếu thì báo lỗi CRITERIA_EVIDENCE_MISSING).' },
      { path: 'aliases', label: 'Tên cột khác', codec: 'lines', width: 36, prompt: `Các tiêu đề khác mà danh sách của đơn vị có thể dùng cho cột này.${LINES}` },
      { path: 'width', label: 'Độ rộng', codec: 'num', width: 9, prompt: 'Độ rộng cột trên mẫu và bảng tổng hợp (số ký tự).' },
      { path: 'hint', label: 'Gợi ý nhập', codec: 'opt', width: 36, prompt: 'Gợi ý hiện khi chọn ô trên mẫu. Có thể để trống.' },
    ],
  },
];

/** The rows of `Chung`: column A holds the path (do not edit), B the label, C the value. */
export const GENERAL_FIELDS: FieldDef[] = [
  { path: 'schemaVersion', label: 'Phiên bản định dạng tệp quy tắc', codec: 'num', prompt: 'Do chương trình ghi; không sửa.' },
  { path: 'id', label: 'Mã bộ quy tắc', codec: 'text', prompt: 'Mã ngắn, không dấu (ví dụ: dak-nong-2022-2025).' },
  { path: 'name', label: 'Tên bộ quy tắc', codec: 'text', prompt: 'Tên đầy đủ: kế hoạch, đơn vị, giai đoạn.' },
  { path: 'year', label: 'Năm báo cáo', codec: 'num', prompt: 'Năm của đợt đề cử (năm của hạn nộp).' },
  { path: 'period.from', label: 'Giai đoạn: từ năm', codec: 'num', prompt: 'Năm bắt đầu giai đoạn của kế hoạch.' },
  { path: 'period.to', label: 'Giai đoạn: đến năm', codec: 'num', prompt: 'Năm kết thúc giai đoạn của kế hoạch.' },
  { path: 'deadlines.nominations.day', label: 'Hạn gửi danh sách đề cử: ngày', codec: 'num', prompt: 'Ngày của hạn gửi danh sách (1–31), theo công văn hướng dẫn hằng năm của Sở; danh sách ghi ngày sau hạn bị cảnh báo nộp muộn.' },
  { path: 'deadlines.nominations.month', label: 'Hạn gửi danh sách đề cử: tháng', codec: 'num', prompt: 'Tháng của hạn gửi danh sách (1–12).' },
  { path: 'deadlines.nominations.note', label: 'Hạn gửi danh sách: ghi chú', codec: 'opt', prompt: 'Ghi chú hiện cạnh hạn trên báo cáo (ví dụ: ngày mặc định, đặt lại theo công văn). Có thể để trống.' },
  { path: 'deadlines.reports.day', label: 'Hạn gửi báo cáo triển khai: ngày', codec: 'num', prompt: 'Ngày của hạn gửi báo cáo triển khai hằng năm (kế hoạch: trước 15/12).' },
  { path: 'deadlines.reports.month', label: 'Hạn gửi báo cáo triển khai: tháng', codec: 'num', prompt: 'Tháng của hạn gửi báo cáo triển khai (1–12).' },
  { path: 'deadlines.reports.note', label: 'Hạn gửi báo cáo: ghi chú', codec: 'opt', prompt: 'Ghi chú về hạn gửi báo cáo. Có thể để trống.' },
  { path: 'agency.parent', label: 'Cơ quan chủ quản (dòng 1)', codec: 'text', prompt: 'Dòng 1 khối tên cơ quan tổng hợp, ví dụ: UBND TỈNH ĐẮK NÔNG, UBND HUYỆN CƯ JÚT.' },
  { path: 'agency.name', label: 'Cơ quan tổng hợp (dòng 2)', codec: 'text', prompt: 'Dòng 2: cơ quan tổng hợp, ví dụ: SỞ GIÁO DỤC VÀ ĐÀO TẠO, PHÒNG GIÁO DỤC VÀ ĐÀO TẠO.' },
  { path: 'agency.place', label: 'Địa danh', codec: 'text', prompt: 'Địa danh ở dòng ngày tháng của báo cáo.' },
  { path: 'agency.reportSymbol', label: 'Ký hiệu báo cáo', codec: 'text', prompt: 'Ký hiệu văn bản báo cáo, ví dụ: BC-SGDĐT.' },
  { path: 'agency.signer.authority', label: 'Người ký: quyền hạn', codec: 'text', prompt: 'Ví dụ: KT. GIÁM ĐỐC. Có thể để trống.' },
  { path: 'agency.signer.title', label: 'Người ký: chức vụ', codec: 'text', prompt: 'Ví dụ: PHÓ GIÁM ĐỐC, TRƯỞNG PHÒNG.' },
  { path: 'agency.signer.name', label: 'Người ký: họ và tên', codec: 'text', prompt: 'Có thể để trống để ghi tay.' },
  { path: 'agency.recipients', label: 'Nơi nhận của báo cáo', codec: 'lines', prompt: `Nơi nhận ghi cuối báo cáo.${LINES}` },
  { path: 'titles.template', label: 'Tiêu đề mẫu danh sách', codec: 'text', prompt: 'Tiêu đề của mẫu danh sách đề cử.' },
  { path: 'titles.report', label: 'Tiêu đề báo cáo', codec: 'text', prompt: 'Tên loại văn bản của báo cáo, ví dụ: BÁO CÁO.' },
  { path: 'titles.reportSubtitle', label: 'Trích yếu báo cáo', codec: 'text', prompt: 'Trích yếu nội dung của báo cáo.' },
  { path: 'nationalHeading.motto1', label: 'Quốc hiệu', codec: 'text', prompt: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM' },
  { path: 'nationalHeading.motto2', label: 'Tiêu ngữ', codec: 'text', prompt: 'Độc lập - Tự do - Hạnh phúc' },
  { path: 'documents.listTitle', label: 'Tiêu đề bảng tổng hợp', codec: 'opt', prompt: 'Tiêu đề sheet Tổng hợp. Để trống: dùng tiêu đề mẫu danh sách.' },
  { path: 'documents.reportIntro', label: 'Đoạn mở đầu báo cáo', codec: 'opt', prompt: 'Đoạn mở đầu của báo cáo. Có thể để trống.' },
  { path: 'documents.proposalSubject', label: 'Trích yếu tờ trình đề nghị Bộ', codec: 'opt', prompt: 'Dòng "Về việc…" của tờ trình đề nghị Bộ. Để trống: dùng trích yếu mặc định.' },
  { path: 'documents.proposalIntro', label: 'Đoạn mở đầu tờ trình', codec: 'opt', prompt: 'Đoạn căn cứ mở đầu tờ trình đề nghị Bộ. Có thể để trống.' },
  { path: 'documents.proposalRecipients', label: 'Nơi nhận của tờ trình', codec: 'optLines', prompt: `Nơi nhận ghi cuối tờ trình.${LINES}` },
  { path: 'noDiscipline', label: 'Cách ghi "không kỷ luật"', codec: 'lines', prompt: `Các giá trị ở cột Kỷ luật có nghĩa là không bị kỷ luật.${LINES}` },
  { path: 'ranges.age.min', label: 'Tuổi: nhỏ nhất hợp lý', codec: 'num', prompt: 'Tuổi dưới mức này bị cảnh báo.' },
  { path: 'ranges.age.max', label: 'Tuổi: lớn nhất hợp lý', codec: 'num', prompt: 'Tuổi trên mức này bị cảnh báo.' },
  { path: 'ranges.yearsOfService.min', label: 'Số năm công tác: nhỏ nhất', codec: 'num', prompt: 'Số năm công tác dưới mức này bị cảnh báo.' },
  { path: 'ranges.yearsOfService.max', label: 'Số năm công tác: lớn nhất', codec: 'num', prompt: 'Số năm công tác trên mức này bị cảnh báo.' },
];

/** The rows of `Đề nghị Bộ` (Quyết định 4996/QĐ-BGDĐT), laid out as `Chung`. */
export const SHORTLIST_FIELDS: FieldDef[] = [
  { path: 'shortlist.total', label: 'Tổng số đề nghị tối đa', codec: 'num', prompt: 'Số nhà giáo đề nghị lên cấp trên nhiều nhất (Quyết định 4996: 5).' },
  { path: 'shortlist.managers', label: 'Số CBQL tối đa', codec: 'num', prompt: 'Trong đó nhiều nhất bao nhiêu cán bộ quản lý (Quyết định 4996: 1).' },
  { path: 'shortlist.levels', label: 'Các cấp học', codec: 'codes', prompt: 'Mã các cấp học được đề nghị (sheet Cấp học), cách nhau bằng dấu phẩy.' },
];

/** Heads of the key-value sheets. */
export const KEY_VALUE_HEAD = ['Mã (không sửa)', 'Nội dung', 'Giá trị'] as const;

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === null || typeof next !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}
