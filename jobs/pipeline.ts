/** Collection followed by derive: what `allmende collect` and each scheduled run do. */
import { gte } from 'drizzle-orm';
import type { Db } from '../db/index';
import { projectChanges } from '../db/schema';
import type { Catalog } from '../src/lib/catalog/load';
import { loadOrCreateSecret } from '../src/lib/identity/secret';
import { addDays } from '../src/lib/metrics/window';
import type { DataPaths } from '../src/lib/paths';
import { collect, type CollectOptions, type CollectSummary } from './collect';
import { derive } from './derive/index';

export async function collectAndDerive(options: CollectOptions & { asOf?: string }): Promise<CollectSummary> {
  const summary = await collect(options);
  await derive(options.db, options.catalog, { asOf: options.asOf, secret: loadOrCreateSecret(options.paths.dataDir) });
  return summary;
}

/** The days before asOf that derivePastDays derives, oldest first. */
export const PAST_DAYS = [30, 14, 7, 3] as const;

/**
 * A database collected once has one full report per project and so no recorded changes (the first
 * report is the baseline). The demo and the browser tests' world also derive a few past days (each
 * as of its day, from the same facts), oldest first: the first is the baseline, each later one and
 * asOf's report are compared with the one before (jobs/derive/changes.ts), so that „Was hat sich
 * geändert“ and the feeds show the world's recent history. Returns the changes recorded since the first day.
 */
export async function derivePastDays(options: { db: Db; catalog: Catalog; paths: DataPaths; asOf: string }): Promise<number> {
  const secret = loadOrCreateSecret(options.paths.dataDir);
  for (const back of PAST_DAYS) await derive(options.db, options.catalog, { asOf: addDays(options.asOf, -back), secret });
  return options.db.$count(projectChanges, gte(projectChanges.asOf, addDays(options.asOf, -PAST_DAYS[0])));
}
