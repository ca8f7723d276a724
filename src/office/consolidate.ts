/**
 * Opens the consolidated workbook as a new workbook in Excel (Excel.createWorkbook, ExcelApi 1.8).
 * Where Excel cannot (Office 2016), the caller offers the file as a download instead.
 */
import { bytesToBase64 } from './base64';
import { officeStep } from './errors';
import { FEATURE_SETS, type ExcelSupport } from './support';

/** The one Excel global this needs, passed in so tests need no Excel. */
export interface WorkbookCreator {
  createWorkbook(base64?: string): Promise<void>;
}

/** 'opened' when Excel opened it, 'unsupported' when this Excel cannot (then download it). */
export async function openWorkbookFromBytes(excel: WorkbookCreator, support: ExcelSupport, bytes: Uint8Array): Promise<'opened' | 'unsupported'> {
  if (!support.excelApi(FEATURE_SETS.createWorkbook)) return 'unsupported';
  await officeStep({ vi: 'mở sổ tổng hợp trong Excel', en: 'open the consolidated workbook in Excel' }, () => excel.createWorkbook(bytesToBase64(bytes)));
  return 'opened';
}
