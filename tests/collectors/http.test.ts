/**
 * The shared HTTP layer without the emulator: retry timing (Retry-After, reset headers, backoff),
 * scrubbing, cursors' day rounding, Link parsing; and both clients honouring a secondary limit's
 * Retry-After against a tiny local server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spdxFromForge } from '../../jobs/collectors/forge-licence';
import { rateLimitWaitMs } from '../../jobs/collectors/http/rate-limits';
import { HttpStatusError, withRetry } from '../../jobs/collectors/http/retry';
import { floorDay } from '../../jobs/collectors/http/time';
import { scrub } from '../../jobs/collectors/http/tokens';
import { createForgeFetch, nextLink } from '../../jobs/collectors/http/transport';
import { createOctokit } from '../../jobs/collectors/github';
import { createGitlabClient } from '../../jobs/collectors/gitlab';
import { parseCatalog, type ResolvedForge } from '../../src/lib/catalog/load';

describe('helpers', () => {
  it('rounds cursors down to the UTC day', () => {
    expect(floorDay('2024-05-01T23:59:59Z')).toBe('2024-05-01T00:00:00Z');
    expect(floorDay('2024-05-02T00:30:00+02:00')).toBe('2024-05-01T00:00:00Z');
    expect(floorDay('2024-05-01T10:00:00.123Z')).toBe('2024-05-01T00:00:00Z');
  });

  it('finds the next page in a Link header', () => {
    expect(nextLink('<https://x/a?page=2>; rel="next", <https://x/a?page=9>; rel="last"')).toBe('https://x/a?page=2');
    expect(nextLink('<https://x/a?page=1>; rel="prev", <https://x/a?page=1>; rel="first"')).toBeNull();
    expect(nextLink(undefined)).toBeNull();
  });

  it('scrubs tokens and credential headers', () => {
    const t = 'glpat-very-secret';
    expect(scrub(`failed with private-token: ${t} and ${t}`, [t])).not.toContain(t);
    expect(scrub('{"authorization":"token abc123def"}')).not.toContain('abc123def');
    expect(scrub('GET /x?access_token=abc123def&page=2')).not.toContain('abc123def');
  });

  it('maps forge licence keys to SPDX ids', () => {
    expect(spdxFromForge('eupl-1.2')).toBe('EUPL-1.2');
    expect(spdxFromForge('NOASSERTION')).toBeNull();
    expect(spdxFromForge('apache-2.0')).toBe('Apache-2.0');
  });

  it('reads the wait of a rate-limit answer from Retry-After or the reset time', () => {
    expect(rateLimitWaitMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.now();
    expect(rateLimitWaitMs(new Headers({ 'ratelimit-reset': String(Math.floor(now / 1000) + 10) }), now)).toBeGreaterThan(8000);
    expect(rateLimitWaitMs(new Headers())).toBeNull();
  });
});

describe('withRetry', () => {
  it('honours Retry-After on 429', async () => {
    const answers = [new Response('', { status: 429, headers: { 'retry-after': '1' } }), new Response('ok', { status: 200 })];
    const t = Date.now();
    const res = await withRetry(async () => answers.shift()!, { baseMs: 1 });
    expect(res.status).toBe(200);
    expect(Date.now() - t).toBeGreaterThanOrEqual(950);
  });

  it('waits for RateLimit-Reset when a 429 has no Retry-After', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 1;
    const answers = [
      new Response('', { status: 429, headers: { 'ratelimit-reset': String(reset), 'ratelimit-remaining': '0' } }),
      new Response('ok')
    ];
    const res = await withRetry(async () => answers.shift()!, { baseMs: 1 });
    expect(res.status).toBe(200);
    expect(Date.now()).toBeGreaterThanOrEqual(reset * 1000);
  });

  it('backs off on 5xx and dropped connections, with bounded attempts', async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed');
      if (calls === 2) return new Response('', { status: 502 });
      return new Response('ok');
    };
    expect((await withRetry(flaky, { baseMs: 1 })).status).toBe(200);
    expect(calls).toBe(3);
    let always = 0;
    await expect(
      withRetry(
        async () => {
          always++;
          return new Response('', { status: 503 });
        },
        { baseMs: 1, attempts: 4 }
      )
    ).rejects.toBeInstanceOf(HttpStatusError);
    expect(always).toBe(4);
  });

  it('gives up at once on a reset too far away', async () => {
    const res = () => new Response('', { status: 429, headers: { 'retry-after': '7200' } });
    await expect(withRetry(async () => res(), { maxWaitMs: 60_000 })).rejects.toThrow(/zu lang/);
  });
});

describe('clients against a server with a secondary limit', () => {
  let server: http.Server;
  let base = '';
  const hits: number[] = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.push(Date.now());
      if (hits.length % 2 === 1) {
        const gitlab = req.url?.startsWith('/gitlab');
        res.writeHead(gitlab ? 429 : 403, { 'content-type': 'application/json', 'retry-after': '1', 'x-ratelimit-remaining': '4000' });
        res.end(JSON.stringify({ message: gitlab ? 'Retry later' : 'You have exceeded a secondary rate limit.' }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json', etag: '"e1"' });
      res.end(JSON.stringify({ id: 1, full_name: 'a/b', path_with_namespace: 'a/b' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const forge = (type: 'github' | 'gitlab', api: string): ResolvedForge => ({
    id: `t-${type}`,
    type,
    api,
    clone: null,
    tokenEnv: null,
    concurrency: 2,
    requestsPerMinute: null
  });

  it('Octokit waits for Retry-After before retrying', async () => {
    hits.length = 0;
    const counters = { requests: 0, notModified: 0, items: 0 };
    const f = forge('github', `${base}/github`);
    const octokit = createOctokit(f, createForgeFetch({ forge: f, counters }), () => {});
    const res = await octokit.request('GET /repos/{owner}/{repo}', { owner: 'a', repo: 'b' });
    expect(res.status).toBe(200);
    expect(hits.length).toBe(2);
    expect(hits[1] - hits[0]).toBeGreaterThanOrEqual(950);
    expect(counters.requests).toBe(2);
  });

  it('the GitLab client waits for Retry-After before retrying', async () => {
    hits.length = 0;
    const counters = { requests: 0, notModified: 0, items: 0 };
    const f = forge('gitlab', `${base}/gitlab/api/v4`);
    const api = createGitlabClient(f, createForgeFetch({ forge: f, counters }), () => {}, { retryBaseMs: 1 });
    const project = (await api.Projects.show('a/b')) as unknown as { id: number };
    expect(project.id).toBe(1);
    expect(hits.length).toBe(2);
    expect(hits[1] - hits[0]).toBeGreaterThanOrEqual(950);
  });

  it('paces requests per token: at most requestsPerMinute in any window', async () => {
    const sent: number[] = [];
    const counters = { requests: 0, notModified: 0, items: 0 };
    const f = { ...forge('github', `${base}/paced`), id: 'paced', requestsPerMinute: 3 };
    const fetch = createForgeFetch({
      forge: f,
      counters,
      paceWindowMs: 400,
      fetch: async () => {
        sent.push(Date.now());
        return new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } });
      }
    });
    const started = Date.now();
    await Promise.all(Array.from({ length: 7 }, () => fetch(`${base}/paced/x`)));
    expect(sent).toHaveLength(7);
    // 7 requests, 3 per 400 ms: the 4th waits one window, the 7th two.
    expect(Date.now() - started).toBeGreaterThanOrEqual(790);
    for (let i = 3; i < sent.length; i++) expect(sent[i] - sent[i - 3]).toBeGreaterThanOrEqual(395);
  });

  it('paces api.github.com at 900 requests a minute unless the catalog says otherwise', () => {
    const catalog = parseCatalog('forges:\n  - { id: ghe, type: github, api: "https://github.example.org/api/v3" }\n');
    expect(catalog.forgeById.get('github')?.requestsPerMinute).toBe(900);
    expect(catalog.forgeById.get('ghe')?.requestsPerMinute).toBeNull();
    expect(catalog.forgeById.get('opencode')?.requestsPerMinute).toBeNull();
  });
});
