import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projects, projectSnapshots } from '../../db/schema';

export interface ProjectBadge {
  id: string;
  name: string;
  /** null: the project is in the catalog but nothing was derived yet. */
  lifecycle: string | null;
  score: number | null;
  asOf: string | null;
}

/** What a README badge shows: the project's newest lifecycle and score, or null for an unknown project. */
export function getProjectBadge(db: Db, projectId: string): ProjectBadge | null {
  const project = db.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.id, projectId)).get();
  if (!project) return null;
  const snap = db
    .select({ lifecycle: projectSnapshots.lifecycle, score: projectSnapshots.score, asOf: projectSnapshots.asOf })
    .from(projectSnapshots)
    .where(eq(projectSnapshots.projectId, projectId))
    .orderBy(desc(projectSnapshots.asOf))
    .limit(1)
    .get();
  return { ...project, lifecycle: snap?.lifecycle ?? null, score: snap?.score ?? null, asOf: snap?.asOf ?? null };
}
