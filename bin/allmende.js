#!/usr/bin/env node
// The allmende command. Runs the CLI precompiled (bin/cli-bundle.js: one bundle of jobs/cli.ts,
// cached under node_modules/.cache and rebuilt when a source changed), or through tsx when no bundle
// can be had, so `npx allmende` works right after `npm ci` either way.
import { bundledCli } from './cli-bundle.js';

const bundle = await bundledCli();
// Private files (DSGVO): the database, its WAL, the key and the git clones hold personal data, so
// everything allmende creates is readable by its own user only (0600 files, 0700 directories).
process.umask(0o077);
let cli;
if (bundle) cli = await import(bundle);
else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../jobs/cli');
}
process.exitCode = await cli.main();
