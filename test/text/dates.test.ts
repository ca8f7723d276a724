import {
  ageOn,
  dateToSerial,
  formatDate,
  isValidDate,
  parseDateLine,
  parseDateValue,
  RE_DATE_LABEL,
  RE_LINE_WORDS,
  RE_WORDS,
  RE_WORDS_BARE,
  serialToDate,
  trimPlace,
} from '../../src/text/dates';
import { rng } from '../helpers/rng';

const ok = (y: number, m?: number, d?: number) => ({
  ok: true,
  date: m === undefined ? { y } : d === undefined ? { y, m } : { y, m, d },
});
const bad = (reason: 'empty' | 'unreadable' | 'impossible') => ({ ok: false, reason });

describe('isValidDate', () => {
  it('knows month lengths and leap years', () => {
    expect(isValidDate(1990, 2, 28)).toBe(true);
    expect(isValidDate(1990, 2, 29)).toBe(false);
    expect(isValidDate(1988, 2, 29)).toBe(true);
    expect(isValidDate(1900, 2, 29)).toBe(false);
    expect(isValidDate(2000, 2, 29)).toBe(true);
    expect(isValidDate(1990, 2, 31)).toBe(false);
    expect(isValidDate(1990, 4, 31)).toBe(false);
    expect(isValidDate(1990, 12, 31)).toBe(true);
    expect(isValidDate(1990, 13, 1)).toBe(false);
    expect(isValidDate(1990, 0, 1)).toBe(false);
    expect(isValidDate(1990, 1, 0)).toBe(false);
    expect(isValidDate(1990.5, 1, 1)).toBe(false);
  });
});

describe('Excel serials', () => {
  it('follow Excel around the 1900 leap-year bug', () => {
    expect(serialToDate(1)).toEqual({ y: 1900, m: 1, d: 1 });
    expect(serialToDate(59)).toEqual({ y: 1900, m: 2, d: 28 });
    expect(serialToDate(60)).toEqual({ y: 1900, m: 2, d: 29 }); // the fake day
    expect(serialToDate(61)).toEqual({ y: 1900, m: 3, d: 1 });
    expect(serialToDate(31295)).toEqual({ y: 1985, m: 9, d: 5 });
    expect(serialToDate(45000)).toEqual({ y: 2023, m: 3, d: 15 });
    expect(serialToDate(45981)).toEqual({ y: 2025, m: 11, d: 20 });
  });

  it('drop the time of day and tolerate rounding', () => {
    expect(serialToDate(31295.75)).toEqual({ y: 1985, m: 9, d: 5 });
    expect(serialToDate(31295.99999999)).toEqual({ y: 1985, m: 9, d: 6 });
  });

  it('support the 1904 system', () => {
    expect(serialToDate(0, true)).toEqual({ y: 1904, m: 1, d: 1 });
    expect(serialToDate(29833, true)).toEqual({ y: 1985, m: 9, d: 5 });
    expect(dateToSerial({ y: 1985, m: 9, d: 5 }, true)).toBe(29833);
  });

  it('dateToSerial is the inverse', () => {
    expect(dateToSerial({ y: 1900, m: 1, d: 1 })).toBe(1);
    expect(dateToSerial({ y: 1900, m: 2, d: 28 })).toBe(59);
    expect(dateToSerial({ y: 1900, m: 2, d: 29 })).toBe(60);
    expect(dateToSerial({ y: 1900, m: 3, d: 1 })).toBe(61);
    expect(dateToSerial({ y: 1985, m: 9, d: 5 })).toBe(31295);
    for (let serial = 1; serial < 80000; serial += 997) {
      const d = serialToDate(serial);
      expect(dateToSerial({ y: d.y, m: d.m!, d: d.d! })).toBe(serial);
    }
  });
});

describe('parseDateValue', () => {
  it('empty values', () => {
    expect(parseDateValue(null)).toEqual(bad('empty'));
    expect(parseDateValue('')).toEqual(bad('empty'));
    expect(parseDateValue(' \u00A0 ')).toEqual(bad('empty'));
  });

  it('numbers: serials, years, plausible serials', () => {
    expect(parseDateValue(31295, { isDate: true })).toEqual(ok(1985, 9, 5));
    expect(parseDateValue(1985)).toEqual(ok(1985));
    expect(parseDateValue(1985, { isDate: true })).toEqual(ok(1905, 6, 7));
    expect(parseDateValue(31295)).toEqual(ok(1985, 9, 5));
    expect(parseDateValue(29833, { isDate: true, date1904: true })).toEqual(ok(1985, 9, 5));
    expect(parseDateValue(60, { isDate: true })).toEqual(bad('impossible'));
    expect(parseDateValue(0, { isDate: true })).toEqual(bad('unreadable'));
    expect(parseDateValue(42)).toEqual(bad('unreadable'));
    expect(parseDateValue(1850)).toEqual(bad('unreadable'));
    expect(parseDateValue(Number.NaN)).toEqual(bad('unreadable'));
    expect(parseDateValue(5091985)).toEqual(ok(1985, 9, 5));
    expect(parseDateValue(31021990)).toEqual(bad('impossible'));
  });

  it('a plain d/m/y read the quick way is read as the general way reads it', () => {
    // " 5/9/1985" (a leading space) takes the general path: normalising, then the patterns.
    const parts = ['0', '5', '05', '12', '13', '29', '30', '31', '00', '1985', '85', '29', '2024', '1899', 'x', ''];
    const seps = ['/', '.', '-', ' ', '//'];
    for (const d of parts) for (const m of parts) for (const y of parts) for (const s1 of seps) for (const s2 of ['/', '-', '.']) {
      const text = `${d}${s1}${m}${s2}${y}`;
      expect([text, parseDateValue(text)]).toEqual([text, parseDateValue(` ${text}`)]);
    }
  });

  it('booleans are unreadable', () => {
    expect(parseDateValue(true)).toEqual(bad('unreadable'));
  });

  it.each([
    ['05/09/1985', ok(1985, 9, 5)],
    ['5/9/1985', ok(1985, 9, 5)],
    ['05-09-1985', ok(1985, 9, 5)],
    ['5-9-85', ok(1985, 9, 5)],
    ['5/9/05', ok(2005, 9, 5)],
    ['5/9/29', ok(2029, 9, 5)],
    ['5/9/30', ok(1930, 9, 5)],
    ['05.09.1985', ok(1985, 9, 5)],
    [' 05 / 09 / 1985 ', ok(1985, 9, 5)],
    ['1985', ok(1985)],
    ['09/1985', ok(1985, 9)],
    ['00/00/1985', ok(1985)],
    ['ngày 5 tháng 9 năm 1985', ok(1985, 9, 5)],
    ['Ngày 05 tháng 09 năm 1985', ok(1985, 9, 5)],
    ['ngay 5 thang 9 nam 1985', ok(1985, 9, 5)],
    ['ngày 5 tháng 9 năm 1985'.normalize('NFD'), ok(1985, 9, 5)],
    ['5 tháng 9 năm 1985', ok(1985, 9, 5)],
    ['tháng 9 năm 1985', ok(1985, 9)],
    ['năm 1985', ok(1985)],
    ['ngày    tháng    năm 1985', ok(1985)],
    ['sinh ngày 05/09/1985', ok(1985, 9, 5)],
    ['ngày 05/09/1985', ok(1985, 9, 5)],
    ['Năm sinh: 1985', ok(1985)],
    ['1985-09-05', ok(1985, 9, 5)],
    ['1985-09-05T00:00:00', ok(1985, 9, 5)],
    ['05091985', ok(1985, 9, 5)],
    ['29/02/1988', ok(1988, 2, 29)],
  ])('%s', (text, expected) => {
    expect(parseDateValue(text)).toEqual(expected);
  });

  it.each([
    ['31/02/1988', 'impossible'],
    ['31/02/1990', 'impossible'],
    ['29/02/1990', 'impossible'],
    ['09/25/1985', 'impossible'], // day first, always: month 25
    ['32/01/1985', 'impossible'],
    ['13/1985', 'impossible'],
    ['ngày 31 tháng 4 năm 1985', 'impossible'],
    ['0000', 'impossible'],
    ['abc', 'unreadable'],
    ['05/09', 'unreadable'],
    ['5/9/985', 'unreadable'],
    ['ngày 5 năm 1985', 'unreadable'],
    ['ngày 5 tháng 9', 'unreadable'],
    ['1985 (khoảng)', 'unreadable'],
    ['12345', 'unreadable'],
  ] as const)('%s -> %s', (text, reason) => {
    expect(parseDateValue(text)).toEqual(bad(reason));
  });

  test('a text of over 100 characters is no date; spaces around a date do not count', () => {
    expect(parseDateValue(`05/09/1985 ${'Giáo viên dạy giỏi '.repeat(1724)}`)).toEqual(bad('unreadable'));
    expect(parseDateValue('1'.repeat(101))).toEqual(bad('unreadable'));
    expect(parseDateValue(`${' '.repeat(300)}ngày 05 tháng 09 năm 1985${'\u00a0'.repeat(300)}`)).toEqual(ok(1985, 9, 5));
    expect(parseDateValue(' '.repeat(300))).toEqual(bad('empty'));
  });
});

describe('formatDate', () => {
  it('pads day and month', () => {
    expect(formatDate({ y: 1985, m: 9, d: 5 })).toBe('05/09/1985');
    expect(formatDate({ y: 1985, m: 12, d: 31 })).toBe('31/12/1985');
    expect(formatDate({ y: 1985 })).toBe('1985');
    expect(formatDate({ y: 1985, m: 9 })).toBe('09/1985');
  });

  it('round trips with parseDateValue', () => {
    for (const d of [{ y: 1985, m: 9, d: 5 }, { y: 2001, m: 1, d: 31 }, { y: 1970 }, { y: 1999, m: 3 }]) {
      expect(parseDateValue(formatDate(d))).toEqual({ ok: true, date: d });
    }
  });
});

describe('parseDateLine', () => {
  it.each([
    ['Cư Jút, ngày 20 tháng 6 năm 2025', 'Cư Jút', { y: 2025, m: 6, d: 20 }],
    ['Cư Jút, ngày 20 tháng 11 năm 2025', 'Cư Jút', { y: 2025, m: 11, d: 20 }],
    ["Đắk R'Lấp,  ngày  05  tháng  12  năm  2025", "Đắk R'Lấp", { y: 2025, m: 12, d: 5 }],
    ['Gia Nghĩa, ngay 20 thang 6 nam 2025', 'Gia Nghĩa', { y: 2025, m: 6, d: 20 }],
    ['Krông Nô, ngày 20/6/2025', 'Krông Nô', { y: 2025, m: 6, d: 20 }],
    ['Đắk Song, ngày 20-06-2025 (gửi bổ sung)', 'Đắk Song', { y: 2025, m: 6, d: 20 }],
    ['Tuy Đức ngày 1 tháng 12 năm 2025', 'Tuy Đức', { y: 2025, m: 12, d: 1 }],
    ['ĐẮK MIL, NGÀY 20 THÁNG 6 NĂM 2025', 'ĐẮK MIL', { y: 2025, m: 6, d: 20 }],
    ['Cư Jút, ngày 20 tháng 6 năm 2025'.normalize('NFD'), 'Cư Jút', { y: 2025, m: 6, d: 20 }],
    ['\u00A0Cư\u00A0Jút,\tngày 20 tháng 6 năm 2025', 'Cư Jút', { y: 2025, m: 6, d: 20 }],
    ['ngày 20 tháng 6 năm 2025', null, { y: 2025, m: 6, d: 20 }],
    ['........, ngày 20 tháng 6 năm 2025', null, { y: 2025, m: 6, d: 20 }],
  ])('%s', (line, place, date) => {
    expect(parseDateLine(line)).toEqual({ place, date });
  });

  it.each([
    'ngày   tháng 6 năm 2025',
    'Cư Jút, ngày    tháng    năm 2025',
    'Cư Jút, ngày 31 tháng 6 năm 2025',
    'Cư Jút, tháng 6 năm 2025',
    'DANH SÁCH ĐỀ CỬ NHÀ GIÁO TIÊU BIỂU',
    'Ngày sinh',
    '',
  ])('%s -> null', (line) => {
    expect(parseDateLine(line)).toBeNull();
  });
});

describe('ageOn', () => {
  it('counts whole years', () => {
    expect(ageOn({ y: 1985, m: 9, d: 5 }, { y: 2025, m: 9, d: 4 })).toBe(39);
    expect(ageOn({ y: 1985, m: 9, d: 5 }, { y: 2025, m: 9, d: 5 })).toBe(40);
    expect(ageOn({ y: 1985, m: 9, d: 5 }, { y: 2025, m: 12, d: 15 })).toBe(40);
    expect(ageOn({ y: 2008, m: 3, d: 10 }, { y: 2025, m: 12, d: 15 })).toBe(17);
  });

  it('uses what is known of a partial date', () => {
    expect(ageOn({ y: 1985 }, { y: 2025, m: 1, d: 1 })).toBe(40);
    expect(ageOn({ y: 1985, m: 9 }, { y: 2025, m: 8, d: 30 })).toBe(39);
    expect(ageOn({ y: 1985, m: 9, d: 5 }, { y: 2025 })).toBe(40);
  });
});

describe('the date patterns read cell text in linear time', () => {
  // The patterns as they were (spaces on both sides of an optional comma): the definition, on short texts.
  const OLD = {
    words: /^(?:sinh\s*)?(?:ngay\s*(\d{1,2})?\s*,?\s*)?(?:thang\s*(\d{1,2})?\s*,?\s*)?nam\s*(\d{4})$/,
    bare: /^(\d{1,2})\s+thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{4})$/,
    label: /^(?:(?:ngay\s*)?sinh(?:\s*ngay)?|ngay|ns|nam\s*sinh)\s*:?\s*(?=\d)/,
    line: /(?<![a-z])ngay\s*(\d{1,2})\s*,?\s*thang\s*(\d{1,2})\s*,?\s*nam\s*(\d{4})/,
  };
  const oldTrim = (s: string) => s.replace(/[\s,.;:…\-–—_]+$/u, '').replace(/^[\s,.;:…\-–—_]+/u, '').trim();
  const match = (m: RegExpExecArray | null) => (m ? { index: m.index, groups: [...m] } : null);

  test('they match what the old patterns matched, with the same captures', () => {
    // Date-shaped texts: the slots of a template filled at random, now and then with a token from elsewhere.
    const S = ['', ' ', '  ', '\t ', ' \n'];
    // Weighted towards what matches, so that each pattern matches often.
    const D = ['', '5', '5', '12', '12', '123'];
    const C = ['', '', ',', ',,', ':'];
    const Y = ['', '1985', '1985', '1985', '85', '19855'];
    const templates = [
      [['', '', 'sinh', 'ns', 'nam sinh'], S, ['', 'ngay', 'ngay', 'ngayy'], S, D, S, C, S, ['', 'thang'], S, D, S, C, S, ['nam', 'nam sinh', ''], S, Y],
      [D, S, ['thang', 'thang', 'thangg'], S, D, S, C, S, ['nam', 'nam', ''], S, Y],
      [['', 'x', 'Cư Jút, ', 'a'], ['ngay', 'xngay'], S, D, S, C, S, ['thang'], S, D, S, C, S, ['nam'], S, Y, ['', ' x', '1']],
    ];
    const all = templates.flat(2);
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
    const next = rng(3);
    const found = [0, 0, 0, 0];
    for (let i = 0; i < 50000; i++) {
      const s = pick(templates).map((slot) => (next() < 0.08 ? pick(all) : pick(slot))).join('');
      const got = [match(RE_WORDS.exec(s)), match(RE_WORDS_BARE.exec(s)), s.replace(RE_DATE_LABEL, ''), match(RE_LINE_WORDS.exec(s))];
      const want = [match(OLD.words.exec(s)), match(OLD.bare.exec(s)), s.replace(OLD.label, ''), match(OLD.line.exec(s))];
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ s, got }).toEqual({ s, got: want });
      if (want[0]) found[0]++;
      if (want[1]) found[1]++;
      if (want[2] !== s) found[2]++;
      if (want[3]) found[3]++;
    }
    // Each pattern matched often enough for the comparison to mean something.
    for (const n of found) expect(n).toBeGreaterThan(100);
  });

  test('the place is trimmed as the old patterns trimmed it', () => {
    const tokens = ['Cư Jút', 'a', ' ', '\u00a0', ',', '.', '…', '-', '–', '—', '_', ';', ':', '!', '\u{1F600}', '\n'];
    const next = rng(5);
    for (let i = 0; i < 20000; i++) {
      const n = Math.floor(next() * 8);
      let s = '';
      for (let j = 0; j < n; j++) s += tokens[Math.floor(next() * tokens.length)];
      if (trimPlace(s) !== oldTrim(s)) expect({ s, got: trimPlace(s) }).toEqual({ s, got: oldTrim(s) });
    }
  });

  const N = 100_000;
  const spaces = ' '.repeat(N);
  // Texts of 100,000 characters that made the old patterns go back over them again and again.
  test.each([
    ['RE_WORDS', () => RE_WORDS.exec(`ngay 1${spaces}x`)],
    ['RE_WORDS_BARE', () => RE_WORDS_BARE.exec(`1 thang 1${spaces}x`)],
    ['RE_DATE_LABEL', () => RE_DATE_LABEL.exec(`ngay${spaces}x`)],
    ['RE_LINE_WORDS', () => RE_LINE_WORDS.exec(`ngay 1${spaces}x`)],
    ['trimPlace', () => trimPlace(`${','.repeat(N)}x`)],
    ['parseDateLine, commas before the date', () => parseDateLine(`${','.repeat(N)}x ngày 1 tháng 2 năm 2025`)],
    ['parseDateLine, "ngày 1 tháng" repeated', () => parseDateLine('ngày 1 tháng '.repeat(N / 13))],
    ['parseDateValue, spaces', () => parseDateValue(`ngày 1${'\u00a0 '.repeat(N / 2)}tháng 2 năm`)],
    ['parseDateValue, "ngày" repeated', () => parseDateValue('ngày '.repeat(N / 5))],
  ])('%s on 100,000 characters', (_name, run) => {
    const t0 = performance.now();
    run();
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  test('a date line after 100,000 commas still gives its place and date', () => {
    expect(parseDateLine(`${','.repeat(N)}Cư Jút, ngày 1 tháng 2 năm 2025`)).toEqual({ place: 'Cư Jút', date: { y: 2025, m: 2, d: 1 } });
  });
});
