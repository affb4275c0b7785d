import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { collectionRuns, runRepositories } from '../../db/schema';

export interface CollectionRunRow {
  id: number;
  startedAt: number;
  finishedAt: number | null;
  status: string;
  trigger: string;
  repositoriesTotal: number;
  repositoriesDone: number;
  error: string | null;
  /** What the run said the operators should know (a forge without token, a spent budget). */
  notices: string[];
  /** Sums over the run's repositories and sources. */
  requests: number;
  notModified: number;
  items: number;
  failedRepositories: number;
}

/** The newest collection runs with their request, 304, item and error counts. */
export function listCollectionRuns(db: Db, limit = 10): CollectionRunRow[] {
  return db
    .select({
      id: collectionRuns.id,
      startedAt: collectionRuns.startedAt,
      finishedAt: collectionRuns.finishedAt,
      status: collectionRuns.status,
      trigger: collectionRuns.trigger,
      repositoriesTotal: collectionRuns.repositoriesTotal,
      repositoriesDone: collectionRuns.repositoriesDone,
      error: collectionRuns.error,
      notices: collectionRuns.notices,
      requests: sql<number>`coalesce(sum(${runRepositories.requests}), 0)`,
      notModified: sql<number>`coalesce(sum(${runRepositories.notModified}), 0)`,
      items: sql<number>`coalesce(sum(${runRepositories.items}), 0)`,
      failedRepositories: sql<number>`count(distinct case when ${runRepositories.status} = 'failed' then ${runRepositories.repositoryId} end)`
    })
    .from(collectionRuns)
    .leftJoin(runRepositories, eq(runRepositories.runId, collectionRuns.id))
    .groupBy(collectionRuns.id)
    .orderBy(desc(collectionRuns.startedAt), desc(collectionRuns.id))
    .limit(limit)
    .all();
}
