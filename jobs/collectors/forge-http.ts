/**
 * The HTTP layer the forge collectors share (DESIGN §4): one transport below Octokit (GitHub) and
 * @gitbeaker/rest (GitLab) that
 * - sends If-None-Match from `http_cache` whenever an ETag is stored for the exact URL,
 * - counts every request (and every 304) in the repository's counters,
 * - records the last seen rate-limit headers in `rate_limits`,
 * - holds a per-forge concurrency slot only while a request is on the wire,
 * - follows redirects itself (counting each hop, detecting loops, never forwarding credentials to
 *   another origin), with a timeout per attempt;
 * plus the helpers both collectors use: cursors, ETag storage, token handling and scrubbing, the
 * retry loop for GitLab (honouring Retry-After) and time helpers.
 *
 * Tokens come from `process.env[forge.tokenEnv]` only. They are never logged, stored or put into an
 * error message: everything that leaves a collector goes through `scrub`.
 */
import { createHash } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import type { Db } from '../../db/index';
import { cursors, httpCache, rateLimits } from '../../db/schema';
import type * as schema from '../../db/schema';
import type { ResolvedForge } from '../../src/lib/catalog/load';
import type { RequestCounters } from './types';

/** The database or a transaction of it: both write the same way. */
export type DbWriter = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

// ─── Tokens and scrubbing ─────────────────────────────────────────────────────────────────────

/** The forge's token from the environment, or undefined (unauthenticated requests). */
export function forgeToken(forge: Pick<ResolvedForge, 'tokenEnv'>, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!forge.tokenEnv) return undefined;
  const value = env[forge.tokenEnv]?.trim();
  return value ? value : undefined;
}

const CREDENTIAL_PATTERNS: [RegExp, string][] = [
  [/(authorization["']?\s*[:=]\s*["']?)((?:token|bearer|basic)\s+)?[^\s"',}]+/gi, '$1$2[redacted]'],
  [/((?:private|job)-token["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1[redacted]'],
  [/([?&](?:access_token|private_token|token)=)[^&\s"']+/gi, '$1[redacted]']
];

/** Remove the given secrets and anything that looks like a credential header from a text. */
export function scrub(text: string, secrets: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

// ─── Time ─────────────────────────────────────────────────────────────────────────────────────

/** Epoch seconds of an ISO timestamp; null for missing or unparsable values. */
export function epoch(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** The UTC day an instant falls on, as the start of that day ("2024-05-01T00:00:00Z"). */
export function floorDay(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`invalid timestamp ${iso}`);
  return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;
}

/** How far incremental reads reach back before their cursor: items a forge lists late (replication lag) are still read. */
export const CURSOR_OVERLAP_MS = 60 * 60_000;

/**
 * The `since`/`updated_after` of an incremental list: the cursor minus the overlap, floored to the
 * UTC day, so that the request URL (and with it its ETag) stays the same all day.
 */
export function sinceWithOverlap(hwm: string): string {
  const ms = Date.parse(hwm);
  if (!Number.isFinite(ms)) throw new Error(`invalid timestamp ${hwm}`);
  return floorDay(new Date(ms - CURSOR_OVERLAP_MS).toISOString());
}

/** The later of two ISO timestamps (either may be missing). */
export function laterIso(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class CollectionAborted extends Error {
  constructor() {
    super('Sammlung abgebrochen');
    this.name = 'AbortError';
  }
}

function abortError(_signal: AbortSignal): Error {
  return new CollectionAborted();
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CollectionAborted();
}

// ─── Cursors and the ETag cache ───────────────────────────────────────────────────────────────

export function getCursor(db: DbWriter, repositoryId: number, resource: string): string | undefined {
  return db
    .select({ value: cursors.value })
    .from(cursors)
    .where(and(eq(cursors.repositoryId, repositoryId), eq(cursors.resource, resource)))
    .get()?.value;
}

/**
 * Whether the repository has any collection state. A repository without it (new, or its row was
 * deleted and created again) must not send conditional requests: ETags of its URLs may survive
 * from an earlier row in `http_cache`, but the data they vouch for does not.
 */
export function hasCollectionState(db: DbWriter, repositoryId: number): boolean {
  return (
    db
      .select({ one: sql<number>`1` })
      .from(cursors)
      .where(eq(cursors.repositoryId, repositoryId))
      .limit(1)
      .get() !== undefined
  );
}

/** Write a cursor; call it inside the transaction that stores the data it describes. */
export function setCursor(tx: DbWriter, repositoryId: number, resource: string, value: string): void {
  const now = Math.floor(Date.now() / 1000);
  tx.insert(cursors)
    .values({ repositoryId, resource, value, updatedAt: now })
    .onConflictDoUpdate({ target: [cursors.repositoryId, cursors.resource], set: { value, updatedAt: now } })
    .run();
}

/**
 * ETags per URL. Keys are URLs relative to the forge's API base ("/repos/o/r/issues?…"), so a
 * moved API host (or an emulator on a new port) keeps its cache.
 */
export class HttpCache {
  constructor(
    private readonly db: DbWriter,
    readonly forgeId: string
  ) {}

  etag(key: string): string | undefined {
    return (
      this.db
        .select({ etag: httpCache.etag })
        .from(httpCache)
        .where(and(eq(httpCache.forgeId, this.forgeId), eq(httpCache.url, key)))
        .get()?.etag ?? undefined
    );
  }

  /** Store an ETag in the transaction that stores the data the response carried. */
  save(tx: DbWriter, key: string, etag: string | null | undefined, lastModified?: string | null): void {
    if (!etag) return;
    const fetchedAt = Math.floor(Date.now() / 1000);
    tx.insert(httpCache)
      .values({ forgeId: this.forgeId, url: key, etag, lastModified: lastModified ?? null, fetchedAt })
      .onConflictDoUpdate({
        target: [httpCache.forgeId, httpCache.url],
        set: { etag, lastModified: lastModified ?? null, fetchedAt }
      })
      .run();
  }

  drop(tx: DbWriter, key: string): void {
    tx.delete(httpCache)
      .where(and(eq(httpCache.forgeId, this.forgeId), eq(httpCache.url, key)))
      .run();
  }

  /** Forget the ETags of other URLs of the same list (older since-cursors) than `keep`. */
  pruneFamily(tx: DbWriter, prefix: string, keep: string): void {
    tx.delete(httpCache)
      .where(
        and(eq(httpCache.forgeId, this.forgeId), sql`substr(${httpCache.url}, 1, ${prefix.length}) = ${prefix}`, ne(httpCache.url, keep))
      )
      .run();
  }
}

// ─── Rate limits ──────────────────────────────────────────────────────────────────────────────

export interface RateLimitReading {
  limit: number | null;
  remaining: number | null;
  /** Epoch seconds. */
  resetAt: number | null;
}

function intHeader(headers: Headers, name: string): number | null {
  const raw = headers.get(name);
  if (raw == null || raw.trim() === '') return null;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.floor(n) : null;
}

/** x-ratelimit-* (GitHub) or RateLimit-* (GitLab); null when the response carries none. */
export function readRateLimit(headers: Headers): RateLimitReading | null {
  const resource = headers.get('x-ratelimit-resource');
  if (resource && resource !== 'core') return null; // search/graphql budgets are not ours
  const limit = intHeader(headers, 'x-ratelimit-limit') ?? intHeader(headers, 'ratelimit-limit');
  const remaining = intHeader(headers, 'x-ratelimit-remaining') ?? intHeader(headers, 'ratelimit-remaining');
  const resetAt = intHeader(headers, 'x-ratelimit-reset') ?? intHeader(headers, 'ratelimit-reset');
  if (limit == null && remaining == null && resetAt == null) return null;
  return { limit, remaining, resetAt };
}

export function recordRateLimit(db: DbWriter, forgeId: string, reading: RateLimitReading): void {
  const observedAt = Math.floor(Date.now() / 1000);
  db.insert(rateLimits)
    .values({ forgeId, ...reading, observedAt })
    .onConflictDoUpdate({ target: rateLimits.forgeId, set: { ...reading, observedAt } })
    .run();
}

// ─── Concurrency per forge ────────────────────────────────────────────────────────────────────

export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(public limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const semaphores = new Map<string, Semaphore>();

/** The process-wide request slot pool of a forge (shared by all repositories being collected). */
export function forgeSemaphore(forge: Pick<ResolvedForge, 'id' | 'api' | 'concurrency'>): Semaphore {
  const key = `${forge.id}\0${forge.api ?? ''}`;
  const limit = Math.max(1, forge.concurrency || 1);
  let sem = semaphores.get(key);
  if (!sem) semaphores.set(key, (sem = new Semaphore(limit)));
  sem.limit = limit;
  return sem;
}

// ─── Pacing per token ─────────────────────────────────────────────────────────────────────────

/**
 * At most `perMinute` requests per token in any window of `windowMs` (one minute). GitHub's
 * secondary limits allow "no more than 900 points per minute" for REST, a GET costing one point
 * (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits);
 * keeping below it avoids the 403s instead of waiting them out.
 */
export class Pacer {
  private readonly sent: number[] = [];

  constructor(
    readonly perMinute: number,
    private readonly windowMs = 60_000
  ) {}

  async wait(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      while (this.sent.length && this.sent[0] <= now - this.windowMs) this.sent.shift();
      if (this.sent.length < this.perMinute) {
        this.sent.push(now);
        return;
      }
      await sleep(this.sent[0] + this.windowMs - now, signal);
    }
  }
}

const pacers = new Map<string, Pacer>();

/** The pacer of a forge and token (process-wide), or null when the forge sets no pace. */
export function tokenPacer(
  forge: Pick<ResolvedForge, 'id' | 'api' | 'requestsPerMinute'>,
  token: string | undefined,
  windowMs?: number
): Pacer | null {
  if (!forge.requestsPerMinute) return null;
  const key = `${forge.id}\0${forge.api ?? ''}\0${token ? createHash('sha256').update(token).digest('hex') : 'anonymous'}`;
  let pacer = pacers.get(key);
  if (!pacer || pacer.perMinute !== forge.requestsPerMinute) pacers.set(key, (pacer = new Pacer(forge.requestsPerMinute, windowMs)));
  return pacer;
}

// ─── The transport ────────────────────────────────────────────────────────────────────────────

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

// ─── Retrying (GitLab; Octokit has its plugins) ───────────────────────────────────────────────

/** A response status the client should see as an error (never carries request details). */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs: number | null = null
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

export interface RetryOptions {
  /** Attempts in all (first try included). */
  attempts?: number;
  /** Base of the exponential backoff for 5xx, timeouts and dropped connections. */
  baseMs?: number;
  /** Longest single wait we accept (a rate-limit reset further away fails the request). */
  maxWaitMs?: number;
  /**
   * Wait after a 429 that names neither Retry-After nor a reset: GitLab's application limits
   * (e.g. 400/min on GET /projects/:id) answer so and count per minute, so the default waits the
   * minute out instead of backing off for seconds inside it.
   */
  unnamedLimitWaitMs?: number;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

/** How long a 429/403 rate-limit response asks us to wait, from Retry-After or the reset header. */
export function rateLimitWaitMs(headers: Headers, now = Date.now()): number | null {
  const retryAfter = headers.get('retry-after');
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = intHeader(headers, 'ratelimit-reset') ?? intHeader(headers, 'x-ratelimit-reset');
  if (reset != null) return Math.max(0, reset * 1000 - now) + 1000;
  return null;
}

function isTransientNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof CollectionAborted) return false;
  return (
    error.name === 'TimeoutError' ||
    error.name === 'TypeError' ||
    error.name === 'AbortError' ||
    /fetch failed|socket|ECONNRESET|ECONNREFUSED|EPIPE|terminated|other side closed/i.test(
      `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}`
    )
  );
}

/**
 * Run one HTTP exchange with bounded retries: 429 (and 403 with an exhausted budget) wait for
 * Retry-After or the reset time; 5xx, timeouts and dropped connections back off exponentially with
 * full jitter. Other statuses are returned to the caller unchanged.
 */
export async function withRetry(exchange: () => Promise<Response>, options: RetryOptions = {}): Promise<Response> {
  const attempts = Math.max(1, options.attempts ?? 6);
  const baseMs = options.baseMs ?? 1000;
  const maxWaitMs = options.maxWaitMs ?? 15 * 60_000;
  const backoff = (attempt: number) => Math.round(Math.random() * baseMs * 2 ** attempt) + Math.round(baseMs / 4);
  let lastProblem = '';
  for (let attempt = 0; attempt < attempts; attempt++) {
    throwIfAborted(options.signal);
    let response: Response;
    try {
      response = await exchange();
    } catch (error) {
      if (options.signal?.aborted || !isTransientNetworkError(error)) throw error;
      lastProblem = error instanceof Error && error.name === 'TimeoutError' ? 'Zeitüberschreitung' : 'Verbindung abgebrochen';
      if (attempt + 1 < attempts) {
        const wait = backoff(attempt);
        options.log?.(`${lastProblem}; neuer Versuch in ${wait} ms`);
        await sleep(wait, options.signal);
      }
      continue;
    }
    const budgetExhausted = response.status === 403 && response.headers.get('ratelimit-remaining') === '0';
    if (response.status === 429 || budgetExhausted) {
      const wait = rateLimitWaitMs(response.headers) ?? Math.round((options.unnamedLimitWaitMs ?? 60_000) * (1 + Math.random() / 10));
      await response.body?.cancel().catch(() => undefined);
      lastProblem = `Ratenlimit (HTTP ${response.status})`;
      if (wait > maxWaitMs)
        throw new HttpStatusError(response.status, `${lastProblem}, Wartezeit ${Math.round(wait / 1000)} s zu lang`, wait);
      if (attempt + 1 < attempts) {
        options.log?.(`${lastProblem}; warte ${Math.round(wait)} ms`);
        await sleep(wait, options.signal);
      }
      continue;
    }
    if (response.status >= 500 && response.status !== REDIRECT_LOOP_STATUS) {
      await response.body?.cancel().catch(() => undefined);
      lastProblem = `Serverfehler (HTTP ${response.status})`;
      if (attempt + 1 < attempts) {
        const wait = backoff(attempt);
        options.log?.(`${lastProblem}; neuer Versuch in ${wait} ms`);
        await sleep(wait, options.signal);
      }
      continue;
    }
    return response;
  }
  throw new HttpStatusError(503, `${lastProblem || 'Fehler'} – nach ${attempts} Versuchen aufgegeben`);
}

// ─── Small helpers ────────────────────────────────────────────────────────────────────────────

/** The rel="next" URL of a Link header. */
export function nextLink(link: string | null | undefined): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (m && m[2].split(/\s+/).includes('next')) return m[1];
  }
  return null;
}

/** Map GitHub/GitLab licence keys to SPDX ids; null when the forge does not know. */
export function spdxFromForge(key: string | null | undefined): string | null {
  if (!key) return null;
  const k = key.trim();
  if (!k || /^(noassertion|other)$/i.test(k)) return null;
  const known = [
    '0BSD',
    'AGPL-3.0',
    'AGPL-3.0-only',
    'AGPL-3.0-or-later',
    'Apache-2.0',
    'Artistic-2.0',
    'BSD-2-Clause',
    'BSD-3-Clause',
    'BSD-3-Clause-Clear',
    'BSL-1.0',
    'CC-BY-4.0',
    'CC-BY-SA-4.0',
    'CC0-1.0',
    'ECL-2.0',
    'EPL-1.0',
    'EPL-2.0',
    'EUPL-1.1',
    'EUPL-1.2',
    'GPL-2.0',
    'GPL-2.0-only',
    'GPL-2.0-or-later',
    'GPL-3.0',
    'GPL-3.0-only',
    'GPL-3.0-or-later',
    'ISC',
    'LGPL-2.1',
    'LGPL-2.1-only',
    'LGPL-2.1-or-later',
    'LGPL-3.0',
    'LGPL-3.0-only',
    'LGPL-3.0-or-later',
    'MIT',
    'MIT-0',
    'MPL-2.0',
    'MS-PL',
    'MulanPSL-2.0',
    'NCSA',
    'OFL-1.1',
    'OSL-3.0',
    'PostgreSQL',
    'Unlicense',
    'UPL-1.0',
    'WTFPL',
    'Zlib'
  ];
  return known.find((id) => id.toLowerCase() === k.toLowerCase()) ?? k;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type { Db };
