/**
 * Rate limits: the budget the forge reports (`rate_limits`), the per-forge concurrency slots, the
 * pace per token, and how long a limited answer asks us to wait.
 */
import { createHash } from 'node:crypto';
import { rateLimits } from '../../../db/schema';
import type { ResolvedForge } from '../../../src/lib/catalog/load';
import type { DbWriter } from './cursors';
import { excludedSet, placeholders, preparedOnce } from '../prepared';
import { sleep } from './time';

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

const rateLimitUpsert = preparedOnce<{
  forgeId: string;
  limit: number | null;
  remaining: number | null;
  resetAt: number | null;
  observedAt: number;
}>((tx) =>
  tx
    .insert(rateLimits)
    .values(placeholders(['forgeId', 'limit', 'remaining', 'resetAt', 'observedAt']))
    .onConflictDoUpdate({
      target: rateLimits.forgeId,
      set: excludedSet({
        limit: rateLimits.limit,
        remaining: rateLimits.remaining,
        resetAt: rateLimits.resetAt,
        observedAt: rateLimits.observedAt
      })
    })
    .prepare()
);

/** Stored with every answer that carries the headers (one prepared statement: a write per request). */
export function recordRateLimit(db: DbWriter, forgeId: string, reading: RateLimitReading): void {
  rateLimitUpsert(db).run({
    forgeId,
    limit: reading.limit,
    remaining: reading.remaining,
    resetAt: reading.resetAt,
    observedAt: Math.floor(Date.now() / 1000)
  });
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
