import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectSnapshots } from '../../db/schema';

export interface ScorePoint {
  asOf: string;
  score: number | null;
  coverage: number;
  lifecycle: string;
}

/** Every snapshot of one project in the `days` days up to `asOf` (score history chart). */
export function getProjectScoreSeries(db: Db, projectId: string, asOf: string, days = 365): ScorePoint[] {
  const from = new Date(`${asOf}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - days + 1);
  return db
    .select({
      asOf: projectSnapshots.asOf,
      score: projectSnapshots.score,
      coverage: projectSnapshots.coverage,
      lifecycle: projectSnapshots.lifecycle
    })
    .from(projectSnapshots)
    .where(
      and(
        eq(projectSnapshots.projectId, projectId),
        gte(projectSnapshots.asOf, from.toISOString().slice(0, 10)),
        lte(projectSnapshots.asOf, asOf)
      )
    )
    .orderBy(asc(projectSnapshots.asOf))
    .all();
}
