#!/usr/bin/env node
// Installed entry point: runs the TypeScript CLI through tsx's loader (no separate build step).
process.env.DIEN_HINH_CLI = '1';
require('tsx/cjs/api').register();
require('../src/cli/main.ts');
