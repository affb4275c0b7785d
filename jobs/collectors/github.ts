/**
 * The GitHub collector (DESIGN §4): repository metadata, issues and pull requests, issue comments,
 * review comments, reviews, releases and forks, written as facts keyed by GitHub's ids.
 *
 * Client: @octokit/rest with plugin-throttling (primary limit: wait until x-ratelimit-reset;
 * secondary limit: honour Retry-After; a bounded number of times) and plugin-retry (5xx, timeouts,
 * dropped connections). Below Octokit sits the shared transport of http/transport.ts (ETags, counting,
 * rate-limit bookkeeping, per-forge concurrency, redirects).
 *
 * Frugality:
 * - lists ask for 100 per page and follow the Link header;
 * - `since` cursors are the high-water mark of what was stored, rounded down to the UTC day in the
 *   URL, so the URL (and its ETag) repeats until something newer appears;
 * - the first page of every list is conditional; its ETag is stored in the transaction of the
 *   list's LAST page, so a 304 always means "the whole list was stored before";
 * - an issue comment, review or review comment bumps the item's `updated_at` on GitHub, so the
 *   repository-wide comment lists and the per-PR review lists are only read when items changed
 *   since they were last read completely. An unchanged repository costs no rate-limited request:
 *   everything is 304 or skipped, and a since-URL seen for the first time is preceded by the
 *   conditional request of the list's last read (unchangedSinceLastRead).
 *
 * Resumability: every cursor is written in the transaction that stores the page it describes.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { BranchProtection, Repository } from '../../db/schema';
import type { ResolvedForge } from '../../src/lib/catalog/load';
import { encodeForgePath, forgePathValid } from '../../src/lib/forge-path';
import { getCursor, hasCollectionState, setCursor } from './http/cursors';
import { HttpCache } from './http/etag-cache';
import { epoch, laterIso, sinceWithOverlap, throwIfAborted } from './http/time';
import { errorMessage, forgeToken, scrub } from './http/tokens';
import { apiBase, createForgeFetch, type FetchLike, nextLink, REDIRECT_LOOP_STATUS } from './http/transport';
import {
  closedHighWater,
  deleteForksExcept,
  deleteReleasesExcept,
  itemPosition,
  itemsAfter,
  itemsChangedSince,
  itemsHighWater,
  type NewComment,
  protectionDue,
  storedProtection,
  type NewItem,
  parseItemPosition,
  updateRepository,
  upsertComments,
  upsertItems,
  upsertReleases,
  storeClosers,
  storeForkPage,
  type ListPage
} from './forge-store';
import { identityOf, rowContext, type RowContext } from './forge-rows';
import {
  branchProtectionRow,
  closeEvent,
  forkRow,
  type GhBranch,
  type GhBranchRule,
  type GhIssue,
  type GhIssueComment,
  type GhIssueEvent,
  type GhMinimalRepo,
  type GhPull,
  type GhRelease,
  type GhRepo,
  type GhReview,
  type GhReviewComment,
  issueCommentRow,
  issueRow,
  pullRow,
  releaseRow,
  repositoryUpdate,
  reviewCommentRow,
  reviewRow
} from './github-rows';
import { forgeCollector, statusOf } from './forge-errors';
import { RepositoryError, type Collector, type CollectContext } from './types';

export interface GitHubCollectorOptions {
  /** Transport below the HTTP layer (tests wrap it to inject kills); globalThis.fetch by default. */
  fetch?: FetchLike;
  /** Retries after 5xx, timeouts and dropped connections (plugin-retry). */
  retries?: number;
  /** Unit of plugin-retry's quadratic backoff, in ms (1000: waits 1 s, 4 s, 9 s …). */
  retryBaseMs?: number;
  /** Retries after a primary or secondary rate limit (plugin-throttling). */
  rateLimitRetries?: number;
  /** Unit of Retry-After / reset waits in ms (1000 = honour the forge literally). */
  rateLimitBaseMs?: number;
  /** A rate-limit wait longer than this fails the repository instead of blocking the run. */
  maxRateLimitWaitMs?: number;
  /** Timeout per HTTP attempt. */
  timeoutMs?: number;
}

const ForgeOctokit = Octokit.plugin(throttling, retry);
type ForgeOctokitInstance = InstanceType<typeof ForgeOctokit>;

/** Octokit for a forge, on the shared transport; also used by discover.ts. */
export function createOctokit(
  forge: ResolvedForge,
  fetch: FetchLike,
  log: (message: string) => void,
  options: GitHubCollectorOptions = {}
): ForgeOctokitInstance {
  const token = forgeToken(forge);
  const rateLimitRetries = options.rateLimitRetries ?? 4;
  const rateLimitBaseMs = options.rateLimitBaseMs ?? 1000;
  const maxWait = options.maxRateLimitWaitMs ?? 15 * 60_000;
  const safeLog = (message: unknown) => {
    const text = String(message);
    // plugin-request-log reports every non-2xx answer (304s, the 404 of a vanished repository)
    // as an error line; the collectors report what matters themselves.
    if (/^[A-Z]+ \S+ - \d{3} with id /.test(text)) return;
    log(scrub(text, [token]));
  };
  const onLimit =
    (what: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const waitMs = retryAfter * rateLimitBaseMs;
      const retrying = retryCount < rateLimitRetries && waitMs <= maxWait;
      safeLog(
        `GitHub ${what} bei ${request.method} ${request.url}: ${retrying ? `warte ${retryAfter} s (Versuch ${retryCount + 1} von ${rateLimitRetries})` : 'gebe auf'}`
      );
      return retrying;
    };
  return new ForgeOctokit({
    baseUrl: apiBase(forge),
    auth: token,
    userAgent: 'allmende',
    request: { fetch: fetch as typeof globalThis.fetch },
    log: { debug: () => {}, info: () => {}, warn: safeLog, error: safeLog },
    throttle: {
      id: `allmende-${forge.id}`,
      retryAfterBaseValue: rateLimitBaseMs,
      onRateLimit: onLimit('Ratenlimit erschöpft'),
      onSecondaryRateLimit: onLimit('sekundäres Ratenlimit')
    },
    retry: {
      retries: options.retries ?? 5,
      retryAfterBaseValue: options.retryBaseMs ?? 1000,
      doNotRetry: [400, 401, 403, 404, 410, 422, 451, REDIRECT_LOOP_STATUS]
    }
  });
}

interface Reply<T> {
  status: 200 | 304;
  data: T;
  headers: Record<string, string | number | undefined>;
  etag: string | null;
}

type Page<T> = ListPage<T>;

interface MetaState {
  forksCount: number | null;
  fullName: string;
}

const enc = encodeURIComponent;

/**
 * An incremental list read newest first down to the cursor (DESIGN §4 completeness rule): sorted
 * by updated, descending, since the cursor less the overlap (sinceWithOverlap).
 */
function newestFirst(prefix: string, hwm: string | undefined, filter = ''): string {
  return `${prefix}${filter}sort=updated&direction=desc&per_page=100${hwm ? `&since=${enc(sinceWithOverlap(hwm))}` : ''}`;
}

class GitHubSession {
  private readonly token: string | undefined;
  private readonly cache: HttpCache;
  private readonly octokit: ForgeOctokitInstance;
  private readonly repo: Repository;
  /** What the row mappers (github-rows.ts) need of this repository and run. */
  private readonly rows: RowContext;
  /** Current path on the forge (changes when the repository was renamed). */
  private path: string;

  constructor(
    private readonly ctx: CollectContext,
    options: GitHubCollectorOptions
  ) {
    this.token = forgeToken(ctx.forge);
    this.repo = ctx.repository;
    this.path = ctx.repository.path;
    this.rows = rowContext(ctx);
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
    this.octokit = createOctokit(ctx.forge, fetch, (m) => ctx.log(m), options);
  }

  private log(message: string): void {
    this.ctx.log(scrub(message, [this.token]));
  }

  /** The API route of this repository (its current path, encoded), with `suffix`. */
  private route(suffix = ''): string {
    return `/repos/${encodeForgePath(this.path)}${suffix}`;
  }

  async run(): Promise<void> {
    if (this.ctx.forge.tokenEnv && !this.token) {
      this.log(`GitHub: ${this.ctx.forge.tokenEnv} ist nicht gesetzt – Anfragen ohne Token (niedriges Ratenlimit)`);
    }
    const meta = await this.syncMetadata();
    await this.syncBranchProtection();
    await this.syncItems();
    await this.syncIssueComments();
    await this.syncReviewComments();
    await this.syncReviews();
    await this.syncCloseEvents();
    await this.syncReleases();
    await this.syncForks(meta.forksCount);
  }

  // ─── transport ──────────────────────────────────────────────────────────────────────────────

  private async get<T>(url: string): Promise<Reply<T>> {
    throwIfAborted(this.ctx.signal);
    try {
      const res = await this.octokit.request({ method: 'GET', url });
      const headers = res.headers as Record<string, string | number | undefined>;
      return { status: 200, data: res.data as T, headers, etag: (headers.etag as string | undefined) ?? null };
    } catch (error) {
      if (statusOf(error) === 304) return { status: 304, data: null as T, headers: {}, etag: null };
      throw error;
    }
  }

  /**
   * Pages of a list, following the Link header (page numbers or cursors, whichever GitHub
   * offers); the first page is conditional, its ETag stored with the last page. A later page that
   * GitHub refuses with 422 ("Only the first 1000 results are available", deep page numbers) ends
   * the list as `capped`: what could be read is stored, and the caller records the cap.
   */
  private async *list<T>(firstUrl: string): AsyncGenerator<Page<T> & { capped: boolean }> {
    let reply = await this.get<T[]>(firstUrl);
    if (reply.status === 304) {
      yield { items: [], notModified: true, last: true, capped: false, finish: () => {} };
      return;
    }
    const firstEtag = reply.etag;
    for (;;) {
      if (!Array.isArray(reply.data)) {
        throw new RepositoryError(`GitHub: unerwartete Antwort auf ${firstUrl.split('?')[0]} (keine Liste)`, 'invalid');
      }
      const next = nextLink(reply.headers.link as string | undefined);
      let following: Reply<T[]> | null = null;
      let capped = false;
      if (next) {
        try {
          following = await this.get<T[]>(next);
        } catch (error) {
          if (statusOf(error) !== 422) throw error;
          capped = true;
          this.log(`GitHub: ${firstUrl.split('?')[0]} ist gekappt – weitere Seiten verweigert (${errorMessage(error)})`);
        }
        if (following?.status === 304) throw new RepositoryError('GitHub: unerwartetes 304 auf einer Folgeseite', 'invalid');
      }
      const last = following === null;
      yield {
        items: reply.data,
        notModified: false,
        last,
        capped,
        finish: (tx) => {
          if (last) this.cache.save(tx, firstUrl, firstEtag);
        }
      };
      if (!following) return;
      reply = following;
    }
  }

  private cursor(resource: string): string | undefined {
    return getCursor(this.ctx.db, this.repo.id, resource);
  }

  // ─── metadata ───────────────────────────────────────────────────────────────────────────────

  private async syncMetadata(): Promise<MetaState> {
    const previous = this.readMeta();
    let key = this.route();
    let reply: Reply<GhRepo>;
    try {
      reply = await this.get<GhRepo>(key);
    } catch (error) {
      // A rename whose redirect has expired: GitHub still finds the repository by its id.
      if (statusOf(error) === 404 && this.repo.forgeRepoId) {
        key = `/repositories/${this.repo.forgeRepoId}`;
        try {
          reply = await this.get<GhRepo>(key);
        } catch {
          throw error;
        }
      } else throw error;
    }
    if (reply.status === 304) return previous ?? { forksCount: null, fullName: this.path };
    const data = reply.data;
    if (!data || typeof data !== 'object' || data.id == null || typeof data.full_name !== 'string') {
      throw new RepositoryError('GitHub: leere oder ungültige Antwort auf die Repository-Abfrage', 'empty');
    }
    if (!forgePathValid(data.full_name, '2')) {
      throw new RepositoryError('GitHub: die Antwort nennt einen ungültigen Repository-Namen', 'invalid');
    }
    const forgeRepoId = String(data.id);
    if (this.repo.forgeRepoId && this.repo.forgeRepoId !== forgeRepoId) {
      this.log(`GitHub: ${this.path} ist jetzt ein anderes Repository (id ${this.repo.forgeRepoId} → ${forgeRepoId})`);
    }
    const renamed = data.full_name !== this.path;
    if (renamed) this.log(`GitHub: ${this.path} heißt jetzt ${data.full_name}`);
    const meta: MetaState = { forksCount: data.forks_count ?? null, fullName: data.full_name };
    const newKey = `/repos/${data.full_name}`;
    this.ctx.db.transaction((tx) => {
      updateRepository(tx, this.repo.id, repositoryUpdate(data, this.rows, this.repo.cloneUrl));
      setCursor(tx, this.repo.id, 'meta', JSON.stringify(meta));
      // Under both URLs: the next run asks for the new path, but a catalog that still names the
      // old one gets its redirect answered with a 304 at the end.
      this.cache.save(tx, newKey, reply.etag);
      if (newKey !== key) this.cache.save(tx, key, reply.etag);
    });
    this.path = data.full_name;
    return meta;
  }

  private readMeta(): MetaState | null {
    const raw = this.cursor('meta');
    if (!raw) return null;
    try {
      return JSON.parse(raw) as MetaState;
    } catch {
      return null;
    }
  }

  // ─── default branch protection ──────────────────────────────────────────────────────────────

  /**
   * The default branch's protection (the openCode Security badge), read at most once a day and
   * again when the default branch changes (protectionDue): the branch and its ruleset rules, two
   * conditional requests. A 403/404 means GitHub does not show it to this reader: null.
   */
  private async syncBranchProtection(): Promise<void> {
    const row = storedProtection(this.ctx.db, this.repo.id);
    const branchName = row.defaultBranch;
    const now = Math.floor(Date.now() / 1000);
    if (!branchName || !protectionDue(row.branchProtection, branchName, now)) return;
    const previous = row.branchProtection?.answers;
    const branchUrl = this.route(`/branches/${enc(branchName)}`);
    const rulesUrl = this.route(`/rules/branches/${enc(branchName)}`);
    const branch = await this.readOrRefused<GhBranch>(branchUrl);
    const rules = await this.readOrRefused<GhBranchRule[]>(rulesUrl);
    const branchAnswer = branch.status === 304 ? (previous?.branch ?? null) : branch.data ? { protected: branch.data.protected } : null;
    const rulesAnswer =
      rules.status === 304
        ? ((previous?.detail as { type: string }[] | null | undefined) ?? null)
        : Array.isArray(rules.data)
          ? rules.data.map((r) => ({ type: r.type }))
          : null;
    const protection: BranchProtection = {
      ...branchProtectionRow(
        branchName,
        branchAnswer ? { name: branchName, ...branchAnswer } : null,
        rulesAnswer as GhBranchRule[] | null,
        now
      ),
      answers: { branch: branchAnswer, detail: rulesAnswer }
    };
    this.ctx.db.transaction((tx) => {
      updateRepository(tx, this.repo.id, { branchProtection: protection });
      if (branch.status === 200) this.cache.save(tx, branchUrl, branch.etag);
      if (rules.status === 200) this.cache.save(tx, rulesUrl, rules.etag);
    });
  }

  /** One GET; 403 and 404 (GitHub hides what this reader may not see) answer data null. */
  private async readOrRefused<T>(url: string): Promise<Reply<T | null>> {
    try {
      return await this.get<T>(url);
    } catch (error) {
      const status = statusOf(error);
      // A 403 of the spent rate limit is no answer about the branch.
      const remaining = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers?.['x-ratelimit-remaining'];
      if (status === 404 || (status === 403 && remaining !== '0' && remaining !== 0))
        return { status: 200, data: null, headers: {}, etag: null };
      throw error;
    }
  }

  // ─── issues and pull requests ───────────────────────────────────────────────────────────────

  /**
   * Issues and pull requests changed since the cursor, newest first (DESIGN §4 completeness rule):
   * any change before the run lands on page 1, so a 304 there means nothing changed, and an item
   * that moves while the list is paged only repeats others. The cursor (the newest updated_at read)
   * moves with the last page; a run stopped halfway reads the same range again.
   */
  private async syncItems(): Promise<void> {
    const hwm = this.cursor('issues');
    const prefix = this.route('/issues?');
    const url = newestFirst(prefix, hwm, 'state=all&');
    let high = hwm ?? null;
    try {
      if (await this.unchangedSinceLastRead(prefix, url)) return;
      for await (const page of this.list<GhIssue>(url)) {
        if (page.notModified) return;
        const rows = page.items.map((issue) => issueRow(issue, this.rows));
        for (const issue of page.items) high = laterIso(high, issue.updated_at);
        this.ctx.db.transaction((tx) => {
          upsertItems(tx, rows);
          if (page.last && !page.capped && high) setCursor(tx, this.repo.id, 'issues', high);
          page.finish(tx);
          if (page.last) this.cache.pruneFamily(tx, prefix, url);
        });
        this.ctx.counters.items += rows.length;
      }
    } catch (error) {
      // Issues disabled: GitHub answers 410 on /issues; pull requests are still there.
      if (statusOf(error) === 410) return this.syncPullsOnly();
      throw error;
    }
  }

  /**
   * A since-URL asked for the first time (the first run read the list without `since`, or the
   * cursor moved to another day) has no ETag, so asking it would spend a request even when nothing
   * changed. The list's last read is asked instead, conditionally: newest first, a since-list is a
   * prefix of a list with an earlier or no `since`, so any change since that read would be on its
   * first page, and a 304 (which costs no budget when authorised: docs.github.com, „Rate limits for
   * the REST API“, conditional requests) means nothing changed. When something did, this costs one
   * request more, once per new since-URL.
   */
  private async unchangedSinceLastRead(prefix: string, url: string): Promise<boolean> {
    if (this.cache.etag(url)) return false;
    const last = this.cache.familyUrl(prefix, url);
    if (!last) return false;
    return (await this.get<unknown>(last)).status === 304;
  }

  /**
   * With the issue tracker disabled, /pulls is the only list of pull requests. It has no `since`,
   * so it is read newest first until the stored high-water mark; the cursor moves at the end.
   */
  private async syncPullsOnly(): Promise<void> {
    const hwm = this.cursor('pulls');
    const hwmEpoch = epoch(hwm) ?? -1;
    const url = this.route('/pulls?state=all&sort=updated&direction=desc&per_page=100');
    let high = hwm ?? null;
    const rows: NewItem[] = [];
    let done = false;
    for await (const page of this.list<GhPull>(url)) {
      if (page.notModified) return;
      for (const pr of page.items) {
        if ((epoch(pr.updated_at) ?? 0) < hwmEpoch) {
          done = true;
          break;
        }
        high = laterIso(high, pr.updated_at);
        rows.push(pullRow(pr, this.rows));
      }
      const finished = done || page.last;
      this.ctx.db.transaction((tx) => {
        upsertItems(tx, rows.splice(0));
        if (finished && high) setCursor(tx, this.repo.id, 'pulls', high);
        if (page.last) page.finish(tx);
      });
      if (done) break;
    }
  }

  // ─── comments ───────────────────────────────────────────────────────────────────────────────

  /**
   * Repository-wide issue comments since the comment cursor, read only when an item with comments
   * changed after the list was last read completely ("comments:items" = items' high-water mark).
   */
  private async syncIssueComments(): Promise<void> {
    const itemsHigh = itemsHighWater(this.ctx.db, this.repo.id);
    if (itemsHigh == null) return;
    const marker = Number(this.cursor('comments:items') ?? -1);
    if (itemsHigh <= marker) return;
    if (!itemsChangedSince(this.ctx.db, this.repo.id, marker, { withComments: true })) {
      this.ctx.db.transaction((tx) => setCursor(tx, this.repo.id, 'comments:items', String(itemsHigh)));
      return;
    }
    const hwm = this.cursor('comments');
    const prefix = this.route('/issues/comments?');
    const url = newestFirst(prefix, hwm);
    let high = hwm ?? null;
    for await (const page of this.list<GhIssueComment>(url)) {
      if (!page.notModified) {
        const rows: NewComment[] = [];
        for (const c of page.items) {
          high = laterIso(high, c.updated_at);
          const row = issueCommentRow(c, this.rows);
          if (row) rows.push(row);
        }
        this.ctx.db.transaction((tx) => {
          upsertComments(tx, rows);
          if (page.last && !page.capped && high) setCursor(tx, this.repo.id, 'comments', high);
          if (page.last && !page.capped) setCursor(tx, this.repo.id, 'comments:items', String(itemsHigh));
          page.finish(tx);
          if (page.last) this.cache.pruneFamily(tx, prefix, url);
        });
        this.ctx.counters.items += rows.length;
      } else {
        this.ctx.db.transaction((tx) => setCursor(tx, this.repo.id, 'comments:items', String(itemsHigh)));
      }
    }
  }

  /** Repository-wide review (diff) comments, read only when a pull request changed. */
  private async syncReviewComments(): Promise<void> {
    const pullsHigh = itemsHighWater(this.ctx.db, this.repo.id, 'pull');
    if (pullsHigh == null) return;
    const marker = Number(this.cursor('review_comments:items') ?? -1);
    if (pullsHigh <= marker) return;
    const hwm = this.cursor('review_comments');
    const prefix = this.route('/pulls/comments?');
    const url = newestFirst(prefix, hwm);
    let high = hwm ?? null;
    for await (const page of this.list<GhReviewComment>(url)) {
      const rows: NewComment[] = [];
      for (const c of page.items) {
        high = laterIso(high, c.updated_at);
        const row = reviewCommentRow(c, this.rows);
        if (row) rows.push(row);
      }
      this.ctx.db.transaction((tx) => {
        upsertComments(tx, rows);
        if (page.last && !page.capped && high) setCursor(tx, this.repo.id, 'review_comments', high);
        if (page.last && !page.capped) setCursor(tx, this.repo.id, 'review_comments:items', String(pullsHigh));
        page.finish(tx);
        if (page.last && !page.notModified) this.cache.pruneFamily(tx, prefix, url);
      });
      this.ctx.counters.items += rows.length;
    }
  }

  /**
   * Reviews exist per pull request only. They are read for the pull requests updated after the
   * review cursor (a review bumps the PR's updated_at), conditionally, one PR at a time; the
   * cursor advances with each PR's reviews.
   */
  private async syncReviews(): Promise<void> {
    const after = parseItemPosition(this.cursor('reviews'));
    const pulls = itemsAfter(this.ctx.db, this.repo.id, after, { kind: 'pull' });
    for (const pull of pulls) {
      const url = this.route(`/pulls/${pull.number}/reviews?per_page=100`);
      for await (const page of this.list<GhReview>(url)) {
        const rows = page.items.flatMap((r) => reviewRow(r, pull.number, this.rows) ?? []);
        this.ctx.db.transaction((tx) => {
          upsertComments(tx, rows);
          if (page.last) setCursor(tx, this.repo.id, 'reviews', itemPosition(pull));
          page.finish(tx);
        });
        this.ctx.counters.items += rows.length;
      }
    }
  }

  /**
   * Who closed or merged an item: GitHub's issue lists carry no closed_by, so the actors come from
   * the repository's issue events (one list for all items, not a request per item; DESIGN §4), so
   * that a maintainer's close counts as a response as it does on GitLab. Read only when an item
   * was closed after the last read; newest first down to the newest event already read. That
   * order is what GitHub answers but does not document (docs.github.com/rest/issues/events): a
   * risk noted in the session note. The closers are stored with the last page read, in one
   * transaction with the cursor.
   */
  private async syncCloseEvents(): Promise<void> {
    const closedHigh = closedHighWater(this.ctx.db, this.repo.id);
    if (closedHigh == null || closedHigh <= Number(this.cursor('events:closed') ?? -1)) return;
    const seenUpTo = Number(this.cursor('events') ?? 0);
    const url = this.route('/issues/events?per_page=100');
    const closers = new Map<number, number | null>();
    let newest = seenUpTo;
    for await (const page of this.list<GhIssueEvent>(url)) {
      let reached = page.notModified;
      for (const e of page.items) {
        if (Number(e.id) <= seenUpTo) {
          reached = true;
          break;
        }
        newest = Math.max(newest, Number(e.id));
        const close = closeEvent(e);
        if (close && !closers.has(close.number)) closers.set(close.number, identityOf(this.rows, close.closer));
      }
      if (reached || page.last) {
        this.ctx.db.transaction((tx) => {
          storeClosers(tx, this.repo.id, closers);
          setCursor(tx, this.repo.id, 'events', String(newest));
          setCursor(tx, this.repo.id, 'events:closed', String(closedHigh));
          page.finish(tx);
        });
        this.ctx.counters.items += closers.size;
        return;
      }
    }
  }

  // ─── releases and forks ─────────────────────────────────────────────────────────────────────

  private async syncReleases(): Promise<void> {
    const url = this.route('/releases?per_page=100');
    const seen: string[] = [];
    for await (const page of this.list<GhRelease>(url)) {
      if (page.notModified) return;
      const rows = page.items.flatMap((r) => releaseRow(r, this.rows) ?? []);
      seen.push(...rows.map((r) => r.forgeReleaseId));
      this.ctx.db.transaction((tx) => {
        upsertReleases(tx, rows);
        // Beyond the cap GitHub lists nothing: older releases stay as stored, and the cap is
        // recorded so that totals come from the git tags (DESIGN §4).
        if (page.last && !page.capped) deleteReleasesExcept(tx, this.repo.id, seen);
        if (page.last) updateRepository(tx, this.repo.id, { releasesCapped: page.capped ? seen.length : null });
        page.finish(tx);
      });
      this.ctx.counters.items += rows.length;
    }
  }

  private async syncForks(forksCount: number | null): Promise<void> {
    const url = this.route('/forks?sort=oldest&per_page=100');
    if (forksCount === 0) {
      // Nothing to ask for; forget forks that were deleted since.
      this.ctx.db.transaction((tx) => deleteForksExcept(tx, this.repo.id, []));
      return;
    }
    const seen: string[] = [];
    for await (const page of this.list<GhMinimalRepo>(url)) {
      if (page.notModified) return;
      const rows = page.items.flatMap((f) => forkRow(f, this.rows) ?? []);
      storeForkPage(this.ctx.db, this.repo.id, page, rows, seen);
      this.ctx.counters.items += rows.length;
    }
  }
}

export function createGitHubCollector(options: GitHubCollectorOptions = {}): Collector {
  return forgeCollector('github', 'GitHub', (ctx) => new GitHubSession(ctx, options).run());
}
