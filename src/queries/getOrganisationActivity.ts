import { and, between, eq, inArray, isNotNull, lte, ne, or, sql, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/index';
import {
  accountAffiliations,
  comments,
  commits,
  identities,
  items,
  organisations,
  persons,
  projectRepositories,
  projects
} from '../../db/schema';
import { DEFAULT_PERSONAL_EMAIL_DOMAINS } from '../lib/catalog/schema';
import { buildAffiliationIndex, emailOrganisation } from '../lib/identity/affiliation';

export interface OrganisationActivity {
  /** Human non-merge commits (by anyone) in the period, per own project. */
  ownProjectCommits: Map<string, number>;
  /** Contributions by the organisation's people to projects it does not own. */
  elsewhere: { projectId: string; projectName: string; commits: number; issues: number; comments: number }[];
  /** The organisation's people (pseudonymised) with their contributions in the period, anywhere. */
  contributors: { name: string; commits: number; issues: number; comments: number }[];
}

/** Seconds since the epoch of the first and the last second of an inclusive UTC date range. */
function periodSeconds(from: string, to: string): [number, number] {
  return [Date.parse(`${from}T00:00:00Z`) / 1000, Date.parse(`${to}T23:59:59Z`) / 1000];
}

/** Humans only: a resolved person that is no bot, else an identity without bot marks. */
const isHuman = sql`(case when ${persons.id} is not null then ${persons.isBot} = 0 else (${identities.emailBot} = 0 and ${identities.forgeBot} = 0 and ${identities.name} not like '%[bot]') end)`;
const personKey = sql<number>`coalesce(${identities.personId}, -${identities.id})`;
const personName = sql<string>`coalesce(${persons.pseudonym}, 'Identität ' || ${identities.id})`;

/**
 * The facts behind an organisation's OSPO report for a period (DESIGN §5, §8 `report --org --from
 * --to`), with the derive step's rules (src/lib/identity/affiliation.ts): a commit belongs to the
 * organisation by the email domain used for it — the most specific listed domain wins, personal
 * email domains never count. An issue or comment by a forge account belongs to it by the account's
 * own email domain, else by the period of account_affiliations containing its time (the account's
 * membership or its person's email-affiliated commits, as the derive step computed and stored
 * them); accounts without either stay „ohne Zuordnung“. Bots never count; merge commits are not
 * authored activity.
 */
export function getOrganisationActivity(
  db: Db,
  organisationId: string,
  from: string,
  to: string,
  options: { personalEmailDomains?: readonly string[] } = {}
): OrganisationActivity {
  const [start, end] = periodSeconds(from, to);
  const ownProjectCommits = new Map<string, number>();

  const own = db
    .select({ projectId: projectRepositories.projectId, commits: sql<number>`count(distinct ${commits.hash})` })
    .from(commits)
    .innerJoin(projectRepositories, eq(projectRepositories.repositoryId, commits.repositoryId))
    .innerJoin(projects, eq(projects.id, projectRepositories.projectId))
    .innerJoin(identities, eq(identities.id, commits.authorIdentityId))
    .leftJoin(persons, eq(persons.id, identities.personId))
    .where(and(eq(projects.ownerId, organisationId), between(commits.authorDate, start, end), lte(commits.parentCount, 1), isHuman))
    .groupBy(projectRepositories.projectId)
    .all();
  for (const r of own) ownProjectCommits.set(r.projectId, r.commits);

  // The email domains seen in the data that belong to this organisation.
  const index = buildAffiliationIndex(
    db.select({ id: organisations.id, domains: organisations.domains, accounts: organisations.accounts }).from(organisations).all(),
    options.personalEmailDomains ?? DEFAULT_PERSONAL_EMAIL_DOMAINS
  );
  const ownDomains = db
    .selectDistinct({ domain: identities.emailDomain })
    .from(identities)
    .where(isNotNull(identities.emailDomain))
    .all()
    .map((r) => r.domain as string)
    .filter((domain) => emailOrganisation(domain, index) === organisationId);
  const domains = ownDomains.length > 0 ? inArray(identities.emailDomain, ownDomains) : sql`0`;
  /** The forge account's contribution at `at` is the organisation's (email domain, else stored period). */
  const memberAccountAt = (at: SQLWrapper) =>
    or(
      domains,
      sql`exists (select 1 from ${accountAffiliations} aa where aa.identity_id = ${identities.id}
            and aa.organisation_id = ${organisationId}
            and (aa.from_at is null or aa.from_at <= ${at}) and (aa.to_at is null or ${at} < aa.to_at))`
    );

  type Counts = { commits: number; issues: number; comments: number };
  const byProject = new Map<string, Counts & { projectName: string }>();
  const byPerson = new Map<number, Counts & { name: string }>();
  const project = (id: string, name: string) => {
    let p = byProject.get(id);
    if (!p) byProject.set(id, (p = { projectName: name, commits: 0, issues: 0, comments: 0 }));
    return p;
  };
  const person = (key: number, name: string) => {
    let p = byPerson.get(key);
    if (!p) byPerson.set(key, (p = { name, commits: 0, issues: 0, comments: 0 }));
    return p;
  };
  const elsewhereProject = alias(projects, 'elsewhere_project');

  // Commits by the organisation's email domains, per project not owned by the organisation.
  const commitRows = db
    .select({ projectId: elsewhereProject.id, projectName: elsewhereProject.name, n: sql<number>`count(distinct ${commits.hash})` })
    .from(commits)
    .innerJoin(identities, eq(identities.id, commits.authorIdentityId))
    .leftJoin(persons, eq(persons.id, identities.personId))
    .innerJoin(projectRepositories, eq(projectRepositories.repositoryId, commits.repositoryId))
    .innerJoin(elsewhereProject, eq(elsewhereProject.id, projectRepositories.projectId))
    .where(
      and(
        domains,
        isHuman,
        between(commits.authorDate, start, end),
        lte(commits.parentCount, 1),
        or(ne(elsewhereProject.ownerId, organisationId), sql`${elsewhereProject.ownerId} is null`)
      )
    )
    .groupBy(elsewhereProject.id)
    .all();
  for (const r of commitRows) project(r.projectId, r.projectName).commits = r.n;

  // Commits per person, anywhere (own projects included), counted once per hash.
  const commitPeople = db
    .select({ key: personKey, name: personName, n: sql<number>`count(distinct ${commits.hash})` })
    .from(commits)
    .innerJoin(identities, eq(identities.id, commits.authorIdentityId))
    .leftJoin(persons, eq(persons.id, identities.personId))
    .where(and(domains, isHuman, between(commits.authorDate, start, end), lte(commits.parentCount, 1)))
    .groupBy(personKey)
    .all();
  for (const r of commitPeople) person(r.key, r.name).commits = r.n;

  // Issues and pull requests opened, comments and reviews written by the organisation's people (as
  // the derived report counts them: src/lib/reports/organisation.ts).
  const perProjectAndPerson = {
    projectId: elsewhereProject.id,
    projectName: elsewhereProject.name,
    ownerId: elsewhereProject.ownerId,
    key: personKey,
    name: personName,
    n: sql<number>`count(*)`
  };
  const issueRows = db
    .select(perProjectAndPerson)
    .from(items)
    .innerJoin(identities, eq(identities.id, items.authorIdentityId))
    .leftJoin(persons, eq(persons.id, identities.personId))
    .innerJoin(projectRepositories, eq(projectRepositories.repositoryId, items.repositoryId))
    .innerJoin(elsewhereProject, eq(elsewhereProject.id, projectRepositories.projectId))
    .where(and(memberAccountAt(items.createdAt), isHuman, between(items.createdAt, start, end)))
    .groupBy(elsewhereProject.id, personKey)
    .all();
  const commentRows = db
    .select(perProjectAndPerson)
    .from(comments)
    .innerJoin(identities, eq(identities.id, comments.authorIdentityId))
    .leftJoin(persons, eq(persons.id, identities.personId))
    .innerJoin(projectRepositories, eq(projectRepositories.repositoryId, comments.repositoryId))
    .innerJoin(elsewhereProject, eq(elsewhereProject.id, projectRepositories.projectId))
    .where(and(memberAccountAt(comments.createdAt), isHuman, eq(comments.system, false), between(comments.createdAt, start, end)))
    .groupBy(elsewhereProject.id, personKey)
    .all();
  for (const [rows, field] of [
    [issueRows, 'issues'],
    [commentRows, 'comments']
  ] as const) {
    for (const r of rows) {
      if (r.ownerId !== organisationId) project(r.projectId, r.projectName)[field] += r.n;
      person(r.key, r.name)[field] += r.n;
    }
  }

  const elsewhere = [...byProject.entries()]
    .map(([projectId, c]) => ({ projectId, ...c }))
    .sort(
      (a, b) => b.commits + b.issues + b.comments - (a.commits + a.issues + a.comments) || a.projectName.localeCompare(b.projectName, 'de')
    );
  const contributors = [...byPerson.values()].sort(
    (a, b) => b.commits - a.commits || b.issues + b.comments - (a.issues + a.comments) || a.name.localeCompare(b.name, 'de')
  );
  return { ownProjectCommits, elsewhere, contributors };
}
