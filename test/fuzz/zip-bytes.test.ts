/**
 * Fuzz: real files (the examples, a few of the shared corpus) with their zip damaged: header fields
 * set to awkward values, bits flipped, bytes inserted, deleted and repeated, the file cut short; on a
 * copy with stored parts, damage to a part's data with its CRC put right. Every input must be read
 * or refused (UnreadableError), within the time bound, the two reads agreeing (harness.ts).
 *
 * Budget and the environment variables for longer runs: see harness.ts (FUZZ=long, FUZZ_RUNS=N).
 */
import { BASES } from './corpus';
import { fuzz, Sandbox, summary, testTimeout } from './harness';
import { applyByteMutation, byteMutation } from './zip-mutations';

const sandbox = new Sandbox();
afterAll(() => sandbox.close());

const RUNS = 250;
const CAP = 6;

test(
  'damaged zips of real files are read or refused, never more',
  async () => {
    expect(BASES.length).toBeGreaterThanOrEqual(13);
    const tally = await fuzz(
      'zip-bytes',
      sandbox,
      byteMutation,
      (m) => {
        const { bytes, base } = applyByteMutation(m);
        return { bytes, inflated: base.inflated, file: base.name.replace(/^.*\//, ''), native: m.ops.length % 2 === 0, merge: m.fixCrc };
      },
      { runs: RUNS, seed: 0x5eed01, capSeconds: CAP },
    );
    console.log(summary('zip-bytes', tally));
    expect(tally.runs).toBeGreaterThan(0);
  },
  testTimeout(RUNS, CAP),
);
