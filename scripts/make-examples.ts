/**
 * npm run examples: writes the example submissions into examples/ (see examples/README.md),
 * with the findings each must produce in examples/expected.json.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { buildExamples } from './examples/build';

async function main(): Promise<void> {
  const out = path.resolve(__dirname, '..', 'examples');
  const manifest = await buildExamples(out);
  // A renamed or dropped example must not linger: every .xlsx here is listed in expected.json.
  for (const f of await readdir(out)) {
    if (f.endsWith('.xlsx') && !manifest.files.includes(f)) await rm(path.join(out, f));
  }
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
