/**
 * The scanner's in-place readers (src/formats/xlsx/read/markup.ts) against plain twins: the A1
 * reference reader against the core's columnIndex and a regular expression, the digits reader
 * against Number(), the attribute cursor against what the attributes say.
 */
import { AttrCursor, CellRef, digitsValue, scanCellRef } from '../../../../src/formats/xlsx/read/markup';
import { columnIndex, columnLetters } from '../../../../src/sheet/address';

/** The plain reading of a cell reference: what scanCellRef must give, done the slow, obvious way. */
function plainRef(text: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{0,7})\$?(\d{0,9})$/.exec(text);
  if (!m) return { row: -1, col: -1 };
  const row = m[2] === '' ? 0 : Number(m[2]);
  return { row: row > 0 ? row - 1 : -1, col: m[1] === '' ? -1 : columnIndex(m[1]) };
}

/** scanCellRef on `text` as it stands in a document: inside an attribute's quotes. */
function fastRef(text: string): { row: number; col: number } {
  const out = new CellRef();
  scanCellRef(`r="${text}"`, 3, 3 + text.length, out);
  return { row: out.row, col: out.col };
}

describe('scanCellRef reads A1 references as the core does', () => {
  /** The texts whose two readings differ (none, when all is well). */
  const differing = (texts: string[]) => texts.filter((t) => JSON.stringify(fastRef(t)) !== JSON.stringify(plainRef(t)));

  it('every column of Excel’s grid, with and without $, in either case', () => {
    const texts: string[] = [];
    const wrong: string[] = [];
    for (let col = 0; col < 16384; col++) {
      const letters = columnLetters(col);
      const row = (col * 7919) % 1048576;
      texts.push(`${letters}${row + 1}`, `$${letters}$${row + 1}`, `${letters.toLowerCase()}${row + 1}`, letters);
      const got = fastRef(`${letters}${row + 1}`);
      if (got.row !== row || got.col !== col) wrong.push(letters);
    }
    expect(differing(texts)).toEqual([]);
    expect(wrong).toEqual([]);
  });

  it('partial, oversized and broken references', () => {
    const cases = ['', '$', '$$', 'A', '$A$', '12', '$12', 'A0', 'A00', 'AAAAAAA1', 'AAAAAAAA1', 'A999999999', 'A1000000000', 'A1x', 'A-1', '1A', 'A 1', 'Á1', 'A1:B2', '1$', 'A$1$', 'XFD1048576'];
    for (const text of cases) expect({ text, ref: fastRef(text) }).toEqual({ text, ref: plainRef(text) });
    expect(fastRef('AAAAAAAA1')).toEqual({ row: -1, col: -1 });
    expect(fastRef('A0')).toEqual({ row: -1, col: 0 });
  });

  it('random strings of the characters references are made of', () => {
    const alphabet = 'AZaz$019 :x-';
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const texts: string[] = [];
    for (let k = 0; k < 20000; k++) {
      let text = '';
      const len = Math.floor(next() * 12);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      texts.push(text);
    }
    // Enough of them are references for the comparison to mean something.
    expect(texts.filter((t) => fastRef(t).col >= 0 && fastRef(t).row >= 0).length).toBeGreaterThan(100);
    expect(differing(texts)).toEqual([]);
  });
});

describe('digitsValue', () => {
  it('is Number() of a run of 1–15 ASCII digits, else -1', () => {
    for (const text of ['0', '7', '007', '123456789012345', '1234567890123456', '', '1.5', '-1', ' 1', '1e3', '١٢', '12a']) {
      const plain = /^\d{1,15}$/.test(text) ? Number(text) : -1;
      expect({ text, v: digitsValue(`<v>${text}</v>`, 3, 3 + text.length) }).toEqual({ text, v: plain });
    }
  });
});

describe('AttrCursor', () => {
  /** Every attribute of the tag whose attributes start at `from`: [local name, value]; and how it ends. */
  function attrs(x: string, from: number): { list: [string, string][]; gt: number; selfClosing: boolean } {
    const A = new AttrCursor(x);
    A.start(from);
    const list: [string, string][] = [];
    while (A.next()) list.push([x.slice(A.ls, A.ne), A.value()]);
    return { list, gt: A.gt, selfClosing: A.selfClosing };
  }

  it('reads names (without prefix) and values in any quoting and spacing', () => {
    const x = `<c r="A1" x:s = '2' t=s cm="a&amp;b" flag/>`;
    expect(attrs(x, 2)).toEqual({
      list: [
        ['r', 'A1'],
        ['s', '2'],
        ['t', 's'],
        ['cm', 'a&b'],
        ['flag', ''],
      ],
      gt: x.length - 1,
      selfClosing: true,
    });
  });

  it('ends an unclosed tag where the next one starts, and says when the document ends inside one', () => {
    const x = '<row r="3"<c r="A3">';
    expect(attrs(x, 4)).toEqual({ list: [['r', '3']], gt: 9, selfClosing: false });
    expect(attrs('<c r="A1', 2)).toEqual({ list: [], gt: -1, selfClosing: false });
  });

  it('int() is a non-negative integer value or -1', () => {
    const A = new AttrCursor('<row r="12" s="x1" t="" u="9999999999999">');
    A.start(4);
    const got: number[] = [];
    while (A.next()) got.push(A.int());
    expect(got).toEqual([12, -1, -1, -1]);
  });
});
