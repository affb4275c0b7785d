import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** SvelteKit's aliases: only SvelteKit-only code (routes, components, hooks) may use them. */
const ALIASES = {
  group: ['$lib', '$lib/**', '$queries', '$queries/**', '$db', '$db/**'],
  message: 'Relative imports here: this code is shared with the CLI, which runs without SvelteKit (ARCHITECTURE.md).'
};
/** The database at run time: the driver, drizzle and db/ (alias or relative). */
const DATABASE = {
  group: ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/**', '$db', '$db/**', '**/db/*', '$queries', '$queries/**', '**/queries/*'],
  allowTypeImports: true,
  message: 'No database here (types are fine): the data comes in as arguments (ARCHITECTURE.md).'
};
const SERVER = {
  group: ['$lib/server', '$lib/server/**', '**/server/*'],
  allowTypeImports: true,
  message: 'No server module here (types are fine): it would bring the database and node into pure code (ARCHITECTURE.md).'
};
/** Routes use the named queries of src/queries, never SQL or the schema. */
const SQL = {
  group: ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/**', '$db/schema', '**/db/schema'],
  message: 'Routes ask a named query in src/queries instead (ARCHITECTURE.md).'
};
/** Inside SvelteKit-only code, parent directories are reached through $lib, $queries and $db. */
const PARENT = { regex: '^\\.\\./', message: 'Use $lib, $queries or $db instead of ../ in routes and components (ARCHITECTURE.md).' };

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      // The dashboard is served at the root (no kit.paths.base) and renders plain links on the server.
      'svelte/no-navigation-without-resolve': 'off',
      // Maps and Sets here are temporaries inside $derived computations, never reactive state.
      'svelte/prefer-svelte-reactivity': 'off',
      // {' '} and {'\n'} keep deliberate whitespace that the formatter would otherwise fold away.
      'svelte/no-useless-mustaches': 'off'
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
  },
  // ─── Layering (ARCHITECTURE.md „Layers and imports“) ─────────────────────────────────────────
  // One rule per layer; a file in several layers gets the restrictions of each (flat config merges
  // one `rules` key per block, so each block lists everything its files may not import).
  {
    // The library and the queries are shared with the CLI (tsx, no SvelteKit): relative imports only.
    files: ['src/lib/**/*.ts', 'src/queries/**/*.ts', 'db/**/*.ts', 'jobs/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts'],
    ignores: ['src/lib/metrics/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [ALIASES] }] }
  },
  {
    // The metrics are pure functions over facts: no database, no SQL, no server at run time (types
    // of the fact rows from db/schema are fine).
    files: ['src/lib/metrics/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [ALIASES, DATABASE, SERVER] }] }
  },
  {
    // Components render what they are given: no server modules, no database (types are fine).
    files: ['src/lib/components/**/*.svelte', 'src/lib/components/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [DATABASE, SERVER, PARENT] }] }
  },
  {
    // Routes ask src/queries (one named query per file); never SQL or the schema themselves.
    files: ['src/routes/**/*.svelte', 'src/routes/**/*.ts', 'src/hooks.*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [SQL, PARENT] }] }
  },
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'test-results/', 'db/migrations/'] }
);
