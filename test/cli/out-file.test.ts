/**
 * `--out` never destroys an input, whatever name reaches it, and never writes into anything but a
 * regular file or a new name; the workbook appears whole or not at all.
 */
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { checkOutput, inputIds, OutputRefused, writeOutput } from '../../src/node/output';
import { readXlsx } from '../../src/formats/xlsx/read/workbook';
import { CU_JUT, filledTemplate } from '../consolidate/fill';
import { ROOT } from '../helpers/paths';

const posix = process.platform !== 'win32';
const posixTest = posix ? test : test.skip;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

/** Files whose name is that of a temporary output. */
const temps = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

describe('--out', () => {
  let dir: string;
  let input: string;
  let bytes: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-out-'));
    mkdirSync(path.join(dir, 'real'));
    input = path.join(dir, 'real', 'in.xlsx');
    writeFileSync(input, await filledTemplate('cu-jut', CU_JUT));
    bytes = readFileSync(input);
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    // Every input byte-identical, no temporary file anywhere.
    expect(readFileSync(input).equals(bytes)).toBe(true);
    expect(temps(dir)).toEqual([]);
    expect(temps(path.join(dir, 'real'))).toEqual([]);
  });

  async function refused(args: string[], why: RegExp): Promise<void> {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(why);
    // The reason in both languages, without the help.
    expect(r.err).toContain('Tệp kết quả');
    expect(r.err).toContain('The output');
    expect(r.err).not.toContain('Cách dùng');
  }

  posixTest('a symlink to the input', async () => {
    const link = path.join(dir, 'link.xlsx');
    symlinkSync(input, link);
    await refused(['merge', input, '--out', link], /chính là tệp đầu vào/);
    expect(readlinkSync(link)).toBe(input);
  });

  posixTest('a hard link to the input', async () => {
    const hard = path.join(dir, 'hard.xlsx');
    linkSync(input, hard);
    await refused(['merge', input, '--out', hard], /is the input/);
    expect(statSync(hard).ino).toBe(statSync(input).ino);
  });

  posixTest('the input through a symlinked folder, the output by its real path (and the other way round)', async () => {
    await refused(['merge', path.join(dir, 'alias'), '--out', input], /chính là tệp đầu vào/);
    await refused(['merge', input, '--out', path.join(dir, 'alias', 'in.xlsx')], /chính là tệp đầu vào/);
    await refused(['merge', path.join(dir, 'alias', 'in.xlsx'), '--out', path.join(dir, 'real', '..', 'real', 'in.xlsx')], /is the input/);
  });

  posixTest('a FIFO: refused at once, left as it was', async () => {
    const fifo = path.join(dir, 'out-fifo.xlsx');
    spawnSync('mkfifo', [fifo]);
    const t0 = Date.now();
    await refused(['merge', input, '--out', fifo], /FIFO/);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  test('a folder, and a device', async () => {
    mkdirSync(path.join(dir, 'out.xlsx'));
    await refused(['merge', input, '--out', path.join(dir, 'out.xlsx')], /là thư mục/);
    if (existsSync('/dev/null')) await refused(['merge', input, '--out', '/dev/null'], /is a device/);
  });

  test('template: the rulebook file read is an input too', async () => {
    const rules = path.join(dir, 'rules.json');
    writeFileSync(rules, readFileSync(path.join(ROOT, 'src', 'rules', 'dak-nong-2022-2025.json')));
    const before = readFileSync(rules);
    await refused(['template', '--rules', rules, '--out', rules], /chính là tệp đầu vào/);
    expect(readFileSync(rules).equals(before)).toBe(true);
  });

  test('an existing output is replaced whole, its permissions kept; through a symlink, the file it points at', async () => {
    const out = path.join(dir, 'tong-hop.xlsx');
    writeFileSync(out, 'old');
    if (posix) chmodSync(out, 0o640);
    expect((await run('merge', input, '--out', out)).code).toBeLessThan(2);
    expect(readXlsx(new Uint8Array(readFileSync(out))).sheets[0].name).toBe('Tổng hợp');
    if (posix) expect(statSync(out).mode & 0o777).toBe(0o640);
    if (posix) {
      const link = path.join(dir, 'moi-nhat.xlsx');
      symlinkSync(out, link);
      writeFileSync(out, 'old');
      expect((await run('template', '--out', link)).code).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readXlsx(new Uint8Array(readFileSync(out))).sheets[0].name).toBe('Danh sách');
    }
  });
});

describe('writeOutput', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-write-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a write that fails leaves no output and no temporary file', async () => {
    const target = await checkOutput(path.join(dir, 'out.xlsx'), await inputIds([]));
    const bad = [new Uint8Array(10), 'not bytes' as unknown as Uint8Array];
    await expect(writeOutput(target, bad, await inputIds([]))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a failure over an existing output leaves the old one untouched', async () => {
    const file = path.join(dir, 'out.xlsx');
    writeFileSync(file, 'old');
    const target = await checkOutput(file, await inputIds([]));
    await expect(writeOutput(target, [new Uint8Array(4), null as unknown as Uint8Array], await inputIds([]))).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['out.xlsx']);
  });

  test('checked again before the rename: an output that turned into a folder meanwhile is refused, the temporary file removed', async () => {
    const file = path.join(dir, 'out.xlsx');
    const target = await checkOutput(file, await inputIds([]));
    mkdirSync(file);
    await expect(writeOutput(target, [new Uint8Array(4)], await inputIds([]))).rejects.toBeInstanceOf(OutputRefused);
    expect(readdirSync(dir)).toEqual(['out.xlsx']);
    expect(statSync(file).isDirectory()).toBe(true);
  });

  test('a new output in a folder not made yet', async () => {
    const file = path.join(dir, 'a', 'b', 'out.xlsx');
    const target = await checkOutput(file, await inputIds([]));
    await writeOutput(target, [new Uint8Array([1, 2]), new Uint8Array([3])], await inputIds([]));
    expect([...readFileSync(file)]).toEqual([1, 2, 3]);
    expect(readdirSync(path.dirname(file))).toEqual(['out.xlsx']);
  });
});
