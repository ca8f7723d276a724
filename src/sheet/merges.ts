/**
 * Merged ranges, indexed once per sheet for what the reader asks of them: which merge covers a header
 * cell (HeaderMerges), and whether a section title's merge starts at a cell (SectionMerges). Built in
 * O(merges · log merges), never by painting cells or scanning every merge per row: a sheet may list a
 * million merges. Each keeps its plain twin beside it (test/sheet/merges.test.ts holds them equal).
 */
import type { MergeRange } from './grid';

/** How far right a merge counts in the header: its first 65 columns (a whole-row title is not 16,384 labels). */
export const HEADER_MERGE_SPAN = 64;

/** The last column of `m` that counts in the header. */
export function headerRight(m: MergeRange): number {
  return Math.min(m.right, m.left + HEADER_MERGE_SPAN);
}

/** The header's merges (those starting in rows 0…maxRow), by top row, each row's sorted by left column. */
export class HeaderMerges {
  /** Top rows holding merges, ascending. */
  private readonly tops: number[];
  private readonly byTop = new Map<number, MergeRange[]>();
  /** Per row, the merges over it whose first cell holds a value (see shownIn). */
  private readonly shown: MergeRange[][] = [];

  /** `hasCell(r, c)`: the cell holds something (a merge shows its first cell's text). */
  constructor(merges: readonly MergeRange[], maxRow: number, hasCell: (row: number, col: number) => boolean) {
    for (const m of merges) {
      if (m.top > maxRow) continue;
      let list = this.byTop.get(m.top);
      if (!list) this.byTop.set(m.top, (list = []));
      list.push(m);
    }
    this.tops = [...this.byTop.keys()].sort((a, b) => a - b);
    // Stable: merges starting at the same column stay in the file's order, the last one found first by at().
    for (const list of this.byTop.values()) list.sort((a, b) => a.left - b.left);
    // The same first cell twice (overlapping merges, an invalid file) counts once: the last, as at() finds.
    const seen = new Set<number>();
    for (let i = merges.length - 1; i >= 0; i--) {
      const m = merges[i];
      if (m.top > maxRow || !hasCell(m.top, m.left)) continue;
      const key = m.top * 2 ** 32 + m.left;
      if (seen.has(key)) continue;
      seen.add(key);
      const bottom = Math.min(m.bottom, maxRow);
      for (let r = m.top; r <= bottom; r++) (this.shown[r] ??= []).push(m);
    }
  }

  /**
   * The merge covering (row, col) within its first 65 columns, if any. Merges never overlap in a valid
   * file: the one covering a cell is, in its top row's list, the last that starts at or before the column.
   */
  at(row: number, col: number): MergeRange | undefined {
    for (const t of this.tops) {
      if (t > row) break;
      const list = this.byTop.get(t) as MergeRange[];
      let lo = 0;
      let hi = list.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].left <= col) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0) continue;
      const m = list[found];
      if (m.bottom >= row && col <= headerRight(m)) return m;
    }
    return undefined;
  }

  /** The merges over row `row` that show a value (their first cell holds one), in no particular order. */
  shownIn(row: number): readonly MergeRange[] {
    return this.shown[row] ?? [];
  }
}

/**
 * HeaderMerges.at's plain twin: every cell of every merge in rows 0…maxRow painted (the last merge
 * listed wins where they overlap), up to 65 columns of each. Its cost is the merges' area.
 */
export class HeaderMergesPlain {
  private readonly byCell = new Map<number, MergeRange>();
  constructor(merges: readonly MergeRange[], maxRow: number) {
    for (const m of merges) {
      if (m.top > maxRow) continue;
      const bottom = Math.min(m.bottom, maxRow);
      const right = headerRight(m);
      for (let r = m.top; r <= bottom; r++) {
        for (let c = m.left; c <= right; c++) this.byCell.set(r * 16384 + c, m);
      }
    }
  }
  at(row: number, col: number): MergeRange | undefined {
    return this.byCell.get(row * 16384 + col);
  }
}

/** The merges of a sheet a section title may span (three columns or more), by their left column. */
export class SectionMerges {
  /** Left column -> that column's merges: their tops ascending, and the lowest row reached by any up to each. */
  private byLeft: Map<number, { tops: number[]; reach: number[] }> | null = null;

  constructor(private readonly merges: readonly MergeRange[]) {}

  /** Whether a merge three columns wide or more starts at column `col` and covers row `row`. */
  spans(row: number, col: number): boolean {
    // Built on the first question: most rows never ask (only a row with one cell filled does).
    const byLeft = (this.byLeft ??= indexByLeft(this.merges));
    const e = byLeft.get(col);
    if (!e) return false;
    // The last merge starting at or above the row: one covers it iff the lowest reach so far does.
    let lo = 0;
    let hi = e.tops.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (e.tops[mid] <= row) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && e.reach[found] >= row;
  }
}

function indexByLeft(merges: readonly MergeRange[]): Map<number, { tops: number[]; reach: number[] }> {
  const lists = new Map<number, MergeRange[]>();
  for (const m of merges) {
    if (m.right - m.left < 2) continue;
    let list = lists.get(m.left);
    if (!list) lists.set(m.left, (list = []));
    list.push(m);
  }
  const out = new Map<number, { tops: number[]; reach: number[] }>();
  for (const [left, list] of lists) {
    list.sort((a, b) => a.top - b.top);
    const tops: number[] = [];
    const reach: number[] = [];
    let far = -1;
    for (const m of list) {
      far = Math.max(far, m.bottom);
      tops.push(m.top);
      reach.push(far);
    }
    out.set(left, { tops, reach });
  }
  return out;
}

/** SectionMerges.spans' plain twin: every merge looked at. */
export function spansPlain(merges: readonly MergeRange[], row: number, col: number): boolean {
  return merges.some((m) => m.top <= row && m.bottom >= row && m.left === col && m.right - m.left >= 2);
}
