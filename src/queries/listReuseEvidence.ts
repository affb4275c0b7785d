import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projects, reuseEvidence } from '../../db/schema';
import type { ReuseEvidence } from '../lib/reports/types';

export interface ReuseEvidenceRow extends ReuseEvidence {
  projectId: string;
  projectName: string;
  ownerId: string | null;
  asOf: string;
}

/**
 * All reuse evidence (DESIGN §7) of the projects' newest snapshots, one row per piece of evidence,
 * from the derived table `reuse_evidence` (the owner's own rows included).
 */
export function listReuseEvidence(db: Db): ReuseEvidenceRow[] {
  return db
    .select({
      projectId: reuseEvidence.projectId,
      projectName: projects.name,
      ownerId: projects.ownerId,
      asOf: reuseEvidence.asOf,
      organisationId: reuseEvidence.organisationId,
      organisationName: reuseEvidence.organisationName,
      kind: reuseEvidence.kind,
      strength: reuseEvidence.strength,
      detail: reuseEvidence.detail,
      source: reuseEvidence.source,
      date: reuseEvidence.date
    })
    .from(reuseEvidence)
    .innerJoin(projects, eq(projects.id, reuseEvidence.projectId))
    .orderBy(asc(reuseEvidence.projectId), asc(reuseEvidence.position))
    .all()
    .map((r) => ({ ...r, kind: r.kind as ReuseEvidence['kind'] }));
}
