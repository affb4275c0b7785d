import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiError, apiJson, NO_DATA_MESSAGE } from '$lib/server/api';
import { listReuseEvidence } from '$queries/listReuseEvidence';

/** Every piece of reuse evidence (DESIGN §7): who reuses which project, erklärt or beobachtet, and why. */
export const GET: RequestHandler = () => {
  const db = getDb();
  if (!db) return apiError(503, NO_DATA_MESSAGE);
  const data = listReuseEvidence(db)
    .filter((e) => e.organisationId !== e.ownerId)
    .map((e) => ({
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
  return apiJson(data);
};
