/**
 * The workbook model (src/book/model.ts) -> .xlsx bytes, in Node and the browser. Any book: the
 * consolidation and the template are built in the core (src/consolidate/) and handed over. The
 * parts are written directly, the same XML ExcelJS 4.4 wrote (its part order, attribute order,
 * style and shared-string numbering, and its quirks), so files stay the same; but a 50,000-row
 * list takes well under a second instead of tens, since no object is built per cell.
 * test/formats/xlsx/write/exceljs-parity.test.ts holds this to the ExcelJS writer on many workbooks.
 *
 * One module per part or concern: ./sheet.ts (a worksheet) with ./rows.ts (its generated rows, as
 * bytes: ./byte-writer.ts), ./validations.ts, ./shared-strings.ts, ./styles.ts, ./package.ts
 * (content types, relationships, workbook.xml, document properties), ./theme.ts, ./escape.ts.
 * Each part is compressed as it is written (../../zip/write.ts). Strings are written as strings
 * (shared strings), never as formulas; the output is deterministic: a fixed timestamp, fixed order,
 * the same bytes for the same book on the same platform.
 */
import type { Book } from '../../../book/model';
import { compressEntry, concatBytes, zipPieces, type Compressor, type ZipEntryOut } from '../../zip/write';
import { BlockPool } from './byte-writer';
import { packageParts, zipOrder, type BookPart } from './package';
import type { LineMeasurer } from './rows';
import { SharedStrings } from './shared-strings';
import { sheetXml } from './sheet';
import { patchNormalFont, StyleTable, toXStyle, type XStyle } from './styles';
import { THEME1_XML } from './theme';

export type { LineMeasurer } from './rows';
export { cellText } from './escape';
export { patchNormalFont } from './styles';

/** Creation date when the input gives none: fixed, so that the same inputs give the same file. */
export const FIXED_EPOCH = new Date(Date.UTC(2020, 0, 1));

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
  for (const part of bookParts(book, when, opts.measurer)) {
    const entry = compressEntry(part.name, part.chunks, opts.compress, part.recycle);
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

/**
 * Every part of the package, in the order they can be written: the sheets first (they number the
 * styles and the shared strings), the parts that depend on them after. Sort by `zipOrder` to store.
 */
function* bookParts(book: Book, created: Date, measurer?: LineMeasurer): Generator<BookPart, void, undefined> {
  const styles = new StyleTable();
  const sst = new SharedStrings();
  const pool = new BlockPool(1 << 18);
  const xStyles = new Map<string | undefined, XStyle>();
  const bookStyle = (name: string | undefined): XStyle => {
    let s = xStyles.get(name);
    if (!s) {
      s = toXStyle(book, name !== undefined ? book.styles[name] : undefined);
      xStyles.set(name, s);
    }
    return s;
  };
  for (let i = 0; i < book.sheets.length; i++) {
    yield { name: `xl/worksheets/sheet${i + 1}.xml`, chunks: sheetXml(book.sheets[i], styles, sst, bookStyle, pool, measurer), recycle: pool.recycle };
  }
  const hasStrings = sst.count > 0;
  if (hasStrings) yield { name: 'xl/sharedStrings.xml', chunks: sst.xml(pool), recycle: pool.recycle };
  yield { name: 'xl/theme/theme1.xml', chunks: [THEME1_XML] };
  yield { name: 'xl/styles.xml', chunks: [patchNormalFont(styles.xml(), book.defaultFont)] };
  yield* packageParts(book, created, hasStrings);
}
