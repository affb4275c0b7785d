/**
 * The JSON API's envelope (DESIGN §8): `{ schemaVersion, generatedAt, data }` with an explicit
 * schema version, JSON errors (`{ schemaVersion, error: { status, message } }`) and caching headers.
 */

/**
 * The version of the API's answers (the envelope and what the lists hold; a report keeps its own
 * `schemaVersion`, src/lib/reports/types.ts). 2: /api/projects is paged as /api/reuse (`limit`,
 * `next`, `?cursor=`) instead of listing every project in one answer.
 */
export const API_SCHEMA_VERSION = 2;

const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'x-content-type-options': 'nosniff',
  'access-control-allow-origin': '*'
};

/** `page`: fields of a paginated answer (e.g. `next`), between the envelope and `data`. */
export function apiJson(data: unknown, maxAge = 300, page: Record<string, unknown> = {}): Response {
  return apiJsonText(JSON.stringify(data), maxAge, page);
}

/** apiJson for `data` that is JSON text already (written by SQLite, src/queries/getProjectListPage.ts). */
export function apiJsonText(dataJson: string, maxAge = 300, page: Record<string, unknown> = {}): Response {
  const envelope = JSON.stringify({ schemaVersion: API_SCHEMA_VERSION, generatedAt: new Date().toISOString(), ...page });
  const body = `${envelope.slice(0, -1)},"data":${dataJson}}`;
  return new Response(body, { status: 200, headers: { ...HEADERS, 'cache-control': `public, max-age=${maxAge}` } });
}

export function apiError(status: number, message: string): Response {
  const body = JSON.stringify({ schemaVersion: API_SCHEMA_VERSION, error: { status, message } });
  return new Response(body, { status, headers: { ...HEADERS, 'cache-control': 'no-store' } });
}

export const NO_DATA_MESSAGE = 'Noch keine Daten – allmende collect ausführen.';
