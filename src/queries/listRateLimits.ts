import { asc } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { rateLimits } from '../../db/schema';

export interface RateLimitRow {
  forgeId: string;
  limit: number | null;
  remaining: number | null;
  resetAt: number | null;
  observedAt: number;
}

/** The last rate-limit budget the forges reported, per forge. */
export function listRateLimits(db: Db): RateLimitRow[] {
  return db.select().from(rateLimits).orderBy(asc(rateLimits.forgeId)).all();
}
