import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    alias: {
      $db: 'db',
      $queries: 'src/queries'
    },
    typescript: {
      config: (tsconfig) => {
        tsconfig.include.push('../db/**/*.ts', '../jobs/**/*.ts', '../tests/**/*.ts', '../bench/**/*.ts', '../bin/**/*.js');
        return tsconfig;
      }
    }
  }
};

export default config;
