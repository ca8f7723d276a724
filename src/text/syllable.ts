/**
 * Is a word a well-formed Vietnamese syllable? Used to tell legacy-encoded text (TCVN3, VNI) from
 * Unicode: decoding real legacy text yields syllables, decoding anything else yields gibberish.
 * Structure: initial consonant + rhyme (glide, nucleus, final) + at most one tone mark, with the
 * rule that syllables ending in c/ch/p/t take only the sắc or nặng tone.
 */

const TONES: Record<string, 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang'> = {
  '\u0301': 'sac',
  '\u0300': 'huyen',
  '\u0309': 'hoi',
  '\u0303': 'nga',
  '\u0323': 'nang',
};
/** Marks that belong to the letter itself (â ê ô, ă, ơ ư), not to the tone. */
const LETTER_MARKS = new Set(['\u0302', '\u0306', '\u031B']);

export type Tone = 'sac' | 'huyen' | 'hoi' | 'nga' | 'nang';

/** Splits a word into its toneless letters (NFC, lowercased) and tone; null when malformed. */
export function splitTone(word: string): { base: string; tone: Tone | null } | null {
  let tone: Tone | null = null;
  let base = '';
  for (const ch of word.normalize('NFD')) {
    const t = TONES[ch];
    if (t) {
      if (tone) return null; // two tone marks
      tone = t;
    } else if (/\p{M}/u.test(ch) && !LETTER_MARKS.has(ch)) {
      return null; // a diaeresis, cedilla… is not Vietnamese
    } else {
      base += ch;
    }
  }
  return { base: base.normalize('NFC').toLowerCase(), tone };
}

const INITIALS = [
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh',
  'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
  // Place and personal names of the Central Highlands (Jút, Krông, Glong, Bri…).
  'f', 'j', 'w', 'z', 'bl', 'br', 'dl', 'gl', 'kl', 'kr', 'ml', 'pl', 'pr',
];

const OPEN_RHYMES = [
  'a', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iu', 'oa', 'oe', 'oi', 'ôi', 'ơi', 'ua',
  'uê', 'ui', 'uy', 'ưa', 'ưi', 'ưu', 'uơ',
  // Ê Đê and M'Nông names: Niê, Byă.
  'iê', 'yă',
  'iêu', 'yêu', 'oai', 'oao', 'oay', 'oeo', 'uây', 'uôi', 'ươi', 'ươu', 'uya', 'uyu',
];

/** Nucleus -> the final consonants it takes. */
const CLOSED: Record<string, string[]> = {
  a: ['c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'],
  ă: ['c', 'm', 'n', 'ng', 'p', 't'],
  â: ['c', 'm', 'n', 'ng', 'p', 't'],
  e: ['c', 'm', 'n', 'ng', 'p', 't'],
  ê: ['ch', 'm', 'n', 'nh', 'p', 't'],
  i: ['ch', 'm', 'n', 'nh', 'p', 't'],
  o: ['c', 'm', 'n', 'ng', 'p', 't'],
  oo: ['c', 'ng'],
  ô: ['c', 'm', 'n', 'ng', 'p', 't'],
  ơ: ['m', 'n', 'p', 't'],
  u: ['c', 'm', 'n', 'ng', 'p', 't'],
  ư: ['c', 'm', 'n', 'ng', 't'],
  iê: ['c', 'm', 'n', 'ng', 'p', 't'],
  yê: ['m', 'n', 'ng', 't'],
  oa: ['c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't'],
  oă: ['c', 'm', 'n', 'ng', 't'],
  oe: ['m', 'n', 't'],
  uâ: ['n', 'ng', 't'],
  uê: ['ch', 'n', 'nh'],
  uô: ['c', 'm', 'n', 'ng', 't'],
  ươ: ['c', 'm', 'n', 'ng', 'p', 't'],
  uy: ['ch', 'n', 'nh', 'p', 't'],
  uyê: ['n', 't'],
};

const STOPS = new Set(['c', 'ch', 'p', 't', 'k']);

/** Rhyme -> its final consonant ('' for an open rhyme). */
const RHYMES = new Map<string, string>();
for (const r of OPEN_RHYMES) RHYMES.set(r, '');
for (const [nucleus, finals] of Object.entries(CLOSED)) {
  for (const f of finals) {
    RHYMES.set(nucleus + f, f);
    // Highland place names write the final c as k: Đắk, Lắk, Búk.
    if (f === 'c') RHYMES.set(nucleus + 'k', 'k');
  }
}

function caseIsRegular(word: string): boolean {
  const lower = word.toLowerCase();
  const upper = word.toUpperCase();
  if (word === lower || word === upper) return true;
  const chars = Array.from(word);
  const rest = chars.slice(1).join('');
  return chars[0] === chars[0].toUpperCase() && rest === rest.toLowerCase();
}

/**
 * True when `word` (one token, no spaces) is a well-formed Vietnamese syllable: "Trường", "Đắk",
 * "nghiêng", "KHUYẾT". With `ignoreCase`, mixed case such as "NGUYễN" is accepted (TCVN3 writes
 * toned capitals with lowercase codes); otherwise only lower, Capitalised or UPPER words pass.
 */
export function isVietnameseSyllable(word: string, opts: { ignoreCase?: boolean } = {}): boolean {
  if (!word || word.length > 8) return false;
  // Legacy detection asks about every word of every cell; a language has only so many syllables.
  const memo = opts.ignoreCase ? memoIgnoreCase : memoExact;
  const known = memo.get(word);
  if (known !== undefined) return known;
  const yes = checkSyllable(word, !!opts.ignoreCase);
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(word, yes);
  return yes;
}

const MEMO_MAX = 50_000;
const memoExact = new Map<string, boolean>();
const memoIgnoreCase = new Map<string, boolean>();

function checkSyllable(word: string, ignoreCase: boolean): boolean {
  const opts = { ignoreCase };
  if (!opts.ignoreCase && !caseIsRegular(word.normalize('NFC'))) return false;
  const split = splitTone(word);
  if (!split) return false;
  const { base, tone } = split;
  for (const init of INITIALS) {
    if (!base.startsWith(init)) continue;
    const final = RHYMES.get(base.slice(init.length));
    if (final === undefined) continue;
    if (STOPS.has(final) && tone !== null && tone !== 'sac' && tone !== 'nang') continue;
    // "oong" (xoong, boong) is a loan rhyme: it takes no tone.
    if (base.endsWith('oong') && tone !== null) continue;
    return true;
  }
  return false;
}
