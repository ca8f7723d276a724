import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The folders of src/ and what each may import (besides itself and third-party packages).
 * One direction: text <- rules <- sheet <- check <- consolidate, with book (the neutral workbook model)
 * beside them; the adapters (formats, office) and node sit on the core; the faces (taskpane, cli) on top.
 * The two adapters never import each other; the CLI never imports office/; nothing imports a face.
 * test/lint/layers.test.ts holds this table to ESLint's verdicts.
 */
export const LAYERS = {
  text: [],
  rules: ['text'],
  sheet: ['text', 'rules'],
  book: ['text', 'sheet'],
  check: ['text', 'rules', 'sheet'],
  consolidate: ['text', 'rules', 'sheet', 'check', 'book'],
  formats: ['text', 'rules', 'sheet', 'check', 'book'],
  office: ['text', 'rules', 'sheet', 'check', 'book', 'consolidate'],
  node: ['text', 'rules', 'sheet', 'check', 'book', 'consolidate', 'formats'],
  taskpane: ['text', 'rules', 'sheet', 'check', 'book', 'consolidate', 'formats', 'office'],
  cli: ['text', 'rules', 'sheet', 'check', 'book', 'consolidate', 'formats', 'node'],
};

/** Folders that run in the browser and in Excel too: no Node built-ins. */
const PORTABLE = ['text', 'rules', 'sheet', 'book', 'check', 'consolidate', 'formats', 'office', 'taskpane'];
/** The core: no file format, Office.js, UI library or Node built-in either. */
const CORE = ['text', 'rules', 'sheet', 'book', 'check', 'consolidate'];

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'zlib', 'stream', 'buffer', 'crypto', 'child_process', 'util', 'worker_threads'];
const UI_AND_HOSTS = ['exceljs', 'react', 'react-dom', 'react/*', '@fluentui/*', '@microsoft/office-js', 'fflate'];

function layerRules(folder) {
  const allowed = new Set(LAYERS[folder]);
  const forbidden = Object.keys(LAYERS).filter((f) => f !== folder && !allowed.has(f));
  const patterns = [];
  if (forbidden.length > 0) {
    patterns.push({
      group: forbidden.flatMap((f) => [`**/${f}/*`, `**/${f}/**`, `../${f}`, `../../${f}`]),
      message: `src/${folder}/ may import only ${LAYERS[folder].map((f) => `src/${f}/`).join(', ') || 'itself'} (see LAYERS in eslint.config.mjs).`,
    });
  }
  if (PORTABLE.includes(folder)) patterns.push({ group: NODE_BUILTINS, message: `src/${folder}/ runs in the browser and in Excel too: no Node built-ins (they belong in src/node/).` });
  if (CORE.includes(folder)) patterns.push({ group: UI_AND_HOSTS, message: 'The core must not import a file-format library, Office.js or a UI library.' });
  return {
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
}

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', 'coverage', 'bench-data', 'test-output'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...Object.keys(LAYERS).map(layerRules),
);
