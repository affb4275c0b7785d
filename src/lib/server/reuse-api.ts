/**
 * /api/reuse (DESIGN §8): the parameters (filters, `limit`, the opaque `cursor`) and the byte
 * budget of one answer.
 */
import { ORGANISATION_KINDS } from '../catalog/schema';
import { REUSE_EVIDENCE_KINDS } from '../reports/types';
import type { EvidenceKey } from '../../queries/listReuseEvidencePage';
import { REUSE_STRENGTHS, type EvidenceFilters, type ReuseStrength } from '../../queries/reuseFilters';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** One answer stays below 1 MB whatever the texts: rows beyond this many bytes go to the next page. */
export const MAX_BYTES = 1_000_000;

export interface ReuseApiQuery {
  filters: EvidenceFilters;
  after: EvidenceKey | null;
  limit: number;
}

export class ReuseApiError extends Error {}

/** The cursor: the key of the last row of the previous page, base64url-encoded JSON (clients pass it on unread). */
export function encodeCursor(key: EvidenceKey): string {
  return Buffer.from(JSON.stringify([key.projectId, key.position])).toString('base64url');
}

export function decodeCursor(cursor: string): EvidenceKey {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && Number.isInteger(value[1]) && value[1] >= 0)
      return { projectId: value[0], position: value[1] };
  } catch {
    // falls through
  }
  throw new ReuseApiError('cursor ist ungültig: bitte den Wert aus „next“ der vorigen Antwort unverändert übergeben.');
}

function oneOf<T extends string>(name: string, value: string | null, allowed: readonly T[]): T | null {
  if (value === null) return null;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ReuseApiError(`${name} ist ungültig („${value.slice(0, 40)}“); erlaubt: ${allowed.join(', ')}.`);
}

/** Reads the GET parameters; a ReuseApiError names the first bad one. */
export function parseReuseApiQuery(params: URLSearchParams): ReuseApiQuery {
  const get = (name: string) => params.get(name)?.trim() || null;
  const limitRaw = get('limit');
  const limit = limitRaw === null ? DEFAULT_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new ReuseApiError(`limit muss eine ganze Zahl von 1 bis ${MAX_LIMIT} sein (Standard ${DEFAULT_LIMIT}).`);
  const cursor = get('cursor');
  return {
    limit,
    after: cursor ? decodeCursor(cursor) : null,
    filters: {
      projectId: get('project'),
      organisationId: get('organisation'),
      region: get('region'),
      organisationKind: oneOf('organisationKind', get('organisationKind'), ORGANISATION_KINDS),
      kind: oneOf('kind', get('kind'), REUSE_EVIDENCE_KINDS),
      strength: oneOf<ReuseStrength>('strength', get('strength'), REUSE_STRENGTHS)
    }
  };
}

/**
 * The rows that fit into the byte budget (at least one), and the key to go on from when rows were
 * left for the next page.
 */
export function withinBudget<T extends { projectId: string; position: number }>(
  rows: T[],
  next: EvidenceKey | null
): { rows: T[]; next: EvidenceKey | null } {
  let bytes = 1_000; // the envelope
  for (let i = 0; i < rows.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(rows[i])) + 1;
    if (bytes > MAX_BYTES && i > 0)
      return { rows: rows.slice(0, i), next: { projectId: rows[i - 1].projectId, position: rows[i - 1].position } };
  }
  return { rows, next };
}
