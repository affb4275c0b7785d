import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { FOCUS_PAGE_SIZE, neighbourhood, neighbourhoodNote } from '$lib/server/reuse-focus';
import { pageParam } from '$lib/server/reuse-params';
import { getOrganisation } from '$queries/getOrganisation';
import { getReuseSummary } from '$queries/getReuseSummary';
import { listReusePairs } from '$queries/listReusePairs';

/**
 * One organisation's reuse: the projects it reuses and who reuses its own projects, as a network
 * around it beside the two tables (each paged: `seite` and `seite-eigene`).
 */
export const load: PageServerLoad = ({ params, url }) => {
  const db = getDb();
  if (!db) return { noData: true as const };
  const org = getOrganisation(db, params.id);
  if (!org) error(404, `Keine Organisation „${params.id}“ im Katalog.`);
  const organisation = { id: org.id, name: org.name, kind: org.kind, region: org.region };
  const around = neighbourhood(db, [{ organisationId: org.id }, { ownerId: org.id }], { type: 'organisation', id: org.id }, [organisation]);
  return {
    noData: false as const,
    organisation,
    uses: getReuseSummary(db, { organisationId: org.id }),
    usedBy: getReuseSummary(db, { ownerId: org.id }),
    network: around.network,
    note: neighbourhoodNote(around),
    usesTable: listReusePairs(db, { organisationId: org.id }, { page: pageParam(url), pageSize: FOCUS_PAGE_SIZE }),
    usedByTable: listReusePairs(db, { ownerId: org.id }, { page: pageParam(url, 'seite-eigene'), pageSize: FOCUS_PAGE_SIZE })
  };
};
