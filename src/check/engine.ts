/**
 * The rules engine: reads each source's sheets, runs the rules within each submission and across
 * them, and sums up. The rules live by family in ./rules/: the submission as a whole (submission.ts),
 * each nominee's values (fields.ts), the quotas (quotas.ts), across submissions (cross-submission.ts);
 * their words in the catalogue (messages.ts), their order in order.ts.
 */
import type { Finding } from './finding';
import { NO_DATA } from './messages';
import { sortByPlace } from './order';
import type { CheckResult, UnreadableInfo } from './result';
import { SheetContext } from './rules/context';
import { noTable, sheetRules, unreadableSubmission } from './rules/submission';
import { FieldRules } from './rules/fields';
import { quotaRules } from './rules/quotas';
import { duplicatePersons, duplicateSubmissions, missingUnits } from './rules/cross-submission';
import type { WorkbookGrid } from '../sheet/grid';
import type { Submission } from '../sheet/submission';
import { readSubmissions } from '../sheet/read';
import type { Rulebook } from '../rules/index';

export interface SourceWorkbook {
  file: string;
  workbook?: WorkbookGrid;
  /** The file's submissions already read (streamSubmissions over a format's row stream), instead of its workbook. */
  submissions?: Submission[];
  unreadable?: UnreadableInfo;
}

export interface CheckOptions {
  /** Merging: also report registered units that sent nothing (SUBMISSION_MISSING). */
  merge?: boolean;
}

/** The rules within one sheet's submission, in their order: the sheet, each nominee, the quotas. */
function checkSheet(sub: Submission, rulebook: Rulebook): Finding[] {
  const ctx = new SheetContext(sub, rulebook);
  if (sub.headerRow === null) {
    noTable(ctx);
    return ctx.findings;
  }
  sheetRules(ctx, sub.headerRow);
  const fields = new FieldRules(ctx);
  for (const n of sub.nominations) fields.check(n);
  quotaRules(ctx);
  return ctx.findings;
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
    // All of the source or none of it: what throws here leaves nothing behind (check/run.ts then
    // adds the file as unreadable).
    const subs = src.submissions ?? readSubmissions(src.file, src.workbook as WorkbookGrid, this.rulebook);
    const found: Finding[] = [];
    for (const sub of subs) for (const f of checkSheet(sub, this.rulebook)) found.push(f);
    for (const sub of subs) this.submissions.push(sub);
    for (const f of found) this.findings.push(f);
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
