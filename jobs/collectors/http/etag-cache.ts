/** The ETag per request URL (`http_cache`), sent as If-None-Match by the transport. */
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { httpCache } from '../../../db/schema';
import type { DbWriter } from './cursors';
import { excludedSet, placeholders, preparedOnce } from '../prepared';

const etagUpsert = preparedOnce<{ forgeId: string; url: string; etag: string; lastModified: string | null; fetchedAt: number }>((tx) =>
  tx
    .insert(httpCache)
    .values(placeholders(['forgeId', 'url', 'etag', 'lastModified', 'fetchedAt']))
    .onConflictDoUpdate({
      target: [httpCache.forgeId, httpCache.url],
      set: excludedSet({ etag: httpCache.etag, lastModified: httpCache.lastModified, fetchedAt: httpCache.fetchedAt })
    })
    .prepare()
);

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
    etagUpsert(tx).run({
      forgeId: this.forgeId,
      url: key,
      etag,
      lastModified: lastModified ?? null,
      fetchedAt: Math.floor(Date.now() / 1000)
    });
  }

  drop(tx: DbWriter, key: string): void {
    tx.delete(httpCache)
      .where(and(eq(httpCache.forgeId, this.forgeId), eq(httpCache.url, key)))
      .run();
  }

  /** The URL of the list's last read other than `except`, when its ETag is stored (pruneFamily keeps one per list). */
  familyUrl(prefix: string, except: string): string | undefined {
    return (
      this.db
        .select({ url: httpCache.url })
        .from(httpCache)
        .where(
          and(
            eq(httpCache.forgeId, this.forgeId),
            sql`substr(${httpCache.url}, 1, ${prefix.length}) = ${prefix}`,
            ne(httpCache.url, except)
          )
        )
        .orderBy(desc(httpCache.fetchedAt), asc(httpCache.url))
        .limit(1)
        .get()?.url ?? undefined
    );
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
