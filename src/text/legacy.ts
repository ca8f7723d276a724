/**
 * Legacy Vietnamese 8-bit encodings. Old sheets typed with the ".VnTime" (TCVN3, also called ABC)
 * or "VNI-Times" fonts store each byte as the Windows-1252 character of the same code, so a cell
 * reads "Tr­êng TiÓu häc" (TCVN3) or "Tröôøng Tieåu hoïc" (VNI) instead of "Trường Tiểu học".
 *
 * TCVN3 has one code per lowercase letter with its tone; capitals exist only for the base letters
 * Ă Â Ê Ô Ơ Ư Đ, and toned capitals are written with the lowercase code (or with the all-capital
 * ".VnTimeH" fonts, which draw every code as a capital).
 * VNI writes a base letter followed by a mark character (a + ù = á, a + â = â, a + ê = ă…);
 * ơ, ư, đ and the toned i, ỵ have single codes.
 */
import { isVietnameseSyllable } from './syllable';

export type LegacyEncoding = 'tcvn3' | 'vni';

// ---------------------------------------------------------------------------------------------
// TCVN3 (TCVN 5712:1993 VN3)

/** Codes -> letters; toned groups are in the order huyền, hỏi, ngã, sắc, nặng. */
const TCVN3_GROUPS: [number[], string][] = [
  [[0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7], 'ĂÂÊÔƠƯĐ'],
  [[0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae], 'ăâêôơưđ'],
  [[0xb5, 0xb6, 0xb7, 0xb8, 0xb9], 'àảãáạ'],
  [[0xbb, 0xbc, 0xbd, 0xbe, 0xc6], 'ằẳẵắặ'],
  [[0xc7, 0xc8, 0xc9, 0xca, 0xcb], 'ầẩẫấậ'],
  [[0xcc, 0xce, 0xcf, 0xd0, 0xd1], 'èẻẽéẹ'],
  [[0xd2, 0xd3, 0xd4, 0xd5, 0xd6], 'ềểễếệ'],
  [[0xd7, 0xd8, 0xdc, 0xdd, 0xde], 'ìỉĩíị'],
  [[0xdf, 0xe1, 0xe2, 0xe3, 0xe4], 'òỏõóọ'],
  [[0xe5, 0xe6, 0xe7, 0xe8, 0xe9], 'ồổỗốộ'],
  [[0xea, 0xeb, 0xec, 0xed, 0xee], 'ờởỡớợ'],
  [[0xef, 0xf1, 0xf2, 0xf3, 0xf4], 'ùủũúụ'],
  [[0xf5, 0xf6, 0xf7, 0xf8, 0xf9], 'ừửữứự'],
  [[0xfa, 0xfb, 0xfc, 0xfd, 0xfe], 'ỳỷỹýỵ'],
];

const TCVN3_DECODE = new Map<string, string>();
const TCVN3_ENCODE = new Map<string, string>();
/** Codes of lowercase toned letters: the ones a plain-font capital word borrows. */
const TCVN3_TONED_LOWER = new Set<string>();
for (const [codes, letters] of TCVN3_GROUPS) {
  const chars = Array.from(letters);
  codes.forEach((code, i) => {
    const c = String.fromCharCode(code);
    TCVN3_DECODE.set(c, chars[i]);
    TCVN3_ENCODE.set(chars[i], c);
    if (code >= 0xb5) TCVN3_TONED_LOWER.add(c);
  });
}

function decodeTcvn3Word(word: string): string {
  let out = '';
  let fixedLetters = 0;
  let fixedUpper = true;
  for (const c of word) {
    const d = TCVN3_DECODE.get(c);
    if (d === undefined || !TCVN3_TONED_LOWER.has(c)) {
      const letter = d ?? c;
      if (letter.toLowerCase() !== letter.toUpperCase()) {
        fixedLetters++;
        if (letter !== letter.toUpperCase()) fixedUpper = false;
      }
    }
    out += d ?? c;
  }
  // "NGUYÔN" in the plain font is an all-capital word whose toned letter had only a lowercase code.
  return fixedLetters >= 2 && fixedUpper ? out.toUpperCase() : out;
}

function decodeTcvn3(s: string): string {
  return s.replace(/[^\s,.;:!?()"'/\\[\]{}<>|=+*&%$#@^~`0-9-]+/g, decodeTcvn3Word);
}

function encodeTcvn3(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const code = TCVN3_ENCODE.get(ch) ?? TCVN3_ENCODE.get(ch.toLowerCase());
    out += code ?? ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// VNI Windows

/** Combining tone marks by index: 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng. */
const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const VNI_TONE = ['', 'ù', 'ø', 'û', 'õ', 'ï'];
/** Circumflex with each tone (â ấ ầ ẩ ẫ ậ after a, e, o). */
const VNI_CIRC = ['â', 'á', 'à', 'å', 'ã', 'ä'];
/** Breve with each tone (ă ắ ằ ẳ ẵ ặ after a). */
const VNI_BREVE = ['ê', 'é', 'è', 'ú', 'ü', 'ë'];
/** The toned i are single codes. */
const VNI_I = ['i', 'í', 'ì', 'æ', 'ó', 'ò'];
const VNI_Y_NANG = 'î';
const VNI_O_HORN = 'ô';
const VNI_U_HORN = 'ö';
const VNI_D_BAR = 'ñ';

type VniMark = { family: 'tone' | 'circ' | 'breve'; tone: number };
const VNI_MARKS = new Map<string, VniMark>();
for (let t = 0; t < 6; t++) {
  const add = (c: string, family: VniMark['family']) => {
    if (!c) return;
    VNI_MARKS.set(c, { family, tone: t });
    VNI_MARKS.set(c.toUpperCase(), { family, tone: t });
  };
  add(VNI_TONE[t], 'tone');
  add(VNI_CIRC[t], 'circ');
  add(VNI_BREVE[t], 'breve');
}

function compose(letter: string, tone: number, upper: boolean): string {
  const s = (letter + TONE_MARKS[tone]).normalize('NFC');
  return upper ? s.toUpperCase() : s;
}

function decodeVni(s: string): string {
  const chars = Array.from(s);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const lower = c.toLowerCase();
    const upper = c !== lower;
    const next = chars[i + 1];
    let base: string | null = null;
    if ('aeouy'.includes(lower)) base = lower;
    else if (lower === VNI_O_HORN) base = 'ơ';
    else if (lower === VNI_U_HORN) base = 'ư';
    if (base !== null) {
      // A mark takes the case of its letter (aù, AÙ); "uÕ" is not VNI.
      const sameCase = next !== undefined && (next.toLowerCase() === next) === !upper;
      const mark = sameCase ? VNI_MARKS.get(next) : undefined;
      let letter = base;
      let tone = 0;
      let used = false;
      if (mark?.family === 'tone') {
        tone = mark.tone;
        used = true;
      } else if (mark?.family === 'circ' && (base === 'a' || base === 'e' || base === 'o')) {
        letter = base + '\u0302';
        tone = mark.tone;
        used = true;
      } else if (mark?.family === 'breve' && base === 'a') {
        letter = 'ă';
        tone = mark.tone;
        used = true;
      } else if (base === 'y' && sameCase && next.toLowerCase() === VNI_Y_NANG) {
        tone = 5; // some converters write y + î
        used = true;
      }
      out += compose(letter, tone, upper);
      if (used) i++;
      continue;
    }
    const iTone = VNI_I.indexOf(lower);
    if (iTone > 0) out += compose('i', iTone, upper);
    else if (lower === VNI_Y_NANG) out += compose('y', 5, upper);
    else if (lower === VNI_D_BAR) out += upper ? 'Đ' : 'đ';
    else out += c;
  }
  return out;
}

function encodeVni(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFC')) {
    const lowerCh = ch.toLowerCase();
    const upper = ch !== lowerCh;
    const up = (x: string) => (upper ? x.toUpperCase() : x);
    if (lowerCh === 'đ') {
      out += up(VNI_D_BAR);
      continue;
    }
    const parts = Array.from(lowerCh.normalize('NFD'));
    const base = parts[0];
    let tone = 0;
    let modifier = '';
    let foreign = false;
    for (const m of parts.slice(1)) {
      const t = TONE_MARKS.indexOf(m);
      if (t > 0) tone = t;
      else if (m === '\u0302' || m === '\u0306' || m === '\u031B') modifier = m;
      else foreign = true;
    }
    if (foreign || !'aeiouy'.includes(base) || (parts.length === 1 && base !== 'i')) {
      out += ch;
      continue;
    }
    let enc: string;
    if (modifier === '\u0302') enc = base + VNI_CIRC[tone];
    else if (modifier === '\u0306' && base === 'a') enc = base + VNI_BREVE[tone];
    else if (modifier === '\u031B' && base === 'o') enc = VNI_O_HORN + VNI_TONE[tone];
    else if (modifier === '\u031B' && base === 'u') enc = VNI_U_HORN + VNI_TONE[tone];
    else if (modifier) {
      out += ch; // not a Vietnamese letter
      continue;
    } else if (base === 'i') enc = VNI_I[tone];
    else if (base === 'y' && tone === 5) enc = VNI_Y_NANG;
    else enc = base + VNI_TONE[tone];
    out += up(enc);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Public API

/** The encoding a font name implies: ".VnTime", ".VnTimeH", ".VnArial" -> tcvn3; "VNI-Times" -> vni. */
export function fontEncoding(font: string | undefined): LegacyEncoding | null {
  if (!font) return null;
  const f = font.trim().toLowerCase();
  if (/^\.vn[a-z0-9]/.test(f)) return 'tcvn3';
  if (/^vni[-_ ]?[a-z]/.test(f)) return 'vni';
  return null;
}

/** A TCVN3 all-capital font (".VnTimeH", ".VnArialH"): every code is drawn as a capital. */
export function fontIsUppercase(font: string | undefined): boolean {
  return fontEncoding(font) === 'tcvn3' && /H$/.test(font!.trim());
}

/** Legacy text -> NFC Unicode. `upper` renders it as an all-capital TCVN3 font would. */
export function decodeLegacy(s: string, enc: LegacyEncoding, opts: { upper?: boolean } = {}): string {
  const out = (enc === 'tcvn3' ? decodeTcvn3(s) : decodeVni(s)).normalize('NFC');
  return opts.upper ? out.toUpperCase() : out;
}

/**
 * Unicode -> legacy text (for test files and examples). TCVN3 has no toned capitals: they are
 * written with the lowercase code, as typists did; `upper` writes everything with lowercase codes,
 * for the all-capital ".VnTimeH" fonts.
 */
export function encodeLegacy(s: string, enc: LegacyEncoding, opts: { upper?: boolean } = {}): string {
  const src = opts.upper ? s.normalize('NFC').toLowerCase() : s;
  return enc === 'tcvn3' ? encodeTcvn3(src) : encodeVni(src);
}

/** Letters or marks beyond Latin-1: the text is already Unicode (or not Vietnamese at all). */
const BEYOND_LATIN1_LETTER = /(?=[\u0100-\uFFFF])[\p{L}\p{M}]/u;
const HIGH = /[\u00A1-\u00FF]/;

/** By UTF-16 code unit from U+0100: 1 a letter or mark (BEYOND_LATIN1_LETTER), 2 not, 0 not yet known. */
const LETTER_BEYOND = new Uint8Array(0x10000);

function isLetterBeyond(code: number): boolean {
  let k = LETTER_BEYOND[code];
  if (k === 0) k = LETTER_BEYOND[code] = BEYOND_LATIN1_LETTER.test(String.fromCharCode(code)) ? 1 : 2;
  return k === 1;
}

/**
 * `HIGH.test(s) && !BEYOND_LATIN1_LETTER.test(s)` in one pass: text a legacy encoding could explain
 * (a Latin-1 letter or sign, no letter beyond Latin-1). Every cell of every sheet asks this.
 */
export function legacyCandidate(s: string): boolean {
  let high = false;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xa1) continue;
    if (c <= 0xff) {
      high = true;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      // An astral character: its letterhood is its code point's.
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (BEYOND_LATIN1_LETTER.test(s.slice(i, i + 2))) return false;
        i++;
        continue;
      }
    }
    if (isLetterBeyond(c)) return false;
  }
  return high;
}

interface Score {
  /** Tokens counted (single ASCII letters and ASCII acronyms say nothing and are skipped). */
  n: number;
  /** Tokens that are syllables after decoding. */
  decValid: number;
  /** Tokens that become syllables only by decoding. */
  gain: number;
  /** Gains with an initial consonant or three letters or more: not a stray symbol. */
  strongGain: number;
  /** Tokens that were syllables and stop being so. */
  loss: number;
  /** Characters merged by decoding (VNI's base + mark pairs): strong evidence of VNI. */
  merged: number;
  /** Tokens holding a Latin-1 character above A0 (the candidates for decoding). */
  highN: number;
  highDecValid: number;
  highLoss: number;
  /**
   * Gains from tokens with a Latin-1 symbol inside a word (§¾k, P«, th¸ng): no language writes
   * words that way, so one such syllable outweighs any plain word around it.
   */
  sureGain: number;
}

/** Latin-1 characters above A0 that are not letters: symbols inside a word. */
const LATIN1_SYMBOL = /[\u00A1-\u00A9\u00AB-\u00B4\u00B6-\u00B9\u00BB-\u00BF\u00D7\u00F7]/;

const TOKEN_SEP = /[^A-Za-z\u00A1-\u00FF]+/;

function score(s: string, enc: LegacyEncoding): Score {
  const sc: Score = {
    n: 0, decValid: 0, gain: 0, strongGain: 0, loss: 0, merged: 0, highN: 0, highDecValid: 0, highLoss: 0, sureGain: 0,
  };
  // Every Latin-1 character above A0 may be a letter in TCVN3 (¸ is á, ­ is ư), so words are runs of
  // ASCII letters and those characters.
  for (const tok of s.split(TOKEN_SEP)) {
    if (!tok) continue;
    const high = HIGH.test(tok);
    // H', K', Y in minority names, and acronyms (UBND, THCS, GD): say nothing either way.
    if (!high && (tok.length === 1 || tok === tok.toUpperCase())) continue;
    sc.n++;
    const orig = isVietnameseSyllable(tok);
    const dec = decodeLegacy(tok, enc);
    const valid = isVietnameseSyllable(dec, { ignoreCase: true });
    if (valid) sc.decValid++;
    sc.merged += tok.length - dec.length;
    if (valid && !orig && high) {
      sc.gain++;
      const first = dec.normalize('NFD').charAt(0);
      if (dec.length >= 3 || !/[aeiouy]/i.test(first)) sc.strongGain++;
      if (dec.length >= 2 && LATIN1_SYMBOL.test(tok)) sc.sureGain++;
    }
    if (orig && !valid) sc.loss++;
    if (high) {
      sc.highN++;
      if (valid) sc.highDecValid++;
      if (orig && !valid) sc.highLoss++;
    }
  }
  return sc;
}

/** Some token with a character above A0 is not a Vietnamese syllable as it stands (see `score`). */
function hasNonSyllableHighToken(s: string): boolean {
  for (const tok of s.split(TOKEN_SEP)) {
    if (tok && HIGH.test(tok) && !isVietnameseSyllable(tok)) return true;
  }
  return false;
}

function flags(sc: Score): boolean {
  if (sc.sureGain >= 1 && sc.highLoss === 0 && sc.highDecValid * 3 >= sc.highN * 2) return true;
  return sc.gain >= 1 && sc.strongGain >= 1 && sc.gain > sc.loss && sc.decValid * 3 >= sc.n * 2;
}

/**
 * Which legacy encoding the characters of `s` reveal, or null. Conservative: the text must become
 * Vietnamese syllables by decoding and must not already be Vietnamese; ordinary Unicode Vietnamese,
 * English, names such as "Müller" or "Hélène", numbers and empty text give null.
 */
export function detectLegacy(s: string): LegacyEncoding | null {
  if (!s || !legacyCandidate(s)) return null;
  // Both encodings need a word that becomes a syllable only by decoding: when every word with a
  // Latin-1 letter already is one ("Giáo viên", "Không"), neither can flag.
  if (!hasNonSyllableHighToken(s)) return null;
  const t = score(s, 'tcvn3');
  const v = score(s, 'vni');
  const tOk = flags(t);
  const vOk = flags(v);
  if (tOk && vOk) {
    if (t.decValid !== v.decValid) return t.decValid > v.decValid ? 'tcvn3' : 'vni';
    // A vowel followed by a VNI mark is specific; TCVN3's one-for-one codes are not.
    if (v.merged > 0) return 'vni';
    return t.gain >= v.gain ? 'tcvn3' : 'vni';
  }
  return tOk ? 'tcvn3' : vOk ? 'vni' : null;
}

/**
 * The legacy encoding of a set of texts taken together (the cells of one sheet): short cells such as
 * "Thò" or "Ñaék Mil" are ambiguous alone but not among their neighbours. Cells already in Unicode
 * (letters beyond Latin-1) are left out of the count.
 */
export function detectLegacyInTexts(texts: Iterable<string>): LegacyEncoding | null {
  const parts: string[] = [];
  // Most sheets are Unicode: when no text has a word that decoding could turn into a syllable,
  // their join has none either and cannot be legacy (each distinct text is looked at once).
  const seen = new Set<string>();
  let candidate = false;
  for (const t of texts) {
    if (!t || !legacyCandidate(t)) continue;
    parts.push(t);
    if (!candidate && !seen.has(t)) {
      seen.add(t);
      candidate = hasNonSyllableHighToken(t);
    }
  }
  return parts.length && candidate ? detectLegacy(parts.join('\n')) : null;
}

/**
 * The encoding of one cell's text, using its font when known. A legacy font is trusted when decoding
 * makes the text more Vietnamese; a cell that reads as Vietnamese either way ("Thò": thò or thị) is
 * decoded only when the sheet as a whole is in that encoding (`sheet`, from detectLegacyInTexts),
 * since Unicode text often keeps an old ".VnTime" font. Text with letters beyond Latin-1 is Unicode.
 */
export function legacyEncodingOf(s: string, font?: string, sheet?: LegacyEncoding | null): LegacyEncoding | null {
  if (!s || !legacyCandidate(s)) return null;
  const byFont = fontEncoding(font);
  if (byFont) {
    const sc = score(s, byFont);
    if (sc.highLoss > sc.gain) return null;
    if (sc.gain > 0) return byFont;
    return sheet === byFont ? byFont : null;
  }
  const bySelf = detectLegacy(s);
  if (bySelf) return bySelf;
  if (sheet) {
    const sc = score(s, sheet);
    if (sc.highN > 0 && sc.highLoss === 0 && sc.highDecValid === sc.highN) {
      // Reads as Vietnamese either way and the sheet is legacy: decode with the sheet.
      return sheet;
    }
  }
  return null;
}

/** Decodes `s` when its font, its characters or its sheet say it is legacy text; returns the text and the encoding. */
export function decodeIfLegacy(
  s: string,
  font?: string,
  sheet?: LegacyEncoding | null,
): { text: string; encoding: LegacyEncoding | null } {
  const encoding = legacyEncodingOf(s, font, sheet);
  if (!encoding) return { text: s, encoding: null };
  return { text: decodeLegacy(s, encoding, { upper: fontIsUppercase(font) }), encoding };
}
