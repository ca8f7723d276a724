/**
 * After `webpack --mode production`: how much JavaScript the task pane loads at start (the scripts
 * taskpane.html names) and what is left to load on demand (the .xlsx reader and writer, ExcelJS).
 * Sizes raw and gzip-compressed, as a web server would send them.
 * Usage: tsx scripts/build-report.ts [distDir]   (exits 1 if ExcelJS ended up in the initial JS)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ScriptSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BuildReport {
  initial: ScriptSize[];
  onDemand: ScriptSize[];
  initialBytes: number;
  initialGzip: number;
  excelJsInitial: boolean;
}

function size(dir: string, file: string): ScriptSize {
  const data = readFileSync(join(dir, file));
  return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/** Local scripts of an HTML page, in order (the Office.js CDN script is not ours and not counted). */
export function pageScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc=["']?([^"' >]+)/gi)) {
    if (!/^[a-z]+:\/\//i.test(m[1])) out.push(m[1].replace(/^\.?\//, ''));
  }
  return out;
}

export function buildReport(dist: string): BuildReport {
  const html = readFileSync(join(dist, 'taskpane.html'), 'utf8');
  const initialFiles = pageScripts(html);
  const commands = pageScripts(readFileSync(join(dist, 'commands.html'), 'utf8'));
  const js = readdirSync(dist).filter((f) => f.endsWith('.js') && statSync(join(dist, f)).isFile());
  const initial = initialFiles.map((f) => size(dist, f));
  const onDemand = js.filter((f) => !initialFiles.includes(f) && !commands.includes(f)).map((f) => size(dist, f)).sort((a, b) => b.bytes - a.bytes);
  const excelJsInitial = initialFiles.some((f) => /exceljs/i.test(f) || readFileSync(join(dist, f), 'utf8').includes('exceljs.min.js'));
  return {
    initial,
    onDemand,
    initialBytes: initial.reduce((n, s) => n + s.bytes, 0),
    initialGzip: initial.reduce((n, s) => n + s.gzip, 0),
    excelJsInitial,
  };
}

function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}

function main(): void {
  const dist = process.argv[2] ?? join(__dirname, '..', 'dist');
  const r = buildReport(dist);
  const line = (s: ScriptSize) => `  ${s.file.padEnd(40)} ${kib(s.bytes).padStart(11)}  (gzip ${kib(s.gzip)})`;
  console.log('\nInitial JavaScript of the task pane (taskpane.html):');
  r.initial.forEach((s) => console.log(line(s)));
  console.log(`  ${'TOTAL'.padEnd(40)} ${kib(r.initialBytes).padStart(11)}  (gzip ${kib(r.initialGzip)})`);
  console.log('\nLoaded only when needed:');
  r.onDemand.forEach((s) => console.log(line(s)));
  if (r.excelJsInitial) {
    console.error('\nERROR: ExcelJS is in the initial JavaScript; it must stay behind a dynamic import.');
    process.exit(1);
  }
}

if (require.main === module) main();
