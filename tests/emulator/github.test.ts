import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../world/model';
import { GITHUB_TOKENS, makeFixtureWorld } from './fixture';
import { startEmulator, type Emulator } from './server';

const execFileAsync = promisify(execFile);

let world: World;
let emu: Emulator;
let octokit: Octokit;

beforeAll(async () => {
  world = makeFixtureWorld();
  emu = await startEmulator(world);
  octokit = new Octokit({ baseUrl: `${emu.url}/github`, auth: GITHUB_TOKENS[0] });
});

afterAll(async () => {
  await emu.close();
  rmSync(world.dir, { recursive: true, force: true });
});

const auth = { authorization: `token ${GITHUB_TOKENS[0]}` };
const get = (path: string, headers: Record<string, string> = auth) => fetch(`${emu.url}/github${path}`, { headers, redirect: 'manual' });
const main = () => world.github.repositories[0];

describe('GitHub issues and pagination', () => {
  it('octokit.paginate returns every issue and pull request, one request per page of 100', async () => {
    emu.resetStats();
    const items = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: 'stadt-ulm',
      repo: 'terminbuchung',
      state: 'all',
      per_page: 100
    });
    expect(items).toHaveLength(75);
    expect(new Set(items.map((i) => i.number)).size).toBe(75);
    const pulls = items.filter((i) => i.pull_request);
    expect(pulls).toHaveLength(25);
    const merged = pulls.find((p) => p.number === 6);
    expect(merged?.pull_request?.merged_at).toBe(main().items[5].mergedAt);
    expect(merged?.html_url).toMatch(/\/stadt-ulm\/terminbuchung\/pull\/6$/);
    expect(emu.stats().byEndpoint['GET /repos/{owner}/{repo}/issues']).toBe(1);
  });

  it('follows Link rel="next" across pages (per_page 10 → 8 requests)', async () => {
    emu.resetStats();
    const items = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: 'stadt-ulm',
      repo: 'terminbuchung',
      state: 'all',
      per_page: 10
    });
    expect(items).toHaveLength(75);
    expect(emu.stats().requests).toBe(8);
  });

  it('writes Link headers exactly like GitHub: prev, next, last, first; none of next/last on the last page', async () => {
    const base = `${emu.url}/github/repositories/1000/pulls`;
    const pulls = main().items.filter((i) => i.kind === 'pull').length;
    const per = Math.ceil(pulls / 3);
    const q = `state=all&per_page=${per}`;
    const first = await get(`/repos/stadt-ulm/terminbuchung/pulls?${q}`);
    expect(first.headers.get('link')).toBe(`<${base}?${q}&page=2>; rel="next", <${base}?${q}&page=3>; rel="last"`);
    const middle = await get(`/repos/stadt-ulm/terminbuchung/pulls?${q}&page=2`);
    expect(middle.headers.get('link')).toBe(
      `<${base}?${q}&page=1>; rel="prev", <${base}?${q}&page=3>; rel="next", <${base}?${q}&page=3>; rel="last", <${base}?${q}&page=1>; rel="first"`
    );
    const last = await get(`/repos/stadt-ulm/terminbuchung/pulls?${q}&page=3`);
    expect(last.headers.get('link')).toBe(`<${base}?${q}&page=2>; rel="prev", <${base}?${q}&page=1>; rel="first"`);
    expect((await last.json()) as unknown[]).toHaveLength(pulls - 2 * per);
    const only = await get('/repos/stadt-ulm/terminbuchung/releases');
    expect(only.headers.get('link')).toBeNull();
  });

  it('pages issues and comments with cursors and refuses deep page numbers, as GitHub does', async () => {
    const first = await get('/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=30');
    const link = first.headers.get('link') ?? '';
    expect(link).toMatch(/after=[A-Za-z0-9_-]+>; rel="next"$/);
    expect(link).not.toMatch(/[?&]page=/);
    const numbers: number[] = [];
    for (let url: string | null = `${emu.url}/github/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=30`; url;) {
      const r: Response = await fetch(url, { headers: { authorization: `token ${GITHUB_TOKENS[0]}` } });
      numbers.push(...((await r.json()) as { number: number }[]).map((i) => i.number));
      url = /<([^>]+)>; rel="next"/.exec(r.headers.get('link') ?? '')?.[1] ?? null;
    }
    expect(new Set(numbers).size).toBe(75);
    const deep = await get('/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=100&page=100');
    expect(deep.status).toBe(422);
    expect(((await deep.json()) as { message: string }).message).toContain('please use cursor based pagination');
    const comments = await get('/repos/stadt-ulm/terminbuchung/issues/comments?per_page=5');
    expect(comments.headers.get('link') ?? '').toContain('after=');
  });

  it('defaults to 30 per page, caps per_page at 100 and lists open items unless state is given', async () => {
    const def = (await (await get('/repos/stadt-ulm/terminbuchung/issues?state=all')).json()) as unknown[];
    expect(def).toHaveLength(30);
    const capped = (await (await get('/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=500')).json()) as unknown[];
    expect(capped).toHaveLength(75);
    const open = (await (await get('/repos/stadt-ulm/terminbuchung/issues?per_page=100')).json()) as { state: string }[];
    expect(open.length).toBe(main().items.filter((i) => i.state === 'open').length);
    expect(open.every((i) => i.state === 'open')).toBe(true);
  });

  it('sorts by created desc by default, supports sort=updated&direction=asc and filters since by updated_at', async () => {
    const def = (await (await get('/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=100')).json()) as { number: number }[];
    expect(def[0].number).toBe(75);
    const since = '2024-01-03T00:00:00Z';
    const res = (await (
      await get(`/repos/stadt-ulm/terminbuchung/issues?state=all&per_page=100&sort=updated&direction=asc&since=${since}`)
    ).json()) as { updated_at: string }[];
    const expected = main().items.filter((i) => Date.parse(i.updatedAt) >= Date.parse(since));
    expect(res).toHaveLength(expected.length);
    const times = res.map((i) => Date.parse(i.updated_at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('lists repository-wide issue comments with GitHub html_url and issue_url', async () => {
    const comments = await octokit.paginate(octokit.rest.issues.listCommentsForRepo, {
      owner: 'stadt-ulm',
      repo: 'terminbuchung',
      per_page: 100
    });
    const total = main().items.reduce((n, i) => n + i.comments.length, 0);
    expect(comments).toHaveLength(total);
    const onPull = comments.find((c) => /\/pull\/\d+#issuecomment-\d+$/.test(c.html_url));
    const onIssue = comments.find((c) => /\/issues\/\d+#issuecomment-\d+$/.test(c.html_url));
    expect(onPull).toBeDefined();
    expect(onIssue).toBeDefined();
    expect(onIssue?.issue_url).toMatch(new RegExp(`/github/repos/stadt-ulm/terminbuchung/issues/\\d+$`));
    const ids = comments.map((c) => c.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('lists review comments, reviews and pull requests with merged_at', async () => {
    const rc = await octokit.paginate(octokit.rest.pulls.listReviewCommentsForRepo, {
      owner: 'stadt-ulm',
      repo: 'terminbuchung',
      per_page: 100
    });
    expect(rc).toHaveLength(25);
    expect(rc[0].pull_request_url).toMatch(/\/pulls\/\d+$/);
    const reviews = await octokit.rest.pulls.listReviews({ owner: 'stadt-ulm', repo: 'terminbuchung', pull_number: 3 });
    expect(reviews.data).toHaveLength(1);
    expect(reviews.data[0].user?.login).toBe(main().items[2].reviews[0].author);
    const pulls = await octokit.paginate(octokit.rest.pulls.list, {
      owner: 'stadt-ulm',
      repo: 'terminbuchung',
      state: 'all',
      per_page: 100
    });
    expect(pulls).toHaveLength(25);
    expect(pulls.filter((p) => p.merged_at).length).toBe(main().items.filter((i) => i.mergedAt).length);
    const single = await octokit.rest.pulls.get({ owner: 'stadt-ulm', repo: 'terminbuchung', pull_number: 6 });
    expect(single.data.merged).toBe(true);
  });

  it('serves releases without drafts, tags from git and files from git', async () => {
    const releases = await octokit.rest.repos.listReleases({ owner: 'stadt-ulm', repo: 'terminbuchung' });
    expect(releases.data.map((r) => r.tag_name)).toEqual(['v1.1.0', 'v1.0.0']);
    const tags = await octokit.rest.repos.listTags({ owner: 'stadt-ulm', repo: 'terminbuchung' });
    const gitDir = main().gitDir;
    const peeled = (t: string) =>
      execFileSync('git', ['--git-dir', gitDir, 'rev-parse', `${t}^{commit}`])
        .toString()
        .trim();
    expect(tags.data.map((t) => [t.name, t.commit.sha])).toEqual([
      ['v1.1.0', peeled('v1.1.0')],
      ['v1.0.0', peeled('v1.0.0')]
    ]);
    const file = await octokit.rest.repos.getContent({ owner: 'stadt-ulm', repo: 'terminbuchung', path: 'publiccode.yml' });
    const data = file.data as { content: string; encoding: string; sha: string };
    expect(data.encoding).toBe('base64');
    expect(Buffer.from(data.content, 'base64').toString()).toBe(
      execFileSync('git', ['--git-dir', gitDir, 'show', 'main:publiccode.yml']).toString()
    );
    expect((await get('/repos/stadt-ulm/terminbuchung/contents/nope.txt')).status).toBe(404);
    const empty = await get('/repos/stadt-ulm/leer/contents/README.md');
    expect(((await empty.json()) as { message: string }).message).toBe('This repository is empty.');
  });
});

describe('GitHub repositories', () => {
  it('answers /repos/{o}/{r} with the repository, its licence and topics', async () => {
    const { data } = await octokit.rest.repos.get({ owner: 'stadt-ulm', repo: 'terminbuchung' });
    expect(data).toMatchObject({
      id: 1000,
      full_name: 'stadt-ulm/terminbuchung',
      owner: { login: 'stadt-ulm', type: 'Organization' },
      private: false,
      fork: false,
      default_branch: 'main',
      archived: false,
      license: { key: 'eupl-1.2', spdx_id: 'EUPL-1.2' },
      topics: ['kommune', 'open-source'],
      has_issues: true,
      forks_count: 1,
      stargazers_count: 42,
      clone_url: `file://${main().gitDir}`,
      created_at: '2024-01-01T00:00:00Z'
    });
    expect(data.open_issues_count).toBe(main().items.filter((i) => i.state === 'open').length);
    expect(data.size).toBeGreaterThan(0);
  });

  it('shows parent and source of a fork, and GitHub licence ids', async () => {
    const { data } = await octokit.rest.repos.get({ owner: 'stadt-dortmund', repo: 'terminbuchung' });
    expect(data.fork).toBe(true);
    expect(data.parent?.full_name).toBe('stadt-ulm/terminbuchung');
    expect(data.source?.full_name).toBe('stadt-ulm/terminbuchung');
    expect(data.license?.spdx_id).toBe('GPL-3.0');
    const forks = await octokit.rest.repos.listForks({ owner: 'stadt-ulm', repo: 'terminbuchung' });
    expect(forks.data.map((f) => f.full_name)).toEqual(['stadt-dortmund/terminbuchung']);
  });

  it('answers 404 for private and unknown repositories, like GitHub', async () => {
    for (const path of ['/repos/stadt-ulm/geheim', '/repos/stadt-ulm/geheim/issues', '/repos/stadt-ulm/gibtsnicht', '/repositories/1002']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ message: 'Not Found', documentation_url: expect.stringContaining('docs.github.com') });
    }
  });

  it('answers a renamed repository with 301 to /repositories/{id}, which Octokit follows', async () => {
    const res = await get('/repos/stadt-ulm/termine/issues?state=all');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`${emu.url}/github/repositories/1000/issues?state=all`);
    expect(await res.json()).toMatchObject({ message: 'Moved Permanently' });
    const { data } = await octokit.rest.repos.get({ owner: 'stadt-ulm', repo: 'termine' });
    expect(data.full_name).toBe('stadt-ulm/terminbuchung');
    const items = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: 'stadt-ulm',
      repo: 'termine',
      state: 'all',
      per_page: 50
    });
    expect(items).toHaveLength(75);
  });

  it('lists organisation and user repositories without private ones, with type filters', async () => {
    const org = await octokit.paginate(octokit.rest.repos.listForOrg, { org: 'stadt-ulm', per_page: 100 });
    expect(org.map((r) => r.full_name).sort()).toEqual(['stadt-ulm/leer', 'stadt-ulm/terminbuchung']);
    const forks = await octokit.rest.repos.listForOrg({ org: 'stadt-dortmund', type: 'forks' });
    expect(forks.data.map((r) => r.full_name)).toEqual(['stadt-dortmund/terminbuchung']);
    const sources = await octokit.rest.repos.listForOrg({ org: 'stadt-dortmund', type: 'sources' });
    expect(sources.data).toHaveLength(0);
    const paged = await get('/orgs/stadt-ulm/repos?per_page=1');
    expect(paged.headers.get('link')).toContain(`${emu.url}/github/organizations/100/repos?per_page=1&page=2`);
    const user = await octokit.rest.repos.listForUser({ username: 'stadt-ulm' });
    expect(user.data.map((r) => r.full_name)).toEqual(['stadt-ulm/leer', 'stadt-ulm/terminbuchung']);
    expect((await get('/orgs/alice/repos')).status).toBe(404);
  });

  it('describes users and bots like GitHub', async () => {
    const items = await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: 'stadt-ulm',
      repo: 'terminbuchung',
      state: 'all',
      per_page: 100
    });
    const bot = items.find((i) => i.user?.login === 'dependabot[bot]');
    expect(bot?.user).toMatchObject({ type: 'Bot', id: 3, site_admin: false });
    const human = items.find((i) => i.user?.login === 'alice');
    expect(human?.user).toMatchObject({ type: 'User', id: 1, node_id: 'MDQ6VXNlcjE=' });
  });

  it('rejects unknown tokens with 401 Bad credentials', async () => {
    const res = await get('/repos/stadt-ulm/terminbuchung', { authorization: 'token wrong' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ message: 'Bad credentials' });
    const bearer = await get('/repos/stadt-ulm/terminbuchung', { authorization: `Bearer ${GITHUB_TOKENS[1]}` });
    expect(bearer.status).toBe(200);
  });

  it('serves the repositories over git smart HTTP', async () => {
    const target = join(world.dir, 'clone-http.git');
    // Asynchronously: the emulator runs in this process and must keep answering.
    await execFileAsync('git', [
      'clone',
      '-q',
      '--bare',
      '--filter=blob:none',
      `${emu.url}/_emulator/git/github/stadt-ulm/terminbuchung.git`,
      target
    ]);
    const head = (dir: string) => execFileSync('git', ['--git-dir', dir, 'rev-parse', 'HEAD']).toString().trim();
    expect(head(target)).toBe(head(main().gitDir));
    // A partial clone fetches the blob lazily from the emulator.
    const { stdout } = await execFileAsync('git', ['--git-dir', target, 'show', 'HEAD:README.md']);
    expect(stdout).toBe('# terminbuchung\n');
  });
});
