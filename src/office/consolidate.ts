/**
 * Opens the consolidated workbook as a new workbook in Excel (Excel.createWorkbook, ExcelApi 1.8).
 * Where Excel cannot (Office 2016), or Excel on the web refuses the file as over its 5 MB request
 * limit (a province's list), the caller offers the file as a download instead.
 */
import { bytesToBase64 } from './base64';
import { isPayloadTooLarge, officeError } from './errors';
import { FEATURE_SETS, type ExcelSupport } from './support';

/** The one Excel global this needs, passed in so tests need no Excel. */
export interface WorkbookCreator {
  createWorkbook(base64?: string): Promise<void>;
}

/**
 * 'opened' when Excel opened it; 'unsupported' when this Excel cannot, 'tooLarge' when it refused
 * the file's size (then download it). Any other refusal is thrown as an OfficeOpError.
 */
export async function openWorkbookFromBytes(excel: WorkbookCreator, support: ExcelSupport, bytes: Uint8Array): Promise<'opened' | 'unsupported' | 'tooLarge'> {
  if (!support.excelApi(FEATURE_SETS.createWorkbook)) return 'unsupported';
  try {
    await excel.createWorkbook(bytesToBase64(bytes));
  } catch (err) {
    if (isPayloadTooLarge(err)) return 'tooLarge';
    throw officeError(err, { vi: 'mở sổ tổng hợp trong Excel', en: 'open the consolidated workbook in Excel' });
  }
  return 'opened';
}
