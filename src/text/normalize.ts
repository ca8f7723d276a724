/**
 * Unicode normalisation and matching keys for Vietnamese text.
 * `nfc` keeps the text as typed (only composition and spacing change); `fold` and `foldCompact`
 * build keys for accent-, case- and punctuation-insensitive comparison.
 */

/**
 * Zero-width characters and the byte-order mark: invisible, dropped. (Not the soft hyphen U+00AD:
 * in TCVN3 text it is the letter ư.)
 */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
/** Every kind of whitespace, including NBSP and the typographic spaces. */
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/g;

/**
 * NFC composition and whitespace normalisation: NBSP, tabs, line breaks and runs of spaces become
 * one space; the ends are trimmed. Never changes letters or case.
 */
export function nfc(s: string): string {
  return s.normalize('NFC').replace(ZERO_WIDTH, '').replace(SPACES, ' ').trim();
}

/** Combining marks (accents, tones, horn, breve…) after NFD. */
const MARKS = /\p{M}/gu;

/** Removes every diacritic and maps đ/Đ to d/D; keeps case and everything else. */
export function stripMarks(s: string): string {
  return s
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[ɗƉ]/g, (c) => (c === 'ɗ' ? 'd' : 'D'))
    .normalize('NFC');
}

/**
 * Key for accent- and case-insensitive matching: no diacritics, đ -> d, lowercase, every character
 * that is neither a letter nor a digit (punctuation, & / ( ) - – ' ’ " …) becomes a space, spaces
 * collapsed. "Phòng GD&ĐT huyện Đắk R’Lấp" -> "phong gd dt huyen dak r lap".
 */
export function fold(s: string): string {
  return stripMarks(s.replace(ZERO_WIDTH, ''))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** `fold` without any space: "P.HT", "P HT" and "PHT" all give "pht". */
export function foldCompact(s: string): string {
  return fold(s).replace(/ /g, '');
}

/**
 * Per-character skeleton of an NFC string: the same length as `nfc(s)`, each character folded on
 * its own (marks stripped, đ -> d, lowercased), so a match in the skeleton slices the original.
 */
export function skeleton(s: string): string {
  let out = '';
  for (const ch of s) {
    const base = stripMarks(ch).toLowerCase();
    // Keep the length identical: a character that folds to nothing or to several is kept as is.
    out += base.length === ch.length ? base : ch;
  }
  return out;
}
