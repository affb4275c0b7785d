/**
 * Anchor names of the Methodik page (/methodik), one per figure and definition. Pages link to a
 * definition with `methodikHref(M.erste_reaktion)`; the Methodik page renders `id={M.…}`. Keep the
 * names stable: they are printed and pasted.
 */
import type { FindingKey, OpenCodeCriterionKey, ReadinessItemKey, VitalityComponentKey } from './reports/types';

export const M = {
  zeitfenster: 'zeitfenster',
  zustand: 'zustand',
  neu: 'zustand-neu',
  vitalitaet: 'vitalitaet',
  datenabdeckung: 'datenabdeckung',
  regelmaessigkeit: 'regelmaessigkeit',
  umfang: 'umfang',
  reaktionsfaehigkeit: 'reaktionsfaehigkeit',
  rueckstau: 'rueckstau',
  breite: 'breite-der-beteiligung',
  punkte_veroeffentlichungen: 'punkte-veroeffentlichungen',
  commits: 'commits',
  aktive_wochen: 'aktive-wochen',
  beitragende: 'beitragende',
  personen: 'personen',
  bots: 'bots',
  zuordnung: 'zuordnung',
  datenschutz: 'datenschutz',
  abhaengigkeit_personen: 'abhaengigkeit-personen',
  abhaengigkeit_organisationen: 'abhaengigkeit-organisationen',
  organisationen: 'organisationen',
  erste_reaktion: 'erste-reaktion',
  binnen_7_tagen: 'antwort-binnen-7-tagen',
  ohne_antwort: 'offen-ohne-antwort',
  schliessquote: 'schliessquote',
  alter_offener_issues: 'alter-offener-issues',
  merge_dauer: 'merge-dauer',
  veroeffentlichungen: 'veroeffentlichungen',
  lizenz: 'lizenz',
  hinweise: 'hinweise',
  nachnutzung: 'nachnutzung',
  nachnutzbarkeit: 'bereit-zur-nachnutzung',
  opencode: 'opencode-badges',
  erklaert_beobachtet: 'erklaert-beobachtet',
  mitentwicklung: 'mitentwicklung',
  zersplitterung: 'zersplitterung',
  wartung: 'wartung',
  datenstand: 'datenstand',
  vorzeitraum: 'vergleich-vorzeitraum',
  aenderungen: 'aenderungen'
} as const;

export type MethodikAnchor = (typeof M)[keyof typeof M];

/** Anchor of each vitality component (ProjectReport.vitality.components[].key). */
export const COMPONENT_ANCHORS: Readonly<Record<string, MethodikAnchor>> = {
  regularity: M.regelmaessigkeit,
  volume: M.umfang,
  responsiveness: M.reaktionsfaehigkeit,
  backlog: M.rueckstau,
  breadth: M.breite,
  releases: M.punkte_veroeffentlichungen
} satisfies Record<VitalityComponentKey, MethodikAnchor>;

/** Anchor of each finding (ProjectReport.findings[].key): `hinweis-<key>`. */
export function findingAnchor(key: FindingKey): string {
  return `hinweis-${key}`;
}

/** Anchor of each item of „Bereit zur Nachnutzung?“ (ProjectReport.reuseReadiness.items[].key). */
export function readinessAnchor(key: ReadinessItemKey): string {
  return `nachnutzbarkeit-${key}`;
}

/** Anchor of each criterion of the openCode badges (ProjectReport.opencodeBadges.criteria[].key). */
export function opencodeAnchor(key: OpenCodeCriterionKey): string {
  return `opencode-${key}`;
}

export { FINDING_KEYS, OPENCODE_CRITERIA, READINESS_ITEMS } from './reports/types';

export function methodikHref(anchor: string): string {
  return `/methodik#${anchor}`;
}
