import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';

export interface ProjectSummaryRow {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  ownerKind: string | null;
  ownerRegion: string | null;
  /** null when nothing was derived for the project yet. */
  asOf: string | null;
  lifecycle: string | null;
  isNew: boolean | null;
  score: number | null;
  coverage: number | null;
  licence: string | null;
  /** Every item of „Bereit zur Nachnutzung?“ met; null without a verdict. */
  reuseReady: boolean | null;
}

type RawSummary = Omit<ProjectSummaryRow, 'isNew' | 'reuseReady'> & { isNew: number | null; reuseReady: number | null };

const flag = (value: number | null) => (value === null ? null : value === 1);

/**
 * Every project with the key figures of its newest report (project_listings, one small row each),
 * by name in German order. Plain SQL rows, built field by field: drizzle's mapping of a joined
 * select cost about 60 ms of the 80 for 10,000 projects.
 */
export function listLatestProjectSummaries(db: Db): ProjectSummaryRow[] {
  return db
    .all<RawSummary>(
      sql`
			SELECT p.id AS id, p.name AS name, p.owner_id AS ownerId, o.name AS ownerName, o.kind AS ownerKind, o.region AS ownerRegion,
				l.as_of AS asOf, l.lifecycle AS lifecycle, l.is_new AS isNew, l.score AS score, l.coverage AS coverage,
				l.licence AS licence, l.reuse_ready AS reuseReady
			FROM projects p
			LEFT JOIN organisations o ON o.id = p.owner_id
			LEFT JOIN project_listings l ON l.project_id = p.id
			ORDER BY p.name_order, p.id`
    )
    .map((r) => ({
      id: r.id,
      name: r.name,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      ownerKind: r.ownerKind,
      ownerRegion: r.ownerRegion,
      asOf: r.asOf,
      lifecycle: r.lifecycle,
      isNew: flag(r.isNew),
      score: r.score,
      coverage: r.coverage,
      licence: r.licence,
      reuseReady: flag(r.reuseReady)
    }));
}
