import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiError, apiJsonText, NO_DATA_MESSAGE } from '$lib/server/api';
import { ApiQueryError, encodeCursor, parseCursor, parseLimit, withinBudget } from '$lib/server/api-paging';
import { getProjectListPage, type ProjectListKey } from '$queries/getProjectListPage';

function readProjectListKey(value: unknown): ProjectListKey | null {
  return Array.isArray(value) && value.length === 2 && Number.isInteger(value[0]) && value[0] >= 0 && typeof value[1] === 'string'
    ? { nameOrder: value[0], id: value[1] }
    : null;
}

/**
 * The projects with the key figures of their newest snapshot (entries: ProjectListEntry), by name in
 * German order, page by page (api-paging.ts: `limit`, `cursor`, `next`).
 */
export const GET: RequestHandler = ({ url }) => {
  const db = getDb();
  if (!db) return apiError(503, NO_DATA_MESSAGE);
  let limit: number;
  let after: ProjectListKey | null;
  try {
    limit = parseLimit(url.searchParams);
    after = parseCursor(url.searchParams, readProjectListKey);
  } catch (error) {
    if (error instanceof ApiQueryError) return apiError(400, error.message);
    throw error;
  }
  const page = getProjectListPage(db, url.origin, after, limit);
  const { rows, next } = withinBudget(
    page.entries,
    page.next,
    (e) => e.key,
    (e) => Buffer.byteLength(e.json)
  );
  return apiJsonText(`[${rows.map((e) => e.json).join(',')}]`, 300, {
    limit,
    next: next ? encodeCursor([next.nameOrder, next.id]) : null
  });
};
