import { and, eq, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projects, projectSnapshots } from '../../db/schema';
import type { ReuseEvidence } from '../lib/reports/types';

export interface ReuseEvidenceRow extends ReuseEvidence {
  projectId: string;
  projectName: string;
  ownerId: string | null;
  asOf: string;
}

/**
 * All reuse evidence (DESIGN §7) from the projects' newest snapshots, one row per piece of
 * evidence. Only the `reuse` part of each report is read (json_extract).
 */
export function listReuseEvidence(db: Db): ReuseEvidenceRow[] {
  const latest = db
    .select({ projectId: projectSnapshots.projectId, asOf: max(projectSnapshots.asOf).as('latest_as_of') })
    .from(projectSnapshots)
    .groupBy(projectSnapshots.projectId)
    .as('latest');
  const rows = db
    .select({
      projectId: projects.id,
      projectName: projects.name,
      ownerId: projects.ownerId,
      asOf: projectSnapshots.asOf,
      reuse: sql<string | null>`json_extract(${projectSnapshots.report}, '$.reuse')`
    })
    .from(projects)
    .innerJoin(latest, eq(latest.projectId, projects.id))
    .innerJoin(projectSnapshots, and(eq(projectSnapshots.projectId, projects.id), eq(projectSnapshots.asOf, latest.asOf)))
    .orderBy(projects.id)
    .all();
  const out: ReuseEvidenceRow[] = [];
  for (const row of rows) {
    if (!row.reuse) continue;
    let evidence: unknown;
    try {
      evidence = JSON.parse(row.reuse);
    } catch {
      continue;
    }
    if (!Array.isArray(evidence)) continue;
    for (const e of evidence as ReuseEvidence[]) {
      if (!e || typeof e.organisationId !== 'string') continue;
      out.push({ ...e, projectId: row.projectId, projectName: row.projectName, ownerId: row.ownerId, asOf: row.asOf });
    }
  }
  return out;
}
