import { and, asc, eq, max, sql } from 'drizzle-orm';
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
 * Every project with the key figures of its newest snapshot (read with json_extract, so the full
 * reports are not parsed), by name.
 */
export function listLatestProjectSummaries(db: Db): ProjectSummaryRow[] {
  const latest = db
    .select({ projectId: projectSnapshots.projectId, asOf: max(projectSnapshots.asOf).as('latest_as_of') })
    .from(projectSnapshots)
    .groupBy(projectSnapshots.projectId)
    .as('latest');
  const rows = db
    .select({
      id: projects.id,
      name: projects.name,
      ownerId: projects.ownerId,
      ownerName: organisations.name,
      ownerKind: organisations.kind,
      ownerRegion: organisations.region,
      asOf: projectSnapshots.asOf,
      lifecycle: projectSnapshots.lifecycle,
      isNew: sql<number | null>`json_extract(${projectSnapshots.report}, '$.isNew')`,
      score: projectSnapshots.score,
      coverage: projectSnapshots.coverage,
      licence: sql<string | null>`json_extract(${projectSnapshots.report}, '$.licence.spdx')`,
      reuseReady: sql<number | null>`json_extract(${projectSnapshots.report}, '$.reuseReadiness.allMet')`
    })
    .from(projects)
    .leftJoin(organisations, eq(organisations.id, projects.ownerId))
    .leftJoin(latest, eq(latest.projectId, projects.id))
    .leftJoin(projectSnapshots, and(eq(projectSnapshots.projectId, projects.id), eq(projectSnapshots.asOf, latest.asOf)))
    .orderBy(asc(projects.name), asc(projects.id))
    .all();
  return rows.map((r) => ({
    ...r,
    isNew: r.isNew === null ? null : Boolean(r.isNew),
    reuseReady: r.reuseReady === null ? null : Boolean(r.reuseReady)
  }));
}
