/**
 * Forge-account contributions affiliated through their person's email-affiliated commits (DESIGN §5,
 * src/lib/identity/affiliation.ts), on hand-made facts in a database: the derive step's actors, the
 * reuse evidence built from them, and the organisation report for any period (which reads the
 * periods the derive step stored) agree.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/index';
import {
  accountAffiliations,
  commits,
  identities,
  organisations,
  persons,
  projectRepositories,
  projects,
  repositories
} from '../../../db/schema';
import { loadContext, loadProjectFacts, projectReportFromFacts, storeAccountAffiliations } from '../../../jobs/derive/index';
import { parseCatalog } from '../../../src/lib/catalog/load';
import { organisationReport } from '../../../src/lib/server/organisation-report';
import { getOrganisation } from '../../../src/queries/getOrganisation';
import { tempData, type TempData } from '../../helpers/db';
import { addComment, addIdentity, addItem } from '../../helpers/facts';
import { AS_OF, t } from './fixtures';

const catalog = parseCatalog('organisations: []\nprojects: []\n', 'test.yml');
const FROM = '2025-11-24';

let data: TempData;
let db: Db;

function seed(): void {
  db.insert(organisations)
    .values([
      { id: 'ulm', name: 'Stadt Ulm', kind: 'municipality', domains: ['ulm.de'] },
      { id: 'dortmund', name: 'Stadt Dortmund', kind: 'municipality', domains: ['dortmund.de'] },
      { id: 'koeln', name: 'Stadt Köln', kind: 'municipality', domains: ['stadt-koeln.de'] }
    ])
    .run();
  db.insert(projects).values({ id: 'maengelmelder', name: 'Mängelmelder', ownerId: 'koeln' }).run();
  const repo = db
    .insert(repositories)
    .values({
      key: 'github:stadt-koeln/maengelmelder',
      forgeId: 'github',
      path: 'stadt-koeln/maengelmelder',
      cloneUrl: 'https://example.org/stadt-koeln/maengelmelder.git',
      hasIssues: true
    })
    .returning({ id: repositories.id })
    .get().id;
  db.insert(projectRepositories).values({ projectId: 'maengelmelder', repositoryId: repo }).run();

  const person = (key: string, pseudonym: string) =>
    db.insert(persons).values({ key, pseudonym, displayName: pseudonym }).returning({ id: persons.id }).get().id;
  const identity = (values: typeof identities.$inferInsert) => addIdentity(db, values);
  // Eva works for Ulm, then (from spring 2026) for Dortmund; her GitHub account shows no email.
  const eva = person('p-eva', 'Person e7a0');
  const evaUlm = identity({ source: 'git', name: 'Eva Muster', emailHash: 'h-eva-ulm', emailDomain: 'ulm.de', personId: eva });
  const evaDo = identity({ source: 'git', name: 'Eva Muster', emailHash: 'h-eva-do', emailDomain: 'dortmund.de', personId: eva });
  const evaPrivate = identity({ source: 'git', name: 'Eva Muster', emailHash: 'h-eva-p', emailDomain: 'gmail.com', personId: eva });
  const evaGh = identity({ source: 'github', login: 'eva-m', personId: eva });
  // Paul commits with a personal address only.
  const paul = person('p-paul', 'Person 9a11');
  const paulGit = identity({ source: 'git', name: 'Paul Probe', emailHash: 'h-paul', emailDomain: 'gmail.com', personId: paul });
  const paulGh = identity({ source: 'github', login: 'paul-p', personId: paul });

  let n = 0;
  const commit = (author: number, date: string, parentCount = 1) => {
    const at = t(date);
    db.insert(commits)
      .values({
        repositoryId: repo,
        hash: (++n).toString(16).padStart(40, '0'),
        authorIdentityId: author,
        authorDate: at,
        committerDate: at,
        parentCount
      })
      .run();
  };
  commit(evaUlm, '2025-12-01');
  commit(evaUlm, '2026-01-15');
  commit(evaPrivate, '2026-03-05'); // personal: says nothing about where she works
  commit(evaDo, '2026-03-20', 2); // a merge commit: no evidence
  commit(evaDo, '2026-04-01');
  commit(evaDo, '2026-06-01');
  commit(paulGit, '2026-02-01');

  let number = 0;
  const item = (author: number, date: string, kind: 'issue' | 'pull' = 'issue') =>
    addItem(db, { repositoryId: repo, kind, number: ++number, authorIdentityId: author, createdAt: t(date) });
  item(evaGh, '2025-11-30'); // before her first affiliated commit: the earliest one after (Ulm)
  item(evaGh, '2026-02-20'); // after the last Ulm commit, before the first Dortmund one: Ulm
  item(evaGh, '2026-05-01'); // Dortmund
  item(evaGh, '2026-06-10', 'pull'); // Dortmund
  item(paulGh, '2026-05-01'); // „ohne Zuordnung“
  const comment = (author: number, date: string, kind: 'comment' | 'review', itemNumber: number, itemKind: 'issue' | 'pull' = 'issue') =>
    addComment(db, { repositoryId: repo, kind, itemKind, itemNumber, authorIdentityId: author, createdAt: t(date) });
  // Nearer in time to the first Dortmund commit (04-01) than to the last Ulm one (01-15), yet Ulm's:
  // the nearest commit at or before the contribution counts.
  comment(evaGh, '2026-03-10', 'comment', 1);
  comment(evaGh, '2026-07-01', 'review', 4, 'pull');
  comment(paulGh, '2026-07-02', 'comment', 5);
}

beforeEach(() => {
  data = tempData();
  db = data.db;
  seed();
});

afterEach(() => data.cleanup());

describe('forge-account contributions affiliated through the person’s commits', () => {
  it('the derive step gives each issue, comment and review the organisation of its time', () => {
    const facts = loadProjectFacts(db, 'maengelmelder')!;
    facts.items.sort((a, b) => a.number - b.number);
    facts.comments.sort((a, b) => a.createdAt - b.createdAt);
    facts.commits.sort((a, b) => a.authorDate - b.authorDate);
    expect(facts.items.map((i) => i.author?.organisationId ?? null)).toEqual(['ulm', 'ulm', 'dortmund', 'dortmund', null]);
    expect(facts.comments.map((c) => c.author?.organisationId ?? null)).toEqual(['ulm', 'dortmund', null]);
    // One person throughout, whatever the organisation.
    expect(new Set(facts.items.slice(0, 4).map((i) => i.author?.personId)).size).toBe(1);
    // Commits keep the per-email rule: Paul's and Eva's personal-address commits stay unaffiliated.
    expect(facts.commits.map((c) => c.author.organisationId)).toEqual(['ulm', 'ulm', null, null, 'dortmund', 'dortmund', 'dortmund']);
  });

  it('reuse by contribution counts the issues and reviews for the organisation of their time', () => {
    const report = projectReportFromFacts(db, catalog, 'maengelmelder', AS_OF)!;
    const contributions = report.reuse.filter((r) => r.kind === 'contribution').map((r) => [r.organisationId, r.detail]);
    expect(contributions).toEqual([
      ['dortmund', '2 Commits, 2 Issues/Pull Requests, 1 Kommentar/Review von 1 Person (zuletzt am 01.07.2026)'],
      ['ulm', '2 Commits, 2 Issues/Pull Requests, 1 Kommentar/Review von 1 Person (zuletzt am 10.03.2026)']
    ]);
  });

  it('the organisation report for a period reads the stored periods and agrees with the derived actors', () => {
    const ctx = loadContext(db);
    expect(storeAccountAffiliations(db, ctx)).toBe(2);
    expect(db.select().from(accountAffiliations).all()).toEqual([
      { identityId: 4, fromAt: null, toAt: t('2026-04-01'), organisationId: 'ulm' },
      { identityId: 4, fromAt: t('2026-04-01'), toAt: null, organisationId: 'dortmund' }
    ]);
    // Each contribution counts for the organisation the derive step's actors gave it (first test).
    for (const [org, from, to, expected] of [
      // Issues with pull requests, comments with reviews, as the OSPO page counts them.
      ['ulm', FROM, AS_OF, { commits: 2, issues: 2, comments: 1 }],
      ['dortmund', FROM, AS_OF, { commits: 2, issues: 2, comments: 1 }],
      ['ulm', '2026-02-01', '2026-04-30', { commits: 0, issues: 1, comments: 1 }],
      ['dortmund', '2026-02-01', '2026-04-30', { commits: 1, issues: 0, comments: 0 }]
    ] as const) {
      const report = organisationReport(db, getOrganisation(db, org)!, { from, to }, catalog);
      expect([org, from, report.contributionsElsewhere]).toEqual([
        org,
        from,
        [{ projectId: 'maengelmelder', projectName: 'Mängelmelder', ...expected }]
      ]);
      expect([org, from, report.contributors]).toEqual([org, from, [{ name: 'Person e7a0', ...expected }]]);
    }
  });

  it('a person with personal addresses only stays „ohne Zuordnung“ everywhere', () => {
    storeAccountAffiliations(db, loadContext(db));
    const paulGh = db
      .select()
      .from(identities)
      .all()
      .find((i) => i.login === 'paul-p')!;
    expect(
      db
        .select()
        .from(accountAffiliations)
        .all()
        .filter((a) => a.identityId === paulGh.id)
    ).toEqual([]);
    const report = projectReportFromFacts(db, catalog, 'maengelmelder', AS_OF)!;
    expect(report.reuse.filter((r) => r.kind === 'contribution').map((r) => r.organisationId)).toEqual(['dortmund', 'ulm']);
  });
});
