import { rmSync } from 'node:fs';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../world/model';
import { GITHUB_TOKENS, GITLAB_TOKENS, makeFixtureWorld } from './fixture';
import { startEmulator, type Emulator, type EmulatorOptions } from './server';

let world: World;
const started: Emulator[] = [];

beforeAll(() => {
  world = makeFixtureWorld({ githubItems: 40, gitlabItems: 20 });
});

afterEach(async () => {
  await Promise.all(started.splice(0).map((e) => e.close()));
});

afterAll(() => {
  rmSync(world.dir, { recursive: true, force: true });
});

async function start(opts: EmulatorOptions = {}): Promise<Emulator> {
  const e = await startEmulator(world, opts);
  started.push(e);
  return e;
}

const gh = { authorization: `token ${GITHUB_TOKENS[0]}` };
const gl = { 'private-token': GITLAB_TOKENS[0] };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('conditional requests', () => {
  it('GitHub: same body → same strong ETag; If-None-Match → 304, empty body, no budget spent', async () => {
    const e = await start();
    const url = `${e.url}/github/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=100`;
    const a = await fetch(url, { headers: gh });
    const etag = a.headers.get('etag') as string;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(a.headers.get('x-ratelimit-remaining')).toBe('4999');
    await a.arrayBuffer();
    const b = await fetch(url, { headers: { ...gh, 'if-none-match': etag } });
    expect(b.status).toBe(304);
    expect(await b.text()).toBe('');
    expect(b.headers.get('etag')).toBe(etag);
    expect(b.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(b.headers.get('x-ratelimit-used')).toBe('1');
    const other = await fetch(`${e.url}/github/repos/stadt-ulm/terminbuchung/issues?state=open&per_page=100`, {
      headers: { ...gh, 'if-none-match': etag }
    });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
    expect(e.stats()).toMatchObject({ requests: 3, notModified: 1, rateLimited: 2 });
  });

  it('GitHub: a 304 without a token still spends the (anonymous) budget', async () => {
    const e = await start();
    const url = `${e.url}/github/repos/stadt-ulm/terminbuchung`;
    const a = await fetch(url);
    expect(a.headers.get('x-ratelimit-limit')).toBe('60');
    const etag = a.headers.get('etag') as string;
    await a.arrayBuffer();
    const b = await fetch(url, { headers: { 'if-none-match': etag } });
    expect(b.status).toBe(304);
    expect(b.headers.get('x-ratelimit-remaining')).toBe('58');
    expect(e.stats()).toMatchObject({ notModified: 1, rateLimited: 2, byToken: { anonymous: 2 } });
  });

  it('GitLab: no ETag (none documented for REST); where one is sent, its 304 still spends budget', async () => {
    const plain = await start();
    const url = (e: Emulator) => `${e.url}/gitlab/api/v4/projects/2000/issues?per_page=100`;
    const none = await fetch(url(plain), { headers: gl });
    await none.arrayBuffer();
    expect(none.headers.get('etag')).toBeNull();

    const e = await start({ gitlabEtags: true });
    const a = await fetch(url(e), { headers: gl });
    const etag = a.headers.get('etag') as string;
    await a.arrayBuffer();
    const b = await fetch(url(e), { headers: { ...gl, 'if-none-match': `W/${etag}` } });
    expect(b.status).toBe(304);
    expect(b.headers.get('ratelimit-limit')).toBe('100000');
    expect(b.headers.get('ratelimit-remaining')).toBe('99998');
    expect(b.headers.get('ratelimit-observed')).toBe('2');
  });

  it('GitLab: an application limit answers 429 without Retry-After until its window ends', async () => {
    const e = await start({ gitlabApplicationLimits: { 'GET /projects/:id': 2 }, applicationLimitWindowMs: 1000 });
    // Start at the beginning of a window, so that three requests fall into one.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(`${e.url}/gitlab/api/v4/projects/2000`, { headers: gl });
      await r.arrayBuffer();
      statuses.push(r.status);
      if (r.status === 429) expect(r.headers.get('retry-after')).toBeNull();
    }
    expect(statuses).toEqual([200, 200, 429]);
    await new Promise((r) => setTimeout(r, 1000));
    const after = await fetch(`${e.url}/gitlab/api/v4/projects/2000`, { headers: gl });
    await after.arrayBuffer();
    expect(after.status).toBe(200);
  });
});

describe('rate limits', () => {
  it('GitHub: the budget decrements per token and answers 403 with remaining 0 when exhausted, until reset', async () => {
    const e = await start({ rateLimitPerHour: 3, rateLimitWindowMs: 1500 });
    const url = `${e.url}/github/repos/stadt-ulm/terminbuchung`;
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(url, { headers: gh });
      await r.arrayBuffer();
      remaining.push(r.headers.get('x-ratelimit-remaining') as string);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const denied = await fetch(url, { headers: gh });
    expect(denied.status).toBe(403);
    expect(denied.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(denied.headers.get('x-ratelimit-reset'));
    expect(reset * 1000).toBeGreaterThan(Date.now());
    expect(((await denied.json()) as { message: string }).message).toMatch(/^API rate limit exceeded for /);
    // Another token has its own budget; /rate_limit costs nothing.
    const other = await fetch(url, { headers: { authorization: `token ${GITHUB_TOKENS[1]}` } });
    expect(other.status).toBe(200);
    await other.arrayBuffer();
    const rl = (await (await fetch(`${e.url}/github/rate_limit`, { headers: gh })).json()) as {
      resources: { core: { remaining: number; limit: number } };
    };
    expect(rl.resources.core).toMatchObject({ remaining: 0, limit: 3 });
    expect(e.stats().rateLimited).toBe(4);
    await sleep(Math.max(0, reset * 1000 - Date.now()) + 50);
    const again = await fetch(url, { headers: gh });
    expect(again.status).toBe(200);
    expect(again.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('GitHub: primaryLimitStatus 429 answers 429 instead', async () => {
    const e = await start({ rateLimitPerHour: 1, primaryLimitStatus: 429 });
    const url = `${e.url}/github/repos/stadt-ulm/terminbuchung`;
    await (await fetch(url, { headers: gh })).arrayBuffer();
    expect((await fetch(url, { headers: gh })).status).toBe(429);
  });

  it('GitLab: RateLimit-* headers and 429 with Retry-After when exhausted', async () => {
    const e = await start({ rateLimitPerHour: 2, rateLimitWindowMs: 3000 });
    const url = `${e.url}/gitlab/api/v4/projects/2000`;
    const a = await fetch(url, { headers: gl });
    await a.arrayBuffer();
    expect(a.headers.get('ratelimit-limit')).toBe('2');
    expect(a.headers.get('ratelimit-remaining')).toBe('1');
    expect(Number(a.headers.get('ratelimit-reset')) * 1000).toBeGreaterThan(Date.now());
    await (await fetch(url, { headers: gl })).arrayBuffer();
    const denied = await fetch(url, { headers: gl });
    expect(denied.status).toBe(429);
    expect(Number(denied.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(denied.headers.get('retry-after'))).toBeLessThanOrEqual(3);
    expect(denied.headers.get('ratelimit-remaining')).toBe('0');
  });

  it('secondary limits: every N-th request 403 (GitHub) / 429 (GitLab) with Retry-After: 1', async () => {
    const e = await start({ faults: { seed: 1, secondaryLimitEvery: 2 } });
    const first = await fetch(`${e.url}/github/repos/stadt-ulm/terminbuchung`, { headers: gh });
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const second = await fetch(`${e.url}/github/repos/stadt-ulm/terminbuchung`, { headers: gh });
    expect(second.status).toBe(403);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(((await second.json()) as { message: string }).message).toMatch(/You have exceeded a secondary rate limit/);
    await (await fetch(`${e.url}/gitlab/api/v4/projects/2000`, { headers: gl })).arrayBuffer();
    const fourth = await fetch(`${e.url}/gitlab/api/v4/projects/2000`, { headers: gl });
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toBe('1');
    expect(e.faultLog().map((f) => [f.n, f.fault])).toEqual([
      [2, 'secondary-limit'],
      [4, 'secondary-limit']
    ]);
  });

  it('Octokit with plugin-throttling gets through secondary limits and an exhausted budget', async () => {
    const e = await start({ faults: { seed: 'x', secondaryLimitEvery: 4, exhaustAfter: 3, exhaustResetMs: 1500 } });
    const Throttled = Octokit.plugin(throttling);
    const events: string[] = [];
    const octokit = new Throttled({
      baseUrl: `${e.url}/github`,
      auth: GITHUB_TOKENS[0],
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      throttle: {
        onRateLimit: () => (events.push('rate'), true),
        onSecondaryRateLimit: () => (events.push('secondary'), true)
      }
    });
    const items = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: 'stadt-ulm',
      repo: 'terminbuchung',
      state: 'all',
      per_page: 8
    });
    expect(items).toHaveLength(40);
    expect(events).toContain('secondary');
    expect(events).toContain('rate');
  }, 30_000);

  it('exhaustAfter: the budget runs out after N requests and comes back after exhaustResetMs', async () => {
    const e = await start({ faults: { exhaustAfter: 2, exhaustResetMs: 800 } });
    const url = `${e.url}/github/repos/stadt-ulm/terminbuchung`;
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await fetch(url, { headers: gh });
      await r.arrayBuffer();
      statuses.push(r.status);
    }
    expect(statuses).toEqual([200, 200, 403]);
    await sleep(1100);
    expect((await fetch(url, { headers: gh })).status).toBe(200);
  });
});

describe('faults', () => {
  type Outcome = string;
  async function run(e: Emulator, count: number): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (let i = 0; i < count; i++) {
      try {
        const r = await fetch(`${e.url}/github/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=${(i % 5) + 1}`, { headers: gh });
        const text = await r.text();
        JSON.parse(text);
        out.push(String(r.status));
      } catch {
        out.push('error');
      }
    }
    return out;
  }

  it('are reproducible from the seed', async () => {
    const faults = { seed: 'abc', serverErrorRate: 0.2, dropRate: 0.1, truncateRate: 0.1 };
    const e = await start({ faults });
    const first = await run(e, 40);
    const log1 = e.faultLog();
    expect(first).toContain('error');
    expect(first.some((s) => s.startsWith('5'))).toBe(true);
    expect(first.filter((s) => s === '200').length).toBeGreaterThan(10);
    e.reset();
    const second = await run(e, 40);
    expect(second).toEqual(first);
    expect(e.faultLog()).toEqual(log1);
    const other = await start({ faults });
    expect(await run(other, 40)).toEqual(first);
    e.setFaults({ ...faults, seed: 'xyz' });
    expect(await run(e, 40)).not.toEqual(first);
    e.setFaults(null);
    expect(new Set(await run(e, 10))).toEqual(new Set(['200']));
  });

  it('slow responses wait slowMs; faults can be set over HTTP', async () => {
    const e = await start();
    const set = await fetch(`${e.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ seed: 1, slowRate: 1, slowMs: 300 }) });
    expect(set.status).toBe(200);
    const t0 = Date.now();
    const r = await fetch(`${e.url}/github/repos/stadt-ulm/terminbuchung`, { headers: gh });
    expect(r.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(e.faultLog()[0].fault).toBe('slow');
  });
});

describe('stats and control endpoints', () => {
  it('counts every forge request per endpoint template and token, never /_emulator/*', async () => {
    const e = await start();
    await (await fetch(`${e.url}/github/repos/stadt-ulm/terminbuchung/issues?per_page=5`, { headers: gh })).arrayBuffer();
    await (await fetch(`${e.url}/github/repositories/1000/issues?per_page=5&page=2`, { headers: gh })).arrayBuffer();
    await (await fetch(`${e.url}/github/repos/stadt-ulm/terminbuchung/issues/comments`)).arrayBuffer();
    await (await fetch(`${e.url}/gitlab/api/v4/projects/ulm%2Fterminbuchung/issues`, { headers: gl })).arrayBuffer();
    await (await fetch(`${e.url}/gitlab/api/v4/projects/2000/issues/1/notes`, { headers: gl })).arrayBuffer();
    await (await fetch(`${e.url}/github/nothing/here`, { headers: gh })).arrayBuffer();
    const stats = (await (await fetch(`${e.url}/_emulator/stats`)).json()) as Record<string, unknown>;
    expect(stats).toEqual({
      repositories: 8,
      requests: 6,
      notModified: 0,
      rateLimited: 6,
      byEndpoint: {
        'GET /repos/{owner}/{repo}/issues': 2,
        'GET /repos/{owner}/{repo}/issues/comments': 1,
        'GET /projects/:id/issues': 1,
        'GET /projects/:id/issues/:iid/notes': 1,
        'GET (unmatched)': 1
      },
      byToken: { [GITHUB_TOKENS[0]]: 3, anonymous: 1, [GITLAB_TOKENS[0]]: 2 }
    });
    expect(Object.keys(stats).sort()).toEqual(['byEndpoint', 'byToken', 'notModified', 'rateLimited', 'repositories', 'requests']);
    const reset = await fetch(`${e.url}/_emulator/reset-stats`, { method: 'POST' });
    expect(((await reset.json()) as { requests: number }).requests).toBe(0);
    expect(e.stats().requests).toBe(0);
  });

  it('POST /_emulator/advance answers 400 for bad input and an error for a world advanceWorld cannot move', async () => {
    const e = await start();
    const bad = await fetch(`${e.url}/_emulator/advance`, { method: 'POST', body: JSON.stringify({ days: 'x' }) });
    expect(bad.status).toBe(400);
    // The hand-made fixture world has no generator state: advanceWorld fails (500), or is missing (501).
    const res = await fetch(`${e.url}/_emulator/advance`, { method: 'POST', body: JSON.stringify({ days: 1 }) });
    expect([500, 501]).toContain(res.status);
    expect(((await res.json()) as { message: string }).message.length).toBeGreaterThan(0);
  });
});
