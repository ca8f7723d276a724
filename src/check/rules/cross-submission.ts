/**
 * Rules across submissions, run once every submission is in: the same person nominated twice, in
 * any files (DUPLICATE_PERSON), a unit that sent more than one list (DUPLICATE_SUBMISSION), and, when
 * merging, a registered unit that sent none (SUBMISSION_MISSING).
 */
import type { Finding } from '../finding';
import { cappedList, LIST_MAX, placeText, PLACES } from '../messages';
import { makeFinding } from './context';
import { valueCell, type Nomination, type SimpleDate, type Submission } from '../../sheet/submission';
import type { Rulebook } from '../../rules/index';
import { fold } from '../../text/normalize';
import { formatDate } from '../../text/dates';

/** The same person (name and birth date, after normalisation) twice, anywhere. */
export function duplicatePersons(subs: Submission[]): Finding[] {
  // Key -> the first nominee with it; lists only for keys met again (a province's list is 50,000
  // people, nearly all once: no list, no object per person).
  // By birth date (a number: y·10⁴ + m·100 + d, absent parts 0), then by folded name.
  type One = { sub: Submission; n: Nomination };
  const byBirth = new Map<number, Map<string, One | One[]>>();
  // Groups of two or more, in the order each got its second member.
  const groups: One[][] = [];
  // Names come back (a province has many Nguyễn Thị Hoa): each is folded once.
  const folded = new Map<string, string>();
  for (const sub of subs) {
    for (const n of sub.nominations) {
      if (!n.name || !n.birth) continue;
      const b = n.birth;
      let name = folded.get(n.name);
      if (name === undefined) {
        name = fold(n.name);
        if (folded.size < 65536) folded.set(n.name, name);
      }
      const day = b.y * 10000 + (b.m ?? 0) * 100 + (b.d ?? 0);
      let names = byBirth.get(day);
      if (!names) byBirth.set(day, (names = new Map()));
      const known = names.get(name);
      if (known === undefined) names.set(name, { sub, n });
      else if (Array.isArray(known)) known.push({ sub, n });
      else {
        const list = [known, { sub, n }];
        names.set(name, list);
        groups.push(list);
      }
    }
  }
  const out: Finding[] = [];
  for (const list of groups) {
    if (list.length < 2) continue;
    const places = list.map((o) => placeText(o.sub.file, o.sub.sheet, o.n.row));
    for (let i = 0; i < list.length; i++) {
      const { sub, n } = list[i];
      const shown: string[] = [];
      for (let j = 0; j < places.length && shown.length < LIST_MAX; j++) if (j !== i) shown.push(places[j]);
      const others = cappedList(shown, '; ', PLACES, list.length - 1);
      const cell = valueCell(n, 'hoTen');
      out.push(
        makeFinding(
          'DUPLICATE_PERSON',
          { file: sub.file, sheet: sub.sheet, cell, value: n.name },
          { name: n.name, birth: formatDate(n.birth as SimpleDate), others: others.vi, othersEn: others.en },
        ),
      );
    }
  }
  return out;
}

/** A unit's lists, when it sent more than one (each says where the others are). */
export function duplicateSubmissions(subs: Submission[]): Finding[] {
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
    const places = list.map((o) => placeText(o.file, o.sheet));
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      // The first others only, and how many there are: 10,000 lists of one unit would otherwise make 10,000² places.
      const shown: string[] = [];
      for (let j = 0; j < places.length && shown.length < LIST_MAX; j++) if (j !== i) shown.push(places[j]);
      const others = cappedList(shown, '; ', PLACES, list.length - 1);
      out.push(makeFinding('DUPLICATE_SUBMISSION', { file: s.file, sheet: s.sheet, cell: null }, { unit: s.unit?.name ?? '', others: others.vi, othersEn: others.en }));
    }
  }
  return out;
}

/** Registered units that sent no list with a table. */
export function missingUnits(subs: Submission[], rulebook: Rulebook): Finding[] {
  const got = new Set(subs.filter((s) => s.unit && s.headerRow !== null).map((s) => s.unit?.id));
  return rulebook.units.filter((u) => !got.has(u.id)).map((u) => makeFinding('SUBMISSION_MISSING', { file: '', sheet: null, cell: null }, { unit: u.name }));
}
