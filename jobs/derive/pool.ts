/**
 * derive's reports computed in worker threads (DESIGN §2: 10,000 projects on one machine of several
 * cores). The metrics are pure functions over facts, so each worker reads the facts over its own
 * read-only connection against a copy of the context and sends the reports back; the derive step
 * writes them in its one transaction. A worker reads in one read transaction begun after derive took
 * the write lock (BEGIN IMMEDIATE), so it sees the facts as derive's context saw them and none of
 * derive's own writes, which nothing it reads depends on (load.ts reads no table derive writes).
 *
 * Projects sharing history (sharedHistoryGroups) go to one worker per group, so that each person's
 * commit is counted once across the group; the other batches go to whichever worker is free.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/index';
import { batchTasks, type BatchTask, type ComputeSettings, type ProjectResult } from './compute';
import type { BatchSize, DeriveContext } from './context';
import { sharedHistoryGroups, type ContributionCounts } from './contribution-months';

export interface WorkerData {
  file: string;
  ctx: DeriveContext;
  settings: ComputeSettings;
}

export type ToWorker = { type: 'batch'; task: BatchTask } | { type: 'finish' };
export type FromWorker =
  { type: 'results'; results: ProjectResult[] } | { type: 'counts'; counts: ContributionCounts } | { type: 'error'; message: string };

/**
 * Below this many commits derive runs in its own thread, within 30 s there (1,000 projects, 1.15 M
 * commits: 13–19 s, 483–501 MB peak RSS), while each worker adds about 250 MB (its heap, its facts,
 * its connection) and saves no time at that size: with two workers the same derive took 14–16 s and
 * 979 MB, far over DESIGN §10's 500 MB. Above it one thread would pass 30 s and then 60 s (10,000
 * projects, 5 M commits: 47–56 s and 1,084–1,195 MB with two workers).
 */
export const MIN_COMMITS_FOR_WORKERS = 2_000_000;
const MAX_WORKERS = 4;
/** Batches handed to a worker ahead, so that it computes the next while derive writes the last. */
const IN_FLIGHT = 2;

/**
 * How many workers a derive of this context uses: none for a database without a file of its own
 * (in memory) or outside WAL mode (readers would wait for derive's writes), nor for a small one.
 */
export function workerCount(db: Db, ctx: DeriveContext, requested?: number): number {
  const file = db.$client.name;
  const wal = String(db.$client.pragma('journal_mode', { simple: true })).toLowerCase() === 'wal';
  if (!file || file === ':memory:' || db.$client.memory || !wal) return 0;
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  let commits = 0;
  for (const n of ctx.commitCounts.values()) commits += n;
  return commits < MIN_COMMITS_FOR_WORKERS ? 0 : Math.min(MAX_WORKERS, availableParallelism());
}

/**
 * The tasks of each worker: each group of projects sharing history pinned to one worker (the
 * largest groups first, each to the worker with the fewest commits so far), all other projects in
 * batches any worker takes.
 */
function planTasks(ctx: DeriveContext, projectIds: readonly string[], history: ReadonlySet<string>, workers: number, size?: BatchSize) {
  const wanted = new Set(projectIds);
  const groups = sharedHistoryGroups(ctx)
    .map((group) => group.filter((id) => wanted.has(id)))
    .filter((ids) => ids.length > 0)
    .map((ids) => ({ ids, commits: ids.reduce((sum, id) => sum + (ctx.commitCounts.get(id) ?? 0), 0) }))
    .sort((a, b) => b.commits - a.commits);
  const pinnedIds: string[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  for (const group of groups) {
    const k = load.indexOf(Math.min(...load));
    pinnedIds[k].push(...group.ids);
    load[k] += group.commits;
  }
  const pinnedSet = new Set(pinnedIds.flat());
  const order = new Map(projectIds.map((id, k) => [id, k]));
  return {
    pinned: pinnedIds.map((ids) =>
      batchTasks(
        ctx,
        ids.sort((a, b) => order.get(a)! - order.get(b)!),
        history,
        size
      )
    ),
    shared: batchTasks(
      ctx,
      projectIds.filter((id) => !pinnedSet.has(id)),
      history,
      size
    )
  };
}

export interface PoolOptions extends WorkerData {
  workers: number;
  projectIds: readonly string[];
  history: ReadonlySet<string>;
  batchSize?: BatchSize;
  /** Called with each batch's results as they come, in the calling thread. */
  onResults: (results: ProjectResult[]) => void;
}

/** Computes every project in `workers` threads; resolves with each worker's contribution counts. */
export function computeInWorkers(options: PoolOptions): Promise<ContributionCounts[]> {
  if (options.workers < 1) throw new RangeError('computeInWorkers needs at least one worker');
  const { pinned, shared } = planTasks(options.ctx, options.projectIds, options.history, options.workers, options.batchSize);
  const data: WorkerData = { file: options.file, ctx: options.ctx, settings: options.settings };
  const counts: ContributionCounts[] = [];
  return new Promise((resolve, reject) => {
    const threads: Worker[] = [];
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      for (const thread of threads) void thread.terminate();
      reject(error);
    };
    for (let k = 0; k < options.workers; k++) {
      const thread = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: data });
      threads.push(thread);
      let inFlight = 0;
      let finishing = false;
      const feed = () => {
        while (!finishing && inFlight < IN_FLIGHT) {
          const task = pinned[k].shift() ?? shared.shift();
          if (task) {
            inFlight++;
            thread.postMessage({ type: 'batch', task } satisfies ToWorker);
          } else if (inFlight === 0) {
            finishing = true;
            thread.postMessage({ type: 'finish' } satisfies ToWorker);
          } else return;
        }
      };
      thread.on('message', (message: FromWorker) => {
        if (settled) return;
        try {
          if (message.type === 'error') throw new Error(message.message);
          if (message.type === 'results') {
            inFlight--;
            options.onResults(message.results);
            feed();
            return;
          }
          counts.push(message.counts);
          if (counts.length === options.workers) {
            settled = true;
            resolve(counts);
          }
        } catch (error) {
          fail(error as Error);
        }
      });
      thread.on('error', (error) => fail(error));
      thread.on('exit', (code) => {
        if (!finishing || code !== 0) fail(new Error(`Ein Rechen-Thread endete vorzeitig (Code ${code}).`));
      });
      feed();
    }
  });
}
