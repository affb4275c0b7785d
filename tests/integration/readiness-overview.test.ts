/**
 * The overview's filter „Nur bereit zur Nachnutzung“ and /api/projects' reuseReady read the newest
 * snapshot's verdict, as the overview reads the lifecycle: an older ready snapshot does not count, a
 * snapshot derived before the checklist existed has no verdict and is never listed as ready. The
 * verdict and the other listed figures are one row per project in project_listings (jobs/derive/listing.ts);
 * migration 0012 fills it from the newest full reports and reuse pairs stored before it — here a database
 * migrated up to 0011 with snapshots written as derive wrote them then — and derive's own listing of
 * each report must agree.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/index';
import { projectListing } from '../../jobs/derive/listing';
import type { ProjectReport } from '../../src/lib/reports/types';
import { getProjectOverview } from '../../src/queries/getProjectOverview';
import { listAllProjects } from '../helpers/project-list';
import { tempDir } from '../helpers/db';

const projectList = (db: Db) => listAllProjects(db, 'http://127.0.0.1', 2);

const dir = tempDir('allmende-readiness-');
let db: Db;

const report = (id: string, asOf: string, allMet: boolean | undefined) => ({
  id,
  asOf,
  isNew: id === 'bereit',
  lifecycle: 'aktiv',
  vitality: { score: 50, coverage: 1 },
  window: { activeContributors: 2 },
  organisations: [
    { id: 'ulm', name: 'Stadt Ulm' },
    { id: null, name: 'ohne Zuordnung' }
  ],
  reuse: [],
  licence: { spdx: 'MIT' },
  ...(allMet === undefined
    ? {}
    : { reuseReadiness: { rulesVersion: '2026-12-02', items: [], met: allMet ? 13 : 9, allMet, noVerdictReason: null } })
});

const SNAPSHOTS = [
  ['bereit', '2026-11-22', true],
  ['nicht-mehr', '2026-11-22', true],
  ['nicht-mehr', '2026-11-23', false],
  ['unbereit', '2026-11-23', false],
  ['alt', '2026-11-23', undefined]
] as const;

const PAIRS = [
  ['jena', true],
  ['firma', false]
] as const;
const KINDS: Record<string, string> = { ulm: 'municipality', jena: 'municipality', firma: 'company' };

/** The migrations up to 0011, the last before the summary columns. */
function migrationsBefore0012(): string {
  const folder = join(dir, 'migrations-0011');
  cpSync(resolve(import.meta.dirname, '../../db/migrations'), folder, { recursive: true });
  const journalFile = join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 11);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

beforeAll(() => {
  const file = join(dir, 'allmende.db');
  const old = new Database(file);
  migrate(drizzle(old) as unknown as Db, { migrationsFolder: migrationsBefore0012() });
  // The catalog as the catalog store of 0011 wrote it (today's store writes columns added since).
  const organisation = old.prepare('INSERT INTO organisations (id, name, kind) VALUES (?, ?, ?)');
  for (const [id, name] of [
    ['ulm', 'Stadt Ulm'],
    ['jena', 'Stadt Jena'],
    ['firma', 'Firma GmbH']
  ])
    organisation.run(id, name, KINDS[id]);
  const project = old.prepare("INSERT INTO projects (id, name, owner_id) VALUES (?, ?, 'ulm')");
  for (const id of ['bereit', 'nicht-mehr', 'unbereit', 'alt', 'neu-im-katalog']) project.run(id, id);
  const insert = old.prepare(
    'INSERT INTO project_snapshots (project_id, as_of, lifecycle, score, coverage, report) VALUES (?, ?, ?, ?, ?, ?)'
  );
  for (const [id, asOf, allMet] of SNAPSHOTS) insert.run(id, asOf, 'aktiv', 50, 1, JSON.stringify(report(id, asOf, allMet)));
  // A month-end row is never listed, even where it is the newest.
  insert.run('alt', '2026-11-30', 'ruhend', 10, 1, JSON.stringify({ compact: true, id: 'alt', asOf: '2026-11-30', isNew: true }));
  const pair = old.prepare('INSERT INTO reuse_pairs (project_id, organisation_id, observed, evidence) VALUES (?, ?, ?, ?)');
  for (const [org, observed] of PAIRS) pair.run('bereit', org, observed ? 1 : 0, 1);
  old.close();
  db = openDatabase(file);
});

afterAll(() => {
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('„Bereit zur Nachnutzung?“ in the overview and the API', () => {
  it('lists only projects whose newest snapshot meets every item', () => {
    expect(getProjectOverview(db, { reuseReady: true }).rows.map((r) => r.id)).toEqual(['bereit']);
    expect(getProjectOverview(db, {}).total).toBe(5);
  });

  it('says ready, not ready or no verdict per project', () => {
    const byId = Object.fromEntries(projectList(db).map((p) => [p.id, p.reuseReady]));
    expect(byId).toEqual({ bereit: true, 'nicht-mehr': false, unbereit: false, alt: null, 'neu-im-katalog': null });
    const overview = Object.fromEntries(getProjectOverview(db, { sort: 'name' }).rows.map((r) => [r.id, r.reuseReady]));
    expect(overview).toEqual(byId);
  });

  it('migration 0012 listed the newest full reports as derive now lists them', () => {
    const stored = db.$client.prepare('SELECT * FROM project_listings ORDER BY project_id').all();
    const newest = new Map(SNAPSHOTS.map(([id, asOf, allMet]) => [id, report(id, asOf, allMet)]));
    const fromDerive = [...newest.values()]
      .map((r) => {
        const pairs = r.id === 'bereit' ? PAIRS.map(([organisationId, observed]) => ({ organisationId, observed })) : [];
        const l = projectListing(r as unknown as ProjectReport, pairs, (org) => KINDS[org]);
        return {
          project_id: l.projectId,
          as_of: l.asOf,
          lifecycle: l.lifecycle,
          score: l.score,
          coverage: l.coverage,
          is_new: l.isNew,
          active_contributors: l.activeContributors,
          organisation_count: l.organisationCount,
          licence: l.licence,
          reuse_ready: l.reuseReady,
          reuse_organisations: l.reuseOrganisations,
          reuse_observed: l.reuseObserved,
          reuse_municipalities: l.reuseMunicipalities,
          reuse_municipalities_observed: l.reuseMunicipalitiesObserved
        };
      })
      .sort((a, b) => (a.project_id < b.project_id ? -1 : 1));
    expect(stored).toEqual(fromDerive);
    expect(fromDerive.find((r) => r.project_id === 'bereit')).toMatchObject({
      organisation_count: 1,
      reuse_organisations: 2,
      reuse_observed: 1,
      reuse_municipalities: 1,
      reuse_municipalities_observed: 1
    });
  });

  it('migration 0013 orders the projects by their lower-case names until the next catalog', () => {
    expect(db.$client.prepare('SELECT id FROM projects ORDER BY name_order').pluck().all()).toEqual([
      'alt',
      'bereit',
      'neu-im-katalog',
      'nicht-mehr',
      'unbereit'
    ]);
  });

  it('the overview lists those figures', () => {
    const bereit = getProjectOverview(db, { sort: 'name' }).rows.find((r) => r.id === 'bereit');
    expect(bereit).toMatchObject({
      isNew: true,
      contributors: 2,
      organisations: 1,
      licence: 'MIT',
      reuseReady: true,
      reuseOrganisations: 2,
      reuseObserved: 1,
      reuseMunicipalities: 1,
      reuseMunicipalitiesObserved: 1
    });
  });
});
