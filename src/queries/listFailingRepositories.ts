import { asc, desc, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { repositories } from '../../db/schema';

export interface FailingRepositoryRow {
  id: number;
  key: string;
  forgeId: string;
  webUrl: string | null;
  lastError: string | null;
  lastErrorSince: number | null;
  lastSuccessAt: number | null;
  lastCollectedAt: number | null;
}

/** Repositories whose last collection failed, with the reason and since when, longest failing first. */
export function listFailingRepositories(db: Db): FailingRepositoryRow[] {
  return db
    .select({
      id: repositories.id,
      key: repositories.key,
      forgeId: repositories.forgeId,
      webUrl: repositories.webUrl,
      lastError: repositories.lastError,
      lastErrorSince: repositories.lastErrorSince,
      lastSuccessAt: repositories.lastSuccessAt,
      lastCollectedAt: repositories.lastCollectedAt
    })
    .from(repositories)
    .where(isNotNull(repositories.lastError))
    .orderBy(asc(repositories.lastErrorSince), desc(repositories.lastCollectedAt), asc(repositories.key))
    .all();
}
