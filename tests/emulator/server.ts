/**
 * The forge emulator (DESIGN §9): one node:http server on 127.0.0.1 that speaks the GitHub REST v3
 * subset under `${url}/github` (Octokit baseUrl) and the GitLab v4 subset under
 * `${url}/gitlab/api/v4` (@gitbeaker/rest host `${url}/gitlab`), from a World.
 *
 * Protocol behaviour: Link pagination (and GitLab's x-* headers), strong ETags with If-None-Match
 * → 304, a per-token hourly budget with the forges' rate-limit headers, 401 for unknown tokens,
 * faults on demand from a seed. Every forge request is counted (GET /_emulator/stats).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname } from 'node:path';
import type { ForgeKind, World, WorldRepository } from '../world/model';
import { cloneBaseFor } from './catalog';
import { clearGitCache, gitObject } from './git';
import { githubRoutes } from './github';
import { gitlabRoutes } from './gitlab';
import { requestDice } from './prng';
import { indexWorld, matchRoute, type ApiRequest, type ApiResult, type BudgetView, type EmulatorState, type Route } from './state';

export interface FaultOptions {
  /** Seed of the fault dice; the same seed and request sequence give the same faults. */
  seed?: string | number;
  /** Share of requests answered with a 5xx (500, 502 or 503). */
  serverErrorRate?: number;
  /** Share of requests delayed by slowMs before they are answered. */
  slowRate?: number;
  slowMs?: number;
  /** Share of requests whose connection is destroyed without an answer. */
  dropRate?: number;
  /** Share of requests that get their headers and half the body, then a destroyed connection. */
  truncateRate?: number;
  /** Every N-th request answers with a secondary rate limit (Retry-After: 1). */
  secondaryLimitEvery?: number;
  /** The budget of every token runs out after N budget-spending requests … */
  exhaustAfter?: number;
  /** … and comes back after this many milliseconds (default 2000). */
  exhaustResetMs?: number;
}

export interface EmulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  faults?: FaultOptions | null;
  /** Budget per token and window (default: GitHub 5,000 an hour; GitLab 100,000, as good as none). */
  rateLimitPerHour?: number;
  /** Budget of unauthenticated GitHub requests (default 60). */
  anonymousRateLimit?: number;
  /** Length of a rate-limit window (default one hour; tests use e.g. 2000). */
  rateLimitWindowMs?: number;
  /** GitHub answers an exhausted primary limit with 403 (default) or 429; GitLab always 429. */
  primaryLimitStatus?: 403 | 429;
  /**
   * The clone URL a forge answer gives for a repository (GitHub `clone_url`, GitLab
   * `http_url_to_repo`); default `${cloneBaseFor(world, forge)}/${path}.git`, as on the real forges.
   * Tests of hostile answers return something else.
   */
  cloneUrl?: (forge: ForgeKind, repo: WorldRepository) => string;
  /**
   * GitLab documents no ETags for its REST API and counts every request against its limits
   * (https://docs.gitlab.com/api/rest/): by default the emulator sends none for GitLab. true: it
   * does, as some GitLab versions' Rack middleware happens to.
   */
  gitlabEtags?: boolean;
  /**
   * GitLab application limits per route template and window (e.g. `{ 'GET /projects/:id': 400 }`,
   * https://docs.gitlab.com/administration/settings/rate_limit_on_projects_api/): beyond them 429
   * *without* Retry-After until the window (default 60 s, `applicationLimitWindowMs`) ends.
   */
  gitlabApplicationLimits?: Record<string, number>;
  applicationLimitWindowMs?: number;
}

/** What a request hook sees: the request's index, forge, route template and URL. */
export interface RequestInfo {
  n: number;
  forge: ForgeKind;
  endpoint: string;
  url: URL;
}

export interface EmulatorStats {
  /** Repositories the world holds on its forges (public and private). */
  repositories: number;
  /** Forge requests received (not /_emulator/*). */
  requests: number;
  /** 304 answers. */
  notModified: number;
  /** Requests that spent rate-limit budget. */
  rateLimited: number;
  /** "<method> <route template>" → requests. */
  byEndpoint: Record<string, number>;
  /** token (or "anonymous") → requests. */
  byToken: Record<string, number>;
}

export type FaultKind = 'drop' | 'server-error' | 'secondary-limit' | 'slow' | 'truncate';

export interface FaultEvent {
  /** 1-based index of the forge request since start, reset() or setFaults(). */
  n: number;
  fault: FaultKind;
  method: string;
  path: string;
}

export interface WorldCensus {
  repositories: number;
  issues: number;
  pulls: number;
  comments: number;
  reviews: number;
  releases: number;
}

export interface AdvanceSummary {
  days: number;
  from: string;
  now: string;
  before: WorldCensus;
  after: WorldCensus;
  /** Items (issues and pulls) updated after the previous "now". */
  updatedItems: number;
  /** Whatever advanceWorld returned, unless it was the world itself. */
  result?: unknown;
}

export interface Emulator {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  readonly port: number;
  /** Octokit baseUrl: `${url}/github`. */
  readonly githubUrl: string;
  /** @gitbeaker/rest host: `${url}/gitlab` (its API lives at `${url}/gitlab/api/v4`). */
  readonly gitlabHost: string;
  readonly world: World;
  stats(): EmulatorStats;
  /** Clears stats, rate-limit budgets and the fault counter. */
  reset(): void;
  resetStats(): void;
  setFaults(faults: FaultOptions | null): void;
  faultLog(): FaultEvent[];
  /** Advances the world with tests/world/advance.ts (must exist) and drops caches. */
  advance(days: number): Promise<AdvanceSummary>;
  /**
   * Runs before each forge request is answered (after counting): tests change the world there,
   * e.g. edit an item between two pages of a list. null removes it.
   */
  onRequest(hook: ((info: RequestInfo) => void) | null): void;
  close(): Promise<void>;
}

interface Bucket {
  limit: number;
  used: number;
  resetAt: number;
}

const GITHUB_DOCS = 'https://docs.github.com/rest';
const GITLAB_TOTAL_LIMIT = 10_000;

function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

function sleep(msec: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, msec));
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function header(h: http.IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The token a request carries; a malformed Authorization yields a string no forge accepts. */
function readToken(forge: ForgeKind, h: http.IncomingHttpHeaders): string | null {
  const auth = header(h, 'authorization');
  if (forge === 'gitlab') {
    const pt = header(h, 'private-token') ?? header(h, 'job-token');
    if (pt) return pt;
  }
  if (!auth) return null;
  const m = (forge === 'github' ? /^(?:token|bearer)\s+(\S+)\s*$/i : /^bearer\s+(\S+)\s*$/i).exec(auth);
  return m ? m[1] : `\u0000invalid:${auth}`;
}

export function census(world: World): WorldCensus {
  const c: WorldCensus = { repositories: 0, issues: 0, pulls: 0, comments: 0, reviews: 0, releases: 0 };
  for (const forge of [world.github, world.gitlab]) {
    for (const r of forge.repositories) {
      c.repositories++;
      c.releases += r.releases.length;
      for (const i of r.items) {
        if (i.kind === 'issue') c.issues++;
        else c.pulls++;
        c.comments += i.comments.length + i.reviewComments.length;
        c.reviews += i.reviews.length;
      }
    }
  }
  return c;
}

/** Thrown when tests/world/advance.ts cannot be loaded (POST /_emulator/advance answers 501). */
export class AdvanceUnavailable extends Error {
  override name = 'AdvanceUnavailable';
}

/** advanceWorld's answer without the (large) recomputed truth. */
function withoutTruth(result: unknown): unknown {
  if (typeof result !== 'object' || result === null || !('truth' in result)) return result;
  const { truth: _truth, ...rest } = result as Record<string, unknown>;
  return rest;
}

function isWorld(x: unknown): x is World {
  return typeof x === 'object' && x !== null && 'github' in x && 'gitlab' in x && 'now' in x;
}

export async function startEmulator(world: World, opts: EmulatorOptions = {}): Promise<Emulator> {
  const rateLimit = opts.rateLimitPerHour ?? 5000;
  const anonymousLimit = opts.anonymousRateLimit ?? 60;
  const windowMs = opts.rateLimitWindowMs ?? 3_600_000;
  // A self-managed GitLab such as OpenCoDE has its user and IP rate limits disabled by default
  // (docs.gitlab.com/administration/settings/user_and_ip_rate_limits/); what limits it are the
  // application limits (gitlabApplicationLimits). The budget is kept (headers, tests) but large;
  // explicit options apply to both forges.
  const gitlabLimit = opts.rateLimitPerHour ?? 100_000;
  const gitlabWindowMs = opts.rateLimitWindowMs ?? 3_600_000;
  const primaryStatus = opts.primaryLimitStatus ?? 403;
  let faults: FaultOptions | null = opts.faults ?? null;
  let requestHook: ((info: RequestInfo) => void) | null = null;
  const applicationWindowMs = opts.applicationLimitWindowMs ?? 60_000;
  const applicationUse = new Map<string, { window: number; used: number }>();
  /** Whether a GitLab application limit refuses this request (fixed windows, as GitLab counts). */
  const applicationLimited = (endpoint: string, token: string | null): boolean => {
    const limit = opts.gitlabApplicationLimits?.[endpoint];
    if (limit === undefined) return false;
    const window = Math.floor(Date.now() / applicationWindowMs);
    const key = `${endpoint}|${token ?? 'anonymous'}`;
    const use = applicationUse.get(key);
    if (!use || use.window !== window) {
      applicationUse.set(key, { window, used: 1 });
      return false;
    }
    use.used++;
    return use.used > limit;
  };

  const state: EmulatorState = {
    world,
    index: indexWorld(world),
    origin: '',
    githubApi: '',
    gitlabApi: '',
    githubWeb: 'https://github.com',
    gitlabWeb: '',
    cloneUrl: (forge, repo) => opts.cloneUrl?.(forge, repo) ?? `${cloneBase(forge)}/${repo.path}.git`
  };
  const cloneBases = new Map<ForgeKind, string>();
  const cloneBase = (forge: ForgeKind): string => {
    if (!cloneBases.has(forge)) cloneBases.set(forge, cloneBaseFor(state.world, forge, state.origin));
    return cloneBases.get(forge)!;
  };
  const routes: Record<ForgeKind, Route[]> = { github: githubRoutes(), gitlab: gitlabRoutes() };

  let stats: EmulatorStats = emptyStats();
  let buckets = new Map<string, Bucket>();
  let requestCounter = 0;
  let faultEvents: FaultEvent[] = [];

  function emptyStats(): EmulatorStats {
    return {
      repositories: state.world.github.repositories.length + state.world.gitlab.repositories.length,
      requests: 0,
      notModified: 0,
      rateLimited: 0,
      byEndpoint: {},
      byToken: {}
    };
  }

  function bucketFor(forge: ForgeKind, token: string | null): Bucket {
    const key = `${forge}\u0000${token ?? 'anonymous'}`;
    const now = Date.now();
    let b = buckets.get(key);
    if (!b || now >= b.resetAt) {
      let limit = token === null && forge === 'github' ? anonymousLimit : forge === 'gitlab' ? gitlabLimit : rateLimit;
      let window = forge === 'gitlab' ? gitlabWindowMs : windowMs;
      if (faults?.exhaustAfter !== undefined) {
        limit = Math.min(limit, faults.exhaustAfter);
        window = Math.min(windowMs, faults.exhaustResetMs ?? 2000);
      }
      b = { limit, used: 0, resetAt: now + window };
      buckets.set(key, b);
    }
    return b;
  }

  function view(b: Bucket): BudgetView {
    return { limit: b.limit, used: b.used, remaining: Math.max(0, b.limit - b.used), reset: Math.ceil(b.resetAt / 1000) };
  }

  function rateHeaders(forge: ForgeKind, token: string | null, b: Bucket): Record<string, string> {
    const v = view(b);
    if (forge === 'github') {
      return {
        'x-ratelimit-limit': String(v.limit),
        'x-ratelimit-remaining': String(v.remaining),
        'x-ratelimit-reset': String(v.reset),
        'x-ratelimit-used': String(v.used),
        'x-ratelimit-resource': 'core'
      };
    }
    return {
      'ratelimit-name': token ? 'throttle_authenticated_api' : 'throttle_unauthenticated_api',
      'ratelimit-limit': String(v.limit),
      'ratelimit-observed': String(v.used),
      'ratelimit-remaining': String(v.remaining),
      'ratelimit-reset': String(v.reset),
      'ratelimit-resettime': new Date(v.reset * 1000).toUTCString()
    };
  }

  function baseHeaders(forge: ForgeKind, token: string | null, n: number): Record<string, string> {
    if (forge === 'github') {
      return {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': token ? 'private, max-age=60, s-maxage=60' : 'public, max-age=60, s-maxage=60',
        vary: 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding',
        'x-github-media-type': 'github.v3; format=json',
        'x-github-api-version-selected': '2022-11-28',
        'x-github-request-id': `EMU0:${n.toString(16).toUpperCase().padStart(6, '0')}`,
        'access-control-expose-headers':
          'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset'
      };
    }
    return {
      'content-type': 'application/json',
      'cache-control': 'max-age=0, private, must-revalidate',
      vary: 'Origin, Accept-Encoding',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'x-request-id': `emu${n.toString(36).padStart(8, '0')}`
    };
  }

  function sendJson(res: http.ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
    const buf = Buffer.from(JSON.stringify(body));
    res.writeHead(status, { ...headers, 'content-length': String(buf.length) });
    res.end(buf);
  }

  function notFoundBody(forge: ForgeKind): unknown {
    return forge === 'github' ? { message: 'Not Found', documentation_url: GITHUB_DOCS, status: '404' } : { message: '404 Not Found' };
  }

  function encodeCursor(offset: number): string {
    return Buffer.from(`cursor:v2:${offset}`).toString('base64url');
  }

  function decodeCursor(cursor: string | null): number | null {
    if (!cursor) return null;
    const m = /^cursor:v2:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    return m ? Number(m[1]) : null;
  }

  /** Slices a list result and computes Link and (GitLab) x-* headers; null body: the page is refused (422). */
  async function paginate(
    forge: ForgeKind,
    result: Extract<ApiResult, { type: 'page' }>,
    url: URL,
    forgePath: string
  ): Promise<{ body: unknown[]; headers: Record<string, string> } | { refused: string }> {
    const q = url.searchParams;
    const defaultPer = forge === 'github' ? 30 : 20;
    const perRaw = Number(q.get('per_page'));
    const per = Number.isInteger(perRaw) && perRaw > 0 ? Math.min(100, perRaw) : defaultPer;
    const pageRaw = Number(q.get('page'));
    const pageNo = Number.isInteger(pageRaw) && pageRaw > 0 ? pageRaw : 1;
    const mode = forge === 'github' ? result.mode : undefined;
    const cursorMode = mode !== undefined && 'cursor' in mode;
    const after = cursorMode ? decodeCursor(q.get('after')) : null;
    const before = cursorMode ? decodeCursor(q.get('before')) : null;
    if (cursorMode && ((q.has('after') && after === null) || (q.has('before') && before === null))) return { refused: 'Invalid cursor' };
    if (cursorMode && pageRaw >= 100 && after === null && before === null) {
      return {
        refused: 'Pagination with the page parameter is not supported for large datasets, please use cursor based pagination (after/before)'
      };
    }
    const start = after ?? (before !== null ? Math.max(0, before - per) : (pageNo - 1) * per);
    const cap = mode !== undefined && 'cap' in mode ? mode.cap : Infinity;
    if (start >= cap && start > 0) return { refused: `Only the first ${cap} results are available.` };
    const total = result.items.length;
    const lastPage = Math.max(1, Math.ceil(total / per));
    const slice = result.items.slice(start, Math.min(start + per, cap));
    const body = await Promise.all(slice.map((x) => result.build(x as never)));
    const apiBase = forge === 'github' ? state.githubApi : state.gitlabApi;
    const linkPath = result.linkPath ?? forgePath;
    const linkTo = (p: number): string => {
      const params = new URLSearchParams(q);
      if (forge === 'gitlab') {
        params.set('page', String(p));
        params.set('per_page', String(per));
      } else {
        params.set('page', String(p));
      }
      return `${apiBase}${linkPath}?${params.toString()}`;
    };
    const cursorTo = (rel: 'after' | 'before', offset: number): string => {
      const params = new URLSearchParams(q);
      params.delete('page');
      params.delete('after');
      params.delete('before');
      params.set(rel, encodeCursor(offset));
      return `${apiBase}${linkPath}?${params.toString()}`;
    };
    const links: string[] = [];
    const headers: Record<string, string> = {};
    const hasPrev = start > 0;
    const hasNext = start + per < total;
    if (cursorMode) {
      // Cursor lists name no "last" page (GitHub cannot count them cheaply either).
      if (hasPrev) links.push(`<${cursorTo('before', start)}>; rel="prev"`);
      if (hasNext) links.push(`<${cursorTo('after', start + per)}>; rel="next"`);
    } else if (forge === 'github') {
      // GitHub's order: prev, next, last, first; no first/prev on page 1, no next/last on the last page.
      if (hasPrev) links.push(`<${linkTo(Math.min(pageNo - 1, lastPage))}>; rel="prev"`);
      if (hasNext) links.push(`<${linkTo(pageNo + 1)}>; rel="next"`, `<${linkTo(lastPage)}>; rel="last"`);
      if (hasPrev) links.push(`<${linkTo(1)}>; rel="first"`);
    } else {
      // GitLab's order: prev, next, first, last; without totals (more than 10,000 items) no "last".
      const counted = total <= GITLAB_TOTAL_LIMIT;
      if (hasPrev) links.push(`<${linkTo(pageNo - 1)}>; rel="prev"`);
      if (hasNext) links.push(`<${linkTo(pageNo + 1)}>; rel="next"`);
      links.push(`<${linkTo(1)}>; rel="first"`);
      if (counted) links.push(`<${linkTo(lastPage)}>; rel="last"`);
      headers['x-page'] = String(pageNo);
      headers['x-per-page'] = String(per);
      headers['x-next-page'] = hasNext ? String(pageNo + 1) : '';
      headers['x-prev-page'] = hasPrev ? String(pageNo - 1) : '';
      if (counted) {
        headers['x-total'] = String(total);
        headers['x-total-pages'] = String(lastPage);
      }
    }
    if (links.length) headers.link = links.join(', ');
    return { body, headers };
  }

  function decideFaults(n: number): { drop: boolean; serverError: number; secondary: boolean; slowMs: number; truncate: boolean } {
    const none = { drop: false, serverError: 0, secondary: false, slowMs: 0, truncate: false };
    if (!faults) return none;
    const dice = requestDice(faults.seed ?? 0, n);
    // Always draw the same number of values, so one fault's rate does not shift another's dice.
    const [rDrop, rErr, rTrunc, rSlow, rPick] = [dice(), dice(), dice(), dice(), dice()];
    return {
      drop: (faults.dropRate ?? 0) > rDrop,
      serverError: (faults.serverErrorRate ?? 0) > rErr ? [500, 502, 503][Math.floor(rPick * 3)] : 0,
      secondary: faults.secondaryLimitEvery !== undefined && faults.secondaryLimitEvery > 0 && n % faults.secondaryLimitEvery === 0,
      slowMs: (faults.slowRate ?? 0) > rSlow ? (faults.slowMs ?? 2000) : 0,
      truncate: (faults.truncateRate ?? 0) > rTrunc
    };
  }

  async function handleForge(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    forge: ForgeKind,
    forgePath: string
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const rawSegments = forgePath.split('/').filter(Boolean);
    const segments = rawSegments.map(safeDecode);
    let matched: Route | undefined;
    let params: Record<string, string> | null = null;
    if (!segments.includes(null)) {
      for (const r of routes[forge]) {
        if (r.method !== method) continue;
        params = matchRoute(r, segments as string[]);
        if (params) {
          matched = r;
          break;
        }
      }
    }
    const token = readToken(forge, req.headers);
    const tokenKey = token === null ? 'anonymous' : token.startsWith('\u0000invalid:') ? 'invalid' : token;
    const endpoint = matched?.template ?? `${method} (unmatched)`;
    stats.requests++;
    stats.byEndpoint[endpoint] = (stats.byEndpoint[endpoint] ?? 0) + 1;
    stats.byToken[tokenKey] = (stats.byToken[tokenKey] ?? 0) + 1;

    const n = ++requestCounter;
    requestHook?.({ n, forge, endpoint, url });
    const plan = decideFaults(n);
    const logFault = (fault: FaultKind) => faultEvents.push({ n, fault, method, path: url.pathname + url.search });
    const base = baseHeaders(forge, token, n);

    if (plan.drop) {
      logFault('drop');
      req.socket.destroy();
      return;
    }
    if (plan.serverError) {
      logFault('server-error');
      const msg = plan.serverError === 503 ? 'Service Unavailable' : plan.serverError === 502 ? 'Bad Gateway' : 'Server Error';
      sendJson(res, plan.serverError, base, forge === 'github' ? { message: msg } : { message: `${plan.serverError} ${msg}` });
      return;
    }
    const known = token === null || state.world[forge].tokens.includes(token);
    if (plan.secondary) {
      logFault('secondary-limit');
      const b = bucketFor(forge, known ? token : null);
      if (forge === 'github') {
        sendJson(
          res,
          403,
          { ...base, ...rateHeaders(forge, token, b), 'retry-after': '1' },
          {
            message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${base['x-github-request-id']}.`,
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            status: '403'
          }
        );
      } else {
        const body = Buffer.from('Retry later\n');
        res.writeHead(429, {
          ...base,
          ...rateHeaders(forge, token, b),
          'content-type': 'text/plain',
          'retry-after': '1',
          'content-length': String(body.length)
        });
        res.end(body);
      }
      return;
    }
    if (plan.slowMs) {
      logFault('slow');
      await sleep(plan.slowMs);
    }

    if (!known) {
      sendJson(
        res,
        401,
        base,
        forge === 'github' ? { message: 'Bad credentials', documentation_url: GITHUB_DOCS, status: '401' } : { message: '401 Unauthorized' }
      );
      return;
    }

    const bucket = bucketFor(forge, token);
    if (forge === 'gitlab' && applicationLimited(endpoint, token)) {
      // GitLab counts the refused request too, and names no Retry-After for application limits.
      bucket.used++;
      stats.rateLimited++;
      const body = Buffer.from('Retry later\n');
      res.writeHead(429, { ...base, 'content-type': 'text/plain', 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    if (!matched?.free && bucket.used >= bucket.limit) {
      const rh = rateHeaders(forge, token, bucket);
      const retryAfter = String(Math.max(1, Math.ceil((bucket.resetAt - Date.now()) / 1000)));
      if (forge === 'github') {
        const who = token ? `user ID ${1000 + (state.world.github.tokens.indexOf(token) + 1)}` : '127.0.0.1';
        const extra = token
          ? ` If you reach out to GitHub Support for help, please include the request ID ${base['x-github-request-id']} and timestamp ${new Date()
              .toISOString()
              .replace('T', ' ')
              .replace(/\.\d+Z$/, ' UTC')}.`
          : " (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)";
        sendJson(
          res,
          primaryStatus,
          { ...base, ...rh },
          {
            message: `API rate limit exceeded for ${who}.${extra}`,
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
            status: String(primaryStatus)
          }
        );
      } else {
        const body = Buffer.from('Retry later\n');
        res.writeHead(429, {
          ...base,
          ...rh,
          'content-type': 'text/plain',
          'retry-after': retryAfter,
          'content-length': String(body.length)
        });
        res.end(body);
      }
      return;
    }

    const spend = () => {
      if (matched?.free) return;
      bucket.used++;
      stats.rateLimited++;
    };

    let result: ApiResult;
    if (!matched || !params) {
      result = { type: 'json', status: 404, body: notFoundBody(forge) };
    } else {
      const apiReq: ApiRequest = {
        method,
        forge,
        params,
        query: url.searchParams,
        url,
        forgePath,
        headers: req.headers,
        token,
        budget: view(bucket)
      };
      result = await matched.handler(apiReq, state);
    }

    let status: number;
    let body: Buffer;
    const headers: Record<string, string> = { ...base };
    switch (result.type) {
      case 'json':
        status = result.status ?? 200;
        body = Buffer.from(JSON.stringify(result.body));
        Object.assign(headers, result.headers);
        break;
      case 'page': {
        const p = await paginate(forge, result, url, forgePath);
        if ('refused' in p) {
          status = 422;
          body = Buffer.from(JSON.stringify({ message: p.refused, documentation_url: GITHUB_DOCS, status: '422' }));
          break;
        }
        status = 200;
        body = Buffer.from(JSON.stringify(p.body));
        Object.assign(headers, p.headers);
        break;
      }
      case 'raw':
        status = result.status ?? 200;
        body = result.body;
        headers['content-type'] = result.contentType;
        Object.assign(headers, result.headers);
        break;
      case 'redirect':
        status = result.status;
        body = Buffer.from(JSON.stringify(result.body));
        headers.location = result.location;
        break;
    }

    if (status === 200 && (forge === 'github' || opts.gitlabEtags)) {
      const etag = `"${sha256(body)}"`;
      headers.etag = etag;
      const inm = header(req.headers, 'if-none-match');
      if (inm && inm.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)) {
        stats.notModified++;
        // An authorised conditional request answered 304 costs nothing on GitHub; GitLab counts every request.
        if (token === null || forge === 'gitlab') spend();
        const h: Record<string, string> = {
          ...rateHeaders(forge, token, bucket),
          etag,
          'cache-control': headers['cache-control'],
          vary: headers.vary
        };
        if (forge === 'github') h['x-github-request-id'] = headers['x-github-request-id'];
        res.writeHead(304, h);
        res.end();
        return;
      }
    }
    spend();
    Object.assign(headers, rateHeaders(forge, token, bucket));
    headers['content-length'] = String(body.length);
    res.writeHead(status, headers);
    if (plan.truncate && body.length > 1) {
      logFault('truncate');
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
      return;
    }
    res.end(body);
  }

  // -------------------------------------------------------------------------------------------
  // /_emulator/*: control, git over smart HTTP, avatars, raw files. Never counted, never faulted.

  async function readBody(req: http.IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  function findRepoBySegments(forge: ForgeKind, segs: string[]): { repo: WorldRepository; rest: string[] } | null {
    const idx = state.index[forge];
    for (let k = segs.length; k >= 1; k--) {
      const candidate = segs
        .slice(0, k)
        .join('/')
        .replace(/\.git$/, '')
        .toLowerCase();
      const repo = idx.byPath.get(candidate) ?? idx.byOldPath.get(candidate);
      if (repo && repo.visibility === 'public') return { repo, rest: segs.slice(k) };
    }
    return null;
  }

  function gitHttpBackend(req: http.IncomingMessage, res: http.ServerResponse, url: URL, repo: WorldRepository, rest: string[]): void {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GIT_PROJECT_ROOT: dirname(repo.gitDir),
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: `/${basename(repo.gitDir)}/${rest.join('/')}`,
      REQUEST_METHOD: req.method ?? 'GET',
      QUERY_STRING: url.search.replace(/^\?/, ''),
      CONTENT_TYPE: header(req.headers, 'content-type') ?? '',
      REMOTE_ADDR: '127.0.0.1',
      GIT_PROTOCOL: header(req.headers, 'git-protocol') ?? '',
      HTTP_CONTENT_ENCODING: header(req.headers, 'content-encoding') ?? '',
      // Like GitHub and GitLab: partial clones (--filter=blob:none) and fetching missing blobs by id.
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'uploadpack.allowFilter',
      GIT_CONFIG_VALUE_0: 'true',
      GIT_CONFIG_KEY_1: 'uploadpack.allowAnySHA1InWant',
      GIT_CONFIG_VALUE_1: 'true'
    };
    const cl = header(req.headers, 'content-length');
    if (cl) env.CONTENT_LENGTH = cl;
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
    req.pipe(child.stdin);
    let head = Buffer.alloc(0);
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (started) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      started = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const k = line.slice(0, i).trim();
        const v = line.slice(i + 1).trim();
        if (k.toLowerCase() === 'status') status = Number.parseInt(v, 10) || 200;
        else headers[k] = v;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    child.on('close', () => {
      if (!started) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('git http-backend failed\n');
      } else res.end();
    });
    child.on('error', () => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  }

  async function handleControl(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const ok = (body: unknown, status = 200) => sendJson(res, status, { 'content-type': 'application/json' }, body);
    if (path === '/_emulator/stats' && method === 'GET') return ok(emulator.stats());
    if (path === '/_emulator/reset-stats' && method === 'POST') {
      emulator.resetStats();
      return ok(emulator.stats());
    }
    if (path === '/_emulator/reset' && method === 'POST') {
      emulator.reset();
      return ok(emulator.stats());
    }
    if (path === '/_emulator/faults') {
      if (method === 'GET') return ok({ faults, log: faultEvents });
      if (method === 'POST') {
        const text = await readBody(req);
        let parsed: unknown;
        try {
          parsed = text.trim() ? JSON.parse(text) : null;
        } catch {
          return ok({ message: 'invalid JSON' }, 400);
        }
        emulator.setFaults(parsed as FaultOptions | null);
        return ok({ faults });
      }
    }
    if (path === '/_emulator/advance' && method === 'POST') {
      const text = await readBody(req);
      let days = 1;
      try {
        const parsed = text.trim() ? (JSON.parse(text) as { days?: unknown }) : {};
        if (parsed.days !== undefined) days = Number(parsed.days);
      } catch {
        return ok({ message: 'invalid JSON' }, 400);
      }
      if (!Number.isFinite(days) || days < 0) return ok({ message: 'days must be a non-negative number' }, 400);
      try {
        return ok(await emulator.advance(days));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return ok({ message }, e instanceof AdvanceUnavailable ? 501 : 500);
      }
    }
    const avatar = /^\/_emulator\/avatars\/u\/(\d+)$/.exec(path);
    if (avatar && method === 'GET') {
      const hue = Number(avatar[1]) % 360;
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><rect width="40" height="40" fill="hsl(${hue},50%,60%)"/></svg>`;
      res.writeHead(200, { 'content-type': 'image/svg+xml', 'content-length': String(Buffer.byteLength(svg)) });
      res.end(svg);
      return;
    }
    const segs = path
      .split('/')
      .filter(Boolean)
      .map((s) => safeDecode(s) ?? s);
    if (segs[1] === 'git' && (segs[2] === 'github' || segs[2] === 'gitlab')) {
      const found = findRepoBySegments(segs[2], segs.slice(3));
      if (found) return gitHttpBackend(req, res, url, found.repo, found.rest);
    }
    if (segs[1] === 'raw' && (segs[2] === 'github' || segs[2] === 'gitlab') && method === 'GET') {
      // /_emulator/raw/<forge>/<owner…>/<repo>/<ref>/<path>: download_url of contents
      const found = findRepoBySegments(segs[2], segs.slice(3));
      if (found && found.rest.length >= 2) {
        const obj = await gitObject(found.repo.gitDir, found.rest[0], found.rest.slice(1).join('/'));
        if (obj?.type === 'blob') {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(obj.content.length) });
          res.end(obj.content);
          return;
        }
      }
    }
    ok({ message: 'Not Found' }, 404);
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', state.origin);
    const path = url.pathname;
    if (path.startsWith('/_emulator/')) return handleControl(req, res, url);
    if (path === '/github' || path.startsWith('/github/')) return handleForge(req, res, url, 'github', path.slice('/github'.length) || '/');
    if (path === '/gitlab/api/v4' || path.startsWith('/gitlab/api/v4/'))
      return handleForge(req, res, url, 'gitlab', path.slice('/gitlab/api/v4'.length) || '/');
    sendJson(res, 404, { 'content-type': 'application/json' }, { message: 'Not Found: the emulator serves /github and /gitlab/api/v4' });
  }

  const server = http.createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      if (!res.headersSent)
        sendJson(
          res,
          500,
          { 'content-type': 'application/json' },
          { message: `emulator error: ${e instanceof Error ? e.message : String(e)}` }
        );
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  state.origin = `http://127.0.0.1:${port}`;
  state.githubApi = `${state.origin}/github`;
  state.gitlabApi = `${state.origin}/gitlab/api/v4`;
  // Web links point where OpenCoDE would show them, like html_url on GitHub: links only, never fetched.
  state.gitlabWeb = 'https://gitlab.opencode.de';
  stats = emptyStats();

  const emulator: Emulator = {
    onRequest(hook) {
      requestHook = hook;
    },
    url: state.origin,
    port,
    githubUrl: state.githubApi,
    gitlabHost: `${state.origin}/gitlab`,
    get world() {
      return state.world;
    },
    stats() {
      return structuredClone({ ...stats, repositories: state.world.github.repositories.length + state.world.gitlab.repositories.length });
    },
    reset() {
      stats = emptyStats();
      buckets = new Map();
      requestCounter = 0;
      faultEvents = [];
    },
    resetStats() {
      stats = emptyStats();
    },
    setFaults(f) {
      faults = f ?? null;
      buckets = new Map();
      requestCounter = 0;
      faultEvents = [];
    },
    faultLog() {
      return faultEvents.map((e) => ({ ...e }));
    },
    async advance(days) {
      const spec = '../world/advance.ts';
      let mod: { advanceWorld?: (w: World, o: { days: number }) => unknown };
      try {
        mod = (await import(/* @vite-ignore */ spec)) as typeof mod;
      } catch (e) {
        throw new AdvanceUnavailable(
          `advanceWorld is not available (tests/world/advance.ts): ${e instanceof Error ? e.message : String(e)}`
        );
      }
      if (typeof mod.advanceWorld !== 'function') throw new AdvanceUnavailable('tests/world/advance.ts does not export advanceWorld');
      const before = census(state.world);
      const from = state.world.now;
      const result = await mod.advanceWorld(state.world, { days });
      if (isWorld(result)) state.world = result;
      state.index = indexWorld(state.world);
      cloneBases.clear();
      clearGitCache();
      const after = census(state.world);
      let updatedItems = 0;
      for (const forge of [state.world.github, state.world.gitlab])
        for (const r of forge.repositories) for (const i of r.items) if (Date.parse(i.updatedAt) > Date.parse(from)) updatedItems++;
      return {
        days,
        from,
        now: state.world.now,
        before,
        after,
        updatedItems,
        ...(isWorld(result) || result === undefined ? {} : { result: withoutTruth(result) })
      };
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    }
  };
  return emulator;
}
