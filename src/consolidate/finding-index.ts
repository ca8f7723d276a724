/** Findings of a check, indexed for the consolidated workbook: by submission, and by sheet and row. */
import type { CheckResult } from '../check/result';
import type { Finding } from '../check/finding';
import type { Submission } from '../sheet/submission';

/** Findings grouped by the submission they concern and by the row they sit on. */
export class FindingIndex {
  readonly bySubmission = new Map<Submission, Finding[]>();
  /** By sheet (file and sheet name), then by row number (an array: the list asks once per row). */
  readonly byRow = new Map<string, (Finding[] | undefined)[]>();
  /** Findings that concern no received submission (units that sent nothing). */
  readonly unattached: Finding[] = [];

  constructor(result: CheckResult) {
    const bySheet = new Map<string, Submission>();
    const byFile = new Map<string, Submission>();
    for (const s of result.submissions) {
      const k = sheetKey(s.file, s.sheet);
      if (!bySheet.has(k)) bySheet.set(k, s);
      if (!byFile.has(s.file)) byFile.set(s.file, s);
      this.bySubmission.set(s, []);
    }
    for (const f of result.findings) {
      const sub = (f.sheet !== null ? bySheet.get(sheetKey(f.file, f.sheet)) : undefined) ?? byFile.get(f.file);
      if (sub) this.bySubmission.get(sub)?.push(f);
      else this.unattached.push(f);
      if (f.row !== null) {
        const k = sheetKey(f.file, f.sheet);
        let rows = this.byRow.get(k);
        if (!rows) this.byRow.set(k, (rows = []));
        const list = rows[f.row];
        if (list) list.push(f);
        else rows[f.row] = [f];
      }
    }
  }

  /** The findings of a submission's rows, by row number (none: an empty array). */
  rowsOf(sub: Submission): readonly (Finding[] | undefined)[] {
    return this.byRow.get(sheetKey(sub.file, sub.sheet)) ?? NO_ROWS;
  }

  of(sub: Submission): Finding[] {
    return this.bySubmission.get(sub) ?? [];
  }
}

function sheetKey(file: string, sheet: string | null): string {
  return `${file}\u0000${sheet ?? ''}`;
}

/** No findings on any row. */
export const NO_ROWS: readonly (Finding[] | undefined)[] = [];
