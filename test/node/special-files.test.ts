/**
 * Only regular files are read: a FIFO (whose open would block until a writer comes, forever), a
 * device or a folder named x.xlsx is refused at once, alone or inside a folder, and the other files
 * are still checked.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { readXlsxFile, UnreadableError } from '../../src/node/files';
import { checkPaths, listInputs } from '../../src/cli/common';
import { defaultRulebook } from '../../src/rules/index';
import { CU_JUT, filledTemplate } from '../consolidate/fill';

const canFifo = process.platform !== 'win32';
const fifoTest = canFifo ? test : test.skip;

async function refusal(p: Promise<unknown>): Promise<UnreadableError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UnreadableError) return e;
    throw e;
  }
  throw new Error('not refused');
}

/** The promise, or a failure after `ms` (a blocked open never settles). */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still running after ${ms} ms`)), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

describe('special files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dien-hinh-special-'));
    mkdirSync(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'in', 'ok.xlsx'), await filledTemplate('cu-jut', CU_JUT));
    if (canFifo) spawnSync('mkfifo', [path.join(dir, 'in', 'x.xlsx')]);
    mkdirSync(path.join(dir, 'in', 'y.xlsx', 'xl'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  fifoTest('a FIFO named x.xlsx is refused within a second, saying what it is', async () => {
    const fifo = path.join(dir, 'in', 'x.xlsx');
    expect(existsSync(fifo)).toBe(true);
    const e = await within(refusal(readXlsxFile(fifo)), 1000);
    expect(e.info.code).toBe('not-file');
    expect(e.info.message).toContain('đường ống (FIFO)');
    expect(e.info.messageEn).toContain('pipe (FIFO)');
  });

  test('a folder and a device are refused too', async () => {
    const folder = await refusal(readXlsxFile(path.join(dir, 'in', 'y.xlsx')));
    expect([folder.info.code, folder.info.message]).toEqual(['not-file', expect.stringContaining('là thư mục')]);
    if (existsSync('/dev/null')) {
      const device = await within(refusal(readXlsxFile('/dev/null')), 1000);
      expect([device.info.code, device.info.messageEn]).toEqual(['not-file', expect.stringContaining('is a device')]);
    }
  });

  test('inside a folder, anything named like a workbook is listed (and refused by name), not searched or dropped', async () => {
    const files = (await listInputs([path.join(dir, 'in')])).map((f) => path.basename(f));
    expect(files).toEqual(canFifo ? ['ok.xlsx', 'x.xlsx', 'y.xlsx'] : ['ok.xlsx', 'y.xlsx']);
    // Named on its own, a folder named like a workbook is refused as well, not searched.
    expect(await listInputs([path.join(dir, 'in', 'y.xlsx')])).toEqual([path.join(dir, 'in', 'y.xlsx')]);
  });

  test('checking the folder and the FIFO by name: each refused with FILE_UNREADABLE, the good file read', async () => {
    const named = canFifo ? [path.join(dir, 'in'), path.join(dir, 'in', 'x.xlsx')] : [path.join(dir, 'in')];
    const result = await within(checkPaths(named, defaultRulebook), 5000);
    const refused = result.findings.filter((f) => f.ruleId === 'FILE_UNREADABLE').map((f) => path.basename(f.file));
    expect(refused.sort()).toEqual(canFifo ? ['x.xlsx', 'x.xlsx', 'y.xlsx'] : ['y.xlsx']);
    const ok = result.submissions.find((s) => s.file.endsWith('ok.xlsx'));
    expect(ok?.status).not.toBe('unreadable');
    expect(ok?.nominations).toHaveLength(CU_JUT.length);
  });
});
