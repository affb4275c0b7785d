import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiError, apiJsonText, NO_DATA_MESSAGE } from '$lib/server/api';
import { getProjectListJson } from '$queries/getProjectListJson';

/** All projects with the key figures of their newest snapshot (entries: ProjectListEntry). */
export const GET: RequestHandler = ({ url }) => {
  const db = getDb();
  if (!db) return apiError(503, NO_DATA_MESSAGE);
  return apiJsonText(getProjectListJson(db, url.origin));
};
