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
    pool: 'forks'
  }
});
