import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { rankingCte, type PairFilters } from './reuseFilters';

export interface ActiveAdopter {
  organisationId: string;
  organisationName: string;
  kind: string | null;
  region: string | null;
  /** Projects the organisation observably reuses. */
  observed: number;
  /** Projects it declares to use without observed evidence. */
  declaredOnly: number;
}

/** The organisations that reuse the most projects (observed; declared-only counted apart, deciding only ties). */
export function listMostActiveAdopters(db: Db, filters: PairFilters = {}, limit = 10): ActiveAdopter[] {
  return db.all<ActiveAdopter>(sql`
    WITH ${rankingCte('organisation_id', filters, limit)}
    SELECT top.organisation_id AS organisationId,
           coalesce(o.name, (SELECT organisation_name FROM reuse_evidence WHERE organisation_id = top.organisation_id LIMIT 1)) AS organisationName,
           o.kind AS kind, o.region AS region, observed, declaredOnly
    FROM top LEFT JOIN organisations o ON o.id = top.organisation_id
    ORDER BY observed DESC, declaredOnly DESC, top.organisation_id`);
}
