import type { Handle } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { ResponseCache } from '$lib/server/response-cache';
import { notModified, refuseRequest, SECURITY_HEADERS } from '$lib/server/http-policy';
import { dataVersion } from '$queries/memo';

const cache = new ResponseCache();

/** Answers that must reflect the moment, never the cache (monitoring). */
const UNCACHED = new Set(['/healthz']);

/**
 * Refuses what the read-only dashboard does not answer (other methods, overlong addresses) and
 * serves repeated GETs from the response cache until the database changes (see
 * response-cache.ts); everything else is rendered as usual.
 */
export const handle: Handle = async ({ event, resolve }) => {
  // jobs/serve.ts refuses these before routing already; this covers `node build` too.
  const refusal = refuseRequest(event.request.method, event.url.pathname + event.url.search);
  if (refusal) return new Response(refusal.body, refusal);
  const db = event.request.method === 'GET' && !UNCACHED.has(event.url.pathname) ? getDb() : null;
  if (!db) return withSecurityHeaders(await resolve(event));
  cache.sync(dataVersion(db));
  const key = event.url.pathname + event.url.search;
  const hit = cache.get(key);
  if (hit) {
    // A cached answer with an ETag (feeds, badges) answers a matching conditional GET with 304.
    const etag = hit.headers.find(([name]) => name === 'etag')?.[1];
    if (etag && notModified(event.request, etag))
      return new Response(null, { status: 304, headers: [...hit.headers, ['x-allmende-cache', 'hit']] });
    return new Response(hit.body.slice(), { status: hit.status, headers: [...hit.headers, ['x-allmende-cache', 'hit']] });
  }

  const response = withSecurityHeaders(await resolve(event));
  if (response.status !== 200 || response.headers.has('set-cookie') || !response.body) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = [...response.headers.entries()];
  cache.set(key, { status: response.status, headers, body });
  return new Response(body.slice(), { status: response.status, headers: [...headers, ['x-allmende-cache', 'miss']] });
};

function withSecurityHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    // A 304 updates the browser's cached copy: it must not replace the page's policy.
    if (response.status === 304 && name === 'content-security-policy') continue;
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
