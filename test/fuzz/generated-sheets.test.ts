/**
 * Fuzz: workbooks generated from scratch (sheets.ts, randomBook): cells of every type at random
 * places (now and then at the edge of Excel's grid or past it), out-of-range shared-string indexes
 * and style ids, ISO dates, booleans, errors, formulas and shared formulas, merges, several sheets,
 * hidden sheets, legacy fonts, random Unicode. Every input must be read or refused (UnreadableError),
 * within the time bound, the two reads agreeing, and the JSON report within its bound (harness.ts).
 *
 * Budget and the environment variables for longer runs: see harness.ts (FUZZ=long, FUZZ_RUNS=N).
 */
import { fuzz, Sandbox, summary, testTimeout } from './harness';
import { randomBook, tame, writeBook } from './sheets';

const sandbox = new Sandbox();
afterAll(() => sandbox.close());

const RUNS = 200;
const CAP = 8;

test(
  'generated workbooks are read or refused, never more, with a report in bounds',
  async () => {
    const tally = await fuzz(
      'generated-sheets',
      sandbox,
      randomBook,
      (book) => {
        const { bytes, inflated } = writeBook(tame(book));
        return { bytes, inflated, file: 'Phong_GD_Cu_Jut.xlsx', native: book.date1904 };
      },
      { runs: RUNS, seed: 0x5eed03, capSeconds: CAP },
    );
    console.log(summary('generated-sheets', tally));
    expect(tally.runs).toBeGreaterThan(0);
  },
  testTimeout(RUNS, CAP),
);
