/**
 * Rules on each nominee's values: a required value blank (FIELD_REQUIRED), the evidence missing
 * (CRITERIA_EVIDENCE_MISSING), a birth date unreadable, impossible or in the future
 * (FIELD_INVALID_DATE), an age or years of service out of range (FIELD_OUT_OF_RANGE), a value not
 * allowed (FIELD_INVALID_VALUE), a disciplinary measure (CRITERIA_DISCIPLINE), a formula or text
 * that reads as one (CELL_FORMULA_NEUTRALIZED).
 */
import { choicesAllowed, GENDERS_ALLOWED } from '../messages';
import { compareDates, type SheetContext } from './context';
import type { CellValue } from '../../sheet/grid';
import { fieldAt, fieldCell, hasField, textOf, valueCell, valueText, type FieldValue, type Nomination } from '../../sheet/submission';
import { findLevel, ruleIndex, type ColumnDef } from '../../rules/index';
import { foldCompact } from '../../text/normalize';
import { ageOn, formatDate, parseDateValue } from '../../text/dates';

/** Text that a spreadsheet would run as a formula: "=…", or "+", "-", "@" straight into a call, reference or DDE pipe. */
export function looksLikeFormula(text: string): boolean {
  return /^=/.test(text) || /^[+\-@]\S*[(|!]/.test(text);
}

/** Placeholders that say nothing: the evidence is missing. */
const EMPTY_EVIDENCE = new Set(['', 'x', '-', '--', '...', '…', 'khong', 'khongco', 'chuaco', 'na']);
const EMPTY_EVIDENCE_MAX = Math.max(...[...EMPTY_EVIDENCE].map((s) => s.length));

function isEmptyEvidence(text: string): boolean {
  // foldCompact keeps every ASCII letter and digit: a text with more of them than the longest
  // placeholder is not one, and a summary of achievements need not be folded to know it.
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57 && (text.charCodeAt(i) & 32) === 32)) {
      if (++n > EMPTY_EVIDENCE_MAX) return false;
    }
  }
  return EMPTY_EVIDENCE.has(foldCompact(text));
}

/** The field rules of one sheet: what its columns need is worked out once, then `check` runs per nominee. */
export class FieldRules {
  /** Required columns this sheet has (or the level, which may come from the school): checked per row. */
  private readonly requiredHere: ColumnDef[];
  /** Evidence columns this sheet has. */
  private readonly evidenceHere: string[];

  constructor(private readonly ctx: SheetContext) {
    const { sub, rulebook } = ctx;
    const evidence = new Set(rulebook.evidence);
    this.requiredHere = rulebook.columns.filter((c) => c.required && !evidence.has(c.key) && (sub.columns[c.key] !== undefined || c.key === 'capHoc'));
    this.evidenceHere = rulebook.evidence.filter((key) => sub.columns[key] !== undefined);
  }

  check(n: Nomination): void {
    const ctx = this.ctx;
    const columns = ctx.sub.columns;
    for (const col of this.requiredHere) {
      if (hasField(n, col.key)) continue;
      if (col.key === 'capHoc' && n.levelDerived) continue;
      const cell = ctx.cellOf(col.key, n.row);
      if (col.key === 'capHoc' && columns.capHoc === undefined) {
        if (columns.donVi === undefined) continue; // reported once as a missing column
        ctx.add('FIELD_REQUIRED', ctx.cellOf('donVi', n.row), { ...ctx.label('capHoc'), workplace: n.workplace });
        continue;
      }
      ctx.add('FIELD_REQUIRED', cell, col.hint ? { ...ctx.label(col.key), hint: col.hint } : ctx.label(col.key));
    }
    for (const key of this.evidenceHere) {
      const text = textOf(n, key);
      if (isEmptyEvidence(text)) {
        ctx.add('CRITERIA_EVIDENCE_MISSING', ctx.cellOf(key, n.row), ctx.label(key), text || undefined);
      }
    }
    this.birth(n);
    this.values(n);
    const { raw, text, formula } = n;
    for (let i = 0; i < raw.length; i++) {
      // The value is made only for a cell the check reports.
      if (formula?.[i] !== undefined || (typeof raw[i] === 'string' && looksLikeFormula(text[i]))) this.formula(fieldAt(n, i) as FieldValue);
    }
  }

  private birth(n: Nomination): void {
    const i = n.fields.at.ngaySinh;
    if (i === undefined || n.raw[i] === undefined) return;
    const ctx = this.ctx;
    const text = n.text[i];
    if (!n.birth) {
      const raw = n.raw[i];
      const parsed = parseDateValue(typeof raw === 'string' ? text : (raw as CellValue), { isDate: false });
      const reason = !parsed.ok && parsed.reason === 'impossible' ? 'impossible' : 'unreadable';
      ctx.add('FIELD_INVALID_DATE', valueCell(n, 'ngaySinh'), { value: text, reason }, text);
      return;
    }
    const on = ctx.referenceDate();
    if (compareDates(n.birth, on) > 0) {
      ctx.add('FIELD_INVALID_DATE', valueCell(n, 'ngaySinh'), { value: text, reason: 'future' }, text);
      return;
    }
    const age = ageOn(n.birth, on);
    const { min, max } = ctx.rulebook.ranges.age;
    if (age < min || age > max) {
      ctx.add('FIELD_OUT_OF_RANGE', valueCell(n, 'ngaySinh'), { what: 'age', actual: age, on: formatDate(on), min, max }, text);
    }
  }

  private values(n: Nomination): void {
    const ctx = this.ctx;
    const rb = ctx.rulebook;
    // Texts, and a cell only for a finding: a 50,000-row list is mostly fine.
    const capHoc = valueText(n, 'capHoc');
    if (capHoc !== null && !findLevel(rb, capHoc)) {
      ctx.add('FIELD_INVALID_VALUE', valueCell(n, 'capHoc'), { value: capHoc, ...ctx.label('capHoc'), ...choicesAllowed(rb.levels) }, capHoc);
    }
    const chucVu = valueText(n, 'chucVu');
    if (chucVu !== null && !n.positionName) {
      ctx.add('FIELD_INVALID_VALUE', valueCell(n, 'chucVu'), { value: chucVu, ...ctx.label('chucVu'), ...choicesAllowed(rb.positions) }, chucVu);
    }
    const gioiTinh = valueText(n, 'gioiTinh');
    if (gioiTinh !== null && !['nam', 'nu'].includes(foldCompact(gioiTinh))) {
      ctx.add('FIELD_INVALID_VALUE', valueCell(n, 'gioiTinh'), { value: gioiTinh, ...ctx.label('gioiTinh'), ...GENDERS_ALLOWED }, gioiTinh);
    }
    const namCongTac = valueText(n, 'namCongTac');
    if (namCongTac !== null) {
      const years = Number(namCongTac.replace(',', '.'));
      const { min, max } = rb.ranges.yearsOfService;
      if (!Number.isFinite(years)) {
        ctx.add('FIELD_INVALID_VALUE', valueCell(n, 'namCongTac'), { value: namCongTac, ...ctx.label('namCongTac'), min, max }, namCongTac);
      } else if (years < min || years > max) {
        ctx.add('FIELD_OUT_OF_RANGE', valueCell(n, 'namCongTac'), { what: 'service', value: namCongTac, min, max }, namCongTac);
      }
    }
    const kyLuat = valueText(n, 'kyLuat');
    if (kyLuat !== null && !ruleIndex(rb).noDiscipline.has(foldCompact(kyLuat))) {
      ctx.add('CRITERIA_DISCIPLINE', valueCell(n, 'kyLuat'), { value: kyLuat }, kyLuat);
    }
  }

  private formula(fv: FieldValue): void {
    if (fv.formula !== undefined) {
      this.ctx.add('CELL_FORMULA_NEUTRALIZED', fieldCell(fv), { kind: 'formula', formula: fv.formula, value: fv.text }, fv.text);
    } else if (typeof fv.raw === 'string' && looksLikeFormula(fv.text)) {
      this.ctx.add('CELL_FORMULA_NEUTRALIZED', fieldCell(fv), { kind: 'text', value: fv.text }, fv.text);
    }
  }
}
