import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getProjectSnapshot } from '$queries/getProjectSnapshot';
import { getLifecycleSince } from '$queries/getLifecycleSince';
import { getProjectScoreSeries } from '$queries/getProjectScoreSeries';
import { getProjectRepositories } from '$queries/getProjectRepositories';

export const csr = false;

export const load: PageServerLoad = ({ params, url }) => {
  const db = getDb();
  if (!db) return { noData: true as const };
  const found = getProjectSnapshot(db, params.id);
  if (!found) error(404, `Ein Projekt „${params.id}“ gibt es in diesem Katalog nicht.`);
  const snapshot = found.snapshot;
  return {
    noData: false as const,
    project: found.project,
    owner: found.owner,
    snapshot,
    since: snapshot ? getLifecycleSince(db, params.id, snapshot.lifecycle, snapshot.asOf) : null,
    scoreSeries: snapshot ? getProjectScoreSeries(db, params.id, snapshot.asOf) : [],
    repositories: getProjectRepositories(db, params.id),
    origin: url.origin
  };
};
