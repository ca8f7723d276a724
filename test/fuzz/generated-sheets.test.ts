/**
 * Fuzz: workbooks generated from scratch (sheets.ts, randomBook): cells of every type at random
 * places (now and then at the edge of Excel's grid or past it), out-of-range shared-string indexes
 * and style ids, ISO dates, booleans, errors, formulas and shared formulas, merges, several sheets,
 * hidden sheets, legacy fonts, random Unicode; and file names of any kind (a unit may be read from
 * the name). Every input must be read or refused (UnreadableError),
 * within the time bound, the two reads agreeing, and the JSON report within its bound (harness.ts).
 *
 * Budget and the environment variables for longer runs: see harness.ts (FUZZ=long, FUZZ_RUNS=N).
 */
import fc from 'fast-check';
import { fuzz, Sandbox, summary, testTimeout } from './harness';
import { randomBook, tame, writeBook } from './sheets';
import { anyText } from './xml-mutations';

const sandbox = new Sandbox();
afterAll(() => sandbox.close());

/** Names as the offices send them, and names of any kind. */
const fileName = fc.oneof(
  fc.constantFrom('Phong_GD_Cu_Jut.xlsx', 'DS de cu NGTB Krông Nô 2025.xlsx', 'in/khoi-thi-dua-1.xlsx', 'C:\\Users\\x\\Đắk Mil.xlsx', '.xlsx', ''),
  anyText.map((s) => `${s}.xlsx`),
  anyText,
);

const RUNS = 200;
const CAP = 7;

test(
  'generated workbooks are read or refused, never more, with a report in bounds',
  async () => {
    const tally = await fuzz(
      'generated-sheets',
      sandbox,
      fc.tuple(randomBook, fileName),
      ([book, file]) => {
        const { bytes, inflated } = writeBook(tame(book));
        return { bytes, inflated, file, native: book.date1904, merge: book.rich };
      },
      { runs: RUNS, seed: 0x5eed03, capSeconds: CAP },
    );
    console.log(summary('generated-sheets', tally));
    expect(tally.runs).toBeGreaterThan(0);
  },
  testTimeout(RUNS, CAP),
);
