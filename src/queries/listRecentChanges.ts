import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { changeColumns, changeOrder, toChangeRow, type ChangeRow } from './changeRows';

/** At most this many of the newest changes are grouped (the range read on project_changes_date is bounded). */
export const RECENT_CHANGES_SCAN = 10_000;

export type RecentChange = ChangeRow & {
  /** How many changes of this kind the period has (of the newest RECENT_CHANGES_SCAN). */
  groupTotal: number;
  /** More than RECENT_CHANGES_SCAN changes since `since`: the totals are lower bounds, older ones left out. */
  capped: boolean;
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
      .map((row) => ({ ...toChangeRow(row), groupTotal: 0, capped: false }));
  }
  const recentSince = options.recentSince ?? since;
  // Ranked on the keys alone (rowid, no detail), the few shown rows joined back by rowid.
  return db
    .all<Parameters<typeof toChangeRow>[0] & { groupTotal: number; scanned: number }>(
      sql`WITH scanned AS (
          SELECT rowid AS rid, project_id, as_of, kind, subject, date FROM project_changes
          WHERE date >= ${since} ORDER BY date DESC LIMIT ${RECENT_CHANGES_SCAN}),
        ranked AS (
          SELECT rid, COUNT(*) OVER () AS scanned, COUNT(*) OVER (PARTITION BY date >= ${recentSince}, kind) AS groupTotal,
            ROW_NUMBER() OVER (PARTITION BY date >= ${recentSince}, kind ORDER BY date DESC, as_of DESC, project_id, subject) AS rank
          FROM scanned)
        SELECT ${changeColumns}, r.groupTotal AS groupTotal, r.scanned AS scanned
        FROM ranked r JOIN project_changes c ON c.rowid = r.rid JOIN projects p ON p.id = c.project_id
        WHERE r.rank <= ${options.perKind} ORDER BY ${changeOrder}`
    )
    .map(({ scanned, groupTotal, ...row }) => ({ ...toChangeRow(row), groupTotal, capped: scanned >= RECENT_CHANGES_SCAN }));
}
