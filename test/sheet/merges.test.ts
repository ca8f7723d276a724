/**
 * The merges indexed once per sheet: the same answers as their plain twins (every merge looked at,
 * every cell painted), at a cost that follows the merges, not their area or the rows asked about.
 */
import type { MergeRange } from '../../src/sheet/grid';
import { HeaderMerges, HeaderMergesPlain, headerRight, SectionMerges, spansPlain } from '../../src/sheet/merges';
import { rng } from '../helpers/rng';

/** Merges that never overlap (as Excel writes them), some wider than the 65 columns the header counts. */
function disjointMerges(next: () => number, rows: number, cols: number, tries: number): MergeRange[] {
  const used = new Set<number>();
  const out: MergeRange[] = [];
  for (let t = 0; t < tries; t++) {
    const top = Math.floor(next() * rows);
    const left = Math.floor(next() * cols);
    const bottom = Math.min(rows + 3, top + Math.floor(next() * (next() < 0.2 ? 8 : 2)));
    const right = left + Math.floor(next() * (next() < 0.1 ? 120 : 4));
    let free = true;
    for (let r = top; r <= bottom && free; r++) for (let c = left; c <= right && free; c++) if (used.has(r * 100000 + c)) free = false;
    if (!free || (top === bottom && left === right)) continue;
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) used.add(r * 100000 + c);
    out.push({ top, left, bottom, right });
  }
  return out;
}

describe('HeaderMerges', () => {
  test('the merge covering each header cell is the one the painted twin finds', () => {
    const next = rng(31);
    for (let i = 0; i < 300; i++) {
      const rows = 2 + Math.floor(next() * 10);
      const cols = 2 + Math.floor(next() * 100);
      const merges = disjointMerges(next, rows, cols, Math.floor(next() * 40));
      // Exact duplicates, as some writers list them: still one merge.
      if (merges.length && next() < 0.2) merges.push({ ...merges[0] });
      const maxRow = Math.floor(next() * rows);
      const has = (r: number, c: number) => (r * 31 + c * 7) % 3 !== 0;
      const fast = new HeaderMerges(merges, maxRow, has);
      const plain = new HeaderMergesPlain(merges, maxRow);
      for (let r = 0; r <= maxRow; r++) {
        for (let c = 0; c < cols + 130; c++) {
          const a = fast.at(r, c);
          const b = plain.at(r, c);
          if (JSON.stringify(a) !== JSON.stringify(b)) expect({ r, c, merges, got: a }).toEqual({ r, c, merges, got: b });
        }
        const shown = merges.filter((m) => m.top <= r && m.bottom >= r && has(m.top, m.left));
        const key = (m: MergeRange) => `${m.top},${m.left},${m.bottom},${m.right}`;
        expect(new Set(fast.shownIn(r).map(key))).toEqual(new Set(shown.map(key)));
      }
    }
  });

  test('a million merges over the header, overlapping: built and asked in seconds (painted: 2.7 billion cells)', () => {
    const merges: MergeRange[] = [];
    for (let i = 0; i < 1_000_000; i++) merges.push({ top: i % 40, left: i % 1000, bottom: 41, right: (i % 1000) + 500 });
    const t0 = performance.now();
    const idx = new HeaderMerges(merges, 41, () => false);
    for (let r = 0; r <= 41; r++) for (let c = 0; c < 2000; c += 7) idx.at(r, c);
    // The painted twin would set 42 × 65 cells per merge: 2.7 billion.
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(headerRight(merges[0])).toBe(64);
  });
});

describe('SectionMerges', () => {
  test('whether a wide merge starts at a cell is what a look at every merge says, overlaps included', () => {
    const next = rng(37);
    for (let i = 0; i < 300; i++) {
      const merges: MergeRange[] = [];
      const n = Math.floor(next() * 30);
      for (let k = 0; k < n; k++) {
        const top = Math.floor(next() * 30);
        const left = Math.floor(next() * 6);
        merges.push({ top, left, bottom: top + Math.floor(next() * 6), right: left + Math.floor(next() * 5) });
      }
      const idx = new SectionMerges(merges);
      for (let r = 0; r < 40; r++) {
        for (let c = 0; c < 8; c++) {
          if (idx.spans(r, c) !== spansPlain(merges, r, c)) expect({ r, c, merges, got: idx.spans(r, c) }).toEqual({ r, c, merges, got: spansPlain(merges, r, c) });
        }
      }
    }
  });

  test('a million merges and 50,000 rows asked: in seconds, not 50 billion looks', () => {
    const merges: MergeRange[] = [];
    for (let i = 0; i < 1_000_000; i++) merges.push({ top: 60000 + i, left: i % 3, bottom: 60000 + i, right: (i % 3) + 2 + (i % 2) });
    const idx = new SectionMerges(merges);
    const t0 = performance.now();
    let n = 0;
    for (let r = 0; r < 50000; r++) if (idx.spans(r, r % 3)) n++;
    expect(n).toBe(0);
    expect(idx.spans(60001, 1)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
