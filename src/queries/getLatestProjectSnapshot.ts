import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectSnapshots } from '../../db/schema';
import type { ProjectReport } from '../lib/reports/types';

/** The newest derived Steckbrief of a project, or null when there is none. */
export function getLatestProjectSnapshot(db: Db, projectId: string): { asOf: string; report: ProjectReport } | null {
	const row = db
		.select({ asOf: projectSnapshots.asOf, report: projectSnapshots.report })
		.from(projectSnapshots)
		.where(eq(projectSnapshots.projectId, projectId))
		.orderBy(desc(projectSnapshots.asOf))
		.limit(1)
		.get();
	return row ? { asOf: row.asOf, report: row.report as unknown as ProjectReport } : null;
}
