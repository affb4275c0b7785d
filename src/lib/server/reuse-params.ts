/**
 * The GET parameters of the reuse pages (/nachnutzung and its focused views): filters by region,
 * kind of the reusing organisation and strength, and page numbers. Unknown values are not applied
 * and said so.
 */
import { REUSE_STRENGTHS, type PairFilters, type ReuseStrength } from '../../queries/reuseFilters';
import type { ReuseViewFilters } from '../reuse-links';

export interface ParsedReuseFilters {
  filters: ReuseViewFilters;
  /** The same as filters of the queries. */
  pairFilters: PairFilters;
  /** A sentence when a given value is unknown and was not applied. */
  ignored: string | null;
}

function param(url: URL, name: string): string | null {
  return url.searchParams.get(name)?.trim() || null;
}

/** Region (`region`), kind (`art`) and strength (`nachweis`) from the URL, checked against what occurs. */
export function parseReuseFilters(url: URL, options: { regions: readonly string[]; kinds: readonly string[] }): ParsedReuseFilters {
  const region = param(url, 'region');
  const kind = param(url, 'art');
  const strength = param(url, 'nachweis');
  const filters: ReuseViewFilters = {
    region: region && options.regions.includes(region) ? region : null,
    kind: kind && options.kinds.includes(kind) ? kind : null,
    strength: strength && (REUSE_STRENGTHS as readonly string[]).includes(strength) ? (strength as ReuseStrength) : null
  };
  const unknown = (region && !filters.region) || (kind && !filters.kind) || (strength && !filters.strength);
  return {
    filters,
    pairFilters: { region: filters.region, organisationKind: filters.kind, strength: filters.strength },
    ignored: unknown ? 'Ein Filterwert ist unbekannt und wurde nicht angewendet.' : null
  };
}

/** A page number from the URL (`seite` unless named otherwise): 1 unless a positive integer. */
export function pageParam(url: URL, name = 'seite'): number {
  const n = Number.parseInt(param(url, name) ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}
