/**
 * npm run render: opens the consolidated workbook in an independent consumer. LibreOffice (headless)
 * converts out/dien-hinh-tong-hop.xlsx to PDF (the demo runs first when the workbook is missing); the
 * script fails when the conversion fails. The pages of the `Báo cáo` sheet are then drawn as PNG
 * (pdftoppm) into out/render/ for a look.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_OUT, ROOT, runDemo } from './demo';
import { defaultRulebook } from '../src/rules/index';

const RENDER_DIR = path.join(ROOT, 'out', 'render');

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Installs a Debian package when missing and allowed (root with apt-get); true when the command exists. */
function ensure(cmd: string, pkg: string): boolean {
  if (has(cmd)) return true;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || !has('apt-get')) {
    process.stderr.write(`Thiếu "${cmd}": cài bằng "apt-get install -y ${pkg}". / "${cmd}" is missing: apt-get install -y ${pkg}\n`);
    return false;
  }
  process.stderr.write(`Đang cài ${pkg}… / Installing ${pkg}…\n`);
  let r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  return has(cmd);
}

function pdfPages(pdf: string): number {
  const r = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const m = /^Pages:\s+(\d+)/m.exec(r.stdout ?? '');
  return m ? Number(m[1]) : 0;
}

function pageText(pdf: string, page: number): string {
  const r = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'], { encoding: 'utf8' });
  return r.stdout ?? '';
}

async function main(): Promise<number> {
  const xlsx = DEMO_OUT;
  if (!existsSync(xlsx)) {
    process.stdout.write('Chưa có bảng tổng hợp: chạy demo trước… / No workbook yet: running the demo…\n');
    await runDemo();
  }
  if (!ensure('soffice', 'libreoffice-calc')) return 1;
  mkdirSync(RENDER_DIR, { recursive: true });
  const pdf = path.join(RENDER_DIR, `${path.basename(xlsx, '.xlsx')}.pdf`);
  rmSync(pdf, { force: true });
  // A profile of its own: a running LibreOffice (or a stale lock) cannot block the conversion.
  const profile = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-lo-'));
  try {
    const r = spawnSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', RENDER_DIR, xlsx],
      { encoding: 'utf8', timeout: 240_000 },
    );
    if (r.status !== 0 || !existsSync(pdf)) {
      process.stderr.write(`LibreOffice không chuyển được sang PDF. / LibreOffice could not convert the workbook.\n${r.stderr ?? ''}${r.error ? String(r.error) : ''}\n`);
      return 1;
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(`PDF: ${path.relative(process.cwd(), pdf)}\n`);

  if (!ensure('pdftoppm', 'poppler-utils')) {
    process.stderr.write('Không vẽ được ảnh PNG (thiếu pdftoppm); PDF vẫn đã tạo. / No PNG (pdftoppm missing); the PDF is there.\n');
    return 0;
  }
  // The report is the last sheet: its pages run from the page with the document number to the end.
  const pages = pdfPages(pdf);
  // "Số: …/BC-SGDĐT" stands only in the report's heading.
  const symbol = defaultRulebook.agency.reportSymbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const marker = new RegExp(`Số:\\s*/${symbol}`);
  let first = 0;
  for (let p = 1; p <= pages; p++) {
    if (marker.test(pageText(pdf, p))) {
      first = p;
      break;
    }
  }
  if (!first) {
    process.stderr.write(`Không thấy trang "Báo cáo" trong PDF (${pages} trang). / The report page was not found in the PDF.\n`);
    return 1;
  }
  const prefix = path.join(RENDER_DIR, 'bao-cao');
  const r = spawnSync('pdftoppm', ['-f', String(first), '-l', String(pages), '-r', '110', '-png', pdf, prefix], { encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`pdftoppm lỗi: ${r.stderr ?? ''}\n`);
    return 1;
  }
  process.stdout.write(`Báo cáo: trang ${first}–${pages} của PDF -> ${path.relative(process.cwd(), prefix)}-*.png\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
