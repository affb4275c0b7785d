#!/usr/bin/env node
// The allmende command: runs the TypeScript CLI through tsx, so `npx allmende` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
// Private files (DSGVO): the database, its WAL, the key and the git clones hold personal data, so
// everything allmende creates is readable by its own user only (0600 files, 0700 directories).
process.umask(0o077);
const { main } = await import('../jobs/cli');
process.exitCode = await main();
