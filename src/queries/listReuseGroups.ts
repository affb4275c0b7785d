import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { pairsFrom, pairsWhere, type PairFilters } from './reuseFilters';

export type ReuseGrouping = 'region' | 'kind';

export interface ReuseGroupRow {
  /** The region (ISO 3166-2) or kind of the reusing organisations; null: without region or unknown organisation. */
  key: string | null;
  /** Organisations with observed reuse. */
  adopters: number;
  /** Projects they reuse (observed). */
  projects: number;
  observedPairs: number;
  declaredOnlyPairs: number;
}

/** Reuse by region or by kind of the reusing organisation, most adopters first. */
export function listReuseGroups(db: Db, by: ReuseGrouping, filters: PairFilters = {}): ReuseGroupRow[] {
  const key = by === 'region' ? sql`o.region` : sql`o.kind`;
  return db
    .all<ReuseGroupRow>(
      sql`
    SELECT ${key} AS key,
           count(DISTINCT CASE WHEN rp.observed = 1 THEN rp.organisation_id END) AS adopters,
           count(DISTINCT CASE WHEN rp.observed = 1 THEN rp.project_id END) AS projects,
           sum(rp.observed) AS observedPairs,
           sum(1 - rp.observed) AS declaredOnlyPairs
    FROM ${pairsFrom}
    WHERE ${pairsWhere(filters)}
    GROUP BY ${key}
    ORDER BY adopters DESC, observedPairs DESC, declaredOnlyPairs DESC, key IS NULL, key`
    )
    .map((r) => ({ ...r, key: r.key ?? null }));
}
