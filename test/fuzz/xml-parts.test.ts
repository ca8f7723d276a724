/**
 * Fuzz: valid zips whose parts are damaged (xml-mutations.ts): the sheet, the shared strings, the
 * styles, the workbook, its relationships and the content types of real files, with markup inserted,
 * attribute values and element texts replaced (references, style ids, types, shared-string indexes
 * out of range; huge, negative and NaN numbers), random Unicode, DOCTYPEs and entities, deep nesting,
 * unclosed tags, ranges deleted or repeated; parts dropped, renamed or re-encoded. Every input must be
 * read or refused (UnreadableError), within the time bound, the two reads agreeing (harness.ts).
 *
 * Budget and the environment variables for longer runs: see harness.ts (FUZZ=long, FUZZ_RUNS=N).
 */
import { UNZIPPED } from './corpus';
import { fuzz, Sandbox, summary, testTimeout } from './harness';
import { applyPartMutation, partMutation } from './xml-mutations';

const sandbox = new Sandbox();
afterAll(() => sandbox.close());

const RUNS = 300;
const CAP = 9;

test(
  'real files with damaged XML parts are read or refused, never more',
  async () => {
    expect(UNZIPPED.length).toBeGreaterThanOrEqual(13);
    const tally = await fuzz(
      'xml-parts',
      sandbox,
      partMutation,
      (m) => {
        const { bytes, inflated, base } = applyPartMutation(m);
        return { bytes, inflated, file: base.name.replace(/^.*\//, ''), native: m.level === 9, merge: m.level === 1 };
      },
      { runs: RUNS, seed: 0x5eed02, capSeconds: CAP },
    );
    console.log(summary('xml-parts', tally));
    expect(tally.runs).toBeGreaterThan(0);
  },
  testTimeout(RUNS, CAP),
);
