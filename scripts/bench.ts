/**
 * `npm run bench`: speed and memory of check and merge against the bare ExcelJS streaming parse of the
 * same files, measured in the same run, each task in a fresh process (median of several runs).
 */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBigSheet, ensureManyFiles } from './bench/workloads';
import { benchOffice } from './bench/office';

const ROOT = path.resolve(__dirname, '..', 'bench-data');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Sample {
  ms: number;
  peakRssMb: number;
  startRssMb: number;
}

function runTask(task: string, target: string): Sample {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bench', 'task.ts'), task, target], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as Sample;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(task: string, target: string): Sample {
  const samples: Sample[] = [];
  for (let i = 0; i < RUNS; i++) samples.push(runTask(task, target));
  return { ms: median(samples.map((s) => s.ms)), peakRssMb: median(samples.map((s) => s.peakRssMb)), startRssMb: median(samples.map((s) => s.startRssMb)) };
}

const fmt = (n: number, d = 0) => n.toFixed(d).padStart(8);

async function main(): Promise<void> {
  process.stdout.write(`Máy / machine: ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${RUNS} lần chạy, lấy trung vị / median of ${RUNS} runs\n`);
  process.stdout.write('Đang tạo dữ liệu thử / generating workloads (bench-data/, first run only)…\n');
  const workloads: [string, string][] = [
    ['(a) 500 tệp × 3–20 dòng', await ensureManyFiles(ROOT)],
    ['(b) 1 trang × 50.000 dòng', await ensureBigSheet(ROOT)],
  ];
  const lines: string[] = [];
  lines.push(`${'workload'.padEnd(28)} ${'task'.padEnd(9)} ${'ms'.padStart(8)} ${'×base'.padStart(8)} ${'peakMB'.padStart(8)} ${'×base'.padStart(8)} ${'growMB'.padStart(8)}`);
  for (const [label, target] of workloads) {
    const base = measure('baseline', target);
    for (const task of ['baseline', 'check', 'merge']) {
      const s = task === 'baseline' ? base : measure(task, target);
      lines.push(
        `${label.padEnd(28)} ${task.padEnd(9)} ${fmt(s.ms)} ${fmt(s.ms / base.ms, 2)} ${fmt(s.peakRssMb)} ${fmt(s.peakRssMb / base.peakRssMb, 2)} ${fmt(s.peakRssMb - s.startRssMb)}`,
      );
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
  process.stdout.write('\n(c) Office layer, 10.000 dòng, fake RequestContext:\n');
  for (const line of await benchOffice()) process.stdout.write(`  ${line}\n`);
  process.stdout.write('\nbaseline = ExcelJS stream.xlsx.WorkbookReader reading every row, nothing else. peakMB = process max RSS; growMB = peak − RSS before the task.\n');
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
