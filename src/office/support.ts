/**
 * Which ExcelApi requirement sets the running Excel has. The manifest asks for 1.1 only; every
 * newer feature asks here first and degrades when the answer is no.
 */

export interface ExcelSupport {
  /** True when ExcelApi `version` (e.g. "1.13") is available. */
  excelApi(version: string): boolean;
}

/** The minimum ExcelApi version of each optional feature used by office/. */
export const FEATURE_SETS = {
  /** getUsedRange(valuesOnly): ignore cells that only carry formatting. */
  usedRangeValuesOnly: '1.2',
  /** getItemOrNullObject, getUsedRangeOrNullObject. */
  orNullObject: '1.4',
  /** workbook.name. */
  workbookName: '1.7',
  /** Excel.createWorkbook(base64). */
  createWorkbook: '1.8',
  /** format.fill.pattern: tells "no fill" from a white fill. */
  fillPattern: '1.9',
  /** Threaded comments. */
  comments: '1.10',
  /** getMergedAreasOrNullObject, insertWorksheetsFromBase64. */
  mergedAreas: '1.13',
  insertFromBase64: '1.13',
  /** Notes (the classic yellow notes). */
  notes: '1.18',
} as const;

/** Compares dotted versions numerically: "1.10" is after "1.9". */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Support up to and including `version` (for tests, and for hosts that report one number). */
export function supportUpTo(version: string): ExcelSupport {
  return { excelApi: (v) => compareVersions(v, version) <= 0 };
}

/** What Office.js says, asked once per set. */
export function officeSupport(requirements: { isSetSupported(name: string, minVersion?: string): boolean }): ExcelSupport {
  const cache = new Map<string, boolean>();
  return {
    excelApi(version) {
      let v = cache.get(version);
      if (v === undefined) {
        v = requirements.isSetSupported('ExcelApi', version);
        cache.set(version, v);
      }
      return v;
    },
  };
}
