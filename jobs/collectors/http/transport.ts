/**
 * The transport below Octokit (GitHub) and @gitbeaker/rest (GitLab), DESIGN §4: it
 * - sends If-None-Match from the ETag cache whenever an ETag is stored for the exact URL,
 * - counts every request (and every 304) in the repository's counters,
 * - records the last seen rate-limit headers and keeps the pace per token,
 * - holds a per-forge concurrency slot only while a request is on the wire,
 * - follows redirects itself (counting each hop, detecting loops, never forwarding credentials to
 *   another origin), with a timeout per attempt.
 * It never retries: that is the client's business (retry.ts for GitLab, Octokit's plugins).
 */
import type { ResolvedForge } from '../../../src/lib/catalog/load';
import type { RequestCounters } from '../types';
import type { DbWriter } from './cursors';
import type { HttpCache } from './etag-cache';
import { forgeSemaphore, readRateLimit, recordRateLimit, tokenPacer } from './rate-limits';
import { throwIfAborted } from './time';
import { forgeToken } from './tokens';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Synthetic status for a redirect loop or too many hops (never retried, reported as "moved"). */
export const REDIRECT_LOOP_STATUS = 508;

export interface ForgeFetchOptions {
  forge: ResolvedForge;
  /** Where rate-limit readings go; none: not recorded (discovery without a database). */
  db?: DbWriter;
  /** ETags to send; none: unconditional requests. */
  cache?: HttpCache;
  /** false: never send If-None-Match (a repository without collection state). */
  conditional?: boolean;
  counters: RequestCounters;
  signal?: AbortSignal;
  /** The underlying fetch (tests wrap it to inject kills); globalThis.fetch by default. */
  fetch?: FetchLike;
  /** Timeout per attempt. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** Window of the per-token pace (tests shorten it; default one minute). */
  paceWindowMs?: number;
}

/** The API base of a forge without trailing slash. */
export function apiBase(forge: Pick<ResolvedForge, 'api' | 'id'>): string {
  if (!forge.api) throw new Error(`forge ${forge.id} has no API URL`);
  return forge.api.replace(/\/+$/, '');
}

/** Cache key of an absolute URL: relative to the API base when under it, else the URL itself. */
export function cacheKey(base: string, url: string): string {
  return url.startsWith(`${base}/`) || url === base ? url.slice(base.length) || '/' : url;
}

/**
 * A fetch for a forge: conditional, counted, concurrency-limited, redirect-aware. It never retries;
 * retrying is the client's business (plugin-retry/-throttling for Octokit, `withRetry` for GitLab).
 */
export function createForgeFetch(options: ForgeFetchOptions): FetchLike {
  const base = apiBase(options.forge);
  const semaphore = forgeSemaphore(options.forge);
  const pacer = tokenPacer(options.forge, forgeToken(options.forge), options.paceWindowMs);
  const underlying: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 5;

  return async (input, init = {}) => {
    throwIfAborted(options.signal);
    const firstUrl = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init.headers);
    if (options.conditional !== false && !headers.has('if-none-match')) {
      const etag = options.cache?.etag(cacheKey(base, firstUrl));
      if (etag) headers.set('if-none-match', etag);
    }
    const method = (init.method ?? 'GET').toUpperCase();
    let url = firstUrl;
    const seen = new Set<string>();
    for (let hop = 0; ; hop++) {
      seen.add(url);
      const signals = [AbortSignal.timeout(timeoutMs)];
      if (options.signal) signals.push(options.signal);
      if (init.signal) signals.push(init.signal);
      options.counters.requests++;
      await pacer?.wait(options.signal);
      // The body is read here, inside the request slot: a connection that dies halfway through the
      // body then fails this fetch (and is retried) instead of handing a truncated body upwards.
      const response = await semaphore.run(async () => {
        const raw = await underlying(url, { ...init, method, headers, redirect: 'manual', signal: AbortSignal.any(signals) });
        if ([204, 205, 304].includes(raw.status) || method === 'HEAD') {
          await raw.body?.cancel().catch(() => undefined);
          return new Response(null, { status: raw.status, statusText: raw.statusText, headers: raw.headers });
        }
        const body = await raw.arrayBuffer();
        return new Response(body, { status: raw.status, statusText: raw.statusText, headers: raw.headers });
      });
      const reading = readRateLimit(response.headers);
      if (reading && options.db) recordRateLimit(options.db, options.forge.id, reading);
      if (response.status === 304) options.counters.notModified++;
      const location = response.headers.get('location');
      if (![301, 302, 303, 307, 308].includes(response.status) || !location || method !== 'GET') return response;
      const next = new URL(location, url).href;
      if (seen.has(next) || hop + 1 > maxRedirects) {
        return new Response(JSON.stringify({ message: 'Weiterleitungsschleife (301) – das Repository ist nicht erreichbar' }), {
          status: REDIRECT_LOOP_STATUS,
          headers: { 'content-type': 'application/json' }
        });
      }
      // Credentials never follow a redirect to another origin.
      if (new URL(next).origin !== new URL(url).origin) {
        headers.delete('authorization');
        headers.delete('private-token');
      }
      url = next;
    }
  };
}

/** The rel="next" URL of a Link header. */
export function nextLink(link: string | null | undefined): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (m && m[2].split(/\s+/).includes('next')) return m[1];
  }
  return null;
}
