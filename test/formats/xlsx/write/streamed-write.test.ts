/**
 * The consolidated list's rows are generated while the file is written, and the command line
 * compresses with Node's zlib: the parts must be exactly those of the plain model.
 */
import { strFromU8, unzipSync } from 'fflate';
import { buildConsolidatedBook, materializeBook } from '../../../../src/consolidate/index';
import { nodeGzip } from '../../../../src/node/gzip';
import { writeBook } from '../../../../src/formats/xlsx/write/workbook';
import { compressEntry, fflateGzip } from '../../../../src/formats/zip/write';
import { rulebook, sampleResult } from '../../../consolidate/fixtures';

const parts = (bytes: Uint8Array) => Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]);

describe('streamed rows and Node zlib', () => {
  const book = buildConsolidatedBook(sampleResult(), rulebook, { reportDate: { y: 2025, m: 12, d: 20 } });

  test('generated rows give the same file as the same rows held in the model', async () => {
    expect(book.sheets[0].body?.count).toBeGreaterThan(0);
    expect(book.sheets[1].body?.count).toBeGreaterThan(0);
    expect(await writeBook(book)).toEqual(await writeBook(materializeBook(book)));
  });

  test('empty fields are empty cells (blank to filters and COUNTA), not empty texts', async () => {
    const files = Object.fromEntries(parts(await writeBook(book)));
    const list = book.sheets[0];
    const body = list.body!;
    let empties = 0;
    for (let i = 0; i < body.count; i++) empties += body.row(i).cells.filter((c) => c.value === null).length;
    expect(empties).toBeGreaterThan(0);
    expect(files['xl/sharedStrings.xml']).not.toContain('<si><t></t></si>');
  });

  test('Node zlib: the same parts as the platform gzip, deterministic', async () => {
    const a = await writeBook(book, { compress: nodeGzip });
    expect(parts(a)).toEqual(parts(await writeBook(book)));
    expect(await writeBook(book, { compress: nodeGzip })).toEqual(a);
  });

  test('Node zlib: CRC and size of a large entry in many pieces', async () => {
    const pieces = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c t="s"><v>${i}</v></c></row>Nguyễn Thị ${i}\n`);
    const ours = await compressEntry('x.xml', pieces, nodeGzip);
    const ref = await compressEntry('x.xml', pieces, fflateGzip);
    expect(ours.crc).toBe(ref.crc);
    expect(ours.size).toBe(ref.size);
    expect(ours.size).toBe(Buffer.byteLength(pieces.join('')));
  });
});
