/** Retrying for the GitLab client (Octokit has its plugins): Retry-After honoured, backoff with jitter. */
import { REDIRECT_LOOP_STATUS } from './transport';
import { rateLimitWaitMs } from './rate-limits';
import { CollectionAborted, sleep, throwIfAborted } from './time';

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
