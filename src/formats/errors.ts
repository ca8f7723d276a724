/** Why a file cannot be read: one error class, with the reason in Vietnamese and English. */
import type { UnreadableInfo } from '../check/result';

export class UnreadableError extends Error {
  readonly info: UnreadableInfo;
  constructor(info: UnreadableInfo) {
    super(info.messageEn);
    this.name = 'UnreadableError';
    this.info = info;
  }
}

/** 1234567 -> "1.234.567" (vi) or "1,234,567" (en), the same on every platform. */
export function groupDigits(n: number, sep: string): string {
  const s = String(Math.round(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

/** Bytes as MB with one decimal: "12,3 MB" (vi) / "12.3 MB" (en). */
function mb(bytes: number, lang: 'vi' | 'en'): string {
  const v = bytes / (1024 * 1024);
  const s = v >= 10 ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
  return (lang === 'vi' ? s.replace('.', ',') : s) + ' MB';
}

const SAVE_AGAIN_VI = 'Hãy mở tệp bằng Excel rồi lưu lại dưới dạng .xlsx (Excel thường sửa được tệp lỗi), hoặc xin người gửi gửi lại tệp.';
const SAVE_AGAIN_EN = 'Open the file in Excel and save it again as .xlsx (Excel can often repair it), or ask the sender for a new copy.';

function fail(code: string, message: string, messageEn: string): UnreadableError {
  return new UnreadableError({ code, message, messageEn });
}

export const unreadable = {
  notZip(): UnreadableError {
    return fail(
      'not-zip',
      'Tệp không phải bảng tính Excel (.xlsx). Hãy mở bằng Excel và lưu lại dưới dạng .xlsx.',
      'The file is not an Excel workbook (.xlsx). Open it in Excel and save it as .xlsx.',
    );
  },
  encrypted(): UnreadableError {
    return fail(
      'encrypted',
      'Tệp được mã hoá bằng mật khẩu hoặc là tệp Excel 97-2003 (.xls). Hãy mở bằng Excel, bỏ mật khẩu (nếu có) rồi lưu lại dưới dạng .xlsx.',
      'The file is password-protected or is an Excel 97-2003 (.xls) file. Open it in Excel, remove the password if there is one, and save it as .xlsx.',
    );
  },
  /** Damaged package: `vi`/`en` say what is wrong. */
  damaged(vi: string, en: string): UnreadableError {
    return fail('damaged', `Tệp .xlsx bị hỏng: ${vi}. ${SAVE_AGAIN_VI}`, `The .xlsx file is damaged: ${en}. ${SAVE_AGAIN_EN}`);
  },
  notSpreadsheet(kindVi: string | null, kindEn: string | null): UnreadableError {
    if (kindVi && kindEn) {
      return fail(
        'not-xlsx',
        `Đây là ${kindVi}, không phải bảng tính Excel. Hãy gửi đúng tệp Excel (.xlsx).`,
        `This is ${kindEn}, not an Excel workbook. Please provide the Excel file (.xlsx).`,
      );
    }
    return fail(
      'not-xlsx',
      `Tệp không chứa bảng tính Excel (không tìm thấy phần xl/workbook.xml). ${SAVE_AGAIN_VI}`,
      `The file holds no Excel workbook (no xl/workbook.xml part was found). ${SAVE_AGAIN_EN}`,
    );
  },
  /** A package of another format, with the whole explanation given. */
  otherFormat(vi: string, en: string): UnreadableError {
    return fail('not-xlsx', vi, en);
  },
  noSheets(): UnreadableError {
    return fail(
      'no-sheets',
      'Tệp không có trang tính dữ liệu nào (chỉ có biểu đồ, hoặc danh sách trang tính bị hỏng). Hãy mở bằng Excel, kiểm tra và lưu lại.',
      'The workbook has no worksheet with data (only charts, or a damaged sheet list). Open it in Excel, check it and save it again.',
    );
  },
  fileTooLarge(size: number, limit: number): UnreadableError {
    return fail(
      'too-large',
      `Tệp quá lớn (${mb(size, 'vi')}; giới hạn ${mb(limit, 'vi')}). Hãy xoá các trang tính, hình ảnh không cần thiết rồi lưu lại, hoặc tách thành nhiều tệp.`,
      `The file is too large (${mb(size, 'en')}; the limit is ${mb(limit, 'en')}). Delete unneeded sheets and pictures and save it again, or split it into several files.`,
    );
  },
  tooManyEntries(count: number, limit: number): UnreadableError {
    return fail(
      'too-large',
      `Tệp chứa quá nhiều thành phần (${groupDigits(count, '.')}; giới hạn ${groupDigits(limit, '.')}), không giống một bảng tính bình thường. Hãy mở bằng Excel, lưu lại dưới dạng .xlsx rồi gửi lại.`,
      `The file holds too many parts (${groupDigits(count, ',')}; the limit is ${groupDigits(limit, ',')}), unlike a normal workbook. Open it in Excel, save it as .xlsx and send it again.`,
    );
  },
  partTooLarge(part: string, limit: number): UnreadableError {
    return fail(
      'too-large',
      `Nội dung tệp khi giải nén quá lớn (phần ${part} vượt quá ${mb(limit, 'vi')}). Hãy xoá các dòng, cột, trang tính thừa rồi lưu lại, hoặc tách thành nhiều tệp.`,
      `The file's content is too large once expanded (part ${part} exceeds ${mb(limit, 'en')}). Delete unneeded rows, columns and sheets and save it again, or split it into several files.`,
    );
  },
  totalTooLarge(limit: number): UnreadableError {
    return fail(
      'too-large',
      `Nội dung tệp khi giải nén quá lớn (tổng cộng vượt quá ${mb(limit, 'vi')}). Hãy xoá các dòng, cột, trang tính thừa rồi lưu lại, hoặc tách thành nhiều tệp.`,
      `The file's content is too large once expanded (more than ${mb(limit, 'en')} in all). Delete unneeded rows, columns and sheets and save it again, or split it into several files.`,
    );
  },
  zipBomb(part: string, ratio: number): UnreadableError {
    return fail(
      'zip-bomb',
      `Tệp có dấu hiệu bất thường: phần ${part} giãn ra hơn ${groupDigits(ratio, '.')} lần khi giải nén (kiểu "bom nén"). Tệp không được đọc để bảo vệ máy tính. Hãy kiểm tra nguồn gốc tệp; nếu tệp đúng, hãy mở bằng Excel và lưu lại.`,
      `The file looks hostile: part ${part} expands more than ${groupDigits(ratio, ',')} times (a "zip bomb"). It was not read, to protect the computer. Check where the file came from; if it is genuine, open it in Excel and save it again.`,
    );
  },
  tooManyCells(limit: number): UnreadableError {
    return fail(
      'too-large',
      `Bảng tính có quá nhiều ô dữ liệu (hơn ${groupDigits(limit, '.')} ô). Hãy xoá các dòng, cột thừa rồi lưu lại, hoặc tách thành nhiều tệp.`,
      `The workbook has too many cells (more than ${groupDigits(limit, ',')}). Delete unneeded rows and columns and save it again, or split it into several files.`,
    );
  },
  tooManySheets(limit: number): UnreadableError {
    return fail(
      'too-large',
      `Tệp có quá nhiều trang tính (hơn ${groupDigits(limit, '.')}). Hãy xoá các trang tính thừa rồi lưu lại.`,
      `The workbook has too many sheets (more than ${groupDigits(limit, ',')}). Delete unneeded sheets and save it again.`,
    );
  },
  /** `where` is a cell address ("Sheet1!A1") or a part name. */
  textTooLong(where: string, length: number, limit: number): UnreadableError {
    return fail(
      'cell-too-long',
      `Một ô chứa văn bản dài ${groupDigits(length, '.')} ký tự (${where}), vượt giới hạn ${groupDigits(limit, '.')} ký tự mỗi ô của Excel. Tệp bị hỏng hoặc được tạo bất thường; hãy mở bằng Excel, kiểm tra và lưu lại.`,
      `A cell holds ${groupDigits(length, ',')} characters of text (${where}), over Excel's limit of ${groupDigits(limit, ',')} characters per cell. The file is damaged or was made abnormally; open it in Excel, check it and save it again.`,
    );
  },
  unsafeXml(part: string): UnreadableError {
    return fail(
      'unsafe-xml',
      `Tệp chứa khai báo XML không an toàn (DOCTYPE/ENTITY trong phần ${part}), một dấu hiệu của tệp tấn công; Excel không tạo ra những khai báo này. Tệp không được đọc. Hãy kiểm tra nguồn gốc tệp, mở bằng Excel và lưu lại.`,
      `The file contains unsafe XML declarations (DOCTYPE/ENTITY in part ${part}), a sign of an attack; Excel never writes them. It was not read. Check where the file came from, open it in Excel and save it again.`,
    );
  },
  /** A file that says it is encrypted (an .xls FILEPASS, an .ods manifest's encryption data, an encrypted .xlsx). */
  passwordProtected(): UnreadableError {
    return fail(
      'encrypted',
      'Tệp được đặt mật khẩu (đã mã hoá) nên không đọc được nội dung. Hãy mở tệp bằng Excel hoặc LibreOffice, nhập mật khẩu, bỏ mật khẩu rồi lưu lại dưới dạng .xlsx; hoặc xin người gửi gửi lại tệp không đặt mật khẩu.',
      'The file is password-protected (encrypted), so its content cannot be read. Open it in Excel or LibreOffice with its password, remove the password and save it as .xlsx; or ask the sender for a copy without a password.',
    );
  },
  /** Damaged file of another format than .xlsx (`ext`: ".xls", ".ods"): `vi`/`en` say what is wrong. */
  damagedFile(ext: string, vi: string, en: string): UnreadableError {
    return fail('damaged', `Tệp ${ext} bị hỏng: ${vi}. ${SAVE_AGAIN_VI}`, `The ${ext} file is damaged: ${en}. ${SAVE_AGAIN_EN}`);
  },
};

/**
 * Runs a reader of another format than .xlsx (`ext`: ".xls", ".ods"): whatever it throws that is not
 * an UnreadableError becomes the file's "damaged" refusal, the error kept as its cause; never a crash.
 */
export function readingAs<T>(ext: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof UnreadableError) throw err;
    const e = unreadable.damagedFile(ext, 'không đọc được nội dung tệp', 'its content cannot be read');
    (e as { cause?: unknown }).cause = err;
    throw e;
  }
}
