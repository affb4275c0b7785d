import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { LIFECYCLES } from '$lib/labels';
import { getOverviewCounts } from '$queries/getOverviewCounts';
import { getFilterOptions } from '$queries/getFilterOptions';
import { getProjectOverview, OVERVIEW_SORTS, type OverviewSort } from '$queries/getProjectOverview';
import { getScoreHistory } from '$queries/getScoreHistory';
import { getLatestAsOf } from '$queries/getLatestAsOf';
import { listRecentChanges } from '$queries/listRecentChanges';
import { CHANGES_PER_KIND, changePeriods, groupRecentChanges } from '$lib/changeText';

/** Content works without JavaScript; none is shipped. */
export const csr = false;

export const load: PageServerLoad = ({ url }) => {
  const db = getDb();
  if (!db) return { noData: true as const };

  const param = (name: string) => url.searchParams.get(name)?.trim() || null;
  const options = getFilterOptions(db);
  const pick = (value: string | null, allowed: readonly string[]) => (value && allowed.includes(value) ? value : null);
  const sortParam = param('sortierung');
  const filters = {
    lifecycle: pick(param('zustand'), LIFECYCLES),
    region: pick(param('region'), options.regions),
    kind: pick(param('art'), options.kinds),
    forge: pick(param('plattform'), options.forges),
    licence: pick(param('lizenz'), [...options.licences, 'keine']),
    reuseReady: param('nachnutzbar') === 'ja',
    sort: (OVERVIEW_SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as OverviewSort) : 'score'
  };
  const page = Number.parseInt(param('seite') ?? '1', 10);
  const result = getProjectOverview(db, { ...filters, page: Number.isFinite(page) ? page : 1 });
  const asOf = getLatestAsOf(db);
  const history = asOf
    ? getScoreHistory(
        db,
        asOf,
        result.rows.map((r) => r.id)
      )
    : null;

  // „Was hat sich geändert“: the newest changes per kind of the last 7 and 30 days (listRecentChanges).
  const periods = asOf ? changePeriods(asOf) : null;
  const changes = periods
    ? groupRecentChanges(
        listRecentChanges(db, { since: periods.since, recentSince: periods.recentSince, perKind: CHANGES_PER_KIND }),
        asOf!
      )
    : [];

  return {
    noData: false as const,
    asOf,
    changes,
    counts: getOverviewCounts(db),
    options,
    filters,
    result,
    months: history?.months ?? [],
    sparklines: Object.fromEntries(result.rows.map((r) => [r.id, history?.byProject.get(r.id) ?? []]))
  };
};
