/**
 * Kinds of organisation (DESIGN §3, §7) and what each kind may be evidence of. One place for the
 * lists, so that reuse, providers, headlines and labels cannot disagree.
 */
import { ORGANISATION_KINDS } from './catalog/schema';

export { ORGANISATION_KINDS };
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Adopters: their use of a project is reuse (Nachnutzung). */
export const ADOPTER_KINDS = [
  'municipality',
  'county',
  'state',
  'federal',
  'research',
  'civil-society'
] as const satisfies readonly OrganisationKind[];
/** Providers: their contributions and forks are Mitentwicklung („Gibt es mehrere Dienstleister?“), never reuse. */
export const PROVIDER_KINDS = ['it-service-provider', 'company'] as const satisfies readonly OrganisationKind[];
/** Public bodies (öffentliche Stellen): the adopters that are public administrations (reuse readiness counts them). */
export const PUBLIC_BODY_KINDS = [
  'municipality',
  'county',
  'state',
  'federal'
] as const satisfies readonly (typeof ADOPTER_KINDS)[number][];
/** The kinds a headline saying „Kommunen“ counts. */
export const MUNICIPAL_KINDS = ['municipality', 'county'] as const satisfies readonly OrganisationKind[];

const has = (list: readonly string[], kind: string | null | undefined): boolean => kind != null && list.includes(kind);
export const isAdopterKind = (kind: string | null | undefined): boolean => has(ADOPTER_KINDS, kind);
export const isProviderKind = (kind: string | null | undefined): boolean => has(PROVIDER_KINDS, kind);
export const isPublicBodyKind = (kind: string | null | undefined): boolean => has(PUBLIC_BODY_KINDS, kind);
export const isMunicipalKind = (kind: string | null | undefined): boolean => has(MUNICIPAL_KINDS, kind);

/** Every kind has a label (satisfies); looked up by any string, as kinds come from the database. */
export const KIND_LABELS: Readonly<Record<string, string>> = {
  municipality: 'Kommune',
  county: 'Landkreis',
  state: 'Land',
  federal: 'Bund',
  'it-service-provider': 'IT-Dienstleister',
  company: 'Unternehmen',
  research: 'Forschung',
  'civil-society': 'Zivilgesellschaft'
} satisfies Record<OrganisationKind, string>;

export const KIND_LABELS_PLURAL: Readonly<Record<string, string>> = {
  municipality: 'Kommunen',
  county: 'Landkreise',
  state: 'Länder',
  federal: 'Bund',
  'it-service-provider': 'IT-Dienstleister',
  company: 'Unternehmen',
  research: 'Forschung',
  'civil-society': 'Zivilgesellschaft'
} satisfies Record<OrganisationKind, string>;

/** The short mark of a kind in the reuse network's nodes (K = Kommune, LK = Landkreis …). */
export const KIND_MARKS: Readonly<Record<string, string>> = {
  municipality: 'K',
  county: 'LK',
  state: 'L',
  federal: 'B',
  'it-service-provider': 'IT',
  company: 'U',
  research: 'F',
  'civil-society': 'Z'
} satisfies Record<OrganisationKind, string>;

export function kindLabel(kind: string | null | undefined): string {
  if (!kind) return 'ohne Zuordnung';
  return KIND_LABELS[kind] ?? kind;
}
