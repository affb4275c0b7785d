/**
 * A collection killed at any moment and run again ends with the same facts as an uninterrupted one
 * (DESIGN §4 "Resumable"), with no duplicates.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/index';
import { resolveDataPaths } from '../../src/lib/paths';
import { dumpFacts, tempDir } from '../helpers/db';
import { writeRepo, type FixtureCommit } from '../helpers/git-fixture';

const ROOT = resolve(import.meta.dirname, '../..');
// `node --import tsx` runs the script in this one process, so a SIGKILL really kills the collection.
const NODE_ARGS = ['--import', 'tsx'];
const SCRIPT = resolve(ROOT, 'tests/helpers/collect-script.ts');

let dir: string;
let catalogFile: string;

function bigHistory(count: number, seed: number): FixtureCommit[] {
  const authors: [string, string][] = Array.from({ length: 40 }, (_, i) => [`Person ${i + seed}`, `p${i + seed}@stadt${i % 5}.de`]);
  return Array.from({ length: count }, (_, i) => ({
    author: authors[(i * 7 + seed) % authors.length],
    at: 1_600_000_000 + i * 600,
    files: {}
  }));
}

function runCollect(dataDir: string): Promise<void> {
  const result = spawnSync(process.execPath, [...NODE_ARGS, SCRIPT, catalogFile, dataDir], { encoding: 'utf8', cwd: ROOT });
  if (result.status !== 0) throw new Error(result.stderr);
  return Promise.resolve();
}

function commitCount(dataDir: string): number {
  try {
    const db = new Database(resolveDataPaths({ data: dataDir }, {}).dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('select count(*) n from commits').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return -1;
  }
}

/** Start a collection and SIGKILL it once `when` says so (or when it ends by itself). */
function killWhen(dataDir: string, when: () => boolean): Promise<'killed' | 'finished'> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [...NODE_ARGS, SCRIPT, catalogFile, dataDir], { cwd: ROOT, stdio: 'ignore' });
    let state: 'killed' | 'finished' = 'finished';
    const timer = setInterval(() => {
      if (when()) {
        state = 'killed';
        child.kill('SIGKILL');
      }
    }, 5);
    child.on('exit', () => {
      clearInterval(timer);
      done(state);
    });
  });
}

function facts(dataDir: string) {
  const db = openDatabase(resolveDataPaths({ data: dataDir }, {}).dbFile);
  try {
    return dumpFacts(db);
  } finally {
    db.$client.close();
  }
}

beforeAll(() => {
  dir = tempDir('allmende-kill-');
  const repos = [0, 1, 2].map((i) => {
    const repoDir = join(dir, `repo${i}.git`);
    writeRepo(repoDir, { commits: bigHistory(6_000 + i * 2_000, i), tags: [{ name: `v1.${i}.0`, commit: 100 }] });
    return repoDir;
  });
  catalogFile = join(dir, 'catalog.yml');
  writeFileSync(catalogFile, `projects:\n${repos.map((r, i) => `  - {id: p${i}, name: P${i}, repositories: ["git:${r}"]}`).join('\n')}\n`);
}, 120_000);

afterAll(() => {
  if (dir) spawnSync('rm', ['-rf', dir]);
});

describe('a killed collection', () => {
  it('resumes to the same facts as an uninterrupted run, at several kill points', async () => {
    const reference = join(dir, 'reference');
    await runCollect(reference);
    const expected = facts(reference);
    expect(expected.commits).toHaveLength(6_000 + 8_000 + 10_000);

    const killPoints: { name: string; when: (dataDir: string, started: number) => boolean }[] = [
      { name: 'at once', when: (_d, started) => Date.now() - started > 150 },
      { name: 'after the first commits', when: (d) => commitCount(d) > 0 },
      { name: 'midway through the commits', when: (d) => commitCount(d) > 10_000 }
    ];
    for (const point of killPoints) {
      const dataDir = join(dir, `killed-${point.name.replace(/\W+/g, '-')}`);
      // The same key for email hashes as the reference, so that hashes compare.
      mkdirSync(dataDir, { recursive: true });
      copyFileSync(join(reference, 'secret.key'), join(dataDir, 'secret.key'));
      const started = Date.now();
      await killWhen(dataDir, () => point.when(dataDir, started));
      await runCollect(dataDir);
      expect(facts(dataDir), `killed ${point.name}`).toEqual(expected);
    }
  });
});
