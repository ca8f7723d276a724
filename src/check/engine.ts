/** The rules engine: field, criteria, quota and cross-submission rules -> findings. */
import type { Finding, RuleId } from './finding';
import { sortByPlace } from './order';
import { CATALOG, cappedList, choicesAllowed, GENDERS_ALLOWED, LIST_MAX, NO_DATA, placeText, PLACES, type Params } from './messages';
import type { CheckResult, UnreadableInfo } from './result';
import { columnLetters } from '../sheet/address';
import type { CellValue, WorkbookGrid } from '../sheet/grid';
import { emptySubmission, fieldAt, fieldCell, hasField, textOf, valueCell, valueText, type FieldValue, type Nomination, type SimpleDate, type Submission } from '../sheet/submission';
import { readSubmissions } from '../sheet/read';
import { findLevel, ruleIndex, type ColumnDef, type Rulebook } from '../rules/index';
import { fold, foldCompact } from '../text/normalize';
import { ageOn, formatDate, parseDateValue } from '../text/dates';

export interface SourceWorkbook {
  file: string;
  workbook?: WorkbookGrid;
  /** The file's submissions already read (readXlsxSubmissions), instead of its workbook. */
  submissions?: Submission[];
  unreadable?: UnreadableInfo;
}

export interface CheckOptions {
  /** Merging: also report registered units that sent nothing (SUBMISSION_MISSING). */
  merge?: boolean;
}

interface Loc {
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

function dmy(d: SimpleDate): string {
  return formatDate(d);
}

function compareDates(a: SimpleDate, b: SimpleDate): number {
  return a.y - b.y || (a.m ?? 1) - (b.m ?? 1) || (a.d ?? 1) - (b.d ?? 1);
}

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

class SubmissionChecker {
  readonly findings: Finding[] = [];
  private readonly cols: Map<string, ColumnDef>;
  private readonly evidence: Set<string>;
  /** Required columns this sheet has (or the level, which may come from the school): checked per row. */
  private readonly requiredHere: ColumnDef[];
  /** Evidence columns this sheet has. */
  private readonly evidenceHere: string[];

  constructor(
    private readonly sub: Submission,
    private readonly rulebook: Rulebook,
  ) {
    this.cols = new Map(rulebook.columns.map((c) => [c.key, c]));
    this.evidence = new Set(rulebook.evidence);
    this.requiredHere = rulebook.columns.filter(
      (c) => c.required && !this.evidence.has(c.key) && (sub.columns[c.key] !== undefined || c.key === 'capHoc'),
    );
    this.evidenceHere = rulebook.evidence.filter((key) => sub.columns[key] !== undefined);
  }

  /** The last finding made: the next one with the same rule and the same params object shares its messages. */
  private last: Finding | null = null;
  private lastParams: Params | null = null;

  private add(ruleId: RuleId, cell: string | null, params: Params = {}, value?: string): void {
    const loc = { file: this.sub.file, sheet: this.sub.sheet, cell, value };
    const prev = this.last;
    // 16,000 rows over one quota: one message text, made once, not 16,000 copies.
    const f = prev && params === this.lastParams && prev.ruleId === ruleId ? makeFinding(ruleId, loc, params, prev) : makeFinding(ruleId, loc, params);
    this.last = f;
    this.lastParams = params;
    this.findings.push(f);
  }

  private label(key: string): { column: string; columnEn: string } {
    const c = this.cols.get(key);
    return { column: c?.label ?? key, columnEn: c?.labelEn ?? key };
  }

  /** A nominee's level: its own cell, or the school's when the level comes from the school's name. */
  private levelCell(n: Nomination): string | null {
    return valueCell(n, 'capHoc') ?? this.cellOf('donVi', n.row);
  }

  /** Where a blank value of `key` would be, in row `row`. */
  private cellOf(key: string, row: number): string | null {
    const col = this.sub.columns[key];
    if (col === undefined) return null;
    return `${columnLetters(col)}${row}`;
  }

  run(): void {
    const sub = this.sub;
    if (sub.headerRow === null) {
      this.add('SHEET_NO_NOMINATIONS', null);
      return;
    }
    this.headers();
    if (!sub.unit) this.add('UNIT_UNKNOWN', null, { text: sub.unitText ?? '' });
    if (sub.legacy && sub.legacyFirst) {
      this.add(
        'TEXT_LEGACY_ENCODING',
        sub.legacyFirst.cell,
        { encoding: sub.legacy, count: sub.legacyCells, sample: sub.legacyFirst.raw.slice(0, 40) },
        sub.legacyFirst.raw,
      );
    }
    this.deadline();
    // An empty template sent as it is must not read as a valid list.
    if (sub.nominations.length === 0) this.add('SHEET_NO_NOMINATIONS', this.cellOf('hoTen', sub.headerRow), { headerRow: sub.headerRow });
    for (const n of sub.nominations) this.nomination(n);
    this.quota();
  }

  private headers(): void {
    for (const col of this.rulebook.columns) {
      if (!col.required || this.sub.columns[col.key] !== undefined) continue;
      // The level may be derived from the school's name instead (checked per row).
      if (col.key === 'capHoc' && this.sub.columns.donVi !== undefined) continue;
      this.add('HEADER_MISSING_COLUMN', null, { ...this.label(col.key), headerRow: this.sub.headerRow ?? '' });
    }
  }

  private deadline(): void {
    const { date, dateCell } = this.sub;
    if (!date || date.m === undefined || date.d === undefined) return;
    const dl = this.rulebook.deadline;
    const deadline = { y: this.rulebook.year, m: dl.month, d: dl.day };
    if (compareDates(date, deadline) > 0) {
      this.add('SUBMISSION_LATE', dateCell, { date: dmy(date), deadline: dmy(deadline) });
    }
  }

  /** referenceDate(), made once per sheet. */
  private reference: SimpleDate | null = null;

  /** The date ages are counted on: the submission's own date, else the deadline. */
  private referenceDate(): SimpleDate {
    if (this.reference) return this.reference;
    const d = this.sub.date;
    this.reference = d && d.m !== undefined && d.d !== undefined ? d : { y: this.rulebook.year, m: this.rulebook.deadline.month, d: this.rulebook.deadline.day };
    return this.reference;
  }

  private nomination(n: Nomination): void {
    for (const col of this.requiredHere) {
      if (hasField(n, col.key)) continue;
      if (col.key === 'capHoc' && n.levelDerived) continue;
      const cell = this.cellOf(col.key, n.row);
      if (col.key === 'capHoc' && this.sub.columns.capHoc === undefined) {
        if (this.sub.columns.donVi === undefined) continue; // reported once as a missing column
        this.add('FIELD_REQUIRED', this.cellOf('donVi', n.row), { ...this.label('capHoc'), workplace: n.workplace });
        continue;
      }
      this.add('FIELD_REQUIRED', cell, col.hint ? { ...this.label(col.key), hint: col.hint } : this.label(col.key));
    }
    for (const key of this.evidenceHere) {
      const text = textOf(n, key);
      if (isEmptyEvidence(text)) {
        this.add('CRITERIA_EVIDENCE_MISSING', this.cellOf(key, n.row), this.label(key), text || undefined);
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
    const text = n.text[i];
    if (!n.birth) {
      const raw = n.raw[i];
      const parsed = parseDateValue(typeof raw === 'string' ? text : (raw as CellValue), { isDate: false });
      const reason = !parsed.ok && parsed.reason === 'impossible' ? 'impossible' : 'unreadable';
      this.add('FIELD_INVALID_DATE', valueCell(n, 'ngaySinh'), { value: text, reason }, text);
      return;
    }
    const on = this.referenceDate();
    if (compareDates(n.birth, on) > 0) {
      this.add('FIELD_INVALID_DATE', valueCell(n, 'ngaySinh'), { value: text, reason: 'future' }, text);
      return;
    }
    const age = ageOn(n.birth, on);
    const { min, max } = this.rulebook.ranges.age;
    if (age < min || age > max) {
      this.add('FIELD_OUT_OF_RANGE', valueCell(n, 'ngaySinh'), { what: 'age', actual: age, on: dmy(on), min, max }, text);
    }
  }

  private values(n: Nomination): void {
    const rb = this.rulebook;
    // Texts, and a cell only for a finding: a 50,000-row list is mostly fine.
    const capHoc = valueText(n, 'capHoc');
    if (capHoc !== null && !findLevel(rb, capHoc)) {
      this.add(
        'FIELD_INVALID_VALUE',
        valueCell(n, 'capHoc'),
        { value: capHoc, ...this.label('capHoc'), ...choicesAllowed(rb.levels) },
        capHoc,
      );
    }
    const chucVu = valueText(n, 'chucVu');
    if (chucVu !== null && !n.positionName) {
      this.add(
        'FIELD_INVALID_VALUE',
        valueCell(n, 'chucVu'),
        { value: chucVu, ...this.label('chucVu'), ...choicesAllowed(rb.positions) },
        chucVu,
      );
    }
    const gioiTinh = valueText(n, 'gioiTinh');
    if (gioiTinh !== null && !['nam', 'nu'].includes(foldCompact(gioiTinh))) {
      this.add('FIELD_INVALID_VALUE', valueCell(n, 'gioiTinh'), { value: gioiTinh, ...this.label('gioiTinh'), ...GENDERS_ALLOWED }, gioiTinh);
    }
    const namCongTac = valueText(n, 'namCongTac');
    if (namCongTac !== null) {
      const years = Number(namCongTac.replace(',', '.'));
      const { min, max } = rb.ranges.yearsOfService;
      if (!Number.isFinite(years)) {
        this.add('FIELD_INVALID_VALUE', valueCell(n, 'namCongTac'), { value: namCongTac, ...this.label('namCongTac'), min, max }, namCongTac);
      } else if (years < min || years > max) {
        this.add('FIELD_OUT_OF_RANGE', valueCell(n, 'namCongTac'), { what: 'service', value: namCongTac, min, max }, namCongTac);
      }
    }
    const kyLuat = valueText(n, 'kyLuat');
    if (kyLuat !== null && !ruleIndex(rb).noDiscipline.has(foldCompact(kyLuat))) {
      this.add('CRITERIA_DISCIPLINE', valueCell(n, 'kyLuat'), { value: kyLuat }, kyLuat);
    }
  }

  private formula(fv: FieldValue): void {
    if (fv.formula !== undefined) {
      this.add('CELL_FORMULA_NEUTRALIZED', fieldCell(fv), { kind: 'formula', formula: fv.formula, value: fv.text }, fv.text);
    } else if (typeof fv.raw === 'string' && looksLikeFormula(fv.text)) {
      this.add('CELL_FORMULA_NEUTRALIZED', fieldCell(fv), { kind: 'text', value: fv.text }, fv.text);
    }
  }

  private quota(): void {
    const { unit, nominations } = this.sub;
    if (!unit) return;
    const rb = this.rulebook;
    const kind = rb.kinds[unit.kind];
    const q = kind.quota;
    const levelName = (code: string) => rb.levels.find((l) => l.code === code)?.name ?? code;
    const levelEn = (code: string) => rb.levels.find((l) => l.code === code)?.nameEn ?? code;
    if (nominations.length > q.total) {
      const extra = nominations[q.total];
      this.add('QUOTA_TOTAL_EXCEEDED', this.cellOf('hoTen', extra.row), { unit: unit.name, count: nominations.length, max: q.total });
    }
    const byLevel = new Map<string, Nomination[]>();
    for (const n of nominations) {
      if (!n.level) continue;
      if (!q.levels.includes(n.level)) {
        const cell = this.levelCell(n);
        this.add('QUOTA_LEVEL_NOT_ALLOWED', cell, {
          kind: kind.label,
          kindEn: kind.labelEn,
          level: levelName(n.level),
          levelEn: levelEn(n.level),
          levels: q.levels.map(levelName).join(', '),
          levelsEn: q.levels.map(levelEn).join(', '),
        });
        continue;
      }
      const list = byLevel.get(n.level) ?? [];
      list.push(n);
      byLevel.set(n.level, list);
    }
    if (q.perLevel !== null) {
      for (const [code, list] of byLevel) {
        if (list.length <= q.perLevel) continue;
        const rows = cappedList(list.map((n) => n.row));
        const params = { level: levelName(code), levelEn: levelEn(code), count: list.length, rows: rows.vi, rowsEn: rows.en, max: q.perLevel };
        for (const n of list.slice(q.perLevel)) {
          const cell = this.levelCell(n);
          this.add('QUOTA_LEVEL_DUPLICATE', cell, params);
        }
      }
    }
    if (q.requireEachLevel && nominations.length > 0) {
      for (const code of q.levels) {
        if (!byLevel.has(code)) {
          this.add('QUOTA_LEVEL_MISSING', null, {
            level: levelName(code),
            levelEn: levelEn(code),
            levels: q.levels.map(levelName).join(', '),
            levelsEn: q.levels.map(levelEn).join(', '),
          });
        }
      }
    }
    const managers = nominations.filter((n) => n.manager);
    if (managers.length > q.managers) {
      const rows = cappedList(managers.map((n) => n.row));
      const params = { count: managers.length, rows: rows.vi, rowsEn: rows.en, max: q.managers };
      for (const n of managers.slice(q.managers)) this.add('QUOTA_MANAGER_EXCEEDED', valueCell(n, 'chucVu'), params);
    }
  }
}

/** The same person (name and birth date, after normalisation) twice, anywhere. */
function duplicatePersons(subs: Submission[]): Finding[] {
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

function duplicateSubmissions(subs: Submission[]): Finding[] {
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

function missingUnits(subs: Submission[], rulebook: Rulebook): Finding[] {
  const got = new Set(subs.filter((s) => s.unit && s.headerRow !== null).map((s) => s.unit?.id));
  return rulebook.units.filter((u) => !got.has(u.id)).map((u) => makeFinding('SUBMISSION_MISSING', { file: '', sheet: null, cell: null }, { unit: u.name }));
}

function unreadableSubmission(file: string, info: UnreadableInfo): { sub: Submission; finding: Finding } {
  const sub = emptySubmission(file, 'unreadable');
  return { sub, finding: makeFinding('FILE_UNREADABLE', { file, sheet: null, cell: null }, { reason: info.message, reasonEn: info.messageEn }) };
}


/**
 * Checks sources one at a time, so a caller reading hundreds of files can drop each workbook as soon
 * as it is added: a submission keeps only the values it read, never the grid. `finish()` adds the
 * rules across submissions and gives exactly what `checkWorkbooks` gives for the same sources in
 * the same order.
 */
export class Checker {
  private readonly submissions: Submission[] = [];
  private readonly findings: Finding[] = [];
  private readonly fileOrder = new Map<string, number>();
  private count = 0;
  private done = false;

  constructor(
    private readonly rulebook: Rulebook,
    private readonly opts: CheckOptions = {},
  ) {}

  add(src: SourceWorkbook): void {
    if (this.done) throw new Error('Checker.add after finish');
    // A file named twice is ordered by its last place, as in checkWorkbooks.
    this.fileOrder.set(src.file, this.count++);
    if (src.unreadable || (!src.workbook && !src.submissions)) {
      const info = src.unreadable ?? { code: 'missing', message: NO_DATA.vi, messageEn: NO_DATA.en };
      const { sub, finding } = unreadableSubmission(src.file, info);
      this.submissions.push(sub);
      this.findings.push(finding);
      return;
    }
    for (const sub of src.submissions ?? readSubmissions(src.file, src.workbook as WorkbookGrid, this.rulebook)) {
      const checker = new SubmissionChecker(sub, this.rulebook);
      checker.run();
      this.submissions.push(sub);
      for (const f of checker.findings) this.findings.push(f);
    }
  }

  finish(): CheckResult {
    if (this.done) throw new Error('Checker.finish called twice');
    this.done = true;
    const { submissions, findings, fileOrder } = this;
    for (const f of duplicatePersons(submissions)) findings.push(f);
    for (const f of duplicateSubmissions(submissions)) findings.push(f);
    if (this.opts.merge) for (const f of missingUnits(submissions, this.rulebook)) findings.push(f);
    sortByPlace(findings, fileOrder);
    const withErrors = new Set<string>();
    let errors = 0;
    let warnings = 0;
    let infos = 0;
    let lastFile: string | null = null;
    let lastSheet: string | null = null;
    for (const f of findings) {
      if (f.severity === 'error') {
        errors++;
        // Findings come sorted by file and sheet: the key is made once per sheet, not per error.
        if (f.file !== lastFile || f.sheet !== lastSheet) {
          withErrors.add(`${f.file}\u0000${f.sheet ?? ''}`);
          lastFile = f.file;
          lastSheet = f.sheet;
        }
      } else if (f.severity === 'warning') warnings++;
      else if (f.severity === 'info') infos++;
    }
    let nominees = 0;
    for (const sub of submissions) {
      nominees += sub.nominations.length;
      if (sub.status === 'unreadable') continue;
      sub.status = withErrors.has(`${sub.file}\u0000${sub.sheet ?? ''}`) ? 'invalid' : 'ok';
    }
    const summary = { submissions: submissions.length, nominees, errors, warnings, infos };
    return { submissions, findings, summary };
  }
}

/** Checks every source: reads its sheets, runs the rules within and across submissions. */
export function checkWorkbooks(sources: SourceWorkbook[], rulebook: Rulebook, opts: CheckOptions = {}): CheckResult {
  const checker = new Checker(rulebook, opts);
  for (const src of sources) checker.add(src);
  return checker.finish();
}
