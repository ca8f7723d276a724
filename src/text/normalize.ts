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
  if (s.length < LONG_TEXT) return nfcPlain(s);
  // A crafted sheet repeats one 32,767-character shared string in every cell: the same string
  // object, whose hash V8 keeps, so it is normalised once, not once per cell (hostile long-texts,
  // 4,000 rows: nfc went from ~1.9 s of the run to a few ms). At most LONG_MEMO texts are kept.
  let out = longNfc.get(s);
  if (out === undefined) {
    out = nfcPlain(s);
    if (longNfc.size >= LONG_MEMO) longNfc.clear();
    longNfc.set(s, out);
  }
  return out;
}

/** nfc's definition, without the memo of long texts (test/text/normalize.test.ts holds them equal). */
export function nfcPlain(s: string): string {
  if (PLAIN.test(s)) return s;
  return s.normalize('NFC').replace(ZERO_WIDTH, '').replace(SPACES, ' ').trim();
}

/** Texts this long are remembered by nfc (a real name or achievement is far shorter). */
const LONG_TEXT = 1024;
const LONG_MEMO = 64;
const longNfc = new Map<string, string>();

/** `nfc(s) === s` is known without normalising: see PLAIN. */
export function isNfcPlain(s: string): boolean {
  return PLAIN.test(s);
}

/**
 * Text `nfc` leaves as it is: precomposed Latin only (no combining mark; no two of these characters
 * compose, see test/text/nfc-plain.test.ts), words separated by single plain spaces, no other space.
 */
const PLAIN =
  /^(?:[\x21-\x7E\u00A1-\u02FF\u1E00-\u1EFF\u2010-\u2027\u2030-\u205E]+(?: [\x21-\x7E\u00A1-\u02FF\u1E00-\u1EFF\u2010-\u2027\u2030-\u205E]+)*)?$/;

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
  return foldFast(s, false) ?? foldSlow(s);
}

/** `fold` without any space: "P.HT", "P HT" and "PHT" all give "pht". */
export function foldCompact(s: string): string {
  return foldFast(s, true) ?? foldSlow(s).replace(/ /g, '');
}

function foldSlow(s: string): string {
  return stripMarks(s.replace(ZERO_WIDTH, ''))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/*
 * `fold` runs on every cell of every row, so Latin text (all of Vietnamese) takes a table: each
 * character's own fold, which is exact there because after NFD and mark removal no two Latin
 * characters compose and lowercasing needs no context. Any other character takes the slow path.
 */
const DELETE = 1;
const SEPARATOR = 2;
/** Code unit -> its folded letters, DELETE, SEPARATOR, or undefined (not in the table: slow path). */
let foldTable: (string | number | undefined)[] | null = null;
/** Latin, combining marks, Latin Extended Additional (Vietnamese), general punctuation. */
const TABLE_RANGES: [number, number][] = [
  [0x0000, 0x036f],
  [0x1e00, 0x1eff],
  [0x2000, 0x206f],
  [0xfeff, 0xfeff],
];

function buildFoldTable(): (string | number | undefined)[] {
  const table: (string | number | undefined)[] = new Array(0x10000);
  for (const [from, to] of TABLE_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      const r = foldSlow(String.fromCharCode(cp));
      const raw = stripMarks(String.fromCharCode(cp).replace(ZERO_WIDTH, ''));
      if (raw === '') table[cp] = DELETE;
      else if (r === '') table[cp] = SEPARATOR;
      // Only letters that fold to plain ASCII are safe to concatenate; the rest go the slow way.
      else if (/^[a-z0-9]+$/.test(r) && r === raw.toLowerCase()) table[cp] = r;
    }
  }
  return table;
}

/** foldFast's output, as character codes (ASCII only: letters, digits, spaces), reused from call to call. */
let foldBuf = new Uint16Array(256);
/**
 * The fold table as codes, for the loop: a character's one folded letter, or one of the F_* below
 * (a typed array is read faster than the table's mixed array).
 */
let foldCodes: Int32Array | null = null;
const F_SLOW = -1;
const F_DELETE = -2;
const F_SEPARATOR = -3;
/** Folds to several letters: see the table. */
const F_MANY = -4;

function buildFoldCodes(table: (string | number | undefined)[]): Int32Array {
  const codes = new Int32Array(0x10000).fill(F_SLOW);
  for (let c = 0; c < 0x10000; c++) {
    const t = table[c];
    if (t === DELETE) codes[c] = F_DELETE;
    else if (t === SEPARATOR) codes[c] = F_SEPARATOR;
    else if (typeof t === 'string') codes[c] = t.length === 1 ? t.charCodeAt(0) : F_MANY;
  }
  return codes;
}

/**
 * fold's fast path, as codes: the folded text of `s` into foldedCodes(), its length returned,
 * or -1 when `s` takes the slow path (a character the table does not hold).
 */
export function foldInto(s: string, compact = false): number {
  const table = (foldTable ??= buildFoldTable());
  const codes = (foldCodes ??= buildFoldCodes(table));
  const n = s.length;
  let out = foldBuf;
  // Each character gives at most a space and its letters (a few): grown once for a long text.
  if (n * 4 + 1 > out.length) foldBuf = out = new Uint16Array(n * 4 + 1);
  let o = 0;
  let gap = false;
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i);
    const t = codes[code];
    if (t >= 0) {
      if (gap && !compact) out[o++] = 32;
      gap = false;
      out[o++] = t;
      continue;
    }
    if (t === F_DELETE) continue;
    if (t === F_SEPARATOR) {
      gap = o > 0;
      continue;
    }
    if (t === F_SLOW) return -1;
    const str = table[code] as string;
    if (o + str.length + 1 > out.length) {
      const grown = new Uint16Array(Math.max(out.length * 2, o + str.length + 1));
      grown.set(out.subarray(0, o));
      foldBuf = out = grown;
    }
    if (gap && !compact) out[o++] = 32;
    gap = false;
    for (let k = 0; k < str.length; k++) out[o++] = str.charCodeAt(k);
  }
  return o;
}

/** The codes foldInto wrote (letters, digits, single spaces), good until its next call. */
export function foldedCodes(): Uint16Array {
  return foldBuf;
}

function foldFast(s: string, compact: boolean): string | null {
  const n = foldInto(s, compact);
  // Built as codes, made a string once: one concatenation per character made a rope of them.
  return n < 0 ? null : codesToString(foldBuf, n);
}

/** The first `n` codes of `codes` as a string, in slices short enough for fromCharCode's arguments. */
function codesToString(codes: Uint16Array, n: number): string {
  if (n <= 4096) return String.fromCharCode.apply(null, codes.subarray(0, n) as unknown as number[]);
  let s = '';
  for (let i = 0; i < n; i += 4096) s += String.fromCharCode.apply(null, codes.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  return s;
}

/**
 * Per-character skeleton of an NFC string: the same length as `nfc(s)`, each character folded on
 * its own (marks stripped, đ -> d, lowercased), so a match in the skeleton slices the original.
 */
export function skeleton(s: string): string {
  // Date cells are mostly ASCII ("12/05/1978"): folding each character alone is then just lowercasing.
  if (ASCII.test(s)) return s.toLowerCase();
  let out = '';
  for (const ch of s) {
    let base = ch.length === 1 ? skeletonChars.get(ch) : undefined;
    if (base === undefined) {
      base = stripMarks(ch).toLowerCase();
      // Keep the length identical: a character that folds to nothing or to several is kept as is.
      if (base.length !== ch.length) base = ch;
      if (ch.length === 1) skeletonChars.set(ch, base);
    }
    out += base;
  }
  return out;
}

// eslint-disable-next-line no-control-regex -- any ASCII, controls included
const ASCII = /^[\x00-\x7F]*$/;
/** Per-character skeletons seen so far (a text uses a few dozen distinct characters). */
const skeletonChars = new Map<string, string>();
