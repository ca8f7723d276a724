/** The table-driven fold must give exactly what the plain definition gives, for any text. */
import { fold, foldCompact, skeleton, stripMarks } from '../../src/text/normalize';
import { rng } from '../helpers/rng';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/** The definition of `fold`, as documented: the reference the fast path is held to. */
function reference(s: string): string {
  return s
    .replace(ZERO_WIDTH, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[ɗƉ]/g, (c) => (c === 'ɗ' ? 'd' : 'D'))
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

describe('fold fast path', () => {
  test('every BMP character alone', () => {
    const bad: string[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      const c = String.fromCharCode(cp);
      if (fold(c) !== reference(c) || foldCompact(c) !== reference(c).replace(/ /g, '')) bad.push(cp.toString(16));
    }
    expect(bad).toEqual([]);
  });

  test('random strings over Vietnamese, Latin, marks, spaces, zero-width and a few other scripts', () => {
    const alphabet = Array.from(
      'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ' +
        'ÁÀẢÃẠĐỨỪỬỮỰ0123456789 ,.;:-–—’\'"()/&@\t\n\u00a0\u2003\u200b\u200c\u2060\ufeff\u00ad' +
        '\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b' +
        'ßøæœÆŒıİǄǅǆǈɗƉʼˆ˜ΣσςΑωЖжअ가각ﬁ²½Ⅻ①𝐀😀',
    );
    const r = rng(7);
    for (let i = 0; i < 20000; i++) {
      const len = Math.floor(r() * 12);
      let s = '';
      for (let j = 0; j < len; j++) s += alphabet[Math.floor(r() * alphabet.length)];
      expect([s, fold(s)]).toEqual([s, reference(s)]);
      expect([s, foldCompact(s)]).toEqual([s, reference(s).replace(/ /g, '')]);
    }
  });

  test('NFD input and long texts', () => {
    const t = 'Trường Tiểu học Nguyễn Bỉnh Khiêm — Phòng GD&ĐT huyện Đắk R’Lấp; H’ Bia Ayun, Y Khuê Niê';
    for (const s of [t, t.normalize('NFD'), t.toUpperCase(), `  ${t}\u200b\u0301  `]) {
      expect(fold(s)).toBe(reference(s));
      expect(foldCompact(s)).toBe(reference(s).replace(/ /g, ''));
    }
  });
});

describe('skeleton shortcuts', () => {
  function referenceSkeleton(s: string): string {
    let out = '';
    for (const ch of s) {
      const base = stripMarks(ch).toLowerCase();
      out += base.length === ch.length ? base : ch;
    }
    return out;
  }

  test('ASCII, Vietnamese and other characters, twice (the per-character memo)', () => {
    const samples = ['12/05/1978', 'Ngày 5 THÁNG 12 năm 2025', 'sinh ngày 01-02-1980', 'İstanbul ǅ ß 𝐀 e\u0301', '\u0000\x7f ABC'];
    for (let k = 0; k < 2; k++) for (const s of samples) expect([s, skeleton(s)]).toEqual([s, referenceSkeleton(s)]);
  });
});
