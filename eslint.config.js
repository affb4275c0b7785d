import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

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
  { ignores: ['build/', '.svelte-kit/', 'node_modules/', 'data/', 'test-results/', 'db/migrations/'] }
);
