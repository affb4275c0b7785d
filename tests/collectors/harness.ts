/**
 * Test harness for the forge collectors: an emulator over a World, a temporary database with one
 * repositories row per world repository, and helpers to run the collectors, read the facts back
 * and compute what the world says they should be.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/index';
import { repositories } from '../../db/schema';
import type { Collector, CollectContext, RequestCounters } from '../../jobs/collectors/types';
import { RepositoryError } from '../../jobs/collectors/types';
import { IdentityStore } from '../../jobs/store/identities';
import type { Catalog, ResolvedForge } from '../../src/lib/catalog/load';
import type { DataPaths } from '../../src/lib/paths';
import { cloneBaseFor } from '../emulator/catalog';
import { issueEvents } from '../emulator/github';
import { syntheticId } from '../emulator/state';
import { reviewsOf } from '../world/reviews';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server';
import { tempData, type TempData } from '../helpers/db';
import type { ForgeKind, World, WorldRepository } from '../world/model';

export const GITHUB_ENV = 'ALLMENDE_TEST_GITHUB_TOKEN';
export const GITLAB_ENV = 'ALLMENDE_TEST_OPENCODE_TOKEN';

export interface Setup {
  emulator: Emulator;
  world: World;
  forges: { github: ResolvedForge; opencode: ResolvedForge };
  catalog: Catalog;
  close(): Promise<void>;
}

export function forgeIdOf(kind: ForgeKind): 'github' | 'opencode' {
  return kind === 'github' ? 'github' : 'opencode';
}

export async function setup(world: World, options: EmulatorOptions = {}): Promise<Setup> {
  const emulator = await startEmulator(world, options);
  process.env[GITHUB_ENV] = world.github.tokens[0];
  process.env[GITLAB_ENV] = world.gitlab.tokens[0];
  const forges = {
    github: {
      id: 'github',
      type: 'github',
      api: emulator.githubUrl,
      clone: cloneBaseFor(world, 'github', emulator.url),
      tokenEnv: GITHUB_ENV,
      concurrency: 4
    } as ResolvedForge,
    opencode: {
      id: 'opencode',
      type: 'gitlab',
      api: `${emulator.gitlabHost}/api/v4`,
      clone: cloneBaseFor(world, 'gitlab', emulator.url),
      tokenEnv: GITLAB_ENV,
      concurrency: 4
    } as ResolvedForge
  };
  const catalog = {
    forgeById: new Map<string, ResolvedForge>([
      ['github', forges.github],
      ['opencode', forges.opencode]
    ])
  } as unknown as Catalog;
  return {
    emulator,
    world,
    forges,
    catalog,
    async close() {
      await emulator.close();
    }
  };
}

export interface Store {
  data: TempData;
  db: Db;
  secret: Buffer;
  /** repository key → id */
  ids: Map<string, number>;
  logs: string[];
}

/** A fresh database with one row per world repository (public and private). */
export function newStore(world: World, which: (r: WorldRepository) => boolean = () => true): Store {
  const data = tempData();
  const ids = new Map<string, number>();
  for (const kind of ['github', 'gitlab'] as const) {
    for (const r of world[kind].repositories.filter(which)) {
      const key = `${forgeIdOf(kind)}:${r.path}`;
      const row = data.db
        .insert(repositories)
        .values({ key, forgeId: forgeIdOf(kind), path: r.path, cloneUrl: `file://${r.gitDir}` })
        .returning({ id: repositories.id })
        .get();
      ids.set(key, row.id);
    }
  }
  return { data, db: data.db, secret: randomBytes(32), ids, logs: [] };
}

export interface RunResult {
  errors: Map<string, Error>;
  counters: Map<string, RequestCounters>;
  total: RequestCounters;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Repository keys to collect (default: all rows). */
  keys?: string[];
  /** Collect this many repositories at once (default 3). */
  parallel?: number;
}

/** Run the collectors over the store's repositories like the orchestrator would. */
export async function runCollectors(s: Setup, store: Store, collectors: Collector[], options: RunOptions = {}): Promise<RunResult> {
  const identities = new IdentityStore(store.db, store.secret);
  const rows = store.db
    .select()
    .from(repositories)
    .all()
    .filter((r) => !options.keys || options.keys.includes(r.key));
  const errors = new Map<string, Error>();
  const counters = new Map<string, RequestCounters>();
  const total: RequestCounters = { requests: 0, notModified: 0, items: 0 };
  const paths: DataPaths = store.data.paths;
  const queue = [...rows];
  const worker = async () => {
    for (;;) {
      const row = queue.shift();
      if (!row) return;
      const forge = s.catalog.forgeById.get(row.forgeId)!;
      const c: RequestCounters = { requests: 0, notModified: 0, items: 0 };
      counters.set(row.key, c);
      // Re-read the row: an earlier run may have changed its path.
      const repository = store.db
        .select()
        .from(repositories)
        .all()
        .find((r) => r.id === row.id)!;
      for (const collector of collectors) {
        if (!collector.handles(repository, forge)) continue;
        const ctx: CollectContext = {
          db: store.db,
          catalog: s.catalog,
          forge,
          repository,
          paths,
          identities,
          counters: c,
          signal: options.signal,
          log: (m) => store.logs.push(m)
        };
        try {
          await collector.collect(ctx);
        } catch (error) {
          if (options.signal?.aborted) throw error;
          errors.set(row.key, error as Error);
        }
      }
      total.requests += c.requests;
      total.notModified += c.notModified;
      total.items += c.items;
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 3 }, worker));
  return { errors, counters, total };
}

export function isRepositoryError(e: unknown): e is RepositoryError {
  return e instanceof RepositoryError;
}

// ─── Facts and truth ──────────────────────────────────────────────────────────────────────────

export interface RepoFacts {
  issues: number;
  pulls: number;
  /** Issue comments (GitHub) / notes (GitLab), system notes included. */
  comments: number;
  reviews: number;
  reviewComments: number;
  releases: number;
  forks: number;
}

/** Per repository key: what the database holds. */
export function factCounts(db: Db): Map<string, RepoFacts> {
  const out = new Map<string, RepoFacts>();
  const get = (key: string) => {
    let f = out.get(key);
    if (!f) out.set(key, (f = { issues: 0, pulls: 0, comments: 0, reviews: 0, reviewComments: 0, releases: 0, forks: 0 }));
    return f;
  };
  const q = <T>(sql: string) => db.$client.prepare(sql).all() as T[];
  for (const r of q<{ key: string }>('select key from repositories')) get(r.key);
  for (const r of q<{ key: string; kind: string; n: number }>(
    'select r.key, i.kind, count(*) n from items i join repositories r on r.id = i.repository_id group by 1, 2'
  )) {
    get(r.key)[r.kind === 'issue' ? 'issues' : 'pulls'] = r.n;
  }
  for (const r of q<{ key: string; kind: string; n: number }>(
    'select r.key, c.kind, count(*) n from comments c join repositories r on r.id = c.repository_id group by 1, 2'
  )) {
    const f = get(r.key);
    if (r.kind === 'review') f.reviews = r.n;
    else if (r.kind === 'review_comment') f.reviewComments = r.n;
    else f.comments += r.n;
  }
  for (const r of q<{ key: string; n: number }>(
    'select r.key, count(*) n from releases x join repositories r on r.id = x.repository_id group by 1'
  ))
    get(r.key).releases = r.n;
  for (const r of q<{ key: string; n: number }>(
    'select r.key, count(*) n from forks x join repositories r on r.id = x.repository_id group by 1'
  ))
    get(r.key).forks = r.n;
  return out;
}

/** Per repository key: what the world says the collectors should store (public repositories). */
export function worldCounts(world: World): Map<string, RepoFacts> {
  const out = new Map<string, RepoFacts>();
  for (const kind of ['github', 'gitlab'] as const) {
    for (const r of world[kind].repositories) {
      if (r.visibility !== 'public') continue;
      const items = r.items.filter((i) => r.hasIssues || i.kind === 'pull');
      const forks = world[kind].repositories.filter(
        (f) => f.visibility === 'public' && f.forkOf?.toLowerCase() === r.path.toLowerCase()
      ).length;
      out.set(`${forgeIdOf(kind)}:${r.path}`, {
        issues: items.filter((i) => i.kind === 'issue').length,
        pulls: items.filter((i) => i.kind === 'pull').length,
        comments:
          kind === 'github'
            ? items.reduce((n, i) => n + i.comments.length, 0)
            : // GitLab: notes are read for items with user notes only (system notes of those included).
              items.filter((i) => i.comments.some((c) => !c.system)).reduce((n, i) => n + i.comments.length, 0),
        // GitLab: approvals are the reviews, one per approver (the emulator's glApprovals).
        reviews: items.reduce((n, i) => n + reviewsOf(kind, i).length, 0),
        reviewComments: kind === 'github' ? items.reduce((n, i) => n + i.reviewComments.length, 0) : 0,
        releases: r.releases.filter((x) => !x.draft).length,
        forks
      });
    }
  }
  return out;
}

/**
 * The least number of requests any client needs for a first full collection of a repository:
 * per endpoint ceil(items/100), at least one per endpoint that must be asked (metadata, item
 * lists, releases; comment lists only when there are comments, forks only when forks_count > 0;
 * reviews (GitLab: approvals) exist per pull/merge request only, so one per pull request;
 * GitHub's issue events only when an item was closed; the default branch's protection once a day:
 * GitHub two requests, the branch and its ruleset rules, GitLab one for the branch and one more for
 * the settings of a protected branch).
 */
export function minimalRequests(world: World, r: WorldRepository): number {
  const ceil = (n: number) => Math.ceil(n / 100);
  const kind = r.forge;
  const items = r.items.filter((i) => r.hasIssues || i.kind === 'pull');
  const forks = world[kind].repositories.filter(
    (f) => f.visibility === 'public' && f.forkOf?.toLowerCase() === r.path.toLowerCase()
  ).length;
  const releases = r.releases.filter((x) => !x.draft).length;
  let n = 1 + Math.max(1, ceil(releases)) + ceil(forks);
  if (kind === 'github') {
    const pulls = items.filter((i) => i.kind === 'pull');
    n += Math.max(1, ceil(items.length));
    n += ceil(items.reduce((s, i) => s + i.comments.length, 0));
    n += ceil(pulls.reduce((s, i) => s + i.reviewComments.length, 0));
    n += pulls.reduce((s, i) => s + Math.max(1, ceil(i.reviews.length)), 0);
    // Closers from the issue events, asked only when an item was closed.
    n += ceil(issueEvents(r).length);
    n += 2;
  } else {
    const issues = items.filter((i) => i.kind === 'issue');
    const mrs = items.filter((i) => i.kind === 'pull');
    if (r.hasIssues) n += Math.max(1, ceil(issues.length));
    n += Math.max(1, ceil(mrs.length));
    for (const i of items) if (i.comments.some((c) => !c.system)) n += Math.max(1, ceil(i.comments.length));
    // Approvals exist per merge request only.
    n += mrs.length;
    n += r.protection?.via === 'protected-branch' ? 2 : 1;
  }
  return n;
}

/** Author logins of the stored facts, per repository key, for comparison with the world. */
export function storedAuthors(db: Db): Map<string, string[]> {
  const rows = db.$client
    .prepare(
      `select r.key, 'item:' || i.kind || ':' || i.number || ':' || coalesce(p.login, '') a from items i join repositories r on r.id = i.repository_id left join identities p on p.id = i.author_identity_id
       union all select r.key, 'comment:' || c.kind || ':' || c.forge_comment_id || ':' || coalesce(p.login, '') from comments c join repositories r on r.id = c.repository_id left join identities p on p.id = c.author_identity_id
       union all select r.key, 'release:' || x.tag_name || ':' || coalesce(p.login, '') from releases x join repositories r on r.id = x.repository_id left join identities p on p.id = x.author_identity_id`
    )
    .all() as { key: string; a: string }[];
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.key, [...(out.get(r.key) ?? []), r.a]);
  for (const v of out.values()) v.sort();
  return out;
}

export function worldAuthors(world: World): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const kind of ['github', 'gitlab'] as const) {
    for (const r of world[kind].repositories) {
      if (r.visibility !== 'public') continue;
      const list: string[] = [];
      const items = r.items.filter((i) => r.hasIssues || i.kind === 'pull');
      for (const i of items) {
        list.push(`item:${i.kind}:${i.number}:${i.author}`);
        const withNotes = kind === 'github' || i.comments.some((c) => !c.system);
        if (withNotes) for (const c of i.comments) list.push(`comment:${kind === 'github' ? 'comment' : 'note'}:${c.id}:${c.author}`);
        for (const c of i.reviewComments) list.push(`comment:review_comment:${c.id}:${c.author}`);
        for (const v of i.reviews) list.push(`comment:review:${v.id}:${v.author}`);
        if (kind === 'gitlab') {
          for (const { author: login } of reviewsOf('gitlab', i)) {
            const account = world.gitlab.accounts.find((a) => a.login.toLowerCase() === login.toLowerCase());
            const id = account?.id ?? syntheticId('gitlab-user', login.toLowerCase());
            list.push(`comment:review:approval:${i.number}:${id}:${account?.login ?? login}`);
          }
        }
      }
      for (const x of r.releases) if (!x.draft) list.push(`release:${x.tagName}:${x.author}`);
      out.set(`${forgeIdOf(kind)}:${r.path}`, list.sort());
    }
  }
  return out;
}

/** All fact tables as comparable rows (ids of identities replaced by logins). */
export function dumpForgeFacts(db: Db): Record<string, unknown[]> {
  const q = (sql: string) => db.$client.prepare(sql).all();
  return {
    repositories: q(
      `select key, path, forge_repo_id, clone_url, web_url, description, default_branch, archived, is_fork, fork_parent, license_spdx, topics, has_issues, created_at, pushed_at from repositories order by key`
    ),
    items:
      q(`select r.key, i.kind, i.number, i.forge_item_id, i.title, i.state, a.login author, i.labels, i.created_at, i.updated_at, i.closed_at, i.merged_at, c.login closer, i.comment_count
      from items i join repositories r on r.id = i.repository_id left join identities a on a.id = i.author_identity_id left join identities c on c.id = i.closed_by_identity_id order by 1, 2, 3`),
    comments: q(`select r.key, c.kind, c.forge_comment_id, c.item_kind, c.item_number, a.login author, c.created_at, c.system
      from comments c join repositories r on r.id = c.repository_id left join identities a on a.id = c.author_identity_id order by 1, 2, 3`),
    releases: q(`select r.key, x.forge_release_id, x.tag_name, x.name, a.login author, x.created_at, x.published_at, x.prerelease
      from releases x join repositories r on r.id = x.repository_id left join identities a on a.id = x.author_identity_id order by 1, 2`),
    forks: q(
      `select r.key, f.fork_key, f.forge_repo_id, f.owner_account, f.created_at, f.pushed_at from forks f join repositories r on r.id = f.repository_id order by 1, 2`
    ),
    identities: q(`select source, login, forge_user_id, forge_bot from identities order by source, login`),
    cursors: q(`select r.key, c.resource, c.value from cursors c join repositories r on r.id = c.repository_id order by 1, 2`)
  };
}
