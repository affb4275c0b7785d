/**
 * Shared plumbing of the emulator: the lookup index over the world, the request and result types the
 * forge modules (github.ts, gitlab.ts) use, and the route table format.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ForgeKind, World, WorldAccount, WorldRepository } from '../world/model';

/** Lookups over one forge of the world. Paths and logins are matched case-insensitively, like the forges do. */
export interface ForgeIndex {
  byPath: Map<string, WorldRepository>;
  /** Earlier paths (renames) to the repository that lives there now. */
  byOldPath: Map<string, WorldRepository>;
  byId: Map<number, WorldRepository>;
  accounts: Map<string, WorldAccount>;
  accountsById: Map<number, WorldAccount>;
  /** Upstream path (lowercase) → its forge forks. */
  forks: Map<string, WorldRepository[]>;
}

export interface WorldIndex {
  github: ForgeIndex;
  gitlab: ForgeIndex;
}

function indexForge(repos: WorldRepository[], accounts: WorldAccount[]): ForgeIndex {
  const idx: ForgeIndex = {
    byPath: new Map(),
    byOldPath: new Map(),
    byId: new Map(),
    accounts: new Map(),
    accountsById: new Map(),
    forks: new Map()
  };
  for (const a of accounts) {
    idx.accounts.set(a.login.toLowerCase(), a);
    idx.accountsById.set(a.id, a);
  }
  for (const r of repos) {
    idx.byPath.set(r.path.toLowerCase(), r);
    idx.byId.set(r.id, r);
    if (r.forkOf) {
      const key = r.forkOf.toLowerCase();
      const list = idx.forks.get(key) ?? [];
      list.push(r);
      idx.forks.set(key, list);
    }
  }
  for (const r of repos) {
    for (const old of r.previousPaths) {
      const key = old.toLowerCase();
      if (!idx.byPath.has(key)) idx.byOldPath.set(key, r);
    }
  }
  return idx;
}

export function indexWorld(world: World): WorldIndex {
  return {
    github: indexForge(world.github.repositories, world.github.accounts),
    gitlab: indexForge(world.gitlab.repositories, world.gitlab.accounts)
  };
}

/** What every handler can see. */
export interface EmulatorState {
  world: World;
  index: WorldIndex;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** `${origin}/github` — what Octokit's baseUrl is set to. */
  githubApi: string;
  /** `${origin}/gitlab/api/v4` — what @gitbeaker's host `${origin}/gitlab` expands to. */
  gitlabApi: string;
  /** Web base of GitHub pages (html_url): https://github.com, never fetched. */
  githubWeb: string;
  /** Web base of GitLab pages (web_url): `${origin}/gitlab`, like a self-hosted GitLab. */
  gitlabWeb: string;
  /** The clone URL that answers give for a repository (EmulatorOptions.cloneUrl). */
  cloneUrl: (forge: ForgeKind, repo: WorldRepository) => string;
}

export interface ApiRequest {
  method: string;
  forge: ForgeKind;
  /** Decoded path parameters of the matched route. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Absolute request URL (emulator origin). */
  url: URL;
  /** Path below the forge prefix, still percent-encoded ("/repos/a/b/issues"). */
  forgePath: string;
  headers: IncomingHttpHeaders;
  /** The caller's token, already checked against the forge's tokens; null when anonymous. */
  token: string | null;
  /** The caller's rate-limit budget as it stands before this request. */
  budget: BudgetView;
}

export interface BudgetView {
  limit: number;
  used: number;
  remaining: number;
  /** Epoch seconds of the window's end. */
  reset: number;
}

export type ApiResult =
  | { type: 'json'; status?: number; body: unknown; headers?: Record<string, string> }
  | {
      /** A paginated list: the server slices it, builds the page's items and sets Link/x-* headers. */
      type: 'page';
      items: readonly unknown[];
      build: (item: never) => unknown;
      /** Path (below the forge prefix) the Link header points to; default: the request path. */
      linkPath?: string;
      /** How GitHub pages this list (see PageMode); default plain page numbers. */
      mode?: PageMode;
    }
  | { type: 'raw'; status?: number; body: Buffer; contentType: string; headers?: Record<string, string> }
  | { type: 'redirect'; status: 301 | 302 | 307; location: string; body: unknown };

export type Handler = (req: ApiRequest, state: EmulatorState) => ApiResult | Promise<ApiResult>;

export interface Route {
  method: 'GET';
  /** Segments: literal, ":name" (one segment) or "*name" (the rest, possibly empty). */
  pattern: string[];
  /** Name in the stats: "GET /repos/{owner}/{repo}/issues". */
  template: string;
  handler: Handler;
  /** Does not spend rate-limit budget (GitHub's /rate_limit). */
  free?: boolean;
}

export function route(method: 'GET', pattern: string, template: string, handler: Handler, free = false): Route {
  return { method, pattern: pattern.split('/').filter(Boolean), template: `${method} ${template}`, handler, free };
}

/** Matches decoded segments against a route pattern. */
export function matchRoute(r: Route, segments: string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < r.pattern.length; i++) {
    const p = r.pattern[i];
    if (p.startsWith('*')) {
      params[p.slice(1)] = segments.slice(i).join('/');
      return params;
    }
    if (i >= segments.length) return null;
    if (p.startsWith(':')) params[p.slice(1)] = segments[i];
    else if (p !== segments[i]) return null;
  }
  return segments.length === r.pattern.length ? params : null;
}

/**
 * GitHub's documented paging limits:
 * - `cap`: only the first N items can be listed at all ("Only the first 1000 results are available"
 *   for releases: the Link header still offers the next page, which answers 422);
 * - `cursor`: the Link header carries opaque `after=`/`before=` cursors instead of page numbers, and
 *   `page` numbers of 100 and more answer 422 ("Pagination with the page parameter is not supported
 *   for large datasets, please use cursor based pagination (after/before)", seen on
 *   /repos/{owner}/{repo}/issues; documentation_url https://docs.github.com/rest/issues/issues#list-repository-issues).
 *   The emulator's cursor is an offset, the pessimistic reading: a list that changes while it is
 *   paged shifts under it exactly as under page numbers.
 */
export type PageMode = { cap: number } | { cursor: true };

/** Typed helper for page results: keeps `build` checked against the item type. */
export function page<T>(items: readonly T[], build: (item: T) => unknown, linkPath?: string, mode?: PageMode): ApiResult {
  return { type: 'page', items, build: build as (item: never) => unknown, linkPath, mode };
}

export function json(body: unknown, status = 200, headers?: Record<string, string>): ApiResult {
  return { type: 'json', status, body, headers };
}

/** GitHub timestamps: second precision, "Z". */
export function ghTime(t: string): string;
export function ghTime(t: string | null): string | null;
export function ghTime(t: string | null): string | null {
  if (t === null) return null;
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** GitLab timestamps: millisecond precision, "Z". */
export function glTime(t: string): string;
export function glTime(t: string | null): string | null;
export function glTime(t: string | null): string | null {
  if (t === null) return null;
  return new Date(t).toISOString();
}

/** A stable positive id for things the world does not number (unknown accounts, namespaces). */
export function syntheticId(kind: string, key: string): number {
  let h = 2166136261;
  for (const ch of `${kind}:${key}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 16777619);
  }
  return 900_000_000 + ((h >>> 0) % 90_000_000);
}

/** Parses a timestamp query parameter; undefined when absent or invalid. */
export function timeParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (!v) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

export function ms(t: string): number {
  return Date.parse(t);
}
