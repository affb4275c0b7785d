import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { getOverviewBase } from './getProjectOverview';
import { memoByDataVersion } from './memo';

export interface OverviewCounts {
  projects: number;
  organisations: number;
  /** Projects with reuse evidence (erklärt or beobachtet) by a municipality or county other than the owner. */
  reusedByMunicipalities: number;
  /** … of which with at least one observed (beobachtet) row. */
  reusedByMunicipalitiesVerified: number;
  /** Projects that have a snapshot. */
  evaluated: number;
}

/** The headline of the Übersicht: „142 Projekte · 61 Organisationen · 38 nachgenutzt von anderen Kommunen“. */
export function getOverviewCounts(db: Db): OverviewCounts {
  // Kept until the data changes, as the rows it is computed from.
  return memoByDataVersion(db, 'overview-counts', () => {
    const base = getOverviewBase(db);
    const organisations = db.get<{ n: number }>(sql`SELECT COUNT(*) AS n FROM organisations`)?.n ?? 0;
    return {
      projects: base.length,
      organisations,
      evaluated: base.filter((r) => r.asOf !== null).length,
      reusedByMunicipalities: base.filter((r) => r.reuseMunicipalities > 0).length,
      reusedByMunicipalitiesVerified: base.filter((r) => r.reuseMunicipalitiesObserved > 0).length
    };
  });
}
