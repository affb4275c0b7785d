/**
 * What the dashboard's HTTP server accepts and which security headers every answer carries
 * (issue 16). Shared by `jobs/serve.ts` (before adapter-node's handler, so the static `/_app/*`
 * assets are covered too) and `src/hooks.server.ts` (the rendered answers, also under `node build`).
 * No SvelteKit aliases here: jobs/serve.ts imports this file through tsx.
 */

/** The dashboard only reads: pages, API, badges and exports answer GET and HEAD. */
export const ALLOWED_METHODS = ['GET', 'HEAD'] as const;
export const ALLOW_HEADER = ALLOWED_METHODS.join(', ');

/** Longest request target (path and query) answered; longer ones get 414. */
export const MAX_URL_BYTES = 8 * 1024;

/** Node's limit for all request headers together (request line included); beyond it node answers 431. */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Content-Security-Policy for everything that is not an HTML page (JSON, SVG badges, exports,
 * static assets). Pages get SvelteKit's policy with hashes of its own inline script
 * (svelte.config.js, kit.csp), which overrides this one.
 */
export const FALLBACK_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers every answer carries unless it sets its own. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': FALLBACK_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY'
};

export interface Refusal {
  status: 405 | 414;
  headers: Record<string, string>;
  body: string;
}

/** The answer to a request the dashboard refuses before any routing, or null when it is served. */
export function refuseRequest(method: string | undefined, url: string | undefined): Refusal | null {
  const headers = { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };
  if (!(ALLOWED_METHODS as readonly string[]).includes(method ?? '')) {
    return { status: 405, headers: { ...headers, allow: ALLOW_HEADER }, body: 'Nur GET und HEAD sind erlaubt.\n' };
  }
  if (Buffer.byteLength(url ?? '', 'utf8') > MAX_URL_BYTES) {
    return { status: 414, headers, body: `Die Adresse ist zu lang (höchstens ${MAX_URL_BYTES} Bytes).\n` };
  }
  return null;
}

/** A conditional GET whose If-None-Match names this ETag (weak comparison, RFC 9110 §13.1.2) or is `*`: answer 304. */
export function notModified(request: Request, etag: string): boolean {
  const tags = (request.headers.get('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, ''));
  return tags.includes(etag.replace(/^W\//, '')) || tags.includes('*');
}
