/**
 * The task pane as `npm run build` makes it, built once for the browser test into
 * node_modules/.cache/ and reused while its inputs are unchanged (a digest of their paths, sizes
 * and modification times). DIEN_HINH_REBUILD=1 forces a build. Each checkout builds into a folder of
 * its own (named by a digest of its path): git worktrees that share one node_modules do not serve
 * each other's builds.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const CHECKOUT = createHash('sha256').update(ROOT).digest('hex').slice(0, 12);
export const BUILD_DIR = join(ROOT, 'node_modules', '.cache', 'dien-hinh-browser-test', CHECKOUT, 'dist');
const STAMP = join(BUILD_DIR, '..', 'inputs.sha256');
const INPUTS = ['src', 'assets', 'manifest.xml', 'webpack.config.js', 'package.json', 'package-lock.json', 'tsconfig.json'];

function files(path: string, out: string[]): string[] {
  if (!existsSync(path)) return out;
  const st = statSync(path);
  if (st.isDirectory()) for (const name of readdirSync(path).sort()) files(join(path, name), out);
  else out.push(path);
  return out;
}

/** What the build depends on, as one digest. */
export function inputsDigest(): string {
  const h = createHash('sha256');
  for (const f of INPUTS.flatMap((p) => files(join(ROOT, p), []))) {
    const st = statSync(f);
    h.update(`${relative(ROOT, f)}\0${st.size}\0${st.mtimeMs}\n`);
  }
  return h.digest('hex');
}

export interface BuildOutcome {
  dir: string;
  /** false: the previous build was still fresh. */
  built: boolean;
  ms: number;
}

export function ensureBuild(): BuildOutcome {
  const started = Date.now();
  const digest = inputsDigest();
  const fresh =
    process.env.DIEN_HINH_REBUILD !== '1' &&
    existsSync(join(BUILD_DIR, 'taskpane.html')) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === digest;
  if (fresh) return { dir: BUILD_DIR, built: false, ms: Date.now() - started };
  rmSync(STAMP, { force: true });
  mkdirSync(BUILD_DIR, { recursive: true });
  const env = { ...process.env };
  delete env.ADDIN_BASE_URL; // the dev manifest URLs; the page itself does not depend on them
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js'), '--mode', 'production', '--output-path', BUILD_DIR], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
    });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`webpack build failed:\n${String(e.stdout ?? '').slice(-4000)}\n${String(e.stderr ?? '').slice(-4000)}`);
  }
  writeFileSync(STAMP, digest);
  return { dir: BUILD_DIR, built: true, ms: Date.now() - started };
}
