/** Findings of a check, indexed for the consolidated workbook: by submission, and by sheet and row. */
import type { CheckResult } from '../check/result';
import type { Finding } from '../check/finding';
import type { Submission } from '../sheet/submission';

/** Findings grouped by the submission they concern and by the row they sit on. */
export class FindingIndex {
  readonly bySubmission = new Map<Submission, Finding[]>();
  /** By sheet (file and sheet name), then by row number (an array: the list asks once per row). */
  private readonly byRow = new BySheet<(Finding[] | undefined)[]>();
  /** Findings that concern no received submission (units that sent nothing). */
  readonly unattached: Finding[] = [];

  constructor(result: CheckResult) {
    const bySheet = new BySheet<Submission>();
    const byFile = new Map<string, Submission>();
    for (const s of result.submissions) {
      if (!bySheet.get(s.file, s.sheet)) bySheet.set(s.file, s.sheet, s);
      if (!byFile.has(s.file)) byFile.set(s.file, s);
      this.bySubmission.set(s, []);
    }
    for (const f of result.findings) {
      const sub = (f.sheet !== null ? bySheet.get(f.file, f.sheet) : undefined) ?? byFile.get(f.file);
      if (sub) this.bySubmission.get(sub)?.push(f);
      else this.unattached.push(f);
      if (f.row !== null) {
        let rows = this.byRow.get(f.file, f.sheet);
        if (!rows) this.byRow.set(f.file, f.sheet, (rows = []));
        const list = rows[f.row];
        if (list) list.push(f);
        else rows[f.row] = [f];
      }
    }
  }

  /** The findings of a submission's rows, by row number (none: an empty array). */
  rowsOf(sub: Submission): readonly (Finding[] | undefined)[] {
    return this.byRow.get(sub.file, sub.sheet) ?? NO_ROWS;
  }

  of(sub: Submission): Finding[] {
    return this.bySubmission.get(sub) ?? [];
  }
}

/**
 * A map by file, then by sheet name (none: ''). Two maps, not one key made of both: the names are
 * looked up as they are (a string hashes once), never joined into a new string per finding (a
 * 2 MB sheet name on 24,000 findings made 96 GB of keys to hash).
 */
class BySheet<T> {
  private readonly files = new Map<string, Map<string, T>>();
  get(file: string, sheet: string | null): T | undefined {
    return this.files.get(file)?.get(sheet ?? '');
  }
  set(file: string, sheet: string | null, value: T): void {
    let sheets = this.files.get(file);
    if (!sheets) this.files.set(file, (sheets = new Map()));
    sheets.set(sheet ?? '', value);
  }
}

/** No findings on any row. */
export const NO_ROWS: readonly (Finding[] | undefined)[] = [];
