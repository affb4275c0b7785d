import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { organisations, projects } from '../../db/schema';
import { likePattern } from './shared';

export interface ProjectChoice {
  id: string;
  name: string;
  ownerName: string | null;
}

/** By name as German readers sort (numbers by value), equal names by id: projects.name_order (jobs/store/project-order.ts). */
const byName = [asc(projects.nameOrder), asc(projects.id)];

const choices = (db: Db) =>
  db
    .select({ id: projects.id, name: projects.name, ownerName: organisations.name })
    .from(projects)
    .leftJoin(organisations, eq(organisations.id, projects.ownerId))
    .$dynamic();

/**
 * All projects as options for pickers (Beschaffungs-Check), by name — or null when there are more
 * than `max`: a list of 10,000 options is megabytes for every page that shows it.
 */
export function getProjectChoices(db: Db, max = Infinity): ProjectChoice[] | null {
  const all = choices(db).orderBy(...byName);
  const rows = Number.isFinite(max) ? all.limit(max + 1).all() : all.all();
  return rows.length > max ? null : rows;
}

/**
 * Projects whose id, name or owner's name contains `text` (case-insensitively for ASCII letters, as
 * SQLite's LIKE), at most `limit`, by name; a project with exactly that id or name is always among them.
 */
export function findProjectChoices(db: Db, text: string, limit: number): ProjectChoice[] {
  const lower = text.trim().toLowerCase();
  const pattern = likePattern(lower);
  return choices(db)
    .where(
      sql`lower(${projects.id}) LIKE ${pattern} ESCAPE '\\' OR lower(${projects.name}) LIKE ${pattern} ESCAPE '\\'
          OR lower(${organisations.name}) LIKE ${pattern} ESCAPE '\\'`
    )
    .orderBy(sql`(lower(${projects.id}) = ${lower} OR lower(${projects.name}) = ${lower}) DESC`, ...byName)
    .limit(limit)
    .all();
}
