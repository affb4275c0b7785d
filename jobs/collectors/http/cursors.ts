/**
 * A repository's collection state (DESIGN §4): cursors move only in the transaction that stores
 * the page they describe, so a killed run resumes where the database says.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import { cursors } from '../../../db/schema';
import type * as schema from '../../../db/schema';
import { excludedSet, placeholders, preparedOnce } from '../prepared';

/** The database or a transaction of it: both write the same way. */
export type DbWriter = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

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

const cursorUpsert = preparedOnce<{ repositoryId: number; resource: string; value: string; updatedAt: number }>((tx) =>
  tx
    .insert(cursors)
    .values(placeholders(['repositoryId', 'resource', 'value', 'updatedAt']))
    .onConflictDoUpdate({
      target: [cursors.repositoryId, cursors.resource],
      set: excludedSet({ value: cursors.value, updatedAt: cursors.updatedAt })
    })
    .prepare()
);

/** Write a cursor; call it inside the transaction that stores the data it describes. */
export function setCursor(tx: DbWriter, repositoryId: number, resource: string, value: string): void {
  cursorUpsert(tx).run({ repositoryId, resource, value, updatedAt: Math.floor(Date.now() / 1000) });
}
