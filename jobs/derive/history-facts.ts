/**
 * When the monthly history must be computed again (DESIGN §6 history, issue 16 "history frozen by a
 * partial first run"): a project's month-end rows depend only on facts dated before the current
 * month. Their counts per project — commits, issues and pull requests, comments, releases, tags —
 * are the fingerprint stored with the history rows; when a later collection brings facts from the
 * past (a repository read for the first time, a forge that answered again), the fingerprint moves
 * and derive recomputes that project's history; so does a new month. New facts of the current month
 * change nothing.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectHistoryFacts } from '../../db/schema';
import { dayStart } from '../../src/lib/metrics/window';

/**
 * Project id → fingerprint of its facts dated before the day `before` (the first of the month): the
 * day itself and the counts, so that a new month (a new month-end row) also counts as a change.
 */
export function historyFingerprints(db: Db, before: string): Map<string, string> {
  const cut = dayStart(before);
  const counts = (table: string, column: string) =>
    new Map(
      db
        .all<{ projectId: string; n: number }>(
          sql.raw(
            `SELECT pr.project_id AS projectId, count(*) AS n FROM ${table} t
             JOIN project_repositories pr ON pr.repository_id = t.repository_id
             WHERE t.${column} < ${cut} GROUP BY pr.project_id`
          )
        )
        .map((r) => [r.projectId, r.n])
    );
  const parts = [
    counts('commits', 'author_date'),
    counts('items', 'created_at'),
    counts('comments', 'created_at'),
    counts('releases', 'created_at'),
    counts('tags', 'tagged_at')
  ];
  const ids = db.all<{ id: string }>(sql`SELECT id FROM projects`).map((r) => r.id);
  return new Map(ids.map((id) => [id, `${before}:${parts.map((p) => p.get(id) ?? 0).join('/')}`]));
}

/** Project id → the fingerprint its stored history was computed from. */
export function storedHistoryFingerprints(db: Db): Map<string, string> {
  return new Map(
    db
      .select()
      .from(projectHistoryFacts)
      .all()
      .map((r) => [r.projectId, r.fingerprint])
  );
}

/** Records the fingerprint a project's history was just computed from (in derive's transaction). */
export function storeHistoryFingerprint(db: Db, projectId: string, fingerprint: string): void {
  db.insert(projectHistoryFacts)
    .values({ projectId, fingerprint })
    .onConflictDoUpdate({ target: projectHistoryFacts.projectId, set: { fingerprint } })
    .run();
}
