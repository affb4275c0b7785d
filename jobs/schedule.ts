/**
 * `allmende schedule`: collection and derive on a cron (node-cron, no overlapping runs); the
 * database lock of collect() keeps a second process out as well. The next run is written to the
 * meta table for the status page.
 */
import { schedule as cronSchedule, validate } from 'node-cron';
import type { Db } from '../db/index';
import { meta } from '../db/schema';
import { loadCatalog } from '../src/lib/catalog/load';
import type { DataPaths } from '../src/lib/paths';
import { collectAndDerive } from './pipeline';

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
  const writeNext = (next: Date | null) => {
    const row = { key: 'schedule.next', value: next ? next.toISOString() : '', updatedAt: Math.floor(Date.now() / 1000) };
    options.db.insert(meta).values(row).onConflictDoUpdate({ target: meta.key, set: row }).run();
  };
  const task = cronSchedule(
    expression,
    async () => {
      try {
        // The catalog is read anew each time, so edits take effect without a restart.
        const current = loadCatalog(options.configFile);
        const summary = await collectAndDerive({
          db: options.db,
          catalog: current,
          paths: options.paths,
          trigger: 'schedule',
          log: options.log
        });
        options.log(`Sammlung beendet: ${summary.repositories} Repositories, ${summary.failed} mit Fehlern, ${summary.requests} Anfragen.`);
      } catch (error) {
        options.log(`Sammlung fehlgeschlagen: ${(error as Error).message}`);
      } finally {
        writeNext(task.getNextRun());
      }
    },
    { noOverlap: true, timezone: catalog.schedule.timezone, name: 'allmende-collect' }
  );
  writeNext(task.getNextRun());
  options.log(`Zeitplan aktiv (${expression}, ${catalog.schedule.timezone}); nächste Sammlung: ${task.getNextRun()?.toISOString() ?? '–'}`);
  return {
    async stop() {
      await task.stop();
      await task.destroy();
      writeNext(null);
    },
    nextRun: () => task.getNextRun()
  };
}
