/**
 * Links of the reuse pages (/nachnutzung and its focused views) that keep the filters; shared by
 * the server (src/lib/server/reuse-params.ts) and the pages.
 */
import type { ReuseStrength } from './reports/types';

export interface ReuseViewFilters {
  region: string | null;
  /** Kind of the reusing organisation (`art`). */
  kind: string | null;
  /** `nachweis`: „beobachtet“ or „erklärt“ (declared only). */
  strength: ReuseStrength | null;
}

/** The query string for the filters with some parameters replaced (links that keep the filters). */
export function reuseQuery(filters: ReuseViewFilters, changes: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = { region: filters.region, art: filters.kind, nachweis: filters.strength, ...changes };
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
  const s = qs.toString();
  return s ? `?${s}` : '';
}

/** The focused view of a project or an organisation. */
export function reuseHref(type: 'project' | 'organisation', id: string): string {
  return `/nachnutzung/${type === 'project' ? 'projekt' : 'organisation'}/${encodeURIComponent(id)}`;
}
