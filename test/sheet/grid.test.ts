/** The plain grid every reader hands over: sparse rows, sparse cells. */
import { cellAt, presentIndices, presentIndicesPlain, type Grid } from '../../src/sheet/grid';
import { rng } from '../helpers/rng';

describe('cellAt', () => {
  const g: Grid = { name: 'Danh sách', rows: [], merges: [] };
  g.rows[0] = [{ v: 'UBND HUYỆN CƯ JÚT' }];
  g.rows[5] = [{ v: 'TT' }, { v: 'Họ và tên' }];
  g.rows[7] = [];
  g.rows[7][3] = { v: 30843, date: true };

  test('the cell at a 0-based row and column', () => {
    expect(cellAt(g, 0, 0)).toEqual({ v: 'UBND HUYỆN CƯ JÚT' });
    expect(cellAt(g, 5, 1)).toEqual({ v: 'Họ và tên' });
    expect(cellAt(g, 7, 3)).toEqual({ v: 30843, date: true });
  });

  test('undefined for a missing row, a missing cell, or beyond the sheet', () => {
    expect(cellAt(g, 3, 0)).toBeUndefined();
    expect(cellAt(g, 7, 2)).toBeUndefined();
    expect(cellAt(g, 5, 2)).toBeUndefined();
    expect(cellAt(g, 1000, 0)).toBeUndefined();
  });
});

describe('presentIndices: the indices that hold something, at the cost of what is there', () => {
  const both = (a: ArrayLike<unknown>) => {
    const fast: number[] = [];
    const plain: number[] = [];
    return [fast.slice(0, presentIndices(a, fast)), plain.slice(0, presentIndicesPlain(a, plain))];
  };

  test('the same as walking every slot, on short, long, dense and sparse arrays', () => {
    const next = rng(21);
    for (let i = 0; i < 2000; i++) {
      const a: (object | undefined | null)[] = [];
      const len = Math.floor(next() * (next() < 0.5 ? 80 : 20000));
      const fill = next();
      for (let c = 0; c < len; c++) {
        const x = next();
        if (x < fill * 0.1) a[c] = { v: c };
        else if (x < fill * 0.12) a[c] = undefined;
        else if (x < fill * 0.13) a[c] = null;
      }
      if (next() < 0.3) a[16383] = { v: 'XFD' };
      const [fast, plain] = both(a);
      expect(fast).toEqual(plain);
    }
  });

  test('a row with cells in A and XFD: two indices, however it was built', () => {
    const row: unknown[] = [];
    row[0] = { v: 'TT' };
    row[16383] = { v: 'x' };
    expect(both(row)).toEqual([
      [0, 16383],
      [0, 16383],
    ]);
  });

  test('20,000 such rows take milliseconds, not 20,000 × 16,384 steps', () => {
    const rows: unknown[][] = [];
    for (let r = 0; r < 20000; r++) {
      const row: unknown[] = [{ v: r }];
      row[16383] = { v: 'x' };
      rows.push(row);
    }
    const out: number[] = [];
    const t0 = performance.now();
    let n = 0;
    for (const row of rows) n += presentIndices(row, out);
    expect(n).toBe(40000);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
