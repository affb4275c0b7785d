import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { organisations } from '../../db/schema';
import { DEFAULT_PERSONAL_EMAIL_DOMAINS } from '../lib/catalog/schema';
import { buildAffiliationIndex, emailOrganisation } from '../lib/identity/affiliation';
import type { TimeRange } from '../lib/metrics/window';
import type { ContributionCounts, ContributionTotals } from '../lib/reports/organisation';
import { memoByDataVersion } from './memo';
import { humanAuthor, personLabel } from './shared';

/**
 * The email domains seen in the data whose organisation (most specific listed domain, personal
 * never) is this one; worked out for every organisation at once. A read-only connection (the
 * dashboard's) keeps them until another connection changes the data; a writing one may change
 * them itself, so it asks each time.
 */
function organisationDomains(db: Db, organisationId: string, personalEmailDomains: readonly string[]): string[] {
  const compute = () => {
    const index = buildAffiliationIndex(
      db.select({ id: organisations.id, domains: organisations.domains }).from(organisations).all(),
      personalEmailDomains
    );
    const domains = new Map<string, string[]>();
    for (const { domain } of db.all<{ domain: string }>(
      sql`SELECT DISTINCT email_domain AS domain FROM identities WHERE email_domain IS NOT NULL`
    )) {
      const id = emailOrganisation(domain, index);
      if (id) domains.set(id, [...(domains.get(id) ?? []), domain]);
    }
    return domains;
  };
  const byOrganisation = db.$client.readonly
    ? memoByDataVersion(db, `organisation-domains:${personalEmailDomains.join(',')}`, compute)
    : compute();
  return byOrganisation.get(organisationId) ?? [];
}

/**
 * One row per contribution and project: `alias` is the contribution's table (its repository_id),
 * `from` the FROM clause that ends with it and joins `identities i`.
 */
function rows(kind: keyof ContributionCounts, key: SQL, alias: string, from: SQL, where: SQL): SQL {
  const repository = sql.raw(`${alias}.repository_id`);
  return sql`
    SELECT ${kind} AS kind, ${key} AS key, pr.project_id AS projectId, coalesce(i.person_id, -i.id) AS personId
    FROM ${from}
    LEFT JOIN persons pe ON pe.id = i.person_id
    JOIN project_repositories pr ON pr.repository_id = ${repository}
    WHERE ${where} AND ${humanAuthor}`;
}

/**
 * The organisation's human contributions in the time range [start, end) — the organisation report
 * asks for the days of its period outside whole months — counted per project and per person, each
 * contribution once in each, as listOrganisationContributionTotals counts the whole months (DESIGN §5,
 * the rule of src/lib/identity/affiliation.ts):
 * - non-merge commits by the email domain used: the identities with one of the organisation's
 *   domains are selected first, then their commits (commits_author) — the most specific listed
 *   domain wins, the personal email domains never count;
 * - issues and pull requests opened, comments and reviews written (no system notes) by forge
 *   accounts in the periods of account_affiliations that derive stored for the organisation
 *   (items_author, comments_author).
 * Human: the person's stored bot flag (`humanAuthor`). Counted in SQL: the largest owners have
 * thousands of contributions in a month, and only a few hundred projects and persons.
 */
export function listOrganisationContributions(
  db: Db,
  organisationId: string,
  range: TimeRange,
  options: { personalEmailDomains?: readonly string[] } = {}
): ContributionTotals {
  const { start, end } = range;
  const domains = organisationDomains(db, organisationId, options.personalEmailDomains ?? DEFAULT_PERSONAL_EMAIL_DOMAINS);
  // CROSS JOIN keeps SQLite's join order: the organisation's identities or accounts first.
  const commits = rows(
    'commits',
    sql`c.hash`,
    'c',
    sql`identities i CROSS JOIN commits c ON c.author_identity_id = i.id`,
    sql`i.email_domain IN (SELECT value FROM json_each(${JSON.stringify(domains)}))
      AND c.author_date >= ${start} AND c.author_date < ${end} AND c.parent_count <= 1`
  );
  const byAccount = (table: 'items' | 'comments', alias: string) => {
    const t = (column: string) => sql.raw(`${alias}.${column}`);
    return sql`account_affiliations aa
      CROSS JOIN ${sql.raw(table)} ${sql.raw(alias)} ON ${t('author_identity_id')} = aa.identity_id
        AND ${t('created_at')} >= max(${start}, coalesce(aa.from_at, ${start}))
        AND ${t('created_at')} < min(${end}, coalesce(aa.to_at, ${end}))
      JOIN identities i ON i.id = aa.identity_id`;
  };
  const items = rows('issues', sql`it.id`, 'it', byAccount('items', 'it'), sql`aa.organisation_id = ${organisationId}`);
  const comments = rows(
    'comments',
    sql`cm.id`,
    'cm',
    byAccount('comments', 'cm'),
    sql`aa.organisation_id = ${organisationId} AND cm.system = 0`
  );
  // Each contribution once per project and once per person: one count(DISTINCT key) per group and
  // kind (three CASE-filtered distinct counts per group took half as long again), the labels joined
  // to the groups rather than to the rows.
  const grouped = db.all<{
    projectId: string | null;
    personId: number | null;
    name: string | null;
    ownerId: string | null;
    alias: string | null;
    kind: keyof ContributionCounts;
    n: number;
  }>(sql`
    WITH c AS MATERIALIZED (${commits} UNION ALL ${items} UNION ALL ${comments})
    SELECT g.projectId AS projectId, NULL AS personId, p.name AS name, p.owner_id AS ownerId, NULL AS alias, g.kind AS kind, g.n AS n
      FROM (SELECT projectId, kind, count(DISTINCT key) AS n FROM c GROUP BY projectId, kind) g JOIN projects p ON p.id = g.projectId
    UNION ALL
    SELECT NULL, g.personId, ${personLabel('pseudonym', sql`g.personId`)}, NULL, ${personLabel('display_name', sql`g.personId`)}, g.kind, g.n
      FROM (SELECT personId, kind, count(DISTINCT key) AS n FROM c GROUP BY personId, kind) g LEFT JOIN persons pe ON pe.id = g.personId`);
  const projects = new Map<string, ContributionTotals['projects'][number]>();
  const persons = new Map<number, ContributionTotals['persons'][number]>();
  const none = () => ({ commits: 0, issues: 0, comments: 0 });
  for (const { projectId, personId, name, ownerId, alias, kind, n } of grouped) {
    if (projectId !== null) {
      let counts = projects.get(projectId);
      if (!counts) projects.set(projectId, (counts = { projectId, projectName: name!, projectOwnerId: ownerId, ...none() }));
      counts[kind] = n;
    } else {
      let counts = persons.get(personId!);
      if (!counts) persons.set(personId!, (counts = { personId: personId!, pseudonym: name!, displayName: alias!, ...none() }));
      counts[kind] = n;
    }
  }
  return { projects: [...projects.values()], persons: [...persons.values()] };
}
