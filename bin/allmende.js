#!/usr/bin/env node
// The allmende command: runs the TypeScript CLI through tsx, so `npx allmende` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../jobs/cli');
process.exitCode = await main();
