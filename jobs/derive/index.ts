/**
 * The derive step (DESIGN §2, §6): facts → figures → snapshots.
 *
 * 1. persons are rebuilt from the identities (jobs/derive/persons.ts);
 * 2. the context (organisations, identities resolved to actors with their affiliation, repository
 *    families) is read once, then the projects' facts in batches, one query per table per batch;
 * 3. each project's report is computed for `asOf` (the full Steckbrief) and, where history is
 *    missing, its facts from before the month changed (history-facts.ts) or `backfill` is asked for,
 *    compact reports for the last day of each of the 12 months
 *    before asOf's month (monthly rather than weekly: the overview sparkline and the Steckbrief
 *    history chart show 12 months, one point per month is what they draw; weekly would write and
 *    compute 4× as much for no visible gain, and daily runs add daily points from then on anyway);
 *    steps 2 (the facts) and 3 run in compute.ts, on a large database in worker threads (pool.ts),
 *    and this thread writes what they return;
 * 4. the forge accounts' affiliation periods (account_affiliations), the ones step 2 used, the
 *    affiliated contributions counted per month (contribution-months.ts) and the reuse evidence of
 *    the newest reports (reuse_evidence), for the organisation report and the reuse view over any
 *    period (organisation reports are not stored: src/lib/server/organisation-report.ts computes
 *    them for any period from these and the facts);
 * 5. what changed since each project's previous full report (project_changes, changes.ts: Zustand,
 *    Hinweise, releases, reuse; a project's first report with data is its baseline, no change);
 * 6. per project, the figures of its newest report that lists of all projects show (project_listings, listing.ts),
 *    and the search's index anew (project_search: repositories' descriptions change with each collection);
 * persons and all snapshot, affiliation, count, evidence and change rows are written in ONE transaction:
 * a failure leaves no partial snapshot.
 * Backfilled history rows never overwrite a full report already stored for the same day.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectSnapshots } from '../../db/schema';
import type { CatalogSettings } from '../../src/lib/catalog/load';
import { addDays, isValidDate, previousMonthEnds, today } from '../../src/lib/metrics/index';
import { buildProjectReport } from '../../src/lib/reports/project';
import type { ProjectReport } from '../../src/lib/reports/types';
import { projectListing, storeProjectListing } from './listing';
import { storeProjectSearch } from '../store/project-search';
import { rebuildPersons } from './persons';
import { historyFingerprints, storedHistoryFingerprints, storeHistoryFingerprint } from './history-facts';
import { storeReuseEvidence } from './reuse-evidence';
import { loadNeighbourReports, storeChanges, type NeighbourReports } from './changes';
import { compareReports, isBaseline } from '../../src/lib/reports/changes';
import { loadContext, storeAccountAffiliations, type BatchSize, type ContextOptions } from './context';
import { loadProjectFactsBatch } from './load';
import { ContributionCounter, storeContributionCounts, type ContributionCounts } from './contribution-months';
import {
  batchTasks,
  computeBatch,
  reportOptions,
  snapshotRow,
  type ComputeSettings,
  type ProjectResult,
  type SnapshotRow
} from './compute';
import { computeInWorkers, workerCount } from './pool';

export { loadContext, storeAccountAffiliations } from './context';
export { loadProjectFacts, loadProjectFactsBatch } from './load';

export interface DeriveOptions {
  /** Reference date YYYY-MM-DD (UTC), default today. */
  asOf?: string;
  /** Recompute the monthly history of the last 12 months for every project. */
  backfill?: boolean;
  /** Key for email hashes (persons). */
  secret: Buffer;
  /** Months of history to backfill (default 12). */
  historyMonths?: number;
  /** Progress messages. */
  log?: (message: string) => void;
  /** Worker threads computing the reports (pool.ts); by default one per core for a large database, none for a small one. */
  workers?: number;
  /** The size of a batch of projects read at once (context.ts `batches`), which bounds memory; tests make it small. */
  batchSize?: BatchSize;
}

export interface DeriveResult {
  asOf: string;
  projects: number;
  persons: number;
  snapshots: number;
  historySnapshots: number;
  /** Changes recorded (project_changes) for asOf, and for the next full report when a past day was derived. */
  changes: number;
  seconds: number;
}

export class DeriveError extends Error {}

function contextOptions(catalog: CatalogSettings | null | undefined): ContextOptions {
  return catalog?.personalEmailDomains ? { personalEmailDomains: catalog.personalEmailDomains } : {};
}

const showNames = (catalog: CatalogSettings | null | undefined) => catalog?.privacy?.showNames ?? false;

/** The project report for a date, computed from the facts (`allmende report --project --as-of`). */
export function projectReportFromFacts(
  db: Db,
  catalog: CatalogSettings | null,
  projectId: string,
  asOf: string = today()
): ProjectReport | null {
  if (!isValidDate(asOf)) throw new DeriveError(`Ungültiger Stichtag „${asOf}“ (erwartet JJJJ-MM-TT)`);
  const ctx = loadContext(db, contextOptions(catalog));
  const facts = loadProjectFactsBatch(db, ctx, [projectId]).get(projectId);
  return facts ? buildProjectReport(facts, asOf, reportOptions(showNames(catalog))) : null;
}

export async function derive(db: Db, catalog: CatalogSettings, options: DeriveOptions): Promise<DeriveResult> {
  const started = performance.now();
  const asOf = options.asOf ?? today();
  if (!isValidDate(asOf)) throw new DeriveError(`Ungültiger Stichtag „${asOf}“ (erwartet JJJJ-MM-TT)`);
  const log = options.log ?? (() => {});

  const months = previousMonthEnds(asOf, options.historyMonths ?? 12);
  const settings: ComputeSettings = { asOf, months, showNames: showNames(catalog) };
  let people = { persons: 0, bots: 0 };
  let snapshots = 0;
  let historySnapshots = 0;
  let changes = 0;

  const excluded = {
    lifecycle: sql`excluded.lifecycle`,
    score: sql`excluded.score`,
    coverage: sql`excluded.coverage`,
    report: sql`excluded.report`
  };
  // Two prepared upserts (built once, run per row): a full report always replaces the day's row; a
  // backfilled history row never replaces a full report of the same day. The report comes as JSON
  // text (compute.ts `snapshotRow`), wrapped in sql so that the json column does not serialise it a
  // second time.
  const upsert = (history: boolean) =>
    db
      .insert(projectSnapshots)
      .values({
        projectId: sql.placeholder('projectId'),
        asOf: sql.placeholder('asOf'),
        lifecycle: sql.placeholder('lifecycle'),
        score: sql.placeholder('score'),
        coverage: sql.placeholder('coverage'),
        report: sql`${sql.placeholder('report')}`
      })
      .onConflictDoUpdate({
        target: [projectSnapshots.projectId, projectSnapshots.asOf],
        set: excluded,
        setWhere: history ? sql`json_extract(${projectSnapshots.report}, '$.compact') = 1` : undefined
      })
      .prepare();
  const upsertFull = upsert(false);
  const upsertHistory = upsert(true);
  const writeSnapshot = (projectId: string, row: SnapshotRow, history: boolean) =>
    (history ? upsertHistory : upsertFull).run({ projectId, ...row });

  // Persons are rebuilt in the same transaction as everything derived from them: the affiliations
  // and monthly counts name persons by id, and never point at persons a failed derive merged away.
  // The transaction spans the awaits for the workers (better-sqlite3's own transactions are
  // synchronous): derive's callers run nothing else on this connection meanwhile, and the scheduler's
  // heartbeat skips its write while a transaction is open (jobs/schedule.ts).
  const client = db.$client;
  client.exec('BEGIN IMMEDIATE');
  try {
    people = rebuildPersons(db, catalog, options.secret);
    log(`Personen: ${people.persons} (davon Bots: ${people.bots})`);
    const ctx = loadContext(db, contextOptions(catalog));
    log(`Kontext geladen: ${ctx.projects.length} Projekte, ${ctx.actors.size} Identitäten`);
    const projectIds = ctx.projects.map((p) => p.id);
    // History is computed where it is missing (no fingerprint) or the facts from before this month
    // changed since it was computed (another fingerprint).
    const factsNow = historyFingerprints(db, addDays(months[0], 1));
    const factsThen = storedHistoryFingerprints(db);
    const history = new Set(projectIds.filter((id) => options.backfill || factsThen.get(id) !== (factsNow.get(id) ?? '')));
    storeAccountAffiliations(db, ctx);
    let done = 0;
    const storeResults = (results: readonly ProjectResult[]) => {
      const neighbours = loadNeighbourReports(
        db,
        results.map((r) => r.id),
        asOf
      );
      for (const { id, report, history: monthEnds } of results) {
        writeSnapshot(id, snapshotRow(asOf, report), false);
        const pairs = storeReuseEvidence(db, id, asOf, report.reuse);
        if (pairs)
          storeProjectListing(
            db,
            projectListing(report, pairs, (org) => ctx.organisations.get(org)?.kind)
          );
        changes += storeReportChanges(db, id, report, neighbours.get(id));
        snapshots++;
        if (history.has(id)) {
          for (const row of monthEnds) writeSnapshot(id, row, true);
          historySnapshots += monthEnds.length;
          storeHistoryFingerprint(db, id, factsNow.get(id) ?? '');
        }
      }
      done += results.length;
      log(`Projekte: ${done}/${projectIds.length}`);
    };
    const workers = workerCount(db, ctx, options.workers);
    let counts: ContributionCounts[];
    if (workers > 0) {
      log(`Rechnen in ${workers} Threads`);
      counts = await computeInWorkers({
        file: client.name,
        ctx,
        settings,
        workers,
        projectIds,
        history,
        batchSize: options.batchSize,
        onResults: storeResults
      });
    } else {
      const counter = new ContributionCounter(ctx);
      for (const task of batchTasks(ctx, projectIds, history, options.batchSize))
        storeResults(computeBatch(db, ctx, task, settings, counter));
      counts = [counter.counts()];
    }
    storeContributionCounts(db, counts);
    storeProjectSearch(client);
    client.exec('COMMIT');
  } catch (error) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw new DeriveError(`Ableiten fehlgeschlagen, keine Schnappschüsse geschrieben: ${(error as Error).message}`, { cause: error });
  }
  return {
    asOf,
    projects: snapshots,
    persons: people.persons,
    snapshots,
    historySnapshots,
    changes,
    seconds: Math.round((performance.now() - started) / 10) / 100
  };
}

/** The changes of a project's new report against the reports before and after it (changes.ts). */
function storeReportChanges(db: Db, id: string, report: ProjectReport, around: NeighbourReports | undefined): number {
  let stored = storeChanges(db, id, report.asOf, compareReports(around?.previous ?? null, report));
  // A past day without data takes no place in the chain: the next report keeps its changes.
  if (around?.next && isBaseline(report)) stored += storeChanges(db, id, around.next.asOf, compareReports(report, around.next));
  return stored;
}
