import { defaultRulebook, findLevel, findPosition, findUnit, levelFromSchool, loadRulebook, positionParts, RulebookError } from '../../src/rules/index';
import { fold, foldCompact } from '../../src/text/normalize';
import { rng } from '../helpers/rng';

const text = () => JSON.stringify(defaultRulebook);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test mutates arbitrary JSON
function broken(mutate: (rb: any) => void): string {
  const rb = JSON.parse(text());
  mutate(rb);
  return JSON.stringify(rb);
}

function errorOf(json: string): RulebookError {
  try {
    loadRulebook(json);
  } catch (e) {
    if (e instanceof RulebookError) return e;
    throw e;
  }
  throw new Error('the rulebook was accepted');
}

describe('the rulebook', () => {
  it('the default Đắk Nông 2022–2025 rulebook holds the plan’s numbers', () => {
    expect(defaultRulebook.kinds.phong.quota).toEqual({ total: 3, managers: 1, perLevel: 1, levels: ['MN', 'TH', 'THCS'], requireEachLevel: true });
    expect(defaultRulebook.kinds.khoi.quota.total).toBe(1);
    // The lists are due at the end of the school year (the Department's yearly letter sets the day;
    // 30/6 by default, and said so), the implementation reports before 15/12.
    expect(defaultRulebook.deadlines.nominations).toMatchObject({ day: 30, month: 6 });
    expect(defaultRulebook.deadlines.nominations.note).toMatch(/công văn/);
    expect(defaultRulebook.deadlines.reports).toEqual({ day: 15, month: 12 });
    expect(defaultRulebook.units.filter((u) => u.kind === 'phong')).toHaveLength(8);
    expect(defaultRulebook.units.filter((u) => u.kind === 'khoi').map((u) => u.name)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Khối thi đua số ${n}`));
    expect(defaultRulebook.shortlist).toEqual({ total: 5, managers: 1, levels: ['MN', 'TH', 'THCS', 'THPT', 'GDTX'] });
  });

  it('round-trips through loadRulebook', () => {
    expect(loadRulebook(text())).toEqual(defaultRulebook);
  });

  it('refuses a wrong type and names the place', () => {
    const e = errorOf(broken((rb) => (rb.kinds.phong.quota.total = 'ba')));
    expect(e.path).toBe('kinds.phong.quota.total');
    expect(e.message).toContain('kinds.phong.quota.total');
    expect(e.message).toContain('số');
  });

  it('refuses a quota level that is not a level', () => {
    const e = errorOf(broken((rb) => rb.kinds.khoi.quota.levels.push('ĐH')));
    expect(e.path).toBe('kinds.khoi.quota.levels.5');
    expect(e.message).toContain('"ĐH"');
  });

  it('refuses a missing field, duplicate unit ids and invalid JSON', () => {
    expect(errorOf(broken((rb) => delete rb.deadlines)).path).toBe('deadlines');
    expect(errorOf(broken((rb) => delete rb.deadlines.reports)).path).toBe('deadlines.reports');
    expect(errorOf(broken((rb) => (rb.units[1].id = rb.units[0].id))).path).toBe('units.1.id');
    const e = errorOf('{"schemaVersion": 1,');
    expect(e.message).toMatch(/JSON/);
  });

  it('reads a rulebook written with the older single `deadline` as its nomination lists\' deadline', () => {
    const old = JSON.parse(text()) as Record<string, unknown>;
    delete old.deadlines;
    old.deadline = { day: 20, month: 7 };
    const rb = loadRulebook(JSON.stringify(old));
    expect(rb.deadlines).toEqual({ nominations: { day: 20, month: 7 }, reports: { day: 15, month: 12 } });
    expect('deadline' in rb).toBe(false);
    // A file with both keeps its `deadlines`; a wrong `deadline` is refused at its own place.
    expect(loadRulebook(JSON.stringify({ ...JSON.parse(text()), deadline: { day: 1, month: 1 } })).deadlines.nominations.day).toBe(30);
    delete old.deadline;
    expect(errorOf(JSON.stringify({ ...old, deadline: { day: 40, month: 7 } })).path).toBe('deadlines.nominations.day');
  });

  it('finds units by their many spellings, accent- and case-insensitively', () => {
    expect(findUnit(defaultRulebook, 'Phòng Giáo dục và Đào tạo huyện Cư Jút')?.id).toBe('cu-jut');
    expect(findUnit(defaultRulebook, 'UBND HUYỆN ĐẮK R’LẤP')?.id).toBe('dak-rlap');
    expect(findUnit(defaultRulebook, 'dak glong')?.id).toBe('dak-glong');
    expect(findUnit(defaultRulebook, 'TP. Gia Nghĩa')?.id).toBe('gia-nghia');
    expect(findUnit(defaultRulebook, 'KHỐI THI ĐUA SỐ 3')?.id).toBe('khoi-3');
    expect(findUnit(defaultRulebook, 'Phòng GD&ĐT huyện Lắk')).toBeNull();
  });

  it('reads levels and positions, abbreviated or not', () => {
    expect(findLevel(defaultRulebook, 'mầm non')?.code).toBe('MN');
    expect(findLevel(defaultRulebook, 'Trung học cơ sở')?.code).toBe('THCS');
    expect(findLevel(defaultRulebook, 'Đại học')).toBeNull();
    expect(findPosition(defaultRulebook, 'P.HT')?.manager).toBe(true);
    expect(findPosition(defaultRulebook, 'Phó hiệu trưởng')?.name).toBe('Phó Hiệu trưởng');
    expect(findPosition(defaultRulebook, 'HT')?.name).toBe('Hiệu trưởng');
    expect(findPosition(defaultRulebook, 'Tổ trưởng chuyên môn')?.manager).toBe(false);
    expect(findPosition(defaultRulebook, 'TPT Đội')?.manager).toBe(false);
    expect(findPosition(defaultRulebook, 'Giáo viên Ngữ văn')?.name).toBe('Giáo viên');
    expect(findPosition(defaultRulebook, 'Giáo viên, Phó Hiệu trưởng')?.manager).toBe(true);
    expect(findPosition(defaultRulebook, 'Bảo vệ')).toBeNull();
  });

  it('derives the level from a school name, but not from a combined school', () => {
    expect(levelFromSchool(defaultRulebook, 'Trường Mầm non Hoa Sen')?.code).toBe('MN');
    expect(levelFromSchool(defaultRulebook, 'TH Trần Phú')?.code).toBe('TH');
    expect(levelFromSchool(defaultRulebook, 'Trường THCS Nguyễn Du')?.code).toBe('THCS');
    expect(levelFromSchool(defaultRulebook, 'Trường PTDTBT TH Đắk Som')?.code).toBe('TH');
    expect(levelFromSchool(defaultRulebook, 'Trường TH&THCS Lê Lợi')).toBeNull();
    expect(levelFromSchool(defaultRulebook, 'Phòng GD&ĐT')).toBeNull();
  });
});

describe('position texts are read in linear time', () => {
  // The split as it was: spaces around a separator eaten by the pattern (quadratic in a run of spaces).
  const OLD = /\s*(?:[,;/+]|\bkiêm\b|\bkiem\b)\s*/i;

  test('the parts fold as the old split’s parts folded', () => {
    const tokens = ['Giáo viên', 'Hiệu trưởng', 'Phó', ' ', '  ', '\u00a0', '\t', ',', ';', '/', '+', 'kiêm', 'KIÊM', 'kiem', 'kiemx', 'xkiem', 'TTCM', '-'];
    const next = rng(9);
    for (let i = 0; i < 20000; i++) {
      const n = 1 + Math.floor(next() * 8);
      let s = '';
      for (let j = 0; j < n; j++) s += tokens[Math.floor(next() * tokens.length)];
      const old = s.normalize('NFC').split(OLD);
      const parts = positionParts(s);
      const got = [parts.map(fold), parts.map(foldCompact)];
      const want = [old.map(fold), old.map(foldCompact)];
      if (JSON.stringify(got) !== JSON.stringify(want)) expect({ s, got }).toEqual({ s, got: want });
    }
  });

  test.each([
    ['spaces', `Giáo viên${' '.repeat(100_000)}x`],
    ['separators', 'Giáo viên, '.repeat(10_000)],
    ['"kiêm" again and again', 'kiêm '.repeat(20_000)],
  ])('findPosition on 100,000 characters: %s', (_what, text) => {
    const t0 = performance.now();
    findPosition(defaultRulebook, text);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
