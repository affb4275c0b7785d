import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { pairsFrom, pairsWhere, type PairFilters, type ReuseStrength } from './reuseFilters';

export interface PairEvidence {
  kind: string;
  strength: ReuseStrength;
  detail: string;
  source: string;
  date: string | null;
}

/** An organisation reusing a project, with all its evidence. */
export interface ReusePairRow {
  projectId: string;
  projectName: string;
  ownerId: string | null;
  ownerName: string | null;
  organisationId: string;
  organisationName: string;
  organisationKind: string | null;
  organisationRegion: string | null;
  /** „beobachtet“ with at least one observed piece of evidence. */
  strength: ReuseStrength;
  evidence: PairEvidence[];
}

export interface ReusePairPage {
  rows: ReusePairRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

interface RawPair {
  projectId: string;
  projectName: string;
  ownerId: string | null;
  ownerName: string | null;
  organisationId: string;
  organisationName: string | null;
  organisationKind: string | null;
  organisationRegion: string | null;
  observed: number;
}

/**
 * One page of reuse pairs (organisation × project) for the filters, strongest first: observed before
 * declared-only, then by the amount of evidence, then by project and organisation id (the order of
 * the index reuse_pairs_rank). A page beyond the last gives the last.
 */
export function listReusePairs(db: Db, filters: PairFilters = {}, options: { page?: number; pageSize?: number } = {}): ReusePairPage {
  const pageSize = Math.max(1, Math.min(500, Math.floor(options.pageSize ?? 50)));
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ${pairsFrom} WHERE ${pairsWhere(filters)}`)?.n ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(pages, Math.max(1, Math.floor(options.page ?? 1) || 1));
  const raw = db.all<RawPair>(sql`
    WITH shown AS (
      SELECT rp.project_id, rp.organisation_id, rp.observed, rp.evidence
      FROM ${pairsFrom}
      WHERE ${pairsWhere(filters)}
      ORDER BY rp.observed DESC, rp.evidence DESC, rp.project_id, rp.organisation_id
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    )
    SELECT shown.project_id AS projectId, p.name AS projectName, p.owner_id AS ownerId, ow.name AS ownerName,
           shown.organisation_id AS organisationId, o.name AS organisationName, o.kind AS organisationKind,
           o.region AS organisationRegion, shown.observed AS observed
    FROM shown
    JOIN projects p ON p.id = shown.project_id
    LEFT JOIN organisations ow ON ow.id = p.owner_id
    LEFT JOIN organisations o ON o.id = shown.organisation_id
    ORDER BY shown.observed DESC, shown.evidence DESC, shown.project_id, shown.organisation_id`);

  const evidence = new Map<string, PairEvidence[]>();
  const names = new Map<string, string>();
  if (raw.length) {
    const keys = sql.join(
      raw.map((r) => sql`(${r.projectId}, ${r.organisationId})`),
      sql`, `
    );
    const rows = db.all<PairEvidence & { projectId: string; organisationId: string; organisationName: string }>(sql`
      SELECT project_id AS projectId, organisation_id AS organisationId, organisation_name AS organisationName,
             kind, strength, detail, source, date
      FROM reuse_evidence
      WHERE (project_id, organisation_id) IN (VALUES ${keys})
      ORDER BY project_id, position`);
    for (const r of rows) {
      const key = `${r.projectId}\u0000${r.organisationId}`;
      const list = evidence.get(key) ?? [];
      list.push({ kind: r.kind, strength: r.strength, detail: r.detail, source: r.source, date: r.date });
      evidence.set(key, list);
      names.set(key, r.organisationName);
    }
  }
  const rows = raw.map((r) => {
    const key = `${r.projectId}\u0000${r.organisationId}`;
    return {
      projectId: r.projectId,
      projectName: r.projectName,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      organisationId: r.organisationId,
      organisationName: r.organisationName ?? names.get(key) ?? r.organisationId,
      organisationKind: r.organisationKind,
      organisationRegion: r.organisationRegion,
      strength: (r.observed ? 'beobachtet' : 'erklärt') as ReuseStrength,
      evidence: evidence.get(key) ?? []
    };
  });
  return { rows, total, page, pages, pageSize };
}
