import { count, max, min } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectSnapshots, repositories } from '../../db/schema';

export interface DataFreshness {
  repositories: number;
  neverCollected: number;
  /** Oldest and newest last successful collection over all repositories (epoch seconds). */
  oldestSuccessAt: number | null;
  newestSuccessAt: number | null;
  latestSnapshot: string | null;
}

/** How current the data is: when repositories were last collected and the newest snapshot date. */
export function getDataFreshness(db: Db): DataFreshness {
  const repo = db
    .select({
      repositories: count(),
      collected: count(repositories.lastSuccessAt),
      oldest: min(repositories.lastSuccessAt),
      newest: max(repositories.lastSuccessAt)
    })
    .from(repositories)
    .get();
  const snap = db
    .select({ asOf: max(projectSnapshots.asOf) })
    .from(projectSnapshots)
    .get();
  return {
    repositories: repo?.repositories ?? 0,
    neverCollected: (repo?.repositories ?? 0) - (repo?.collected ?? 0),
    oldestSuccessAt: repo?.oldest ?? null,
    newestSuccessAt: repo?.newest ?? null,
    latestSnapshot: snap?.asOf ?? null
  };
}
