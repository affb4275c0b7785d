import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { pairsFrom, pairsWhere, type PairFilters } from './reuseFilters';

export interface ReuseSummary {
  /** Pairs of reusing organisation and project. */
  pairs: number;
  /** … with at least one observed piece of evidence. */
  observedPairs: number;
  /** … with declared evidence only. */
  declaredOnlyPairs: number;
  /** Projects with observed reuse. */
  reusedProjects: number;
  /** Organisations with observed reuse of some project. */
  adopters: number;
  /** Pieces of evidence behind the pairs. */
  evidence: number;
  /** Date of the newest snapshot the evidence comes from. */
  asOf: string | null;
}

/** Headline counts of the reuse view (DESIGN §7) for the filters. */
export function getReuseSummary(db: Db, filters: PairFilters = {}): ReuseSummary {
  const row = db.get<Record<keyof ReuseSummary, number | string | null>>(sql`
    SELECT count(*) AS pairs,
           coalesce(sum(rp.observed), 0) AS observedPairs,
           coalesce(sum(1 - rp.observed), 0) AS declaredOnlyPairs,
           count(DISTINCT CASE WHEN rp.observed = 1 THEN rp.project_id END) AS reusedProjects,
           count(DISTINCT CASE WHEN rp.observed = 1 THEN rp.organisation_id END) AS adopters,
           coalesce(sum(rp.evidence), 0) AS evidence,
           (SELECT max(as_of) FROM reuse_evidence) AS asOf
    FROM ${pairsFrom}
    WHERE ${pairsWhere(filters)}`);
  return {
    pairs: Number(row?.pairs ?? 0),
    observedPairs: Number(row?.observedPairs ?? 0),
    declaredOnlyPairs: Number(row?.declaredOnlyPairs ?? 0),
    reusedProjects: Number(row?.reusedProjects ?? 0),
    adopters: Number(row?.adopters ?? 0),
    evidence: Number(row?.evidence ?? 0),
    asOf: (row?.asOf as string | null) ?? null
  };
}
