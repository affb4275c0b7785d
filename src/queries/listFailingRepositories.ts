import { and, asc, desc, exists, isNotNull, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectRepositories, repositories } from '../../db/schema';

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

/**
 * Repositories of the catalog whose last collection failed, with the reason and since when, longest
 * failing first. Repositories no project lists any more are not collected again and not shown.
 */
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
    .where(
      and(
        isNotNull(repositories.lastError),
        exists(db.select().from(projectRepositories).where(eq(projectRepositories.repositoryId, repositories.id)))
      )
    )
    .orderBy(asc(repositories.lastErrorSince), desc(repositories.lastCollectedAt), asc(repositories.key))
    .all();
}
