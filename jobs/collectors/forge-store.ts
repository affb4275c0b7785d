/**
 * Writing forge facts idempotently: every upsert is keyed by the forge's own ids (items by
 * repository + kind + number, comments by repository + kind + forge comment id, releases by
 * repository + forge release id, forks by repository + fork key), so storing a page twice changes
 * nothing. All functions take the transaction that also advances the page's cursor.
 */
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { comments, forks, items, releases, repositories, type BranchProtection } from '../../db/schema';
import { plainText } from '../../src/lib/plain-text';
import { forgeCloneUrl } from '../../src/lib/remote-url';
import type { DbWriter } from './http/cursors';
import { excluded, excludedSet, placeholders, preparedOnce } from './prepared';
import type { CollectContext } from './types';

export type NewItem = typeof items.$inferInsert;
export type NewComment = typeof comments.$inferInsert;
export type NewRelease = typeof releases.$inferInsert;
export type NewFork = typeof forks.$inferInsert;
export type RepositoryUpdate = Partial<typeof repositories.$inferInsert>;

/**
 * A clone URL from a forge answer as it may be stored: only below the forge's clone base (see
 * forgeCloneUrl); anything else is logged and dropped, so that a forge answer can never point git
 * at another host, a local repository or an option.
 */
export function acceptedCloneUrl(
  ctx: Pick<CollectContext, 'forge' | 'repository' | 'log'>,
  answer: string | null | undefined
): string | null {
  if (!answer) return null;
  const accepted = forgeCloneUrl(answer, ctx.forge.clone);
  if (!accepted)
    ctx.log(
      `${ctx.repository.key}: Klon-Adresse der Plattform liegt nicht unter ${ctx.forge.clone ?? '(keine Klon-Adresse)'} und wird ignoriert`
    );
  return accepted;
}

/** Rows per INSERT, well below SQLite's bound-parameter limit. */
const CHUNK = 200;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

/** Keep the last row per key (a page may, rarely, repeat an entry). */
function lastPerKey<T>(rows: T[], key: (row: T) => string): T[] {
  const map = new Map<string, T>();
  for (const row of rows) map.set(key(row), row);
  return [...map.values()];
}

const ITEM_COLUMNS = [
  'repositoryId',
  'kind',
  'number',
  'forgeItemId',
  'title',
  'state',
  'authorIdentityId',
  'labels',
  'createdAt',
  'updatedAt',
  'closedAt',
  'mergedAt',
  'closedByIdentityId',
  'commentCount'
] as const satisfies readonly (keyof NewItem)[];

const itemUpsert = preparedOnce<Record<(typeof ITEM_COLUMNS)[number], unknown>>((tx) =>
  tx
    .insert(items)
    .values(placeholders(ITEM_COLUMNS))
    .onConflictDoUpdate({
      target: [items.repositoryId, items.kind, items.number],
      // GitHub's issue lists carry no closed_by: the closer comes from the issue events and must
      // survive the next list page; a reopened item has no closer.
      set: {
        ...excludedSet({
          forgeItemId: items.forgeItemId,
          title: items.title,
          state: items.state,
          authorIdentityId: items.authorIdentityId,
          labels: items.labels,
          createdAt: items.createdAt,
          updatedAt: items.updatedAt,
          closedAt: items.closedAt,
          mergedAt: items.mergedAt,
          commentCount: items.commentCount
        }),
        closedByIdentityId: sql`case when ${excluded(items.state)} = 'open' then null else coalesce(${excluded(items.closedByIdentityId)}, ${items.closedByIdentityId}) end`
      }
    })
    .prepare()
);

export function upsertItems(tx: DbWriter, rows: NewItem[]): void {
  const statement = itemUpsert(tx);
  for (const r of lastPerKey(rows, (r) => `${r.kind}\0${r.number}`)) {
    statement.run({
      repositoryId: r.repositoryId,
      kind: r.kind,
      number: r.number,
      forgeItemId: r.forgeItemId,
      title: plainText(r.title),
      state: r.state,
      authorIdentityId: r.authorIdentityId ?? null,
      labels: (r.labels ?? []).map(plainText),
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      closedAt: r.closedAt ?? null,
      mergedAt: r.mergedAt ?? null,
      closedByIdentityId: r.closedByIdentityId ?? null,
      commentCount: r.commentCount ?? 0
    });
  }
}

const COMMENT_COLUMNS = [
  'repositoryId',
  'kind',
  'forgeCommentId',
  'itemKind',
  'itemNumber',
  'authorIdentityId',
  'createdAt',
  'system'
] as const satisfies readonly (keyof NewComment)[];

const commentUpsert = preparedOnce<Record<(typeof COMMENT_COLUMNS)[number], unknown>>((tx) =>
  tx
    .insert(comments)
    .values(placeholders(COMMENT_COLUMNS))
    .onConflictDoUpdate({
      target: [comments.repositoryId, comments.kind, comments.forgeCommentId],
      set: excludedSet({
        itemKind: comments.itemKind,
        itemNumber: comments.itemNumber,
        authorIdentityId: comments.authorIdentityId,
        createdAt: comments.createdAt,
        system: comments.system
      })
    })
    .prepare()
);

export function upsertComments(tx: DbWriter, rows: NewComment[]): void {
  const statement = commentUpsert(tx);
  for (const r of lastPerKey(rows, (r) => `${r.kind}\0${r.forgeCommentId}`)) {
    statement.run({
      repositoryId: r.repositoryId,
      kind: r.kind,
      forgeCommentId: r.forgeCommentId,
      itemKind: r.itemKind,
      itemNumber: r.itemNumber,
      authorIdentityId: r.authorIdentityId ?? null,
      createdAt: r.createdAt,
      system: r.system ?? false
    });
  }
}

export function upsertReleases(tx: DbWriter, rows: NewRelease[]): void {
  const unique = lastPerKey(rows, (r) => r.forgeReleaseId).map((r) => ({
    ...r,
    tagName: plainText(r.tagName),
    name: r.name == null ? r.name : plainText(r.name)
  }));
  for (const part of chunks(unique)) {
    tx.insert(releases)
      .values(part)
      .onConflictDoUpdate({
        target: [releases.repositoryId, releases.forgeReleaseId],
        set: excludedSet({
          tagName: releases.tagName,
          name: releases.name,
          authorIdentityId: releases.authorIdentityId,
          createdAt: releases.createdAt,
          publishedAt: releases.publishedAt,
          prerelease: releases.prerelease
        })
      })
      .run();
  }
}

/** Remove releases the forge no longer lists (after a complete traversal only). */
export function deleteReleasesExcept(tx: DbWriter, repositoryId: number, keep: string[]): void {
  tx.delete(releases)
    .where(
      keep.length
        ? and(eq(releases.repositoryId, repositoryId), notInArray(releases.forgeReleaseId, keep))
        : eq(releases.repositoryId, repositoryId)
    )
    .run();
}

export function upsertForks(tx: DbWriter, rows: NewFork[]): void {
  const unique = lastPerKey(rows, (r) => r.forkKey);
  for (const part of chunks(unique)) {
    tx.insert(forks)
      .values(part)
      .onConflictDoUpdate({
        target: [forks.repositoryId, forks.forkKey],
        // aheadBy is not known to the forge list; it is kept as computed elsewhere.
        set: excludedSet({
          forgeRepoId: forks.forgeRepoId,
          ownerAccount: forks.ownerAccount,
          cloneUrl: forks.cloneUrl,
          createdAt: forks.createdAt,
          pushedAt: forks.pushedAt
        })
      })
      .run();
  }
}

/** Remove forks the forge no longer lists (after a complete traversal only). */
export function deleteForksExcept(tx: DbWriter, repositoryId: number, keep: string[]): void {
  tx.delete(forks)
    .where(keep.length ? and(eq(forks.repositoryId, repositoryId), notInArray(forks.forkKey, keep)) : eq(forks.repositoryId, repositoryId))
    .run();
}

export function updateRepository(tx: DbWriter, repositoryId: number, update: RepositoryUpdate): void {
  const description = update.description == null ? update.description : plainText(update.description);
  tx.update(repositories)
    .set({ ...update, ...(description !== undefined ? { description } : {}) })
    .where(eq(repositories.id, repositoryId))
    .run();
}

/** The latest update time (epoch seconds) of the repository's items, optionally of one kind. */
export function itemsHighWater(db: DbWriter, repositoryId: number, kind?: 'issue' | 'pull'): number | null {
  const row = db
    .select({ max: sql<number | null>`max(${items.updatedAt})` })
    .from(items)
    .where(kind ? and(eq(items.repositoryId, repositoryId), eq(items.kind, kind)) : eq(items.repositoryId, repositoryId))
    .get();
  return row?.max ?? null;
}

/** The latest close or merge of a repository's items (epoch seconds), or null. */
export function closedHighWater(db: DbWriter, repositoryId: number): number | null {
  const row = db
    .select({ max: sql<number | null>`max(coalesce(${items.mergedAt}, ${items.closedAt}))` })
    .from(items)
    .where(and(eq(items.repositoryId, repositoryId), sql`${items.state} <> 'open'`))
    .get();
  return row?.max ?? null;
}

/** Who closed or merged each item (by number), as the forge's events name them; open items keep none. */
export function storeClosers(tx: DbWriter, repositoryId: number, closers: Map<number, number | null>): void {
  for (const [number, identityId] of closers) {
    tx.update(items)
      .set({ closedByIdentityId: identityId })
      .where(and(eq(items.repositoryId, repositoryId), eq(items.number, number), sql`${items.state} <> 'open'`))
      .run();
  }
}

/** Whether an item changed after `since` (epoch seconds), optionally only ones with comments. */
export function itemsChangedSince(
  db: DbWriter,
  repositoryId: number,
  since: number,
  options: { kind?: 'issue' | 'pull'; withComments?: boolean } = {}
): boolean {
  const conditions = [eq(items.repositoryId, repositoryId), sql`${items.updatedAt} > ${since}`];
  if (options.kind) conditions.push(eq(items.kind, options.kind));
  if (options.withComments) conditions.push(sql`${items.commentCount} > 0`);
  return (
    db
      .select({ one: sql<number>`1` })
      .from(items)
      .where(and(...conditions))
      .limit(1)
      .get() !== undefined
  );
}

export interface ItemRef {
  kind: 'issue' | 'pull';
  number: number;
  updatedAt: number;
  commentCount: number;
}

/**
 * Items in (updatedAt, kind, number) order after a position, for per-item work (reviews, notes)
 * that advances its own cursor item by item.
 */
export function itemsAfter(
  db: DbWriter,
  repositoryId: number,
  after: { updatedAt: number; kind: string; number: number } | null,
  filter: { kind?: 'issue' | 'pull'; withComments?: boolean } = {}
): ItemRef[] {
  const conditions = [eq(items.repositoryId, repositoryId)];
  if (filter.kind) conditions.push(eq(items.kind, filter.kind));
  if (filter.withComments) conditions.push(sql`${items.commentCount} > 0`);
  if (after) {
    conditions.push(sql`(${items.updatedAt}, ${items.kind}, ${items.number}) > (${after.updatedAt}, ${after.kind}, ${after.number})`);
  }
  return db
    .select({ kind: items.kind, number: items.number, updatedAt: items.updatedAt, commentCount: items.commentCount })
    .from(items)
    .where(and(...conditions))
    .orderBy(items.updatedAt, items.kind, items.number)
    .all();
}

/** Cursor value of an item position ("<updatedAt>:<kind>:<number>"). */
export function itemPosition(ref: { updatedAt: number; kind: string; number: number }): string {
  return `${ref.updatedAt}:${ref.kind}:${ref.number}`;
}

export function parseItemPosition(value: string | undefined): { updatedAt: number; kind: string; number: number } | null {
  if (!value) return null;
  const [u, kind, n] = value.split(':');
  const updatedAt = Number(u);
  const number = Number(n);
  if (!Number.isFinite(updatedAt) || !kind || !Number.isFinite(number)) return null;
  return { updatedAt, kind, number };
}

/** A page of a forge list as both collectors page through them. */
export interface ListPage<T> {
  items: T[];
  notModified: boolean;
  last: boolean;
  /** Store the list's first-page ETag (only when this is the last page) in the page's transaction. */
  finish: (tx: DbWriter) => void;
}

/**
 * One page of a repository's fork list, in one transaction: the forks upserted, after the last page
 * the forks no longer listed removed, and the list's ETag stored.
 */
export function storeForkPage(db: DbWriter, repositoryId: number, page: ListPage<unknown>, rows: NewFork[], seen: string[]): void {
  seen.push(...rows.map((r) => r.forkKey));
  db.transaction((tx) => {
    upsertForks(tx, rows);
    if (page.last) deleteForksExcept(tx, repositoryId, seen);
    page.finish(tx);
  });
}

/** Branch protection is read at most once a day (and again for a new default branch). */
export const PROTECTION_MAX_AGE_SECONDS = 24 * 3600;

/** Whether the stored protection of `branch` is older than a day, of another branch, or missing. */
export function protectionDue(stored: BranchProtection | null | undefined, branch: string, now: number): boolean {
  return !stored || stored.branch !== branch || now - stored.checkedAt >= PROTECTION_MAX_AGE_SECONDS;
}

/** The stored protection of a repository's default branch, and that branch. */
export function storedProtection(
  db: DbWriter,
  repositoryId: number
): { defaultBranch: string | null; branchProtection: BranchProtection | null } {
  return (
    db
      .select({ defaultBranch: repositories.defaultBranch, branchProtection: repositories.branchProtection })
      .from(repositories)
      .where(eq(repositories.id, repositoryId))
      .get() ?? { defaultBranch: null, branchProtection: null }
  );
}
