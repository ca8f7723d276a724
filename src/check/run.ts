/**
 * Reading and checking a list of files, one at a time: the loop the command line and the task pane
 * share. The platform reads a file (`load`: from disk, from the bytes a user picked, from the grids
 * Excel gave); each file is checked as soon as it is read and then dropped, so memory holds the
 * nominations, never every file's cells at once. The result is checkWorkbooks of the same sources.
 *
 * Untrusted files cost the run at most its limits (RUN_LIMITS): each file is read within what the
 * files before it left, and once the run has used it all the remaining files are refused, each with
 * its FILE_UNREADABLE. Whatever one file's read or check throws becomes that file's FILE_UNREADABLE:
 * one file never costs the report of the others.
 */
import { Checker, type CheckOptions, type SourceWorkbook } from './engine';
import { readFailure, runLimitReason } from './messages';
import type { CheckResult, UnreadableInfo } from './result';
import type { Rulebook } from '../rules/types';
import type { WorkbookGrid } from '../sheet/grid';
import type { Submission } from '../sheet/submission';

/**
 * What one run may take from its files, all files together (per-file limits: formats/limits.ts).
 * A file is charged what it keeps; its reader is held to what is left, counting every cell it reads.
 */
export interface RunLimits {
  /** Cells kept: the values of the nominations read, or every cell of a workbook given as grids. */
  maxCells: number;
  /** Bytes the files' parts expand to (the platform reports them; see `Loaded.expanded`). */
  maxExpandedBytes: number;
}

/**
 * As much as one file may hold (formats/limits.ts: 5 M cells), not more: a 2.7 M-cell list keeps
 * ~0.7 GB of nominations and findings and peaks near 1.9 GB, so two such files used to exhaust
 * Node's heap together. 1 GiB: four files at the per-file limit of expanded parts.
 */
export const RUN_LIMITS: RunLimits = Object.freeze({ maxCells: 5_000_000, maxExpandedBytes: 1024 * 1024 * 1024 });

/** The code of a file refused because the run reached its limits. */
export const RUN_LIMIT_CODE = 'run-limit';

/** The FILE_UNREADABLE reason of a file refused because the run reached `limits`. */
export function overRunLimit(limits: RunLimits): UnreadableInfo {
  const { vi, en } = runLimitReason(limits.maxCells, limits.maxExpandedBytes);
  return { code: RUN_LIMIT_CODE, message: vi, messageEn: en };
}

/** What a file may still use of the run's limits, given to `load`: a reader passes it on as its own limits. */
export interface Allowance {
  cells: number;
  expandedBytes: number;
}

/** A source as `load` gives it, with what reading it cost when the platform knows. */
export type Loaded = SourceWorkbook & {
  /** Bytes its parts expanded to. */
  expanded?: number;
};

/** Where a run is: reading file 3 of 13 (`file` names it), then checking the files together. */
export interface CheckProgress {
  phase: 'read' | 'check';
  /** Files finished so far. */
  done: number;
  total: number;
  /** The file about to be read. */
  file?: string;
}

/** What the platform supplies to a run. */
export interface CheckRunIo<I> {
  /**
   * Reads one input: its workbook's grids, or its submissions read straight from its rows; within
   * `allowance` when it can (a file that would pass it is then `overRunLimit`).
   */
  load(input: I, allowance: Allowance): Loaded | Promise<Loaded>;
  /**
   * Why the input cannot be read, from what `load` threw: the file is then reported `unreadable`
   * and the others still checked. Undefined: an error of no known kind, reported as readFailure.
   */
  unreadable(err: unknown, input: I): UnreadableInfo | undefined;
  progress?(p: CheckProgress): void;
  /**
   * Awaited before each file and after the last. On a page's own thread it yields to the page (so
   * it repaints and a cancel button can be pressed) and throws once the run is cancelled.
   */
  between?(): Promise<void>;
  /** The run's limits (RUN_LIMITS by default). */
  limits?: RunLimits;
}

/** Cells a source keeps: what the run's cell limit counts. */
export function cellsKept(src: SourceWorkbook): number {
  let n = 0;
  if (src.submissions) n += submissionCells(src.submissions);
  else if (src.workbook) n += gridCells(src.workbook);
  return n;
}

function submissionCells(subs: readonly Submission[]): number {
  let n = 0;
  for (const sub of subs) {
    for (const nom of sub.nominations) for (const v of nom.raw) if (v !== undefined) n++;
  }
  return n;
}

/** As the reader counts them: cells with a value or a formula, and merged ranges. */
function gridCells(wb: WorkbookGrid): number {
  let n = 0;
  for (const sheet of wb.sheets) {
    n += sheet.merges.length;
    // forEach skips the holes of a sparse row.
    sheet.rows.forEach((row) => row.forEach((c) => (c ? n++ : 0)));
  }
  return n;
}

/** Reads and checks the named inputs in their order. */
export async function checkInputs<I extends { readonly name: string }>(
  inputs: readonly I[],
  rulebook: Rulebook,
  opts: CheckOptions | undefined,
  io: CheckRunIo<I>,
): Promise<CheckResult> {
  const checker = new Checker(rulebook, opts);
  const limits = io.limits ?? RUN_LIMITS;
  let cells = 0;
  let expanded = 0;
  let over = false;
  const total = inputs.length;
  for (let i = 0; i < total; i++) {
    const input = inputs[i];
    io.progress?.({ phase: 'read', done: i, total, file: input.name });
    await io.between?.();
    const file = input.name;
    let src: SourceWorkbook;
    if (over) src = { file, unreadable: overRunLimit(limits) };
    else {
      try {
        const loaded = await io.load(input, { cells: limits.maxCells - cells, expandedBytes: limits.maxExpandedBytes - expanded });
        src = loaded;
        if (loaded.unreadable?.code === RUN_LIMIT_CODE) over = true;
        else {
          cells += cellsKept(loaded);
          expanded += loaded.expanded ?? 0;
          // A platform that read past its allowance (or could not be given one): the file is dropped.
          if (cells > limits.maxCells || expanded > limits.maxExpandedBytes) {
            over = true;
            src = { file, unreadable: overRunLimit(limits) };
          }
        }
      } catch (err) {
        src = { file, unreadable: io.unreadable(err, input) ?? readFailure(err) };
      }
    }
    try {
      checker.add(src);
    } catch (err) {
      // Checker.add takes a source whole or not at all.
      checker.add({ file, unreadable: readFailure(err) });
    }
  }
  io.progress?.({ phase: 'read', done: total, total });
  await io.between?.();
  io.progress?.({ phase: 'check', done: 0, total });
  const result = checker.finish();
  io.progress?.({ phase: 'check', done: total, total });
  return result;
}
