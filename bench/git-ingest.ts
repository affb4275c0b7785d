/**
 * Benchmark: git ingest (DESIGN §10: ≥ 50,000 commits/s into SQLite, within 2 × the time of
 * `git log` itself). Builds a bare repository with N commits by fast-import, then times
 * `git log` alone and the git collector's first collection of it.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/index';
import { collect } from '../jobs/collect';
import { GitCollector } from '../jobs/collectors/git';
import { parseCatalog } from '../src/lib/catalog/load';
import { resolveDataPaths } from '../src/lib/paths';
import { tempDir } from '../tests/helpers/db';
import { writeRepo } from '../tests/helpers/git-fixture';

export interface GitIngestResult {
  commits: number;
  gitLogSeconds: number;
  ingestSeconds: number;
  commitsPerSecond: number;
  ratioToGitLog: number;
}

export async function benchGitIngest(count = 200_000): Promise<GitIngestResult> {
  const dir = tempDir('allmende-bench-git-');
  try {
    const repoDir = join(dir, 'big.git');
    const authors = Array.from({ length: 300 }, (_, i): [string, string] => [`Entwickler ${i}`, `dev${i}@kommune${i % 30}.de`]);
    writeRepo(repoDir, {
      commits: Array.from({ length: count }, (_, i) => ({
        author: authors[(i * 31) % authors.length],
        at: 1_500_000_000 + i * 300,
        files: {}
      }))
    });
    const started = process.hrtime.bigint();
    const log = spawnSync('git', ['log', '--use-mailmap', '--format=%x1e%H%x00%P%x00%aN%x00%aE%x00%at%x00%ct', 'HEAD'], {
      cwd: repoDir,
      maxBuffer: 1 << 30
    });
    if (log.status !== 0) throw new Error('git log failed');
    const gitLogSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const paths = resolveDataPaths({ data: join(dir, 'data') }, {});
    const db = openDatabase(paths.dbFile);
    const catalogFile = join(dir, 'catalog.yml');
    writeFileSync(catalogFile, `projects:\n  - {id: big, name: Big, repositories: ["git:${repoDir}"]}\n`);
    const catalog = parseCatalog(`projects:\n  - {id: big, name: Big, repositories: ["git:${repoDir}"]}\n`);
    // Clone first, so that the timed run measures reading history into SQLite, not copying objects.
    const t0 = process.hrtime.bigint();
    await collect({ db, catalog, paths, collectors: [new GitCollector()], trigger: 'test' });
    const ingestSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const stored = (db.$client.prepare('select count(*) n from commits').get() as { n: number }).n;
    db.$client.close();
    if (stored !== count) throw new Error(`stored ${stored} of ${count} commits`);
    return {
      commits: count,
      gitLogSeconds: round(gitLogSeconds),
      ingestSeconds: round(ingestSeconds),
      commitsPerSecond: Math.round(count / ingestSeconds),
      ratioToGitLog: round(ingestSeconds / gitLogSeconds)
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

export interface WideCollectResult {
  commits: number;
  files: number;
  cloneSeconds: number;
  gitLogSeconds: number;
  collectSeconds: number;
  /** The whole `allmende collect` process against clone + the one `git log` it needs. */
  ratio: number;
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/**
 * DESIGN §10: the whole `collect` of a 100,000-commit repository within 4 × clone + `git log` (goal
 * 1.5 ×) — on a wide tree (`files` files in one folder, one changed per commit, the licence changed
 * once), where a pathspec that makes git walk every tree shows at once.
 */
export async function benchWideCollect(count = 100_000, files = 1_000): Promise<WideCollectResult> {
  const dir = tempDir('allmende-bench-wide-');
  try {
    const repoDir = join(dir, 'wide.git');
    const firstFiles: Record<string, string> = { LICENSE: 'MIT License\n' };
    for (let f = 0; f < files; f++) firstFiles[`src/datei${f}.txt`] = `${f}\n`;
    writeRepo(repoDir, {
      commits: Array.from({ length: count }, (_, i) => ({
        author: [`Entwickler ${i % 40}`, `dev${i % 40}@stadt${i % 7}.de`] as [string, string],
        at: 1_500_000_000 + i * 300,
        files: i === 0 ? firstFiles : i === count >> 1 ? { LICENSE: 'EUPL-1.2\n' } : { [`src/datei${(i * 7919) % files}.txt`]: `${i}\n` }
      }))
    });
    const t0 = process.hrtime.bigint();
    const clone = spawnSync('git', ['clone', '--quiet', '--bare', repoDir, join(dir, 'baseline.git')]);
    if (clone.status !== 0) throw new Error('git clone failed');
    const cloneSeconds = seconds(t0);
    const t1 = process.hrtime.bigint();
    const log = spawnSync('git', ['log', '--use-mailmap', '--format=%x1e%H%x00%P%x00%aN%x00%aE%x00%at%x00%ct', 'HEAD'], {
      cwd: join(dir, 'baseline.git'),
      maxBuffer: 1 << 30
    });
    if (log.status !== 0) throw new Error('git log failed');
    const gitLogSeconds = seconds(t1);

    const catalogFile = join(dir, 'catalog.yml');
    writeFileSync(catalogFile, `projects:\n  - {id: wide, name: Wide, repositories: ["git:${repoDir}"]}\n`);
    const t2 = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [join(import.meta.dirname, '../bin/allmende.js'), 'collect', '--config', catalogFile], {
      env: { ...process.env, ALLMENDE_DATA: join(dir, 'data'), CI: '1' },
      encoding: 'utf8'
    });
    const collectSeconds = seconds(t2);
    if (run.status !== 0) throw new Error(`allmende collect failed: ${run.stderr}`);
    return {
      commits: count,
      files,
      cloneSeconds: round(cloneSeconds),
      gitLogSeconds: round(gitLogSeconds),
      collectSeconds: round(collectSeconds),
      ratio: round(collectSeconds / (cloneSeconds + gitLogSeconds))
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === 'wide') console.log(JSON.stringify(await benchWideCollect(Number(process.argv[3] ?? 100_000)), null, 2));
  else console.log(JSON.stringify(await benchGitIngest(Number(process.argv[2] ?? 200_000)), null, 2));
}
