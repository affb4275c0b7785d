/**
 * The computing half of derive: a batch of projects' facts read and turned into their reports, their
 * month-end history and their contribution counts. Pure of writes, so that it runs the same in the
 * derive's own thread and in its workers (pool.ts), each over its own connection and context; the
 * derive step (index.ts) writes what comes back.
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Db } from '../../db/index';
import { licenceFacts } from '../../src/lib/licence/facts';
import type { LicenceLookup } from '../../src/lib/metrics/licence';
import { buildProjectHistory, buildProjectReport, prepareProject, type ProjectReportOptions } from '../../src/lib/reports/project';
import type { ProjectHistoryReport, ProjectReport } from '../../src/lib/reports/types';
import { batches, type BatchSize, type DeriveContext } from './context';
import type { ContributionCounter } from './contribution-months';
import { loadProjectFactsBatch } from './load';

/** What every batch of one derive run is computed for. */
export interface ComputeSettings {
  asOf: string;
  /** The month-ends of the history, newest first. */
  months: readonly string[];
  showNames: boolean;
}

/** One snapshot row, its report already serialised (the text written, not parsed again). */
export interface SnapshotRow {
  asOf: string;
  lifecycle: string;
  score: number | null;
  coverage: number;
  report: string;
}

export interface ProjectResult {
  id: string;
  /**
   * The full report of asOf, as an object for what derive stores beside it (reuse evidence, listing,
   * changes); derive's own thread serialises it (snapshotRow), as the workers are the busier ones.
   */
  report: ProjectReport;
  /** The month-end history rows, when asked for. */
  history: SnapshotRow[];
}

/** A batch of projects and which of them need their history computed. */
export interface BatchTask {
  ids: string[];
  history: string[];
}

const licenceLookup: LicenceLookup = (spdx) => licenceFacts(spdx);

export function reportOptions(showNames: boolean): ProjectReportOptions {
  return { showNames, licenceLookup };
}

export function snapshotRow(asOf: string, report: ProjectReport | ProjectHistoryReport): SnapshotRow {
  return {
    asOf,
    lifecycle: report.lifecycle,
    score: report.vitality.score,
    coverage: report.vitality.coverage,
    report: JSON.stringify(report)
  };
}

/** The projects cut into batches (context.ts), each with those of its projects that need their history. */
export function batchTasks(ctx: DeriveContext, projectIds: readonly string[], history: ReadonlySet<string>, size?: BatchSize): BatchTask[] {
  return batches(ctx, projectIds, size).map((ids) => ({ ids, history: ids.filter((id) => history.has(id)) }));
}

/** The reports of a batch; each project's facts are added to `counter` too. */
export function computeBatch(
  db: Db,
  ctx: DeriveContext,
  task: BatchTask,
  settings: ComputeSettings,
  counter: ContributionCounter
): ProjectResult[] {
  const options = reportOptions(settings.showNames);
  const withHistory = new Set(task.history);
  const factsById = loadProjectFactsBatch(db, ctx, task.ids);
  const results: ProjectResult[] = [];
  for (const id of task.ids) {
    const facts = factsById.get(id);
    if (!facts) continue;
    const prepared = prepareProject(facts);
    const report = buildProjectReport(prepared, settings.asOf, options);
    counter.add(facts);
    const history = withHistory.has(id) ? settings.months.map((month) => snapshotRow(month, buildProjectHistory(prepared, month))) : [];
    results.push({ id, report, history });
  }
  factsById.clear();
  collectGarbageIfGrown();
  return results;
}

/**
 * A full garbage collection. A batch's facts live long enough to reach V8's old space; without a
 * collection V8 lets dead batches pile up (RSS twice the live heap), so collecting keeps RSS near what
 * is really used (target ≤ 500 MB, DESIGN §10).
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
export function collectGarbageIfGrown(): void {
  if (getHeapStatistics().used_heap_size - heapAfterCollection < GC_GROWTH_BYTES) return;
  collectGarbage();
  heapAfterCollection = getHeapStatistics().used_heap_size;
}
