/**
 * One measured task in a fresh process, so peak memory is its own: prints one JSON line
 * {ms, peakRssMb, startRssMb}. Usage: node --import tsx scripts/bench/task.ts baseline|check|merge PATH
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { checkWorkbooks, toJsonReport } from '../../src/check/index';
import { defaultRulebook } from '../../src/rules/index';
import { listInputs, loadSources } from '../../src/cli/common';
import { writeConsolidatedXlsx } from '../../src/xlsx/writer';

/** The baseline: ExcelJS's streaming reader reads every row of every sheet and does nothing else. */
async function baseline(files: string[]): Promise<number> {
  let rows = 0;
  for (const file of files) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const ws of reader) {
      for await (const _row of ws) rows++;
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const [task, target] = process.argv.slice(2);
  const files = await listInputs([target]);
  const startRss = process.memoryUsage().rss;
  const t0 = performance.now();
  let detail: unknown;
  if (task === 'baseline') {
    detail = { rows: await baseline(files) };
  } else {
    const result = checkWorkbooks(await loadSources(files), defaultRulebook, { merge: task === 'merge' });
    const json = JSON.stringify(toJsonReport(result));
    detail = { nominees: result.summary.nominees, findings: result.findings.length, jsonBytes: json.length };
    if (task === 'merge') {
      const bytes = await writeConsolidatedXlsx(result, defaultRulebook);
      const out = path.join(os.tmpdir(), `dien-hinh-bench-${process.pid}.xlsx`);
      fs.writeFileSync(out, bytes);
      fs.rmSync(out);
    }
  }
  const ms = performance.now() - t0;
  const peak = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, peakRssMb: peak, startRssMb: startRss / 1048576, detail }) + '\n');
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
