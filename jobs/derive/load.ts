/**
 * The facts of a batch of projects for the metrics, set-based: one query per fact table (repositories,
 * commits, tags, releases, items, comments, licence history, forks) for the whole batch — never one
 * query per project — joined through one helper, with actors resolved against the derive context
 * (context.ts).
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/index';
import { comments, commits, forks, items, licenceHistory, projectRepositories, releases, repositories, tags } from '../../db/schema';
import type { RelatedRepositoryFact, RepositoryFact } from '../../src/lib/metrics/facts';
import { organisationOfAccount } from '../../src/lib/metrics/reuse';
import type { ProjectFacts } from '../../src/lib/reports/project';
import { actorAt, loadContext, UNKNOWN, type ContextOptions, type DeriveContext, type ProjectRow } from './context';

/** Repositories of other projects sharing a root commit with one of the project's repositories. */
function relatedRepositories(db: Db, ctx: DeriveContext, projectId: string, own: RepositoryFact[]): RelatedRepositoryFact[] {
  const ownIds = new Set(own.map((r) => r.id));
  const found = new Map<number, RelatedRepositoryFact>();
  const project = ctx.projects.find((p) => p.id === projectId);
  for (const r of own) {
    for (const root of r.rootCommits ?? []) {
      for (const otherId of ctx.families.get(root) ?? []) {
        if (ownIds.has(otherId) || found.has(otherId)) continue;
        const otherProjects = (ctx.repositoryProjects.get(otherId) ?? []).filter((p) => p !== projectId);
        if (otherProjects.length === 0) continue;
        const meta = ctx.repositories.get(otherId);
        if (!meta) continue;
        const otherProject = ctx.projects.find((p) => p.id === otherProjects[0]);
        const colon = meta.key.indexOf(':');
        const owner = meta.path.includes('/') ? meta.path.slice(0, meta.path.lastIndexOf('/')) : meta.path;
        const accountOrg =
          meta.forgeId === 'git' ? null : organisationOfAccount(ctx.organisations.values(), meta.key.slice(0, colon), owner);
        found.set(otherId, {
          repositoryId: otherId,
          key: meta.key,
          forgeId: meta.forgeId,
          path: meta.path,
          projectId: otherProjects[0],
          projectOwnerId: otherProject?.ownerId ?? null,
          accountOrganisationId: accountOrg?.id ?? null,
          createdAt: meta.createdAt,
          isFork: meta.isFork,
          forkParent: meta.forkParent,
          sharesRootWith: r.id,
          aheadBy: null,
          firstCommitAt: null
        });
      }
    }
  }
  const result = [...found.values()];
  if (result.length === 0 || !project) return result;
  // Commits of the other repository not in this project, and its first commit: one query each
  // for the (rare) family members only.
  for (const rel of result) {
    const row = db.get<{ ahead: number; first: number | null }>(sql`
      SELECT
        (SELECT count(*) FROM ${commits} c WHERE c.repository_id = ${rel.repositoryId}
           AND NOT EXISTS (SELECT 1 FROM ${projectRepositories} pr JOIN ${commits} u
                           ON u.repository_id = pr.repository_id AND u.hash = c.hash
                           WHERE pr.project_id = ${projectId})) AS ahead,
        (SELECT min(author_date) FROM ${commits} WHERE repository_id = ${rel.repositoryId}) AS first`);
    rel.aheadBy = row?.ahead ?? null;
    rel.firstCommitAt = row?.first ?? null;
  }
  return result;
}

/**
 * The rows of a fact table for the repositories of a batch of projects, each with its project id:
 * one join of project_repositories with the table, one query for the whole batch. The hot facts
 * (commits, items, comments) are copied into object literals of one fixed shape: objects made by
 * rest/spread made every metric loop over them about three times slower (derive of the benchmark
 * database 11 → 36 s).
 */
function rowsOfProjects<F extends Record<string, SQLiteColumn>>(
  db: Db,
  projectIds: readonly string[],
  table: SQLiteTable,
  repositoryId: SQLiteColumn,
  fields: F,
  /** In repository order (the catalog's order of a project's repositories); facts need no order. */
  ordered = false
) {
  const query = db
    .select({ ...fields, projectId: projectRepositories.projectId })
    .from(projectRepositories)
    .innerJoin(table, eq(repositoryId, projectRepositories.repositoryId))
    .where(inArray(projectRepositories.projectId, [...projectIds]));
  return (ordered ? query.orderBy(asc(projectRepositories.repositoryId)) : query).all();
}

/**
 * rowsOfProjects for the hot tables (commits, items, comments: millions of rows) — the same join, built
 * alike (drizzle's types of a join with a generic selection do not carry over to a shared builder) — as arrays in the
 * order of `columns` with the project id last (better-sqlite3's raw mode): drizzle's mapping of
 * each joined row into an object cost a third of the read (400 projects' 95,000 commits: 200 → 130 ms).
 * Values come as SQLite stores them: a flag is 0 or 1.
 */
type RawValue<C extends SQLiteColumn> =
  (C['_']['columnType'] extends 'SQLiteBoolean' ? number : C['_']['data']) | (C['_']['notNull'] extends true ? never : null);
/** A raw row's values, typed from the columns (a flag as SQLite stores it), and the project id. */
type RawRow<C extends readonly SQLiteColumn[]> = [...{ [K in keyof C]: C[K] extends SQLiteColumn ? RawValue<C[K]> : never }, string];

function rawRowsOfProjects<const C extends readonly SQLiteColumn[]>(
  db: Db,
  projectIds: readonly string[],
  table: SQLiteTable,
  repositoryId: SQLiteColumn,
  columns: C
): RawRow<C>[] {
  const fields = Object.fromEntries([...columns, projectRepositories.projectId].map((column, i) => [`c${i}`, column]));
  const query = db
    .select(fields)
    .from(projectRepositories)
    .innerJoin(table, eq(repositoryId, projectRepositories.repositoryId))
    .where(inArray(projectRepositories.projectId, [...projectIds]))
    .toSQL();
  return db.$client
    .prepare(query.sql)
    .raw()
    .all(...query.params) as RawRow<C>[];
}

function emptyFacts(ctx: DeriveContext, p: ProjectRow): ProjectFacts {
  return {
    project: { id: p.id, name: p.name, ownerId: p.ownerId, usedBy: p.usedBy },
    organisations: ctx.organisations,
    repositories: [],
    commits: [],
    tags: [],
    releases: [],
    items: [],
    comments: [],
    licenceHistory: [],
    forks: [],
    related: [],
    basedOn: ctx.basedOn,
    persons: ctx.persons
  };
}

/** The facts of a batch of projects, by project id, with a handful of set-based queries. */
export function loadProjectFactsBatch(db: Db, ctx: DeriveContext, projectIds: readonly string[]): Map<string, ProjectFacts> {
  const result = new Map<string, ProjectFacts>();
  const byId = new Map(ctx.projects.map((p) => [p.id, p]));
  for (const id of projectIds) {
    const p = byId.get(id);
    if (p) result.set(id, emptyFacts(ctx, p));
  }
  const ids = [...result.keys()];
  if (ids.length === 0) return result;
  const of = (projectId: string) => result.get(projectId)!;

  const repositoryFields = {
    id: repositories.id,
    key: repositories.key,
    forgeId: repositories.forgeId,
    path: repositories.path,
    webUrl: repositories.webUrl,
    cloneUrl: repositories.cloneUrl,
    description: repositories.description,
    defaultBranch: repositories.defaultBranch,
    archived: repositories.archived,
    isFork: repositories.isFork,
    forkParent: repositories.forkParent,
    licenseSpdx: repositories.licenseSpdx,
    releasesCapped: repositories.releasesCapped,
    hasIssues: repositories.hasIssues,
    createdAt: repositories.createdAt,
    rootCommits: repositories.rootCommits,
    headCommit: repositories.headCommit,
    forgeRepoId: repositories.forgeRepoId,
    licenseFileSpdx: repositories.licenseFileSpdx,
    licenseDeclared: repositories.licenseDeclared,
    hasLicenseFile: repositories.hasLicenseFile,
    hasSecurityPolicy: repositories.hasSecurityPolicy,
    branchProtection: repositories.branchProtection,
    wellKnownFiles: repositories.wellKnownFiles,
    hasPubliccode: repositories.hasPubliccode,
    publiccode: repositories.publiccode,
    publiccodeError: repositories.publiccodeError,
    lastCollectedAt: repositories.lastCollectedAt,
    lastSuccessAt: repositories.lastSuccessAt,
    lastError: repositories.lastError
  };
  for (const { projectId, ...repo } of rowsOfProjects(db, ids, repositories, repositories.id, repositoryFields, true))
    of(projectId).repositories.push(repo);

  const commitColumns = [commits.hash, commits.authorIdentityId, commits.authorDate, commits.parentCount] as const;
  for (const [hash, author, authorDate, parentCount, projectId] of rawRowsOfProjects(
    db,
    ids,
    commits,
    commits.repositoryId,
    commitColumns
  )) {
    of(projectId).commits.push({ hash, authorDate, parentCount, author: ctx.actors.get(author) ?? UNKNOWN });
  }

  for (const { projectId, ...row } of rowsOfProjects(db, ids, tags, tags.repositoryId, { name: tags.name, taggedAt: tags.taggedAt }))
    of(projectId).tags.push(row);

  const releaseFields = {
    tagName: releases.tagName,
    name: releases.name,
    createdAt: releases.createdAt,
    publishedAt: releases.publishedAt,
    prerelease: releases.prerelease
  };
  for (const { projectId, ...row } of rowsOfProjects(db, ids, releases, releases.repositoryId, releaseFields))
    of(projectId).releases.push(row);

  const itemColumns = [
    items.repositoryId,
    items.kind,
    items.number,
    items.state,
    items.createdAt,
    items.closedAt,
    items.mergedAt,
    items.authorIdentityId,
    items.closedByIdentityId
  ] as const;
  for (const [repositoryId, kind, number, state, createdAt, closedAt, mergedAt, author, closedBy, projectId] of rawRowsOfProjects(
    db,
    ids,
    items,
    items.repositoryId,
    itemColumns
  )) {
    of(projectId).items.push({
      repositoryId,
      kind,
      number,
      state,
      createdAt,
      closedAt,
      mergedAt,
      author: actorAt(ctx, author, createdAt),
      closedBy: actorAt(ctx, closedBy, closedAt ?? mergedAt ?? createdAt)
    });
  }

  const commentColumns = [
    comments.repositoryId,
    comments.kind,
    comments.itemKind,
    comments.itemNumber,
    comments.createdAt,
    comments.system,
    comments.authorIdentityId
  ] as const;
  for (const [repositoryId, kind, itemKind, itemNumber, createdAt, system, author, projectId] of rawRowsOfProjects(
    db,
    ids,
    comments,
    comments.repositoryId,
    commentColumns
  )) {
    of(projectId).comments.push({
      repositoryId,
      kind,
      itemKind,
      itemNumber,
      createdAt,
      system: system === 1,
      author: actorAt(ctx, author, createdAt)
    });
  }

  const licenceFields = {
    repositoryId: licenceHistory.repositoryId,
    commitHash: licenceHistory.commitHash,
    committedAt: licenceHistory.committedAt,
    path: licenceHistory.path,
    spdx: licenceHistory.spdx
  };
  for (const { projectId, ...row } of rowsOfProjects(db, ids, licenceHistory, licenceHistory.repositoryId, licenceFields))
    of(projectId).licenceHistory.push(row);

  const forkFields = {
    repositoryId: forks.repositoryId,
    forkKey: forks.forkKey,
    ownerAccount: forks.ownerAccount,
    createdAt: forks.createdAt,
    pushedAt: forks.pushedAt,
    aheadBy: forks.aheadBy
  };
  for (const { projectId, ...row } of rowsOfProjects(db, ids, forks, forks.repositoryId, forkFields)) of(projectId).forks.push(row);

  for (const [projectId, facts] of result) facts.related = relatedRepositories(db, ctx, projectId, facts.repositories);
  return result;
}

/**
 * One project's facts (what `allmende report --project ID --as-of DATE` computes from), or null
 * when the project is unknown.
 */
export function loadProjectFacts(db: Db, projectId: string, options: ContextOptions = {}): ProjectFacts | null {
  const ctx = loadContext(db, options);
  return loadProjectFactsBatch(db, ctx, [projectId]).get(projectId) ?? null;
}
