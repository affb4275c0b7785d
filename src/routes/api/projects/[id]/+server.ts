import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiError, apiJson, NO_DATA_MESSAGE } from '$lib/server/api';
import { getLatestProjectSnapshot } from '$queries/getLatestProjectSnapshot';

/** The project's newest Steckbrief (DESIGN §8 `report --project --json`). */
export const GET: RequestHandler = ({ params }) => {
  const db = getDb();
  if (!db) return apiError(503, NO_DATA_MESSAGE);
  const snap = getLatestProjectSnapshot(db, params.id);
  if (!snap) return apiError(404, `Kein Projekt „${params.id}“ mit Daten gefunden.`);
  return apiJson(snap.report);
};
