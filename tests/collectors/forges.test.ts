/**
 * The GitHub and GitLab collectors against the forge emulator: facts equal the world, request
 * counts stay within DESIGN §10, repeat and incremental runs are frugal, faults and kills leave
 * the same database as a clean run, tokens never leak.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubCollector } from '../../jobs/collectors/github';
import { createGitLabCollector } from '../../jobs/collectors/gitlab';
import type { Collector } from '../../jobs/collectors/types';
import type { World, WorldRepository } from '../world/model';
import {
  dumpForgeFacts,
  factCounts,
  forgeIdOf,
  minimalRequests,
  newStore,
  runCollectors,
  setup,
  storedAuthors,
  worldAuthors,
  worldCounts,
  type Setup,
  type Store
} from './harness';
import { testWorld } from './worlds';
import { advanceWorld } from '../world/advance';

const collectors = (fetch?: typeof globalThis.fetch, timeoutMs?: number): Collector[] => [
  createGitHubCollector({ fetch, timeoutMs, retryBaseMs: 5, retries: 8, rateLimitRetries: 8 }),
  createGitLabCollector({ fetch, timeoutMs, retryBaseMs: 5, attempts: 9 })
];

function publicRepos(world: World): WorldRepository[] {
  return [...world.github.repositories, ...world.gitlab.repositories].filter((r) => r.visibility === 'public');
}

/**
 * GitLab documents no ETags for REST and counts every request (DESIGN §4): an unchanged public
 * project costs its one GET /projects/:id, whose last_activity_at says that it can be skipped.
 */
function publicGitlab(world: World): number {
  return world.gitlab.repositories.filter((r) => r.visibility === 'public').length;
}

/** Facts without the bookkeeping that legitimately differs between runs (forge clock of a sync). */
function comparable(store: Store): Record<string, unknown[]> {
  const facts = dumpForgeFacts(store.db);
  facts.cursors = facts.cursors.filter((c) => (c as { resource: string }).resource !== 'activity');
  // Each emulator listens on its own port; web URLs carry it.
  return JSON.parse(JSON.stringify(facts).replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')) as Record<string, unknown[]>;
}

async function rateLimitedOf(
  s: Setup,
  run: () => Promise<unknown>
): Promise<{ rateLimited: number; requests: number; byEndpoint: Record<string, number> }> {
  s.emulator.resetStats();
  await run();
  const st = s.emulator.stats();
  return { rateLimited: st.rateLimited, requests: st.requests, byEndpoint: st.byEndpoint };
}

// The demo world (about 9,000 items, 7,000 requests, about a minute on 2 cores) runs by default, since the
// issue asks for agreement with the demo world; ALLMENDE_SKIP_DEMO=1 leaves it out of a quick local run.
for (const size of ['tiny', 'demo'] as const) {
  describe.skipIf(size === 'demo' && Boolean(process.env.ALLMENDE_SKIP_DEMO))(`forge collectors, ${size} world`, () => {
    let s: Setup;
    let store: Store;
    let firstFacts: Record<string, unknown[]>;
    const measured: Record<string, unknown> = {};

    beforeAll(async () => {
      const { world, generated } = await testWorld(size);
      measured.generatedWorld = generated;
      s = await setup(world);
      store = newStore(world);
    });
    afterAll(async () => {
      console.log(`[collectors ${size}] ${JSON.stringify(measured)}`);
      store?.data.cleanup();
      await s?.close();
    });

    it(
      'collects facts equal to the world within 1.2 × the minimal requests',
      async () => {
        s.emulator.resetStats();
        const t0 = Date.now();
        const result = await runCollectors(s, store, collectors(), { parallel: 6 });
        const stats = s.emulator.stats();
        measured.firstRunMs = Date.now() - t0;

        // Private repositories fail on their own, with a reason; the others succeed.
        for (const r of [...s.world.github.repositories, ...s.world.gitlab.repositories]) {
          const key = `${forgeIdOf(r.forge)}:${r.path}`;
          if (r.visibility === 'private') {
            expect(result.errors.get(key)?.name, key).toBe('RepositoryError');
            expect(result.errors.get(key)?.message).toMatch(/nicht gefunden \(404\)/);
          } else expect(result.errors.get(key), key).toBeUndefined();
        }

        const want = worldCounts(s.world);
        const got = factCounts(store.db);
        for (const [key, counts] of want) expect(got.get(key), key).toEqual(counts);
        const authors = worldAuthors(s.world);
        const stored = storedAuthors(store.db);
        for (const [key, list] of authors) expect(stored.get(key) ?? [], key).toEqual(list);

        const minimal = publicRepos(s.world).reduce((n, r) => n + minimalRequests(s.world, r), 0);
        const privateRepos = [...s.world.github.repositories, ...s.world.gitlab.repositories].length - publicRepos(s.world).length;
        measured.firstRun = { requests: stats.requests, rateLimited: stats.rateLimited, minimal, privateRepos, items: result.total.items };
        expect(stats.requests).toBe(result.total.requests);
        expect(stats.requests - privateRepos).toBeLessThanOrEqual(Math.ceil(1.2 * minimal));
        firstFacts = comparable(store);
      },
      size === 'demo' ? 900_000 : 120_000
    );

    it('repository rows carry the forge metadata', () => {
      const rows = store.db.$client.prepare('select * from repositories').all() as Record<string, unknown>[];
      for (const r of publicRepos(s.world)) {
        const row = rows.find((x) => x.key === `${forgeIdOf(r.forge)}:${r.path}`)!;
        expect(row.forge_repo_id).toBe(String(r.id));
        expect(row.archived).toBe(r.archived ? 1 : 0);
        expect(row.default_branch).toBe(r.defaultBranch);
        expect(row.has_issues).toBe(r.hasIssues ? 1 : 0);
        expect(JSON.parse(row.topics as string)).toEqual(r.topics);
        if (r.forkOf) expect(row.fork_parent).toBe(`${forgeIdOf(r.forge)}:${r.forkOf}`);
        else expect(row.fork_parent).toBeNull();
        // Forges name licences without -only/-or-later (GitHub: GPL-3.0; GitLab: gpl-3.0).
        const base = (id: unknown) => (typeof id === 'string' ? id.replace(/-(only|or-later)$/, '').toLowerCase() : null);
        expect(base(row.license_spdx), row.key as string).toBe(base(r.licenseSpdx));
      }
    });

    it(
      'spends no rate-limited request on an unchanged public GitHub repository in a repeat run',
      async () => {
        const second = await rateLimitedOf(s, () => runCollectors(s, store, collectors()));
        const third = await rateLimitedOf(s, () => runCollectors(s, store, collectors()));
        const all = [...s.world.github.repositories, ...s.world.gitlab.repositories].length;
        measured.repeatRun = { second, third: { requests: third.requests, rateLimited: third.rateLimited } };
        // An unchanged public GitHub repository costs nothing (304s) — already on the second run, where the
        // issue list's since-URL is new and the first run's list is asked instead —, an unchanged GitLab
        // project its one metadata request, a private repository its 404.
        const settled = all - publicRepos(s.world).length + publicGitlab(s.world);
        expect(second.rateLimited).toBeLessThanOrEqual(settled);
        expect(third.rateLimited).toBeLessThanOrEqual(settled);
        expect(comparable(store)).toEqual(firstFacts);
      },
      size === 'demo' ? 600_000 : 120_000
    );

    it.runIf(size === 'demo')('moves on without reusing a commit id (a catalog fork shares its upstream’s id space)', async () => {
      // Last of the demo world's tests: it changes the world's repositories on disk. The world's
      // commit maker refuses a taken id, so a collision fails here instead of looping the truth.
      const catalogIds = (s.world.catalog.projects as { id: string }[]).map((p) => p.id);
      expect(catalogIds).toContain('kiel-beteiligung');
      const moved = await advanceWorld(s.world, { days: 14 });
      expect(moved.totalCommits).toBeGreaterThan(0);
    });

    // The incremental runs below are checked on the tiny world: on the demo world they cost four more
    // collections (about a minute on 2 cores) and test the same code paths; the demo world's first and
    // repeat runs above, and npm run bench (bench/collection.ts), cover its size.
    if (size === 'demo') return;

    it('fetches only what changed after the world moved on', async () => {
      const gh = s.world.github.repositories.find(
        (r) => r.visibility === 'public' && r.items.some((i) => i.kind === 'issue') && r.items.some((i) => i.kind === 'pull')
      )!;
      const gl = s.world.gitlab.repositories.find(
        (r) => r.visibility === 'public' && r.hasIssues && r.items.some((i) => i.kind === 'issue')
      )!;
      const later = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const now = later(s.world.now, 1);
      const login = (r: WorldRepository) => r.items[0].author;
      // GitHub: a new comment on an old issue, a new issue, a new review on an old pull request.
      const issue = gh.items.find((i) => i.kind === 'issue')!;
      issue.comments.push({ id: 9_000_001, author: login(gh), body: 'Neu', createdAt: now, updatedAt: now });
      issue.updatedAt = now;
      const pull = gh.items.find((i) => i.kind === 'pull')!;
      pull.reviews.push({ id: 9_000_002, author: login(gh), state: 'APPROVED', body: '', submittedAt: now });
      pull.updatedAt = now;
      const number = Math.max(...gh.items.map((i) => i.number)) + 1;
      gh.items.push({
        ...structuredClone(issue),
        id: 9_000_003,
        number,
        comments: [],
        createdAt: now,
        updatedAt: now,
        title: 'Neues Anliegen'
      });
      // GitLab: a new note on an old issue.
      const glIssue = gl.items.find((i) => i.kind === 'issue')!;
      glIssue.comments.push({ id: 9_000_004, author: login(gl), body: 'Neu', createdAt: now, updatedAt: now });
      glIssue.updatedAt = now;

      const run = await rateLimitedOf(s, () => runCollectors(s, store, collectors()));
      measured.afterChange = run;
      for (const [key, counts] of worldCounts(s.world)) expect(factCounts(store.db).get(key), key).toEqual(counts);
      // Reviews were asked for the changed pull request only; notes for the changed issue only.
      expect(run.byEndpoint['GET /repos/{owner}/{repo}/pulls/{number}/reviews'] ?? 0).toBe(1);
      expect(run.byEndpoint['GET /projects/:id/issues/:iid/notes'] ?? 0).toBe(1);
      // Changed GitHub repository: metadata, issues, comments, review comments, one PR's reviews
      // (releases and forks 304); changed GitLab project: project, issues, merge requests, one
      // item's notes, releases (GitLab answers no 304); unchanged GitHub repositories: nothing but
      // 304s; unchanged GitLab projects: their metadata; private ones: their 404.
      const privateRepos = [...s.world.github.repositories, ...s.world.gitlab.repositories].filter((r) => r.visibility !== 'public').length;
      // A fork's own metadata embeds its upstream (GitLab: forked_from_project.last_activity_at).
      const forksOfChanged = publicRepos(s.world).filter((r) => r.forkOf === gh.path || r.forkOf === gl.path).length;
      expect(run.rateLimited).toBeLessThanOrEqual(privateRepos + 5 + 5 + (publicGitlab(s.world) - 1) + forksOfChanged);
    }, 300_000);

    it('follows the world a week later (advanceWorld) and settles again', async () => {
      const summary = await s.emulator.advance(7);
      const run = await rateLimitedOf(s, () => runCollectors(s, store, collectors(), { parallel: 6 }));
      for (const [key, counts] of worldCounts(s.world)) expect(factCounts(store.db).get(key), key).toEqual(counts);
      const settle = await rateLimitedOf(s, () => runCollectors(s, store, collectors(), { parallel: 6 }));
      const again = await rateLimitedOf(s, () => runCollectors(s, store, collectors(), { parallel: 6 }));
      const all = [...s.world.github.repositories, ...s.world.gitlab.repositories].length;
      const privateRepos = all - publicRepos(s.world).length;
      const changed = (summary.result as { repositories?: string[] } | undefined)?.repositories?.length;
      measured.afterAdvance = {
        changedRepositories: changed,
        updatedItems: summary.updatedItems,
        run: { requests: run.requests, rateLimited: run.rateLimited },
        settle: { requests: settle.requests, rateLimited: settle.rateLimited },
        again: { requests: again.requests, rateLimited: again.rateLimited }
      };
      // Only what changed: far below a first collection, and settled with the next run.
      expect(settle.rateLimited).toBeLessThanOrEqual(privateRepos + publicGitlab(s.world));
      expect(again.rateLimited).toBeLessThanOrEqual(privateRepos + publicGitlab(s.world));
    }, 900_000);
  });
}

describe('forge collectors under faults and kills', () => {
  let world: World;
  let clean: Record<string, unknown[]>;

  beforeAll(async () => {
    ({ world } = await testWorld('tiny', 'faults'));
    const s = await setup(world);
    const store = newStore(world);
    await runCollectors(s, store, collectors());
    clean = comparable(store);
    store.data.cleanup();
    await s.close();
  });

  it('ends with the same facts despite 5xx, drops, truncation, secondary limits and an exhausted budget', async () => {
    const s = await setup(world, {
      faults: {
        seed: 7,
        serverErrorRate: 0.1,
        dropRate: 0.05,
        truncateRate: 0.03,
        slowRate: 0.03,
        slowMs: 600,
        secondaryLimitEvery: 17,
        exhaustAfter: 25,
        exhaustResetMs: 1500
      }
    });
    const store = newStore(world);
    try {
      // Slow answers (600 ms) run into a 300 ms timeout per attempt and are retried.
      const result = await runCollectors(s, store, collectors(undefined, 300));
      const kinds = new Set(s.emulator.faultLog().map((f) => f.fault));
      console.log(
        `[collectors faults] requests=${s.emulator.stats().requests} faults=${JSON.stringify([...kinds])} errors=${[...result.errors.keys()]}`
      );
      expect(
        kinds.has('server-error') && kinds.has('drop') && kinds.has('secondary-limit') && kinds.has('slow') && kinds.has('truncate')
      ).toBe(true);
      // Both forges hit the exhausted budget and the secondary limit, and waited.
      const logs = store.logs.join('\n');
      expect(logs).toMatch(/GitHub Ratenlimit erschöpft/);
      expect(logs).toMatch(/GitHub sekundäres Ratenlimit/);
      expect(logs).toMatch(/GitLab .*Ratenlimit \(HTTP 429\)/);
      expect(comparable(store)).toEqual(clean);
    } finally {
      store.data.cleanup();
      await s.close();
    }
  }, 180_000);

  it('resumes after being killed mid-collection and ends identical', async () => {
    const s = await setup(world);
    try {
      for (const killAt of [3, 11, 29, 57, 76, 140, 200]) {
        const store = newStore(world);
        const controller = new AbortController();
        let n = 0;
        const killing: typeof globalThis.fetch = (input, init) => {
          if (++n === killAt) controller.abort();
          return globalThis.fetch(input, init);
        };
        await expect(runCollectors(s, store, collectors(killing), { signal: controller.signal, parallel: 1 })).rejects.toThrow();
        await runCollectors(s, store, collectors());
        expect(comparable(store), `killed at request ${killAt}`).toEqual(clean);
        store.data.cleanup();
      }
    } finally {
      await s.close();
    }
  }, 180_000);

  it('never lets the token reach the database, errors or logs', async () => {
    const s = await setup(world);
    const store = newStore(world);
    try {
      // A proxy that echoes request headers into an error body, for one repository.
      const gh = world.github.repositories.find((r) => r.visibility === 'public')!;
      const gl = world.gitlab.repositories.find((r) => r.visibility === 'public')!;
      const echoing: typeof globalThis.fetch = async (input, init) => {
        const url = String(input instanceof Request ? input.url : input);
        if (url.endsWith(`/repos/${gh.path}`) || url.includes(`/projects/${encodeURIComponent(gl.path)}?`)) {
          const headers = Object.fromEntries(new Headers(init?.headers).entries());
          return new Response(JSON.stringify({ message: `denied for ${JSON.stringify(headers)}` }), {
            status: 403,
            headers: { 'content-type': 'application/json' }
          });
        }
        return globalThis.fetch(input, init);
      };
      const result = await runCollectors(s, store, collectors(echoing));
      const tokens = [...world.github.tokens, ...world.gitlab.tokens];
      const texts = [...result.errors.values()].map((e) => `${e.name} ${e.message} ${e.stack ?? ''} ${JSON.stringify(e)}`);
      texts.push(...store.logs);
      store.db.$client.pragma('wal_checkpoint(TRUNCATE)');
      const file = readFileSync(store.data.paths.dbFile).toString('latin1');
      for (const t of tokens) {
        for (const text of texts) expect(text).not.toContain(t);
        expect(file).not.toContain(t);
      }
      expect(texts.join('\n')).toMatch(/403/);
    } finally {
      store.data.cleanup();
      await s.close();
    }
  });
});
