/**
 * derive records what changed between a project's reports (project_changes, jobs/derive/changes.ts):
 * the first report is the baseline, deriving a day again records nothing twice, new facts record new
 * rows, a past day derived between two reports takes its place in the chain; the feeds' queries read
 * the rows back by project, organisation and catalog.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { commits, forks, organisations, projectChanges, projectRepositories, projects, releases, repositories } from '../../db/schema';
import { derive } from '../../jobs/derive/index';
import { parseCatalog } from '../../src/lib/catalog/load';
import { listOrganisationChanges } from '../../src/queries/listOrganisationChanges';
import { listProjectChanges } from '../../src/queries/listProjectChanges';
import { listRecentChanges } from '../../src/queries/listRecentChanges';
import { tempData, type TempData } from '../helpers/db';
import { addIdentity } from '../helpers/facts';

const DAY = 86_400;
const NOON = Date.UTC(2026, 10, 23, 12) / 1000;
const secret = Buffer.alloc(32, 1);
const catalog = parseCatalog('organisations: []\nprojects: []\n', 'test.yml');

let data: TempData;
let db: Db;
let repo: number;

function seed(): void {
  db.insert(organisations)
    .values([
      { id: 'ulm', name: 'Stadt Ulm', kind: 'municipality', domains: ['ulm.de'], accounts: ['github:stadt-ulm'] },
      { id: 'koeln', name: 'Stadt Köln', kind: 'municipality', domains: ['koeln.de'], accounts: ['github:stadt-koeln'] }
    ])
    .run();
  db.insert(projects).values({ id: 'terminbuchung', name: 'Terminbuchung', ownerId: 'ulm' }).run();
  repo = db
    .insert(repositories)
    .values({
      key: 'github:stadt-ulm/terminbuchung',
      forgeId: 'github',
      path: 'stadt-ulm/terminbuchung',
      cloneUrl: 'https://example.org/terminbuchung.git',
      hasIssues: true,
      rootCommits: ['c99']
    })
    .returning({ id: repositories.id })
    .get().id;
  db.insert(projectRepositories).values({ projectId: 'terminbuchung', repositoryId: repo }).run();
  const alice = addIdentity(db, { source: 'git', name: 'Alice Muster', emailHash: 'hash-alice', emailDomain: 'ulm.de' });
  // A commit every three days for 300 days up to November 23.
  db.insert(commits)
    .values(
      Array.from({ length: 100 }, (_, i) => ({
        repositoryId: repo,
        hash: `c${i}`,
        authorIdentityId: alice,
        authorDate: NOON - i * 3 * DAY,
        committerDate: NOON - i * 3 * DAY,
        parentCount: i === 99 ? 0 : 1
      }))
    )
    .run();
  db.insert(releases)
    .values({
      repositoryId: repo,
      forgeReleaseId: 'r1',
      tagName: 'v1.0.0',
      name: 'v1.0.0',
      createdAt: NOON - 60 * DAY,
      publishedAt: NOON - 60 * DAY
    })
    .run();
}

beforeEach(() => {
  data = tempData();
  db = data.db;
  seed();
});

afterEach(() => data.cleanup());

const rows = () =>
  db
    .select()
    .from(projectChanges)
    .all()
    .map((r) => ({ asOf: r.asOf, kind: r.kind, subject: r.subject, date: r.date }))
    .sort((a, b) => `${a.asOf}${a.kind}${a.subject}`.localeCompare(`${b.asOf}${b.kind}${b.subject}`));

/** The world moves on: a release on November 23 (its name hostile), a fork by Köln, every repository archived. */
function moveOn(): void {
  db.insert(releases)
    .values({
      repositoryId: repo,
      forgeReleaseId: 'r2',
      tagName: 'v2.0.0',
      name: 'v2 <script>&',
      createdAt: NOON - 3600,
      publishedAt: NOON - 3600
    })
    .run();
  db.insert(forks)
    .values({
      repositoryId: repo,
      forkKey: 'github:stadt-koeln/terminbuchung',
      forgeRepoId: '77',
      ownerAccount: 'stadt-koeln',
      createdAt: NOON - 2 * DAY,
      aheadBy: 3
    })
    .run();
  db.update(repositories).set({ archived: true }).where(eq(repositories.id, repo)).run();
}

describe('derive records changes', () => {
  it('the first report is the baseline; deriving again records nothing twice', async () => {
    const first = await derive(db, catalog, { asOf: '2026-11-22', secret });
    expect(first.changes).toBe(0);
    expect(rows()).toEqual([]);
    await derive(db, catalog, { asOf: '2026-11-22', secret });
    expect(rows()).toEqual([]);
    // The next day without new facts: nothing changed.
    await derive(db, catalog, { asOf: '2026-11-23', secret });
    expect(rows()).toEqual([]);
  });

  it('new facts record new rows once, dated by the snapshot or the release', async () => {
    await derive(db, catalog, { asOf: '2026-11-22', secret });
    moveOn();
    const result = await derive(db, catalog, { asOf: '2026-11-23', secret });
    const expected = [
      { asOf: '2026-11-23', kind: 'finding-new', subject: 'archived', date: '2026-11-23' },
      { asOf: '2026-11-23', kind: 'lifecycle', subject: '', date: '2026-11-23' },
      { asOf: '2026-11-23', kind: 'release', subject: 'v2 <script>&@2026-11-23', date: '2026-11-23' },
      { asOf: '2026-11-23', kind: 'reuse-new', subject: 'koeln', date: '2026-11-23' }
    ];
    expect(rows()).toEqual(expected);
    expect(result.changes).toBe(4);
    const lifecycle = db.select().from(projectChanges).where(eq(projectChanges.kind, 'lifecycle')).get()!;
    expect(lifecycle.detail).toEqual({ from: 'aktiv', to: 'archiviert' });
    const reuse = db.select().from(projectChanges).where(eq(projectChanges.kind, 'reuse-new')).get()!;
    expect(reuse.detail).toEqual({ organisationId: 'koeln', organisationName: 'Stadt Köln', observed: true });

    // Derived twice (or resumed after a kill, whose transaction left nothing): the same rows.
    await derive(db, catalog, { asOf: '2026-11-23', secret });
    expect(rows()).toEqual(expected);

    // The queries of the feeds and the overview.
    expect(listProjectChanges(db, 'terminbuchung').map((c) => c.kind)).toEqual(['finding-new', 'lifecycle', 'release', 'reuse-new']);
    expect(listOrganisationChanges(db, 'ulm')).toHaveLength(4);
    expect(listOrganisationChanges(db, 'koeln')).toEqual([]);
    const recent = listRecentChanges(db, { since: '2026-10-24', recentSince: '2026-11-17', perKind: 1 });
    expect(recent.map((c) => [c.kind, c.groupTotal])).toEqual([
      ['finding-new', 1],
      ['lifecycle', 1],
      ['release', 1],
      ['reuse-new', 1]
    ]);
    expect(listRecentChanges(db, { since: '2026-11-24' })).toEqual([]);

    // The next day: nothing new, nothing recorded again.
    await derive(db, catalog, { asOf: '2026-11-24', secret });
    expect(rows()).toEqual(expected);
  });

  it('a past day derived between two reports takes its place: each change once', async () => {
    await derive(db, catalog, { asOf: '2026-11-20', secret });
    moveOn();
    await derive(db, catalog, { asOf: '2026-11-23', secret });
    const late = rows();
    expect(late.map((r) => r.kind)).toContain('reuse-new'); // the fork of November 21, seen on the 23rd
    // November 22 derived afterwards: the fork (created the 21st) is its change now, not the 23rd's.
    await derive(db, catalog, { asOf: '2026-11-22', secret });
    const chained = rows();
    expect(chained.filter((r) => r.kind === 'reuse-new')).toEqual([
      { asOf: '2026-11-22', kind: 'reuse-new', subject: 'koeln', date: '2026-11-22' }
    ]);
    expect(chained.filter((r) => r.kind === 'release')).toEqual([
      { asOf: '2026-11-23', kind: 'release', subject: 'v2 <script>&@2026-11-23', date: '2026-11-23' }
    ]);
    // The archive flag is a state of today's facts, so every report since shows it: the past day has it.
    expect(chained.filter((r) => r.kind === 'lifecycle').map((r) => r.asOf)).toEqual(['2026-11-22']);
  });
});
