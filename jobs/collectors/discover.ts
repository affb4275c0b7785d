/**
 * Discovery (catalog `discover:`): every repository of a GitHub organisation or user, or of a
 * GitLab group with all its subgroups (or a GitLab user), as catalog references
 * ("github:stadt-ulm/x", "opencode:ulm/sub/x"). Archived repositories are included, forks are not
 * (a fork is someone's copy, not the account's own project); private ones are left out.
 *
 * Uses the same clients and transport as the collectors (rate limits, retries, concurrency,
 * tokens from the environment only), without ETags: discovery is one listing per account.
 */
import type { Catalog, ResolvedForge } from '../../src/lib/catalog/load';
import { forgePathValid } from '../../src/lib/forge-path';
import type { DbWriter } from './http/cursors';
import { errorMessage, forgeToken, scrub } from './http/tokens';
import { createForgeFetch, type FetchLike, nextLink } from './http/transport';
import { statusOf } from './forge-errors';
import { createOctokit, type GitHubCollectorOptions } from './github';
import { createGitlabClient, type Exchange, type GitLabCollectorOptions } from './gitlab';
import type { RequestCounters } from './types';

export interface DiscoverOptions {
  fetch?: FetchLike;
  /** Rate-limit readings are recorded here when given. */
  db?: DbWriter;
  log?: (message: string) => void;
  signal?: AbortSignal;
  github?: GitHubCollectorOptions;
  gitlab?: GitLabCollectorOptions;
  /** Request counts, when the caller wants them. */
  counters?: RequestCounters;
}

/** Thrown when an account cannot be listed (unknown, forbidden, forge down); never carries a token. */
export class DiscoverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoverError';
  }
}

/** The account part of "github:stadt-ulm" (or the account itself when given without forge). */
function accountPath(forge: ResolvedForge, account: string): string {
  const prefix = `${forge.id}:`;
  const path = account.startsWith(prefix) ? account.slice(prefix.length) : account;
  return path.trim().replace(/^\/+|\/+$/g, '');
}

export async function discoverRepositories(
  _catalog: Pick<Catalog, 'forgeById'> | null,
  forge: ResolvedForge,
  account: string,
  options: DiscoverOptions = {}
): Promise<string[]> {
  const path = accountPath(forge, account);
  const token = forgeToken(forge);
  const log = (m: string) => options.log?.(scrub(m, [token]));
  const counters = options.counters ?? { requests: 0, notModified: 0, items: 0 };
  const fetch = createForgeFetch({ forge, db: options.db, counters, signal: options.signal, fetch: options.fetch });
  try {
    const paths =
      forge.type === 'github'
        ? await discoverGitHub(forge, path, fetch, log, options)
        : forge.type === 'gitlab'
          ? await discoverGitLab(forge, path, fetch, log, options)
          : null;
    if (paths === null) throw new DiscoverError(`${forge.id}: git:-Quellen haben keine Konten zum Durchsuchen`);
    const valid = paths.filter((p) => forgePathValid(p, '2+'));
    if (valid.length < paths.length) log(`${forge.id}:${path}: ${paths.length - valid.length} Repositories mit ungültigem Pfad übergangen`);
    counters.items += valid.length;
    return [...new Set(valid)].sort((a, b) => a.localeCompare(b)).map((p) => `${forge.id}:${p}`);
  } catch (error) {
    if (error instanceof DiscoverError) throw new DiscoverError(scrub(error.message, [token]));
    const status = statusOf(error);
    const what = `${forge.id}:${path}`;
    if (status === 404) throw new DiscoverError(`Konto ${what} nicht gefunden (404)`);
    if (status === 401) throw new DiscoverError(`Konto ${what}: Anmeldung abgelehnt (401) – Token prüfen`);
    if (status === 403) throw new DiscoverError(`Konto ${what}: Zugriff verweigert (403)`);
    throw new DiscoverError(scrub(`Konto ${what} lässt sich nicht auflisten: ${errorMessage(error)}`, [token]).split('\n')[0]);
  }
}

interface GhListedRepo {
  full_name: string;
  fork?: boolean;
  private?: boolean;
}

async function discoverGitHub(
  forge: ResolvedForge,
  account: string,
  fetch: FetchLike,
  log: (m: string) => void,
  options: DiscoverOptions
): Promise<string[]> {
  const octokit = createOctokit(forge, fetch, log, options.github);
  const walk = async (first: string): Promise<GhListedRepo[]> => {
    const out: GhListedRepo[] = [];
    let url: string | null = first;
    while (url) {
      const res = await octokit.request({ method: 'GET', url });
      out.push(...(res.data as GhListedRepo[]));
      url = nextLink(res.headers.link);
    }
    return out;
  };
  let repos: GhListedRepo[];
  try {
    repos = await walk(`/orgs/${encodeURIComponent(account)}/repos?type=all&per_page=100`);
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
    repos = await walk(`/users/${encodeURIComponent(account)}/repos?type=owner&per_page=100`);
  }
  const prefix = `${account.toLowerCase()}/`;
  return repos.filter((r) => !r.fork && !r.private && r.full_name.toLowerCase().startsWith(prefix)).map((r) => r.full_name);
}

interface GlListedProject {
  path_with_namespace: string;
  forked_from_project?: unknown;
  visibility?: string;
}

async function discoverGitLab(
  forge: ResolvedForge,
  account: string,
  fetch: FetchLike,
  log: (m: string) => void,
  options: DiscoverOptions
): Promise<string[]> {
  let last: Exchange | null = null;
  const api = createGitlabClient(forge, fetch, (e) => (last = e), { ...options.gitlab, signal: options.signal, log });
  const walk = async (call: (page: number) => Promise<unknown>): Promise<GlListedProject[]> => {
    const out: GlListedProject[] = [];
    for (let page: number | null = 1; page !== null;) {
      last = null;
      await call(page);
      const exchange = last as Exchange | null;
      if (!exchange || !Array.isArray(exchange.body)) throw new DiscoverError(`${forge.id}:${account}: unerwartete Antwort`);
      out.push(...(exchange.body as GlListedProject[]));
      const next = Number(exchange.headers['x-next-page']);
      page = Number.isInteger(next) && next > page ? next : null;
    }
    return out;
  };
  let projects: GlListedProject[];
  try {
    projects = await walk((page) =>
      api.Groups.allProjects(account, { includeSubgroups: true, withShared: false, perPage: 100, page } as never)
    );
  } catch (error) {
    if (statusOf(error) !== 404) throw error;
    projects = await walk((page) => api.Users.allProjects(account, { perPage: 100, page } as never));
  }
  return projects.filter((p) => !p.forked_from_project && (p.visibility ?? 'public') !== 'private').map((p) => p.path_with_namespace);
}
