/**
 * The derive step on a small hand-made database: snapshots for asOf, the monthly history backfill,
 * the organisation reports over what it stored, reports for past dates from the facts, and one
 * transaction (a failure leaves no partial snapshot).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import {
  accountAffiliations,
  commits,
  identities,
  items,
  organisationPersonMonths,
  organisations,
  persons,
  projectRepositories,
  projects,
  projectSnapshots,
  repositories,
  comments,
  releases,
  reuseEvidence
} from '../../db/schema';
import { derive, DeriveError, loadProjectFacts, projectReportFromFacts } from '../../jobs/derive/index';
import { forgetPerson } from '../../jobs/forget';
import { organisationReport } from '../../src/lib/server/organisation-report';
import { getOrganisation } from '../../src/queries/getOrganisation';
import { parseCatalog } from '../../src/lib/catalog/load';
import type { ProjectHistoryReport, ProjectReport } from '../../src/lib/reports/types';
import { tempData, type TempData } from '../helpers/db';
import { addIdentity } from '../helpers/facts';

const AS_OF = '2026-11-23';
const DAY = 86_400;
const NOON = Date.UTC(2026, 10, 23, 12) / 1000;
const secret = Buffer.alloc(32, 1);
const catalog = parseCatalog('organisations: []\nprojects: []\n', 'test.yml');

let data: TempData;
let db: Db;

function seed(): void {
  db.insert(organisations)
    .values([
      { id: 'ulm', name: 'Stadt Ulm', kind: 'municipality', domains: ['ulm.de'], accounts: ['github:stadt-ulm'] },
      { id: 'dortmund', name: 'Stadt Dortmund', kind: 'municipality', domains: ['dortmund.de'], accounts: ['github:stadt-dortmund'] }
    ])
    .run();
  db.insert(projects)
    .values([
      { id: 'terminbuchung', name: 'Terminbuchung', ownerId: 'ulm', usedBy: ['dortmund'] },
      { id: 'leer', name: 'Leeres Projekt', ownerId: 'dortmund' }
    ])
    .run();
  const repo = (key: string, path: string, hasIssues: boolean | null, rootCommits = ['c149']) =>
    db
      .insert(repositories)
      .values({ key, forgeId: key.slice(0, key.indexOf(':')), path, cloneUrl: `https://example.org/${path}.git`, hasIssues, rootCommits })
      .returning({ id: repositories.id })
      .get().id;
  const github = repo('github:stadt-ulm/terminbuchung', 'stadt-ulm/terminbuchung', true);
  const mirror = repo('opencode:ulm/terminbuchung', 'ulm/terminbuchung', false);
  const empty = repo('github:stadt-dortmund/leer', 'stadt-dortmund/leer', true, []);
  db.insert(projectRepositories)
    .values([
      { projectId: 'terminbuchung', repositoryId: github },
      { projectId: 'terminbuchung', repositoryId: mirror },
      { projectId: 'leer', repositoryId: empty }
    ])
    .run();
  const identity = (name: string, domain: string) =>
    addIdentity(db, { source: 'git', name, emailHash: `hash-${name}`, emailDomain: domain });
  const alice = identity('Alice Muster', 'ulm.de');
  const bob = identity('Bob Beispiel', 'dortmund.de');
  const botId = identity('dependabot[bot]', 'users.noreply.github.com');
  const account = addIdentity(db, { source: 'github', login: 'bob-do', name: 'Bob Beispiel' });
  // Two years of commits, every 5 days, alternating authors; each also in the mirror.
  const rows = [];
  for (let i = 0; i < 150; i++) {
    const at = NOON - i * 5 * DAY;
    const author = i % 3 === 0 ? bob : i % 7 === 0 ? botId : alice;
    for (const repositoryId of [github, mirror])
      rows.push({
        repositoryId,
        hash: `c${i}`,
        authorIdentityId: author,
        authorDate: at,
        committerDate: at,
        parentCount: i === 149 ? 0 : 1
      });
  }
  db.insert(commits).values(rows).run();
  db.insert(items)
    .values([
      {
        repositoryId: github,
        kind: 'issue',
        number: 1,
        forgeItemId: '1',
        title: 'Fehler',
        state: 'open',
        authorIdentityId: account,
        createdAt: NOON - 10 * DAY,
        updatedAt: NOON
      },
      {
        repositoryId: github,
        kind: 'issue',
        number: 2,
        forgeItemId: '2',
        title: 'Frage',
        state: 'closed',
        authorIdentityId: account,
        createdAt: NOON - 20 * DAY,
        updatedAt: NOON,
        closedAt: NOON - 19 * DAY
      }
    ])
    .run();
  db.insert(comments)
    .values({
      repositoryId: github,
      kind: 'comment',
      forgeCommentId: 'k1',
      itemKind: 'issue',
      itemNumber: 1,
      authorIdentityId: alice,
      createdAt: NOON - 10 * DAY + 4 * 3600
    })
    .run();
  db.insert(releases)
    .values({
      repositoryId: github,
      forgeReleaseId: 'r1',
      tagName: 'v1.0.0',
      name: 'v1.0.0',
      createdAt: NOON - 40 * DAY,
      publishedAt: NOON - 40 * DAY
    })
    .run();
}

beforeEach(() => {
  data = tempData();
  db = data.db;
  seed();
});

afterEach(() => data.cleanup());

const snapshot = (projectId: string, asOf: string) =>
  db
    .select()
    .from(projectSnapshots)
    .where(eq(projectSnapshots.projectId, projectId))
    .all()
    .find((s) => s.asOf === asOf);

describe('derive', () => {
  it('writes the asOf snapshot and 12 month-ends of history; organisation reports read what it stored', async () => {
    const result = await derive(db, catalog, { asOf: AS_OF, secret });
    expect(result).toMatchObject({ asOf: AS_OF, projects: 2, snapshots: 2, historySnapshots: 24 });
    const full = snapshot('terminbuchung', AS_OF)!;
    const report = full.report as unknown as ProjectReport;
    expect(report.id).toBe('terminbuchung');
    expect(report.totals.commits).toBe(150); // the mirror's copies count once
    // issue 1 answered after 4 h; issue 2 closed by an unknown actor: unanswered, 492 h old at asOf
    expect(report.window.medianFirstResponseHours).toBe(248);
    expect(report.reuse.map((r) => [r.organisationId, r.kind])).toEqual([
      ['dortmund', 'declared-catalog'],
      ['dortmund', 'contribution']
    ]);
    expect(full.score).toBe(report.vitality.score);
    expect(full.lifecycle).toBe('aktiv');

    const months = db
      .select()
      .from(projectSnapshots)
      .where(eq(projectSnapshots.projectId, 'terminbuchung'))
      .all()
      .map((s) => s.asOf)
      .sort();
    expect(months).toEqual([
      '2025-11-30',
      '2025-12-31',
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      AS_OF
    ]);
    const history = snapshot('terminbuchung', '2026-10-31')!.report as unknown as ProjectHistoryReport;
    expect(history).toMatchObject({ compact: true, id: 'terminbuchung', asOf: '2026-10-31' });
    expect(history.totals.commits).toBeLessThan(150);

    const empty = snapshot('leer', AS_OF)!;
    expect(empty.score).toBeNull();
    expect((empty.report as unknown as ProjectReport).totals.commits).toBe(0);

    const period = { from: '2025-11-24', to: AS_OF };
    const ulm = organisationReport(db, getOrganisation(db, 'ulm')!, period, catalog);
    expect(ulm).toMatchObject({ id: 'ulm', from: '2025-11-24', to: AS_OF });
    expect(ulm.ownProjects.map((p) => p.id)).toEqual(['terminbuchung']);
    expect(ulm.reusedBy.map((r) => [r.organisationId, r.strength])).toEqual([['dortmund', 'beobachtet']]);
    const dortmund = organisationReport(db, getOrganisation(db, 'dortmund')!, period, catalog);
    expect(dortmund.contributionsElsewhere.map((c) => c.projectId)).toEqual(['terminbuchung']);
    expect(dortmund.reuses).toEqual([{ projectId: 'terminbuchung', projectName: 'Terminbuchung', strength: 'beobachtet' }]);
  });

  it('is idempotent; history is computed when missing, in a new month, when past facts changed or when asked, never over a full report', async () => {
    await derive(db, catalog, { asOf: '2026-10-31', secret });
    const fullOctober = snapshot('terminbuchung', '2026-10-31')!.report as unknown as ProjectReport;
    expect(fullOctober.compact).toBeUndefined();
    const newMonth = await derive(db, catalog, { asOf: '2026-11-22', secret });
    expect(newMonth.historySnapshots).toBe(24); // November: the month-ends up to October 31
    const second = await derive(db, catalog, { asOf: AS_OF, secret });
    expect(second.historySnapshots).toBe(0); // same month, same past facts
    // A collection brings commits from the past (a repository read for the first time): recomputed.
    const [{ id: repositoryId }] = db
      .select({ id: repositories.id })
      .from(repositories)
      .where(eq(repositories.key, 'github:stadt-ulm/terminbuchung'))
      .all();
    const author = db.select({ id: identities.id }).from(identities).get()!.id;
    const before = (snapshot('terminbuchung', '2026-06-30')!.report as unknown as ProjectHistoryReport).totals.commits;
    db.insert(commits)
      .values(
        [0, 1, 2].map((i) => ({
          repositoryId,
          hash: `late${i}`,
          authorIdentityId: author,
          authorDate: NOON - (200 + i) * DAY,
          committerDate: NOON - 200 * DAY,
          parentCount: 1
        }))
      )
      .run();
    const late = await derive(db, catalog, { asOf: AS_OF, secret });
    expect(late.historySnapshots).toBe(12);
    expect((snapshot('terminbuchung', '2026-06-30')!.report as unknown as ProjectHistoryReport).totals.commits).toBe(before + 3);
    // New facts of the current month change no month-end.
    db.insert(commits)
      .values({ repositoryId, hash: 'today', authorIdentityId: author, authorDate: NOON - DAY, committerDate: NOON - DAY, parentCount: 1 })
      .run();
    expect((await derive(db, catalog, { asOf: AS_OF, secret })).historySnapshots).toBe(0);
    const third = await derive(db, catalog, { asOf: AS_OF, secret, backfill: true });
    expect(third.historySnapshots).toBe(24);
    // The full report of 2026-10-31 survives the backfill.
    expect((snapshot('terminbuchung', '2026-10-31')!.report as { compact?: boolean }).compact).toBeUndefined();
    expect((snapshot('terminbuchung', '2026-09-30')!.report as { compact?: boolean }).compact).toBe(true);
    const count = db.select().from(projectSnapshots).all().length;
    await derive(db, catalog, { asOf: AS_OF, secret, backfill: true });
    expect(db.select().from(projectSnapshots).all().length).toBe(count);
  });

  it('a failure leaves no partial snapshot', async () => {
    // Terminbuchung's reuse pair is written after 'leer' and its own snapshots.
    db.$client.exec(`CREATE TRIGGER fail_pairs BEFORE INSERT ON reuse_pairs BEGIN SELECT RAISE(ABORT, 'Platte voll'); END;`);
    await expect(derive(db, catalog, { asOf: AS_OF, secret })).rejects.toThrow(DeriveError);
    expect(db.select().from(projectSnapshots).all()).toEqual([]);
    expect(db.select().from(reuseEvidence).all()).toEqual([]);
    expect(db.select().from(accountAffiliations).all()).toEqual([]);
    // Nor persons: the monthly counts and affiliations a later derive writes name them by id.
    expect(db.select().from(persons).all()).toEqual([]);
    expect(db.select().from(organisationPersonMonths).all()).toEqual([]);
    expect(
      db
        .select()
        .from(identities)
        .all()
        .every((i) => i.personId === null)
    ).toBe(true);
  });

  it('forgetting a person removes their monthly counts at once, before the next derive', async () => {
    await derive(db, catalog, { asOf: AS_OF, secret });
    const alice = db.select().from(identities).where(eq(identities.name, 'Alice Muster')).get()!;
    const counted = () => db.select().from(organisationPersonMonths).where(eq(organisationPersonMonths.personId, alice.personId!)).all();
    expect(counted().length).toBeGreaterThan(0);
    forgetPerson(db, { name: 'Alice Muster' }, secret);
    expect(counted()).toEqual([]);
    expect(db.select().from(organisationPersonMonths).all().length).toBeGreaterThan(0);
  });

  it('rejects an invalid date', async () => {
    await expect(derive(db, catalog, { asOf: '2026-13-01', secret })).rejects.toThrow(/Ungültiger Stichtag/);
  });

  it('reports for a past date come from the facts', async () => {
    await derive(db, catalog, { asOf: AS_OF, secret });
    const facts = loadProjectFacts(db, 'terminbuchung')!;
    expect(facts.repositories.map((r) => r.key)).toEqual(['github:stadt-ulm/terminbuchung', 'opencode:ulm/terminbuchung']);
    expect(facts.commits).toHaveLength(300);
    expect(loadProjectFacts(db, 'unbekannt')).toBeNull();
    const past = projectReportFromFacts(db, catalog, 'terminbuchung', '2025-06-30')!;
    expect(past.asOf).toBe('2025-06-30');
    expect(past.totals.commits).toBeLessThan(150);
    expect(past.totals.releases).toBe(0);
    const dortmund = getOrganisation(db, 'dortmund')!;
    const org = organisationReport(db, dortmund, { from: '2026-01-01', to: '2026-06-30' }, catalog);
    expect(org).toMatchObject({ id: 'dortmund', from: '2026-01-01', to: '2026-06-30' });
    expect(org.contributionsElsewhere[0].commits).toBeGreaterThan(0);
    expect(() => organisationReport(db, dortmund, { from: '2026-07-01', to: '2026-06-30' }, catalog)).toThrow(/Zeitraum/);
  });
});
