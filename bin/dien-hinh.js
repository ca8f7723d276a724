#!/usr/bin/env node
// Installed entry point: the command line, from its bundle (./cli-bundle.js builds it from src/
// when the sources are newer; tsx runs the sources when it cannot).
process.env.DIEN_HINH_CLI = '1';
require(require('./cli-bundle').cliModule());
