/**
 * Every file of ../shared/corpus through the whole `check` path (read, find tables, check): each is read
 * or refused with FILE_UNREADABLE, never an exception, and the run goes on with the other files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWorkbooks } from '../../src/check/index';
import { defaultRulebook } from '../../src/rules/index';
import { listInputs, loadSource } from '../../src/cli/common';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

describe('check over the shared corpus', () => {
  it('the corpus is there (a missing corpus fails, it does not skip)', () => {
    expect(fs.existsSync(path.join(CORPUS, 'poi'))).toBe(true);
    expect(fs.existsSync(path.join(CORPUS, 'attacks'))).toBe(true);
  });

  it('reads or refuses every file, and refuses the zip bombs with FILE_UNREADABLE', async () => {
    const files = await listInputs([CORPUS]);
    expect(files.length).toBeGreaterThan(350);
    let read = 0;
    let refused = 0;
    for (const file of files) {
      const source = await loadSource(file);
      const result = checkWorkbooks([source], defaultRulebook);
      expect(result.submissions.length).toBeGreaterThan(0);
      if (source.unreadable) {
        refused++;
        expect(result.findings.map((f) => f.ruleId)).toEqual(['FILE_UNREADABLE']);
        expect(result.findings[0].message).toMatch(/^Không đọc được tệp: .{10,}/);
        expect(result.submissions[0].status).toBe('unreadable');
      } else {
        read++;
        for (const s of result.submissions) expect(['ok', 'invalid']).toContain(s.status);
      }
    }
    for (const bomb of ['zipbomb-300MiB-ws.xlsx', 'zipbomb-700MiB-ws.xlsx', 'zipbomb-700MiB-ws-nozip64.xlsx', 'plain-text-renamed.xlsx', 'truncated.xlsx']) {
      expect((await loadSource(path.join(CORPUS, 'attacks', bomb))).unreadable).toBeDefined();
    }
    expect(read).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(10);
  }, 240_000);
});
