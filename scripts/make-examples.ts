/**
 * npm run examples: writes the example submissions into examples/ (see examples/README.md),
 * with the findings each must produce in examples/expected.json.
 */
import path from 'node:path';
import { buildExamples } from './examples/build';

async function main(): Promise<void> {
  const out = path.resolve(__dirname, '..', 'examples');
  const manifest = await buildExamples(out);
  for (const file of manifest.files) {
    const n = manifest.expected[file].length;
    console.log(`${file}: ${manifest.submissions[file].nominees} đề cử, ${n} phát hiện / ${n} finding(s)`);
  }
  console.log(`-> ${path.relative(process.cwd(), out) || '.'}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
