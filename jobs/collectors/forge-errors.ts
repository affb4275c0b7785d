/**
 * What the forge collectors share around a collection: turning whatever a session throws into a
 * clean, token-free RepositoryError (DESIGN §11: recorded per repository, the run goes on), and the
 * Collector wrapper around a forge session.
 */
import type { ResolvedForge } from '../../src/lib/catalog/load';
import { CollectionAborted } from './http/time';
import { errorMessage, forgeToken, scrub } from './http/tokens';
import { REDIRECT_LOOP_STATUS } from './http/transport';
import { RepositoryError, type CollectContext, type Collector } from './types';

/** The HTTP status an Octokit, gitbeaker or our own error carries, if any. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Turn anything thrown during a collection into a clean, token-free error. */
export function toCollectorError(
  error: unknown,
  forgeLabel: string,
  path: string,
  secrets: (string | undefined)[],
  signal?: AbortSignal
): Error {
  if (signal?.aborted || error instanceof CollectionAborted) return new CollectionAborted();
  if (error instanceof RepositoryError) return new RepositoryError(scrub(error.message, secrets), error.kind);
  const status = statusOf(error);
  const detail = scrub(errorMessage(error), secrets).split('\n')[0].slice(0, 300);
  const headers = (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers;
  if ((status === 403 || status === 429) && (headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(detail))) {
    return new RepositoryError(`${forgeLabel}: Ratenlimit erschöpft – ${path} beim nächsten Lauf erneut`, 'rate-limited');
  }
  switch (status) {
    case 401:
      return new RepositoryError(`${forgeLabel}: Anmeldung abgelehnt (401) – Token prüfen`, 'forbidden');
    case 403:
      return new RepositoryError(`${forgeLabel}: Zugriff auf ${path} verweigert (403): ${detail}`, 'forbidden');
    case 404:
      return new RepositoryError(
        `${forgeLabel}: Repository ${path} nicht gefunden (404) – gelöscht, privat oder falsch geschrieben`,
        'not-found'
      );
    case 410:
      return new RepositoryError(`${forgeLabel}: ${path} ist nicht mehr verfügbar (410)`, 'not-found');
    case 451:
      return new RepositoryError(`${forgeLabel}: ${path} ist aus rechtlichen Gründen gesperrt (451)`, 'forbidden');
    case REDIRECT_LOOP_STATUS:
      return new RepositoryError(`${forgeLabel}: ${path} wurde verschoben, die Weiterleitung führt im Kreis`, 'moved');
    case 429:
      return new RepositoryError(`${forgeLabel}: Ratenlimit – ${path} später erneut versuchen`, 'rate-limited');
    default:
      if (status != null && status >= 500) {
        return new RepositoryError(`${forgeLabel}: ${path} nicht erreichbar (HTTP ${status}): ${detail}`, 'unavailable');
      }
      return new Error(`${forgeLabel}: ${path}: ${detail}`);
  }
}

/** A Collector for one forge type whose work for a repository is one session run. */
export function forgeCollector(type: 'github' | 'gitlab', label: string, run: (ctx: CollectContext) => Promise<void>): Collector {
  return {
    source: type,
    handles: (_repository, forge: ResolvedForge) => forge.type === type,
    async collect(ctx) {
      try {
        await run(ctx);
      } catch (error) {
        throw toCollectorError(error, label, ctx.repository.path, [forgeToken(ctx.forge)], ctx.signal);
      }
    }
  };
}
