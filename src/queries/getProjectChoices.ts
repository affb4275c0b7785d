import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { organisations, projects } from '../../db/schema';

export interface ProjectChoice {
  id: string;
  name: string;
  ownerName: string | null;
}

/** All projects as options for pickers (Beschaffungs-Check), by name. */
export function getProjectChoices(db: Db): ProjectChoice[] {
  const rows = db
    .select({ id: projects.id, name: projects.name, ownerName: organisations.name })
    .from(projects)
    .leftJoin(organisations, eq(organisations.id, projects.ownerId))
    .orderBy(asc(projects.name), asc(projects.id))
    .all();
  const collator = new Intl.Collator('de', { sensitivity: 'base' });
  // Equal names stay in the order of their ids (the SQL order; the sort is stable).
  return rows.sort((a, b) => collator.compare(a.name, b.name));
}
