import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';

export interface ReuseFilterOptions {
  /** Regions of organisations with reuse evidence, sorted. */
  regions: string[];
  /** Kinds of organisations with reuse evidence. */
  kinds: string[];
}

/** The values the reuse view's filters offer: the regions and kinds of organisations with evidence. */
export function listReuseFilterOptions(db: Db): ReuseFilterOptions {
  const rows = db.all<{ region: string | null; kind: string }>(sql`
    SELECT DISTINCT region, kind FROM organisations WHERE id IN (SELECT organisation_id FROM reuse_evidence)`);
  return {
    regions: [...new Set(rows.map((r) => r.region).filter((r): r is string => !!r))].sort(),
    kinds: [...new Set(rows.map((r) => r.kind))].sort()
  };
}
