import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiError, apiJson, NO_DATA_MESSAGE } from '$lib/server/api';
import { ApiQueryError, withinBudget } from '$lib/server/api-paging';
import { evidenceCursor, parseReuseApiQuery } from '$lib/server/reuse-api';
import { listReuseEvidencePage } from '$queries/listReuseEvidencePage';

/**
 * Reuse evidence (DESIGN §7): who reuses which project, erklärt or beobachtet, and why — one row per
 * piece of evidence, paginated: `limit` rows (default 100, at most 1000, at most 1 MB) and `next`,
 * the cursor of the following page (null on the last). Filters: project, organisation, strength,
 * kind (of evidence), organisationKind, region (of the reusing organisation).
 */
export const GET: RequestHandler = ({ url }) => {
  const db = getDb();
  if (!db) return apiError(503, NO_DATA_MESSAGE);
  let query;
  try {
    query = parseReuseApiQuery(url.searchParams);
  } catch (error) {
    if (error instanceof ApiQueryError) return apiError(400, error.message);
    throw error;
  }
  const page = listReuseEvidencePage(db, query.filters, query.after, query.limit);
  const { rows, next } = withinBudget(page.rows, page.next, (r) => ({ projectId: r.projectId, position: r.position }));
  const data = rows.map((e) => ({
    projectId: e.projectId,
    projectName: e.projectName,
    ownerId: e.ownerId,
    organisationId: e.organisationId,
    organisationName: e.organisationName,
    kind: e.kind,
    strength: e.strength,
    detail: e.detail,
    source: e.source,
    date: e.date,
    asOf: e.asOf
  }));
  return apiJson(data, 300, { limit: query.limit, next: next ? evidenceCursor(next) : null });
};
