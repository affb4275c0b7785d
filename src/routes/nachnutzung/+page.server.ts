import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { pageParam, parseReuseFilters } from '$lib/server/reuse-params';
import { getReuseSummary } from '$queries/getReuseSummary';
import { listMostActiveAdopters } from '$queries/listMostActiveAdopters';
import { listMostReusedProjects } from '$queries/listMostReusedProjects';
import { listReuseFilterOptions } from '$queries/listReuseFilterOptions';
import { listReuseGroups } from '$queries/listReuseGroups';
import { listReusePairs } from '$queries/listReusePairs';

/** Content works without JavaScript; none is shipped. */
export const csr = false;

/** How many rows the ranked lists and a page of the table show. */
const TOP = 10;
const PAGE_SIZE = 50;

/**
 * The reuse overview (DESIGN §7, UX.md „Nachnutzung“): aggregates, the most reused projects and
 * the most active adopters, and one page of all pairs — each a bounded query, whatever the size of
 * the landscape. The neighbourhoods as networks are on the focused views.
 */
export const load: PageServerLoad = ({ url }) => {
  const db = getDb();
  if (!db) return { noData: true as const };
  const options = listReuseFilterOptions(db);
  const { filters, pairFilters, ignored } = parseReuseFilters(url, options);
  return {
    noData: false as const,
    options,
    filters,
    ignoredFilter: ignored,
    summary: getReuseSummary(db, pairFilters),
    byRegion: listReuseGroups(db, 'region', pairFilters),
    byKind: listReuseGroups(db, 'kind', pairFilters),
    topProjects: listMostReusedProjects(db, pairFilters, TOP),
    topAdopters: listMostActiveAdopters(db, pairFilters, TOP),
    pairs: listReusePairs(db, pairFilters, { page: pageParam(url), pageSize: PAGE_SIZE })
  };
};
