import type { Db } from '../../db/index';
import { getOverviewBase } from './getProjectOverview';
import { memoByDataVersion } from './memo';

export interface FilterOptions {
  regions: string[];
  kinds: string[];
  forges: string[];
  licences: string[];
  /** Some evaluated project has no known licence. */
  hasUnknownLicence: boolean;
}

const sorted = (values: Iterable<string | null>) =>
  [...new Set(values)].filter((v): v is string => !!v).sort((a, b) => a.localeCompare(b, 'de'));

/** The values the Übersicht filters offer: only those that occur. */
export function getFilterOptions(db: Db): FilterOptions {
  // Kept until the data changes, as the rows it is computed from.
  return memoByDataVersion(db, 'overview-filter-options', () => {
    const base = getOverviewBase(db);
    return {
      regions: sorted(base.map((r) => r.region)),
      kinds: sorted(base.map((r) => r.ownerKind)),
      forges: sorted(base.flatMap((r) => r.forges)),
      licences: sorted(base.map((r) => r.licence)),
      hasUnknownLicence: base.some((r) => r.asOf !== null && r.licence === null)
    };
  });
}
