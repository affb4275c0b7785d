/**
 * The derived reuse tables (jobs/derive/reuse-evidence.ts) and the reuse queries over them: the
 * tables hold each project's newest evidence without the owner's own use, the migration fills them
 * alike from existing snapshots, and every count, ranking and page of the queries agrees with the
 * evidence counted by hand.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/index';
import { storeReuseEvidence } from '../../jobs/derive/reuse-evidence';
import type { ReuseEvidence } from '../../src/lib/reports/types';
import { getReuseSummary } from '../../src/queries/getReuseSummary';
import { listMostActiveAdopters } from '../../src/queries/listMostActiveAdopters';
import { listMostReusedProjects } from '../../src/queries/listMostReusedProjects';
import { listReuseEvidence } from '../../src/queries/listReuseEvidence';
import { listReuseEvidencePage, type EvidenceKey } from '../../src/queries/listReuseEvidencePage';
import { listReuseFilterOptions } from '../../src/queries/listReuseFilterOptions';
import { listReuseGroups } from '../../src/queries/listReuseGroups';
import { listReusePairs, type ReusePairRow } from '../../src/queries/listReusePairs';
import type { PairFilters } from '../../src/queries/reuseFilters';
import { FIXTURE_AS_OF, seedDashboardDb } from '../fixtures/dashboard-db';
import { seedReuseDb } from '../fixtures/reuse-db';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'allmende-reuse-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Row = { project_id: string; position: number; organisation_id: string; strength: string; kind: string; detail: string };
const tableRows = (db: Db) =>
  db.$client.prepare('SELECT * FROM reuse_evidence ORDER BY project_id, position').all() as (Row & Record<string, unknown>)[];
const pairRows = (db: Db) => db.$client.prepare('SELECT * FROM reuse_pairs ORDER BY project_id, organisation_id').all();

describe('reuse_evidence and reuse_pairs', () => {
  let db: Db;
  beforeAll(() => {
    const file = join(dir, 'dash.db');
    seedDashboardDb(file);
    db = openDatabase(file);
  });
  afterAll(() => closeDatabase(db));

  it("hold the newest report's evidence, without the owner's own use", () => {
    const snapshots = db.$client
      .prepare(
        `SELECT s.project_id, p.owner_id, s.report FROM project_snapshots s JOIN projects p ON p.id = s.project_id
         WHERE s.as_of = (SELECT max(as_of) FROM project_snapshots WHERE project_id = s.project_id)`
      )
      .all() as { project_id: string; owner_id: string | null; report: string }[];
    const expected = snapshots.flatMap((s) =>
      (JSON.parse(s.report).reuse as ReuseEvidence[]).flatMap((e, position) =>
        e.organisationId === s.owner_id ? [] : [`${s.project_id}/${position}/${e.organisationId}/${e.kind}/${e.strength}`]
      )
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(tableRows(db).map((r) => `${r.project_id}/${r.position}/${r.organisation_id}/${r.kind}/${r.strength}`)).toEqual(expected.sort());
    for (const r of tableRows(db)) expect(r.as_of).toBe(FIXTURE_AS_OF);
    // listReuseEvidence reads the table in the same order.
    expect(listReuseEvidence(db).map((e) => `${e.projectId}/${e.organisationId}/${e.kind}`)).toEqual(
      tableRows(db).map((r) => `${r.project_id}/${r.organisation_id}/${r.kind}`)
    );
  });

  it('are replaced by a newer report, kept against an older one, and leave out the owner', () => {
    const project = (db.$client.prepare('SELECT id, owner_id FROM projects WHERE owner_id IS NOT NULL LIMIT 1').get() as {
      id: string;
      owner_id: string;
    })!;
    const other = (db.$client.prepare('SELECT id FROM organisations WHERE id <> ? LIMIT 1').get(project.owner_id) as { id: string }).id;
    const before = tableRows(db).filter((r) => r.project_id === project.id);
    const ev = (organisationId: string, kind: ReuseEvidence['kind'], strength: ReuseEvidence['strength']): ReuseEvidence => ({
      organisationId,
      organisationName: organisationId,
      kind,
      strength,
      detail: 'd',
      source: 's',
      date: null
    });
    // An older date than the newest snapshot changes nothing.
    storeReuseEvidence(db, project.id, '2020-01-01', [ev(other, 'fork', 'beobachtet')]);
    expect(tableRows(db).filter((r) => r.project_id === project.id)).toEqual(before);
    // The newest date replaces; the owner's own row is no reuse.
    const evidence = [
      ev(project.owner_id, 'contribution', 'beobachtet'),
      ev(other, 'declared-catalog', 'erklärt'),
      ev(other, 'fork', 'beobachtet')
    ];
    storeReuseEvidence(db, project.id, FIXTURE_AS_OF, evidence);
    const after = tableRows(db).filter((r) => r.project_id === project.id);
    expect(after.map((r) => [r.position, r.organisation_id, r.kind])).toEqual([
      [1, other, 'declared-catalog'],
      [2, other, 'fork']
    ]);
    expect(db.$client.prepare('SELECT organisation_id, observed, evidence FROM reuse_pairs WHERE project_id = ?').all(project.id)).toEqual([
      { organisation_id: other, observed: 1, evidence: 2 }
    ]);
    storeReuseEvidence(db, project.id, FIXTURE_AS_OF, []);
    expect(tableRows(db).filter((r) => r.project_id === project.id)).toEqual([]);
  });

  it('are filled alike by the migration from the snapshots of an existing database', () => {
    const file = join(dir, 'migrated.db');
    seedDashboardDb(file);
    const fresh = openDatabase(file);
    try {
      const derived = { evidence: tableRows(fresh), pairs: pairRows(fresh) };
      fresh.$client.exec('DELETE FROM reuse_evidence; DELETE FROM reuse_pairs;');
      const migration = readFileSync(new URL('../../db/migrations/0004_reuse_evidence.sql', import.meta.url), 'utf8');
      for (const statement of migration.split('--> statement-breakpoint').filter((s) => /^\s*(--.*\n)*\s*INSERT/.test(s)))
        fresh.$client.exec(statement);
      expect(tableRows(fresh)).toEqual(derived.evidence);
      expect(pairRows(fresh)).toEqual(derived.pairs);
    } finally {
      closeDatabase(fresh);
    }
  });
});

/** Pairs counted by hand from the evidence rows, in the order of listReusePairs. */
function pairsByHand(
  db: Db,
  keep: (p: { projectId: string; organisationId: string; ownerId: string | null; region: string | null; kind: string | null }) => boolean
) {
  const rows = db.$client
    .prepare(
      `SELECT e.project_id AS projectId, e.organisation_id AS organisationId, e.strength, p.owner_id AS ownerId, o.region, o.kind
       FROM reuse_evidence e JOIN projects p ON p.id = e.project_id LEFT JOIN organisations o ON o.id = e.organisation_id`
    )
    .all() as {
    projectId: string;
    organisationId: string;
    strength: string;
    ownerId: string | null;
    region: string | null;
    kind: string | null;
  }[];
  const pairs = new Map<
    string,
    { projectId: string; organisationId: string; observed: number; evidence: number; region: string | null; kind: string | null }
  >();
  for (const r of rows) {
    if (!keep(r)) continue;
    const key = `${r.projectId}\u0000${r.organisationId}`;
    const p = pairs.get(key) ?? {
      projectId: r.projectId,
      organisationId: r.organisationId,
      observed: 0,
      evidence: 0,
      region: r.region,
      kind: r.kind
    };
    p.evidence++;
    if (r.strength === 'beobachtet') p.observed = 1;
    pairs.set(key, p);
  }
  const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...pairs.values()].sort(
    (a, b) =>
      b.observed - a.observed || b.evidence - a.evidence || byId(a.projectId, b.projectId) || byId(a.organisationId, b.organisationId)
  );
}

describe('reuse queries on a generated landscape', () => {
  let db: Db;
  beforeAll(() => {
    const file = join(dir, 'landscape.db');
    seedReuseDb(file, { projects: 300, organisations: 60, seed: 3 });
    db = openDatabase(file, { readonly: true });
  });
  afterAll(() => closeDatabase(db));

  const cases: [string, PairFilters, Parameters<typeof pairsByHand>[1]][] = [
    ['all', {}, () => true],
    ['a region', { region: 'DE-NW' }, (p) => p.region === 'DE-NW'],
    ['a kind, observed', { organisationKind: 'county', strength: 'beobachtet' }, (p) => p.kind === 'county'],
    ['an owner', { ownerId: 'org-0001' }, (p) => p.ownerId === 'org-0001'],
    ['a project', { projectId: 'projekt-00000' }, (p) => p.projectId === 'projekt-00000']
  ];

  for (const [name, filters, keep] of cases) {
    it(`count, rank and page the pairs alike: ${name}`, () => {
      let expected = pairsByHand(db, keep);
      if (filters.strength) expected = expected.filter((p) => p.observed === (filters.strength === 'beobachtet' ? 1 : 0));
      expect(expected.length).toBeGreaterThan(0);
      const observed = expected.filter((p) => p.observed);
      expect(getReuseSummary(db, filters)).toMatchObject({
        pairs: expected.length,
        observedPairs: observed.length,
        declaredOnlyPairs: expected.length - observed.length,
        reusedProjects: new Set(observed.map((p) => p.projectId)).size,
        adopters: new Set(observed.map((p) => p.organisationId)).size,
        evidence: expected.reduce((n, p) => n + p.evidence, 0)
      });

      // All pages together are the pairs in order, each once.
      const seen: ReusePairRow[] = [];
      const first = listReusePairs(db, filters, { page: 1, pageSize: 17 });
      for (let page = 1; page <= first.pages; page++) seen.push(...listReusePairs(db, filters, { page, pageSize: 17 }).rows);
      expect(seen.map((p) => `${p.projectId}/${p.organisationId}/${p.strength}`)).toEqual(
        expected.map((p) => `${p.projectId}/${p.organisationId}/${p.observed ? 'beobachtet' : 'erklärt'}`)
      );
      expect(first.total).toBe(expected.length);
      for (const p of seen.slice(0, 20))
        expect(p.evidence.length).toBe(
          expected.find((e) => e.projectId === p.projectId && e.organisationId === p.organisationId)!.evidence
        );

      // Groups by region and kind of the reusing organisation.
      for (const by of ['region', 'kind'] as const) {
        const groups = listReuseGroups(db, by, filters);
        expect(groups.reduce((n, g) => n + g.observedPairs + g.declaredOnlyPairs, 0)).toBe(expected.length);
        for (const g of groups) {
          const mine = observed.filter((p) => (by === 'region' ? p.region : p.kind) === g.key);
          expect(g.adopters).toBe(new Set(mine.map((p) => p.organisationId)).size);
          expect(g.projects).toBe(new Set(mine.map((p) => p.projectId)).size);
        }
      }

      // Rankings: observed first, declared-only deciding ties, then the id.
      const rank = (key: 'projectId' | 'organisationId') => {
        const counts = new Map<string, { observed: number; declaredOnly: number }>();
        for (const p of expected) {
          const c = counts.get(p[key]) ?? { observed: 0, declaredOnly: 0 };
          if (p.observed) c.observed++;
          else c.declaredOnly++;
          counts.set(p[key], c);
        }
        return [...counts]
          .sort((a, b) => b[1].observed - a[1].observed || b[1].declaredOnly - a[1].declaredOnly || (a[0] < b[0] ? -1 : 1))
          .slice(0, 10)
          .map(([id, c]) => ({ id, ...c }));
      };
      expect(
        listMostReusedProjects(db, filters, 10).map((p) => ({ id: p.projectId, observed: p.observed, declaredOnly: p.declaredOnly }))
      ).toEqual(rank('projectId'));
      expect(
        listMostActiveAdopters(db, filters, 10).map((o) => ({ id: o.organisationId, observed: o.observed, declaredOnly: o.declaredOnly }))
      ).toEqual(rank('organisationId'));
    });
  }

  it('page the evidence rows by key: every row once, in the table order', () => {
    const all = tableRows(db);
    const seen: string[] = [];
    let after: EvidenceKey | null = null;
    do {
      const page = listReuseEvidencePage(db, {}, after, 333);
      seen.push(...page.rows.map((r) => `${r.projectId}/${r.position}`));
      after = page.next;
    } while (after);
    expect(seen).toEqual(all.map((r) => `${r.project_id}/${r.position}`));
    const forks = listReuseEvidencePage(db, { kind: 'fork', strength: 'beobachtet' }, null, 100_000).rows;
    expect(forks.length).toBe(all.filter((r) => r.kind === 'fork').length);
  });

  it('offer the regions and kinds of organisations with evidence', () => {
    const options = listReuseFilterOptions(db);
    expect(options.regions).toContain('DE-NW');
    expect(options.regions).toEqual([...options.regions].sort());
    expect(options.kinds.length).toBeGreaterThan(1);
  });
});
