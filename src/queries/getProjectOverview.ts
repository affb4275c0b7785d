import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { memoByDataVersion } from './memo';

export const OVERVIEW_SORTS = ['score', 'name', 'contributors', 'reuse'] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];

export interface OverviewFilters {
  lifecycle?: string | null;
  region?: string | null;
  kind?: string | null;
  forge?: string | null;
  /** SPDX id, or "keine" for projects without a known licence. */
  licence?: string | null;
  /** Only projects that meet every item of „Bereit zur Nachnutzung?“. */
  reuseReady?: boolean;
  sort?: OverviewSort;
  page?: number;
  pageSize?: number;
}

export interface OverviewRow {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  ownerKind: string | null;
  region: string | null;
  /** null when the project has no snapshot yet. */
  asOf: string | null;
  lifecycle: string | null;
  isNew: boolean;
  score: number | null;
  coverage: number | null;
  contributors: number | null;
  /** Organisations with human contributions in the window (without „ohne Zuordnung“). */
  organisations: number | null;
  /** Distinct organisations with reuse evidence. */
  reuseOrganisations: number;
  /** … of which with observed evidence. */
  reuseObserved: number;
  /** Distinct municipalities/counties (other than the owner) among them. */
  reuseMunicipalities: number;
  /** … of which with observed evidence. */
  reuseMunicipalitiesObserved: number;
  licence: string | null;
  forges: string[];
  /** Every item of „Bereit zur Nachnutzung?“ met; null without a verdict (no data, or not computed in the snapshot). */
  reuseReady: boolean | null;
}

export interface OverviewResult {
  rows: OverviewRow[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
}

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/**
 * All projects with the figures of their newest report: one small row each from project_listings
 * (derive writes it with the report, jobs/derive/listing.ts), so no report is read. The result is
 * kept until the database changes (derive writes new snapshots).
 */
export function getOverviewBase(db: Db): OverviewRow[] {
  return memoByDataVersion(db, 'overview-base', () => {
    type Raw = Omit<OverviewRow, 'isNew' | 'forges' | 'reuseReady'> & {
      isNew: number | null;
      reuseReady: number | null;
      forges: string | null;
    };
    const raw = db.all<Raw>(sql`
			SELECT p.id AS id, p.name AS name, o.id AS ownerId, o.name AS ownerName, o.kind AS ownerKind, o.region AS region,
				l.as_of AS asOf, l.lifecycle AS lifecycle, l.score AS score, l.coverage AS coverage, l.is_new AS isNew,
				l.active_contributors AS contributors, l.organisation_count AS organisations, l.licence AS licence, l.reuse_ready AS reuseReady,
				coalesce(l.reuse_organisations, 0) AS reuseOrganisations, coalesce(l.reuse_observed, 0) AS reuseObserved,
				coalesce(l.reuse_municipalities, 0) AS reuseMunicipalities, coalesce(l.reuse_municipalities_observed, 0) AS reuseMunicipalitiesObserved,
				(SELECT group_concat(DISTINCT r.forge_id) FROM project_repositories pr JOIN repositories r ON r.id = pr.repository_id
					WHERE pr.project_id = p.id) AS forges
			FROM projects p
			LEFT JOIN organisations o ON o.id = p.owner_id
			LEFT JOIN project_listings l ON l.project_id = p.id
		`);
    // Each row built field by field: rest and spread over 10,000 rows cost about 100 ms.
    return raw.map((r): OverviewRow => ({
      id: r.id,
      name: r.name,
      ownerId: r.ownerId,
      ownerName: r.ownerName,
      ownerKind: r.ownerKind,
      region: r.region,
      asOf: r.asOf,
      lifecycle: r.lifecycle,
      isNew: r.isNew === 1,
      score: r.score,
      coverage: r.coverage,
      contributors: r.contributors,
      organisations: r.organisations,
      reuseOrganisations: r.reuseOrganisations,
      reuseObserved: r.reuseObserved,
      reuseMunicipalities: r.reuseMunicipalities,
      reuseMunicipalitiesObserved: r.reuseMunicipalitiesObserved,
      licence: r.licence,
      // group_concat lists them in the order of the rows; by name, they are the same for every database.
      forges: r.forges ? r.forges.split(',').sort() : [],
      reuseReady: r.reuseReady === null ? null : r.reuseReady === 1
    }));
  });
}

type Compare = (a: OverviewRow, b: OverviewRow) => number;

/**
 * All rows in one sort order, kept until the database changes. Each order is total (ties by name,
 * then id), so filtering the sorted rows gives what sorting the filtered rows would: a request
 * filters and pages, it does not sort 10,000 rows again.
 */
function sortedBase(db: Db, sort: OverviewSort): OverviewRow[] {
  return memoByDataVersion(db, `overview-sorted-${sort}`, () => {
    // Ties end on the project's id (two projects named „Terminbuchung“), not on the order of the rows.
    const byName: Compare = (a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    if (sort === 'name') return [...getOverviewBase(db)].sort(byName);
    // The collator's order as a rank: comparing names with it in every comparison cost more than the rest.
    const rank = new Map(sortedBase(db, 'name').map((r, i) => [r.id, i]));
    const byRank: Compare = (a, b) => rank.get(a.id)! - rank.get(b.id)!;
    const desc =
      (f: (r: OverviewRow) => number | null): Compare =>
      (a, b) => {
        const x = f(a);
        const y = f(b);
        if (x === y) return byRank(a, b);
        if (x === null) return 1;
        if (y === null) return -1;
        return y - x;
      };
    return [...getOverviewBase(db)].sort(
      sort === 'contributors'
        ? desc((r) => r.contributors)
        : sort === 'reuse'
          ? desc((r) => r.reuseOrganisations * 1000 + r.reuseObserved)
          : desc((r) => r.score)
    );
  });
}

/** The projects of the Übersicht, filtered, sorted and paged. */
export function getProjectOverview(db: Db, filters: OverviewFilters = {}): OverviewResult {
  const rows = sortedBase(db, filters.sort ?? 'score').filter(
    (r) =>
      (!filters.lifecycle || r.lifecycle === filters.lifecycle) &&
      (!filters.region || r.region === filters.region) &&
      (!filters.kind || r.ownerKind === filters.kind) &&
      (!filters.forge || r.forges.includes(filters.forge)) &&
      (!filters.licence || (filters.licence === 'keine' ? r.licence === null && r.asOf !== null : r.licence === filters.licence)) &&
      (!filters.reuseReady || r.reuseReady === true)
  );

  const pageSize = filters.pageSize ?? 100;
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const page = Math.min(Math.max(1, filters.page ?? 1), pages);
  return { rows: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, page, pages, pageSize };
}
