/**
 * The organisation report sums the whole months of its period from the monthly counts derive
 * wrote (jobs/derive/contribution-months.ts) and counts only the days around them from the facts.
 * On a small country landscape (bench/country-db.ts: forks sharing their upstream's commits across
 * projects, OpenCoDE mirrors with the same commits in one project, forge accounts affiliated through
 * their person's commits) plus a repository listed in two projects, it gives, for every
 * organisation with contributions and for periods of every shape, exactly the report counted from
 * the facts alone — and a database derived before the counts existed is counted from the facts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/index';
import { derive } from '../../jobs/derive/index';
import { generateCountry } from '../../bench/country-db';
import { parseCatalog } from '../../src/lib/catalog/load';
import { buildOrganisationReport, periodRange } from '../../src/lib/reports/organisation';
import { organisationReport } from '../../src/lib/server/organisation-report';
import { CONTRIBUTION_MONTHS_KEY } from '../../src/queries/hasContributionMonths';
import { getOrganisation } from '../../src/queries/getOrganisation';
import { listOrganisationContributions } from '../../src/queries/listOrganisationContributions';
import { listOrganisationReuse } from '../../src/queries/listOrganisationReuse';
import { listOwnProjectStates } from '../../src/queries/listOwnProjectStates';

const AS_OF = '2026-11-23';
let dir: string;
let db: Db;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'allmende-months-'));
  const file = join(dir, 'country.db');
  generateCountry(file, { projects: 240, repositories: 290, commits: 60_000, items: 12_000 });
  db = openDatabase(file);
  // A repository listed in a second project: its issues count once per person, in both projects.
  db.run(sql`INSERT INTO project_repositories (project_id, repository_id)
    SELECT (SELECT id FROM projects ORDER BY id LIMIT 1 OFFSET 7), repository_id FROM project_repositories
    WHERE repository_id = (SELECT repository_id FROM items GROUP BY repository_id ORDER BY count(*) DESC LIMIT 1)`);
  await derive(db, parseCatalog('organisations: []\nprojects: []\n', 'months.yml'), { asOf: AS_OF, secret: Buffer.alloc(32, 5) });
}, 120_000);

afterAll(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

/** The report as before the monthly counts: every contribution of the period from the facts. */
function fromFactsAlone(id: string, from: string, to: string) {
  const organisation = getOrganisation(db, id)!;
  const range = periodRange(from, to);
  return buildOrganisationReport(
    {
      organisation: { id, name: organisation.name, kind: organisation.kind, region: organisation.region },
      from,
      to,
      ownProjects: listOwnProjectStates(db, id, to, { months: null, edges: [range] }),
      contributions: [listOrganisationContributions(db, id, range)],
      reuse: listOrganisationReuse(db, id, to)
    },
    { showNames: false }
  );
}

const PERIODS: [string, string][] = [
  ['2025-11-24', AS_OF], // the default: a year up to the newest snapshot
  ['2024-11-25', '2025-11-23'], // its previous period
  ['2026-03-01', '2026-08-31'], // whole months only
  ['2026-03-05', '2026-03-20'], // within one month
  ['2021-01-01', AS_OF], // everything
  ['2023-02-28', '2023-03-01'] // across a month's end
];

describe('the organisation report over monthly counts', () => {
  const organisations = () =>
    db
      .all<{ id: string }>(
        sql`SELECT organisation_id AS id FROM organisation_person_months GROUP BY 1 ORDER BY sum(commits + issues + comments) DESC LIMIT 12`
      )
      .map((r) => r.id);

  it('derive wrote counts for commits, issues and comments, and the shared histories are in them', () => {
    const totals = db.get<{ commits: number; issues: number; comments: number }>(
      sql`SELECT sum(commits) AS commits, sum(issues) AS issues, sum(comments) AS comments FROM organisation_person_months`
    )!;
    expect(totals.commits).toBeGreaterThan(10_000);
    expect(totals.issues).toBeGreaterThan(1_000);
    expect(totals.comments).toBeGreaterThan(1_000);
    // Per project a shared commit counts in each project, per person once: the project rows hold more.
    const projectCommits = db.get<{ n: number }>(sql`SELECT sum(commits) AS n FROM organisation_project_months`)!.n;
    expect(projectCommits).toBeGreaterThan(totals.commits);
    expect(organisations().length).toBeGreaterThanOrEqual(10);
  });

  it('equals the report counted from the facts alone, for every organisation and period', () => {
    let compared = 0;
    for (const id of organisations())
      for (const [from, to] of PERIODS) {
        const organisation = getOrganisation(db, id)!;
        expect(organisationReport(db, organisation, { from, to }, null), `${id} ${from}–${to}`).toEqual(fromFactsAlone(id, from, to));
        compared++;
      }
    expect(compared).toBe(12 * PERIODS.length);
  });

  it('counts every day from the facts until derive first wrote the counts', () => {
    const [id] = organisations();
    const organisation = getOrganisation(db, id)!;
    db.run(sql`DELETE FROM organisation_project_months`);
    db.run(sql`DELETE FROM organisation_person_months`);
    db.run(sql`DELETE FROM project_commit_months`);
    const [from, to] = PERIODS[0];
    // Without counts but marked as written, the months would be missing.
    expect(organisationReport(db, organisation, { from, to }, null)).not.toEqual(fromFactsAlone(id, from, to));
    db.run(sql`DELETE FROM meta WHERE key = ${CONTRIBUTION_MONTHS_KEY}`);
    expect(organisationReport(db, organisation, { from, to }, null)).toEqual(fromFactsAlone(id, from, to));
  });
});
