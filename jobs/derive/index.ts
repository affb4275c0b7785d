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
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Db } from '../../db/index';
import { projectSnapshots } from '../../db/schema';
import type { CatalogSettings } from '../../src/lib/catalog/load';
import { licenceFacts } from '../../src/lib/licence/facts';
import type { LicenceLookup } from '../../src/lib/metrics/licence';
import { addDays, isValidDate, previousMonthEnds, today } from '../../src/lib/metrics/index';
import { buildProjectHistory, buildProjectReport, prepareProject, type ProjectReportOptions } from '../../src/lib/reports/project';
import type { ProjectHistoryReport, ProjectReport } from '../../src/lib/reports/types';
import { projectListing, storeProjectListing } from './listing';
import { storeProjectSearch } from '../store/project-search';
import { rebuildPersons } from './persons';
import { historyFingerprints, storedHistoryFingerprints, storeHistoryFingerprint } from './history-facts';
import { storeReuseEvidence } from './reuse-evidence';
import { loadNeighbourReports, storeChanges } from './changes';
import { compareReports, isBaseline } from '../../src/lib/reports/changes';
import { batches, loadContext, storeAccountAffiliations, type ContextOptions } from './context';
import { loadProjectFactsBatch } from './load';
import { ContributionMonths } from './contribution-months';

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

/**
 * A full garbage collection between batches. A batch's facts live long enough to reach V8's old
 * space; without a collection V8 lets dead batches pile up (RSS twice the live heap). Collecting
 * after each batch keeps RSS near what is really used (target ≤ 500 MB, DESIGN §10).
 */
const collectGarbage: () => void = (() => {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (() => void) | undefined;
    if (typeof gc === 'function') return gc;
  } catch {
    // Not available: V8 collects on its own schedule.
  }
  return () => {};
})();

/** Heap growth since the last collection after which collectGarbageIfGrown collects again. */
const GC_GROWTH_BYTES = 128 * 1024 * 1024;
let heapAfterCollection = 0;

/**
 * collectGarbage when the heap grew by GC_GROWTH_BYTES since the last one: a full collection
 * traverses everything alive (the context, the monthly counts), so after every batch it cost a sixth
 * of derive at country scale; a batch's dead facts stay below the growth allowed.
 */
function collectGarbageIfGrown(): void {
  if (getHeapStatistics().used_heap_size - heapAfterCollection < GC_GROWTH_BYTES) return;
  collectGarbage();
  heapAfterCollection = getHeapStatistics().used_heap_size;
}

const licenceLookup: LicenceLookup = (spdx) => licenceFacts(spdx);

function contextOptions(catalog: CatalogSettings | null | undefined): ContextOptions {
  return catalog?.personalEmailDomains ? { personalEmailDomains: catalog.personalEmailDomains } : {};
}

function reportOptions(catalog: CatalogSettings | null | undefined): ProjectReportOptions {
  return { showNames: catalog?.privacy?.showNames ?? false, licenceLookup };
}

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
  return facts ? buildProjectReport(facts, asOf, reportOptions(catalog)) : null;
}

export async function derive(db: Db, catalog: CatalogSettings, options: DeriveOptions): Promise<DeriveResult> {
  const started = performance.now();
  const asOf = options.asOf ?? today();
  if (!isValidDate(asOf)) throw new DeriveError(`Ungültiger Stichtag „${asOf}“ (erwartet JJJJ-MM-TT)`);
  const log = options.log ?? (() => {});

  const months = previousMonthEnds(asOf, options.historyMonths ?? 12);
  const rOptions = reportOptions(catalog);
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
  // backfilled history row never replaces a full report of the same day (drizzle's json column
  // serialises the report).
  const upsert = (history: boolean) =>
    db
      .insert(projectSnapshots)
      .values({
        projectId: sql.placeholder('projectId'),
        asOf: sql.placeholder('asOf'),
        lifecycle: sql.placeholder('lifecycle'),
        score: sql.placeholder('score'),
        coverage: sql.placeholder('coverage'),
        report: sql.placeholder('report')
      })
      .onConflictDoUpdate({
        target: [projectSnapshots.projectId, projectSnapshots.asOf],
        set: excluded,
        setWhere: history ? sql`json_extract(${projectSnapshots.report}, '$.compact') = 1` : undefined
      })
      .prepare();
  const upsertFull = upsert(false);
  const upsertHistory = upsert(true);
  const writeSnapshot = (projectId: string, date: string, row: ProjectReport | ProjectHistoryReport, history: boolean) =>
    (history ? upsertHistory : upsertFull).run({
      projectId,
      asOf: date,
      lifecycle: row.lifecycle,
      score: row.vitality.score,
      coverage: row.vitality.coverage,
      report: row
    });

  // Persons are rebuilt in the same transaction as everything derived from them: the affiliations
  // and monthly counts name persons by id, and never point at persons a failed derive merged away.
  const run = () =>
    db.transaction(() => {
      people = rebuildPersons(db, catalog, options.secret);
      log(`Personen: ${people.persons} (davon Bots: ${people.bots})`);
      const ctx = loadContext(db, contextOptions(catalog));
      log(`Kontext geladen: ${ctx.projects.length} Projekte, ${ctx.actors.size} Identitäten`);
      const projectIds = ctx.projects.map((p) => p.id);
      // History is computed where it is missing (no fingerprint) or the facts from before this month
      // changed since it was computed (another fingerprint).
      const factsNow = historyFingerprints(db, addDays(months[0], 1));
      const factsThen = storedHistoryFingerprints(db);
      storeAccountAffiliations(db, ctx);
      const contributionMonths = new ContributionMonths(db, ctx);
      let done = 0;
      for (const batch of batches(ctx, projectIds)) {
        const factsById = loadProjectFactsBatch(db, ctx, batch);
        const neighbours = loadNeighbourReports(db, batch, asOf);
        for (const id of batch) {
          const facts = factsById.get(id);
          if (!facts) continue;
          const prepared = prepareProject(facts);
          const report = buildProjectReport(prepared, asOf, rOptions);
          contributionMonths.add(facts);
          writeSnapshot(id, asOf, report, false);
          const pairs = storeReuseEvidence(db, id, asOf, report.reuse);
          if (pairs)
            storeProjectListing(
              db,
              projectListing(report, pairs, (org) => ctx.organisations.get(org)?.kind)
            );
          const around = neighbours.get(id);
          changes += storeChanges(db, id, asOf, compareReports(around?.previous ?? null, report));
          // A past day without data takes no place in the chain: the next report keeps its changes.
          if (around?.next && isBaseline(report)) changes += storeChanges(db, id, around.next.asOf, compareReports(report, around.next));
          snapshots++;
          const fingerprint = factsNow.get(id) ?? '';
          if (options.backfill || factsThen.get(id) !== fingerprint) {
            for (const month of months) {
              const h = buildProjectHistory(prepared, month);
              writeSnapshot(id, month, h, true);
              historySnapshots++;
            }
            storeHistoryFingerprint(db, id, fingerprint);
          }
          done++;
        }
        factsById.clear();
        collectGarbageIfGrown();
        log(`Projekte: ${done}/${projectIds.length}`);
      }
      contributionMonths.finish();
      storeProjectSearch(db.$client);
    });

  try {
    run();
  } catch (error) {
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
