import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { organisations, projectListings, projects } from '../../db/schema';

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

/** Every project with the key figures of its newest report (project_listings, one small row each), by name in German order. */
export function listLatestProjectSummaries(db: Db): ProjectSummaryRow[] {
  return db
    .select({
      id: projects.id,
      name: projects.name,
      ownerId: projects.ownerId,
      ownerName: organisations.name,
      ownerKind: organisations.kind,
      ownerRegion: organisations.region,
      asOf: projectListings.asOf,
      lifecycle: projectListings.lifecycle,
      isNew: projectListings.isNew,
      score: projectListings.score,
      coverage: projectListings.coverage,
      licence: projectListings.licence,
      reuseReady: projectListings.reuseReady
    })
    .from(projects)
    .leftJoin(organisations, eq(organisations.id, projects.ownerId))
    .leftJoin(projectListings, eq(projectListings.projectId, projects.id))
    .orderBy(asc(projects.nameOrder), asc(projects.id))
    .all()
    .map((r) => ({ ...r, isNew: r.isNew === null ? null : r.isNew === 1, reuseReady: r.reuseReady === null ? null : r.reuseReady === 1 }));
}
