import { eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { organisations, type Organisation } from '../../db/schema';

/** One organisation of the catalog, or null. */
export function getOrganisation(db: Db, id: string): Organisation | null {
  return db.select().from(organisations).where(eq(organisations.id, id)).get() ?? null;
}
