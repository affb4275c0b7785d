import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { memoByDataVersion } from './memo';

export interface FilterOptions {
  regions: string[];
  kinds: string[];
  forges: string[];
  licences: string[];
  /** Some evaluated project has no known licence. */
  hasUnknownLicence: boolean;
}

const byGermanText = (a: string, b: string) => a.localeCompare(b, 'de');
const values = (db: Db, query: SQL) => db.all<{ v: string }>(query).map((r) => r.v);
const distinct = (db: Db, query: SQL) => values(db, query).sort(byGermanText);

/** The values the Übersicht filters offer: only those that occur among the projects. */
export function getFilterOptions(db: Db): FilterOptions {
  // The same for every page of the Übersicht: kept until the data changes.
  return memoByDataVersion(db, 'overview-filter-options', () => ({
    // Each over the small table first, asking the large one for one row (an index lookup).
    regions: distinct(
      db,
      sql`SELECT DISTINCT region AS v FROM organisations o WHERE region IS NOT NULL AND EXISTS (SELECT 1 FROM projects p WHERE p.owner_id = o.id)`
    ),
    kinds: distinct(
      db,
      sql`SELECT DISTINCT kind AS v FROM organisations o WHERE EXISTS (SELECT 1 FROM projects p WHERE p.owner_id = o.id)`
    ),
    // From projects.forges, which the forge filter matches (jobs/store/project-order.ts).
    forges: [
      ...new Set(values(db, sql`SELECT DISTINCT forges AS v FROM projects WHERE forges IS NOT NULL`).flatMap((f) => f.split(',')))
    ].sort(byGermanText),
    licences: distinct(db, sql`SELECT DISTINCT licence AS v FROM project_listings WHERE licence IS NOT NULL`),
    hasUnknownLicence: !!db.get(sql`SELECT 1 FROM project_listings WHERE licence IS NULL LIMIT 1`)
  }));
}
