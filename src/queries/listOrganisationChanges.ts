import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { changeColumns, changeOrder, toChangeRow, type ChangeRow } from './changeRows';

/**
 * The recorded changes of an organisation's own projects (projects.owner_id), newest first, at most
 * `limit`: its projects through projects_owner, each one's newest through project_changes_project_date.
 */
export function listOrganisationChanges(db: Db, organisationId: string, limit = 50): ChangeRow[] {
  return db
    .all<Parameters<typeof toChangeRow>[0]>(
      sql`SELECT ${changeColumns} FROM projects p JOIN project_changes c ON c.project_id = p.id
        WHERE p.owner_id = ${organisationId} ORDER BY ${changeOrder} LIMIT ${limit}`
    )
    .map(toChangeRow);
}
