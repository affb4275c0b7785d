/**
 * /api/reuse (DESIGN §8): the parameters (filters, and `limit` and the opaque `cursor` of
 * api-paging.ts).
 */
import { ApiQueryError, encodeCursor, parseCursor, parseLimit } from './api-paging';
import { ORGANISATION_KINDS } from '../catalog/schema';
import { REUSE_EVIDENCE_KINDS } from '../reports/types';
import type { EvidenceKey } from '../../queries/listReuseEvidencePage';
import { REUSE_STRENGTHS, type EvidenceFilters, type ReuseStrength } from '../../queries/reuseFilters';

export interface ReuseApiQuery {
  filters: EvidenceFilters;
  after: EvidenceKey | null;
  limit: number;
}

/** A cursor's key: the evidence row's project and position. */
function readEvidenceKey(value: unknown): EvidenceKey | null {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && Number.isInteger(value[1]) && value[1] >= 0
    ? { projectId: value[0], position: value[1] }
    : null;
}

export const evidenceCursor = (key: EvidenceKey): string => encodeCursor([key.projectId, key.position]);

function oneOf<T extends string>(name: string, value: string | null, allowed: readonly T[]): T | null {
  if (value === null) return null;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ApiQueryError(`${name} ist ungültig („${value.slice(0, 40)}“); erlaubt: ${allowed.join(', ')}.`);
}

/** Reads the GET parameters; an ApiQueryError names the first bad one. */
export function parseReuseApiQuery(params: URLSearchParams): ReuseApiQuery {
  const get = (name: string) => params.get(name)?.trim() || null;
  return {
    limit: parseLimit(params),
    after: parseCursor(params, readEvidenceKey),
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
