import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectSnapshots } from '../../db/schema';
import type { ProjectReport } from '../lib/reports/types';

/**
 * The newest full Steckbrief of a project, or null when there is none. History rows hold compact
 * reports (`compact: true`, month-ends backfilled by derive) and are skipped.
 */
export function getLatestProjectSnapshot(db: Db, projectId: string): { asOf: string; report: ProjectReport } | null {
  const row = db
    .select({ asOf: projectSnapshots.asOf, report: projectSnapshots.report })
    .from(projectSnapshots)
    .where(and(eq(projectSnapshots.projectId, projectId), sql`coalesce(json_extract(${projectSnapshots.report}, '$.compact'), 0) = 0`))
    .orderBy(desc(projectSnapshots.asOf))
    .limit(1)
    .get();
  return row ? { asOf: row.asOf, report: row.report as unknown as ProjectReport } : null;
}
