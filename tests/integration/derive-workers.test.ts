/**
 * derive computes the reports in worker threads on a large database (jobs/derive/pool.ts). On a small
 * country landscape (bench/country-db.ts: forks and mirrors sharing history across projects, so that
 * the per-person de-duplication spans projects) derived once in its own thread and once in two and in
 * three workers, every table derive writes holds exactly the same rows; and a worker that fails
 * leaves nothing written.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/index';
import { derive, DeriveError } from '../../jobs/derive/index';
import { computeInWorkers, MIN_COMMITS_FOR_WORKERS, workerCount } from '../../jobs/derive/pool';
import { loadContext, type DeriveContext } from '../../jobs/derive/context';
import { generateCountry } from '../../bench/country-db';
import { parseCatalog } from '../../src/lib/catalog/load';

const AS_OF = '2026-11-23';
const catalog = parseCatalog('organisations: []\nprojects: []\n', 'workers.yml');
const secret = Buffer.alloc(32, 5);
// Small batches: many for each worker, and the groups of projects sharing history spread over them.
const batchSize = { maxCommits: 3_000, maxProjects: 8 };
const DERIVED = [
  'persons',
  'project_snapshots',
  'project_history_facts',
  'account_affiliations',
  'organisation_project_months',
  'organisation_person_months',
  'project_commit_months',
  'reuse_evidence',
  'reuse_pairs',
  'project_listings',
  'project_changes'
];
let dir: string;
let source: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'allmende-workers-'));
  source = join(dir, 'country.db');
  generateCountry(source, { projects: 160, repositories: 200, commits: 30_000, items: 6_000 });
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function copy(name: string): Db {
  const file = join(dir, `${name}.db`);
  copyFileSync(source, file);
  return openDatabase(file);
}

function dump(db: Db): Record<string, unknown[]> {
  const tables: Record<string, unknown[]> = {};
  for (const table of DERIVED)
    tables[table] = (db.$client.prepare(`SELECT * FROM ${table}`).raw().all() as unknown[][]).map((row) => JSON.stringify(row)).sort();
  return tables;
}

describe('derive in worker threads', () => {
  it('writes exactly what derive in one thread writes', async () => {
    const inline = copy('inline');
    const one = await derive(inline, catalog, { asOf: AS_OF, secret, backfill: true, workers: 0, batchSize });
    const expected = dump(inline);
    closeDatabase(inline);
    expect(expected.project_snapshots.length).toBe(160 * 13);
    expect(expected.organisation_person_months.length).toBeGreaterThan(0);
    for (const workers of [2, 3]) {
      const db = copy(`workers-${workers}`);
      const logged: string[] = [];
      const result = await derive(db, catalog, { asOf: AS_OF, secret, backfill: true, workers, batchSize, log: (m) => logged.push(m) });
      expect(logged).toContain(`Rechnen in ${workers} Threads`);
      expect({ ...result, seconds: 0 }).toEqual({ ...one, seconds: 0 });
      expect(dump(db)).toEqual(expected);
      closeDatabase(db);
    }
  }, 240_000);

  it('a failing write leaves no partial snapshot, with the workers stopped', async () => {
    const db = copy('failing');
    db.$client.exec(`CREATE TRIGGER fail_pairs BEFORE INSERT ON reuse_pairs BEGIN SELECT RAISE(ABORT, 'Platte voll'); END;`);
    await expect(derive(db, catalog, { asOf: AS_OF, secret, workers: 2 })).rejects.toThrow(DeriveError);
    for (const table of DERIVED) expect(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get(), table).toEqual({ n: 0 });
    closeDatabase(db);
  }, 120_000);

  it('chooses workers only for a database of millions of commits in a file of its own in WAL mode', () => {
    const db = copy('choice');
    const withCommits = (n: number) =>
      ({
        commitCounts: new Map([
          ['a', n - 1],
          ['b', 1]
        ])
      }) as unknown as DeriveContext;
    // 1,000 projects have about a million commits: one thread is as fast there, and half the memory.
    expect(workerCount(db, withCommits(1_150_000))).toBe(0);
    expect(workerCount(db, withCommits(MIN_COMMITS_FOR_WORKERS - 1))).toBe(0);
    expect(workerCount(db, withCommits(MIN_COMMITS_FOR_WORKERS))).toBeGreaterThan(0);
    expect(workerCount(db, withCommits(MIN_COMMITS_FOR_WORKERS))).toBeLessThanOrEqual(4);
    // Asked for, as many as asked; never for a database in memory.
    expect(workerCount(db, withCommits(10), 3)).toBe(3);
    closeDatabase(db);
    const memory = openDatabase(':memory:');
    expect(workerCount(memory, withCommits(MIN_COMMITS_FOR_WORKERS), 2)).toBe(0);
    closeDatabase(memory);
  });

  it('a worker that cannot read the database rejects, and every worker ends', async () => {
    const db = copy('unreadable');
    const ctx = loadContext(db);
    closeDatabase(db);
    const computing = computeInWorkers({
      file: join(dir, 'missing.db'),
      ctx,
      settings: { asOf: AS_OF, months: [], showNames: false },
      workers: 2,
      projectIds: ctx.projects.map((p) => p.id),
      history: new Set(),
      onResults: () => {}
    });
    await expect(computing).rejects.toThrow(/missing\.db/);
  }, 60_000);
});
