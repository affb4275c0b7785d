import type { Handle } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { ResponseCache } from '$lib/server/response-cache';
import { dataVersion } from '$queries/memo';

const cache = new ResponseCache();

/** Security headers on every answer: forge text is untrusted, the pages need no foreign content. */
const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY'
};

/**
 * Serves repeated GETs from the response cache until the database changes (see
 * response-cache.ts); everything else is rendered as usual.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const db = event.request.method === 'GET' ? getDb() : null;
  if (!db) return withSecurityHeaders(await resolve(event));
  cache.sync(dataVersion(db));
  const key = event.url.pathname + event.url.search;
  const hit = cache.get(key);
  if (hit) return new Response(hit.body.slice(), { status: hit.status, headers: [...hit.headers, ['x-allmende-cache', 'hit']] });

  const response = withSecurityHeaders(await resolve(event));
  if (response.status !== 200 || response.headers.has('set-cookie') || !response.body) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = [...response.headers.entries()];
  cache.set(key, { status: response.status, headers, body });
  return new Response(body.slice(), { status: response.status, headers: [...headers, ['x-allmende-cache', 'miss']] });
};

function withSecurityHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    if (!response.headers.has(name)) {
      try {
        response.headers.set(name, value);
      } catch {
        // Immutable headers (e.g. a fetched response passed through): leave them as they are.
      }
    }
  }
  return response;
}
