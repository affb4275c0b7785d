import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Content-Security-Policy on every page: no inline script but SvelteKit's own, allowed by its
    // hash ('hash', not nonces: the response cache serves a page byte for byte). Style attributes
    // (chart sizes, bars) need 'unsafe-inline' for styles only. Non-page answers get
    // FALLBACK_CSP (src/lib/server/http-policy.ts).
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['none'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'manifest-src': ['self'],
        'form-action': ['self'],
        'base-uri': ['none'],
        'object-src': ['none'],
        'frame-ancestors': ['none']
      }
    },
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
