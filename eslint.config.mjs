import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'out', 'coverage', 'bench-data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The core must run unchanged in Node, the browser and Excel: no Office.js, ExcelJS, React or Node built-ins.
    files: ['src/rules/**', 'src/text/**', 'src/sheet/**', 'src/check/**', 'src/consolidate/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'os', 'zlib', 'stream', 'buffer', 'crypto', 'child_process', 'util'], message: 'The core must not import Node built-ins.' },
          { group: ['exceljs', 'react', 'react-dom', '@fluentui/*', '@microsoft/office-js', '**/xlsx/**', '**/office/**', '**/taskpane/**', '**/cli/**'], message: 'The core must not import adapters or UI.' },
        ],
      }],
    },
  },
);
