import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { organisations, projects } from '../../db/schema';

export interface OrganisationListRow {
  id: string;
  name: string;
  kind: string;
  region: string | null;
  ownProjects: number;
}

/** Every organisation of the catalog with the number of projects it owns, by name. */
export function listOrganisations(db: Db): OrganisationListRow[] {
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      kind: organisations.kind,
      region: organisations.region,
      ownProjects: count(projects.id)
    })
    .from(organisations)
    .leftJoin(projects, eq(projects.ownerId, organisations.id))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .all();
}
