/**
 * A cell's value from its gathered markup (src/formats/xlsx/read/cell-values.ts): every type, the
 * raw-range fast path held to the decoded-text path, shared formulas in either order.
 */
import { cellType, isoToSerial, MAX_SHIFTED_FORMULA, OpenCell, SharedFormulas, TYPE_BOOLEAN, TYPE_DATE, TYPE_ERROR, TYPE_FORMULA_STRING, TYPE_INLINE_STRING, TYPE_NUMBER, TYPE_SHARED_STRING } from '../../../../src/formats/xlsx/read/cell-values';
import { DEFAULT_LIMITS } from '../../../../src/formats/limits';
import { UnreadableError } from '../../../../src/formats/errors';
import type { GridCell } from '../../../../src/sheet/grid';

const sst = { strings: ['', 'Nguyễn Thị Lan', 'Tr\u00adêng', 'Giáo viên'], fonts: [undefined, undefined, '.VnTime', undefined] };
// Style 1 shows dates, style 2 names a font.
const styles = { date: Uint8Array.from([0, 1, 0]), font: [undefined, undefined, 'Times New Roman'] };

function openCell(date1904 = false): OpenCell {
  return new OpenCell({ sheetName: 'DS', sst, styles, date1904, limits: { ...DEFAULT_LIMITS, maxCellText: 50 } });
}

/** The cell at B3 of `type` and `style` whose <v> is `v`: given as decoded text (`raw` false) or as a range of `doc`. */
function read(type: number, v: string | null, opts: { style?: number; raw?: boolean; date1904?: boolean } = {}): GridCell | null {
  const cell = openCell(opts.date1904);
  cell.begin();
  cell.row = 2;
  cell.col = 1;
  cell.type = type;
  cell.style = opts.style ?? 0;
  const doc = `<v>${v ?? ''}</v>`;
  if (v !== null && opts.raw) {
    cell.vFrom = 3;
    cell.vTo = 3 + v.length;
  } else cell.vText = v;
  return cell.read(doc, new SharedFormulas());
}

describe('cellType', () => {
  it('reads t="…", keeping the current type for an unknown word', () => {
    const t = (s: string, current = TYPE_NUMBER) => cellType(`t="${s}"`, 3, 3 + s.length, current);
    expect([t('s'), t('b'), t('e'), t('d'), t('n'), t('str'), t('inlineStr')]).toEqual([TYPE_SHARED_STRING, TYPE_BOOLEAN, TYPE_ERROR, TYPE_DATE, TYPE_NUMBER, TYPE_FORMULA_STRING, TYPE_INLINE_STRING]);
    expect(t('x')).toBe(TYPE_NUMBER);
    expect(t('shared', TYPE_BOOLEAN)).toBe(TYPE_BOOLEAN);
  });
});

describe('OpenCell.read', () => {
  it('each type of value', () => {
    expect(read(TYPE_SHARED_STRING, '1')).toEqual({ v: 'Nguyễn Thị Lan' });
    expect(read(TYPE_SHARED_STRING, '2')).toEqual({ v: 'Tr\u00adêng', font: '.VnTime' });
    expect(read(TYPE_SHARED_STRING, '0')).toBeNull();
    expect(read(TYPE_SHARED_STRING, '99')).toBeNull();
    expect(read(TYPE_NUMBER, '45000', { style: 1 })).toEqual({ v: 45000, date: true });
    expect(read(TYPE_NUMBER, '12.5', { style: 2 })).toEqual({ v: 12.5, font: 'Times New Roman' });
    expect(read(TYPE_NUMBER, 'không số')).toEqual({ v: 'không số' });
    expect(read(TYPE_NUMBER, '  ')).toBeNull();
    expect(read(TYPE_FORMULA_STRING, 'a_x000D_b')).toEqual({ v: 'a\rb' });
    expect(read(TYPE_FORMULA_STRING, '')).toEqual(null);
    expect(read(TYPE_BOOLEAN, ' TRUE ')).toEqual({ v: true });
    expect(read(TYPE_BOOLEAN, '0')).toEqual({ v: false });
    expect(read(TYPE_ERROR, ' #N/A')).toEqual({ v: '#N/A', error: true });
    expect(read(TYPE_DATE, '2024-02-29')).toEqual({ v: isoToSerial('2024-02-29', false), date: true });
    expect(read(TYPE_DATE, '1904-01-02', { date1904: true })).toEqual({ v: 1, date: true });
    expect(read(TYPE_DATE, 'hôm qua')).toEqual({ v: 'hôm qua' });
    expect(read(TYPE_INLINE_STRING, 'x_x005F_y')).toEqual({ v: 'x_y' });
    expect(read(TYPE_NUMBER, null)).toBeNull();
  });

  it('a value read in place from the document gives what its decoded text gives', () => {
    const values = ['0', '1', '2', '3', '007', '99', '45000', '123456789012345', '1234567890123456', '12.5', '-3', ' 4', '1e3', '', 'x', '&#49;', 'a&amp;b'];
    for (const type of [TYPE_NUMBER, TYPE_SHARED_STRING, TYPE_FORMULA_STRING, TYPE_BOOLEAN, TYPE_ERROR, TYPE_DATE]) {
      for (const style of [0, 1, 2]) {
        for (const v of values) {
          // The decoded-text path is given the text as the document's entities decode it.
          const text = v.replace('&#49;', '1').replace('&amp;', '&');
          const cell = openCell();
          cell.begin();
          cell.type = type;
          cell.style = style;
          cell.vText = text;
          const slow = cell.read('', new SharedFormulas());
          expect({ type, style, v, cell: read(type, v, { style, raw: true }) }).toEqual({ type, style, v, cell: slow });
        }
      }
    }
  });

  it('an inline string is its runs’ text, with its first run’s font; over the limit it is refused', () => {
    const cell = openCell();
    cell.begin();
    cell.type = TYPE_INLINE_STRING;
    cell.addText('Trường ');
    cell.addText('Tiểu học');
    cell.runFont = '.VnTime';
    expect(cell.read('', new SharedFormulas())).toEqual({ v: 'Trường Tiểu học', font: '.VnTime' });
    cell.begin();
    expect(() => cell.addText('x'.repeat(51))).toThrow(UnreadableError);
    expect(cell.tooLong(51).message).toContain('DS!A1');
  });

  it('a cell with a formula and no value is kept; one with neither is not', () => {
    const cell = openCell();
    cell.begin();
    cell.fText = 'SUM(A1:A3)';
    expect(cell.read('', new SharedFormulas())).toEqual({ v: null, f: 'SUM(A1:A3)' });
    cell.begin();
    expect(cell.read('', new SharedFormulas())).toBeNull();
  });
});

describe('SharedFormulas', () => {
  it('gives a dependent cell its master’s formula, shifted, whether the master comes first or last', () => {
    const formulas = new SharedFormulas();
    const before: GridCell = { v: 1 };
    formulas.apply(before, '0', 0, 4);
    expect(formulas.pending).toHaveLength(1);
    formulas.master('0', 'A2*2', 1, 4);
    const after: GridCell = { v: 2 };
    formulas.apply(after, '0', 3, 5);
    expect(after.f).toBe('B4*2');
    expect(before.f).toBeUndefined();
    formulas.resolvePending();
    expect(before.f).toBe('A1*2');
  });
});

describe('shared formulas past Excel’s own length', () => {
  test('a master longer than 8,192 characters is given to its dependents unshifted, as the one string', () => {
    const formulas = new SharedFormulas();
    const long = `"${'A'.repeat(MAX_SHIFTED_FORMULA)}"&A1`;
    formulas.master('0', long, 6, 1);
    formulas.master('1', '"x"&A1', 6, 2);
    const cells: GridCell[] = [];
    for (let r = 7; r < 4007; r++) {
      const c: GridCell = { v: 'Nguyễn Văn' };
      formulas.apply(c, '0', r, 1);
      cells.push(c);
    }
    // Every dependent holds the master itself: no text made per cell.
    expect(cells.every((c) => c.f === long)).toBe(true);
    // A formula Excel could have written is still shifted.
    const short: GridCell = { v: 'x' };
    formulas.apply(short, '1', 9, 2);
    expect(short.f).toBe('"x"&A4');
  });
});
