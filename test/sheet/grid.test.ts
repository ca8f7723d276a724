/** The plain grid every reader hands over: sparse rows, sparse cells. */
import { cellAt, type Grid } from '../../src/sheet/grid';

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
