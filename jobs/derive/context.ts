/**
 * The derive context, read once per run (load.ts reads the projects' facts against it): organisations,
 * projects, identities resolved to actors with their affiliation periods, persons, repository families,
 * and the commit counts by which projects are cut into batches so that memory stays bounded however
 * large the database is.
 */
import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import {
  accountAffiliations,
  commits,
  identities,
  organisations,
  persons,
  projectRepositories,
  projects,
  repositories
} from '../../db/schema';
import { DEFAULT_PERSONAL_EMAIL_DOMAINS } from '../../src/lib/catalog/schema';
import {
  accountAffiliation,
  affiliationTimeline,
  allTime,
  buildAffiliationIndex,
  emailOrganisation,
  organisationAt,
  type AffiliationEvidence,
  type AffiliationIndex,
  type AffiliationPeriod
} from '../../src/lib/identity/affiliation';
import type { Actor, BasedOnFact, OrganisationFact } from '../../src/lib/metrics/facts';
import type { PersonInfo } from '../../src/lib/reports/project';

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

export interface BatchSize {
  maxCommits: number;
  maxProjects: number;
}

const BATCH_SIZE: BatchSize = { maxCommits: 150_000, maxProjects: 200 };

/** Projects cut into batches of at most `maxCommits` commits (and `maxProjects` projects). */
export function batches(ctx: DeriveContext, projectIds: readonly string[], size: BatchSize = BATCH_SIZE): string[][] {
  const { maxCommits, maxProjects } = size;
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
 * with an affiliating email. Only a person whose commits name more than one organisation needs the
 * commits' dates: for everyone else the timeline is that one organisation for all time, which is
 * what affiliationTimeline makes of any number of dates. So each git identity with an affiliating
 * domain is asked first whether it has a non-merge commit at all (the first entries of
 * commits_author), and only the identities of persons with several organisations give their commit
 * dates (commits_author alone: the index holds date and merge flag). At 5 million commits this reads
 * a few thousand index entries instead of all of them (12 s of derive before).
 */
function personTimelines(db: Db, index: AffiliationIndex): Map<number, AffiliationPeriod[]> {
  const organisationOfDomain = new Map<string, string | null>();
  const organisationOf = (domain: string) => {
    let organisationId = organisationOfDomain.get(domain);
    if (organisationId === undefined) organisationOfDomain.set(domain, (organisationId = emailOrganisation(domain, index)));
    return organisationId;
  };
  const hasCommit = db.$client.prepare('SELECT 1 FROM commits WHERE author_identity_id = ? AND parent_count <= 1 LIMIT 1').pluck();
  const identitiesOf = new Map<number, { id: number; organisationId: string }[]>();
  const rows = db.$client
    .prepare(
      `SELECT id, person_id AS person, email_domain AS domain FROM identities
       WHERE person_id IS NOT NULL AND email_domain IS NOT NULL AND source = 'git'`
    )
    .all() as { id: number; person: number; domain: string }[];
  for (const row of rows) {
    const organisationId = organisationOf(row.domain);
    if (!organisationId || hasCommit.get(row.id) === undefined) continue;
    let list = identitiesOf.get(row.person);
    if (!list) identitiesOf.set(row.person, (list = []));
    list.push({ id: row.id, organisationId });
  }
  const datesOf = db.$client.prepare('SELECT author_date FROM commits WHERE author_identity_id = ? AND parent_count <= 1').pluck();
  const timelines = new Map<number, AffiliationPeriod[]>();
  for (const [person, list] of identitiesOf) {
    if (list.every((i) => i.organisationId === list[0].organisationId)) {
      timelines.set(person, allTime(list[0].organisationId));
      continue;
    }
    const evidence: AffiliationEvidence[] = [];
    for (const { id, organisationId } of list) for (const at of datesOf.all(id) as number[]) evidence.push({ at, organisationId });
    timelines.set(person, affiliationTimeline(evidence));
  }
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
/** The actor of an identity the context does not know. */
export const UNKNOWN: Actor = { personId: 0, isBot: false, organisationId: null };
