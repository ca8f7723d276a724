/**
 * The import directions between src/ folders (LAYERS in eslint.config.mjs) are enforced by ESLint, so
 * a wrong arrow fails `npm test`. This test asks ESLint itself, in a child process (the config is an ES
 * module), about probe files placed in each folder: every forbidden arrow must be refused, and the
 * allowed ones accepted, so neither a rule that forbids nothing nor one that forbids everything passes.
 */
import { spawnSync } from 'node:child_process';
import { ROOT } from '../helpers/paths';

interface Probe {
  file: string;
  code: string;
}

/** ESLint's verdict on each probe: the no-restricted-imports messages, by probe. */
function lint(probes: Probe[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const probes = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const p of probes) {
        const [r] = await eslint.lintText(p.code, { filePath: p.file });
        out.push(r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script, JSON.stringify(probes)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`eslint failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[][];
}

const forbidden: Probe[] = [
  { file: 'src/text/probe.ts', code: "import { Rulebook } from '../rules/index';\nexport type X = Rulebook;\n" },
  { file: 'src/sheet/probe.ts', code: "import { runChecks } from '../check/engine';\nexport const x = runChecks;\n" },
  { file: 'src/check/probe.ts', code: "import { readXlsx } from '../formats/xlsx/read/workbook';\nexport const x = readXlsx;\n" },
  { file: 'src/check/probe.ts', code: "import { promises } from 'node:fs';\nexport const x = promises;\n" },
  { file: 'src/consolidate/probe.ts', code: "import { markFindings } from '../office/marks';\nexport const x = markFindings;\n" },
  { file: 'src/consolidate/probe.ts', code: "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n" },
  { file: 'src/office/probe.ts', code: "import { readXlsx } from '../formats/xlsx/read/workbook';\nexport const x = readXlsx;\n" },
  { file: 'src/formats/xlsx/read/probe.ts', code: "import { markFindings } from '../../../office/marks';\nexport const x = markFindings;\n" },
  { file: 'src/formats/zip/probe.ts', code: "import * as zlib from 'node:zlib';\nexport const x = zlib;\n" },
  { file: 'src/cli/probe.ts', code: "import { markFindings } from '../office/marks';\nexport const x = markFindings;\n" },
  { file: 'src/node/probe.ts', code: "import { App } from '../taskpane/App';\nexport const x = App;\n" },
  { file: 'src/check/probe.ts', code: "import { App } from '../taskpane/App';\nexport const x = App;\n" },
  { file: 'src/taskpane/tabs/probe.ts', code: "import { readXlsxFile } from '../../node/files';\nexport const x = readXlsxFile;\n" },
  { file: 'src/taskpane/probe.ts', code: "import { main } from '../cli/main';\nexport const x = main;\n" },
];

const allowed: Probe[] = [
  { file: 'src/rules/probe.ts', code: "import { fold } from '../text/normalize';\nexport const x = fold;\n" },
  { file: 'src/consolidate/probe.ts', code: "import type { Finding } from '../check/finding';\nexport type X = Finding;\n" },
  { file: 'src/formats/xlsx/read/probe.ts', code: "import type { WorkbookGrid } from '../../../sheet/grid';\nexport type X = WorkbookGrid;\n" },
  { file: 'src/node/probe.ts', code: "import * as fs from 'node:fs';\nimport { readXlsx } from '../formats/xlsx/read/workbook';\nexport const x = [fs, readXlsx];\n" },
  { file: 'src/cli/probe.ts', code: "import { readXlsxFile } from '../node/files';\nexport const x = readXlsxFile;\n" },
  { file: 'src/taskpane/tabs/probe.ts', code: "import { markFindings } from '../../office/marks';\nexport const x = markFindings;\n" },
];

describe('the import directions between folders (eslint.config.mjs LAYERS)', () => {
  const verdicts = lint([...forbidden, ...allowed]);

  test.each(forbidden.map((p, i) => [p.file, p.code.split('\n')[0], i] as const))('refused: %s: %s', (_file, _line, i) => {
    expect(verdicts[i].length).toBeGreaterThan(0);
  });

  test.each(allowed.map((p, i) => [p.file, p.code.split('\n')[0], forbidden.length + i] as const))('accepted: %s: %s', (_file, _line, i) => {
    expect(verdicts[i]).toEqual([]);
  });

  test('a refusal says which folders the file may import', () => {
    expect(verdicts[0].join(' ')).toContain('src/text/ may import only itself');
    expect(verdicts[2].join(' ')).toContain('src/check/ may import only src/text/, src/rules/, src/sheet/');
  });
});
