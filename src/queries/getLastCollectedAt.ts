import { max } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { repositories } from '../../db/schema';

/** When any repository was last collected successfully (epoch seconds), or null. */
export function getLastCollectedAt(db: Db): number | null {
  const row = db
    .select({ at: max(repositories.lastSuccessAt) })
    .from(repositories)
    .get();
  return row?.at ?? null;
}
