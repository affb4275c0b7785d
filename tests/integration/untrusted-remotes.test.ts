/**
 * Repository addresses are untrusted input (issue 16): from the catalog and from forge answers.
 * Each test reproduces a finding of the security probe: command execution through a URL that git
 * reads as an option or a remote helper, a forge answer that points git at another local
 * repository, a remote that never answers, a shallow source stored as if it were the history.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../jobs/collect';
import { GitCollector } from '../../jobs/collectors/git';
import { git } from '../../jobs/collectors/git-process';
import { RepositoryError, type CollectContext } from '../../jobs/collectors/types';
import { IdentityStore } from '../../jobs/store/identities';
import { repositories } from '../../db/schema';
import { parseCatalog } from '../../src/lib/catalog/load';
import { catalogFor } from '../emulator/catalog';
import { makeFixtureWorld } from '../emulator/fixture';
import { startEmulator, type Emulator } from '../emulator/server';
import { tempData, tempDir, type TempData } from '../helpers/db';
import { runGit, writeRepo } from '../helpers/git-fixture';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/allmende.js');
const T0 = Date.UTC(2024, 0, 1) / 1000;

let data: TempData | null = null;
afterEach(() => {
  data?.cleanup();
  data = null;
});

/** A data directory whose path contains ":", as in the probe: git then reads the clone target as a remote. */
function colonData(): { dir: string; dataDir: string; pwned: string } {
  const dir = tempDir('allmende-inj-');
  const dataDir = join(dir, 'x:1');
  mkdirSync(dataDir, { recursive: true });
  return { dir, dataDir, pwned: join(dir, 'pwned') };
}

function gitContext(d: TempData, cloneUrl: string, log: string[] = []): CollectContext {
  const row = d.db.insert(repositories).values({ key: 'git:probe', forgeId: 'git', path: 'probe', cloneUrl }).returning().get();
  return {
    db: d.db,
    catalog: parseCatalog(''),
    forge: { id: 'git', type: 'git', api: null, clone: null, tokenEnv: null, concurrency: 1, requestsPerMinute: null },
    repository: row,
    paths: d.paths,
    identities: new IdentityStore(d.db, Buffer.alloc(32, 1)),
    counters: { requests: 0, notModified: 0, items: 0 },
    log: (m) => log.push(m)
  };
}

describe('command execution through repository URLs', () => {
  it('refuses the catalog entry of the probe, exit 2, and runs nothing', () => {
    const { dir, dataDir, pwned } = colonData();
    const config = join(dir, 'inj.yml');
    writeFileSync(config, `projects:\n  - {id: p, name: P, repositories: ["git:--upload-pack=touch ${pwned}"]}\n`);
    const result = spawnSync(process.execPath, [BIN, 'collect', '--config', config], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ALLMENDE_DATA: dataDir, CI: '1' }
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('inj.yml:2:');
    expect(result.stderr).toContain('darf nicht mit „-“ beginnen');
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(join(dataDir, 'allmende.db'))).toBe(false);
  });

  it('refuses an option or a remote helper that reached the database, before git runs', async () => {
    const { dataDir, pwned } = colonData();
    for (const url of [`--upload-pack=touch ${pwned}`, `ext::sh -c touch% ${pwned}`, 'fd::3']) {
      data = tempData();
      const ctx = gitContext(data, url);
      ctx.paths = { ...ctx.paths, gitDir: join(dataDir, 'git') };
      const error = await new GitCollector().collect(ctx).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(RepositoryError);
      expect((error as RepositoryError).kind).toBe('invalid');
      expect(existsSync(pwned), url).toBe(false);
      data.cleanup();
      data = null;
    }
  });

  it('ends options with "--" and enables only the allowed protocols, even where the check is bypassed', async () => {
    const { dataDir, pwned } = colonData();
    await expect(git(['clone', '--bare', '--quiet', '--', `--upload-pack=touch ${pwned}`, join(dataDir, 'c.git')])).rejects.toThrow();
    await expect(git(['ls-remote', '--', `ext::sh -c touch% ${pwned}`])).rejects.toThrow(/not allowed|nicht/i);
    await expect(git(['ls-remote', '--', 'fd::0'])).rejects.toThrow(/not allowed/i);
    expect(existsSync(pwned)).toBe(false);
  });
});

describe('clone URLs from forge answers', () => {
  let emulator: Emulator;
  afterAll(async () => {
    await emulator?.close();
  });

  it('keeps git on the forge clone host: no other local repository, no option, no helper', async () => {
    const world = makeFixtureWorld();
    const other = join(world.dir, 'elsewhere.git');
    writeRepo(other, {
      commits: [1, 2, 3, 4, 5].map((i) => ({
        author: ['Fremde Person', 'fremd@elsewhere.example'] as [string, string],
        at: T0 + i * 86_400
      }))
    });
    const pwned = join(world.dir, 'pwned');
    emulator = await startEmulator(world, {
      cloneUrl: (forge, repo) => {
        if (forge === 'github' && repo.path === 'stadt-ulm/terminbuchung') return `file://${other}`;
        if (forge === 'github' && repo.path === 'stadt-dortmund/terminbuchung') return `--upload-pack=touch ${pwned}`;
        if (forge === 'gitlab' && repo.path === 'ulm/terminbuchung') return `ext::sh -c touch% ${pwned}`;
        return `file://${repo.gitDir}`;
      }
    });
    process.env.GITHUB_TOKEN = world.github.tokens[0];
    process.env.OPENCODE_TOKEN = world.gitlab.tokens[0];
    data = tempData();
    const log: string[] = [];
    const catalog = parseCatalog(stringify(catalogFor(world, emulator.url)));
    const summary = await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test', log: (m) => log.push(m) });
    expect(summary.failed).toBe(0);
    expect(existsSync(pwned)).toBe(false);

    const rows = data.db.select().from(repositories).all();
    const base = catalog.forgeById.get('github')!.clone!;
    expect(rows.find((r) => r.key === 'github:stadt-ulm/terminbuchung')?.cloneUrl).toBe(`${base}/stadt-ulm/terminbuchung.git`);
    expect(rows.find((r) => r.key === 'opencode:ulm/terminbuchung')?.cloneUrl).not.toContain('ext::');
    const forkUrls = data.db.$client.prepare('select clone_url from forks').all() as { clone_url: string | null }[];
    expect(forkUrls.map((f) => f.clone_url)).not.toContainEqual(expect.stringContaining('upload-pack'));
    expect(log.some((m) => m.includes('Klon-Adresse der Plattform') && m.includes('wird ignoriert'))).toBe(true);

    // The commits are the repository's own (three by Alice), none of the other repository's five.
    const names = data.db.$client
      .prepare(
        `select distinct i.name from commits c join repositories r on r.id = c.repository_id
         join identities i on i.id = c.author_identity_id where r.key = 'github:stadt-ulm/terminbuchung'`
      )
      .all() as { name: string }[];
    expect(names.map((n) => n.name)).toEqual(['Alice Example']);
  });
});

describe('git calls that would never end', () => {
  let server: Server | null = null;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
    delete process.env.ALLMENDE_GIT_TIMEOUT;
  });

  it('kills a clone from a remote that accepts and never answers, records the reason and goes on', async () => {
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    data = tempData();
    const good = join(data.dir, 'good.git');
    writeRepo(good, { commits: [{ author: ['Erika Mustermann', 'erika@ulm.de'], at: T0 }] });
    process.env.ALLMENDE_GIT_TIMEOUT = '2';
    const catalog = parseCatalog(
      `projects:\n  - {id: still, name: Still, repositories: ["git:git://127.0.0.1:${port}/x.git"]}\n` +
        `  - {id: gut, name: Gut, repositories: ["git:${good}"]}\n`
    );
    const started = Date.now();
    const summary = await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(summary.failed).toBe(1);
    expect(summary.outcomes.find((o) => !o.ok)?.error).toContain('Zeitlimit von 2 s');
    expect(summary.outcomes.find((o) => o.key === `git:${good}`)?.ok).toBe(true);
  });

  it('refuses a shallow source instead of storing part of its history as the whole', async () => {
    data = tempData();
    const full = join(data.dir, 'full.git');
    writeRepo(full, {
      commits: [0, 1, 2].map((i) => ({ author: ['Erika Mustermann', 'erika@ulm.de'] as [string, string], at: T0 + i * 86_400 }))
    });
    const shallow = join(data.dir, 'shallow');
    runGit(['clone', '--quiet', '--depth', '1', `file://${full}`, shallow]);
    const catalog = parseCatalog(`projects:\n  - {id: flach, name: Flach, repositories: ["git:${shallow}"]}\n`);
    const summary = await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(summary.failed).toBe(1);
    expect(summary.outcomes[0].error).toContain('flacher Klon');
    expect(data.db.$client.prepare('select count(*) n from commits').get()).toEqual({ n: 0 });
  });
});
