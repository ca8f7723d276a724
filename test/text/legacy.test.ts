import {
  decodeIfLegacy,
  decodeLegacy,
  detectLegacy,
  detectLegacyInTexts,
  encodeLegacy,
  fontEncoding,
  fontIsUppercase,
  legacyCandidate,
  legacyEncodingOf,
  type LegacyEncoding,
} from '../../src/text/legacy';
import { PLAIN_STRINGS } from './plain-strings';

const cp = (s: string) => Array.from(s).map((c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(2, '0'));

const TONES = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
/** All 72 lowercase vowel letters (12 vowels x 6 tones), NFC. */
const LOWER_VOWELS = VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC')));
const UPPER_VOWELS = LOWER_VOWELS.map((v) => v.toUpperCase());

/** A long sentence with every vowel and tone, in syllables with consonants around them. */
const EVERY_SYLLABLE = LOWER_VOWELS.map((v, i) => ['t', 'ng', 'đ', 'kh', 'tr', 'ph'][i % 6] + v + ['n', 'm', '', 'ng', 'c', 't'][i % 6]).join(' ');

const NAMES = [
  'Trường Tiểu học Nguyễn Bỉnh Khiêm',
  'Phó Hiệu trưởng',
  "Đắk R'Lấp",
  'Ê Đê',
  "M'Nông",
  "H' Ngăn Byă",
  'Điểu Thị Lan',
  'Y Khuê Niê',
  "K' Thị Hoa",
  'Phòng Giáo dục và Đào tạo huyện Cư Jút',
  'Giáo viên dạy giỏi cấp tỉnh năm học 2023-2024; sáng kiến kinh nghiệm cấp tỉnh.',
  'Chiến sĩ thi đua cơ sở, Bằng khen của Chủ tịch UBND tỉnh Đắk Nông',
  'Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập - Tự do - Hạnh phúc',
  'Khiển trách năm 2024',
  'Ngày sinh: 05/09/1985 (Nữ), dân tộc Mạ',
];

describe('TCVN3 table', () => {
  it('has the published codes', () => {
    // Lowercase with tones, from the public TCVN 5712 VN3 tables.
    const pairs: [string, number][] = [
      ['à', 0xb5], ['ả', 0xb6], ['ã', 0xb7], ['á', 0xb8], ['ạ', 0xb9],
      ['ằ', 0xbb], ['ẳ', 0xbc], ['ẵ', 0xbd], ['ắ', 0xbe], ['ặ', 0xc6],
      ['ầ', 0xc7], ['ẩ', 0xc8], ['ẫ', 0xc9], ['ấ', 0xca], ['ậ', 0xcb],
      ['è', 0xcc], ['ẻ', 0xce], ['ẽ', 0xcf], ['é', 0xd0], ['ẹ', 0xd1],
      ['ề', 0xd2], ['ể', 0xd3], ['ễ', 0xd4], ['ế', 0xd5], ['ệ', 0xd6],
      ['ì', 0xd7], ['ỉ', 0xd8], ['ĩ', 0xdc], ['í', 0xdd], ['ị', 0xde],
      ['ò', 0xdf], ['ỏ', 0xe1], ['õ', 0xe2], ['ó', 0xe3], ['ọ', 0xe4],
      ['ồ', 0xe5], ['ổ', 0xe6], ['ỗ', 0xe7], ['ố', 0xe8], ['ộ', 0xe9],
      ['ờ', 0xea], ['ở', 0xeb], ['ỡ', 0xec], ['ớ', 0xed], ['ợ', 0xee],
      ['ù', 0xef], ['ủ', 0xf1], ['ũ', 0xf2], ['ú', 0xf3], ['ụ', 0xf4],
      ['ừ', 0xf5], ['ử', 0xf6], ['ữ', 0xf7], ['ứ', 0xf8], ['ự', 0xf9],
      ['ỳ', 0xfa], ['ỷ', 0xfb], ['ỹ', 0xfc], ['ý', 0xfd], ['ỵ', 0xfe],
      ['ă', 0xa8], ['â', 0xa9], ['ê', 0xaa], ['ô', 0xab], ['ơ', 0xac], ['ư', 0xad], ['đ', 0xae],
      ['Ă', 0xa1], ['Â', 0xa2], ['Ê', 0xa3], ['Ô', 0xa4], ['Ơ', 0xa5], ['Ư', 0xa6], ['Đ', 0xa7],
    ];
    for (const [letter, code] of pairs) {
      expect(cp(encodeLegacy(letter, 'tcvn3'))).toEqual([code.toString(16).toUpperCase()]);
      expect(decodeLegacy(String.fromCharCode(code), 'tcvn3')).toBe(letter);
    }
  });

  it('decodes text from a public TCVN3 sample', () => {
    expect(decodeLegacy('§iÓm tÝch lòy n¹p thÎ cña ng\u00ADêi Ýt h¬n', 'tcvn3')).toBe('Điểm tích lũy nạp thẻ của người ít hơn');
    expect(decodeLegacy('kho¶ng 2000 vµng', 'tcvn3')).toBe('khoảng 2000 vàng');
    expect(decodeLegacy('Tr\u00ADêng TiÓu häc', 'tcvn3')).toBe('Trường Tiểu học');
  });

  it('writes toned capitals with the lowercase code; an all-capital word decodes back to capitals', () => {
    expect(encodeLegacy('Á', 'tcvn3')).toBe('\u00B8');
    expect(encodeLegacy('NGUYỄN', 'tcvn3')).toBe('NGUY\u00D4N');
    expect(decodeLegacy('NGUY\u00D4N V\u00A1N \u00A7\u00B5O', 'tcvn3')).toBe('NGUYỄN VĂN ĐÀO');
    // A single capital and a toned letter: title case, not capitals.
    expect(decodeLegacy('H\u00B5', 'tcvn3')).toBe('Hà');
    expect(decodeLegacy('\u00A7\u00B5o', 'tcvn3')).toBe('Đào');
  });
});

describe('VNI table', () => {
  it('has the published codes', () => {
    const pairs: [string, string][] = [
      ['á', 'aù'], ['à', 'aø'], ['ả', 'aû'], ['ã', 'aõ'], ['ạ', 'aï'],
      ['ă', 'aê'], ['ắ', 'aé'], ['ằ', 'aè'], ['ẳ', 'aú'], ['ẵ', 'aü'], ['ặ', 'aë'],
      ['â', 'aâ'], ['ấ', 'aá'], ['ầ', 'aà'], ['ẩ', 'aå'], ['ẫ', 'aã'], ['ậ', 'aä'],
      ['ê', 'eâ'], ['ế', 'eá'], ['ề', 'eà'], ['ể', 'eå'], ['ễ', 'eã'], ['ệ', 'eä'],
      ['í', 'í'], ['ì', 'ì'], ['ỉ', 'æ'], ['ĩ', 'ó'], ['ị', 'ò'],
      ['ô', 'oâ'], ['ơ', 'ô'], ['ớ', 'ôù'], ['ợ', 'ôï'], ['ư', 'ö'], ['ừ', 'öø'], ['ữ', 'öõ'],
      ['ý', 'yù'], ['ỳ', 'yø'], ['ỷ', 'yû'], ['ỹ', 'yõ'], ['ỵ', 'î'], ['đ', 'ñ'],
      ['Á', 'AÙ'], ['Ă', 'AÊ'], ['Ậ', 'AÄ'], ['Ơ', 'Ô'], ['Ư', 'Ö'], ['Đ', 'Ñ'], ['Ỉ', 'Æ'], ['Ỵ', 'Î'], ['Ò', 'OØ'],
    ];
    for (const [letter, vni] of pairs) {
      expect(encodeLegacy(letter, 'vni')).toBe(vni);
      expect(decodeLegacy(vni, 'vni')).toBe(letter);
    }
  });

  it('decodes text from public VNI samples', () => {
    expect(decodeLegacy('PHOØNG GIAÙO DUÏC VAØ ÑAØO TAÏO', 'vni')).toBe('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO');
    expect(decodeLegacy('TRÖÔØNG TRUNG HOÏC CÔ SÔÛ', 'vni')).toBe('TRƯỜNG TRUNG HỌC CƠ SỞ');
    expect(decodeLegacy('PHOØNG NGHÆ GIAÙO VIEÂN 1', 'vni')).toBe('PHÒNG NGHỈ GIÁO VIÊN 1');
    expect(decodeLegacy('giaù thaáp hôn thò tröôøng', 'vni')).toBe('giá thấp hơn thị trường');
    expect(decodeLegacy('Nguyeãn Vaên Anh', 'vni')).toBe('Nguyễn Văn Anh');
    expect(decodeLegacy('Tröôøng Tieåu hoïc', 'vni')).toBe('Trường Tiểu học');
  });

  it('accepts y + î for ỵ, and a mark only when it has the case of its letter', () => {
    expect(decodeLegacy('Lyî', 'vni')).toBe('Lỵ');
    expect(decodeLegacy('HuÕ', 'vni')).toBe('HuÕ');
  });
});

describe.each<LegacyEncoding>(['tcvn3', 'vni'])('%s round trips', (enc) => {
  it('every lowercase vowel with every tone, and đ', () => {
    for (const v of [...LOWER_VOWELS, 'đ']) {
      expect(decodeLegacy(encodeLegacy(v, enc), enc)).toBe(v);
    }
  });

  it('a long sentence with every vowel/tone combination', () => {
    const encoded = encodeLegacy(EVERY_SYLLABLE, enc);
    expect(encoded).not.toBe(EVERY_SYLLABLE);
    expect(encoded).not.toMatch(/[\u0100-\uFFFF]/); // only Latin-1 look-alikes
    expect(decodeLegacy(encoded, enc)).toBe(EVERY_SYLLABLE);
  });

  it.each(NAMES)('%s', (name) => {
    const encoded = encodeLegacy(name, enc);
    expect(decodeLegacy(encoded, enc)).toBe(name);
    // "K' Thò Hoa" (VNI) is also well-formed Unicode: alone it is rightly left undecided.
    const ambiguous = enc === 'vni' && name === "K' Thị Hoa";
    expect(detectLegacy(encoded)).toBe(ambiguous ? null : enc);
  });

  it('all-capital text', () => {
    const s = 'TRƯỜNG TIỂU HỌC NGUYỄN BỈNH KHIÊM, ĐẮK R’LẤP';
    expect(decodeLegacy(encodeLegacy(s, enc), enc)).toBe(s);
  });

  it('NFD input encodes like NFC', () => {
    const s = 'Nguyễn Thị Thanh Huyền';
    expect(encodeLegacy(s.normalize('NFD'), enc)).toBe(encodeLegacy(s, enc));
  });

  it('leaves ASCII, digits and punctuation alone', () => {
    const s = 'TT (1) 05/09/1985 - UBND; GD&DT "ok" 100%';
    expect(encodeLegacy(s, enc)).toBe(s);
    expect(decodeLegacy(s, enc)).toBe(s);
  });
});

describe('VNI capitals', () => {
  it('every uppercase vowel with every tone round trips exactly', () => {
    for (const v of [...UPPER_VOWELS, 'Đ']) {
      expect(decodeLegacy(encodeLegacy(v, 'vni'), 'vni')).toBe(v);
    }
  });
});

describe('TCVN3 capitals', () => {
  it('capital base letters have their own codes; a toned capital alone decodes to lowercase', () => {
    for (const v of UPPER_VOWELS) {
      const back = decodeLegacy(encodeLegacy(v, 'tcvn3'), 'tcvn3');
      const toned = v.normalize('NFD').length > 1 && !['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư'].includes(v);
      expect(back).toBe(toned ? v.toLowerCase() : v);
    }
  });

  it('.VnTimeH style: everything in lowercase codes, drawn as capitals', () => {
    const s = 'Phòng Giáo dục và Đào tạo huyện Đắk Song';
    const encoded = encodeLegacy(s, 'tcvn3', { upper: true });
    expect(encoded).toBe('phßng gi¸o dôc vµ ®µo t¹o huyÖn ®¾k song');
    expect(decodeLegacy(encoded, 'tcvn3', { upper: true })).toBe(s.toUpperCase());
    expect(decodeLegacy(encoded, 'tcvn3')).toBe(s.toLowerCase());
  });
});

describe('fontEncoding', () => {
  it.each([
    ['.VnTime', 'tcvn3'], ['.VnTimeH', 'tcvn3'], ['.VnArial', 'tcvn3'], ['.VnArialH', 'tcvn3'],
    ['.VNTIME', 'tcvn3'], [' .VnCentury Schoolbook ', 'tcvn3'],
    ['VNI-Times', 'vni'], ['VNI-Helve', 'vni'], ['VNI-Helve-Condense', 'vni'], ['Vni-Times', 'vni'], ['VNI Times', 'vni'],
    ['Times New Roman', null], ['Arial', null], ['Calibri', null], ['Vinhan', null], ['', null], [undefined, null],
  ])('%s -> %s', (font, enc) => {
    expect(fontEncoding(font)).toBe(enc);
  });

  it('knows the all-capital TCVN3 fonts', () => {
    expect(fontIsUppercase('.VnTimeH')).toBe(true);
    expect(fontIsUppercase('.VnArialH')).toBe(true);
    expect(fontIsUppercase('.VnTime')).toBe(false);
    expect(fontIsUppercase('VNI-Helve')).toBe(false);
    expect(fontIsUppercase('Arial')).toBe(false);
  });
});

describe('detectLegacy', () => {
  it(`returns null for ${PLAIN_STRINGS.length} ordinary strings`, () => {
    expect(PLAIN_STRINGS.length).toBeGreaterThanOrEqual(200);
    const flagged = PLAIN_STRINGS.filter((s) => detectLegacy(s) !== null);
    expect(flagged).toEqual([]);
  });

  it('finds the encoding of encoded Vietnamese strings', () => {
    // Every Vietnamese string of the plain list, encoded both ways.
    const vietnamese = PLAIN_STRINGS.slice(0, 190).filter((s) => /[^\x20-\x7E]/.test(s.normalize('NFC')));
    let total = 0;
    let found = 0;
    for (const s of vietnamese) {
      for (const enc of ['tcvn3', 'vni'] as const) {
        const e = encodeLegacy(s, enc);
        if (e === s) continue;
        total++;
        const d = detectLegacy(e);
        expect(d === null || d === enc).toBe(true); // never the wrong one
        if (d === enc) found++;
      }
    }
    expect(total).toBeGreaterThan(250);
    // The misses are short strings that are also valid Unicode ("Cã", "Thò", "Ghi chó").
    expect(found / total).toBeGreaterThan(0.93);
  });

  it('flags the documented examples', () => {
    expect(detectLegacy('Nguyeãn Vaên Anh')).toBe('vni');
    expect(detectLegacy('Tröôøng Tieåu hoïc')).toBe('vni');
    expect(detectLegacy('Khoâng')).toBe('vni');
    expect(detectLegacy('Kh«ng')).toBe('tcvn3');
    expect(detectLegacy('Hä vµ tªn')).toBe('tcvn3');
    expect(detectLegacy('§¾k Mil')).toBe('tcvn3');
    expect(detectLegacy('TPT §éi')).toBe('tcvn3');
  });

  it('returns null for text without any character above ASCII, and for Unicode', () => {
    expect(detectLegacy('Nguyen Van Anh')).toBeNull();
    expect(detectLegacy('Trường Tiểu học')).toBeNull();
  });
});

describe('detectLegacyInTexts', () => {
  it('decides short ambiguous cells by their neighbours', () => {
    expect(detectLegacy('Gia Nghóa')).toBeNull();
    expect(detectLegacyInTexts(['Gia Nghóa', 'Ñaék Mil', 'Thò', 'Giaùo vieân', 'Hieäu tröôûng'])).toBe('vni');
    expect(detectLegacyInTexts(['Cã', 'Ghi chó', 'Gi¸o viªn', 'HiÖu tr\u00ADëng'])).toBe('tcvn3');
  });

  it('ignores cells already in Unicode and finds nothing in a Unicode sheet', () => {
    expect(detectLegacyInTexts(['Trường Tiểu học', 'Kh«ng', 'Gi¸o viªn'])).toBe('tcvn3');
    expect(detectLegacyInTexts(PLAIN_STRINGS)).toBeNull();
    expect(detectLegacyInTexts([])).toBeNull();
  });
});

describe('legacyEncodingOf and decodeIfLegacy', () => {
  it('trusts a legacy font when decoding makes Vietnamese', () => {
    expect(legacyEncodingOf('Gi¸o viªn', '.VnTime')).toBe('tcvn3');
    expect(legacyEncodingOf('Ñaék Mil', 'VNI-Times')).toBe('vni');
    expect(decodeIfLegacy('Kh«ng', '.VnTime')).toEqual({ text: 'Không', encoding: 'tcvn3' });
  });

  it('decodes a cell that reads as Vietnamese either way only when its sheet is legacy', () => {
    expect(legacyEncodingOf('Thò', 'VNI-Times')).toBeNull();
    expect(legacyEncodingOf('Thò', 'VNI-Times', 'vni')).toBe('vni');
    expect(decodeIfLegacy('Cã', '.VnTime', 'tcvn3')).toEqual({ text: 'Có', encoding: 'tcvn3' });
    expect(decodeIfLegacy('Ghi chó', undefined, 'tcvn3')).toEqual({ text: 'Ghi chú', encoding: 'tcvn3' });
    // No sheet context and no font: left as typed.
    expect(decodeIfLegacy('Ghi chó')).toEqual({ text: 'Ghi chó', encoding: null });
  });

  it('does not decode Unicode text that merely wears a legacy font', () => {
    expect(legacyEncodingOf('Trường Tiểu học', '.VnTime')).toBeNull();
    expect(decodeIfLegacy('Lê Thu Hà', '.VnTime')).toEqual({ text: 'Lê Thu Hà', encoding: null });
    expect(legacyEncodingOf('Nguyen Van A', 'VNI-Times')).toBeNull();
  });

  it('decodes all-capital fonts as capitals', () => {
    expect(decodeIfLegacy('danh s¸ch ®Ò cö', '.VnTimeH')).toEqual({ text: 'DANH SÁCH ĐỀ CỬ', encoding: 'tcvn3' });
  });

  it('falls back to the characters without a font', () => {
    expect(decodeIfLegacy('Tröôøng Tieåu hoïc')).toEqual({ text: 'Trường Tiểu học', encoding: 'vni' });
    expect(decodeIfLegacy('Müller')).toEqual({ text: 'Müller', encoding: null });
  });
});

describe('legacyCandidate', () => {
  const HIGH = /[\u00A1-\u00FF]/;
  const BEYOND = /(?=[\u0100-\uFFFF])[\p{L}\p{M}]/u;
  const ref = (s: string) => HIGH.test(s) && !BEYOND.test(s);
  it.each([
    '',
    'Nguyễn Văn A',
    'Giaùo vieân',
    'Gi¸o viªn',
    'Müller – “Hélène” …',
    'Œuvre ñ',
    'abc',
    '¡Hola! ©',
    'ñ 𝒳',
    'ñ 😀',
    'ñ \ud800 lone',
    'ñ\u0301',
    'ĐẮK',
  ])('agrees with the two expressions: %j', (s) => {
    expect(legacyCandidate(s)).toBe(ref(s));
  });
});
