/** The streaming read of an .xlsx's submissions, as the command line composes it (src/node/files.ts). */
import type { Rulebook } from '../../src/rules/types';
import { streamSubmissions } from '../../src/sheet/row-stream';
import type { Submission } from '../../src/sheet/submission';
import { streamXlsx, type ReadOptions } from '../../src/formats/xlsx/read/workbook';

export function readXlsxSubmissions(bytes: Uint8Array, file: string, rulebook: Rulebook, opts: ReadOptions = {}): Submission[] {
  return streamSubmissions(file, rulebook, (visitor) => streamXlsx(bytes, visitor, opts));
}
