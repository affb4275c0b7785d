import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
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
  // The same for every page of the Übersicht: kept until the data changes.
  return memoByDataVersion(db, 'overview-counts', () => {
    const row = db.get<Omit<OverviewCounts, 'organisations'>>(sql`
			SELECT count(*) AS projects, count(l.project_id) AS evaluated,
				coalesce(sum(l.reuse_municipalities > 0), 0) AS reusedByMunicipalities,
				coalesce(sum(l.reuse_municipalities_observed > 0), 0) AS reusedByMunicipalitiesVerified
			FROM projects p LEFT JOIN project_listings l ON l.project_id = p.id`);
    const organisations = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM organisations`)?.n ?? 0;
    return {
      projects: row?.projects ?? 0,
      organisations,
      evaluated: row?.evaluated ?? 0,
      reusedByMunicipalities: row?.reusedByMunicipalities ?? 0,
      reusedByMunicipalitiesVerified: row?.reusedByMunicipalitiesVerified ?? 0
    };
  });
}
