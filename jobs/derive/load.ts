/**
 * Loading facts for the metrics, set-based: the context (organisations, projects, identities
 * resolved to actors, repository families) is read once; then the facts of a batch of projects are
 * read with one query per table (commits, tags, releases, items, comments, licence history, forks)
 * for the whole batch — never one query per project. Batches are cut by commit count so that the
 * memory held at any time stays bounded however large the database is.
 */
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import {
  accountAffiliations,
  comments,
  commits,
  forks,
  identities,
  items,
  licenceHistory,
  organisations,
  persons,
  projectRepositories,
  projects,
  releases,
  repositories,
  tags
} from '../../db/schema';
import { DEFAULT_PERSONAL_EMAIL_DOMAINS } from '../../src/lib/catalog/schema';
import {
  accountAffiliation,
  affiliationTimeline,
  buildAffiliationIndex,
  emailOrganisation,
  organisationAt,
  type AffiliationEvidence,
  type AffiliationIndex,
  type AffiliationPeriod
} from '../../src/lib/identity/affiliation';
import type { Actor, BasedOnFact, OrganisationFact, RelatedRepositoryFact, RepositoryFact } from '../../src/lib/metrics/facts';
import { organisationOfAccount } from '../../src/lib/metrics/reuse';
import type { PersonInfo, ProjectFacts } from '../../src/lib/reports/project';

export interface ProjectRow {
  id: string;
  name: string;
  ownerId: string | null;
  usedBy: string[];
}

interface RepositoryMeta {
  id: number;
  key: string;
  forgeId: string;
  path: string;
  createdAt: number | null;
  isFork: boolean | null;
  forkParent: string | null;
  rootCommits: string[];
}

/** What every project's facts need, read once per derive run. */
export interface DeriveContext {
  organisations: Map<string, OrganisationFact>;
  projects: ProjectRow[];
  /** identity id → actor of its commits, and of its forge contributions without periods. */
  actors: Map<number, Actor>;
  /**
   * Forge account (identity id) → the periods of its contributions' organisation (DESIGN §5, see
   * src/lib/identity/affiliation.ts); the derive step stores them in account_affiliations.
   */
  accountPeriods: Map<number, readonly AffiliationPeriod[]>;
  /** One actor object per (person, bot, organisation). */
  sharedActors: Map<string, Actor>;
  persons: Map<number, PersonInfo>;
  basedOn: BasedOnFact[];
  repositories: Map<number, RepositoryMeta>;
  /** repository id → the projects it belongs to. */
  repositoryProjects: Map<number, string[]>;
  /** root commit → repositories having it. */
  families: Map<string, number[]>;
  /** project id → commit count (for batching). */
  commitCounts: Map<string, number>;
}

export interface ContextOptions {
  personalEmailDomains?: readonly string[];
  /** "forge:login" → organisation id or account, for affiliation rule 2 (DESIGN §5). */
  memberships?: ReadonlyMap<string, string>;
}

export function loadContext(db: Db, options: ContextOptions = {}): DeriveContext {
  const orgRows = db.select().from(organisations).all();
  const orgMap = new Map<string, OrganisationFact>(
    orgRows.map((o) => [
      o.id,
      { id: o.id, name: o.name, kind: o.kind, accounts: o.accounts ?? [], region: o.region, domains: o.domains ?? [] }
    ])
  );
  const index = buildAffiliationIndex(
    orgRows.map((o) => ({ id: o.id, domains: o.domains ?? [], accounts: o.accounts ?? [] })),
    options.personalEmailDomains ?? DEFAULT_PERSONAL_EMAIL_DOMAINS,
    options.memberships ?? new Map()
  );

  const personRows = db
    .select({ id: persons.id, pseudonym: persons.pseudonym, displayName: persons.displayName, isBot: persons.isBot })
    .from(persons)
    .all();
  const personMap = new Map<number, PersonInfo>();
  const personBot = new Map<number, boolean>();
  for (const p of personRows) {
    personMap.set(p.id, { pseudonym: p.pseudonym, displayName: p.displayName });
    personBot.set(p.id, p.isBot);
  }

  const actors = new Map<number, Actor>();
  // One actor object per (person, bot, organisation): identities of one person share them.
  const shared = new Map<string, Actor>();
  const timelines = personTimelines(db, index);
  const accountPeriods = new Map<number, readonly AffiliationPeriod[]>();
  const identityRows = db
    .select({
      id: identities.id,
      source: identities.source,
      login: identities.login,
      emailDomain: identities.emailDomain,
      emailBot: identities.emailBot,
      forgeBot: identities.forgeBot,
      personId: identities.personId
    })
    .from(identities)
    .all();
  for (const i of identityRows) {
    const personId = i.personId ?? -i.id;
    const isBot = i.personId !== null ? (personBot.get(i.personId) ?? false) : i.emailBot || i.forgeBot;
    const periods = accountAffiliation(
      { emailDomain: i.emailDomain, source: i.source, login: i.login || undefined },
      index,
      i.personId !== null ? timelines.get(i.personId) : undefined
    );
    // Commit authors and accounts with one organisation for all time: one actor for everything.
    const fixed = periods.length === 1 && periods[0].from === null && periods[0].to === null;
    if (i.source !== 'git' && periods.length > 0) accountPeriods.set(i.id, periods);
    actors.set(i.id, sharedActor(shared, personId, isBot, fixed ? periods[0].organisationId : null));
  }

  const projectRows = db
    .select({ id: projects.id, name: projects.name, ownerId: projects.ownerId, usedBy: projects.usedBy })
    .from(projects)
    .orderBy(asc(projects.id))
    .all()
    .map((p) => ({ ...p, usedBy: p.usedBy ?? [] }));

  const repoRows = db
    .select({
      id: repositories.id,
      key: repositories.key,
      forgeId: repositories.forgeId,
      path: repositories.path,
      createdAt: repositories.createdAt,
      isFork: repositories.isFork,
      forkParent: repositories.forkParent,
      rootCommits: repositories.rootCommits,
      publiccode: repositories.publiccode
    })
    .from(repositories)
    .all();
  const repositoryProjects = new Map<number, string[]>();
  for (const link of db.select().from(projectRepositories).all()) {
    const list = repositoryProjects.get(link.repositoryId) ?? [];
    list.push(link.projectId);
    repositoryProjects.set(link.repositoryId, list);
  }
  const projectById = new Map(projectRows.map((p) => [p.id, p]));
  const repoMap = new Map<number, RepositoryMeta>();
  const families = new Map<string, number[]>();
  const basedOnByProject = new Map<string, Set<string>>();
  for (const r of repoRows) {
    repoMap.set(r.id, {
      id: r.id,
      key: r.key,
      forgeId: r.forgeId,
      path: r.path,
      createdAt: r.createdAt,
      isFork: r.isFork,
      forkParent: r.forkParent,
      rootCommits: r.rootCommits ?? []
    });
    for (const root of r.rootCommits ?? []) {
      const list = families.get(root) ?? [];
      list.push(r.id);
      families.set(root, list);
    }
    const based = r.publiccode?.isBasedOn;
    const entries = Array.isArray(based)
      ? based.filter((b): b is string => typeof b === 'string')
      : typeof based === 'string'
        ? [based]
        : [];
    if (entries.length === 0) continue;
    for (const projectId of repositoryProjects.get(r.id) ?? []) {
      const set = basedOnByProject.get(projectId) ?? new Set<string>();
      for (const e of entries) set.add(e);
      basedOnByProject.set(projectId, set);
    }
  }
  const basedOn: BasedOnFact[] = [...basedOnByProject].map(([projectId, set]) => ({
    projectId,
    projectName: projectById.get(projectId)?.name ?? projectId,
    ownerId: projectById.get(projectId)?.ownerId ?? null,
    isBasedOn: [...set]
  }));

  const commitCounts = new Map<string, number>();
  for (const row of db
    .select({ projectId: projectRepositories.projectId, n: count() })
    .from(projectRepositories)
    .innerJoin(commits, eq(commits.repositoryId, projectRepositories.repositoryId))
    .groupBy(projectRepositories.projectId)
    .all()) {
    commitCounts.set(row.projectId, row.n);
  }

  return {
    organisations: orgMap,
    projects: projectRows,
    actors,
    accountPeriods,
    sharedActors: shared,
    persons: personMap,
    basedOn,
    repositories: repoMap,
    repositoryProjects,
    families,
    commitCounts
  };
}

/** Projects cut into batches of at most `maxCommits` commits (and `maxProjects` projects). */
export function batches(ctx: DeriveContext, projectIds: readonly string[], maxCommits = 150_000, maxProjects = 200): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let load = 0;
  for (const id of projectIds) {
    const n = ctx.commitCounts.get(id) ?? 0;
    if (current.length > 0 && (load + n > maxCommits || current.length >= maxProjects)) {
      out.push(current);
      current = [];
      load = 0;
    }
    current.push(id);
    load += n;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function sharedActor(shared: Map<string, Actor>, personId: number, isBot: boolean, organisationId: string | null): Actor {
  const key = `${personId}|${isBot ? 1 : 0}|${organisationId ?? ''}`;
  let actor = shared.get(key);
  if (!actor) shared.set(key, (actor = { personId, isBot, organisationId }));
  return actor;
}

/**
 * Each person's affiliation timeline (src/lib/identity/affiliation.ts) from their non-merge commits
 * with an affiliating email, read person by person (identities_person, commits_author) so that only
 * one person's commit dates are held at a time.
 */
function personTimelines(db: Db, index: AffiliationIndex): Map<number, AffiliationPeriod[]> {
  const timelines = new Map<number, AffiliationPeriod[]>();
  const organisationOfDomain = new Map<string, string | null>();
  const rows = db.$client
    .prepare(
      `SELECT i.person_id AS person, i.email_domain AS domain, c.author_date AS at
       FROM identities i JOIN commits c ON c.author_identity_id = i.id
       WHERE i.person_id IS NOT NULL AND i.email_domain IS NOT NULL AND i.source = 'git' AND c.parent_count <= 1
       ORDER BY i.person_id`
    )
    .iterate() as IterableIterator<{ person: number; domain: string; at: number }>;
  let person: number | null = null;
  let evidence: AffiliationEvidence[] = [];
  const flush = () => {
    if (person !== null && evidence.length > 0) timelines.set(person, affiliationTimeline(evidence));
    evidence = [];
  };
  for (const row of rows) {
    if (row.person !== person) {
      flush();
      person = row.person;
    }
    let organisationId = organisationOfDomain.get(row.domain);
    if (organisationId === undefined) organisationOfDomain.set(row.domain, (organisationId = emailOrganisation(row.domain, index)));
    if (organisationId) evidence.push({ at: row.at, organisationId });
  }
  flush();
  return timelines;
}

/** The actor of a forge account's contribution at a time: its organisation then (DESIGN §5). */
export function actorAt(ctx: DeriveContext, id: number | null, at: number): Actor | null {
  if (id === null) return null;
  const actor = ctx.actors.get(id) ?? null;
  const periods = ctx.accountPeriods.get(id);
  if (!actor || !periods) return actor;
  return sharedActor(ctx.sharedActors, actor.personId, actor.isBot, organisationAt(periods, at));
}

/**
 * Replaces account_affiliations with the context's forge account periods (what the metrics used),
 * for the dashboard's queries over any period. Call it inside the derive transaction.
 */
export function storeAccountAffiliations(db: Db, ctx: DeriveContext): number {
  const rows: (typeof accountAffiliations.$inferInsert)[] = [];
  for (const [identityId, periods] of ctx.accountPeriods)
    for (const p of periods) rows.push({ identityId, fromAt: p.from, toAt: p.to, organisationId: p.organisationId });
  db.delete(accountAffiliations).run();
  for (let k = 0; k < rows.length; k += 500)
    db.insert(accountAffiliations)
      .values(rows.slice(k, k + 500))
      .run();
  return rows.length;
}
const UNKNOWN: Actor = { personId: 0, isBot: false, organisationId: null };

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

/** The facts of a batch of projects, by project id, with a handful of set-based queries. */
export function loadProjectFactsBatch(db: Db, ctx: DeriveContext, projectIds: readonly string[]): Map<string, ProjectFacts> {
  const result = new Map<string, ProjectFacts>();
  if (projectIds.length === 0) return result;
  const ids = [...projectIds];
  const byId = new Map(ctx.projects.map((p) => [p.id, p]));
  for (const id of ids) {
    const p = byId.get(id);
    if (!p) continue;
    result.set(id, {
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
    });
  }
  const inBatch = inArray(projectRepositories.projectId, ids);

  const repoRows = db
    .select({
      projectId: projectRepositories.projectId,
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
      hasPubliccode: repositories.hasPubliccode,
      publiccode: repositories.publiccode,
      publiccodeError: repositories.publiccodeError,
      lastCollectedAt: repositories.lastCollectedAt,
      lastSuccessAt: repositories.lastSuccessAt,
      lastError: repositories.lastError
    })
    .from(projectRepositories)
    .innerJoin(repositories, eq(repositories.id, projectRepositories.repositoryId))
    .where(inBatch)
    .orderBy(asc(repositories.id))
    .all();
  for (const { projectId, ...repo } of repoRows) result.get(projectId)?.repositories.push(repo);

  for (const row of db
    .select({
      projectId: projectRepositories.projectId,
      hash: commits.hash,
      author: commits.authorIdentityId,
      authorDate: commits.authorDate,
      parentCount: commits.parentCount
    })
    .from(projectRepositories)
    .innerJoin(commits, eq(commits.repositoryId, projectRepositories.repositoryId))
    .where(inBatch)
    .all()) {
    result.get(row.projectId)?.commits.push({
      hash: row.hash,
      authorDate: row.authorDate,
      parentCount: row.parentCount,
      author: ctx.actors.get(row.author) ?? UNKNOWN
    });
  }

  for (const row of db
    .select({ projectId: projectRepositories.projectId, name: tags.name, taggedAt: tags.taggedAt })
    .from(projectRepositories)
    .innerJoin(tags, eq(tags.repositoryId, projectRepositories.repositoryId))
    .where(inBatch)
    .all()) {
    result.get(row.projectId)?.tags.push({ name: row.name, taggedAt: row.taggedAt });
  }

  for (const { projectId, ...row } of db
    .select({
      projectId: projectRepositories.projectId,
      tagName: releases.tagName,
      name: releases.name,
      createdAt: releases.createdAt,
      publishedAt: releases.publishedAt,
      prerelease: releases.prerelease
    })
    .from(projectRepositories)
    .innerJoin(releases, eq(releases.repositoryId, projectRepositories.repositoryId))
    .where(inBatch)
    .all()) {
    result.get(projectId)?.releases.push(row);
  }

  for (const row of db
    .select({
      projectId: projectRepositories.projectId,
      repositoryId: items.repositoryId,
      kind: items.kind,
      number: items.number,
      state: items.state,
      createdAt: items.createdAt,
      closedAt: items.closedAt,
      mergedAt: items.mergedAt,
      author: items.authorIdentityId,
      closedBy: items.closedByIdentityId
    })
    .from(projectRepositories)
    .innerJoin(items, eq(items.repositoryId, projectRepositories.repositoryId))
    .where(inBatch)
    .all()) {
    result.get(row.projectId)?.items.push({
      repositoryId: row.repositoryId,
      kind: row.kind,
      number: row.number,
      state: row.state,
      createdAt: row.createdAt,
      closedAt: row.closedAt,
      mergedAt: row.mergedAt,
      author: actorAt(ctx, row.author, row.createdAt),
      closedBy: actorAt(ctx, row.closedBy, row.closedAt ?? row.mergedAt ?? row.createdAt)
    });
  }

  for (const row of db
    .select({
      projectId: projectRepositories.projectId,
      repositoryId: comments.repositoryId,
      kind: comments.kind,
      itemKind: comments.itemKind,
      itemNumber: comments.itemNumber,
      createdAt: comments.createdAt,
      system: comments.system,
      author: comments.authorIdentityId
    })
    .from(projectRepositories)
    .innerJoin(comments, eq(comments.repositoryId, projectRepositories.repositoryId))
    .where(inBatch)
    .all()) {
    result.get(row.projectId)?.comments.push({
      repositoryId: row.repositoryId,
      kind: row.kind,
      itemKind: row.itemKind,
      itemNumber: row.itemNumber,
      createdAt: row.createdAt,
      system: row.system,
      author: actorAt(ctx, row.author, row.createdAt)
    });
  }

  for (const { projectId, ...row } of db
    .select({
      projectId: projectRepositories.projectId,
      repositoryId: licenceHistory.repositoryId,
      commitHash: licenceHistory.commitHash,
      committedAt: licenceHistory.committedAt,
      path: licenceHistory.path,
      spdx: licenceHistory.spdx
    })
    .from(projectRepositories)
    .innerJoin(licenceHistory, eq(licenceHistory.repositoryId, projectRepositories.repositoryId))
    .where(inBatch)
    .all()) {
    result.get(projectId)?.licenceHistory.push(row);
  }

  for (const { projectId, ...row } of db
    .select({
      projectId: projectRepositories.projectId,
      repositoryId: forks.repositoryId,
      forkKey: forks.forkKey,
      ownerAccount: forks.ownerAccount,
      createdAt: forks.createdAt,
      pushedAt: forks.pushedAt,
      aheadBy: forks.aheadBy
    })
    .from(projectRepositories)
    .innerJoin(forks, eq(forks.repositoryId, projectRepositories.repositoryId))
    .where(inBatch)
    .all()) {
    result.get(projectId)?.forks.push(row);
  }

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
