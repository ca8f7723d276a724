/**
 * Fuzz, differential: the streaming read (readXlsxSubmissions: rows from the XML scanner straight
 * into the table reader) and the grid read (readSubmissions(file, readXlsx(bytes), rulebook)) give
 * the same submissions as JSON, or both refuse with the same code; and the check gives the same
 * report by either. test/formats/xlsx/read/stream-read.test.ts holds this on the examples and on
 * sheets built by hand; here on generated nomination tables (sheets.ts, tableBook) the way offices
 * send them, in Unicode, TCVN3 or VNI, then perturbed: rows swapped or written twice (out of order),
 * merges before the rows, two-row headers, section rows, blank runs, cells without references, long
 * texts shared by several cells, inline strings, the 1904 date system.
 *
 * (Every other fuzz property checks this agreement too, on its own inputs: see sandbox.ts.)
 *
 * Budget and the environment variables for longer runs: see harness.ts (FUZZ=long, FUZZ_RUNS=N).
 */
import { fuzz, Sandbox, summary, testTimeout } from './harness';
import { tableBook, tame, writeBook } from './sheets';

const sandbox = new Sandbox();
afterAll(() => sandbox.close());

const RUNS = 150;
const CAP = 12;

test(
  'the streaming read and the grid read agree on generated nomination tables',
  async () => {
    const tally = await fuzz(
      'stream-vs-grid',
      sandbox,
      tableBook,
      (book) => {
        const { bytes, inflated } = writeBook(tame(book));
        return { bytes, inflated, file: 'DS_de_cu_Krong_No.xlsx', native: book.rich, merge: book.date1904 };
      },
      { runs: RUNS, seed: 0x5eed04, capSeconds: CAP },
    );
    console.log(summary('stream-vs-grid', tally));
    // The tables are found: the property is about real reading, not about refusals.
    expect(tally.nominees).toBeGreaterThan(tally.runs);
  },
  testTimeout(RUNS, CAP),
);
