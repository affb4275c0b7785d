import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/index';
import type { ReusePairFact } from '../lib/reports/organisation';

/**
 * The reuse evidence (DESIGN §7: adopters, reuse_evidence as derive stored it) dated up to `to` —
 * evidence without a date counts — in both directions, one row per project and reusing
 * organisation: others reusing the organisation's own projects, and the organisation reusing
 * others' projects; with the date of the pair's first evidence and of its first observed evidence,
 * so that one read serves a period and its previous one (buildOrganisationReport picks the pairs
 * up to each period's end).
 */
export function listOrganisationReuse(db: Db, organisationId: string, to: string): ReusePairFact[] {
  const pairs = (from: SQL, where: SQL) => sql`
    SELECT e.project_id AS projectId, p.name AS projectName, p.owner_id AS ownerId, e.organisation_id AS organisationId,
      min(e.organisation_name) AS organisationName, min(coalesce(substr(e.date, 1, 10), '')) AS since,
      min(CASE e.strength WHEN 'beobachtet' THEN coalesce(substr(e.date, 1, 10), '') END) AS observedSince
    FROM ${from}
    WHERE ${where} AND (e.date IS NULL OR substr(e.date, 1, 10) <= ${to})
    GROUP BY e.project_id, e.organisation_id`;
  // CROSS JOIN keeps SQLite's join order: the own projects first, then their evidence (by its key).
  const reusedBy = pairs(
    sql`projects p CROSS JOIN reuse_evidence e ON e.project_id = p.id`,
    sql`p.owner_id = ${organisationId} AND e.organisation_id <> ${organisationId}`
  );
  const reuses = pairs(
    sql`reuse_evidence e JOIN projects p ON p.id = e.project_id`,
    sql`e.organisation_id = ${organisationId} AND p.owner_id IS NOT ${organisationId}`
  );
  // One JSON text instead of a row per pair: better-sqlite3 builds an object per row, which cost more
  // than the query itself (the largest owners have thousands of pairs).
  const [{ pairs: text }] = db.all<{ pairs: string }>(sql`
    SELECT json_group_array(json_array(projectId, projectName, ownerId, organisationId, organisationName, since, observedSince)) AS pairs
    FROM (${reusedBy} UNION ALL ${reuses})`);
  return (JSON.parse(text) as Row[]).map(([projectId, projectName, ownerId, organisationId, organisationName, since, observedSince]) => ({
    projectId,
    projectName,
    ownerId,
    organisationId,
    organisationName,
    since,
    observedSince
  }));
}

type Row = [string, string, string | null, string, string, string, string | null];
