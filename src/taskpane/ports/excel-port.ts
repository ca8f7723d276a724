/// <reference types="office-js" />
/** The workbook port inside Excel: each method is one Excel.run over office/. */
import type { Finding, Lang } from '../../check/finding';
import type { WorkbookGrid } from '../../sheet/grid';
import { bytesToBase64 } from '../../office/base64';
import { openWorkbookFromBytes, type WorkbookCreator } from '../../office/consolidate';
import { clearMarks, markFindings } from '../../office/marks';
import { selectCell } from '../../office/navigate';
import { readActiveSheetGrid, readAllSheetGrids, readWorkbookName } from '../../office/read';
import { FEATURE_SETS, type ExcelSupport } from '../../office/support';
import { gridToSheetValues, insertSheetFromValues, insertSheetsFromBase64 } from '../../office/template';
import type { PortCapabilities, ReadProgress, WorkbookPort, InsertResult } from './port';

export interface ExcelPortDeps {
  /** Excel.run, or a stand-in in tests. */
  run<T>(fn: (ctx: Excel.RequestContext) => Promise<T>): Promise<T>;
  support: ExcelSupport;
  /** Excel.createWorkbook's owner (the Excel namespace). */
  creator: WorkbookCreator;
  /** .xlsx -> grids (the engine's reader), for the values fallback of the template. */
  readGrids(bytes: Uint8Array): Promise<WorkbookGrid>;
  /** The document's URL or path (Office.context.document.url), for the name before ExcelApi 1.7. */
  documentUrl: string | null;
  download(bytes: Uint8Array, fileName: string): void;
}

/** "C:\\Users\\An\\Cư Jút.xlsx" or "https://…/Cu%20Jut.xlsx?web=1" -> "Cư Jút.xlsx". */
export function nameFromUrl(url: string | null): string | null {
  if (!url) return null;
  const path = url.split(/[?#]/)[0];
  const last = path.split(/[\\/]/).filter(Boolean).pop();
  if (!last) return null;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

export class ExcelPort implements WorkbookPort {
  readonly mode = 'excel' as const;
  readonly capabilities: PortCapabilities;
  private name: Promise<string> | null = null;

  constructor(private readonly deps: ExcelPortDeps) {
    const s = deps.support;
    this.capabilities = {
      workbook: true,
      marks: true,
      notes: s.excelApi(FEATURE_SETS.notes) ? 'note' : s.excelApi(FEATURE_SETS.comments) ? 'comment' : null,
      select: true,
      insertTemplate: s.excelApi(FEATURE_SETS.insertFromBase64) ? 'file' : 'values',
      openWorkbook: s.excelApi(FEATURE_SETS.createWorkbook),
    };
  }

  workbookName(): Promise<string> {
    this.name ??= this.deps
      .run((ctx) => readWorkbookName(ctx, this.deps.support))
      .then((n) => n ?? nameFromUrl(this.deps.documentUrl) ?? 'Sổ làm việc này');
    return this.name;
  }

  getGrids(scope: 'active' | 'all', onProgress?: (p: ReadProgress) => void): Promise<WorkbookGrid> {
    const opts = { support: this.deps.support, onProgress };
    return this.deps.run((ctx) => (scope === 'active' ? readActiveSheetGrid(ctx, opts) : readAllSheetGrids(ctx, opts)));
  }

  mark(findings: Finding[], lang: Lang) {
    return this.deps.run((ctx) => markFindings(ctx, findings, { support: this.deps.support, lang }));
  }

  clearMarks() {
    return this.deps.run((ctx) => clearMarks(ctx, { support: this.deps.support }));
  }

  select(sheet: string, cell: string | null): Promise<void> {
    return this.deps.run((ctx) => selectCell(ctx, sheet, cell));
  }

  async insertTemplate(bytes: Uint8Array, _fileName: string): Promise<InsertResult> {
    const support = this.deps.support;
    if (this.capabilities.insertTemplate === 'file') {
      const b64 = bytesToBase64(bytes);
      const sheets = await this.deps.run((ctx) => insertSheetsFromBase64(ctx, b64, { support }));
      return { kind: 'inserted', sheets };
    }
    const book = await this.deps.readGrids(bytes);
    const grid = book.sheets.find((s) => !s.hidden) ?? book.sheets[0];
    const name = await this.deps.run((ctx) => insertSheetFromValues(ctx, gridToSheetValues(grid, columnWidths(grid)), { support }));
    return { kind: 'values', sheets: [name] };
  }

  async openWorkbook(bytes: Uint8Array, fileName: string): Promise<'opened' | 'downloaded' | 'tooLarge'> {
    const r = await openWorkbookFromBytes(this.deps.creator, this.deps.support, bytes);
    if (r === 'opened') return 'opened';
    this.deps.download(bytes, fileName);
    return r === 'tooLarge' ? 'tooLarge' : 'downloaded';
  }

  download(bytes: Uint8Array, fileName: string): void {
    this.deps.download(bytes, fileName);
  }
}

/** Column widths from the longest text in each column (the values fallback has no widths of its own). */
function columnWidths(grid: WorkbookGrid['sheets'][number]): number[] {
  const widths: number[] = [];
  grid.rows.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!cell || cell.v === null) return;
      // A merged title spans columns: it must not widen the first one.
      if (grid.merges.some((m) => m.left === c && m.right > c && r >= m.top && r <= m.bottom)) return;
      widths[c] = Math.max(widths[c] ?? 8, Math.min(60, String(cell.v).length + 2));
    });
  });
  return Array.from(widths, (w) => w ?? 8);
}
