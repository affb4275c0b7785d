/**
 * One collection run (DESIGN §4): the catalog goes into the database, every repository is read by
 * each collector that handles it, each outcome is recorded per repository, and one repository's
 * failure never stops the others. A database lock keeps two processes from collecting at once.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { sqliteProblem, type Db } from '../db/index';
import { collectionRuns, projectRepositories, rateLimits, repositories, runRepositories, type Repository } from '../db/schema';
import type { Catalog } from '../src/lib/catalog/load';
import { loadOrCreateSecret } from '../src/lib/identity/secret';
import type { DataPaths } from '../src/lib/paths';
import { forgeToken } from './collectors/http/tokens';
import { allCollectors } from './collectors/index';
import { RepositoryError, type Collector, type RequestCounters } from './collectors/types';
import { discoverProjects } from './discover';
import type { Progress } from './progress';
import { syncCatalog } from './store/catalog';
import { IdentityStore } from './store/identities';
import { acquireLock } from './store/lock';
import { applyRetention, retentionMessage } from './retention';

export interface CollectOptions {
  db: Db;
  catalog: Catalog;
  paths: DataPaths;
  /** Only this project's repositories. */
  only?: string;
  trigger?: 'cli' | 'schedule' | 'demo' | 'test';
  progress?: Progress;
  log?: (message: string) => void;
  signal?: AbortSignal;
  /** Repositories collected at the same time. */
  concurrency?: number;
  collectors?: Collector[];
}

export interface RepositoryOutcome {
  key: string;
  source: string;
  ok: boolean;
  error: string | null;
  /** What kind of failure (RepositoryError.kind), null when none or unexpected. */
  kind: RepositoryError['kind'] | null;
  counters: RequestCounters;
}

export interface CollectSummary {
  runId: number;
  status: 'ok' | 'partial' | 'failed';
  repositories: number;
  failed: number;
  requests: number;
  notModified: number;
  items: number;
  outcomes: RepositoryOutcome[];
}

const now = () => Math.floor(Date.now() / 1000);

/** The run was stopped (Ctrl-C, SIGTERM): recorded as interrupted, nothing derived from it. */
export class CollectionInterrupted extends Error {
  constructor(readonly runId: number) {
    super('Sammlung abgebrochen; der nächste Lauf setzt fort, wo diese aufgehört hat.');
    this.name = 'CollectionInterrupted';
  }
}

export async function collect(options: CollectOptions): Promise<CollectSummary> {
  const { db, catalog, paths } = options;
  const log = options.log ?? (() => {});
  const lock = acquireLock(db, 'collect');
  const runId = db
    .insert(collectionRuns)
    .values({ startedAt: now(), status: 'running', trigger: options.trigger ?? 'cli', pid: process.pid })
    .returning({ id: collectionRuns.id })
    .get().id;
  try {
    markInterruptedRuns(db, runId);
    const discovery = await discoverProjects(catalog, log);
    const all = syncCatalog(db, catalog, discovery.projects, discovery.failedAccounts);
    const selected = options.only ? all.filter((r) => isInProject(db, r.id, options.only!)) : uniqueById(all);
    if (options.only && selected.length === 0) throw new Error(`Projekt „${options.only}“ steht nicht im Katalog.`);
    const notices = tokenNotices(catalog, selected);
    for (const notice of notices) log(`Hinweis: ${notice}`);
    db.update(collectionRuns).set({ repositoriesTotal: selected.length, notices }).where(eq(collectionRuns.id, runId)).run();
    /** Forges whose budget ran out this run, with the sentence that says until when. */
    const exhausted = new Map<string, string>();

    const identities = new IdentityStore(db, loadOrCreateSecret(paths.dataDir));
    const collectors = options.collectors ?? allCollectors();
    const outcomes: RepositoryOutcome[] = [];
    let done = 0;
    const totals = { requests: 0, notModified: 0, items: 0 };
    const report = () => {
      const budget = db
        .select()
        .from(rateLimits)
        .all()
        .map((r) => `${r.forgeId} ${r.remaining ?? '?'}`)
        .join(', ');
      options.progress?.update(
        `Sammle ${done}/${selected.length} Repositories · ${totals.requests} Anfragen · ${totals.items} Einträge${budget ? ` · Kontingent: ${budget}` : ''}`
      );
    };

    await runPool(selected, options.concurrency ?? 4, async (repository) => {
      for (const collector of collectors) {
        const current = db.select().from(repositories).where(eq(repositories.id, repository.id)).get()!;
        const forge = catalog.forgeById.get(current.forgeId);
        if (!forge || !collector.handles(current, forge)) continue;
        if (options.signal?.aborted) return;
        const skip = collector.source === 'git' ? undefined : exhausted.get(forge.id);
        const outcome = await collectOne(
          db,
          runId,
          collector,
          current,
          { catalog, forge, paths, identities, log, signal: options.signal },
          skip
        );
        if (outcome.kind === 'rate-limited' && !exhausted.has(forge.id)) {
          const stop = exhaustedNotice(db, forge.id);
          exhausted.set(forge.id, stop);
          notices.push(stop);
          log(`Hinweis: ${stop}`);
          db.update(collectionRuns).set({ notices }).where(eq(collectionRuns.id, runId)).run();
        }
        outcomes.push(outcome);
        totals.requests += outcome.counters.requests;
        totals.notModified += outcome.counters.notModified;
        totals.items += outcome.counters.items;
        report();
        // A forge failure usually means git would fail too (moved, deleted, private) — but an
        // exhausted API budget says nothing about git, which costs none.
        if (!outcome.ok && collector.source !== 'git' && outcome.kind !== 'rate-limited') break;
      }
      done += 1;
      db.update(collectionRuns).set({ repositoriesDone: done }).where(eq(collectionRuns.id, runId)).run();
      report();
    });

    if (options.signal?.aborted) {
      db.update(collectionRuns).set({ finishedAt: now(), status: 'interrupted' }).where(eq(collectionRuns.id, runId)).run();
      throw new CollectionInterrupted(runId);
    }
    const retained = applyRetention(db, paths, catalog.retention);
    if (retained.repositories > 0 || retained.snapshots > 0) log(retentionMessage(retained));
    const failedKeys = new Set(outcomes.filter((o) => !o.ok).map((o) => o.key));
    const status = failedKeys.size === 0 ? 'ok' : failedKeys.size === selected.length ? 'failed' : 'partial';
    db.update(collectionRuns).set({ finishedAt: now(), status }).where(eq(collectionRuns.id, runId)).run();
    return { runId, status, repositories: selected.length, failed: failedKeys.size, ...totals, outcomes };
  } catch (error) {
    if (!(error instanceof CollectionInterrupted)) {
      db.update(collectionRuns)
        .set({ finishedAt: now(), status: 'failed', error: (error as Error).message })
        .where(eq(collectionRuns.id, runId))
        .run();
    }
    throw error;
  } finally {
    lock.release();
  }
}

/**
 * Forges the run asks without a token: GitHub allows 60 requests an hour without one
 * (docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api), so most repositories of
 * a catalog would fail at the limit; GitLab shows less and limits harder.
 */
function tokenNotices(catalog: Catalog, selected: Repository[]): string[] {
  const forgeIds = [...new Set(selected.map((r) => r.forgeId))].sort();
  const notices: string[] = [];
  for (const id of forgeIds) {
    const forge = catalog.forgeById.get(id);
    if (!forge || forge.type === 'git' || forgeToken(forge)) continue;
    const how = forge.tokenEnv
      ? `die Umgebungsvariable ${forge.tokenEnv} ist nicht gesetzt`
      : `im Katalog ist kein Token angegeben (forges: token: env:NAME)`;
    notices.push(
      forge.type === 'github'
        ? `Plattform „${id}“ wird ohne Token abgefragt (${how}): GitHub erlaubt so nur 60 Anfragen pro Stunde, viele Repositories werden am Ratenlimit scheitern.`
        : `Plattform „${id}“ wird ohne Token abgefragt (${how}): GitLab begrenzt Anfragen ohne Token enger.`
    );
  }
  return notices;
}

/** The sentence for a forge whose budget ran out: the rest of its repositories wait for the next run. */
function exhaustedNotice(db: Db, forgeId: string): string {
  const reading = db.select().from(rateLimits).where(eq(rateLimits.forgeId, forgeId)).get();
  const reset = reading?.resetAt ? ` bis ${new Date(reading.resetAt * 1000).toISOString().slice(11, 16)} UTC` : '';
  return `Ratenlimit von „${forgeId}“ erschöpft${reset}: die übrigen Repositories dieser Plattform werden in diesem Lauf nicht abgefragt, sondern beim nächsten.`;
}

async function collectOne(
  db: Db,
  runId: number,
  collector: Collector,
  repository: Repository,
  ctx: Omit<Parameters<Collector['collect']>[0], 'db' | 'repository' | 'counters'>,
  /** Record this error without asking the collector (its forge's budget is spent). */
  skip?: string
): Promise<RepositoryOutcome> {
  const counters: RequestCounters = { requests: 0, notModified: 0, items: 0 };
  db.insert(runRepositories)
    .values({ runId, repositoryId: repository.id, source: collector.source, startedAt: now(), status: 'running' })
    .onConflictDoNothing()
    .run();
  let error: string | null = skip ?? null;
  let kind: RepositoryError['kind'] | null = skip ? 'rate-limited' : null;
  try {
    if (!skip) await collector.collect({ ...ctx, db, repository, counters });
  } catch (e) {
    error = e instanceof RepositoryError ? e.message : (sqliteProblem(e) ?? `Unerwarteter Fehler: ${(e as Error).message}`);
    kind = e instanceof RepositoryError ? e.kind : null;
  }
  // Stopped from outside: the repository did nothing wrong, so its state stays as it was.
  const interrupted = error !== null && Boolean(ctx.signal?.aborted);
  if (interrupted) error = 'abgebrochen';
  else if (error) ctx.log(`${repository.key} (${collector.source}): ${error}`);
  db.transaction((tx) => {
    tx.update(runRepositories)
      .set({ finishedAt: now(), status: error ? 'failed' : 'ok', error, ...counters })
      .where(
        and(eq(runRepositories.runId, runId), eq(runRepositories.repositoryId, repository.id), eq(runRepositories.source, collector.source))
      )
      .run();
    if (interrupted) return;
    const at = now();
    // Another source's failure in this run stays the repository's error: git reading a clone must not
    // hide that its forge answered 404 or ran out of budget (the status page lists lastError).
    const otherFailure = error
      ? null
      : tx
          .select({ error: runRepositories.error })
          .from(runRepositories)
          .where(
            and(
              eq(runRepositories.runId, runId),
              eq(runRepositories.repositoryId, repository.id),
              ne(runRepositories.source, collector.source),
              eq(runRepositories.status, 'failed')
            )
          )
          .get();
    const failure = error ?? otherFailure?.error ?? null;
    tx.update(repositories)
      .set(
        failure
          ? {
              lastCollectedAt: at,
              ...(error ? {} : { lastSuccessAt: at }),
              lastError: failure,
              lastErrorSince: sql`coalesce(${repositories.lastErrorSince}, ${at})`
            }
          : { lastCollectedAt: at, lastSuccessAt: at, lastError: null, lastErrorSince: null }
      )
      .where(eq(repositories.id, repository.id))
      .run();
  });
  return { key: repository.key, source: collector.source, ok: !error, error, kind, counters };
}

/** Runs left 'running' by a killed process are marked as interrupted. */
function markInterruptedRuns(db: Db, currentRunId: number): void {
  db.update(collectionRuns)
    .set({ status: 'interrupted', finishedAt: now() })
    .where(sql`${collectionRuns.status} = 'running' and ${collectionRuns.id} <> ${currentRunId}`)
    .run();
}

function isInProject(db: Db, repositoryId: number, projectId: string): boolean {
  const link = db
    .select()
    .from(projectRepositories)
    .where(and(eq(projectRepositories.projectId, projectId), eq(projectRepositories.repositoryId, repositoryId)))
    .get();
  return Boolean(link);
}

function uniqueById(list: Repository[]): Repository[] {
  return [...new Map(list.map((r) => [r.id, r])).values()];
}

async function runPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(workers);
}
