import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { changeColumns, changeOrder, toChangeRow, type ChangeRow } from './changeRows';

/** At most this many of the newest changes are grouped (the range read on project_changes_date is bounded). */
export const RECENT_CHANGES_SCAN = 5000;

export type RecentChange = ChangeRow & {
  /** How many changes of this kind the period has (of the newest RECENT_CHANGES_SCAN). */
  groupTotal: number;
};

/**
 * The catalog's changes dated from `since` on, newest first: without `perKind` at most `limit`
 * (the catalog feed); with `perKind`, per kind and period (from `recentSince` on, and before it)
 * the newest `perKind` with the group's total — the overview's „Was hat sich geändert“.
 */
export function listRecentChanges(
  db: Db,
  options: { since?: string; limit?: number; recentSince?: string; perKind?: number } = {}
): RecentChange[] {
  const since = options.since ?? '';
  const limit = options.limit ?? 50;
  if (!options.perKind) {
    return db
      .all<Parameters<typeof toChangeRow>[0]>(
        sql`SELECT ${changeColumns} FROM project_changes c JOIN projects p ON p.id = c.project_id
          WHERE c.date >= ${since} ORDER BY ${changeOrder} LIMIT ${limit}`
      )
      .map((row) => ({ ...toChangeRow(row), groupTotal: 0 }));
  }
  const recentSince = options.recentSince ?? since;
  return db
    .all<Parameters<typeof toChangeRow>[0] & { groupTotal: number }>(
      sql`WITH newest AS (
          SELECT ${changeColumns}, c.date >= ${recentSince} AS recent,
            ROW_NUMBER() OVER (PARTITION BY c.date >= ${recentSince}, c.kind ORDER BY ${changeOrder}) AS rank,
            COUNT(*) OVER (PARTITION BY c.date >= ${recentSince}, c.kind) AS groupTotal
          FROM (SELECT * FROM project_changes c WHERE c.date >= ${since} ORDER BY c.date DESC LIMIT ${RECENT_CHANGES_SCAN}) c
          JOIN projects p ON p.id = c.project_id)
        SELECT projectId, projectName, asOf, kind, subject, date, detail, groupTotal FROM newest
        WHERE rank <= ${options.perKind} ORDER BY date DESC, asOf DESC, projectId, kind, subject`
    )
    .map((row) => ({ ...toChangeRow(row), groupTotal: row.groupTotal }));
}
