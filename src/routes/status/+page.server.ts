import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getDataFreshness } from '$queries/getDataFreshness';
import { getMetaValues } from '$queries/getMetaValues';
import { listCollectionRuns } from '$queries/listCollectionRuns';
import { listFailingRepositories } from '$queries/listFailingRepositories';
import { listRateLimits } from '$queries/listRateLimits';
import { listRunSources } from '$queries/listRunSources';

/** The meta key under which `allmende schedule` writes the next run (ISO timestamp, '' when stopped). */
const NEXT_RUN_KEY = 'schedule.next';

/** Content works without JavaScript; none is shipped. */
export const csr = false;

export const load: PageServerLoad = () => {
  const db = getDb();
  if (!db) return { status: null };
  const runs = listCollectionRuns(db, 10);
  const latest = runs[0] ?? null;
  const next = getMetaValues(db, [NEXT_RUN_KEY]).get(NEXT_RUN_KEY);
  const nextRun = next && next.value && !Number.isNaN(Date.parse(next.value)) ? { at: next.value, reportedAt: next.updatedAt } : null;
  return {
    status: {
      now: Math.floor(Date.now() / 1000),
      runs,
      latestSources: latest ? listRunSources(db, latest.id) : [],
      failing: listFailingRepositories(db),
      rateLimits: listRateLimits(db),
      nextRun,
      freshness: getDataFreshness(db)
    }
  };
};
