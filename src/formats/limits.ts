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
  /** Expansion ratio (expanded / compressed) allowed for a part, once it passes RATIO_FLOOR_BYTES. */
  maxRatio: number;
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
  maxCells: 5_000_000,
  maxCellText: 32_767,
  maxSheets: 1_000,
});

/**
 * The ratio limit applies only to parts that expand past this size: small XML parts legitimately
 * compress 100:1 or more, but a bomb has to expand a lot to do harm.
 */
export const RATIO_FLOOR_BYTES = 1 * MiB;

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
