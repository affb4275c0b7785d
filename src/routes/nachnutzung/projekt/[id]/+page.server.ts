import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { FOCUS_PAGE_SIZE, neighbourhood, neighbourhoodNote } from '$lib/server/reuse-focus';
import { pageParam } from '$lib/server/reuse-params';
import { getProjectWithOwner } from '$queries/getProjectWithOwner';
import { getReuseSummary } from '$queries/getReuseSummary';
import { listReusePairs } from '$queries/listReusePairs';

/** Who reuses one project: its neighbourhood as a network, beside the table of all reusing organisations. */
export const load: PageServerLoad = ({ params, url }) => {
  const db = getDb();
  if (!db) return { noData: true as const };
  const found = getProjectWithOwner(db, params.id);
  if (!found) error(404, `Ein Projekt „${params.id}“ gibt es in diesem Katalog nicht.`);
  const filters = { projectId: found.project.id };
  const around = neighbourhood(db, [filters], { type: 'project', id: found.project.id }, found.owner ? [found.owner] : []);
  return {
    noData: false as const,
    project: { id: found.project.id, name: found.project.name },
    owner: found.owner,
    summary: getReuseSummary(db, filters),
    network: around.network,
    note: neighbourhoodNote(around),
    table: listReusePairs(db, filters, { page: pageParam(url), pageSize: FOCUS_PAGE_SIZE })
  };
};
