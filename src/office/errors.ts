/**
 * Office.js errors, turned into messages a clerk can act on. Every call into Excel goes through
 * `officeStep`, which wraps whatever Excel throws with what we were doing; nothing is swallowed.
 */

/** What the add-in was doing, in both languages: "đọc trang tính “Danh sách”". */
export interface Doing {
  vi: string;
  en: string;
}

/** An Office.js failure with a Vietnamese message (`message`), its English twin and Excel's code. */
export class OfficeOpError extends Error {
  readonly messageEn: string;
  /** Excel's error code (ItemNotFound, AccessDenied…), or '' when the error had none. */
  readonly code: string;
  override readonly cause: unknown;
  constructor(message: string, messageEn: string, code: string, cause: unknown) {
    super(message);
    this.name = 'OfficeOpError';
    this.messageEn = messageEn;
    this.code = code;
    this.cause = cause;
  }
}

const HINTS: Record<string, Doing> = {
  ItemNotFound: {
    vi: 'không tìm thấy trang tính hoặc ô cần dùng (có thể đã bị đổi tên hoặc xóa). Hãy kiểm tra lại rồi thử lần nữa.',
    en: 'a sheet or cell it needs was not found (it may have been renamed or deleted). Check again, then retry.',
  },
  AccessDenied: {
    vi: 'Excel không cho phép thay đổi: trang tính hoặc sổ làm việc đang được bảo vệ (Protect Sheet/Workbook) hoặc chỉ được xem. Hãy bỏ bảo vệ rồi thử lại.',
    en: 'Excel refused the change: the sheet or workbook is protected or read-only. Unprotect it and retry.',
  },
  InvalidOperationInCellEditMode: {
    vi: 'một ô đang được sửa. Hãy nhấn Enter hoặc Esc để thoát chế độ sửa ô rồi thử lại.',
    en: 'a cell is being edited. Press Enter or Esc to leave cell editing, then retry.',
  },
  RequestPayloadSizeLimitExceeded: {
    vi: 'dữ liệu gửi cho Excel quá lớn trong một lần. Hãy thử lại với ít ô hơn.',
    en: 'too much data was sent to Excel at once. Retry with fewer cells.',
  },
  ResponsePayloadSizeLimitExceeded: {
    vi: 'dữ liệu Excel trả về quá lớn trong một lần. Hãy thử lại với ít ô hơn.',
    en: 'Excel returned too much data at once. Retry with fewer cells.',
  },
  ApiNotFound: {
    vi: 'phiên bản Excel này không hỗ trợ thao tác đó. Hãy cập nhật Office hoặc dùng chức năng tải tệp về.',
    en: 'this version of Excel does not support that operation. Update Office or use the download instead.',
  },
  ItemAlreadyExists: {
    vi: 'đã có một trang tính cùng tên. Hãy đổi tên trang đó rồi thử lại.',
    en: 'a sheet with the same name already exists. Rename it and retry.',
  },
  InvalidArgument: {
    vi: 'Excel không chấp nhận địa chỉ hoặc dữ liệu được đưa vào.',
    en: 'Excel did not accept the address or data given.',
  },
  MergedRangeConflict: {
    vi: 'vùng ô bị vướng ô đã gộp (Merge). Hãy bỏ gộp ô rồi thử lại.',
    en: 'the range overlaps merged cells. Unmerge them and retry.',
  },
  ActivityLimitReached: {
    vi: 'Excel đang bận hoặc đã đạt giới hạn thao tác. Hãy đợi một chút rồi thử lại.',
    en: 'Excel is busy or reached its activity limit. Wait a moment and retry.',
  },
};

function codeOf(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    return (err as { code: string }).code;
  }
  return '';
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (err && typeof err === 'object' && 'message' in err) return String((err as { message: unknown }).message);
  return String(err);
}

/** Wraps any error thrown by Office.js with what we were doing. An OfficeOpError passes through. */
export function officeError(err: unknown, doing: Doing): OfficeOpError {
  if (err instanceof OfficeOpError) return err;
  const code = codeOf(err);
  const detail = messageOf(err);
  const hint = HINTS[code];
  const vi = `Không thể ${doing.vi}: ${hint ? hint.vi : 'Excel báo lỗi.'}${code ? ` (mã lỗi ${code})` : ''}${hint ? '' : ` Chi tiết: ${detail}`}`;
  const en = `Could not ${doing.en}: ${hint ? hint.en : 'Excel reported an error.'}${code ? ` (code ${code})` : ''}${hint ? '' : ` Details: ${detail}`}`;
  return new OfficeOpError(vi, en, code, err);
}

/** Runs one step against Excel; any failure comes out as an OfficeOpError naming the step. */
export async function officeStep<T>(doing: Doing, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw officeError(err, doing);
  }
}

/** Excel on the web refuses requests or responses over 5 MB with one of these codes. */
export function isPayloadTooLarge(err: unknown): boolean {
  const code = codeOf(err);
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}
