/**
 * A report „unbekannt – keine Daten“ between two reports with data (here: the project's repository
 * was unlinked for a day, as a catalog edit can do) is no change and never the previous report:
 * derive records nothing for it — not every Hinweis as resolved — and the next report with data is
 * compared with the last one with data, so a release published meanwhile is recorded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index';
import { commits, organisations, projectChanges, projectRepositories, projects, releases, repositories } from '../../db/schema';
import { derive } from '../../jobs/derive/index';
import { parseCatalog } from '../../src/lib/catalog/load';
import { tempData, type TempData } from '../helpers/db';
import { addIdentity } from '../helpers/facts';

const DAY = 86_400;
const NOON = Date.UTC(2026, 10, 23, 12) / 1000;
const secret = Buffer.alloc(32, 1);
const catalog = parseCatalog('organisations: []\nprojects: []\n', 'test.yml');

let data: TempData;
let db: Db;
let repo: number;

beforeEach(() => {
  data = tempData();
  db = data.db;
  db.insert(organisations)
    .values({ id: 'ulm', name: 'Stadt Ulm', kind: 'municipality', domains: ['ulm.de'], accounts: ['github:stadt-ulm'] })
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
      rootCommits: ['c19']
    })
    .returning({ id: repositories.id })
    .get().id;
  db.insert(projectRepositories).values({ projectId: 'terminbuchung', repositoryId: repo }).run();
  // One person only, no releases for long: Hinweise („Hängt an einer Person“, no release) to lose.
  const alice = addIdentity(db, { source: 'git', name: 'Alice Muster', emailHash: 'hash-alice', emailDomain: 'ulm.de' });
  db.insert(commits)
    .values(
      Array.from({ length: 20 }, (_, i) => ({
        repositoryId: repo,
        hash: `c${i}`,
        authorIdentityId: alice,
        authorDate: NOON - 10 * DAY - i * 3 * DAY,
        committerDate: NOON - 10 * DAY - i * 3 * DAY,
        parentCount: i === 19 ? 0 : 1
      }))
    )
    .run();
});

afterEach(() => data.cleanup());

const rows = () =>
  db
    .select()
    .from(projectChanges)
    .all()
    .map((r) => `${r.asOf} ${r.kind} ${r.subject}`)
    .sort();

describe('derive and a report without data', () => {
  it('records nothing for it and compares the next report with the last one with data', async () => {
    await derive(db, catalog, { asOf: '2026-11-20', secret });
    const snapshot = (asOf: string) =>
      db.$client.prepare('SELECT lifecycle, report FROM project_snapshots WHERE as_of = ?').get(asOf) as {
        lifecycle: string;
        report: string;
      };
    expect(snapshot('2026-11-20').lifecycle).not.toBe('unbekannt');
    expect((JSON.parse(snapshot('2026-11-20').report) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);

    // Unlinked for a day: „unbekannt – keine Daten“, no Hinweise.
    db.delete(projectRepositories).run();
    await derive(db, catalog, { asOf: '2026-11-21', secret });
    expect(snapshot('2026-11-21').lifecycle).toBe('unbekannt');
    expect(rows()).toEqual([]);

    // Back, and a release published meanwhile.
    db.insert(projectRepositories).values({ projectId: 'terminbuchung', repositoryId: repo }).run();
    db.insert(releases)
      .values({
        repositoryId: repo,
        forgeReleaseId: 'r1',
        tagName: 'v1.0.0',
        name: 'v1.0.0',
        createdAt: NOON - DAY,
        publishedAt: NOON - DAY
      })
      .run();
    await derive(db, catalog, { asOf: '2026-11-23', secret });
    expect(rows()).toContain('2026-11-23 release v1.0.0@2026-11-22');
    expect(rows().filter((r) => r.includes(' lifecycle ') || r.startsWith('2026-11-21'))).toEqual([]);

    // A past day without data derived again between two reports with data leaves the next one's changes alone.
    const before = rows();
    db.delete(projectRepositories).run();
    await derive(db, catalog, { asOf: '2026-11-22', secret });
    expect(rows()).toEqual(before);
  });
});
