import { eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { organisations, projects } from '../../db/schema';

export interface ProjectWithOwner {
  project: { id: string; name: string; ownerId: string | null; usedBy: string[]; source: string };
  owner: { id: string; name: string; kind: string; region: string | null } | null;
}

/** A project of the catalog with its owner, without its snapshots; undefined when it does not exist. */
export function getProjectWithOwner(db: Db, projectId: string): ProjectWithOwner | undefined {
  const project = db.select().from(projects).where(eq(projects.id, projectId)).get();
  if (!project) return undefined;
  const owner = project.ownerId
    ? (db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, region: organisations.region })
        .from(organisations)
        .where(eq(organisations.id, project.ownerId))
        .get() ?? null)
    : null;
  return {
    project: { id: project.id, name: project.name, ownerId: project.ownerId, usedBy: project.usedBy, source: project.source },
    owner
  };
}
