/**
 * The GitLab / OpenCoDE collector (DESIGN §4): project metadata, issues, merge requests, notes (only
 * for items with user notes that changed since the cursor; system notes stored with system=true),
 * releases and forks, written as facts keyed by GitLab's ids.
 *
 * Client: @gitbeaker/rest builds every request (endpoints, query encoding, auth header), but it
 * runs on OUR requester (its `requesterFn` hook) instead of gitbeaker's default one, because
 * - gitbeaker's retry ignores Retry-After and RateLimit-Reset and backs off by milliseconds;
 * - conditional requests need If-None-Match from our ETag cache and the 304 handed back as such;
 * - its paginated results drop the response headers (ETag, x-next-page) we need per page.
 * The requester sends each request through the shared transport (http/transport.ts: ETags, counting,
 * rate-limit bookkeeping, per-forge concurrency, redirects) inside `withRetry` (Retry-After, reset
 * time, exponential backoff with jitter, bounded attempts), and leaves the full exchange (status,
 * headers, body) in `last` for the collector, which pages by `page` + `x-next-page` one page at a
 * time so that each page is stored in its own transaction together with its cursor.
 *
 * Frugality: the project is read conditionally. Issues, merge requests and notes are skipped when
 * the project's `last_activity_at` is the one recorded after the last complete sync — GitLab moves
 * it with every event (new issue/MR, note, state change, push), but at most once an hour, so the
 * skip is only trusted when that sync happened at least an hour (forge clock) after it. Releases
 * and forks are conditional requests (304 when unchanged). `updated_after` cursors are rounded
 * down to the UTC day so the URLs repeat.
 */
import type { AllForksOptions, PaginationRequestOptions } from '@gitbeaker/core';
import { Gitlab } from '@gitbeaker/rest';
import type { BranchProtection, Repository } from '../../db/schema';
import type { ResolvedForge } from '../../src/lib/catalog/load';
import { forgePathValid } from '../../src/lib/forge-path';
import { getCursor, hasCollectionState, setCursor } from './http/cursors';
import { HttpCache } from './http/etag-cache';
import { HttpStatusError, withRetry } from './http/retry';
import { epoch, laterIso, sinceWithOverlap, throwIfAborted } from './http/time';
import { forgeToken, scrub } from './http/tokens';
import { apiBase, cacheKey, createForgeFetch, type FetchLike, nextLink } from './http/transport';
import {
  deleteForksExcept,
  deleteReleasesExcept,
  itemPosition,
  itemsAfter,
  type NewItem,
  parseItemPosition,
  protectionDue,
  storedProtection,
  updateRepository,
  upsertComments,
  upsertItems,
  upsertReleases,
  storeForkPage,
  type ListPage
} from './forge-store';
import { rowContext, type RowContext } from './forge-rows';
import {
  approvalRow,
  branchProtectionRow,
  forkRow,
  type GlBranch,
  type GlProtectedBranch,
  type GlApprovals,
  type GlFork,
  type GlIssue,
  type GlMergeRequest,
  type GlNote,
  type GlProject,
  type GlRelease,
  issueRow,
  mergeRequestRow,
  noteRow,
  projectFeatures,
  projectUpdate,
  releaseRow
} from './gitlab-rows';
import { forgeCollector, statusOf } from './forge-errors';
import { RepositoryError, type Collector, type CollectContext } from './types';

export interface GitLabCollectorOptions {
  /** Transport below the HTTP layer (tests wrap it to inject kills); globalThis.fetch by default. */
  fetch?: FetchLike;
  /** Attempts per request in all (first try included). */
  attempts?: number;
  /** Base of the exponential backoff (with full jitter) for 5xx, timeouts and dropped connections. */
  retryBaseMs?: number;
  /** A rate-limit wait longer than this fails the repository instead of blocking the run. */
  maxRateLimitWaitMs?: number;
  /** Timeout per HTTP attempt. */
  timeoutMs?: number;
  /** GitLab moves last_activity_at at most once per this many seconds (1 hour). */
  activityLagSeconds?: number;
  /**
   * A project whose last_activity_at did not move is still read in full when its last full read
   * is older than this (default 24 h): title, label and assignee edits move no last_activity_at.
   */
  fullCheckSeconds?: number;
  /** Wait after a 429 without Retry-After (GitLab's application limits count per minute); default 60 s. */
  applicationLimitWaitMs?: number;
}

type GitlabRequesterFn = NonNullable<ConstructorParameters<typeof Gitlab>[0]['requesterFn']>;
type ResourceOptions = Parameters<GitlabRequesterFn>[0];
type Requester = ReturnType<GitlabRequesterFn>;

/** The last exchange of a session's requester. */
export interface Exchange {
  key: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  etag: string | null;
}

type Page<T> = ListPage<T>;

/** One page of an incremental issue or merge request list, as both endpoints take it. */
interface ItemQuery {
  updatedAfter?: string;
  orderBy: 'updated_at';
  sort: 'desc';
  scope: 'all';
  perPage: number;
  page: number;
}

interface ProjectState {
  id: number;
  lastActivityAt: string | null;
  forksCount: number | null;
  issuesEnabled: boolean;
  mergeRequestsEnabled: boolean;
}

interface ActivityMarker {
  lastActivityAt: string | null;
  /** Forge clock (Date header) at the end of the sync, epoch seconds. */
  syncedAt: number;
  /** forks_count at the end of the sync: a new fork moves no last_activity_at. */
  forksCount?: number | null;
}

function decamelize(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Query string of gitbeaker's search params (scalars and arrays of scalars), in the given order. */
function queryString(params: Record<string, unknown> | undefined): string {
  if (!params) return '';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    const key = decamelize(k);
    if (Array.isArray(v)) for (const x of v) parts.push(`${encodeURIComponent(`${key}[]`)}=${encodeURIComponent(String(x))}`);
    else if (typeof v !== 'object') parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return parts.join('&');
}

/** The GitLab host of a forge: its API URL without /api/v4. */
export function gitlabHost(forge: Pick<ResolvedForge, 'api' | 'id'>): string {
  return apiBase(forge).replace(/\/api\/v4$/, '');
}

/**
 * A gitbeaker client whose requests run through `fetch` with our retry loop. `onExchange` sees
 * every completed exchange (status < 400, including 304).
 */
export function createGitlabClient(
  forge: ResolvedForge,
  fetch: FetchLike,
  onExchange: (exchange: Exchange) => void,
  options: GitLabCollectorOptions & { signal?: AbortSignal; log?: (m: string) => void } = {}
): InstanceType<typeof Gitlab> {
  const token = forgeToken(forge);
  const base = apiBase(forge);
  const requesterFn: GitlabRequesterFn = (resourceOptions: ResourceOptions): Requester => {
    const get = async (endpoint: string, requestOptions?: { searchParams?: Record<string, unknown> }) => {
      const prefix = resourceOptions.url.endsWith('/') ? resourceOptions.url : `${resourceOptions.url}/`;
      const url = new URL(endpoint, prefix);
      const qs = queryString(requestOptions?.searchParams);
      if (qs) url.search = qs;
      const headers: Record<string, string> = { ...resourceOptions.headers, accept: 'application/json' };
      for (const [name, value] of Object.entries(resourceOptions.authHeaders)) headers[name] = await value();
      const response = await withRetry(() => fetch(url.href, { method: 'GET', headers }), {
        attempts: options.attempts,
        baseMs: options.retryBaseMs,
        maxWaitMs: options.maxRateLimitWaitMs,
        unnamedLimitWaitMs: options.applicationLimitWaitMs,
        signal: options.signal,
        log: (m) => options.log?.(scrub(`GitLab ${url.pathname}: ${m}`, [token]))
      });
      const responseHeaders = Object.fromEntries(response.headers.entries());
      const key = cacheKey(base, url.href);
      if (response.status === 304) {
        onExchange({ key, status: 304, headers: responseHeaders, body: null, etag: null });
        return { body: null, headers: responseHeaders, status: 304 };
      }
      const text = await response.text();
      let body: unknown = null;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      if (response.status >= 400) {
        const message =
          typeof body === 'object' && body !== null
            ? ((body as { message?: unknown; error?: unknown }).message ?? (body as { error?: unknown }).error)
            : body;
        throw new HttpStatusError(
          response.status,
          scrub(`HTTP ${response.status}: ${typeof message === 'string' ? message : JSON.stringify(message)}`.slice(0, 300), [token])
        );
      }
      onExchange({ key, status: response.status, headers: responseHeaders, body, etag: response.headers.get('etag') });
      return { body: body as never, headers: responseHeaders, status: response.status };
    };
    const readOnly = async (): Promise<never> => {
      throw new Error('allmende reads from GitLab only');
    };
    return { get, post: readOnly, put: readOnly, patch: readOnly, delete: readOnly } as unknown as Requester;
  };
  const common = { host: gitlabHost(forge), requesterFn, queryTimeout: null };
  return token ? new Gitlab({ ...common, token }) : new Gitlab(common);
}

class GitLabSession {
  private readonly token: string | undefined;
  private readonly cache: HttpCache;
  private readonly api: InstanceType<typeof Gitlab>;
  private readonly repo: Repository;
  /** What the row mappers (gitlab-rows.ts) need of this repository and run. */
  private readonly rows: RowContext;
  private last: Exchange | null = null;
  private path: string;
  private readonly lagSeconds: number;
  private readonly fullCheckSeconds: number;

  constructor(
    private readonly ctx: CollectContext,
    options: GitLabCollectorOptions
  ) {
    this.token = forgeToken(ctx.forge);
    this.repo = ctx.repository;
    this.path = ctx.repository.path;
    this.rows = rowContext(ctx);
    this.lagSeconds = options.activityLagSeconds ?? 3600;
    this.fullCheckSeconds = options.fullCheckSeconds ?? 24 * 3600;
    this.cache = new HttpCache(ctx.db, ctx.forge.id);
    const fetch = createForgeFetch({
      forge: ctx.forge,
      db: ctx.db,
      cache: this.cache,
      conditional: hasCollectionState(ctx.db, ctx.repository.id),
      counters: ctx.counters,
      signal: ctx.signal,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs
    });
    this.api = createGitlabClient(ctx.forge, fetch, (e) => (this.last = e), { ...options, signal: ctx.signal, log: (m) => ctx.log(m) });
  }

  private log(message: string): void {
    this.ctx.log(scrub(message, [this.token]));
  }

  async run(): Promise<void> {
    if (this.ctx.forge.tokenEnv && !this.token) {
      this.log(`GitLab: ${this.ctx.forge.tokenEnv} ist nicht gesetzt – Anfragen ohne Token (niedriges Ratenlimit)`);
    }
    const project = await this.syncProject();
    await this.syncBranchProtection(project.id);
    const marker = this.activityMarker();
    const now = this.forgeNow();
    // last_activity_at moves only with events and at most hourly (GitLab docs, projects API), so it
    // may skip a read for at most fullCheckSeconds: every project is read in full at least daily.
    const quiet =
      marker !== null &&
      project.lastActivityAt !== null &&
      marker.lastActivityAt === project.lastActivityAt &&
      marker.syncedAt >= (epoch(project.lastActivityAt) ?? Infinity) + this.lagSeconds &&
      now - marker.syncedAt < this.fullCheckSeconds;
    if (!quiet) {
      const projectId = project.id;
      if (project.issuesEnabled) await this.syncItems('issue', (query) => this.api.Issues.all({ projectId, ...query }), issueRow);
      if (project.mergeRequestsEnabled) {
        await this.syncItems('pull', (query) => this.api.MergeRequests.all({ projectId, ...query }), mergeRequestRow);
      }
      await this.syncNotes(project.id);
      if (project.mergeRequestsEnabled) await this.syncApprovals(project.id);
      await this.syncReleases(project.id);
    }
    if (!quiet || marker?.forksCount !== project.forksCount) await this.syncForks(project.id, project.forksCount);
    if (!quiet) {
      const syncedAt = this.forgeNow();
      this.ctx.db.transaction((tx) =>
        setCursor(
          tx,
          this.repo.id,
          'activity',
          JSON.stringify({ lastActivityAt: project.lastActivityAt, syncedAt, forksCount: project.forksCount } satisfies ActivityMarker)
        )
      );
    }
  }

  // ─── transport ──────────────────────────────────────────────────────────────────────────────

  /** Run one gitbeaker call and return its exchange. */
  private async call(fn: () => Promise<unknown>): Promise<Exchange> {
    throwIfAborted(this.ctx.signal);
    this.last = null;
    await fn();
    const exchange = this.last as Exchange | null;
    if (!exchange) throw new Error('GitLab: keine Antwort erhalten');
    return exchange;
  }

  /** Pages of a list via `page`; the first page is conditional, its ETag stored with the last page. */
  private async *list<T>(fetchPage: (page: number) => Promise<unknown>): AsyncGenerator<Page<T>> {
    let exchange = await this.call(() => fetchPage(1));
    if (exchange.status === 304) {
      yield { items: [], notModified: true, last: true, finish: () => {} };
      return;
    }
    const first = exchange;
    let pageNo = 1;
    for (;;) {
      if (!Array.isArray(exchange.body))
        throw new RepositoryError(`GitLab: unerwartete Antwort auf ${first.key.split('?')[0]} (keine Liste)`, 'invalid');
      const nextHeader = Number(exchange.headers['x-next-page']);
      let next: number | null = Number.isInteger(nextHeader) && nextHeader > pageNo ? nextHeader : null;
      if (next === null && exchange.headers['x-next-page'] === undefined) {
        const link = nextLink(exchange.headers.link);
        const p = link ? Number(new URL(link).searchParams.get('page')) : NaN;
        if (Number.isInteger(p) && p > pageNo) next = p;
      }
      const last = next === null;
      yield {
        items: exchange.body as T[],
        notModified: false,
        last,
        finish: (tx) => {
          if (last) this.cache.save(tx, first.key, first.etag);
        }
      };
      if (next === null) return;
      pageNo = next;
      exchange = await this.call(() => fetchPage(next));
      if (exchange.status === 304) throw new RepositoryError('GitLab: unerwartetes 304 auf einer Folgeseite', 'invalid');
    }
  }

  private forgeNow(): number {
    const date = this.last?.headers.date ? Date.parse(this.last.headers.date) : NaN;
    return Math.floor((Number.isFinite(date) ? date : Date.now()) / 1000);
  }

  private cursor(resource: string): string | undefined {
    return getCursor(this.ctx.db, this.repo.id, resource);
  }

  private activityMarker(): ActivityMarker | null {
    const raw = this.cursor('activity');
    if (!raw) return null;
    try {
      return JSON.parse(raw) as ActivityMarker;
    } catch {
      return null;
    }
  }

  // ─── project ────────────────────────────────────────────────────────────────────────────────

  private async syncProject(): Promise<ProjectState> {
    const stored = this.cursor('meta');
    const previous = stored ? (JSON.parse(stored) as ProjectState) : null;
    const ref = this.path;
    const exchange = await this.call(() => this.api.Projects.show(ref, { license: true }));
    if (exchange.status === 304) {
      if (previous) return previous;
      throw new RepositoryError('GitLab: 304 ohne gespeicherten Projektstand', 'invalid');
    }
    const p = exchange.body as GlProject | null;
    if (!p || typeof p !== 'object' || typeof p.id !== 'number' || typeof p.path_with_namespace !== 'string') {
      throw new RepositoryError('GitLab: leere oder ungültige Antwort auf die Projekt-Abfrage', 'empty');
    }
    if (!forgePathValid(p.path_with_namespace, '2+')) {
      throw new RepositoryError('GitLab: die Antwort nennt einen ungültigen Projektpfad', 'invalid');
    }
    const forgeRepoId = String(p.id);
    if (this.repo.forgeRepoId && this.repo.forgeRepoId !== forgeRepoId) {
      this.log(`GitLab: ${this.path} ist jetzt ein anderes Projekt (id ${this.repo.forgeRepoId} → ${forgeRepoId})`);
    }
    if (p.path_with_namespace !== this.path) this.log(`GitLab: ${this.path} heißt jetzt ${p.path_with_namespace}`);
    const { issuesEnabled, mergeRequestsEnabled } = projectFeatures(p);
    const state: ProjectState = {
      id: p.id,
      lastActivityAt: p.last_activity_at ?? null,
      forksCount: p.forks_count ?? null,
      issuesEnabled,
      mergeRequestsEnabled
    };
    this.ctx.db.transaction((tx) => {
      updateRepository(tx, this.repo.id, projectUpdate(p, this.rows, this.repo.cloneUrl));
      setCursor(tx, this.repo.id, 'meta', JSON.stringify(state));
      this.cache.save(tx, exchange.key, exchange.etag);
    });
    this.path = p.path_with_namespace;
    return state;
  }

  // ─── default branch protection ──────────────────────────────────────────────────────────────

  /**
   * The default branch's protection (the openCode Security badge), read at most once a day and
   * again when the default branch changes (protectionDue): the branch (`protected`), and only for a
   * protected branch its protected-branch settings (`allow_force_push`) — one or two conditional
   * requests. 403/404 on the settings: GitLab does not show them to this reader (force push null).
   */
  private async syncBranchProtection(projectId: number): Promise<void> {
    const row = storedProtection(this.ctx.db, this.repo.id);
    const branchName = row.defaultBranch;
    const now = this.forgeNow();
    if (!branchName || !protectionDue(row.branchProtection, branchName, now)) return;
    const previous = row.branchProtection?.answers;
    const saves: Exchange[] = [];
    const read = async <T>(fn: () => Promise<unknown>): Promise<{ status: number; body: T | null }> => {
      try {
        const exchange = await this.call(fn);
        if (exchange.status !== 304) saves.push(exchange);
        return { status: exchange.status, body: exchange.body as T };
      } catch (error) {
        const status = statusOf(error);
        if (status === 403 || status === 404) return { status, body: null };
        throw error;
      }
    };
    const branch = await read<GlBranch>(() => this.api.Branches.show(projectId, branchName));
    const branchAnswer =
      branch.status === 304 ? (previous?.branch ?? null) : branch.body ? { protected: branch.body.protected === true } : null;
    let detail: GlProtectedBranch | null = null;
    if (branchAnswer?.protected) {
      const settings = await read<GlProtectedBranch>(() => this.api.ProtectedBranches.show(projectId, branchName));
      detail =
        settings.status === 304
          ? ((previous?.detail as GlProtectedBranch | null | undefined) ?? null)
          : settings.body
            ? {
                name: settings.body.name,
                allow_force_push: settings.body.allow_force_push === true,
                push_access_levels: (settings.body.push_access_levels ?? []).map((l) => ({ access_level: l.access_level }))
              }
            : null;
    }
    const protection: BranchProtection = {
      ...branchProtectionRow(branchName, branchAnswer ? { name: branchName, ...branchAnswer } : null, detail, now),
      answers: { branch: branchAnswer, detail }
    };
    this.ctx.db.transaction((tx) => {
      updateRepository(tx, this.repo.id, { branchProtection: protection });
      for (const e of saves) this.cache.save(tx, e.key, e.etag);
    });
  }

  // ─── issues and merge requests ──────────────────────────────────────────────────────────────

  /** Issues or merge requests (`fetchPage` asks for one page of the list, `toRow` maps its entries). */
  private async syncItems<T extends GlIssue | GlMergeRequest>(
    kind: 'issue' | 'pull',
    fetchPage: (query: ItemQuery) => Promise<unknown>,
    toRow: (item: T, ctx: RowContext) => NewItem
  ): Promise<void> {
    const resource = kind === 'issue' ? 'issues' : 'merge_requests';
    const hwm = this.cursor(resource);
    const since = hwm ? sinceWithOverlap(hwm) : undefined;
    // Newest first down to the cursor (see GitHubSession.syncItems); the cursor moves with the last page.
    let high = hwm ?? null;
    const pages = this.list<T>((page) =>
      fetchPage({ ...(since ? { updatedAfter: since } : {}), orderBy: 'updated_at', sort: 'desc', scope: 'all', perPage: 100, page })
    );
    let firstKey: string | null = null;
    try {
      for await (const page of pages) {
        firstKey ??= this.last?.key ?? null;
        if (page.notModified) return;
        const rows = page.items.map((it) => toRow(it, this.rows));
        for (const it of page.items) high = laterIso(high, it.updated_at);
        this.ctx.db.transaction((tx) => {
          upsertItems(tx, rows);
          if (page.last && high) setCursor(tx, this.repo.id, resource, high);
          page.finish(tx);
          if (page.last && firstKey) this.cache.pruneFamily(tx, firstKey.split('?')[0] + '?', firstKey);
        });
        this.ctx.counters.items += rows.length;
      }
    } catch (error) {
      // The tracker exists but is closed to us (access level "private"): the project's other
      // facts still count.
      if (error instanceof HttpStatusError && (error.status === 403 || error.status === 404)) {
        this.log(`GitLab: ${kind === 'issue' ? 'Issues' : 'Merge Requests'} von ${this.path} nicht lesbar (HTTP ${error.status})`);
        return;
      }
      throw error;
    }
  }

  /**
   * Notes exist per item only: read for the items with user notes that changed after the notes
   * cursor, in (updatedAt, kind, number) order, the cursor advancing with each item's notes.
   */
  private async syncNotes(projectId: number): Promise<void> {
    const after = parseItemPosition(this.cursor('notes'));
    const todo = itemsAfter(this.ctx.db, this.repo.id, after, { withComments: true });
    for (const item of todo) {
      const options = { sort: 'asc', orderBy: 'created_at', perPage: 100 } as const;
      const pages = this.list<GlNote>((page) =>
        item.kind === 'issue'
          ? this.api.IssueNotes.all(projectId, item.number, { ...options, page })
          : this.api.MergeRequestNotes.all(projectId, item.number, { ...options, page })
      );
      try {
        for await (const page of pages) {
          const rows = page.items.map((n) => noteRow(n, item, this.rows));
          this.ctx.db.transaction((tx) => {
            upsertComments(tx, rows);
            if (page.last) setCursor(tx, this.repo.id, 'notes', itemPosition(item));
            page.finish(tx);
          });
          this.ctx.counters.items += rows.length;
        }
      } catch (error) {
        // An item deleted (or made confidential) since it was listed: skip it, keep going.
        if (error instanceof HttpStatusError && (error.status === 404 || error.status === 403)) {
          this.ctx.db.transaction((tx) => setCursor(tx, this.repo.id, 'notes', itemPosition(item)));
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * Approvals are GitLab's reviews (DESIGN §4): read per merge request changed after the approvals
   * cursor (an approval bumps the merge request's updated_at), stored as reviews dated by
   * `approved_at` — which GitLab names since 18.4 (gitlab-org/gitlab!204605); an approval without
   * a date cannot say when the answer came and is left out.
   */
  private async syncApprovals(projectId: number): Promise<void> {
    const after = parseItemPosition(this.cursor('approvals'));
    for (const mr of itemsAfter(this.ctx.db, this.repo.id, after, { kind: 'pull' })) {
      let body: GlApprovals | null = null;
      try {
        body = (await this.call(() => this.api.MergeRequestApprovals.showConfiguration(projectId, { mergerequestIId: mr.number })))
          .body as GlApprovals;
      } catch (error) {
        // Approvals hidden (403) or the merge request gone (404): nothing to store for it.
        if (!(error instanceof HttpStatusError && (error.status === 403 || error.status === 404))) throw error;
      }
      const rows = (body?.approved_by ?? []).flatMap((a) => approvalRow(a, mr.number, this.rows) ?? []);
      this.ctx.db.transaction((tx) => {
        upsertComments(tx, rows);
        setCursor(tx, this.repo.id, 'approvals', itemPosition(mr));
      });
      this.ctx.counters.items += rows.length;
    }
  }

  // ─── releases and forks ─────────────────────────────────────────────────────────────────────

  private async syncReleases(projectId: number): Promise<void> {
    const seen: string[] = [];
    const pages = this.list<GlRelease>((page) => this.api.ProjectReleases.all(projectId, { perPage: 100, page }));
    try {
      for await (const page of pages) {
        if (page.notModified) return;
        const rows = page.items.map((r) => releaseRow(r, this.rows));
        seen.push(...rows.map((r) => r.forgeReleaseId));
        this.ctx.db.transaction((tx) => {
          upsertReleases(tx, rows);
          if (page.last) deleteReleasesExcept(tx, this.repo.id, seen);
          page.finish(tx);
        });
        this.ctx.counters.items += rows.length;
      }
    } catch (error) {
      // Releases hidden (repository feature disabled or restricted): nothing to store.
      if (error instanceof HttpStatusError && error.status === 403) return;
      throw error;
    }
  }

  private async syncForks(projectId: number, forksCount: number | null): Promise<void> {
    if (forksCount === 0) {
      this.ctx.db.transaction((tx) => deleteForksExcept(tx, this.repo.id, []));
      return;
    }
    const seen: string[] = [];
    // The fork list pages like every list (docs.gitlab.com/api/rest/#pagination); gitbeaker's
    // AllForksOptions leaves the page parameters out, so they are typed here.
    const options = (page: number): AllForksOptions & PaginationRequestOptions<'offset'> & { simple: true } => ({
      perPage: 100,
      page,
      simple: true
    });
    const pages = this.list<GlFork>((page) => this.api.Projects.allForks(projectId, options(page)));
    for await (const page of pages) {
      if (page.notModified) return;
      const rows = page.items.flatMap((f) => forkRow(f, this.rows) ?? []);
      storeForkPage(this.ctx.db, this.repo.id, page, rows, seen);
      this.ctx.counters.items += rows.length;
    }
  }
}

export function createGitLabCollector(options: GitLabCollectorOptions = {}): Collector {
  return forgeCollector('gitlab', 'GitLab', (ctx) => new GitLabSession(ctx, options).run());
}
