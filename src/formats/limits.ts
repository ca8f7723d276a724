/** Safety limits for reading an .xlsx file: every one is checked before or while inflating, never after. */

export interface ReadLimits {
  /** Size of the .xlsx file itself. */
  maxFileBytes: number;
  /** Number of entries in the zip's central directory. */
  maxEntries: number;
  /** Expanded size of any one part we inflate. */
  maxEntryBytes: number;
  /** Expanded size of all the parts we inflate, together. */
  maxTotalBytes: number;
  /**
   * Expansion ratio (expanded / compressed) allowed for a part that expands past RATIO_LARGE_BYTES,
   * or past RATIO_FLOOR_BYTES when it expands beyond the size the zip declares for it.
   */
  maxRatio: number;
  /** Expansion ratio allowed for a part of any size past RATIO_FLOOR_BYTES. */
  maxRatioAnySize: number;
  /** Cells with a value (or formula), plus merged ranges, over the whole workbook. */
  maxCells: number;
  /** Characters in one cell's text; Excel's own limit is 32,767. */
  maxCellText: number;
  /** Worksheets in the workbook. */
  maxSheets: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = Object.freeze({
  maxFileBytes: 50 * MiB,
  maxEntries: 20_000,
  maxEntryBytes: 200 * MiB,
  maxTotalBytes: 256 * MiB,
  maxRatio: 100,
  maxRatioAnySize: 1000,
  maxCells: 5_000_000,
  maxCellText: 32_767,
  maxSheets: 1_000,
});

/**
 * The zip-bomb rule judges a part by its ratio and its expanded size together:
 * - ratio > maxRatioAnySize (1,000) once past RATIO_FLOOR_BYTES (1 MiB): deflate cannot pass
 *   ~1,032:1, and only crafted data comes near it (the bombs of the test corpus inflate ~1,000:1);
 * - ratio > maxRatio (100) once past RATIO_LARGE_BYTES (64 MiB): big and very compressible.
 * Genuine sheets of long repeated strings do inflate past 100:1 (an Excel for Mac workbook of
 * 471 KB holds a 54 MB sheet, 121:1), so a ratio over 100 alone is no proof. Memory is bounded
 * anyway by the declared size checked before inflating and by maxEntryBytes / maxTotalBytes while
 * inflating; a part that inflates beyond its declared size lies, and meets maxRatio from the floor on.
 */
export const RATIO_FLOOR_BYTES = 1 * MiB;
export const RATIO_LARGE_BYTES = 64 * MiB;

/** The ratio a part of `expanded` bytes may not exceed (Infinity below the floor); `lied`: beyond its declared size. */
export function ratioLimit(limits: ReadLimits, expanded: number, lied = false): number {
  if (expanded <= RATIO_FLOOR_BYTES) return Infinity;
  return expanded > RATIO_LARGE_BYTES || lied ? Math.min(limits.maxRatio, limits.maxRatioAnySize) : limits.maxRatioAnySize;
}

export function resolveLimits(partial?: Partial<ReadLimits>): ReadLimits {
  const out: ReadLimits = { ...DEFAULT_LIMITS };
  if (partial) {
    for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReadLimits)[]) {
      const v = partial[key];
      if (typeof v === 'number' && !Number.isNaN(v) && v >= 0) out[key] = v;
    }
  }
  return out;
}
