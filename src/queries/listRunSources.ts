import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { runRepositories } from '../../db/schema';

export interface RunSourceRow {
  source: string;
  repositories: number;
  requests: number;
  notModified: number;
  items: number;
  failed: number;
}

/** One run's figures per source (git, github, gitlab). */
export function listRunSources(db: Db, runId: number): RunSourceRow[] {
  return db
    .select({
      source: runRepositories.source,
      repositories: sql<number>`count(*)`,
      requests: sql<number>`coalesce(sum(${runRepositories.requests}), 0)`,
      notModified: sql<number>`coalesce(sum(${runRepositories.notModified}), 0)`,
      items: sql<number>`coalesce(sum(${runRepositories.items}), 0)`,
      failed: sql<number>`sum(case when ${runRepositories.status} = 'failed' then 1 else 0 end)`
    })
    .from(runRepositories)
    .where(eq(runRepositories.runId, runId))
    .groupBy(runRepositories.source)
    .orderBy(runRepositories.source)
    .all();
}
