/**
 * The workbook port: everything the task pane asks of "the workbook", behind one interface.
 * Inside Excel it is implemented with office/ (excel-port.ts); in a plain browser by file-port.ts,
 * where the workbook is the files the user picks and results are downloaded.
 */
import type { Finding, Lang } from '../../check/finding';
import type { WorkbookGrid } from '../../sheet/grid';

export interface ReadProgress {
  done: number;
  total: number;
  sheet: string;
}

export interface MarkResult {
  cells: number;
  notes: number;
  noteKind: 'note' | 'comment' | null;
  keptForeignNotes: number;
  skipped: number;
  /** Cells ("Danh sách!B3") Excel refused to mark, even one at a time. */
  unmarked: string[];
}

export interface ClearResult {
  cells: number;
  notes: number;
}

export type InsertResult =
  /** The whole template (formats, dropdowns) was inserted: ExcelApi 1.13. */
  | { kind: 'inserted'; sheets: string[] }
  /** Only its values were written on a new sheet (older Excel). */
  | { kind: 'values'; sheets: string[] }
  /** Not in Excel: the file was downloaded. */
  | { kind: 'downloaded'; fileName: string };

export interface PortCapabilities {
  /** Can read the open workbook (Excel only). */
  workbook: boolean;
  /** Can fill cells and take the fills off again. */
  marks: boolean;
  /** What a marked cell can carry besides its fill. */
  notes: 'note' | 'comment' | null;
  /** Can take the user to a cell. */
  select: boolean;
  /** How a template lands in the workbook; 'download' outside Excel. */
  insertTemplate: 'file' | 'values' | 'download';
  /** Excel.createWorkbook is there (else the consolidated workbook is downloaded). */
  openWorkbook: boolean;
}

export interface WorkbookPort {
  readonly mode: 'excel' | 'file';
  readonly capabilities: PortCapabilities;
  /** The name findings carry as their file: the workbook's name in Excel. */
  workbookName(): Promise<string>;
  getGrids(scope: 'active' | 'all', onProgress?: (p: ReadProgress) => void): Promise<WorkbookGrid>;
  mark(findings: Finding[], lang: Lang): Promise<MarkResult>;
  clearMarks(): Promise<ClearResult>;
  select(sheet: string, cell: string | null): Promise<void>;
  insertTemplate(bytes: Uint8Array, fileName: string): Promise<InsertResult>;
  /** 'tooLarge': Excel refused the file's size (Excel on the web takes 5 MB a request), so it was downloaded. */
  openWorkbook(bytes: Uint8Array, fileName: string): Promise<'opened' | 'downloaded' | 'tooLarge'>;
  /** Saves bytes as a file for the user (a download; in Excel too). */
  download(bytes: Uint8Array, fileName: string): void;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A port method the current mode does not have (the UI hides these; calling one is a bug). */
export class NotAvailableError extends Error {
  constructor(what: string) {
    super(`${what} is not available in this mode`);
    this.name = 'NotAvailableError';
  }
}
