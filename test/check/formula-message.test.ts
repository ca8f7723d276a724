/**
 * CELL_FORMULA_NEUTRALIZED quotes the formula cut before "=" is put in front (no copy of a long
 * formula per finding): the same words as quoting "=" + the whole formula and cutting that.
 */
import { CATALOG, clip, CLIP } from '../../src/check/messages';

const quoted = (f: string) => `"${clip(`=${f}`)}"`;

describe('the formula quoted in CELL_FORMULA_NEUTRALIZED', () => {
  test.each([0, 1, 150, CLIP.value - 2, CLIP.value - 1, CLIP.value, CLIP.value + 1, 5000, 200_000])('a formula of %i characters reads as "=" + the formula, cut', (n) => {
    const f = 'SUM(A1:A9)&"Nguyễn Thị Lan"&'.repeat(Math.ceil(n / 28) + 1).slice(0, n);
    const p = { kind: 'formula', formula: f, value: 'Nguyễn Thị Lan' };
    expect(CATALOG.CELL_FORMULA_NEUTRALIZED.vi(p)).toContain(`công thức ${quoted(f)};`);
    expect(CATALOG.CELL_FORMULA_NEUTRALIZED.en(p)).toContain(`formula ${quoted(f)};`);
  });

  test('an astral character at the cut is not split', () => {
    const f = `${'x'.repeat(CLIP.value - 3)}😀😀`;
    const p = { kind: 'formula', formula: f, value: 'x' };
    expect(CATALOG.CELL_FORMULA_NEUTRALIZED.en(p)).toContain(`formula ${quoted(f)};`);
  });
});
