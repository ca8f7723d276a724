/** Rules across submissions: the same unit's lists found through an index, each message capped. */
import { duplicateSubmissions } from '../../../src/check/rules/cross-submission';
import { cappedList, placeText, PLACES } from '../../../src/check/messages';
import { makeFinding } from '../../../src/check/rules/context';
import { emptySubmission, type Submission } from '../../../src/sheet/submission';
import { defaultRulebook } from '../../../src/rules/index';
import type { Finding } from '../../../src/check/finding';

const units = defaultRulebook.units;

function lists(count: number, unitsUsed = 1): Submission[] {
  return Array.from({ length: count }, (_, i) => ({
    ...emptySubmission(`${String(Math.floor(i / 1000)).padStart(2, '0')}-cu-jut.xlsx`, 'ok'),
    sheet: `DS ${i + 1}`,
    unit: units[i % unitsUsed],
    headerRow: 6,
  }));
}

/** The check as it was: each list names all the others (quadratic), the plain twin on small inputs. */
function plain(subs: Submission[]): Finding[] {
  const byUnit = new Map<string, Submission[]>();
  for (const s of subs) {
    if (!s.unit || s.headerRow === null) continue;
    const list = byUnit.get(s.unit.id) ?? [];
    list.push(s);
    byUnit.set(s.unit.id, list);
  }
  const out: Finding[] = [];
  for (const list of byUnit.values()) {
    if (list.length < 2) continue;
    for (const s of list) {
      const others = cappedList(list.filter((o) => o !== s).map((o) => placeText(o.file, o.sheet)), '; ', PLACES);
      out.push(makeFinding('DUPLICATE_SUBMISSION', { file: s.file, sheet: s.sheet, cell: null }, { unit: s.unit?.name ?? '', others: others.vi, othersEn: others.en }));
    }
  }
  return out;
}

describe('duplicateSubmissions', () => {
  test.each([
    [0, 1],
    [1, 1],
    [2, 1],
    [21, 1],
    [22, 1],
    [60, 3],
  ])('%i lists of %i units: the findings the plain check makes', (count, unitsUsed) => {
    const subs = lists(count, unitsUsed);
    expect(duplicateSubmissions(subs)).toEqual(plain(subs));
  });

  test('a list among many names twenty others and counts the rest', () => {
    const found = duplicateSubmissions(lists(25));
    expect(found).toHaveLength(25);
    expect(found[0].message).toContain('00-cu-jut.xlsx (DS 2); ');
    expect(found[0].message).toContain('… và 4 nơi khác');
    expect(found[0].messageEn).toContain('… and 4 more places');
  });

  test('10,000 lists of one unit: seconds, not 10,000² places', () => {
    const subs = lists(10000);
    const t0 = performance.now();
    const found = duplicateSubmissions(subs);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(found).toHaveLength(10000);
    expect(found[9999].message).toContain('9.979 nơi khác');
  });
});
