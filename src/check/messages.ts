/**
 * The catalogue of findings: one entry per rule id, its severity and its message in Vietnamese and
 * English, built from named parameters (Frictionless-style: ids are stable, wording may improve).
 * Every word a finding says is here: the rules pass data (values, names, numbers, codes), and the
 * few phrases they pass as parameters (lists, places) are made by the templates below the catalogue.
 */
import type { RuleId, Severity } from './finding';
import type { UnreadableInfo } from './result';
import { baseName } from '../text/file-name';

export type Params = Record<string, string | number>;

interface Entry {
  severity: Severity;
  vi: (p: Params) => string;
  en: (p: Params) => string;
}

/**
 * How much of an untrusted text a message or report quotes, "…" marking a cut: enough to recognise
 * it, never megabytes (a 32,767-character value on 4,000 rows, a 2 MB sheet name on every finding).
 * Only what is said about the data is cut, never the data itself (the consolidated list).
 */
export const CLIP = {
  /** A cell's value. */
  value: 200,
  /** A sheet's name (Excel allows 31 characters), a file's name. */
  name: 100,
  /** A path as given, cut in its middle so the file's name stays. */
  path: 300,
  /** Why a file cannot be read (it may quote a part's or a sheet's name), cut in its middle so the advice stays. */
  reason: 600,
} as const;

/** Where to cut before `at` without splitting a surrogate pair. */
function cutAt(s: string, at: number): number {
  const c = s.charCodeAt(at - 1);
  return c >= 0xd800 && c <= 0xdbff ? at - 1 : at;
}

/** `text` cut to at most `max` characters, its end replaced by "…". */
export function clip(text: string, max: number = CLIP.value): string {
  if (text.length <= max) return text;
  return `${text.slice(0, cutAt(text, Math.max(0, max - 1)))}…`;
}

/** `text` cut to at most `max` characters, its middle replaced by "…" (the end of a path or a sentence kept). */
export function clipMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = cutAt(text, Math.ceil((max - 1) / 2));
  let from = text.length - Math.floor((max - 1) / 2);
  // A low surrogate starts the tail: its pair was cut, so it goes too.
  const c = text.charCodeAt(from);
  if (c >= 0xdc00 && c <= 0xdfff) from++;
  return `${text.slice(0, head)}…${text.slice(from)}`;
}

/** A sheet's name as messages and reports say it. */
export const sheetName = (name: string) => clip(name, CLIP.name);

/** A path (or a file's name) as messages and reports say it. */
export const pathName = (path: string) => clipMiddle(path, CLIP.path);

/** Ends a message with one full stop, whatever the hint ended with. */
const sentence = (s: string) => (/[.!?…)]$/.test(s) ? s : `${s}.`);
/** A value quoted, cut past CLIP.value. */
const q = (v: string | number | undefined) => `"${clip(String(v ?? ''))}"`;
/**
 * A formula cut before "=" is put in front: cutting "=" + a long formula afterwards flattens the
 * joined string, a copy of the whole formula per finding (4,000 cells sharing a 200 KB formula made
 * 1.6 GB). The same text as q(`=${formula}`) gives.
 */
const formulaExcerpt = (f: string | number | undefined) => clip(String(f ?? ''), CLIP.value - 1);
const lower = (v: string | number | undefined) => String(v).toLowerCase();

/** The legacy encodings by name. */
const encodingName = (code: string | number | undefined) => (code === 'tcvn3' ? 'TCVN3 (ABC)' : 'VNI');

export const CATALOG: Record<RuleId, Entry> = {
  FILE_UNREADABLE: {
    severity: 'error',
    vi: (p) => `Không đọc được tệp: ${clipMiddle(String(p.reason), CLIP.reason)}`,
    en: (p) => `The file cannot be read: ${clipMiddle(String(p.reasonEn ?? p.reason), CLIP.reason)}`,
  },
  SHEET_NO_NOMINATIONS: {
    severity: 'error',
    // With `headerRow`: the table is there but holds nobody (an empty template sent as is).
    vi: (p) =>
      p.headerRow !== undefined
        ? `Bảng danh sách (dòng tiêu đề ${p.headerRow}) chưa có người nào được đề cử. Hãy điền danh sách vào dưới dòng tiêu đề rồi gửi lại.`
        : 'Không tìm thấy bảng danh sách đề cử trong tệp (cần một dòng tiêu đề có các cột như "Họ và tên", "Ngày sinh", "Chức vụ"). Hãy dùng mẫu chuẩn hoặc kiểm tra lại dòng tiêu đề của bảng.',
    en: (p) =>
      p.headerRow !== undefined
        ? `The nomination table (header on row ${p.headerRow}) lists nobody. Fill in the list under the header and send it again.`
        : 'No nomination table was found (a header row with columns such as "Họ và tên", "Ngày sinh", "Chức vụ" is needed). Use the standard template or check the table header.',
  },
  HEADER_MISSING_COLUMN: {
    severity: 'error',
    vi: (p) => `Bảng thiếu cột bắt buộc ${q(p.column)}. Hãy thêm cột này vào dòng tiêu đề (dòng ${p.headerRow}).`,
    en: (p) => `The table lacks the required column ${q(p.columnEn)}. Add it to the header row (row ${p.headerRow}).`,
  },
  UNIT_UNKNOWN: {
    severity: 'error',
    vi: (p) =>
      p.text
        ? `Không xác định được đơn vị đề cử: ${q(p.text)} không có trong danh sách đơn vị của Sở. Hãy ghi đúng tên đơn vị (ví dụ "Phòng GD&ĐT huyện Cư Jút") ở phần đầu văn bản hoặc ô "Đơn vị:".`
        : 'Không xác định được đơn vị đề cử. Hãy ghi tên đơn vị (ví dụ "Phòng GD&ĐT huyện Cư Jút") ở phần đầu văn bản hoặc ô "Đơn vị:".',
    en: (p) =>
      p.text
        ? `The nominating unit cannot be identified: ${q(p.text)} is not in the Department's unit registry. Write the unit's name in the header block or in a "Đơn vị:" cell.`
        : 'The nominating unit cannot be identified. Write its name (e.g. "Phòng GD&ĐT huyện Cư Jút") in the header block or in a "Đơn vị:" cell.',
  },
  FIELD_REQUIRED: {
    severity: 'error',
    // With `workplace`: the level, which the school's name does not give either. Else the column's
    // name, and the rulebook's `hint` for it.
    vi: (p) =>
      sentence(
        `Ô ${q(p.column)} đang để trống. Hãy nhập ${
          p.workplace !== undefined
            ? `cấp học (không suy ra được từ tên trường ${q(p.workplace)}; hãy thêm cột Cấp học hoặc ghi rõ loại trường)`
            : p.column !== undefined
              ? `${lower(p.column)}${p.hint ? `. ${p.hint}` : ''}`
              : 'giá trị'
        }`,
      ),
    en: (p) =>
      sentence(
        `${q(p.columnEn)} is blank. Enter ${
          p.workplace !== undefined
            ? `the level (it cannot be derived from the school name ${q(p.workplace)})`
            : p.columnEn !== undefined
              ? lower(p.columnEn)
              : 'a value'
        }`,
      ),
  },
  FIELD_INVALID_DATE: {
    severity: 'error',
    vi: (p) =>
      p.reason === 'impossible'
        ? `Ngày ${q(p.value)} không tồn tại. Hãy nhập ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/09/1985.`
        : p.reason === 'future'
          ? `Ngày sinh ${q(p.value)} ở sau ngày báo cáo. Hãy kiểm tra lại năm sinh.`
          : `Không đọc được ngày ${q(p.value)}. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/09/1985, hoặc chỉ năm sinh.`,
    en: (p) =>
      p.reason === 'impossible'
        ? `The date ${q(p.value)} does not exist. Enter a real date as day/month/year, e.g. 05/09/1985.`
        : p.reason === 'future'
          ? `The birth date ${q(p.value)} is after the report date. Check the year.`
          : `The date ${q(p.value)} cannot be read. Enter it as day/month/year, e.g. 05/09/1985, or the year alone.`,
  },
  FIELD_INVALID_VALUE: {
    severity: 'error',
    // `allowed` (and `allowedEn`, when it differs): the values allowed; else a number from `min` to `max`.
    vi: (p) =>
      `Giá trị ${q(p.value)} không hợp lệ ở cột ${q(p.column)}. Hãy chọn một trong: ${p.allowed ?? `một số từ ${p.min} đến ${p.max}`}.`,
    en: (p) =>
      `${q(p.value)} is not allowed in ${q(p.columnEn)}. Choose one of: ${p.allowedEn ?? p.allowed ?? `a number from ${p.min} to ${p.max}`}.`,
  },
  FIELD_OUT_OF_RANGE: {
    severity: 'warning',
    vi: (p) =>
      p.what === 'age'
        ? `Tuổi ${p.actual} (tính đến ${p.on}) nằm ngoài khoảng hợp lý ${p.min}–${p.max}. Hãy kiểm tra lại ngày sinh.`
        : `Số năm công tác ${q(p.value)} nằm ngoài khoảng hợp lý ${p.min}–${p.max}. Hãy kiểm tra lại.`,
    en: (p) =>
      p.what === 'age'
        ? `Age ${p.actual} (on ${p.on}) is outside the plausible range ${p.min}–${p.max}. Check the birth date.`
        : `Years of service ${q(p.value)} is outside the plausible range ${p.min}–${p.max}. Check it.`,
  },
  QUOTA_TOTAL_EXCEEDED: {
    severity: 'error',
    vi: (p) => `${p.unit} đề cử ${p.count} nhà giáo, vượt số lượng cho phép (${p.max}). Hãy giữ lại tối đa ${p.max} người.`,
    en: (p) => `${p.unit} nominates ${p.count} teachers, more than allowed (${p.max}). Keep at most ${p.max}.`,
  },
  QUOTA_LEVEL_DUPLICATE: {
    severity: 'error',
    vi: (p) =>
      `Cấp ${p.level} có ${p.count} người được đề cử (dòng ${p.rows}), chỉ được ${p.max}. Mỗi cấp học chỉ đề cử ${p.max} nhà giáo.`,
    en: (p) => `Level ${p.levelEn} has ${p.count} nominees (rows ${p.rowsEn ?? p.rows}); only ${p.max} allowed per level.`,
  },
  QUOTA_LEVEL_MISSING: {
    severity: 'warning',
    vi: (p) => `Chưa có nhà giáo nào được đề cử cho cấp ${p.level}. Mỗi ${p.kind ?? 'Phòng GD&ĐT'} đề cử một nhà giáo cho mỗi cấp: ${p.levels}.`,
    en: (p) => `Nobody is nominated for level ${p.levelEn}. Each district office nominates one teacher per level: ${p.levelsEn}.`,
  },
  QUOTA_LEVEL_NOT_ALLOWED: {
    severity: 'error',
    vi: (p) => `${p.kind} không được đề cử cấp ${p.level}. Các cấp được đề cử: ${p.levels}.`,
    en: (p) => `A ${lower(p.kindEn)} may not nominate for level ${p.levelEn}. Allowed levels: ${p.levelsEn}.`,
  },
  QUOTA_MANAGER_EXCEEDED: {
    severity: 'error',
    vi: (p) =>
      `Có ${p.count} cán bộ quản lý được đề cử (dòng ${p.rows}), chỉ được tối đa ${p.max}. Hãy thay bớt bằng giáo viên trực tiếp giảng dạy.`,
    en: (p) => `${p.count} managers are nominated (rows ${p.rowsEn ?? p.rows}); at most ${p.max} allowed. Replace some with classroom teachers.`,
  },
  CRITERIA_DISCIPLINE: {
    severity: 'error',
    vi: (p) => `Nhà giáo có ghi nhận kỷ luật (${q(p.value)}), không đủ tiêu chuẩn đề cử. Nếu không bị kỷ luật, hãy ghi "Không".`,
    en: (p) => `A disciplinary measure is recorded (${q(p.value)}): not eligible. If there is none, write "Không".`,
  },
  CRITERIA_EVIDENCE_MISSING: {
    severity: 'error',
    vi: (p) => `Thiếu ${p.column}: đây là minh chứng bắt buộc theo Quy chế "Nhà giáo tiêu biểu của năm". Hãy tóm tắt thành tích nổi bật trong năm học.`,
    en: (p) => `${p.columnEn} is missing: it is required evidence under the "Teacher of the Year" regulation. Summarise the year's outstanding results.`,
  },
  DUPLICATE_PERSON: {
    severity: 'error',
    vi: (p) => `${q(p.name)} (sinh ${p.birth}) được đề cử nhiều lần: cũng có ở ${p.others}. Mỗi nhà giáo chỉ được đề cử một lần.`,
    en: (p) => `${q(p.name)} (born ${p.birth}) is nominated more than once: also at ${p.othersEn ?? p.others}. Each teacher may be nominated once.`,
  },
  DUPLICATE_SUBMISSION: {
    severity: 'warning',
    vi: (p) => `${p.unit} gửi nhiều danh sách: cũng có ở ${p.others}. Hãy giữ bản cuối cùng và bỏ các bản còn lại.`,
    en: (p) => `${p.unit} sent more than one list: also in ${p.othersEn ?? p.others}. Keep the final one and drop the others.`,
  },
  SUBMISSION_LATE: {
    severity: 'warning',
    vi: (p) => `Văn bản đề ngày ${p.date}, sau hạn gửi danh sách đề cử ${p.deadline}.`,
    en: (p) => `The document is dated ${p.date}, after the nomination lists' deadline ${p.deadline}.`,
  },
  SUBMISSION_MISSING: {
    severity: 'warning',
    vi: (p) => `${p.unit} chưa gửi danh sách đề cử.`,
    en: (p) => `${p.unit} has sent no nomination list.`,
  },
  TEXT_LEGACY_ENCODING: {
    severity: 'warning',
    vi: (p) =>
      `Trang tính dùng bảng mã cũ ${encodingName(p.encoding)} (${p.count} ô, ví dụ ${q(p.sample)}); đã tự chuyển sang Unicode để kiểm tra. Hãy chuyển tệp sang Unicode (Unikey: Công cụ chuyển mã) và dùng phông Times New Roman.`,
    en: (p) =>
      `The sheet uses the legacy ${encodingName(p.encoding)} encoding (${p.count} cells, e.g. ${q(p.sample)}); converted to Unicode for checking. Convert the file to Unicode and use Times New Roman.`,
  },
  CELL_FORMULA_NEUTRALIZED: {
    severity: 'info',
    vi: (p) =>
      p.kind === 'formula'
        ? `Ô chứa công thức ${q(`=${formulaExcerpt(p.formula)}`)}; chỉ lấy giá trị ${q(p.value)} và ghi lại dưới dạng văn bản khi tổng hợp.`
        : `Nội dung ${q(p.value)} bắt đầu như một công thức; được giữ nguyên dưới dạng văn bản, không bao giờ chạy như công thức.`,
    en: (p) =>
      p.kind === 'formula'
        ? `The cell holds the formula ${q(`=${formulaExcerpt(p.formula)}`)}; only its value ${q(p.value)} is taken, as text, when merging.`
        : `${q(p.value)} starts like a formula; it is kept as plain text and never run as a formula.`,
  },
  // The proposal to the Ministry (Quyết định 4996/QĐ-BGDĐT): `column` is the mark column's name.
  SHORTLIST_EMPTY: {
    severity: 'error',
    vi: (p) =>
      `Chưa có nhà giáo nào được đánh dấu ở cột ${q(p.column)}. Hãy gõ x vào cột này ở dòng của các nhà giáo Sở đề nghị Bộ xét chọn (tối đa ${p.max} người), rồi kiểm tra lại.`,
    en: (p) => `Nobody is marked in the ${q(p.column)} column. Type x in it on the rows of the teachers proposed to the Ministry (at most ${p.max}), then check again.`,
  },
  SHORTLIST_TOTAL_EXCEEDED: {
    severity: 'error',
    vi: (p) => `Đã đánh dấu ${p.count} nhà giáo đề nghị Bộ, vượt số lượng cho phép (${p.max}). Hãy bỏ dấu ở dòng này hoặc ở dòng khác để còn tối đa ${p.max} người.`,
    en: (p) => `${p.count} teachers are marked for the Ministry, more than allowed (${p.max}). Unmark this row or another to keep at most ${p.max}.`,
  },
  SHORTLIST_LEVEL_DUPLICATE: {
    severity: 'error',
    vi: (p) => `Cấp ${p.level} có ${p.count} nhà giáo được đề nghị Bộ (dòng ${p.rows}); mỗi cấp học chỉ đề nghị ${p.max} nhà giáo. Hãy giữ lại một người.`,
    en: (p) => `Level ${p.levelEn} has ${p.count} teachers proposed (rows ${p.rows}); only ${p.max} per level. Keep one.`,
  },
  SHORTLIST_LEVEL_NOT_ALLOWED: {
    severity: 'error',
    // Without `level`: the row's level is not a level of the rulebook (`text`, as written) or is blank.
    vi: (p) =>
      p.level || p.text
        ? `Cấp ${p.level ?? q(p.text)} không thuộc các cấp được đề nghị Bộ xét chọn (${p.levels}). Hãy bỏ dấu ở dòng này.`
        : `Không xác định được cấp học của nhà giáo này, nên không thể đề nghị Bộ. Các cấp được đề nghị: ${p.levels}. Hãy ghi rõ cấp học ở danh sách của đơn vị hoặc bỏ dấu ở dòng này.`,
    en: (p) =>
      p.level || p.text
        ? `Level ${p.levelEn ?? q(p.text)} is not among the levels proposed to the Ministry (${p.levelsEn}). Unmark this row.`
        : `The teacher's level is unknown, so they cannot be proposed. Levels proposed: ${p.levelsEn}. Give the level in the unit's list, or unmark this row.`,
  },
  SHORTLIST_MANAGER_EXCEEDED: {
    severity: 'error',
    vi: (p) =>
      `Có ${p.count} cán bộ quản lý được đề nghị Bộ (dòng ${p.rows}), chỉ được tối đa ${p.max}. Hãy thay bằng giáo viên trực tiếp giảng dạy.`,
    en: (p) => `${p.count} managers are proposed to the Ministry (rows ${p.rows}); at most ${p.max} allowed. Replace some with classroom teachers.`,
  },
  SHORTLIST_NOMINEE_HAS_ERRORS: {
    severity: 'error',
    vi: (p) =>
      `${q(p.name)} được đánh dấu đề nghị Bộ nhưng hồ sơ còn lỗi (${q(p.status)}${p.notes ? `: ${p.notes}` : ''}). Hãy để đơn vị sửa rồi tổng hợp lại, hoặc chọn nhà giáo khác.`,
    en: (p) =>
      `${q(p.name)} is marked for the Ministry but the nomination has errors (${q(p.status)}). Have the unit correct it and merge again, or choose another teacher.`,
  },
  SHORTLIST_LEVEL_MISSING: {
    severity: 'warning',
    vi: (p) => `Chưa có nhà giáo nào được đề nghị Bộ cho cấp ${p.level}. Sở đề nghị các nhà giáo đại diện cho các cấp: ${p.levels}.`,
    en: (p) => `Nobody is proposed to the Ministry for level ${p.levelEn}. The Department proposes teachers representing the levels: ${p.levelsEn}.`,
  },
};

/** The genders allowed, as FIELD_INVALID_VALUE lists them. */
export const GENDERS_ALLOWED = { allowed: 'Nam, Nữ' };

/** Choices of the rulebook (levels, positions) as FIELD_INVALID_VALUE lists them: "Mầm non, …" / "Mầm non (Preschool), …". */
export function choicesAllowed(choices: readonly { name: string; nameEn: string }[]): { allowed: string; allowedEn: string } {
  return { allowed: choices.map((c) => c.name).join(', '), allowedEn: choices.map((c) => `${c.name} (${c.nameEn})`).join(', ') };
}

/** The reason given for a source that came with neither a workbook nor its submissions. */
export const NO_DATA = { vi: 'không có dữ liệu', en: 'no data' };

/** The reason given for a file whose read or check threw an error of no known kind. */
export function readFailure(err: unknown): UnreadableInfo {
  const detail = err instanceof Error && err.message ? err.message : String(err);
  return { code: 'error', message: `Lỗi khi đọc tệp (${detail}).`, messageEn: `Error while reading the file (${detail}).` };
}

/** 1 GiB, 256 MiB, 1.000 B: a byte limit as run limits are set. */
function bytesText(n: number, lang: 'vi' | 'en'): string {
  const fmt = lang === 'vi' ? NUMBER_VI : NUMBER_EN;
  if (n >= GiB) return `${fmt.format(Math.round((n / GiB) * 10) / 10)} GiB`;
  return n >= MiB ? `${fmt.format(Math.round(n / MiB))} MiB` : `${fmt.format(n)} B`;
}
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** The reason given for a file refused because the run reached its limits (check/run.ts). */
export function runLimitReason(maxCells: number, maxExpandedBytes: number): { vi: string; en: string } {
  return {
    vi: `vượt giới hạn của một lần chạy (các tệp cộng lại tối đa ${NUMBER_VI.format(maxCells)} ô dữ liệu và ${bytesText(maxExpandedBytes, 'vi')} dữ liệu giải nén). Hãy kiểm tra tệp này trong một lần chạy riêng, hoặc chia các tệp thành nhiều lần chạy.`,
    en: `over the limit of one run (at most ${NUMBER_EN.format(maxCells)} cells and ${bytesText(maxExpandedBytes, 'en')} expanded, all files together). Check this file in a run of its own, or split the files over several runs.`,
  };
}

/**
 * Where a nominee ("cu-jut.xlsx, Danh sách dòng 9") or a submission ("cu-jut.xlsx (Danh sách)") is,
 * in another one's message; the same text in both languages.
 */
export function placeText(file: string, sheet: string | null, row?: number): string {
  const base = clipMiddle(baseName(file), CLIP.name);
  const name = sheet === null ? null : sheetName(sheet);
  return row === undefined ? `${base}${name ? ` (${name})` : ''}` : `${base}, ${name ?? ''} dòng ${row}`;
}

/**
 * Rows or places listed in one message: past this many the rest are counted, not listed, since
 * every row over a quota gets its own finding (50,000 rows would otherwise make n² text).
 */
export const LIST_MAX = 20;

/** What cappedList counts: rows (the default) or places. */
export const ROWS = { vi: 'dòng', en: '' };
export const PLACES = { vi: 'nơi', en: 'places' };

// toLocaleString builds a formatter on every call.
const NUMBER_VI = new Intl.NumberFormat('vi-VN');
const NUMBER_EN = new Intl.NumberFormat('en-US');

/** "8, 9, 10" or "8, 9, …, 27 và 16.605 dòng khác" / "… and 16,605 more". */
export function cappedList(
  items: (string | number)[],
  sep = ', ',
  noun = ROWS,
  /** How many there are, when `items` holds only the first ones. */
  total = items.length,
): { vi: string; en: string } {
  if (total <= LIST_MAX) {
    const all = items.join(sep);
    return { vi: all, en: all };
  }
  const head = items.slice(0, LIST_MAX).join(sep);
  const rest = total - LIST_MAX;
  return {
    vi: `${head}${sep}… và ${NUMBER_VI.format(rest)} ${noun.vi} khác`,
    en: `${head}${sep}… and ${NUMBER_EN.format(rest)} more${noun.en ? ` ${noun.en}` : ''}`,
  };
}
