/**
 * `allmende schedule`: collection and derive on a cron (node-cron, no overlapping runs); the
 * database lock of collect() keeps a second process out as well. The next run is written to the
 * meta table for the status page, a heartbeat for /healthz. `stop()` aborts a running collection
 * and waits for it (recorded as interrupted, lock released) before it resolves, so the caller may
 * close the database afterwards.
 */
import { schedule as cronSchedule, validate } from 'node-cron';
import type { Db } from '../db/index';
import { meta } from '../db/schema';
import { loadCatalog } from '../src/lib/catalog/load';
import type { DataPaths } from '../src/lib/paths';
import { CollectionInterrupted } from './collect';
import { collectAndDerive } from './pipeline';

/** How often the scheduler records that it is alive (meta `schedule.heartbeat`). */
export const HEARTBEAT_SECONDS = 30;

export interface ScheduleOptions {
  db: Db;
  configFile: string;
  paths: DataPaths;
  /** Overrides the catalog's schedule.cron. */
  cron?: string;
  log: (message: string) => void;
}

export class ScheduleError extends Error {}

export function startSchedule(options: ScheduleOptions): { stop(): Promise<void>; nextRun(): Date | null } {
  const catalog = loadCatalog(options.configFile);
  const expression = options.cron ?? catalog.schedule.cron;
  if (!validate(expression)) throw new ScheduleError(`Ungültiger Cron-Ausdruck „${expression}“.`);
  const writeMeta = (key: string, value: string) => {
    const row = { key, value, updatedAt: Math.floor(Date.now() / 1000) };
    options.db.insert(meta).values(row).onConflictDoUpdate({ target: meta.key, set: row }).run();
  };
  const writeNext = (next: Date | null) => writeMeta('schedule.next', next ? next.toISOString() : '');
  // The heartbeat's time is the row's updatedAt; an empty value says the scheduler stopped cleanly.
  const beat = () => writeMeta('schedule.heartbeat', 'running');
  const controller = new AbortController();
  let running: Promise<void> | null = null;
  const runOnce = async () => {
    try {
      // The catalog is read anew each time, so edits take effect without a restart.
      const current = loadCatalog(options.configFile);
      const summary = await collectAndDerive({
        db: options.db,
        catalog: current,
        paths: options.paths,
        trigger: 'schedule',
        log: options.log,
        signal: controller.signal
      });
      options.log(`Sammlung beendet: ${summary.repositories} Repositories, ${summary.failed} mit Fehlern, ${summary.requests} Anfragen.`);
    } catch (error) {
      if (error instanceof CollectionInterrupted) options.log(`Sammlung abgebrochen (Lauf ${error.runId}).`);
      else options.log(`Sammlung fehlgeschlagen: ${(error as Error).message}`);
    } finally {
      if (!controller.signal.aborted) writeNext(task.getNextRun());
    }
  };
  const task = cronSchedule(
    expression,
    () => {
      if (controller.signal.aborted) return;
      running = runOnce().finally(() => (running = null));
      return running;
    },
    { noOverlap: true, timezone: catalog.schedule.timezone, name: 'allmende-collect' }
  );
  writeNext(task.getNextRun());
  beat();
  const heartbeat = setInterval(() => {
    // A derive holds its transaction open while its workers compute (jobs/derive/index.ts): a beat
    // written now would wait in it for the commit, so the beat is left out, as while a run blocks.
    if (options.db.$client.inTransaction) return;
    try {
      beat();
    } catch {
      // A busy database: the next beat tries again.
    }
  }, HEARTBEAT_SECONDS * 1000);
  heartbeat.unref();
  options.log(`Zeitplan aktiv (${expression}, ${catalog.schedule.timezone}); nächste Sammlung: ${task.getNextRun()?.toISOString() ?? '–'}`);
  return {
    async stop() {
      // No new run starts; a running one is aborted and awaited (it records itself as interrupted
      // and releases the lock) before the caller closes the database.
      controller.abort();
      clearInterval(heartbeat);
      await task.stop();
      await running;
      await task.destroy();
      writeNext(null);
      writeMeta('schedule.heartbeat', '');
    },
    nextRun: () => task.getNextRun()
  };
}
