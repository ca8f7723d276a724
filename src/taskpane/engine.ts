/**
 * The task pane's one door to the engine. Components get an `Engine` through props (tests pass a
 * fake); `realEngine` is the real thing. The .xlsx reader and writer are imported on demand so
 * that ExcelJS and the zip code stay out of the initial JavaScript.
 */
import { checkWorkbooks, type SourceWorkbook } from '../check/index';
import type { CheckResult } from '../check/result';
import { defaultRulebook, loadRulebook, type Rulebook } from '../rules/index';
import type { WorkbookGrid } from '../sheet/grid';
import type { SimpleDate } from '../sheet/submission';

export type { SourceWorkbook };

export interface PickedFile {
  name: string;
  bytes: Uint8Array;
}

export interface Engine {
  readonly defaultRulebook: Rulebook;
  /** Throws RulebookError (Vietnamese message naming the place, `messageEn`, `path`). */
  loadRulebook(jsonText: string): Rulebook;
  /** Files -> sources; a file that cannot be read becomes `unreadable`, never an exception. */
  readFiles(files: PickedFile[]): Promise<SourceWorkbook[]>;
  /** An .xlsx (our template) -> grids, for writing its values where Excel cannot insert the file. */
  readGrids(bytes: Uint8Array): Promise<WorkbookGrid>;
  check(sources: SourceWorkbook[], rulebook: Rulebook, opts?: { merge?: boolean }): CheckResult;
  /** `reportDate`: the date line of the report (the pane passes today; none leaves it for the pen). */
  consolidatedXlsx(result: CheckResult, rulebook: Rulebook, reportDate?: SimpleDate): Promise<Uint8Array>;
  templateXlsx(rulebook: Rulebook, unitId?: string): Promise<Uint8Array>;
}

const reader = () => import(/* webpackChunkName: "xlsx-reader" */ '../xlsx/reader');
const writer = () => import(/* webpackChunkName: "xlsx-writer" */ '../xlsx/writer');

export const realEngine: Engine = {
  defaultRulebook,
  loadRulebook,
  async readFiles(files) {
    const { readXlsx, UnreadableError } = await reader();
    return files.map((f) => {
      try {
        return { file: f.name, workbook: readXlsx(f.bytes) };
      } catch (err) {
        if (err instanceof UnreadableError) return { file: f.name, unreadable: err.info };
        throw err;
      }
    });
  },
  async readGrids(bytes) {
    const { readXlsx } = await reader();
    return readXlsx(bytes);
  },
  check: (sources, rulebook, opts) => checkWorkbooks(sources, rulebook, opts),
  async consolidatedXlsx(result, rulebook, reportDate) {
    const { writeConsolidatedXlsx } = await writer();
    return writeConsolidatedXlsx(result, rulebook, reportDate ? { reportDate } : undefined);
  },
  async templateXlsx(rulebook, unitId) {
    const { writeTemplateXlsx } = await writer();
    return writeTemplateXlsx(rulebook, unitId);
  },
};
