/**
 * The workbook model (src/book/model.ts) -> .xlsx bytes, in Node and the browser. The parts are
 * written directly (./book-xml.ts: the same XML ExcelJS 4.4 wrote, far faster) and compressed as
 * they are written (./zip-out.ts). Strings are written as strings (shared strings), never as
 * formulas; the output is deterministic: a fixed timestamp, fixed order, the same bytes for the
 * same book on the same platform.
 */
import type { Book } from '../../../book/model';
import { buildConsolidatedBook, type ConsolidateOptions } from '../../../consolidate/consolidated';
import { buildTemplateBook } from '../../../consolidate/template';
import type { CheckResult } from '../../../check/result';
import type { Rulebook } from '../../../rules/types';
import { bookParts, zipOrder, type LineMeasurer } from './book-xml';
import { compressEntry, concatBytes, zipPieces, type Compressor, type ZipEntryOut } from '../../zip/write';
import { THEME1_XML } from './theme';

export type { LineMeasurer } from './book-xml';

export { cellText } from './book-xml';

/** Creation date when the input gives none: fixed, so that the same inputs give the same file. */
export const FIXED_EPOCH = new Date(Date.UTC(2020, 0, 1));

/** The workbook's Normal font: it sets the unit of column widths and the font of cells typed later. */
const NORMAL_FONT = '<font><sz val="11"/><name val="Times New Roman"/><family val="1"/></font>';

/** ExcelJS always writes Calibri as the Normal font; the model's default font replaces it. */
export function patchNormalFont(stylesXml: string, font: { name: string } = { name: 'Times New Roman' }): string {
  const normal = NORMAL_FONT.replace('Times New Roman', font.name.replace(/[<>&"]/g, ''));
  return stylesXml.replace(/(<fonts\b[^>]*>)<font>[\s\S]*?<\/font>/, (_m, open: string) => `${open}${normal}`);
}

export interface WriteOptions {
  /** The deflate to use (Node's zlib in the command line); the platform's gzip by default. */
  compress?: Compressor;
  /** Where the lines of sized rows are measured (another thread in the command line); here by default. */
  measurer?: LineMeasurer;
}

/** Writes the workbook model as .xlsx bytes. */
export async function writeBook(book: Book, opts: WriteOptions = {}): Promise<Uint8Array> {
  return concatBytes(await writeBookPieces(book, opts));
}

/** writeBook's bytes in the pieces they are made of, for writing to a file without joining them first. */
export async function writeBookPieces(book: Book, opts: WriteOptions = {}): Promise<Uint8Array[]> {
  const created = book.properties.created;
  const when = created ? new Date(Date.UTC(created.y, (created.m ?? 1) - 1, created.d ?? 1)) : FIXED_EPOCH;
  const pending: Promise<ZipEntryOut>[] = [];
  // Each part is compressed as it is written, a few hundred rows at a time. A compressor that
  // takes a part's pieces at once is not waited for before the next part is made.
  const ahead = opts.compress?.takesAllAtOnce === true;
  for (const part of bookParts(book, when, THEME1_XML, opts.measurer)) {
    const chunks = part.name === 'xl/styles.xml' ? [...part.chunks].map((x) => (typeof x === 'string' ? patchNormalFont(x, book.defaultFont) : x)) : part.chunks;
    const entry = compressEntry(part.name, chunks, opts.compress, part.recycle);
    if (ahead) {
      // Its failure is met below (Promise.all); not an unhandled rejection meanwhile.
      entry.catch(() => undefined);
      pending.push(entry);
    } else pending.push(Promise.resolve(await entry));
  }
  const entries = await Promise.all(pending);
  entries.sort((a, b) => zipOrder(a.name) - zipOrder(b.name));
  // Local-time fields are what the zip stores: a local Date gives the same fields in every time zone.
  return zipPieces(entries, new Date(2020, 0, 1, 0, 0, 0));
}

/** The consolidated department workbook of a check result, as .xlsx bytes. */
export async function writeConsolidatedXlsx(result: CheckResult, rulebook: Rulebook, opts?: ConsolidateOptions & WriteOptions): Promise<Uint8Array> {
  return concatBytes(await writeConsolidatedXlsxPieces(result, rulebook, opts));
}

/** writeConsolidatedXlsx in pieces (the command line writes them to the file one after another). */
export function writeConsolidatedXlsxPieces(result: CheckResult, rulebook: Rulebook, opts?: ConsolidateOptions & WriteOptions): Promise<Uint8Array[]> {
  return writeBookPieces(buildConsolidatedBook(result, rulebook, opts), { compress: opts?.compress, measurer: opts?.measurer });
}

/** The standard nomination template (for a unit of the registry, by id), as .xlsx bytes. */
export function writeTemplateXlsx(rulebook: Rulebook, unitId?: string, opts?: { rows?: number }): Promise<Uint8Array> {
  return writeBook(buildTemplateBook(rulebook, { unitId, rows: opts?.rows }));
}
