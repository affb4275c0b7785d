/**
 * Paging of the JSON API's lists (/api/projects, /api/reuse; README „JSON API“): `limit` rows per
 * answer (default 100, at most 1000), `next` the opaque cursor of the following page (null on the
 * last), passed back unchanged as `?cursor=…`, and a byte budget per answer. Keyset paging, as
 * GitHub's and GitLab's cursor lists: a page starts after the key of the previous page's last row.
 */

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** One answer stays below 1 MB whatever the texts: rows beyond this many bytes go to the next page. */
export const MAX_BYTES = 1_000_000;

/** A bad parameter of an API request; its message (German) is the 400 answer's. */
export class ApiQueryError extends Error {}

/** `limit`, an integer from 1 to MAX_LIMIT (DEFAULT_LIMIT when absent). */
export function parseLimit(params: URLSearchParams): number {
  const raw = params.get('limit')?.trim() || null;
  const limit = raw === null ? DEFAULT_LIMIT : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new ApiQueryError(`limit muss eine ganze Zahl von 1 bis ${MAX_LIMIT} sein (Standard ${DEFAULT_LIMIT}).`);
  return limit;
}

/** The cursor: a row's key as base64url-encoded JSON (clients pass it on unread). */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** `?cursor=`, read by `read` (null: not a key of this list); null when absent. */
export function parseCursor<K>(params: URLSearchParams, read: (value: unknown) => K | null): K | null {
  const cursor = params.get('cursor')?.trim() || null;
  if (cursor === null) return null;
  let key: K | null = null;
  try {
    key = read(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    // falls through
  }
  if (key === null) throw new ApiQueryError('cursor ist ungültig: bitte den Wert aus „next“ der vorigen Antwort unverändert übergeben.');
  return key;
}

/**
 * The rows that fit into the byte budget (at least one), and the key to go on from: the last kept
 * row's when rows were left for the next page, else `next` as the query found it.
 * `bytesOf` measures a row as the answer will hold it (JSON.stringify by default).
 */
export function withinBudget<T, K>(
  rows: T[],
  next: K | null,
  keyOf: (row: T) => K,
  bytesOf: (row: T) => number = (row) => Buffer.byteLength(JSON.stringify(row))
): { rows: T[]; next: K | null } {
  let bytes = 1_000; // the envelope
  for (let i = 0; i < rows.length; i++) {
    bytes += bytesOf(rows[i]) + 1;
    if (bytes > MAX_BYTES && i > 0) return { rows: rows.slice(0, i), next: keyOf(rows[i - 1]) };
  }
  return { rows, next };
}
