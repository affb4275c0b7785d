import { rmSync } from 'node:fs';
import { Gitlab } from '@gitbeaker/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World, WorldItem } from '../world/model';
import { GITLAB_TOKENS, makeFixtureWorld, makeItems } from './fixture';
import { startEmulator, type Emulator } from './server';

let world: World;
let emu: Emulator;
let api: InstanceType<typeof Gitlab>;

beforeAll(async () => {
  world = makeFixtureWorld();
  emu = await startEmulator(world);
  api = new Gitlab({ host: `${emu.url}/gitlab`, token: GITLAB_TOKENS[0] });
});

afterAll(async () => {
  await emu.close();
  rmSync(world.dir, { recursive: true, force: true });
});

const auth = { 'private-token': GITLAB_TOKENS[0] };
const get = (path: string, headers: Record<string, string> = auth) => fetch(`${emu.url}/gitlab/api/v4${path}`, { headers });
const main = () => world.gitlab.repositories[0];
const issuesOf = (r = main()) => r.items.filter((i) => i.kind === 'issue');

describe('GitLab projects', () => {
  it('gitbeaker finds a project by path and by id, with licence on request', async () => {
    const byPath = await api.Projects.show('ulm/terminbuchung', { license: true });
    expect(byPath).toMatchObject({
      id: 2000,
      path_with_namespace: 'ulm/terminbuchung',
      default_branch: 'main',
      archived: false,
      visibility: 'public',
      issues_enabled: true,
      issues_access_level: 'enabled',
      http_url_to_repo: `file://${main().gitDir}`,
      web_url: 'https://gitlab.opencode.de/ulm/terminbuchung',
      topics: ['kommune', 'open-source'],
      namespace: { id: 200, full_path: 'ulm', kind: 'group' },
      license: { key: 'eupl-1.2' }
    });
    const byId = await api.Projects.show(2000);
    expect(byId.path_with_namespace).toBe('ulm/terminbuchung');
    expect(byId).not.toHaveProperty('license');
    expect(byId).not.toHaveProperty('forked_from_project');
  });

  it('answers an old path with the renamed project, and forks with forked_from_project', async () => {
    const moved = await api.Projects.show('ulm/formulare');
    expect(moved.path_with_namespace).toBe('ulm/digital/formulare');
    expect(moved.issues_enabled).toBe(false);
    const fork = await api.Projects.show('ulm/digital/terminbuchung-fork');
    expect((fork as unknown as { forked_from_project: { path_with_namespace: string } }).forked_from_project.path_with_namespace).toBe(
      'ulm/terminbuchung'
    );
    const forks = await api.Projects.allForks('ulm/terminbuchung');
    expect(forks.map((f) => f.path_with_namespace)).toEqual(['ulm/digital/terminbuchung-fork']);
  });

  it('answers 404 Project Not Found for private and unknown projects', async () => {
    for (const path of ['/projects/ulm%2Fintern', '/projects/2003', '/projects/ulm%2Fnichts', '/projects/2003/issues']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: '404 Project Not Found' });
    }
    expect((await get('/groups/nirgendwo/projects')).status).toBe(404);
  });

  it('lists group projects with and without subgroups, and subgroups', async () => {
    const all = await api.Groups.allProjects('ulm', { includeSubgroups: true, perPage: 100 });
    expect(all.map((p) => p.path_with_namespace).sort()).toEqual([
      'ulm/digital/formulare',
      'ulm/digital/terminbuchung-fork',
      'ulm/terminbuchung'
    ]);
    const direct = await api.Groups.allProjects('ulm', { perPage: 100 });
    expect(direct.map((p) => p.path_with_namespace)).toEqual(['ulm/terminbuchung']);
    const subgroups = await api.Groups.allSubgroups('ulm');
    expect(subgroups.map((g) => g.full_path)).toEqual(['ulm/digital']);
    expect(subgroups[0]).toMatchObject({ id: 201, parent_id: 200, full_name: 'Stadt Ulm / Digitales' });
  });
});

describe('GitLab issues, merge requests, notes', () => {
  it('gitbeaker Issues.all returns every issue across pages', async () => {
    emu.resetStats();
    const issues = await api.Issues.all({ projectId: 'ulm/terminbuchung', perPage: 100 });
    expect(issues).toHaveLength(issuesOf().length);
    expect(emu.stats().requests).toBe(1);
    emu.resetStats();
    const paged = await api.Issues.all({ projectId: 2000, perPage: 7, scope: 'all' });
    expect(paged).toHaveLength(issuesOf().length);
    expect(emu.stats().requests).toBe(Math.ceil(issuesOf().length / 7));
    expect(new Set(paged.map((i) => i.iid)).size).toBe(issuesOf().length);
  });

  it('sets x-page, x-next-page (empty on the last page), x-total and Link like GitLab', async () => {
    const n = issuesOf().length; // 30
    const first = await get('/projects/2000/issues?per_page=20');
    expect(first.headers.get('x-page')).toBe('1');
    expect(first.headers.get('x-per-page')).toBe('20');
    expect(first.headers.get('x-next-page')).toBe('2');
    expect(first.headers.get('x-prev-page')).toBe('');
    expect(first.headers.get('x-total')).toBe(String(n));
    expect(first.headers.get('x-total-pages')).toBe('2');
    const base = `${emu.url}/gitlab/api/v4/projects/2000/issues`;
    expect(first.headers.get('link')).toBe(
      `<${base}?per_page=20&page=2>; rel="next", <${base}?per_page=20&page=1>; rel="first", <${base}?per_page=20&page=2>; rel="last"`
    );
    const last = await get('/projects/2000/issues?per_page=20&page=2');
    expect(last.headers.get('x-next-page')).toBe('');
    expect(last.headers.get('x-prev-page')).toBe('1');
    expect(((await last.json()) as unknown[]).length).toBe(n - 20);
    const def = await get('/projects/2000/issues');
    expect(((await def.json()) as unknown[]).length).toBe(20);
  });

  it('filters by state and updated_after, orders by updated_at', async () => {
    const after = '2024-01-03T00:00:00Z';
    const res = (await (
      await get(`/projects/2000/issues?state=closed&updated_after=${after}&order_by=updated_at&sort=asc&per_page=100`)
    ).json()) as {
      state: string;
      updated_at: string;
    }[];
    const expected = issuesOf().filter((i) => i.state !== 'open' && Date.parse(i.updatedAt) >= Date.parse(after));
    expect(res).toHaveLength(expected.length);
    expect(res.every((i) => i.state === 'closed')).toBe(true);
    const t = res.map((i) => Date.parse(i.updated_at));
    expect([...t].sort((a, b) => a - b)).toEqual(t);
  });

  it('counts only user notes in user_notes_count and marks system notes', async () => {
    const withSystem = issuesOf().find((i) => i.comments.some((c) => c.system)) as WorldItem;
    const issue = await api.Issues.show(withSystem.number, { projectId: 2000 });
    expect(issue.user_notes_count).toBe(withSystem.comments.filter((c) => !c.system).length);
    const notes = await api.IssueNotes.all(2000, withSystem.number);
    expect(notes).toHaveLength(withSystem.comments.length);
    expect(notes.filter((n) => n.system)).toHaveLength(1);
    expect(notes[0].noteable_type).toBe('Issue');
    // GitLab's default order: newest first.
    const created = notes.map((n) => Date.parse(String(n.created_at)));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it('lists merge requests with opened/closed/merged states and their notes', async () => {
    const mrs = await api.MergeRequests.all({ projectId: 2000, perPage: 100 });
    const pulls = main().items.filter((i) => i.kind === 'pull');
    expect(mrs).toHaveLength(pulls.length);
    expect(new Set(mrs.map((m) => m.state))).toEqual(new Set(['opened', 'closed', 'merged']));
    const merged = mrs.filter((m) => m.state === 'merged');
    expect(merged.every((m) => m.merged_at)).toBe(true);
    const onlyMerged = await api.MergeRequests.all({ projectId: 2000, state: 'merged', perPage: 100 });
    expect(onlyMerged).toHaveLength(merged.length);
    const withNotes = pulls.find((p) => p.comments.length > 0) as WorldItem;
    const notes = await api.MergeRequestNotes.all(2000, withNotes.number);
    expect(notes).toHaveLength(withNotes.comments.length);
  });

  it('answers 403 for issues of a project with issues disabled', async () => {
    expect((await get('/projects/2001/issues')).status).toBe(403);
  });

  it('serves releases, tags from git and raw files', async () => {
    const releases = await api.ProjectReleases.all(2000);
    expect(releases.map((r) => r.tag_name)).toEqual(['v1.1.0', 'v1.0.0']);
    expect(releases[0].author.username).toBe('carla');
    const tags = await api.Tags.all(2000);
    expect(tags.map((t) => t.name)).toEqual(['v1.1.0', 'v1.0.0']);
    expect(tags[0].message).toBe('Version 1.1.0');
    expect(releases[0].commit.id).toBe(tags[0].commit.id);
    const raw = await api.RepositoryFiles.showRaw(2000, 'docs/guide.md', 'main');
    expect(String(raw)).toBe('Anleitung für Entwickler*innen\n');
    expect((await get('/projects/2000/repository/files/fehlt.md/raw?ref=main')).status).toBe(404);
  });

  it('accepts PRIVATE-TOKEN and Bearer, rejects unknown tokens with 401', async () => {
    expect((await get('/projects/2000', { authorization: `Bearer ${GITLAB_TOKENS[0]}` })).status).toBe(200);
    const bad = await get('/projects/2000', { 'private-token': 'nope' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ message: '401 Unauthorized' });
  });
});

describe('GitLab above 10,000 items', () => {
  it('omits x-total, x-total-pages and rel="last" but keeps x-next-page', async () => {
    const big = makeFixtureWorld({ githubItems: 1, gitlabItems: 1 });
    const items = makeItems(10_050, ['carla', 'dieter'], 'gitlab', 1_000_000).map((i, k) => ({
      ...i,
      kind: 'issue' as const,
      number: k + 1,
      comments: []
    }));
    big.gitlab.repositories[0].items = items;
    const e = await startEmulator(big);
    try {
      const first = await fetch(`${e.url}/gitlab/api/v4/projects/2000/issues?per_page=100`);
      expect(first.headers.get('x-total')).toBeNull();
      expect(first.headers.get('x-total-pages')).toBeNull();
      expect(first.headers.get('x-next-page')).toBe('2');
      expect(first.headers.get('link')).not.toContain('rel="last"');
      const last = await fetch(`${e.url}/gitlab/api/v4/projects/2000/issues?per_page=100&page=101`);
      expect(last.headers.get('x-next-page')).toBe('');
      expect(((await last.json()) as unknown[]).length).toBe(50);
      expect(last.headers.get('link')).not.toContain('rel="next"');
      const small = await fetch(`${e.url}/gitlab/api/v4/projects/2002/issues`);
      expect(small.headers.get('x-total')).toBe('0');
    } finally {
      await e.close();
      rmSync(big.dir, { recursive: true, force: true });
    }
  });
});
