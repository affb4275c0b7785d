/**
 * The collectors on the edges (DESIGN §11): renamed repositories, redirect loops, empty answers,
 * bad tokens, discovery of accounts, the per-forge concurrency limit and rate-limit bookkeeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverRepositories, DiscoverError } from '../../jobs/collectors/discover';
import { createGitHubCollector } from '../../jobs/collectors/github';
import { createGitLabCollector } from '../../jobs/collectors/gitlab';
import { RepositoryError } from '../../jobs/collectors/types';
import { repositories, rateLimits } from '../../db/schema';
import { makeFixtureWorld } from '../emulator/fixture';
import { GITHUB_ENV, newStore, runCollectors, setup, type Setup, type Store } from './harness';

const fast = { retryBaseMs: 5 };

describe('collector edge cases (fixture world)', () => {
  let s: Setup;
  const stores: Store[] = [];
  const store = (which?: Parameters<typeof newStore>[1]) => {
    const st = newStore(s.world, which ?? (() => false));
    stores.push(st);
    return st;
  };

  beforeAll(async () => {
    s = await setup(makeFixtureWorld());
  });
  afterAll(async () => {
    for (const st of stores) st.data.cleanup();
    await s?.close();
  });

  function addRow(st: Store, key: string, path: string) {
    const forgeId = key.slice(0, key.indexOf(':'));
    return st.db
      .insert(repositories)
      .values({ key, forgeId, path, cloneUrl: `file:///x/${path}.git` })
      .returning()
      .get();
  }

  it('follows a GitHub rename (301) and keeps the repository id', async () => {
    const st = store();
    addRow(st, 'github:stadt-ulm/termine', 'stadt-ulm/termine');
    const r1 = await runCollectors(s, st, [createGitHubCollector(fast)]);
    expect(st.logs).toContain('GitHub: stadt-ulm/termine heißt jetzt stadt-ulm/terminbuchung');
    expect(r1.errors.size).toBe(0);
    const row = st.db.select().from(repositories).get()!;
    expect(row.path).toBe('stadt-ulm/terminbuchung');
    expect(row.forgeRepoId).toBe('1000');
    const items = () => (st.db.$client.prepare('select count(*) n from items').get() as { n: number }).n;
    expect(items()).toBe(75);
    await runCollectors(s, st, [createGitHubCollector(fast)]);
    expect(items()).toBe(75);
  });

  it('collects a repository in full again after its row was deleted and created anew', async () => {
    const st = store();
    const count = (table: string) => (st.db.$client.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
    for (const round of [1, 2]) {
      const row = addRow(st, 'github:stadt-ulm/terminbuchung', 'stadt-ulm/terminbuchung');
      addRow(st, 'opencode:ulm/terminbuchung', 'ulm/terminbuchung');
      const result = await runCollectors(s, st, [createGitHubCollector(fast), createGitLabCollector(fast)]);
      expect(result.errors.size, `round ${round}`).toBe(0);
      expect(count('items'), `round ${round}`).toBe(75 + 45);
      expect(count('releases'), `round ${round}`).toBe(4);
      expect(
        st.db
          .select()
          .from(repositories)
          .all()
          .find((r) => r.id === row.id)?.archived
      ).toBe(false);
      // The ETags stay in http_cache; the rows (and with them facts and cursors) go.
      st.db.$client.exec('delete from repositories');
    }
  });

  it('follows a GitLab rename and keeps the project id', async () => {
    const st = store();
    addRow(st, 'opencode:ulm/formulare', 'ulm/formulare');
    const r1 = await runCollectors(s, st, [createGitLabCollector(fast)]);
    expect(r1.errors.size).toBe(0);
    const row = st.db.select().from(repositories).get()!;
    expect(row.path).toBe('ulm/digital/formulare');
    expect(row.forgeRepoId).toBe('2001');
    expect(row.hasIssues).toBe(false);
  });

  it('reports a redirect loop as moved, an empty answer as empty, a 404 as not found', async () => {
    const st = store();
    addRow(st, 'github:stadt-ulm/kreis', 'stadt-ulm/kreis');
    addRow(st, 'github:stadt-ulm/nichts', 'stadt-ulm/nichts');
    addRow(st, 'github:stadt-ulm/gibtsnicht', 'stadt-ulm/gibtsnicht');
    addRow(st, 'opencode:ulm/kreis', 'ulm/kreis');
    const faulty: typeof fetch = async (input, init) => {
      const url = String(input);
      if (url.endsWith('/repos/stadt-ulm/kreis') || url.includes('/projects/ulm%2Fkreis'))
        return new Response(null, { status: 301, headers: { location: url } });
      if (url.endsWith('/repos/stadt-ulm/nichts'))
        return new Response('', { status: 200, headers: { 'content-type': 'application/json' } });
      return fetch(input, init);
    };
    const result = await runCollectors(s, st, [
      createGitHubCollector({ ...fast, fetch: faulty }),
      createGitLabCollector({ ...fast, fetch: faulty })
    ]);
    const kind = (key: string) => (result.errors.get(key) as RepositoryError | undefined)?.kind;
    expect(kind('github:stadt-ulm/kreis')).toBe('moved');
    expect(kind('opencode:ulm/kreis')).toBe('moved');
    expect(kind('github:stadt-ulm/nichts')).toBe('empty');
    expect(kind('github:stadt-ulm/gibtsnicht')).toBe('not-found');
    for (const e of result.errors.values()) expect(e).toBeInstanceOf(RepositoryError);
  });

  it('falls back to /pulls when GitHub answers 410 for issues (tracker disabled)', async () => {
    const st = store();
    addRow(st, 'github:stadt-ulm/terminbuchung', 'stadt-ulm/terminbuchung');
    const gone: typeof fetch = async (input, init) => {
      const url = String(input);
      if (/\/repos\/stadt-ulm\/terminbuchung\/issues(\?|\/comments)/.test(url)) {
        return new Response(JSON.stringify({ message: 'Issues are disabled for this repo' }), {
          status: 410,
          headers: { 'content-type': 'application/json' }
        });
      }
      return fetch(input, init);
    };
    const result = await runCollectors(s, st, [createGitHubCollector({ ...fast, fetch: gone })]);
    expect(result.errors.size).toBe(0);
    const kinds = st.db.$client.prepare('select kind, count(*) n from items group by kind').all();
    expect(kinds).toEqual([{ kind: 'pull', n: 25 }]);
    const merged = st.db.$client.prepare("select count(*) n from items where state = 'merged'").get() as { n: number };
    expect(merged.n).toBe(s.world.github.repositories[0].items.filter((i) => i.state === 'merged').length);
    // A second run reads /pulls only down to what it has.
    const again = await runCollectors(s, st, [createGitHubCollector({ ...fast, fetch: gone })]);
    expect(again.errors.size).toBe(0);
  });

  it('rejects a bad token with a clear reason that does not contain it', async () => {
    const st = store();
    addRow(st, 'github:stadt-ulm/terminbuchung', 'stadt-ulm/terminbuchung');
    const saved = process.env[GITHUB_ENV];
    process.env[GITHUB_ENV] = 'ghp_wrong_secret_value';
    try {
      const result = await runCollectors(s, st, [createGitHubCollector(fast)]);
      const error = result.errors.get('github:stadt-ulm/terminbuchung') as RepositoryError;
      expect(error.kind).toBe('forbidden');
      expect(error.message).toMatch(/401/);
      expect(`${error.message} ${error.stack}`).not.toContain('ghp_wrong_secret_value');
      expect(st.logs.join('\n')).not.toContain('ghp_wrong_secret_value');
    } finally {
      process.env[GITHUB_ENV] = saved;
    }
  });

  it('records rate limits and keeps to the per-forge concurrency limit', async () => {
    const st = store((r) => r.visibility === 'public');
    let inFlight = 0;
    let most = 0;
    const counting: typeof fetch = async (input, init) => {
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        await new Promise((r) => setTimeout(r, 5));
        return await fetch(input, init);
      } finally {
        inFlight--;
      }
    };
    s.forges.github.concurrency = 2;
    s.forges.opencode.concurrency = 2;
    try {
      await runCollectors(
        s,
        st,
        [createGitHubCollector({ ...fast, fetch: counting }), createGitLabCollector({ ...fast, fetch: counting })],
        { parallel: 6 }
      );
    } finally {
      s.forges.github.concurrency = 4;
      s.forges.opencode.concurrency = 4;
    }
    expect(most).toBeLessThanOrEqual(4); // two per forge
    const limits = st.db.select().from(rateLimits).all();
    expect(limits.map((l) => l.forgeId).sort()).toEqual(['github', 'opencode']);
    for (const l of limits) {
      // The emulator's defaults: GitHub 5,000 an hour; GitLab 100,000 (self-managed: no general limit).
      const budget = l.forgeId === 'github' ? 5000 : 100_000;
      expect(l.limit).toBe(budget);
      expect(l.remaining).toBeLessThan(budget);
      expect(l.resetAt).toBeGreaterThan(Date.now() / 1000);
    }
  });

  it('discovers the repositories of GitHub organisations and GitLab groups with subgroups', async () => {
    expect(await discoverRepositories(s.catalog, s.forges.github, 'github:stadt-ulm')).toEqual([
      'github:stadt-ulm/leer',
      'github:stadt-ulm/terminbuchung'
    ]);
    // stadt-dortmund owns only a fork.
    expect(await discoverRepositories(s.catalog, s.forges.github, 'stadt-dortmund')).toEqual([]);
    expect(await discoverRepositories(s.catalog, s.forges.opencode, 'opencode:ulm')).toEqual([
      'opencode:ulm/digital/formulare',
      'opencode:ulm/terminbuchung'
    ]);
    // A GitHub user account works too.
    expect(await discoverRepositories(s.catalog, s.forges.github, 'github:alice')).toEqual([]);
    await expect(discoverRepositories(s.catalog, s.forges.github, 'github:gibt-es-nicht')).rejects.toBeInstanceOf(DiscoverError);
    await expect(discoverRepositories(s.catalog, s.forges.opencode, 'opencode:gibt-es-nicht')).rejects.toThrow(/nicht gefunden/);
  });
});
