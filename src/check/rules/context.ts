/**
 * What every rule reports through: makeFinding (a finding of the catalogue at a place), and a sheet's
 * context (SheetContext): the submission, the rulebook, where a field's cell is, the date ages are
 * counted on, and the findings made so far, equal messages made once.
 */
import type { Finding, RuleId } from '../finding';
import { CATALOG, type Params } from '../messages';
import { a1 } from '../../sheet/address';
import { valueCell, type Nomination, type SimpleDate, type Submission } from '../../sheet/submission';
import type { ColumnDef, Rulebook } from '../../rules/index';

export interface Loc {
  file: string;
  sheet: string | null;
  cell: string | null;
  value?: string;
}

/** `like`: a finding of the same rule and params, whose messages are reused. */
export function makeFinding(ruleId: RuleId, loc: Loc, params: Params = {}, like?: Finding): Finding {
  const entry = CATALOG[ruleId];
  const row = loc.cell ? Number(/\d+$/.exec(loc.cell)?.[0] ?? NaN) : NaN;
  const f: Finding = {
    ruleId,
    severity: entry.severity,
    file: loc.file,
    sheet: loc.sheet,
    cell: loc.cell,
    row: Number.isFinite(row) ? row : null,
    message: like ? like.message : entry.vi(params),
    messageEn: like ? like.messageEn : entry.en(params),
  };
  if (loc.value !== undefined) f.value = loc.value;
  return f;
}

/** Orders dates; a missing month or day counts as the first. */
export function compareDates(a: SimpleDate, b: SimpleDate): number {
  return a.y - b.y || (a.m ?? 1) - (b.m ?? 1) || (a.d ?? 1) - (b.d ?? 1);
}

/** One sheet's submission being checked: the rules of a sheet (./submission, ./fields, ./quotas) add their findings here. */
export class SheetContext {
  readonly findings: Finding[] = [];
  private readonly cols: Map<string, ColumnDef>;

  constructor(
    readonly sub: Submission,
    readonly rulebook: Rulebook,
  ) {
    this.cols = new Map(rulebook.columns.map((c) => [c.key, c]));
  }

  /** The last finding made: the next one with the same rule and the same params object shares its messages. */
  private last: Finding | null = null;
  private lastParams: Params | null = null;

  add(ruleId: RuleId, cell: string | null, params: Params = {}, value?: string): void {
    const loc = { file: this.sub.file, sheet: this.sub.sheet, cell, value };
    const prev = this.last;
    // 16,000 rows over one quota: one message text, made once, not 16,000 copies.
    const f = prev && params === this.lastParams && prev.ruleId === ruleId ? makeFinding(ruleId, loc, params, prev) : makeFinding(ruleId, loc, params);
    this.last = f;
    this.lastParams = params;
    this.findings.push(f);
  }

  /** A column's label in both languages (its key when the rulebook has no such column). */
  label(key: string): { column: string; columnEn: string } {
    const c = this.cols.get(key);
    return { column: c?.label ?? key, columnEn: c?.labelEn ?? key };
  }

  /** A nominee's level: its own cell, or the school's when the level comes from the school's name. */
  levelCell(n: Nomination): string | null {
    return valueCell(n, 'capHoc') ?? this.cellOf('donVi', n.row);
  }

  /** Where a blank value of `key` would be, in row `row`. */
  cellOf(key: string, row: number): string | null {
    const col = this.sub.columns[key];
    if (col === undefined) return null;
    return a1(row - 1, col);
  }

  /** referenceDate(), made once per sheet. */
  private reference: SimpleDate | null = null;

  /** The date ages are counted on: the submission's own date, else the nomination lists' deadline. */
  referenceDate(): SimpleDate {
    if (this.reference) return this.reference;
    const d = this.sub.date;
    const dl = this.rulebook.deadlines.nominations;
    this.reference = d && d.m !== undefined && d.d !== undefined ? d : { y: this.rulebook.year, m: dl.month, d: dl.day };
    return this.reference;
  }
}
