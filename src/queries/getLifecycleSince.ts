import { and, asc, eq, gt, lte, max, min, ne } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectSnapshots } from '../../db/schema';

export interface LifecycleSince {
  /** The first snapshot date of the current run of this lifecycle. */
  since: string | null;
  /** true when the lifecycle holds since the first snapshot (so it may be older: „seit mindestens“). */
  sinceFirstSnapshot: boolean;
}

/** Since when a project has been in its current lifecycle, from its snapshot history. */
export function getLifecycleSince(db: Db, projectId: string, lifecycle: string, asOf: string): LifecycleSince {
  const lastOther = db
    .select({ d: max(projectSnapshots.asOf) })
    .from(projectSnapshots)
    .where(and(eq(projectSnapshots.projectId, projectId), ne(projectSnapshots.lifecycle, lifecycle), lte(projectSnapshots.asOf, asOf)))
    .get()?.d;
  if (!lastOther) {
    const first = db
      .select({ d: min(projectSnapshots.asOf) })
      .from(projectSnapshots)
      .where(eq(projectSnapshots.projectId, projectId))
      .get()?.d;
    return { since: first ?? null, sinceFirstSnapshot: true };
  }
  const next = db
    .select({ d: projectSnapshots.asOf })
    .from(projectSnapshots)
    .where(and(eq(projectSnapshots.projectId, projectId), gt(projectSnapshots.asOf, lastOther)))
    .orderBy(asc(projectSnapshots.asOf))
    .limit(1)
    .get()?.d;
  return { since: next ?? asOf, sinceFirstSnapshot: false };
}
