import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { organisationSnapshots } from '../../db/schema';
import type { OrganisationReport } from '../lib/reports/types';

/** The newest derived OSPO report of an organisation, or null when none was derived yet. */
export function getLatestOrganisationSnapshot(db: Db, organisationId: string): { asOf: string; report: OrganisationReport } | null {
  const row = db
    .select({ asOf: organisationSnapshots.asOf, report: organisationSnapshots.report })
    .from(organisationSnapshots)
    .where(eq(organisationSnapshots.organisationId, organisationId))
    .orderBy(desc(organisationSnapshots.asOf))
    .limit(1)
    .get();
  return row ? { asOf: row.asOf, report: row.report as unknown as OrganisationReport } : null;
}
