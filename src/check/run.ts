/**
 * Reading and checking a list of files, one at a time: the loop the command line and the task pane
 * share. The platform reads a file (`load`: from disk, from the bytes a user picked, from the grids
 * Excel gave); each file is checked as soon as it is read and then dropped, so memory holds the
 * nominations, never every file's cells at once. The result is checkWorkbooks of the same sources.
 * Whatever one file's read or check throws becomes that file's FILE_UNREADABLE: one file never
 * costs the report of the others.
 */
import { Checker, type CheckOptions, type SourceWorkbook } from './engine';
import { readFailure } from './messages';
import type { CheckResult, UnreadableInfo } from './result';
import type { Rulebook } from '../rules/types';

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
  /** Reads one input: its workbook's grids, or its submissions read straight from its rows. */
  load(input: I): SourceWorkbook | Promise<SourceWorkbook>;
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
}

/** Reads and checks the named inputs in their order. */
export async function checkInputs<I extends { readonly name: string }>(
  inputs: readonly I[],
  rulebook: Rulebook,
  opts: CheckOptions | undefined,
  io: CheckRunIo<I>,
): Promise<CheckResult> {
  const checker = new Checker(rulebook, opts);
  const total = inputs.length;
  for (let i = 0; i < total; i++) {
    const input = inputs[i];
    io.progress?.({ phase: 'read', done: i, total, file: input.name });
    await io.between?.();
    let src: SourceWorkbook;
    try {
      src = await io.load(input);
    } catch (err) {
      src = { file: input.name, unreadable: io.unreadable(err, input) ?? readFailure(err) };
    }
    try {
      checker.add(src);
    } catch (err) {
      // Checker.add takes a source whole or not at all.
      checker.add({ file: input.name, unreadable: readFailure(err) });
    }
  }
  io.progress?.({ phase: 'read', done: total, total });
  await io.between?.();
  io.progress?.({ phase: 'check', done: 0, total });
  const result = checker.finish();
  io.progress?.({ phase: 'check', done: total, total });
  return result;
}
