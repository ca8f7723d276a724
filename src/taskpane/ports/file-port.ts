/**
 * The workbook port outside Excel (file mode): there is no open workbook; the user picks or drops
 * files, and everything produced is downloaded.
 */
import type { WorkbookGrid } from '../../sheet/grid';
import { NotAvailableError, type PortCapabilities, type WorkbookPort, type InsertResult } from './port';

export class FilePort implements WorkbookPort {
  readonly mode = 'file' as const;
  readonly capabilities: PortCapabilities = {
    workbook: false,
    marks: false,
    notes: null,
    select: false,
    insertTemplate: 'download',
    openWorkbook: false,
  };

  constructor(private readonly save: (bytes: Uint8Array, fileName: string) => void) {}

  async workbookName(): Promise<string> {
    throw new NotAvailableError('workbookName');
  }
  async getGrids(): Promise<WorkbookGrid> {
    throw new NotAvailableError('getGrids');
  }
  async mark(): Promise<never> {
    throw new NotAvailableError('mark');
  }
  async clearMarks(): Promise<never> {
    throw new NotAvailableError('clearMarks');
  }
  async select(): Promise<void> {
    throw new NotAvailableError('select');
  }
  async insertTemplate(bytes: Uint8Array, fileName: string): Promise<InsertResult> {
    this.save(bytes, fileName);
    return { kind: 'downloaded', fileName };
  }
  async openWorkbook(bytes: Uint8Array, fileName: string): Promise<'downloaded'> {
    this.save(bytes, fileName);
    return 'downloaded';
  }
  download(bytes: Uint8Array, fileName: string): void {
    this.save(bytes, fileName);
  }
}
