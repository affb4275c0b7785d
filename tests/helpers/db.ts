/** Temporary databases and data directories for tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../db/index';
import { resolveDataPaths, type DataPaths } from '../../src/lib/paths';

export interface TempData {
  dir: string;
  paths: DataPaths;
  db: Db;
  cleanup(): void;
}

export function tempDir(prefix = 'allmende-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempData(): TempData {
  const dir = tempDir();
  const paths = resolveDataPaths({ data: join(dir, 'data') }, {});
  const db = openDatabase(paths.dbFile);
  return {
    dir,
    paths,
    db,
    cleanup() {
      if (db.$client.open) db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** The facts of a database as comparable text, without ids or run bookkeeping. */
export function dumpFacts(db: Db): Record<string, unknown[]> {
  const q = (sql: string) => db.$client.prepare(sql).all();
  return {
    repositories: q(`select key, head_commit, root_commits, archived, default_branch, license_spdx, has_license_file, license_file_spdx,
      has_security_policy, has_contributing, has_publiccode, publiccode, publiccode_error from repositories order by key`),
    commits: q(`select r.key, c.hash, c.author_date, c.committer_date, c.parent_count, i.source, i.name, i.email_hash, i.login
      from commits c join repositories r on r.id = c.repository_id join identities i on i.id = c.author_identity_id order by r.key, c.hash`),
    tags: q(`select r.key, t.name, t.commit_hash, t.tagged_at from tags t join repositories r on r.id = t.repository_id order by 1, 2`),
    identities:
      q(`select source, name, login, email_hash, email_domain, email_generic, noreply_id, noreply_login, email_bot, forge_bot, forge_user_id
      from identities order by source, name, login, email_hash`),
    items:
      q(`select r.key, i.kind, i.number, i.forge_item_id, i.title, i.state, i.created_at, i.updated_at, i.closed_at, i.merged_at, i.labels, i.comment_count
      from items i join repositories r on r.id = i.repository_id order by 1, 2, 3`),
    comments: q(`select r.key, c.kind, c.forge_comment_id, c.item_kind, c.item_number, c.created_at, c.system
      from comments c join repositories r on r.id = c.repository_id order by 1, 2, 3`),
    releases: q(
      `select r.key, x.forge_release_id, x.tag_name, x.created_at, x.published_at from releases x join repositories r on r.id = x.repository_id order by 1, 2`
    ),
    forks: q(
      `select r.key, f.fork_key, f.owner_account, f.ahead_by from forks f join repositories r on r.id = f.repository_id order by 1, 2`
    ),
    licenceHistory: q(
      `select r.key, l.commit_hash, l.path, l.spdx from licence_history l join repositories r on r.id = l.repository_id order by 1, 2, 3`
    )
  };
}
