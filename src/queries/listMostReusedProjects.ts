import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { rankingCte, type PairFilters } from './reuseFilters';

export interface MostReusedProject {
  projectId: string;
  projectName: string;
  ownerId: string | null;
  ownerName: string | null;
  /** Organisations with observed reuse. */
  observed: number;
  /** Organisations that declare reuse without observed evidence. */
  declaredOnly: number;
}

/**
 * The most reused projects: by the number of organisations with observed reuse, those that only
 * declare it counted apart (they decide only ties).
 */
export function listMostReusedProjects(db: Db, filters: PairFilters = {}, limit = 10): MostReusedProject[] {
  return db.all<MostReusedProject>(sql`
    WITH ${rankingCte('project_id', filters, limit)}
    SELECT top.project_id AS projectId, p.name AS projectName, p.owner_id AS ownerId, ow.name AS ownerName, observed, declaredOnly
    FROM top JOIN projects p ON p.id = top.project_id LEFT JOIN organisations ow ON ow.id = p.owner_id
    ORDER BY observed DESC, declaredOnly DESC, top.project_id`);
}
