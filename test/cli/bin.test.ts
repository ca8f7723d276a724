/**
 * The installed command (bin/dien-hinh.js) runs from its bundle, built from src/ when stale: the
 * process a clerk starts gives what the sources give (the same JSON report as main() on the
 * examples, the same consolidated workbook, the same exit status).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'dien-hinh.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS helper the bin uses
const { cliModule, BUNDLE } = require('../../bin/cli-bundle.js') as { cliModule: () => string; BUNDLE: string };

async function viaMain(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(argv, { stdout: (s) => (out += s), stderr: () => undefined });
  return { code, out };
}

describe('bin/dien-hinh.js', () => {
  it('is served by a bundle no older than the sources', () => {
    expect(cliModule()).toBe(BUNDLE);
    const built = fs.statSync(BUNDLE).mtimeMs;
    const newest = (dir: string): number =>
      Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));
    expect(built).toBeGreaterThanOrEqual(newest(path.join(ROOT, 'src')));
  });

  it('check --json on the examples: the report main() gives, exit 1 (they hold errors)', async () => {
    const r = spawnSync(process.execPath, [BIN, 'check', 'examples', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    const want = await viaMain(['check', 'examples', '--json']);
    expect(r.status).toBe(1);
    expect(want.code).toBe(1);
    expect(r.stdout).toBe(want.out);
    expect(JSON.parse(r.stdout).summary.nominees).toBeGreaterThan(30);
  }, 60_000);

  it('merge writes the same workbook as main(), and misuse exits 2 with a Vietnamese message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-bin-'));
    try {
      const a = path.join(dir, 'bin.xlsx');
      const b = path.join(dir, 'main.xlsx');
      spawnSync(process.execPath, [BIN, 'merge', 'examples', '--out', a, '--date', '02/12/2026'], { cwd: ROOT });
      await viaMain(['merge', 'examples', '--out', b, '--date', '02/12/2026']);
      expect(fs.readFileSync(a).equals(fs.readFileSync(b))).toBe(true);
      const bad = spawnSync(process.execPath, [BIN, 'merge', 'examples'], { cwd: ROOT, encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/Lệnh merge cần --out FILE/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('--help answers at once', () => {
    expect(execFileSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' })).toMatch(/Cách dùng \/ Usage/);
  });
});
