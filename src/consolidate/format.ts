/** Texts of official documents: dates as Decree 30 writes them, a unit's own agency block, file names. */
import type { SimpleDate } from '../sheet/submission';
import type { Rulebook, UnitDef } from '../rules/types';

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** dd/mm/yyyy, mm/yyyy or yyyy, as far as the date is known. */
export function formatDay(d: SimpleDate): string {
  if (d.m === undefined) return String(d.y);
  if (d.d === undefined) return `${pad2(d.m)}/${d.y}`;
  return `${pad2(d.d)}/${pad2(d.m)}/${d.y}`;
}

/** Blanks of a date line to be written by hand. */
export const HAND_DATE = { day: '……', month: '……', year: '……' } as const;

/**
 * "Đắk Nông, ngày 05 tháng 02 năm 2025": Decree 30 writes a day below 10 and the months 1 and 2 with
 * a leading zero. Without a date the blanks are left for the pen.
 */
export function dateLine(place: string, date?: SimpleDate | null, blankYear: string = HAND_DATE.year): string {
  if (!date || date.m === undefined || date.d === undefined) {
    return `${place}, ngày ${HAND_DATE.day} tháng ${HAND_DATE.month} năm ${blankYear}`;
  }
  const day = date.d < 10 ? pad2(date.d) : String(date.d);
  const month = date.m < 3 ? pad2(date.m) : String(date.m);
  return `${place}, ngày ${day} tháng ${month} năm ${date.y}`;
}

/** Day number for comparisons; a missing month or day counts as the first. */
export function dayKey(d: SimpleDate): number {
  return d.y * 10000 + (d.m ?? 1) * 100 + (d.d ?? 1);
}

/** Excel serial (1900 system) of a calendar day. */
export function excelSerial(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / 86400000) + 25569;
}

const PLACE_IN_NAME = /\b(huyện|thành phố|thị xã|quận|tỉnh|TP\.?)\s+(.+)$/iu;

export interface UnitHeading {
  /** Line 1 of the agency block (the governing body). */
  parent: string;
  /** Line 2 (the unit itself), bold and underlined. */
  name: string;
  /** Place of the date line, or null when unknown. */
  place: string | null;
}

/**
 * A unit's own agency block: from the unit (`parentAgency`, `place`), its kind's document texts, or
 * derived from the unit's name ("Phòng GD&ĐT huyện Cư Jút" -> "UBND HUYỆN CƯ JÚT", "Cư Jút").
 */
export function unitHeading(rulebook: Rulebook, unit: UnitDef): UnitHeading {
  const kindDocs = rulebook.kinds[unit.kind]?.documents;
  const m = PLACE_IN_NAME.exec(unit.name.normalize('NFC'));
  // A kind that names its units' governing body ("SỞ GD&ĐT ĐẮK NÔNG" above a block, "PHÒNG GD&ĐT
  // CƯ JÚT" above a school) is not derived from a place in the unit's name.
  const derivedParent = m ? `UBND ${m[1].replace(/^TP\.?$/i, 'thành phố')} ${m[2]}`.toUpperCase() : null;
  const parent = unit.parentAgency ?? kindDocs?.parentAgency ?? derivedParent ?? rulebook.agency.name;
  const name = kindDocs?.agencyName ?? unit.name.toUpperCase();
  const place = unit.place ?? (m ? m[2].trim() : null);
  return { parent, name, place };
}
