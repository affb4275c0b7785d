/**
 * The emulator's GitHub answers against GitHub's own OpenAPI description (tests/emulator/openapi/
 * github-subset.json, extracted from @octokit/openapi by openapi/extract.ts): every endpoint the
 * collectors and discovery call, over the hand-made fixture world and a generated tiny world, with
 * pagination, `since`, a renamed repository's 301, 404s, a 304 and an exhausted rate limit. Every
 * body must validate; the headers GitHub documents (Link, x-ratelimit-*) and the ETag protocol are
 * checked too. As a control, real GitHub answers recorded in @octokit/fixtures must validate as well.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../world/model';
import { GITHUB_TOKENS, makeFixtureWorld } from './fixture';
import { OPERATIONS } from './openapi/extract';
import { correctedSchemas, createValidator, KNOWN_INACCURACIES, loadSubset, toJsonSchema } from './openapi/schema';
import { startEmulator, type Emulator } from './server';

const subset = loadSubset();
const validator = createValidator(subset);

const REPO = 'GET /repos/{owner}/{repo}';
const ISSUES = 'GET /repos/{owner}/{repo}/issues';
const ISSUE_COMMENTS = 'GET /repos/{owner}/{repo}/issues/comments';
const ISSUE_EVENTS = 'GET /repos/{owner}/{repo}/issues/events';
const PULLS = 'GET /repos/{owner}/{repo}/pulls';
const REVIEW_COMMENTS = 'GET /repos/{owner}/{repo}/pulls/comments';
const REVIEWS = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews';
const RELEASES = 'GET /repos/{owner}/{repo}/releases';
const FORKS = 'GET /repos/{owner}/{repo}/forks';
const ORG_REPOS = 'GET /orgs/{org}/repos';
const USER_REPOS = 'GET /users/{username}/repos';
const RATE_LIMIT = 'GET /rate_limit';
const BRANCH = 'GET /repos/{owner}/{repo}/branches/{branch}';
const BRANCH_RULES = 'GET /repos/{owner}/{repo}/rules/branches/{branch}';

/** Operation → statuses whose answers were validated (the last test checks that nothing was left out). */
const covered = new Map<string, Set<number>>();

interface Call {
  res: Response;
  body: unknown;
}

const auth = { authorization: `token ${GITHUB_TOKENS[0]}` };

/**
 * Link header as GitHub writes it (docs.github.com "Using pagination in the REST API"): `<url>; rel="next", …`
 * with rels from prev/next/last/first; each URL names a `page`, or for cursor-paginated lists an
 * `after`/`before` cursor (those need not name a last page).
 */
function parseLink(header: string, apiBase: string): Record<string, URL> {
  const rels: Record<string, URL> = {};
  for (const part of header.split(', ')) {
    const m = /^<([^>]+)>; rel="(prev|next|last|first)"$/.exec(part);
    expect(m, `Link part ${JSON.stringify(part)}`).not.toBeNull();
    const url = new URL(m![1]);
    expect(url.href.startsWith(`${apiBase}/`), `Link ${url.href} is below ${apiBase}`).toBe(true);
    const cursor = url.searchParams.get('after') ?? url.searchParams.get('before');
    if (cursor === null) expect(url.searchParams.get('page') ?? '', `Link ${url.href} names its page`).toMatch(/^[1-9]\d*$/);
    else expect(url.searchParams.has('page'), `Link ${url.href}: a cursor or a page, not both`).toBe(false);
    expect(rels[m![2]], `rel="${m![2]}" once`).toBeUndefined();
    rels[m![2]] = url;
  }
  return rels;
}

/** What GitHub documents for every REST answer (docs.github.com "Rate limits for the REST API", "Conditional requests"). */
function checkCommonHeaders(label: string, res: Response, authenticated: boolean): void {
  const h = res.headers;
  if (res.status !== 304) expect(h.get('content-type'), label).toBe('application/json; charset=utf-8');
  if (res.status === 200) expect(h.get('etag'), `${label}: ETag`).toMatch(/^(W\/)?"[^"]+"$/);
  for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-used', 'x-ratelimit-reset']) {
    expect(h.get(name), `${label}: ${name}`).toMatch(/^\d+$/);
  }
  expect(h.get('x-ratelimit-resource'), `${label}: x-ratelimit-resource`).toBe('core');
  const [limit, remaining, used, reset] = ['limit', 'remaining', 'used', 'reset'].map((n) => Number(h.get(`x-ratelimit-${n}`)));
  expect(remaining, `${label}: remaining = limit - used`).toBe(Math.max(0, limit - used));
  expect(reset * 1000, `${label}: x-ratelimit-reset is a future epoch second`).toBeGreaterThan(Date.now() - 1000);
  if (!authenticated) expect(limit, `${label}: unauthenticated limit`).toBe(60);
}

function makeClient(base: () => string) {
  async function call(operation: string, path: string, opts: { status?: number; headers?: Record<string, string> } = {}): Promise<Call> {
    const status = opts.status ?? 200;
    const headers = opts.headers ?? auth;
    const res = await fetch(`${base()}${path}`, { headers, redirect: 'manual' });
    const label = `${operation} ← GET ${path}`;
    const text = await res.text();
    expect(res.status, `${label}: ${text.slice(0, 200)}`).toBe(status);
    const body: unknown = status === 304 ? text : JSON.parse(text);
    if (status === 304) expect(text, `${label}: a 304 has no body`).toBe('');
    expect(validator.documented(operation, status), `${label}: GitHub documents status ${status}`).toBeDefined();
    const errors = validator.body(operation, status, body);
    expect(errors, `${label}: body against the OpenAPI description`).toEqual([]);
    expect(validator.headers(operation, status, res.headers), `${label}: documented headers`).toEqual([]);
    checkCommonHeaders(label, res, 'authorization' in headers);
    const link = res.headers.get('link');
    if (link) {
      expect(validator.documented(operation, status)?.headers?.link, `${label}: GitHub documents Link here`).toBeDefined();
      parseLink(link, base());
    }
    if (!covered.has(operation)) covered.set(operation, new Set());
    covered.get(operation)!.add(status);
    return { res, body };
  }

  /** Every page of a list, following rel="next" as Octokit does; checks the Link header of each page. */
  async function walk<T = Record<string, unknown>>(operation: string, first: string, headers: Record<string, string> = auth): Promise<T[]> {
    const all: T[] = [];
    let path: string | null = first;
    let pages = 0;
    let lastPage: number | null = null;
    while (path) {
      const { res, body } = await call(operation, path, { headers });
      expect(Array.isArray(body), `${operation} ← ${path}: a list`).toBe(true);
      all.push(...(body as T[]));
      pages++;
      const link = res.headers.get('link');
      const rels = link ? parseLink(link, base()) : {};
      const cursors = rels.next?.searchParams.has('after') || rels.prev?.searchParams.has('before');
      if (rels.next && !cursors) {
        expect(rels.last, `${path}: rel="last" with rel="next"`).toBeDefined();
        lastPage ??= Number(rels.last.searchParams.get('page'));
      }
      if (pages > 1) expect(rels.prev, `${path}: rel="prev" after the first page`).toBeDefined();
      if (pages > 1 && !cursors) expect(rels.first, `${path}: rel="first" after page 1`).toBeDefined();
      path = rels.next ? rels.next.href.slice(base().length) : null;
      expect(pages, 'pagination ends').toBeLessThan(1000);
    }
    if (lastPage !== null) expect(pages, `${first}: rel="last" named the last page`).toBe(lastPage);
    return all;
  }

  return { call, walk };
}

describe('GitHub answers of the emulator against the OpenAPI description (fixture world)', () => {
  let world: World;
  let emu: Emulator;
  const { call, walk } = makeClient(() => `${emu.url}/github`);

  beforeAll(async () => {
    world = makeFixtureWorld();
    emu = await startEmulator(world);
  });

  afterAll(async () => {
    await emu?.close();
    if (world) rmSync(world.dir, { recursive: true, force: true });
  });

  it('GET /repos/{owner}/{repo}: organisation repository, fork (parent, source), empty archived one, by id, anonymous', async () => {
    const repo = (await call(REPO, '/repos/stadt-ulm/terminbuchung')).body as Record<string, unknown>;
    expect(repo.organization).toBeDefined();
    const fork = (await call(REPO, '/repos/stadt-dortmund/terminbuchung')).body as Record<string, { full_name?: string }>;
    expect(fork.parent?.full_name).toBe('stadt-ulm/terminbuchung');
    expect(fork.source?.full_name).toBe('stadt-ulm/terminbuchung');
    await call(REPO, '/repos/stadt-ulm/leer');
    // /repositories/{id} is not in the description; GitHub answers it with the same full-repository.
    await call(REPO, '/repositories/1000');
    await call(REPO, '/repos/stadt-ulm/terminbuchung', { headers: {} });
  });

  it('a renamed repository answers 301 with a documented body (repository and its issues)', async () => {
    const moved = await call(REPO, '/repos/stadt-ulm/termine', { status: 301 });
    expect(moved.res.headers.get('location')).toBe(`${emu.url}/github/repositories/1000`);
    const issues = await call(ISSUES, '/repos/stadt-ulm/termine/issues?state=all&per_page=100', { status: 301 });
    expect(issues.res.headers.get('location')).toBe(`${emu.url}/github/repositories/1000/issues?state=all&per_page=100`);
  });

  it('404 bodies for private and unknown repositories', async () => {
    await call(REPO, '/repos/stadt-ulm/geheim', { status: 404 });
    await call(REPO, '/repos/niemand/nichts', { status: 404 });
    await call(REPO, '/repositories/999999', { status: 404 });
    await call(ISSUES, '/repos/niemand/nichts/issues?state=all', { status: 404 });
    await call(ISSUE_COMMENTS, '/repos/niemand/nichts/issues/comments', { status: 404 });
    await call(RELEASES, '/repos/stadt-ulm/geheim/releases', { status: 404 });
  });

  it('an exhausted rate limit answers a documented 403 body', async () => {
    const limited = await startEmulator(world, { faults: { exhaustAfter: 0, exhaustResetMs: 60_000 } });
    try {
      const res = await fetch(`${limited.url}/github/repos/stadt-ulm/terminbuchung`, { headers: auth });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(validator.body(REPO, 403, await res.json())).toEqual([]);
      covered.get(REPO)?.add(403);
    } finally {
      await limited.close();
    }
  });

  it('GET …/issues: state=all in pages of 10, the default page, since, sort=updated&direction=asc like the collector', async () => {
    const items = await walk(ISSUES, '/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=10');
    expect(items).toHaveLength(75);
    expect(items.some((i) => i.pull_request)).toBe(true);
    await call(ISSUES, '/repos/stadt-ulm/terminbuchung/issues');
    const since = await walk(
      ISSUES,
      '/repos/stadt-ulm/terminbuchung/issues?state=all&sort=updated&direction=asc&per_page=100&since=2024-01-03T00%3A00%3A00Z'
    );
    expect(since.length).toBeGreaterThan(0);
    expect(since.length).toBeLessThan(75);
    await walk(ISSUES, '/repositories/1000/issues?state=closed&per_page=7', {});
    // Issues disabled: only pull requests are listed (GitHub answers 410, which the description does not list).
    await walk(ISSUES, '/repos/stadt-ulm/leer/issues?state=all&per_page=100');
  });

  it('GET …/issues/comments, …/pulls, …/pulls/comments, …/pulls/{n}/reviews with per_page and since', async () => {
    const r = '/repos/stadt-ulm/terminbuchung';
    const comments = await walk(ISSUE_COMMENTS, `${r}/issues/comments?per_page=20`);
    expect(comments.length).toBeGreaterThan(20);
    await walk(ISSUE_COMMENTS, `${r}/issues/comments?sort=updated&direction=asc&per_page=100&since=2024-01-02T00%3A00%3A00Z`);
    const pulls = await walk(PULLS, `${r}/pulls?state=all&sort=updated&direction=desc&per_page=10`);
    expect(pulls).toHaveLength(25);
    await call(PULLS, `${r}/pulls`);
    await walk(REVIEW_COMMENTS, `${r}/pulls/comments?sort=updated&direction=asc&per_page=10`);
    await walk(REVIEW_COMMENTS, `${r}/pulls/comments?sort=updated&direction=asc&per_page=100&since=2024-01-02T00%3A00%3A00Z`);
    for (const pull of pulls) await walk(REVIEWS, `${r}/pulls/${pull.number as number}/reviews?per_page=100`);
  });

  it('GET …/releases, …/forks, /orgs/{org}/repos, /users/{username}/repos (pages of one)', async () => {
    const releases = await walk(RELEASES, '/repos/stadt-ulm/terminbuchung/releases?per_page=1');
    expect(releases).toHaveLength(2);
    await call(RELEASES, '/repos/stadt-ulm/leer/releases?per_page=100');
    const forks = await walk(FORKS, '/repos/stadt-ulm/terminbuchung/forks?sort=oldest&per_page=100');
    expect(forks).toHaveLength(1);
    await call(FORKS, '/repos/stadt-ulm/leer/forks?sort=oldest&per_page=100');
    const org = await walk(ORG_REPOS, '/orgs/stadt-ulm/repos?type=all&per_page=1');
    expect(org.map((x) => x.full_name).sort()).toEqual(['stadt-ulm/leer', 'stadt-ulm/terminbuchung']);
    await walk(ORG_REPOS, '/orgs/stadt-dortmund/repos?type=all&per_page=100', {});
    await walk(USER_REPOS, '/users/stadt-ulm/repos?type=owner&per_page=1');
    await walk(USER_REPOS, '/users/alice/repos?type=owner&per_page=100');
  });

  it('GET …/branches/{branch} and …/rules/branches/{branch}: classic protection, a ruleset, none, an unknown branch', async () => {
    const ruleset = (await call(BRANCH, '/repos/stadt-ulm/terminbuchung/branches/main')).body as { protected: boolean };
    expect(ruleset.protected).toBe(false);
    const rules = (await call(BRANCH_RULES, '/repos/stadt-ulm/terminbuchung/rules/branches/main')).body as { type: string }[];
    expect(rules.map((r) => r.type)).toEqual(['deletion', 'non_fast_forward']);
    const classic = (await call(BRANCH, '/repos/stadt-dortmund/terminbuchung/branches/main')).body as { protected: boolean };
    expect(classic.protected).toBe(true);
    expect((await call(BRANCH_RULES, '/repos/stadt-dortmund/terminbuchung/rules/branches/main')).body).toEqual([]);
    await call(BRANCH, '/repos/stadt-ulm/terminbuchung/branches/gibt-es-nicht', { status: 404 });
    await call(BRANCH, '/repos/stadt-ulm/geheim/branches/main', { status: 404 });
    // Anonymous readers see both (public repositories).
    await call(BRANCH, '/repos/stadt-ulm/terminbuchung/branches/main', { headers: {} });
    await call(BRANCH_RULES, '/repos/stadt-ulm/terminbuchung/rules/branches/main', { headers: {} });
  });

  it('GET /rate_limit: body and its x-ratelimit-* headers', async () => {
    const { res, body } = await call(RATE_LIMIT, '/rate_limit');
    const rate = (body as { rate: { limit: number; remaining: number } }).rate;
    expect(Number(res.headers.get('x-ratelimit-limit'))).toBe(rate.limit);
    await call(RATE_LIMIT, '/rate_limit', { headers: {} });
  });

  it('If-None-Match: 304 without body and with the same ETag (pulls and rate_limit document it)', async () => {
    for (const [operation, path] of [
      [PULLS, '/repos/stadt-ulm/terminbuchung/pulls?state=all&per_page=100'],
      [ISSUES, '/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=100'],
      [REPO, '/repos/stadt-ulm/terminbuchung']
    ] as const) {
      const first = await fetch(`${emu.url}/github${path}`, { headers: auth });
      const etag = first.headers.get('etag')!;
      await first.arrayBuffer();
      const res = await fetch(`${emu.url}/github${path}`, { headers: { ...auth, 'if-none-match': etag } });
      expect(res.status, path).toBe(304);
      expect(await res.text(), path).toBe('');
      expect(res.headers.get('etag'), path).toBe(etag);
      if (validator.documented(operation, 304)) await call(operation, path, { status: 304, headers: { ...auth, 'if-none-match': etag } });
    }
  });

  it('422 bodies for a refused page (an invalid cursor, as GitHub answers it)', async () => {
    const path = '/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=10&after=kein-cursor';
    await call(ISSUES, path, { status: 422 });
    await call(ISSUE_COMMENTS, '/repos/stadt-ulm/terminbuchung/issues/comments?per_page=10&after=kein-cursor', { status: 422 });
  });

  it('GET …/issues/events', async () => {
    await walk(ISSUE_EVENTS, '/repos/stadt-ulm/terminbuchung/issues/events?per_page=10');
    await walk(ISSUE_EVENTS, '/repositories/1000/issues/events?per_page=100');
  });
});

describe('GitHub answers of the emulator against the OpenAPI description (generated tiny world)', () => {
  let world: World;
  let emu: Emulator;
  let tmp: string;
  const { call, walk } = makeClient(() => `${emu.url}/github`);

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'allmende-openapi-'));
    const { generateWorld } = await import('../world/generate');
    world = await generateWorld({ seed: 'openapi', size: 'tiny', dir: join(tmp, 'world') });
    emu = await startEmulator(world);
  });

  afterAll(async () => {
    await emu?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('every public repository: metadata and every list the collector reads, all pages', async () => {
    const token = { authorization: `token ${world.github.tokens[0]}` };
    const events = await fetch(`${emu.url}/github/repos/${world.github.repositories[0].path}/issues/events`, { headers: token });
    await events.arrayBuffer();
    for (const repo of world.github.repositories) {
      const r = `/repos/${repo.path}`;
      if (repo.visibility !== 'public') {
        await call(REPO, r, { status: 404, headers: token });
        continue;
      }
      await call(REPO, r, { headers: token });
      for (const old of repo.previousPaths) await call(REPO, `/repos/${old}`, { status: 301, headers: token });
      await walk(ISSUES, `${r}/issues?state=all&sort=updated&direction=asc&per_page=100`, token);
      await walk(ISSUE_COMMENTS, `${r}/issues/comments?sort=updated&direction=asc&per_page=100`, token);
      if (events.status !== 404) await walk(ISSUE_EVENTS, `${r}/issues/events?per_page=100`, token);
      const pulls = await walk(PULLS, `${r}/pulls?state=all&sort=updated&direction=desc&per_page=100`, token);
      await walk(REVIEW_COMMENTS, `${r}/pulls/comments?sort=updated&direction=asc&per_page=100`, token);
      for (const pull of pulls) await walk(REVIEWS, `${r}/pulls/${pull.number as number}/reviews?per_page=100`, token);
      await walk(RELEASES, `${r}/releases?per_page=100`, token);
      await walk(FORKS, `${r}/forks?sort=oldest&per_page=100`, token);
      const empty =
        repo.items.length === 0 && (await fetch(`${emu.url}/github${r}/branches/${repo.defaultBranch}`, { headers: token })).status === 404;
      if (!empty) await call(BRANCH, `${r}/branches/${repo.defaultBranch}`, { headers: token });
      await call(BRANCH_RULES, `${r}/rules/branches/${repo.defaultBranch}`, { headers: token });
    }
    for (const account of world.github.accounts) {
      if (account.type === 'Organization') await walk(ORG_REPOS, `/orgs/${account.login}/repos?type=all&per_page=100`, token);
      else await walk(USER_REPOS, `/users/${encodeURIComponent(account.login)}/repos?type=owner&per_page=100`, token);
    }
  });
});

describe('the subset and its validator', () => {
  it('holds exactly the operations extract.ts names, from the recorded @octokit/openapi version', () => {
    expect(Object.keys(subset.operations).sort()).toEqual(OPERATIONS.map((p) => `GET ${p}`).sort());
    expect(subset.source.package).toBe('@octokit/openapi');
    expect(subset.source.version).toMatch(/^\d+\.\d+\.\d+$/);
    const licence = readFileSync(new URL('./openapi/LICENSE', import.meta.url), 'utf8');
    expect(licence).toMatch(/^MIT License/);
  });

  it('patches only known inaccuracies of the description, each still present upstream', () => {
    expect(KNOWN_INACCURACIES.every((k) => /^https:\/\/github\.com\/github\/rest-api-description\/issues\/\d+$/.test(k.issue))).toBe(true);
    expect(() => correctedSchemas(subset)).not.toThrow();
  });

  it('converts OpenAPI 3.0 nullable to JSON Schema', () => {
    expect(toJsonSchema({ type: 'string', nullable: true, format: 'date-time', example: 'x' })).toEqual({
      type: ['string', 'null'],
      format: 'date-time'
    });
    expect(toJsonSchema({ type: 'string', enum: ['a'], nullable: true })).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    expect(toJsonSchema({ anyOf: [{ type: 'string' }], nullable: true })).toEqual({
      anyOf: [{ anyOf: [{ type: 'string' }] }, { type: 'null' }]
    });
  });

  it('rejects drift: a missing required field, a wrong type, a bad format, null where GitHub never sends it', async () => {
    const world = makeFixtureWorld({ githubItems: 3 });
    const emu = await startEmulator(world);
    try {
      const res = await fetch(`${emu.url}/github/repos/stadt-ulm/terminbuchung/issues?state=all`, { headers: auth });
      const issues = (await res.json()) as Record<string, unknown>[];
      expect(validator.body(ISSUES, 200, issues)).toEqual([]);
      const drifted = (change: (i: Record<string, unknown>) => void) => {
        const copy = structuredClone(issues);
        change(copy[0]);
        return validator.body(ISSUES, 200, copy).join('\n');
      };
      expect(drifted((i) => delete i.node_id)).toMatch(/^\/0 must have required property 'node_id'/);
      expect(drifted((i) => (i.number = String(i.number)))).toMatch(/^\/0\/number must be integer/);
      expect(drifted((i) => (i.created_at = '2024-01-01 10:00'))).toMatch(/^\/0\/created_at must match format "date-time"/);
      expect(drifted((i) => (i.title = null))).toMatch(/^\/0\/title must be string/);
      expect(drifted((i) => ((i.user as Record<string, unknown>).url = 'https://api.github.com/users/dependabot[bot]'))).toMatch(
        /^\/0\/user\/url must match format "uri"/
      );
      expect(drifted((i) => (i.state_reason = 'finished'))).toMatch(/^\/0\/state_reason must be equal to one of the allowed values/);
    } finally {
      await emu.close();
      rmSync(world.dir, { recursive: true, force: true });
    }
  });
});

describe('control: real GitHub answers recorded in @octokit/fixtures validate against the same subset', () => {
  const require = createRequire(import.meta.url);
  interface Recorded {
    method: string;
    path: string;
    status: number;
    response: unknown;
    headers: Record<string, string | number>;
  }
  const scenario = (name: string): Recorded[] => {
    const file = require.resolve(`@octokit/fixtures/scenarios/api.github.com/${name}/normalized-fixture.json`);
    const data = JSON.parse(readFileSync(file, 'utf8')) as Recorded | Recorded[];
    return Array.isArray(data) ? data : [data];
  };

  it('paginate-issues: five pages of GET /repos/{owner}/{repo}/issues with their Link headers', () => {
    const pages = scenario('paginate-issues').filter((r) => r.method === 'get');
    expect(pages).toHaveLength(5);
    for (const p of pages) {
      expect(p.status).toBe(200);
      expect(validator.body(ISSUES, 200, p.response), p.path).toEqual([]);
      expect(validator.headers(ISSUES, 200, p.headers), p.path).toEqual([]);
      parseLink(String(p.headers.link), 'https://api.github.com');
    }
  });

  it('get-repository and rename-repository: GET /repos/{owner}/{repo} (200, 301) and /repositories/{id}', () => {
    const recorded = [...scenario('get-repository'), ...scenario('rename-repository')].filter((r) => r.method === 'get');
    expect(recorded.map((r) => r.status).sort()).toEqual([200, 200, 301]);
    // The recordings predate has_discussions (GitHub added it in 2022; the description now requires it).
    const predates = /^\/ must have required property 'has_discussions' /;
    for (const r of recorded) {
      const errors = validator.body(REPO, r.status, r.response);
      expect(
        errors.filter((e) => !predates.test(e)),
        `${r.path} ${r.status}`
      ).toEqual([]);
      if (r.status === 200) expect(errors, 'only has_discussions is missing').toHaveLength(1);
    }
  });

  it('release-assets: a release (the item schema of GET /repos/{owner}/{repo}/releases)', () => {
    const release = scenario('release-assets').find((r) => r.method === 'get' && r.path.endsWith('/releases/tags/v1.0.0'));
    expect(release).toBeDefined();
    expect(validator.body(RELEASES, 200, [release!.response])).toEqual([]);
  });
});

describe('coverage', () => {
  it('validated a 200 of every operation in the subset (and the documented error statuses the emulator answers)', () => {
    for (const operation of Object.keys(subset.operations)) {
      expect(covered.get(operation)?.has(200), `${operation}: no 200 validated`).toBe(true);
    }
    expect([...(covered.get(REPO) ?? [])].sort()).toEqual([200, 301, 403, 404]);
    expect(covered.get(ISSUES)?.has(301)).toBe(true);
    expect(covered.get(PULLS)?.has(304)).toBe(true);
  });
});
