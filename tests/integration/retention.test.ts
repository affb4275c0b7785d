/**
 * Retention (jobs/retention.ts) as an operator meets it: a repository that left the catalog keeps its
 * data for the configured days after its last collection, then its facts, the identities only it held
 * and its clone are gone — from the database file and the WAL too; old daily snapshots are thinned to
 * month-ends.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects, projectSnapshots } from '../../db/schema';
import { applyRetention } from '../../jobs/retention';
import { tempData, tempDir } from '../helpers/db';
import { writeRepo } from '../helpers/git-fixture';

const DAY = 86_400;
const NOW = Math.floor(Date.UTC(2026, 10, 20) / 1000);
const LEAVER = 'Ottilie Fortgezogen';

let dir: string;
let dataDir: string;
let catalogFile: string;

const ROOT = resolve(import.meta.dirname, '../..');

function allmende(args: string[]) {
  const result = spawnSync(process.execPath, [resolve(ROOT, 'bin/allmende.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ALLMENDE_DATA: dataDir, CI: '1' }
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function query<T>(text: string): T[] {
  const db = new Database(join(dataDir, 'allmende.db'), { readonly: true });
  try {
    return db.prepare(text).all() as T[];
  } finally {
    db.close();
  }
}

function databaseBytes(): string {
  return readdirSync(dataDir)
    .filter((f) => f.startsWith('allmende.db'))
    .map((f) => readFileSync(join(dataDir, f)).toString('latin1'))
    .join('\n');
}

function writeCatalog(projectsYaml: string, retention = ''): void {
  writeFileSync(
    catalogFile,
    `organisations:\n  - {id: ulm, name: Stadt Ulm, kind: municipality, region: DE-BW, domains: [ulm.de]}\n` +
      `privacy: {showNames: true}\n${retention}projects:\n${projectsYaml}`
  );
}

const KEPT = (repo: string) => `  - {id: bleibt, name: Bleibt, owner: ulm, repositories: ["git:${repo}"]}\n`;
const LEAVING = (repo: string) => `  - {id: geht, name: Geht, owner: ulm, repositories: ["git:${repo}"]}\n`;

describe('a repository that left the catalog', () => {
  let kept: string;
  let leaving: string;

  beforeAll(() => {
    dir = tempDir('allmende-retention-');
    dataDir = join(dir, 'data');
    catalogFile = join(dir, 'catalog.yml');
    kept = join(dir, 'bleibt.git');
    leaving = join(dir, 'geht.git');
    const at = (days: number) => NOW - days * DAY;
    writeRepo(kept, { commits: [{ author: ['Jürgen Müller', 'juergen.mueller@ulm.de'], at: at(30) }] });
    writeRepo(leaving, {
      commits: [
        { author: [LEAVER, 'ottilie@ulm.de'], at: at(40) },
        { author: ['Jürgen Müller', 'juergen.mueller@ulm.de'], at: at(20) }
      ]
    });
    writeCatalog(KEPT(kept) + LEAVING(leaving));
    const first = allmende(['collect', '--config', catalogFile, '--as-of', '2026-11-20']);
    expect(first.code, first.stderr).toBe(0);
  });

  afterAll(() => spawnSync('rm', ['-rf', dir]));

  it('keeps its facts and clone for the default 30 days after its last collection', () => {
    writeCatalog(KEPT(kept));
    const run = allmende(['collect', '--config', catalogFile, '--as-of', '2026-11-20']);
    expect(run.code, run.stderr).toBe(0);
    expect(query<{ n: number }>(`SELECT count(*) AS n FROM repositories`)[0].n).toBe(2);
    expect(query<{ n: number }>(`SELECT count(*) AS n FROM identities WHERE name = '${LEAVER}'`)[0].n).toBe(1);
    expect(readdirSync(join(dataDir, 'git', 'git'))).toHaveLength(2);
  });

  it('then removes its facts, the identities only it held and its clone, also from the file and the WAL', () => {
    writeCatalog(KEPT(kept), 'retention: {removedRepositoriesDays: 0}\n');
    const run = allmende(['collect', '--config', catalogFile, '--as-of', '2026-11-20']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout + run.stderr).toContain('Aufbewahrung: 1 Repository ohne Projekt gelöscht (mit 1 Klon und 1 Identität)');
    expect(query<{ key: string }>(`SELECT key FROM repositories`).map((r) => r.key)).toEqual([`git:${kept}`]);
    expect(query<{ n: number }>(`SELECT count(*) AS n FROM commits`)[0].n).toBe(1);
    // Jürgen contributed to the kept repository too: his identity stays.
    expect(query<{ name: string }>(`SELECT name FROM identities ORDER BY name`).map((r) => r.name)).toEqual(['Jürgen Müller']);
    expect(query<{ n: number }>(`SELECT count(*) AS n FROM persons WHERE display_name = '${LEAVER}'`)[0].n).toBe(0);
    expect(readdirSync(join(dataDir, 'git', 'git'))).toHaveLength(1);
    expect(databaseBytes()).not.toContain(LEAVER);
    expect(query<{ integrity_check: string }>('PRAGMA integrity_check')[0].integrity_check).toBe('ok');
  });

  it('refuses a retention below its bounds with the catalog position', () => {
    writeCatalog(KEPT(kept), 'retention: {dailySnapshotsDays: 7}\n');
    const run = allmende(['collect', '--config', catalogFile, '--as-of', '2026-11-20']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/catalog\.yml:\d+:\d+.*dailySnapshotsDays/);
  });
});

describe('daily snapshots', () => {
  it('are thinned to the newest of each month once older than the setting, the rest untouched', () => {
    const data = tempData();
    try {
      data.db.insert(projects).values({ id: 'p', name: 'P' }).run();
      const days = ['2025-01-05', '2025-01-31', '2025-02-01', '2025-02-14', '2025-12-30', '2025-12-31', '2026-01-02', '2026-11-19'];
      for (const asOf of days)
        data.db.insert(projectSnapshots).values({ projectId: 'p', asOf, lifecycle: 'aktiv', score: 50, coverage: 1, report: {} }).run();
      const summary = applyRetention(
        data.db,
        data.paths,
        { removedRepositoriesDays: 30, dailySnapshotsDays: 335 },
        new Date('2026-11-20T12:00:00Z')
      );
      const left = data.db
        .select({ asOf: projectSnapshots.asOf })
        .from(projectSnapshots)
        .all()
        .map((r) => r.asOf)
        .sort();
      // Before 2025-12-20: January and February keep their newest day; December is younger (kept whole).
      expect(left).toEqual(['2025-01-31', '2025-02-14', '2025-12-30', '2025-12-31', '2026-01-02', '2026-11-19']);
      expect(summary.snapshots).toBe(2);
      expect(existsSync(data.paths.gitDir)).toBe(false);
    } finally {
      data.cleanup();
    }
  });
});
