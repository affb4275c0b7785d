/**
 * `allmende forget` (DSGVO Art. 17) as a user runs it: a person asked to be forgotten is gone from
 * identities, persons, every snapshot, the database file and its WAL, and stays gone when the next
 * collection reads their new commits; their contributions still count, as „gelöschte Person“.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/db';
import { appendCommits, writeRepo } from '../helpers/git-fixture';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/allmende.js');
const DAY = 86_400;
const NOW = Math.floor(Date.UTC(2026, 10, 20) / 1000);
const ERIKA = 'Erika Mustermann';
const ERIKA_MAIL = 'erika.mustermann@ulm.de';

let dir: string;
let dataDir: string;
let repo: string;
let catalogFile: string;

function allmende(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: { ...process.env, ALLMENDE_DATA: dataDir, CI: '1' }
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function query<T>(sql: string): T[] {
  const db = new Database(join(dataDir, 'allmende.db'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** Every byte of the database, its WAL and shared memory. */
function databaseBytes(): string {
  return readdirSync(dataDir)
    .filter((f) => f.startsWith('allmende.db'))
    .map((f) => readFileSync(join(dataDir, f)).toString('latin1'))
    .join('\n');
}

beforeAll(() => {
  dir = tempDir('allmende-forget-');
  dataDir = join(dir, 'data');
  repo = join(dir, 'fachverfahren.git');
  const at = (days: number) => NOW - days * DAY;
  writeRepo(repo, {
    commits: [
      { author: ['Jürgen Müller', 'juergen.mueller@ulm.de'], at: at(300) },
      { author: [ERIKA, ERIKA_MAIL], at: at(200) },
      { author: [ERIKA, 'erika@gmail.com'], at: at(150) },
      { author: ['Jürgen Müller', 'juergen.mueller@ulm.de'], at: at(100) },
      { author: [ERIKA, ERIKA_MAIL], at: at(50) }
    ]
  });
  catalogFile = join(dir, 'catalog.yml');
  writeFileSync(
    catalogFile,
    `organisations:\n  - {id: ulm, name: Stadt Ulm, kind: municipality, region: DE-BW, domains: [ulm.de]}\n` +
      `privacy: {showNames: true}\n` +
      `projects:\n  - {id: fachverfahren, name: Fachverfahren, owner: ulm, repositories: ["git:${repo}"]}\n`
  );
  const collected = allmende(['collect', '--config', catalogFile, '--as-of', '2026-11-20']);
  expect(collected.code, collected.stderr).toBe(0);
});

afterAll(() => spawnSync('rm', ['-rf', dir]));

describe('private files', () => {
  it('creates the data directory, database, key and clones readable by their owner only', () => {
    const paths = [dataDir, join(dataDir, 'allmende.db'), join(dataDir, 'git')];
    for (const f of readdirSync(dataDir)) paths.push(join(dataDir, f));
    for (const p of paths) expect((statSync(p).mode & 0o077).toString(8), p).toBe('0');
  });
});

describe('allmende forget', () => {
  it('needs exactly one of --email, --login, --name', () => {
    expect(allmende(['forget']).code).toBe(2);
    expect(allmende(['forget', '--name', 'a', '--login', 'github:a']).stderr).toContain('genau eine der Angaben');
    expect(allmende(['forget', '--login', 'ohne-plattform']).stderr).toContain('plattform:login');
  });

  it('forgets a person by email read from stdin: identities, persons and snapshots, the whole person', () => {
    const before = query<{ report: string }>('SELECT report FROM project_snapshots');
    expect(before.some((r) => r.report.includes(ERIKA))).toBe(true);
    const commitsBefore = query<{ n: number }>('SELECT count(*) AS n FROM commits')[0].n;

    const result = allmende(['forget', '--email', '-'], `${ERIKA_MAIL}\n`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Vergessen: 2 Identitäten, 1 Personen/);
    // Her gmail identity went too: derive had joined it to her by name (one person).
    expect(query<{ n: number }>(`SELECT count(*) AS n FROM identities WHERE name = '${ERIKA}'`)[0].n).toBe(0);
    expect(query<{ n: number }>(`SELECT count(*) AS n FROM persons WHERE display_name = '${ERIKA}'`)[0].n).toBe(0);
    for (const r of query<{ report: string }>('SELECT report FROM project_snapshots')) expect(r.report).not.toContain(ERIKA);
    // Her commits still count, as one anonymous person.
    expect(query<{ n: number }>('SELECT count(*) AS n FROM commits')[0].n).toBe(commitsBefore);
    const report = JSON.parse(allmende(['report', '--project', 'fachverfahren', '--json', '--as-of', '2026-11-20']).stdout);
    expect(report.totals).toMatchObject({ humanCommits: 5, humanContributors: 2 });
    expect(report.contributors.map((c: { name: string }) => c.name).sort()).toEqual(['Jürgen Müller', 'gelöschte Person']);
    // Ulm's OSPO report (its whole months from derive's monthly counts) no longer has her: the
    // anonymous identity has no email domain, so her commits count for the project, not for Ulm.
    const ulm = JSON.parse(allmende(['report', '--org', 'ulm', '--format', 'json']).stdout);
    expect(ulm.contributors).toEqual([{ name: 'Jürgen Müller', commits: 2, issues: 0, comments: 0 }]);
    expect(ulm.ownProjects).toMatchObject([{ id: 'fachverfahren', humanCommits: 5 }]);
    // Nothing of her left in the database files, the email in no form.
    const bytes = databaseBytes();
    expect(bytes).not.toContain(ERIKA);
    expect(bytes).not.toContain('erika');
  });

  it('keeps her out of the next collection, new commits included', () => {
    appendCommits(repo, [{ author: [ERIKA, ERIKA_MAIL], at: NOW - DAY }], [], 'main', 5);
    const collected = allmende(['collect', '--config', catalogFile, '--as-of', '2026-11-20']);
    expect(collected.code, collected.stderr).toBe(0);
    expect(query<{ n: number }>(`SELECT count(*) AS n FROM identities WHERE name = '${ERIKA}'`)[0].n).toBe(0);
    expect(query<{ n: number }>('SELECT count(*) AS n FROM commits')[0].n).toBe(6);
    expect(databaseBytes()).not.toContain(ERIKA);
    // The request is kept as keyed hashes only.
    const kept = query<{ kind: string; key_hash: string }>('SELECT kind, key_hash FROM forgotten_subjects');
    expect(kept.length).toBeGreaterThan(0);
    for (const k of kept) expect(k.key_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('forgets by name, and says so when nobody matches', () => {
    const byName = allmende(['forget', '--name', '  jürgen   MÜLLER ']);
    expect(byName.code, byName.stderr).toBe(0);
    expect(byName.stderr).toMatch(/Vergessen: 1 Identitäten/);
    expect(databaseBytes()).not.toContain('Jürgen');
    const nobody = allmende(['forget', '--login', 'github:niemand']);
    expect(nobody.code).toBe(0);
    expect(nobody.stderr).toContain('Keine passende Identität gefunden');
  });
});
