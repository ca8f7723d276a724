/**
 * Dates as Vietnamese sheets hold them: Excel serials, "dd/mm/yyyy" text (day first, always), a year
 * alone, "ngày 5 tháng 9 năm 1985", and the place-and-date line of an official document.
 */
import { nfc, skeleton } from './normalize';

/** A date as far as it is known: a year alone, or a full day. */
export interface SimpleDate {
  y: number;
  m?: number;
  d?: number;
}

const MS_PER_DAY = 86_400_000;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** A day that exists in the Gregorian calendar (31/02 does not). */
export function isValidDate(y: number, m: number, d: number): boolean {
  if (![y, m, d].every(Number.isInteger)) return false;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

/** Milliseconds of a UTC midnight, valid for years below 100 too. */
function utc(y: number, m: number, d: number): number {
  const t = new Date(Date.UTC(2000, m - 1, d));
  t.setUTCFullYear(y);
  return t.getTime();
}

const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Day 0 of serials from 61 on (Excel counts the non-existent 29/02/1900 as day 60). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);

/**
 * Excel serial -> day. The 1900 system keeps Lotus 1-2-3's bug: serial 60 is the fake 29/02/1900
 * (returned as such, so callers see an impossible date), and serials below 61 count from 31/12/1899.
 * The time of day (fraction) is dropped.
 */
export function serialToDate(serial: number, date1904 = false): SimpleDate {
  // A hair of tolerance: 32000.9999999 written for a midnight is still that next day.
  const n = Math.floor(serial + 1e-7);
  if (!date1904 && n === 60) return { y: 1900, m: 2, d: 29 };
  const epoch = date1904 ? EPOCH_1904 : n < 60 ? EPOCH_1900 + MS_PER_DAY : EPOCH_1900;
  const dt = new Date(epoch + n * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** Day -> Excel serial (the inverse of `serialToDate`). */
export function dateToSerial(date: { y: number; m: number; d: number }, date1904 = false): number {
  const { y, m, d } = date;
  if (!date1904 && y === 1900 && m === 2 && d === 29) return 60;
  const t = utc(y, m, d);
  if (date1904) return Math.round((t - EPOCH_1904) / MS_PER_DAY);
  const days = Math.round((t - EPOCH_1900) / MS_PER_DAY);
  return days < 61 ? days - 1 : days;
}

export type DateParse = { ok: true; date: SimpleDate } | { ok: false; reason: 'empty' | 'unreadable' | 'impossible' };

const EMPTY: DateParse = { ok: false, reason: 'empty' };
const UNREADABLE: DateParse = { ok: false, reason: 'unreadable' };
const IMPOSSIBLE: DateParse = { ok: false, reason: 'impossible' };

/** Two-digit years: 00–29 are 20xx, 30–99 are 19xx. */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n <= 29 ? 2000 + n : 1900 + n;
}

/** Day, month, year as read; 00/00/yyyy and 00/mm/yyyy are how some offices write a partial date. */
function dayMonthYear(d: number, m: number, y: number): DateParse {
  if (y < 1000 || y > 2999) return IMPOSSIBLE;
  if (d === 0 && m === 0) return { ok: true, date: { y } };
  if (d === 0 && m >= 1 && m <= 12) return { ok: true, date: { y, m } };
  return isValidDate(y, m, d) ? { ok: true, date: { y, m, d } } : IMPOSSIBLE;
}

function fromSerial(v: number, date1904: boolean): DateParse {
  const n = Math.floor(v + 1e-7);
  if (n < 1 || n > 2_958_465) return UNREADABLE; // 2958465 is 31/12/9999
  const date = serialToDate(v, date1904);
  return isValidDate(date.y, date.m!, date.d!) ? { ok: true, date } : IMPOSSIBLE;
}

/** ddmmyyyy typed without separators (05091985, or 5091985 once Excel dropped the zero). */
function packed(digits: string): DateParse {
  const s = digits.padStart(8, '0');
  const y = Number(s.slice(4));
  if (y < 1900 || y > 2100) return UNREADABLE;
  return dayMonthYear(Number(s.slice(0, 2)), Number(s.slice(2, 4)), y);
}

function parseNumber(v: number, opts: { isDate?: boolean; date1904?: boolean }): DateParse {
  if (!Number.isFinite(v)) return UNREADABLE;
  const date1904 = opts.date1904 ?? false;
  if (opts.isDate) return fromSerial(v, date1904);
  if (Number.isInteger(v) && v >= 1900 && v <= 2100) return { ok: true, date: { y: v } };
  // Serials of 1954–2064: a date whose cell lost its date format.
  if (v >= 20000 && v <= 60000) return fromSerial(v, date1904);
  if (Number.isInteger(v) && v >= 1_010_000 && v <= 31_122_100) return packed(String(v));
  return UNREADABLE;
}

const SEP = String.raw`\s*[/.\-]\s*`;
const RE_DMY = new RegExp(String.raw`^(\d{1,2})${SEP}(\d{1,2})${SEP}(\d{4}|\d{2})$`);
const RE_YMD = new RegExp(String.raw`^(\d{4})${SEP}(\d{1,2})${SEP}(\d{1,2})(?:[t\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?z?)?$`);
const RE_MY = new RegExp(String.raw`^(\d{1,2})${SEP}(\d{4})$`);
/*
 * The patterns below run on cell text: no two unbounded runs of spaces may meet (`\s*,?\s*` is
 * written `\s*(?:,\s*)?`), so that a long run of spaces is read once, not once per way to split it.
 * Exported for the test that holds them to the patterns they replace.
 */
/** On the skeleton: [sinh] [ngày d] [tháng m] năm y; a blank day or month ("ngày   tháng   năm 1985") leaves a partial date. */
export const RE_WORDS = /^(?:sinh\s*)?(?:ngay\s*(?:(\d{1,2})\s*)?(?:,\s*)?)?(?:thang\s*(?:(\d{1,2})\s*)?(?:,\s*)?)?nam\s*(\d{4})$/;
export const RE_WORDS_BARE = /^(\d{1,2})\s+thang\s*(\d{1,2})\s*(?:,\s*)?nam\s*(\d{4})$/;
/** Labels in front of a numeric date: "ngày 05/09/1985", "sinh ngày 5-9-1985", "NS: 1985". */
export const RE_DATE_LABEL = /^(?:(?:ngay\s*)?sinh(?:\s*ngay)?|ngay|ns|nam\s*sinh)\s*(?::\s*)?(?=\d)/;

/** Digits at s[from, to) as a number, or -1 when any is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const isSep = (c: number) => c === 47 || c === 46 || c === 45; // / . -

/**
 * "05/09/1985", "5-9-85": the plain day-month-year that most cells hold, read without the general
 * path's normalising and regular expressions (RE_DMY's reading exactly); null for anything else.
 */
function plainDmy(s: string): DateParse | null {
  const n = s.length;
  if (n < 6 || n > 10) return null;
  const a = isSep(s.charCodeAt(1)) ? 1 : isSep(s.charCodeAt(2)) ? 2 : -1;
  if (a < 0) return null;
  const b = isSep(s.charCodeAt(a + 2)) ? a + 2 : isSep(s.charCodeAt(a + 3)) ? a + 3 : -1;
  if (b < 0 || (n - b - 1 !== 4 && n - b - 1 !== 2)) return null;
  const d = digitsAt(s, 0, a);
  const m = digitsAt(s, a + 1, b);
  const y = digitsAt(s, b + 1, n);
  if (d < 0 || m < 0 || y < 0) return null;
  return dayMonthYear(d, m, fullYear(s.slice(b + 1)));
}

/**
 * No date is written in more characters than this ("sinh ngày 05 tháng 09 năm 1985" has 30): a
 * longer text is unreadable without being normalised (a 32,767-character cell, on every row).
 */
const DATE_TEXT_MAX = 100;

function parseText(raw: string): DateParse {
  const quick = plainDmy(raw);
  if (quick) return quick;
  if (raw.length > DATE_TEXT_MAX && raw.trim().length > DATE_TEXT_MAX) return UNREADABLE;
  const s = nfc(raw);
  if (!s) return EMPTY;
  const sk = skeleton(s).replace(RE_DATE_LABEL, '');
  let m: RegExpExecArray | null;
  if ((m = RE_DMY.exec(sk))) return dayMonthYear(Number(m[1]), Number(m[2]), fullYear(m[3]));
  if ((m = RE_YMD.exec(sk))) return dayMonthYear(Number(m[3]), Number(m[2]), Number(m[1]));
  if ((m = RE_MY.exec(sk))) return dayMonthYear(0, Number(m[1]), Number(m[2]));
  if (/^\d{4}$/.test(sk)) return dayMonthYear(0, 0, Number(sk));
  if (/^\d{7,8}$/.test(sk)) return packed(sk);
  if ((m = RE_WORDS_BARE.exec(sk))) return dayMonthYear(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = RE_WORDS.exec(sk))) {
    const [, day, month, year] = m;
    if (day !== undefined && month === undefined) return UNREADABLE;
    return dayMonthYear(Number(day ?? 0), Number(month ?? 0), Number(year));
  }
  return UNREADABLE;
}

/**
 * Reads a birth date from a cell. Numbers: a serial when the cell is date-formatted (`isDate`), a
 * year when an integer 1900–2100, a serial when plausibly one (20000–60000). Text: "05/09/1985",
 * "5-9-85", "05.09.1985", "1985", "09/1985", "ngày 5 tháng 9 năm 1985", ISO "1985-09-05".
 * The day always comes first; a day that cannot exist (31/02/1990) is `impossible`.
 */
export function parseDateValue(
  v: string | number | boolean | null | undefined,
  opts: { isDate?: boolean; date1904?: boolean } = {},
): DateParse {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'boolean') return UNREADABLE;
  if (typeof v === 'number') return parseNumber(v, opts);
  return parseText(v);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** dd/mm/yyyy; mm/yyyy or yyyy for a partial date. */
export function formatDate(d: SimpleDate): string {
  const y = String(d.y).padStart(4, '0');
  if (d.m !== undefined && d.d !== undefined) return `${pad2(d.d)}/${pad2(d.m)}/${y}`;
  if (d.m !== undefined) return `${pad2(d.m)}/${y}`;
  return y;
}

export const RE_LINE_WORDS = /(?<![a-z])ngay\s*(\d{1,2})\s*(?:,\s*)?thang\s*(\d{1,2})\s*(?:,\s*)?nam\s*(\d{4})/;
const RE_LINE_NUM = /(?<![a-z])ngay\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/;

/**
 * The place-and-date line of an official document: "Cư Jút, ngày 20 tháng 6 năm 2025" -> place
 * "Cư Jút", 20/06/2025. Tolerates missing diacritics, extra spaces, "ngày 20/6/2025" and text after
 * it. Null when there is no full date (a blank day "ngày   tháng 6 năm 2025" included).
 */
export function parseDateLine(s: string): { place: string | null; date: SimpleDate } | null {
  const text = nfc(s);
  const sk = skeleton(text);
  const m = RE_LINE_WORDS.exec(sk) ?? RE_LINE_NUM.exec(sk);
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const y = Number(m[3]);
  if (!isValidDate(y, mo, d)) return null;
  const place = trimPlace(text.slice(0, m.index));
  return { place: /\p{L}/u.test(place) ? place : null, date: { y, m: mo, d } };
}

/** Spaces and punctuation around the place's name. */
const PLACE_EDGE = /[\s,.;:…\-–—_]/;

/**
 * The place with the spaces and punctuation at its ends trimmed, by a scan from each end: the pattern
 * /[…]+$/ went to the end of a run from each of its characters (quadratic in ",,,,…").
 */
export function trimPlace(s: string): string {
  let to = s.length;
  while (to > 0 && PLACE_EDGE.test(s[to - 1])) to--;
  let from = 0;
  while (from < to && PLACE_EDGE.test(s[from])) from++;
  return s.slice(from, to);
}

/** Age in whole years on a day; a partial date counts from its known parts. */
export function ageOn(birth: SimpleDate, on: SimpleDate): number {
  let age = on.y - birth.y;
  if (birth.m !== undefined && on.m !== undefined) {
    if (on.m < birth.m) age--;
    else if (on.m === birth.m && birth.d !== undefined && on.d !== undefined && on.d < birth.d) age--;
  }
  return age;
}
