/**
 * npm run demo: checks the example submissions in examples/, merges them into
 * out/dien-hinh-tong-hop.xlsx and prints a short summary table.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { checkWorkbooks, type CheckResult } from '../src/check/index';
import { defaultRulebook, type Rulebook } from '../src/rules/index';
import { buildConsolidatedBook, reportData } from '../src/consolidate/index';
import { writeBook } from '../src/formats/xlsx/write/workbook';
import { listInputs, loadSources } from '../src/cli/common';

export const ROOT = path.resolve(__dirname, '..');
export const EXAMPLES = path.join(ROOT, 'examples');
export const DEMO_OUT = path.join(ROOT, 'out', 'dien-hinh-tong-hop.xlsx');

export interface DemoRun {
  result: CheckResult;
  rulebook: Rulebook;
  out: string;
}

/** Checks and merges the examples into the workbook; throws when there is nothing to merge. */
export async function runDemo(opts: { examples?: string; out?: string } = {}): Promise<DemoRun> {
  const examples = opts.examples ?? EXAMPLES;
  const out = opts.out ?? DEMO_OUT;
  const files = await listInputs([examples]).catch(() => []);
  if (files.filter((f) => /\.xlsx?m?$/i.test(f)).length === 0) {
    throw new Error(`Không có tệp .xlsx nào trong ${examples}. / No .xlsx file in ${examples}.`);
  }
  // Files named relative to the checkout ("examples/…"), wherever the demo is run from.
  const sources = (await loadSources([examples])).map((s) => ({ ...s, file: path.relative(ROOT, s.file).split(path.sep).join('/') }));
  const rulebook = defaultRulebook;
  const result = checkWorkbooks(sources, rulebook, { merge: true });
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, await writeBook(buildConsolidatedBook(result, rulebook)));
  return { result, rulebook, out };
}

/** Text padded to a width, counting characters as shown (NFC). */
function pad(text: string, width: number, right = false): string {
  const t = text.normalize('NFC');
  const n = [...t].length;
  const fill = ' '.repeat(Math.max(0, width - n));
  return right ? fill + t : t + fill;
}

export function summaryTable(run: DemoRun): string {
  const data = reportData(run.result, run.rulebook);
  const head = ['Đơn vị', 'Ngày gửi', 'Nhà giáo', 'Lỗi', 'Cảnh báo', 'Tình trạng'];
  const rows = data.lines.map((l) => [
    l.label,
    l.date,
    l.missing || l.unreadable ? '' : String(l.nominees),
    l.missing ? '' : String(l.errors),
    l.missing ? '' : String(l.warnings),
    l.timeliness === 'Trễ hạn' ? `${l.status} (trễ hạn)` : l.status,
  ]);
  const s = run.result.summary;
  const total = ['Tổng cộng', '', String(data.totals.nominees), String(data.totals.errors), String(data.totals.warnings), `${data.receivedUnits}/${data.registered} đơn vị đã gửi`];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]].length), [...total[i]].length));
  const numeric = [false, false, true, true, true, false];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i], numeric[i])).join('  ').trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const missing = data.missing.length ? ` (trong đó ${data.missing.length} cảnh báo đơn vị chưa gửi)` : '';
  return [
    line(head),
    rule,
    ...rows.map(line),
    rule,
    line(total),
    '',
    `Kiểm tra: ${s.submissions} danh sách, ${s.nominees} nhà giáo, ${s.errors} lỗi, ${s.warnings} cảnh báo${missing}, ${s.infos} thông tin.`,
    `Bảng tổng hợp: ${path.relative(process.cwd(), run.out) || run.out}`,
    '',
  ].join('\n');
}

async function main(): Promise<number> {
  try {
    const run = await runDemo();
    process.stdout.write(summaryTable(run));
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main().then((code) => {
    process.exitCode = code;
  });
}
