/**
 * The emulator's GitHub answers compared with real recorded GitHub responses (@octokit/fixtures):
 * every key GitHub sends must be there (except the few that need admin rights), nested users too,
 * and Link headers, redirects and error bodies have GitHub's shape.
 */
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { World } from '../world/model';
import { GITHUB_TOKENS, makeFixtureWorld } from './fixture';
import { startEmulator, type Emulator } from './server';

interface Recorded {
  method: string;
  path: string;
  status: number;
  response: unknown;
  headers: Record<string, string>;
}

const require = createRequire(import.meta.url);
const scenario = (name: string): Recorded[] =>
  require(`@octokit/fixtures/scenarios/api.github.com/${name}/normalized-fixture.json`) as Recorded[];

let world: World;
let emu: Emulator;

beforeAll(async () => {
  world = makeFixtureWorld();
  emu = await startEmulator(world);
});

afterAll(async () => {
  await emu.close();
  rmSync(world.dir, { recursive: true, force: true });
});

async function gh(path: string): Promise<Response> {
  return fetch(`${emu.url}/github${path}`, { headers: { authorization: `token ${GITHUB_TOKENS[0]}` }, redirect: 'manual' });
}

async function ghJson<T = Record<string, unknown>>(path: string): Promise<T> {
  return (await (await gh(path)).json()) as T;
}

function missingKeys(recorded: object, ours: object, except: string[] = []): string[] {
  return Object.keys(recorded).filter((k) => !(k in ours) && !except.includes(k));
}

/** Keys GitHub only sends to admins of the repository (the fixtures were recorded as one). */
const ADMIN_ONLY = [
  'allow_squash_merge',
  'allow_merge_commit',
  'allow_rebase_merge',
  'allow_auto_merge',
  'delete_branch_on_merge',
  'allow_update_branch',
  'use_squash_pr_title_as_default'
];

describe('shapes against @octokit/fixtures', () => {
  it('issues (paginate-issues): every key of the recorded issue and its user', async () => {
    const recorded = (scenario('paginate-issues')[0].response as Record<string, object>[])[0];
    const ours = (await ghJson<Record<string, object>[]>('/repos/stadt-ulm/terminbuchung/issues?state=all'))[0];
    expect(missingKeys(recorded, ours)).toEqual([]);
    expect(missingKeys(recorded.user, ours.user)).toEqual([]);
    expect(missingKeys(recorded.reactions, ours.reactions)).toEqual([]);
  });

  it('repository (get-repository): every key but the admin-only merge settings, owner and organisation', async () => {
    const recorded = scenario('get-repository')[0].response as Record<string, object>;
    const ours = await ghJson<Record<string, object>>('/repos/stadt-ulm/terminbuchung');
    expect(missingKeys(recorded, ours, ADMIN_ONLY)).toEqual([]);
    expect(missingKeys(recorded.owner, ours.owner)).toEqual([]);
    expect(missingKeys(recorded.organization, ours.organization)).toEqual([]);
    expect(missingKeys(recorded.permissions, ours.permissions)).toEqual([]);
  });

  it('release (release-assets): every key of the recorded release and its author', async () => {
    const recorded = scenario('release-assets')[0].response as Record<string, object>;
    const ours = (await ghJson<Record<string, object>[]>('/repos/stadt-ulm/terminbuchung/releases'))[0];
    expect(missingKeys(recorded, ours)).toEqual([]);
    expect(missingKeys(recorded.author, ours.author)).toEqual([]);
    const byTag = await ghJson('/repos/stadt-ulm/terminbuchung/releases/tags/v1.0.0');
    expect(byTag.tag_name).toBe('v1.0.0');
  });

  it('contents (get-content): directory entries and file body', async () => {
    const recorded = scenario('get-content');
    const dir = (recorded[0].response as object[])[0];
    const ours = (await ghJson<object[]>('/repos/stadt-ulm/terminbuchung/contents/'))[0];
    expect(missingKeys(dir, ours)).toEqual([]);
    const raw = await fetch(`${emu.url}/github/repos/stadt-ulm/terminbuchung/contents/README.md`, {
      headers: { accept: 'application/vnd.github.raw' }
    });
    expect(await raw.text()).toBe('# terminbuchung\n');
  });

  it('rename (rename-repository): 301 with Location /repositories/{id} and the same body keys', async () => {
    const recorded = scenario('rename-repository').find((r) => r.status === 301) as Recorded;
    const res = await gh('/repos/stadt-ulm/termine');
    expect(res.status).toBe(recorded.status);
    expect(res.headers.get('location')).toBe(`${emu.url}/github/repositories/1000`);
    expect(recorded.headers.location).toMatch(/\/repositories\/\d+$/);
    const body = (await res.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(Object.keys(recorded.response as object).sort());
    expect(body.message).toBe((recorded.response as Record<string, string>).message);
    const moved = await ghJson('/repositories/1000');
    expect(moved.full_name).toBe('stadt-ulm/terminbuchung');
  });

  // The recording (paginate-issues) predates GitHub's move of /issues to cursor links (see
  // PageMode in state.ts); its page-number format lives on in the other lists, so it is compared
  // on /pulls, which the emulator pages by number.
  it('Link headers (paginate-issues): same relations in the same order, pointing at /repositories/{id}', async () => {
    const rels = (link: string) =>
      [...link.matchAll(/<([^>]+)>; rel="([^"]+)"/g)].map((m) => [
        new URL(m[1]).pathname.replace(/^\/github/, '').replace(/\d+/g, 'N'),
        m[2],
        new URL(m[1]).searchParams.get('page')
      ]);
    const recorded = scenario('paginate-issues'); // per_page=3, 5 pages of 13 issues
    const big = makeFixtureWorld({ githubItems: 39, gitlabItems: 1 }); // every third item is a pull request: 13
    const e = await startEmulator(big);
    try {
      for (let page = 1; page <= 5; page++) {
        const res = await fetch(
          `${e.url}/github/repos/stadt-ulm/terminbuchung/pulls?per_page=3${page > 1 ? `&page=${page}` : ''}&state=all`
        );
        const recordedLink = recorded[page - 1].headers.link;
        const ours = res.headers.get('link') as string;
        expect(rels(ours)).toEqual(rels(recordedLink).map(([p, rel, pg]) => [p?.replace(/issues$/, 'pulls'), rel, pg]));
        expect(ours).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/github\/repositories\/1000\/pulls\?/);
      }
    } finally {
      await e.close();
      rmSync(big.dir, { recursive: true, force: true });
    }
  });

  it('rate-limit headers: the recorded set is there', async () => {
    const recorded = scenario('get-repository')[0].headers;
    const res = await gh('/repos/stadt-ulm/terminbuchung');
    for (const h of Object.keys(recorded).filter(
      (k) => k.startsWith('x-ratelimit-') || k === 'etag' || k === 'x-github-media-type' || k === 'content-type'
    )) {
      expect(res.headers.get(h), h).not.toBeNull();
    }
    expect(res.headers.get('content-type')).toBe(recorded['content-type']);
  });
});
