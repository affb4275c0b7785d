import { max } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectSnapshots } from '../../db/schema';

/** The newest snapshot date („Stand“) over all projects, or null when nothing is derived yet. */
export function getLatestAsOf(db: Db): string | null {
  const row = db
    .select({ asOf: max(projectSnapshots.asOf) })
    .from(projectSnapshots)
    .get();
  return row?.asOf ?? null;
}
