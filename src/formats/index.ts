/**
 * Which reader a file needs, by its content first and its name second, and the readers themselves
 * loaded only when a file needs them (dynamic imports: in the task pane each is a chunk of its own,
 * so the first load does not grow with the formats it can read).
 *
 *   zip holding xl/workbook.xml ([Content_Types].xml)       -> .xlsx/.xlsm (readXlsx)
 *   zip whose mimetype is an OpenDocument one               -> .ods (readOds; it names an .odt)
 *   compound file (D0 CF 11 E0 A1 B1 1A E1)                 -> .xls (readXls; it tells an encrypted
 *                                                              .xlsx and a .doc apart itself)
 *   anything else is refused with what it is when that is known (a PDF, a web page, a text file…)
 *   and advice to save the list as .xlsx.
 *
 * This module imports no reader: only types, the limits and the refusals.
 */
import type { WorkbookGrid } from '../sheet/grid';
import { UnreadableError, unreadable } from './errors';
import { resolveLimits } from './limits';
import type { ReadOptions } from './xlsx/read/workbook';

export type WorkbookFormat = 'xlsx' | 'xls' | 'ods';

/** As for readXlsx; `inflate`/`crc32` serve .xlsx and .ods, `sheets` and `limits` every format. */
export type WorkbookReadOptions = ReadOptions;

function startsWith(b: Uint8Array, at: number, sig: number[] | string): boolean {
  const codes = typeof sig === 'string' ? Array.from(sig, (c) => c.charCodeAt(0)) : sig;
  if (b.length < at + codes.length) return false;
  for (let i = 0; i < codes.length; i++) if (b[at + i] !== codes[i]) return false;
  return true;
}

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6) || (b[2] === 7 && b[3] === 8));
}

/**
 * An OpenDocument package as its standard asks it to be written: a first entry named "mimetype",
 * stored, holding the media type. Returns that type, or null.
 */
function leadingMimetype(b: Uint8Array): string | null {
  if (!startsWith(b, 0, [0x50, 0x4b, 3, 4]) || !startsWith(b, 30, 'mimetype')) return null;
  const nameLen = b[26] | (b[27] << 8);
  const extraLen = b[28] | (b[29] << 8);
  const size = b[18] | (b[19] << 8) | (b[20] << 16);
  const method = b[8] | (b[9] << 8);
  if (nameLen !== 8 || method !== 0 || size > 256) return null;
  const from = 30 + nameLen + extraLen;
  let s = '';
  for (let i = from; i < Math.min(b.length, from + size); i++) s += String.fromCharCode(b[i]);
  return s.trim();
}

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  return m ? m[1].toLowerCase() : '';
}

const SAVE_AS_VI = 'Hãy mở tệp bằng Excel rồi lưu lại dưới dạng .xlsx (Tệp > Lưu thành > Sổ làm việc Excel), hoặc xin người gửi gửi đúng tệp Excel.';
const SAVE_AS_EN = 'Open it in Excel and save it as .xlsx (File > Save As > Excel Workbook), or ask the sender for the Excel file.';

/** The first bytes as text, when they look like text (no NUL, decodable as UTF-8 or UTF-16). */
function headText(b: Uint8Array): string | null {
  const head = b.subarray(0, Math.min(b.length, 4096));
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    return new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head);
  }
  if (head.includes(0)) return null;
  // Text in an 8-bit code page decodes with replacement characters, and is still text; control
  // characters other than white space say binary.
  const text = new TextDecoder('utf-8').decode(head);
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) control++;
  }
  return control * 20 > text.length ? null : text;
}

/** Refuses what no reader reads, saying what it is when the first bytes tell. */
function refuse(b: Uint8Array): UnreadableError {
  if (b.length === 0) {
    return unreadable.otherFormat(
      `Tệp rỗng (0 byte), có thể do tải về hoặc sao chép chưa xong. ${SAVE_AS_VI}`,
      `The file is empty (0 bytes), perhaps an incomplete download or copy. ${SAVE_AS_EN}`,
    );
  }
  if (startsWith(b, 0, '%PDF')) return unreadable.notSpreadsheet('tệp PDF', 'a PDF file');
  if (startsWith(b, 0, [0x89, 0x50, 0x4e, 0x47]) || startsWith(b, 0, [0xff, 0xd8, 0xff])) return unreadable.notSpreadsheet('tệp ảnh', 'a picture');
  if (startsWith(b, 0, 'Rar!') || startsWith(b, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) {
    return unreadable.otherFormat(
      'Tệp là tệp nén RAR/7z, không phải bảng tính. Hãy giải nén rồi gửi tệp Excel (.xlsx) bên trong.',
      'The file is a RAR/7z archive, not a workbook. Extract it and provide the Excel file (.xlsx) inside.',
    );
  }
  // A bare BIFF stream: Excel 2.x-4.0 wrote workbooks without the compound file around them.
  if (b.length >= 4 && b[0] === 0x09 && (b[1] === 0x00 || b[1] === 0x02 || b[1] === 0x04 || b[1] === 0x08)) {
    return unreadable.otherFormat(
      `Tệp là bảng tính Excel đời cũ (Excel 2.x–4.0), không đọc được. ${SAVE_AS_VI}`,
      `The file is an old Excel workbook (Excel 2.x–4.0), which cannot be read. ${SAVE_AS_EN}`,
    );
  }
  const text = headText(b);
  if (text !== null) {
    const t = text.replace(/^\uFEFF/, '').trimStart().toLowerCase();
    if (t.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
      return unreadable.otherFormat(`Tệp là bảng tính dạng XML của Excel 2003, chưa đọc được. ${SAVE_AS_VI}`, `The file is an Excel 2003 XML spreadsheet, which cannot be read. ${SAVE_AS_EN}`);
    }
    if (t.includes('urn:oasis:names:tc:opendocument:xmlns:office')) {
      return unreadable.otherFormat(
        'Tệp là bảng tính OpenDocument dạng XML phẳng (.fods), chưa đọc được. Hãy mở bằng LibreOffice rồi lưu lại dưới dạng .xlsx hoặc .ods.',
        'The file is a flat XML OpenDocument spreadsheet (.fods), which cannot be read. Open it in LibreOffice and save it as .xlsx or .ods.',
      );
    }
    if (t.startsWith('<') && /<(html|table|body|head|meta|!doctype html)[\s>]/.test(t)) {
      return unreadable.otherFormat(
        `Tệp là trang web (HTML) mang tên tệp Excel (phần mềm xuất dữ liệu hay tạo ra loại tệp này), không phải bảng tính Excel thật. ${SAVE_AS_VI}`,
        `The file is a web page (HTML) with an Excel name (data-export programs often make these), not a real Excel workbook. ${SAVE_AS_EN}`,
      );
    }
    return unreadable.otherFormat(
      `Tệp là tệp văn bản (ví dụ .csv hoặc .txt), không phải bảng tính Excel. ${SAVE_AS_VI}`,
      `The file is a text file (such as .csv or .txt), not an Excel workbook. ${SAVE_AS_EN}`,
    );
  }
  return unreadable.notZip();
}

/**
 * The format of a file from its first bytes (and, for a zip that does not say, its name): cheap,
 * no reader loaded. Throws UnreadableError for what none of the readers reads. A zip without a
 * leading OpenDocument mimetype is .xlsx unless its name ends in .ods; readWorkbook then asks the
 * zip's directory, which outranks the name.
 */
export function sniffFormat(bytes: Uint8Array, fileName = ''): WorkbookFormat {
  if (startsWith(bytes, 0, CFB)) return 'xls';
  if (isZip(bytes)) {
    const mime = leadingMimetype(bytes);
    // Any OpenDocument goes to the .ods reader, which names the ones that are not spreadsheets.
    if (mime !== null && mime.startsWith('application/vnd.oasis.opendocument')) return 'ods';
    return extensionOf(fileName) === 'ods' ? 'ods' : 'xlsx';
  }
  // A zip with data before it (a self-extracting archive, a mail header left in) still has its
  // end record: the .xlsx reader finds it.
  for (let i = Math.max(0, bytes.length - 22 - 0xffff); i + 4 <= bytes.length; i++) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) return extensionOf(fileName) === 'ods' ? 'ods' : 'xlsx';
  }
  throw refuse(bytes);
}

/** sniffFormat, with a zip's directory settling .xlsx against .ods where the first bytes did not. */
export async function detectFormat(bytes: Uint8Array, fileName = '', opts: WorkbookReadOptions = {}): Promise<WorkbookFormat> {
  const format = sniffFormat(bytes, fileName);
  if (format === 'xls' || leadingMimetype(bytes) !== null) return format;
  const { openZip, findEntry } = await import(/* webpackChunkName: "xlsx-reader" */ './zip/read');
  try {
    const zip = openZip(bytes, resolveLimits(opts.limits));
    const has = (part: string) => {
      try {
        return findEntry(zip, part) !== undefined;
      } catch {
        return true;
      }
    };
    if (has('[Content_Types].xml') || has('xl/workbook.xml')) return 'xlsx';
    if (has('content.xml') && (has('mimetype') || has('META-INF/manifest.xml'))) return 'ods';
  } catch {
    // A damaged zip: the reader the name points to words the refusal.
  }
  return format;
}

/**
 * Reads a workbook in any of the formats the readers know, by content first and name second.
 * Throws UnreadableError (in Vietnamese and English) for anything it cannot or must not read.
 */
export async function readWorkbook(bytes: Uint8Array, fileName = '', opts: WorkbookReadOptions = {}): Promise<WorkbookGrid> {
  const limits = resolveLimits(opts.limits);
  if (bytes.length > limits.maxFileBytes) throw unreadable.fileTooLarge(bytes.length, limits.maxFileBytes);
  const format = await detectFormat(bytes, fileName, opts);
  switch (format) {
    case 'xls':
      return (await import(/* webpackChunkName: "xls-reader" */ './xls/workbook')).readXls(bytes, opts);
    case 'ods':
      return (await import(/* webpackChunkName: "ods-reader" */ './ods/workbook')).readOds(bytes, opts);
    default:
      return (await import(/* webpackChunkName: "xlsx-reader" */ './xlsx/read/workbook')).readXlsx(bytes, opts);
  }
}

export { UnreadableError } from './errors';
