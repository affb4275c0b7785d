/**
 * What GitHub and GitLab document, and the collectors must survive without losing data (issue 10,
 * DESIGN §4 completeness rule: after a run, every item that changed before the run started is
 * stored). Each test reproduces one way the forges differ from a naive reading: a 304 on page 1
 * while a later page changed, a list that shifts while it is paged, GitHub's release cap,
 * GitLab's event-only last_activity_at, application limits without Retry-After, projects shared
 * into a group, and closes that only GitHub's issue events name.
 */
import { stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../../jobs/collect';
import { discoverRepositories } from '../../jobs/collectors/discover';
import { createGitHubCollector } from '../../jobs/collectors/github';
import { createGitLabCollector } from '../../jobs/collectors/gitlab';
import { parseCatalog } from '../../src/lib/catalog/load';
import { catalogFor } from '../emulator/catalog';
import { makeFixtureWorld } from '../emulator/fixture';
import { issueEvents } from '../emulator/github';
import type { World, WorldItem } from '../world/model';
import { newStore, runCollectors, setup, type Setup, type Store } from './harness';

const fast = { retryBaseMs: 5 };
const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

let s: Setup | null = null;
const stores: Store[] = [];
afterEach(async () => {
  for (const st of stores.splice(0)) st.data.cleanup();
  await s?.close();
  s = null;
});

function githubMain(world: World) {
  return world.github.repositories.find((r) => r.path === 'stadt-ulm/terminbuchung')!;
}

function gitlabMain(world: World) {
  return world.gitlab.repositories.find((r) => r.path === 'ulm/terminbuchung')!;
}

function store(world: World, path: string): Store {
  const st = newStore(world, (r) => r.path === path);
  stores.push(st);
  return st;
}

function storedTitles(st: Store): Map<string, string> {
  const rows = st.db.$client.prepare('select kind, number, title from items').all() as { kind: string; number: number; title: string }[];
  return new Map(rows.map((r) => [`${r.kind}:${r.number}`, r.title]));
}

const key = (i: WorldItem) => `${i.kind}:${i.number}`;

describe('GitHub lists', () => {
  it('stores an item that changed on a later page although page 1 is unchanged (no early stop at a 304)', async () => {
    const world = makeFixtureWorld({ githubItems: 160 });
    const repo = githubMain(world);
    // 150 items changed on one day (two pages of that day's `since` list), 10 a month earlier.
    const day = Date.parse('2024-05-20T00:00:00Z');
    repo.items.forEach((item, k) => {
      item.updatedAt = iso(k < 150 ? day + 6 * HOUR + k * 60_000 : day - 30 * 24 * HOUR + k * 60_000);
    });
    s = await setup(world);
    const st = store(world, repo.path);
    await runCollectors(s, st, [createGitHubCollector(fast)]);
    await runCollectors(s, st, [createGitHubCollector(fast)]);

    // One more: an old item changes; it is the newest now.
    const old = repo.items[155];
    old.title = 'Neuer Titel';
    old.updatedAt = iso(day + 21 * HOUR);
    const result = await runCollectors(s, st, [createGitHubCollector(fast)]);
    expect(result.errors.size).toBe(0);
    expect(storedTitles(st).get(key(old))).toBe('Neuer Titel');
    // And a repeat run is answered by 304s again.
    s.emulator.resetStats();
    await runCollectors(s, st, [createGitHubCollector(fast)]);
    expect(s.emulator.stats().rateLimited).toBe(0);
  });

  it('reads every item when one on page 1 is edited while page 2 is requested', async () => {
    const world = makeFixtureWorld({ githubItems: 160 });
    const repo = githubMain(world);
    s = await setup(world);
    const st = store(world, repo.path);
    let edited: WorldItem | null = null;
    s.emulator.onRequest(({ endpoint, url }) => {
      if (edited || endpoint !== 'GET /repos/{owner}/{repo}/issues') return;
      if (!url.searchParams.has('after') && url.searchParams.get('page') !== '2') return;
      // The item in the middle of page 1, in the order the collector asked for.
      const dir = url.searchParams.get('direction') === 'asc' ? 1 : -1;
      const order = [...repo.items].sort((a, b) => dir * (Date.parse(a.updatedAt) - Date.parse(b.updatedAt) || a.number - b.number));
      edited = order[49];
      edited.title = 'Während des Lesens geändert';
      edited.updatedAt = iso(Date.parse(world.now) + HOUR);
    });
    const result = await runCollectors(s, st, [createGitHubCollector(fast)]);
    expect(result.errors.size).toBe(0);
    expect(edited).not.toBeNull();
    const titles = storedTitles(st);
    expect(titles.size).toBe(repo.items.length);
    // The next run picks up the edit that happened during the first one.
    s.emulator.onRequest(null);
    await runCollectors(s, st, [createGitHubCollector(fast)]);
    for (const item of repo.items) expect(storedTitles(st).get(key(item)), key(item)).toBe(item.title);
  });

  it('stores the first 1,000 releases of a capped list, records the cap and goes on with the forks', async () => {
    const world = makeFixtureWorld();
    const repo = githubMain(world);
    const t0 = Date.parse('2020-01-01T00:00:00Z');
    for (let k = 0; k < 1050; k++) {
      repo.releases.push({
        id: 5_000_000 + k,
        tagName: `v0.${k}.0`,
        name: `Version 0.${k}`,
        body: '',
        author: 'alice',
        createdAt: iso(t0 + k * HOUR),
        publishedAt: iso(t0 + k * HOUR),
        draft: false,
        prerelease: false
      });
    }
    s = await setup(world);
    const st = store(world, repo.path);
    const result = await runCollectors(s, st, [createGitHubCollector(fast)]);
    expect(result.errors.size).toBe(0);
    const count = (sql: string) => (st.db.$client.prepare(sql).get() as { n: number }).n;
    expect(count('select count(*) n from releases')).toBe(1000);
    expect(count('select releases_capped n from repositories')).toBe(1000);
    expect(count('select count(*) n from forks')).toBe(1);
    expect(st.logs.some((m) => m.includes('gekappt'))).toBe(true);
    // A second run keeps what it read and still knows the cap.
    const again = await runCollectors(s, st, [createGitHubCollector(fast)]);
    expect(again.errors.size).toBe(0);
    expect(count('select count(*) n from releases')).toBe(1000);
  });

  it("stores who closed or merged an item from the repository's issue events, as GitLab's lists say it", async () => {
    const world = makeFixtureWorld();
    const repo = githubMain(world);
    s = await setup(world);
    const st = store(world, repo.path);
    await runCollectors(s, st, [createGitHubCollector(fast)]);
    const rows = st.db.$client
      .prepare(
        `select i.kind, i.number, a.login from items i left join identities a on a.id = i.closed_by_identity_id where i.state <> 'open'`
      )
      .all() as { kind: string; number: number; login: string | null }[];
    const expected = new Map(issueEvents(repo).map((e) => [`${e.item.kind}:${e.item.number}`, e.actor]));
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.login, `${r.kind}:${r.number}`).toBe(expected.get(`${r.kind}:${r.number}`));
    // The next page of the issue list (no closed_by there) keeps the closer; no events are read again.
    s.emulator.resetStats();
    repo.items[0].title = 'Geändert';
    repo.items[0].updatedAt = iso(Date.parse(world.now) + HOUR);
    await runCollectors(s, st, [createGitHubCollector(fast)]);
    expect(s.emulator.stats().byEndpoint['GET /repos/{owner}/{repo}/issues/events'] ?? 0).toBe(0);
    const closers = st.db.$client.prepare('select count(*) n from items where closed_by_identity_id is not null').get() as { n: number };
    expect(closers.n).toBe(rows.length);
  });
});

describe('GitLab', () => {
  it('reads a project in full at least daily although last_activity_at did not move (title edits make no event)', async () => {
    const world = makeFixtureWorld();
    const repo = gitlabMain(world);
    s = await setup(world);
    const st = store(world, repo.path);
    await runCollectors(s, st, [createGitLabCollector(fast)]);
    const issue = repo.items.find((i) => i.kind === 'issue')!;
    issue.title = 'Nur der Titel geändert';
    issue.updatedAt = iso(Date.parse(world.now) + HOUR);
    await runCollectors(s, st, [createGitLabCollector(fast)]);
    // Within the day the event-less edit may wait (bounded staleness) …
    const within = storedTitles(st).get(key(issue));
    expect(within).not.toBe(undefined);
    // … but a day after the last full read the project is read in full.
    st.db.$client
      .prepare(
        `update cursors set value = json_set(value, '$.syncedAt', json_extract(value, '$.syncedAt') - 90000) where resource = 'activity'`
      )
      .run();
    await runCollectors(s, st, [createGitLabCollector(fast)]);
    expect(storedTitles(st).get(key(issue))).toBe('Nur der Titel geändert');
  });

  it('waits out an application limit that answers 429 without Retry-After', async () => {
    const world = makeFixtureWorld();
    s = await setup(world, { gitlabApplicationLimits: { 'GET /projects/:id': 1 }, applicationLimitWindowMs: 1500 });
    const st = newStore(world, (r) => r.forge === 'gitlab' && r.visibility === 'public');
    stores.push(st);
    const result = await runCollectors(s, st, [createGitLabCollector({ ...fast, applicationLimitWaitMs: 1500 })], { parallel: 1 });
    expect([...result.errors.values()].map((e) => e.message)).toEqual([]);
    expect(st.logs.some((m) => m.includes('Ratenlimit (HTTP 429)'))).toBe(true);
  }, 60_000);

  it('does not credit a group with projects of other groups shared into it (with_shared=false)', async () => {
    const world = makeFixtureWorld();
    world.gitlab.accounts.push({
      ...world.gitlab.accounts.find((a) => a.login === 'ulm')!,
      id: 299,
      login: 'nachbar',
      name: 'Nachbarstadt'
    });
    const shared = { ...structuredClone(gitlabMain(world)), id: 2999, path: 'nachbar/geteilt', sharedWith: ['ulm'], previousPaths: [] };
    world.gitlab.repositories.push(shared);
    s = await setup(world);
    const found = await discoverRepositories(s.catalog, s.forges.opencode, 'opencode:ulm');
    expect(found).not.toContain('opencode:nachbar/geteilt');
    expect(found).toContain('opencode:ulm/terminbuchung');
    // The emulator lists it without with_shared=false, as GitLab does.
    const listed = (await (
      await fetch(`${s.emulator.gitlabHost}/api/v4/groups/ulm/projects?include_subgroups=true&per_page=100`)
    ).json()) as {
      path_with_namespace: string;
    }[];
    expect(listed.map((p) => p.path_with_namespace)).toContain('nachbar/geteilt');
  });
});

describe('tokens', () => {
  it('warns about a forge without token, stops it when its budget is spent and says until when', async () => {
    const world = makeFixtureWorld();
    s = await setup(world, { anonymousRateLimit: 4 });
    const data = newStore(world, () => false);
    stores.push(data);
    delete process.env.GITHUB_TOKEN;
    process.env.OPENCODE_TOKEN = world.gitlab.tokens[0];
    const catalog = parseCatalog(stringify(catalogFor(world, s.emulator.url)));
    // Every public GitHub repository of the world, so that the budget of 4 runs out.
    catalog.projects.push({
      id: 'alle',
      name: 'Alle',
      usedBy: [],
      repositories: world.github.repositories
        .filter((r) => r.visibility === 'public' && r.path !== 'stadt-ulm/terminbuchung')
        .map((r) => `github:${r.path}`)
    });
    const log: string[] = [];
    s.emulator.resetStats();
    const summary = await collect({
      db: data.db,
      catalog,
      paths: data.data.paths,
      trigger: 'test',
      concurrency: 1,
      log: (m) => log.push(m)
    });
    const notices = (data.db.$client.prepare('select notices from collection_runs').get() as { notices: string }).notices;
    expect(JSON.parse(notices)[0]).toContain('„github“ wird ohne Token abgefragt');
    expect(log.some((m) => m.startsWith('Hinweis: Plattform „github“ wird ohne Token abgefragt'))).toBe(true);
    expect(JSON.parse(notices).some((n: string) => n.startsWith('Ratenlimit von „github“ erschöpft bis'))).toBe(true);
    const skipped = summary.outcomes.filter((o) => o.source === 'github' && o.counters.requests === 0 && !o.ok);
    expect(skipped.length).toBeGreaterThan(0);
    // Spent is spent: no repository after the stop asked GitHub again.
    expect(s.emulator.stats().byToken.anonymous).toBeLessThanOrEqual(4 + 2);
    // git still read every repository: it costs no API budget.
    expect(summary.outcomes.filter((o) => o.source === 'git' && o.ok).length).toBe(summary.repositories);
    // … and its success does not hide the forge's failure: the repository keeps the error.
    const failedKeys = new Set(skipped.map((o) => o.key));
    const rows = data.db.$client.prepare('select key, last_error as lastError from repositories').all() as {
      key: string;
      lastError: string | null;
    }[];
    const kept = rows.filter((r) => failedKeys.has(r.key));
    expect(kept.length).toBe(failedKeys.size);
    for (const r of kept) expect(r.lastError, r.key).toMatch(/^Ratenlimit/);
  });
});

describe('untrusted text', () => {
  it('stores forge text without control and bidi characters (titles, labels, descriptions, release and account names)', async () => {
    const world = makeFixtureWorld();
    const repo = gitlabMain(world);
    const hostile = (text: string) => `${text}\u202e\u2066gnirts\u2069\u202c\u001b[2J`;
    repo.description = hostile('Beschreibung');
    repo.items[0].title = hostile('Titel');
    repo.items[0].labels = [hostile('Label')];
    repo.releases[0].name = hostile('Version');
    const author = world.gitlab.accounts.find((a) => a.login === repo.items[0].author)!;
    author.name = hostile('Erika');
    s = await setup(world);
    const st = store(world, repo.path);
    const result = await runCollectors(s, st, [createGitLabCollector(fast)]);
    expect(result.errors.size).toBe(0);
    const texts = [
      ...(st.db.$client.prepare('select title || labels as t from items').all() as { t: string }[]),
      ...(st.db.$client.prepare('select description as t from repositories').all() as { t: string }[]),
      ...(st.db.$client.prepare('select name as t from releases where name is not null').all() as { t: string }[]),
      ...(st.db.$client.prepare('select name as t from identities').all() as { t: string }[])
    ].map((r) => r.t);
    expect(texts.some((t) => t.startsWith('Titel'))).toBe(true);
    expect(texts.some((t) => t.startsWith('Erika'))).toBe(true);
    for (const t of texts)
      expect(t, JSON.stringify(t)).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
  });
});
