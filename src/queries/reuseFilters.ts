/**
 * SQL pieces shared by the reuse queries (DESIGN §7) over the derived tables of derive
 * (jobs/derive/reuse-evidence.ts): `reuse_evidence` as `e` (one row per piece of evidence of each
 * project's newest report) and `reuse_pairs` as `rp` (one row per reusing organisation and project),
 * each with the reusing organisation as `o`. The owner's own use is not in them.
 */
import { sql, type SQL } from 'drizzle-orm';
import { REUSE_STRENGTHS, type ReuseStrength } from '../lib/reports/types';

export { REUSE_STRENGTHS, type ReuseStrength };

/** Filters on pairs of reusing organisation and project. */
export interface PairFilters {
  projectId?: string | null;
  /** The reusing organisation. */
  organisationId?: string | null;
  /** The owner of the reused project. */
  ownerId?: string | null;
  /** Region of the reusing organisation (ISO 3166-2, e.g. DE-NW). */
  region?: string | null;
  /** Kind of the reusing organisation (municipality, county, …). */
  organisationKind?: string | null;
  /** „beobachtet“: at least one observed piece of evidence; „erklärt“: declared evidence only. */
  strength?: ReuseStrength | null;
}

/** Filters on evidence rows: `strength` is the row's own; `kind` the kind of evidence (fork, declared-catalog, …). */
export interface EvidenceFilters extends PairFilters {
  kind?: string | null;
}

/** FROM and JOINs of the evidence rows (with the project `p` for its name and owner). */
export const evidenceFrom = sql`reuse_evidence e JOIN projects p ON p.id = e.project_id LEFT JOIN organisations o ON o.id = e.organisation_id`;

/** FROM and JOIN of the pairs. */
export const pairsFrom = sql`reuse_pairs rp LEFT JOIN organisations o ON o.id = rp.organisation_id`;

const ownedBy = (id: string) => sql`(SELECT id FROM projects WHERE owner_id = ${id})`;

/** The conditions both tables share, on the table alias `t`. */
function common(f: PairFilters, t: 'e' | 'rp'): SQL[] {
  const col = (name: string) => sql.raw(`${t}.${name}`);
  const parts: SQL[] = [];
  if (f.projectId) parts.push(sql`${col('project_id')} = ${f.projectId}`);
  if (f.organisationId) parts.push(sql`${col('organisation_id')} = ${f.organisationId}`);
  if (f.ownerId) parts.push(sql`${col('project_id')} IN ${ownedBy(f.ownerId)}`);
  if (f.region) parts.push(sql`o.region = ${f.region}`);
  if (f.organisationKind) parts.push(sql`o.kind = ${f.organisationKind}`);
  return parts;
}

const all = (parts: SQL[]): SQL => (parts.length ? sql.join(parts, sql` AND `) : sql`1`);

/** WHERE of the evidence rows for the filters. */
export function evidenceWhere(f: EvidenceFilters): SQL {
  const parts = common(f, 'e');
  if (f.kind) parts.push(sql`e.kind = ${f.kind}`);
  if (f.strength) parts.push(sql`e.strength = ${f.strength}`);
  return all(parts);
}

/** WHERE of the pairs for the filters. */
export function pairsWhere(f: PairFilters): SQL {
  const parts = common(f, 'rp');
  if (f.strength) parts.push(sql`rp.observed = ${f.strength === 'beobachtet' ? 1 : 0}`);
  return all(parts);
}

/**
 * CTE `top(<key>, observed, declaredOnly)`: the `limit` projects or organisations with the most pairs
 * for the filters — observed ones first, declared-only ones deciding ties, then the id.
 */
export function rankingCte(key: 'project_id' | 'organisation_id', f: PairFilters, limit: number): SQL {
  const column = sql.raw(`rp.${key}`);
  return sql`top AS (
    SELECT ${column} AS ${sql.raw(key)}, sum(rp.observed) AS observed, sum(1 - rp.observed) AS declaredOnly
    FROM ${pairsFrom}
    WHERE ${pairsWhere(f)}
    GROUP BY ${column}
    ORDER BY observed DESC, declaredOnly DESC, ${column}
    LIMIT ${limit}
  )`;
}
