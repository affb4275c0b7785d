import { and, asc, eq, max } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { organisations, projects, projectSnapshots } from '../../db/schema';

export interface ProjectSummaryRow {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  ownerKind: string | null;
  ownerRegion: string | null;
  /** null when nothing was derived for the project yet. */
  asOf: string | null;
  lifecycle: string | null;
  isNew: boolean | null;
  score: number | null;
  coverage: number | null;
  licence: string | null;
  /** Every item of „Bereit zur Nachnutzung?“ met; null without a verdict. */
  reuseReady: boolean | null;
}

/**
 * Every project with the key figures of its newest snapshot (the columns stored beside the report,
 * so no report is parsed), by name.
 */
export function listLatestProjectSummaries(db: Db): ProjectSummaryRow[] {
  const latest = db
    .select({ projectId: projectSnapshots.projectId, asOf: max(projectSnapshots.asOf).as('latest_as_of') })
    .from(projectSnapshots)
    .groupBy(projectSnapshots.projectId)
    .as('latest');
  return db
    .select({
      id: projects.id,
      name: projects.name,
      ownerId: projects.ownerId,
      ownerName: organisations.name,
      ownerKind: organisations.kind,
      ownerRegion: organisations.region,
      asOf: projectSnapshots.asOf,
      lifecycle: projectSnapshots.lifecycle,
      isNew: projectSnapshots.isNew,
      score: projectSnapshots.score,
      coverage: projectSnapshots.coverage,
      licence: projectSnapshots.licence,
      reuseReady: projectSnapshots.reuseReady
    })
    .from(projects)
    .leftJoin(organisations, eq(organisations.id, projects.ownerId))
    .leftJoin(latest, eq(latest.projectId, projects.id))
    .leftJoin(projectSnapshots, and(eq(projectSnapshots.projectId, projects.id), eq(projectSnapshots.asOf, latest.asOf)))
    .orderBy(asc(projects.name), asc(projects.id))
    .all()
    .map((r) => ({ ...r, isNew: r.isNew === null ? null : r.isNew === 1, reuseReady: r.reuseReady === null ? null : r.reuseReady === 1 }));
}
