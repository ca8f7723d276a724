/**
 * One measured task in a fresh process, so peak memory is its own: prints one JSON line
 * {ms, peakRssMb, startRssMb, detail}. Usage: node --import tsx scripts/bench/task.ts baseline|check|merge PATH
 *
 * check and merge run exactly what the command line runs (`dien-hinh check --json PATH`,
 * `dien-hinh merge PATH --out FILE --json`), output included, written to a byte counter or a temp file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Io } from '../../src/cli/common';
import type * as Cli from '../../src/cli/main';

/** The command line as the bin runs it: its bundle (bin/cli-bundle.js), built first when stale. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file, loaded at run time
const { cliModule } = require('../../bin/cli-bundle.js') as { cliModule: () => string };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module the bin requires
const { runCheck, runMerge } = require(cliModule()) as typeof Cli;

/** The baseline: ExcelJS's streaming reader reads every row of every sheet and does nothing else. */
async function baseline(ExcelJS: typeof import('exceljs'), target: string): Promise<number> {
  const files = fs.statSync(target).isDirectory()
    ? fs
        .readdirSync(target)
        .filter((f) => /\.xlsx$/i.test(f))
        .sort()
        .map((f) => path.join(target, f))
    : [target];
  let rows = 0;
  for (const file of files) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const ws of reader) {
      for await (const _row of ws) rows++;
    }
  }
  return rows;
}

function counter(): Io & { bytes: number } {
  const io = {
    bytes: 0,
    stdout: (s: string) => {
      io.bytes += s.length;
    },
    stderr: (s: string) => {
      process.stderr.write(s);
    },
  };
  return io;
}

async function main(): Promise<void> {
  const [task, target] = process.argv.slice(2);
  // ExcelJS is loaded for the baseline only, before its clock starts: check and merge do not use
  // it, and their memory is not to include it (~10 MB).
  const ExcelJS = task === 'baseline' ? (await import('exceljs')).default : null;
  const startRss = process.memoryUsage().rss;
  const t0 = performance.now();
  let detail: unknown;
  if (task === 'baseline') {
    detail = { rows: await baseline(ExcelJS as typeof import('exceljs'), target) };
  } else if (task === 'check') {
    const io = counter();
    const code = await runCheck({ paths: [target], json: true, lang: 'vi' }, io);
    detail = { exit: code, reportChars: io.bytes };
  } else if (task === 'merge') {
    const io = counter();
    const out = path.join(os.tmpdir(), `dien-hinh-bench-${process.pid}.xlsx`);
    const code = await runMerge({ paths: [target], out, json: true, lang: 'vi' }, io);
    detail = { exit: code, reportChars: io.bytes, xlsxBytes: fs.statSync(out).size };
    fs.rmSync(out);
  } else {
    throw new Error(`unknown task ${task}`);
  }
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, peakRssMb: peak, startRssMb: startRss / 1048576, detail }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
