import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { changeColumns, changeOrder, toChangeRow, type ChangeRow } from './changeRows';

/** A project's recorded changes, newest first, at most `limit` (index project_changes_project_date). */
export function listProjectChanges(db: Db, projectId: string, limit = 50): ChangeRow[] {
  return db
    .all<Parameters<typeof toChangeRow>[0]>(
      sql`SELECT ${changeColumns} FROM project_changes c JOIN projects p ON p.id = c.project_id
        WHERE c.project_id = ${projectId} ORDER BY ${changeOrder} LIMIT ${limit}`
    )
    .map(toChangeRow);
}
