/** The only code that touches Office.js: plain async functions over an Excel.RequestContext. */
export { readActiveSheetGrid, readAllSheetGrids, readWorkbookName, type ReadOptions, type ReadProgress } from './read';
export { markFindings, clearMarks, MARKS_SHEET, MARK_FILL, NOTE_PREFIX, type MarkOptions, type MarkSummary, type ClearSummary } from './marks';
export { selectCell } from './navigate';
export { insertSheetFromValues, insertSheetsFromBase64, gridToSheetValues, uniqueSheetName, type SheetValues } from './template';
export { openWorkbookFromBytes, type WorkbookCreator } from './consolidate';
export { detectHost, languageFor, type HostInfo, type HostKind, type OfficeLike } from './host';
export { OfficeOpError, officeError } from './errors';
export { officeSupport, supportUpTo, FEATURE_SETS, type ExcelSupport } from './support';
export { bytesToBase64, base64ToBytes } from './base64';
