import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { evidenceFrom, evidenceWhere, type EvidenceFilters, type ReuseStrength } from './reuseFilters';

export interface ReuseEvidenceApiRow {
  projectId: string;
  projectName: string;
  ownerId: string | null;
  organisationId: string;
  organisationName: string;
  kind: string;
  strength: ReuseStrength;
  detail: string;
  source: string;
  date: string | null;
  asOf: string;
}

/** Where a page starts: after this row (the table's key). */
export interface EvidenceKey {
  projectId: string;
  position: number;
}

export interface ReuseEvidencePage {
  rows: (ReuseEvidenceApiRow & { position: number })[];
  /** The key of the last row when more rows follow, else null. */
  next: EvidenceKey | null;
}

/**
 * Evidence rows for the filters in the table's order (project id, position in the report), keyset
 * paginated: the `limit` rows after `after`. Every row is on exactly one page.
 */
export function listReuseEvidencePage(db: Db, filters: EvidenceFilters, after: EvidenceKey | null, limit: number): ReuseEvidencePage {
  const start = after ? sql` AND (e.project_id, e.position) > (${after.projectId}, ${after.position})` : sql``;
  const rows = db.all<ReuseEvidenceApiRow & { position: number }>(sql`
    SELECT e.project_id AS projectId, p.name AS projectName, p.owner_id AS ownerId, e.organisation_id AS organisationId,
           e.organisation_name AS organisationName, e.kind AS kind, e.strength AS strength, e.detail AS detail,
           e.source AS source, e.date AS date, e.as_of AS asOf, e.position AS position
    FROM ${evidenceFrom}
    WHERE ${evidenceWhere(filters)}${start}
    ORDER BY e.project_id, e.position
    LIMIT ${limit + 1}`);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { rows: page, next: more && last ? { projectId: last.projectId, position: last.position } : null };
}
