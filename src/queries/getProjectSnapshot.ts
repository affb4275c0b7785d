import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectSnapshots } from '../../db/schema';
import type { ProjectReport } from '../lib/reports/types';
import { getProjectWithOwner, type ProjectWithOwner } from './getProjectWithOwner';

export interface ProjectSnapshotResult extends ProjectWithOwner {
  /** null when the project is in the catalog but not derived yet. */
  snapshot: { asOf: string; lifecycle: string; score: number | null; coverage: number; report: ProjectReport } | null;
}

/**
 * A project with its newest full snapshot (or the newest one on or before `asOf`); compact history
 * rows are skipped. undefined when the project does not exist.
 */
export function getProjectSnapshot(db: Db, projectId: string, asOf?: string): ProjectSnapshotResult | undefined {
  const found = getProjectWithOwner(db, projectId);
  if (!found) return undefined;
  const snapshot = db
    .select({
      asOf: projectSnapshots.asOf,
      lifecycle: projectSnapshots.lifecycle,
      score: projectSnapshots.score,
      coverage: projectSnapshots.coverage,
      report: projectSnapshots.report
    })
    .from(projectSnapshots)
    .where(
      and(
        eq(projectSnapshots.projectId, projectId),
        asOf ? lte(projectSnapshots.asOf, asOf) : undefined,
        // Backfilled history rows carry a compact report (ProjectHistoryReport): not a Steckbrief.
        sql`coalesce(json_extract(${projectSnapshots.report}, '$.compact'), 0) = 0`
      )
    )
    .orderBy(desc(projectSnapshots.asOf))
    .limit(1)
    .get();
  return {
    ...found,
    snapshot: snapshot ? { ...snapshot, report: snapshot.report as unknown as ProjectReport } : null
  };
}
