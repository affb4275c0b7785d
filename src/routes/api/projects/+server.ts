import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiError, apiJson, NO_DATA_MESSAGE } from '$lib/server/api';
import { listLatestProjectSummaries } from '$queries/listLatestProjectSummaries';

/** The project's addresses; strings on the origin rather than 30,000 URL objects for 10,000 projects. */
const linksOf = (origin: string, id: string) => ({
  self: `${origin}/api/projects/${id}`,
  page: `${origin}/projekte/${id}`,
  badge: `${origin}/badge/${id}.svg`
});

/** All projects with the key figures of their newest snapshot. */
export const GET: RequestHandler = ({ url }) => {
  const db = getDb();
  if (!db) return apiError(503, NO_DATA_MESSAGE);
  const data = listLatestProjectSummaries(db).map((p) => ({
    id: p.id,
    name: p.name,
    owner: p.ownerId ? { id: p.ownerId, name: p.ownerName, kind: p.ownerKind, region: p.ownerRegion } : null,
    asOf: p.asOf,
    lifecycle: p.lifecycle,
    isNew: p.isNew,
    score: p.score,
    coverage: p.coverage,
    licence: p.licence,
    /** „Bereit zur Nachnutzung?“: every item met (null: no verdict); the items are in the project's report. */
    reuseReady: p.reuseReady,
    links: linksOf(url.origin, encodeURIComponent(p.id))
  }));
  return apiJson(data);
};
