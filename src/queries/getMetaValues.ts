import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { meta } from '../../db/schema';

/** Values of the meta table for the given keys (missing keys are absent from the map). */
export function getMetaValues(db: Db, keys: readonly string[]): Map<string, { value: string; updatedAt: number }> {
  if (keys.length === 0) return new Map();
  const rows = db
    .select({ key: meta.key, value: meta.value, updatedAt: meta.updatedAt })
    .from(meta)
    .where(inArray(meta.key, [...keys]))
    .all();
  return new Map(rows.map((r) => [r.key, { value: r.value, updatedAt: r.updatedAt }]));
}
