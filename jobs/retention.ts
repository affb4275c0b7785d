/**
 * Retention (DSGVO Art. 5 (1) e, storage limitation): what allmende stores is kept only as long as
 * it serves a figure. Runs after each collection (jobs/pipeline.ts), with the catalog's `retention`
 * settings:
 *
 * - A repository no project lists any more keeps its facts and its clone for
 *   `removedRepositoriesDays` after its last collection (so that a mistaken catalog edit can be undone
 *   without collecting everything again); then the repository row goes with every fact of it
 *   (foreign keys cascade), the identities that only it held (names, logins, email hashes), and its
 *   bare clone under data/git — the one place that holds the authors' emails in clear.
 * - Daily snapshots older than `dailySnapshotsDays` are thinned to the newest of each month, which is
 *   what the history charts and past OSPO periods read.
 *
 * Deleted rows are overwritten (secure_delete); after a repository was removed the file is rebuilt
 * (VACUUM) and the WAL truncated, so that the removed personal data does not stay readable in free
 * pages of the file.
 */
import { existsSync, rmSync } from 'node:fs';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/index';
import { identities, repositories, type Repository } from '../db/schema';
import { DEFAULT_RETENTION } from '../src/lib/catalog/schema';
import type { CatalogSettings } from '../src/lib/catalog/load';
import { addDays, DAY, today } from '../src/lib/metrics/window';
import type { DataPaths } from '../src/lib/paths';
import { clonePath } from './collectors/git';
import { flushForgotten } from './forget';
import { plural } from '../src/lib/format';

export type RetentionSettings = NonNullable<CatalogSettings['retention']>;

export interface RetentionSummary {
  repositories: number;
  clones: number;
  identities: number;
  snapshots: number;
}

/** Applies both rules; `now` fixes the clock for tests. */
export function applyRetention(
  db: Db,
  paths: Pick<DataPaths, 'gitDir'>,
  settings: RetentionSettings = DEFAULT_RETENTION,
  now: Date = new Date()
): RetentionSummary {
  db.$client.pragma('secure_delete = ON');
  const { removed, identities: identityCount } = removeUnlistedRepositories(db, settings.removedRepositoriesDays, now);
  const snapshots = thinDailySnapshots(db, addDays(today(now), -settings.dailySnapshotsDays));
  let clones = 0;
  for (const repository of removed) {
    const dir = clonePath(paths.gitDir, repository);
    if (!existsSync(dir)) continue;
    rmSync(dir, { recursive: true, force: true });
    clones++;
  }
  // Earlier updates of these rows (before secure_delete was on) left copies in free pages: a removed
  // repository is rare, so the file is rebuilt then, as after a forget request.
  if (removed.length > 0) flushForgotten(db);
  else if (snapshots > 0) db.$client.pragma('wal_checkpoint(TRUNCATE)');
  return { repositories: removed.length, clones, identities: identityCount, snapshots };
}

/**
 * Repositories without a project whose last collection (or, never collected, any time) lies more
 * than `days` days back; deleted in one transaction with the identities nothing refers to any more.
 */
function removeUnlistedRepositories(
  db: Db,
  days: number,
  now: Date
): { removed: Pick<Repository, 'id' | 'key' | 'forgeId' | 'path'>[]; identities: number } {
  const cutoff = Math.floor(now.getTime() / 1000) - days * DAY;
  return db.transaction((tx) => {
    const removed = tx.all<Pick<Repository, 'id' | 'key' | 'forgeId' | 'path'>>(sql`
      SELECT id, key, forge_id AS forgeId, path FROM repositories r
      WHERE NOT EXISTS (SELECT 1 FROM project_repositories pr WHERE pr.repository_id = r.id)
        AND coalesce(r.last_collected_at, 0) <= ${cutoff}
      ORDER BY r.key`);
    if (removed.length === 0) return { removed, identities: 0 };
    tx.delete(repositories)
      .where(
        inArray(
          repositories.id,
          removed.map((r) => r.id)
        )
      )
      .run();
    const orphans = tx.all<{ id: number }>(sql`
      SELECT i.id FROM identities i
      WHERE NOT EXISTS (SELECT 1 FROM commits c WHERE c.author_identity_id = i.id)
        AND NOT EXISTS (SELECT 1 FROM items t WHERE t.author_identity_id = i.id OR t.closed_by_identity_id = i.id)
        AND NOT EXISTS (SELECT 1 FROM comments m WHERE m.author_identity_id = i.id)
        AND NOT EXISTS (SELECT 1 FROM releases l WHERE l.author_identity_id = i.id)`);
    for (let i = 0; i < orphans.length; i += 500) {
      const ids = orphans.slice(i, i + 500).map((o) => o.id);
      tx.delete(identities).where(inArray(identities.id, ids)).run();
    }
    return { removed, identities: orphans.length };
  });
}

/** Deletes full daily snapshots dated before `before` except the newest of each project and month. */
function thinDailySnapshots(db: Db, before: string): number {
  return db.$client
    .prepare(
      `DELETE FROM project_snapshots AS s
       WHERE s.as_of < ?
         AND s.as_of <> (SELECT max(n.as_of) FROM project_snapshots n
                         WHERE n.project_id = s.project_id AND n.as_of >= substr(s.as_of, 1, 7) || '-01'
                           AND n.as_of <= substr(s.as_of, 1, 7) || '-31')`
    )
    .run(before).changes;
}

/** One German sentence for the collection log. */
export function retentionMessage(summary: RetentionSummary): string {
  const parts: string[] = [];
  if (summary.repositories > 0)
    parts.push(
      `${plural(summary.repositories, 'Repository', 'Repositories')} ohne Projekt gelöscht (mit ${plural(summary.clones, 'Klon', 'Klonen')} und ${plural(summary.identities, 'Identität', 'Identitäten')})`
    );
  if (summary.snapshots > 0)
    parts.push(`${plural(summary.snapshots, 'älterer Tagesstand', 'ältere Tagesstände')} auf Monatsstände reduziert`);
  return `Aufbewahrung: ${parts.join(', ')}.`;
}
