import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const dir = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: { $lib: dir('./src/lib'), $db: dir('./db'), $queries: dir('./src/queries') }
  },
  test: {
    include: ['tests/**/*.test.ts'],
    reporters: ['default', './tests/summary-reporter.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // One test file per core, at least two: vitest's default (cores − 1) runs the files one after
    // another on a 2-core machine, although most of a file's time is spent waiting for git, Chromium
    // and HTTP. On 2 cores the suite took 516 s with one worker and 339 s with two.
    maxWorkers: Math.max(2, availableParallelism())
  }
});
