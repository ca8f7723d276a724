/**
 * Writes every output the command line makes on a fixed set of inputs into one folder, so that two
 * versions of the code can be compared byte for byte (`scripts/compare-outputs.sh REV`):
 * the JSON and text reports of `check`, and the unzipped parts of `merge`'s and `template`'s workbooks,
 * on examples/, on ../shared/corpus/ and on the bench workloads (bench-data/, generated when missing).
 *
 *   npx tsx scripts/snapshot-outputs.ts OUTDIR [--cli DIR] [--no-bench]
 *
 * `--cli DIR` runs the command line of another checkout (its bin/dien-hinh.js), with this checkout's inputs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { ensureBigSheet, ensureManyFiles } from './bench/workloads';

const ROOT = path.resolve(__dirname, '..');

function run(cliRoot: string, args: string[], outFile: string): void {
  const r = spawnSync(process.execPath, [path.join(cliRoot, 'bin', 'dien-hinh.js'), ...args], {
    cwd: ROOT,
    maxBuffer: 1 << 30,
    encoding: 'utf8',
    env: { ...process.env, TZ: 'UTC' },
  });
  fs.writeFileSync(outFile, `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
}

/** A workbook's parts, each as a file of its own (the zip's own bytes depend on the deflater alone). */
function unzipTo(xlsx: string, dir: string): void {
  if (!fs.existsSync(xlsx)) return;
  const parts = unzipSync(fs.readFileSync(xlsx));
  for (const [name, data] of Object.entries(parts)) {
    const to = path.join(dir, name);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, data);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const out = args[0];
  if (!out) throw new Error('usage: snapshot-outputs.ts OUTDIR [--cli DIR] [--no-bench]');
  const cliAt = args.indexOf('--cli');
  const cliRoot = cliAt >= 0 ? path.resolve(args[cliAt + 1]) : ROOT;
  fs.mkdirSync(out, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-snap-'));

  const corpus = path.resolve(ROOT, '..', 'shared', 'corpus');
  const sets: [string, string[]][] = [['examples', ['examples']]];
  if (fs.existsSync(corpus)) sets.push(['corpus', [path.relative(ROOT, corpus)]]);
  if (!args.includes('--no-bench')) {
    const data = path.join(ROOT, 'bench-data');
    sets.push(['bench-a', [path.relative(ROOT, await ensureManyFiles(data))]]);
    sets.push(['bench-b', [path.relative(ROOT, await ensureBigSheet(data))]]);
  }
  for (const [name, inputs] of sets) {
    process.stdout.write(`${name}…\n`);
    run(cliRoot, ['check', ...inputs, '--json'], path.join(out, `${name}.check.json.txt`));
    run(cliRoot, ['check', ...inputs], path.join(out, `${name}.check.txt`));
    run(cliRoot, ['check', ...inputs, '--lang', 'en'], path.join(out, `${name}.check.en.txt`));
    const book = path.join(tmp, `${name}.xlsx`);
    run(cliRoot, ['merge', ...inputs, '--out', book, '--json', '--date', '05/12/2025'], path.join(out, `${name}.merge.json.txt`));
    unzipTo(book, path.join(out, `${name}.merge.xlsx.d`));
  }
  const tpl = path.join(tmp, 'template.xlsx');
  run(cliRoot, ['template', '--out', tpl, '--unit', 'Cư Jút'], path.join(out, 'template.txt'));
  unzipTo(tpl, path.join(out, 'template.xlsx.d'));
  // The paths of the temporary workbooks differ between runs: say them the same way.
  for (const f of fs.readdirSync(out)) {
    const p = path.join(out, f);
    if (fs.statSync(p).isFile()) fs.writeFileSync(p, fs.readFileSync(p, 'utf8').split(tmp).join('<tmp>'));
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
