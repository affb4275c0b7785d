/**
 * The product's vocabulary (UX.md glossary): German words, icons and tones for the values that
 * the database and the reports keep in code form — for the dashboard, the exports, the badge and
 * the sentences of the reports. One module so every page says the same thing. The code values
 * themselves are listed once (`as const`) where they are defined (src/lib/reports/types.ts, the
 * catalog and publiccode schemas, db/schema.ts); every map here `satisfies` a record over them, so
 * a new value without a word does not compile. Relative imports only: the metrics and the CLI use
 * this file too.
 */
import type { RUN_STATUSES, RUN_TRIGGERS } from '../../db/schema';
import type { FORGE_TYPES } from './catalog/schema';
import type { MAINTENANCE_TYPES } from './publiccode/parse';
import { formatDays } from './format';
import { MONTHS_12, MONTHS_6 } from './metrics/window';
import { READINESS_MAX_AGE_DAYS, READINESS_MIN_PUBLIC_BODIES } from './metrics/reuseReadiness';
import type { ComparisonFigure, ReuseChange } from './reports/organisation-comparison';
import type { ChangeKind } from './reports/changes';
import {
  LIFECYCLES,
  type CopyleftClass,
  type Lifecycle,
  type OpenCodeCriterionKey,
  type OpenCodeCriterionState,
  type OpenCodeMaintainedLevel,
  type ReadinessItemKey,
  type ReuseEvidenceKind,
  type ReuseStrength,
  type Severity,
  type VitalityComponentKey
} from './reports/types';

export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'neutral';

export { LIFECYCLES };

export interface LifecycleInfo {
  label: string;
  /** A symbol that carries the state without colour (shape differs per state). */
  icon: string;
  tone: Tone;
  /** One plain sentence. */
  description: string;
}

export const LIFECYCLE_INFO: Record<Lifecycle | 'neu', LifecycleInfo> = {
  aktiv: { label: 'aktiv', icon: '●', tone: 'ok', description: 'Wird laufend weiterentwickelt.' },
  stabil: {
    label: 'stabil',
    icon: '◆',
    tone: 'info',
    description: 'Wenig Änderungen, aber Issues werden beantwortet und es gibt Veröffentlichungen – fertige Software ist nicht tot.'
  },
  abnehmend: {
    label: 'abnehmend',
    icon: '▼',
    tone: 'warn',
    description: 'Deutlich weniger Commits als im Halbjahr davor.'
  },
  ruhend: {
    label: 'ruhend',
    icon: '◐',
    tone: 'warn',
    description: `Seit ${formatDays(MONTHS_6, 'dative')} kein Commit von Menschen, aber noch Aktivität in Issues.`
  },
  aufgegeben: {
    label: 'aufgegeben',
    icon: '✕',
    tone: 'bad',
    description: `Seit ${formatDays(MONTHS_12, 'dative')} weder Commits noch Issue-Aktivität noch Veröffentlichungen.`
  },
  archiviert: {
    label: 'archiviert',
    icon: '■',
    tone: 'neutral',
    description: 'Auf der Plattform als archiviert markiert: nur noch lesbar.'
  },
  unbekannt: {
    label: 'unbekannt – keine Daten',
    icon: '?',
    tone: 'neutral',
    description: 'Die Repositories konnten nicht gelesen werden: ohne Daten kein Urteil über den Zustand.'
  },
  neu: { label: 'neu', icon: '✦', tone: 'info', description: `Erster Commit vor weniger als ${formatDays(MONTHS_6, 'dative')}.` }
};

export function lifecycleInfo(name: string): LifecycleInfo {
  return (
    (LIFECYCLE_INFO as Record<string, LifecycleInfo>)[name] ?? {
      label: name,
      icon: '○',
      tone: 'neutral',
      description: ''
    }
  );
}

export {
  ORGANISATION_KINDS,
  ADOPTER_KINDS,
  PROVIDER_KINDS,
  MUNICIPAL_KINDS,
  KIND_LABELS,
  KIND_LABELS_PLURAL,
  KIND_MARKS,
  kindLabel,
  isAdopterKind,
  isProviderKind,
  isMunicipalKind
} from './organisation-kinds';

/** Contributions no organisation can be assigned to (DESIGN §5): one bucket per person, one word. */
export const UNAFFILIATED_LABEL = 'ohne Zuordnung';

/** The regions the catalog uses (ISO 3166-2), looked up by any string. */
export const REGION_LABELS: Readonly<Record<string, string>> = {
  'DE-BW': 'Baden-Württemberg',
  'DE-BY': 'Bayern',
  'DE-BE': 'Berlin',
  'DE-BB': 'Brandenburg',
  'DE-HB': 'Bremen',
  'DE-HH': 'Hamburg',
  'DE-HE': 'Hessen',
  'DE-MV': 'Mecklenburg-Vorpommern',
  'DE-NI': 'Niedersachsen',
  'DE-NW': 'Nordrhein-Westfalen',
  'DE-RP': 'Rheinland-Pfalz',
  'DE-SL': 'Saarland',
  'DE-SN': 'Sachsen',
  'DE-ST': 'Sachsen-Anhalt',
  'DE-SH': 'Schleswig-Holstein',
  'DE-TH': 'Thüringen',
  DE: 'Deutschland'
};

export function regionLabel(region: string | null | undefined): string {
  if (!region) return 'ohne Region';
  return REGION_LABELS[region] ?? region;
}

/** Names of the well-known forges by their catalog id; any other forge is shown by its id. */
export const FORGE_LABELS: Readonly<Record<string, string>> = { github: 'GitHub', opencode: 'OpenCoDE', git: 'git' };

export function forgeLabel(forge: string | null | undefined): string {
  if (!forge) return 'unbekannt';
  return FORGE_LABELS[forge] ?? forge;
}

/** The collection sources of a run (a collector per forge type). */
export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  git: 'git',
  github: 'GitHub (API)',
  gitlab: 'GitLab/OpenCoDE (API)'
} satisfies Record<(typeof FORGE_TYPES)[number], string>;

export const COPYLEFT_LABELS = {
  strong: 'starkes Copyleft',
  weak: 'schwaches Copyleft',
  permissive: 'freizügig (kein Copyleft)'
} as const satisfies Record<CopyleftClass, string>;

export const REUSE_KIND_LABELS: Readonly<Record<string, string>> = {
  'declared-catalog': 'im Katalog erklärt',
  'declared-publiccode': 'in publiccode.yml erklärt',
  fork: 'Abspaltung (Fork)',
  mirror: 'Spiegel (Mirror)',
  contribution: 'eigene Beiträge',
  'is-based-on': 'eigenes Projekt baut darauf auf (isBasedOn)'
} satisfies Record<ReuseEvidenceKind, string>;

/** How a reuse is known: the strength's word in tables („nur erklärt“) and its sign. */
export const STRENGTH_INFO = {
  beobachtet: { icon: '✓', label: 'beobachtet' },
  erklärt: { icon: '○', label: 'nur erklärt' }
} as const satisfies Record<ReuseStrength, { icon: string; label: string }>;

export const SEVERITY_INFO: Readonly<Record<string, { icon: string; label: string; tone: Tone }>> = {
  warning: { icon: '⚠', label: 'Achtung', tone: 'warn' },
  info: { icon: 'ℹ', label: 'Hinweis', tone: 'info' },
  ok: { icon: '✓', label: 'in Ordnung', tone: 'ok' }
} satisfies Record<Severity, { icon: string; label: string; tone: Tone }>;

export const MAINTENANCE_LABELS: Readonly<Record<string, string>> = {
  internal: 'intern (durch die Eigentümerin selbst)',
  contract: 'per Vertrag (Dienstleister)',
  community: 'durch die Community',
  none: 'keine Wartung'
} satisfies Record<(typeof MAINTENANCE_TYPES)[number], string>;

/** The parts of the vitality score (DESIGN §6), as the reports and the Methodik page name them. */
export const COMPONENT_LABELS = {
  regularity: 'Regelmäßigkeit',
  volume: 'Umfang',
  responsiveness: 'Reaktionsfähigkeit',
  backlog: 'Rückstau',
  breadth: 'Breite der Beteiligung',
  releases: 'Veröffentlichungen'
} as const satisfies Record<VitalityComponentKey, string>;

/** The state of a checked criterion (openCode badges, reuse readiness): a sign and a word, never colour alone. */
export const CRITERION_STATE_INFO = {
  met: { icon: '✓', label: 'erfüllt', tone: 'ok' },
  'not-met': { icon: '✕', label: 'nicht erfüllt', tone: 'warn' },
  unknown: { icon: '?', label: 'nicht prüfbar', tone: 'neutral' }
} as const satisfies Record<OpenCodeCriterionState, { icon: string; label: string; tone: Tone }>;

/** The criteria of the openCode badges (src/lib/metrics/opencodeBadges.ts). */
export const OPENCODE_CRITERION_LABELS = {
  commits: 'Commits',
  'reaction-time': 'Reaktionszeit auf Issues',
  release: 'Veröffentlichung oder Tag',
  'bus-factor': 'Busfaktor',
  'branch-protection': 'Geschützter Standard-Branch ohne Force-Push',
  'security-policy': 'Sicherheitsrichtlinie (SECURITY.md)',
  licence: 'Lizenzdatei mit anerkannter Lizenz'
} as const satisfies Record<OpenCodeCriterionKey, string>;

/** The levels of openCode's Maintained badge, with a sign each (not by colour alone). */
export const OPENCODE_LEVEL_INFO = {
  none: { icon: '○', label: 'keine Stufe' },
  bronze: { icon: '①', label: 'Bronze' },
  silver: { icon: '②', label: 'Silber' },
  gold: { icon: '③', label: 'Gold' }
} as const satisfies Record<OpenCodeMaintainedLevel, { icon: string; label: string }>;

/** The items of „Bereit zur Nachnutzung?“ (src/lib/metrics/reuseReadiness.ts). */
export const READINESS_ITEM_LABELS = {
  readme: 'README',
  documentation: 'Dokumentation (Ordner docs/ oder doc/)',
  contributing: 'Hinweise für Beitragende (CONTRIBUTING)',
  'code-of-conduct': 'Verhaltenskodex (CODE_OF_CONDUCT)',
  governance: 'Steuerung des Projekts (GOVERNANCE)',
  changelog: 'Änderungsprotokoll (CHANGELOG)',
  roadmap: 'Planung (ROADMAP)',
  authors: 'Autor*innen (AUTHORS): mehrere Personen und Organisationen',
  licence: 'Lizenzdatei',
  publiccode: 'Gültige publiccode.yml',
  'last-commit': `Letzter Commit jünger als ${formatDays(READINESS_MAX_AGE_DAYS)}`,
  'last-release': `Letzte Veröffentlichung jünger als ${formatDays(READINESS_MAX_AGE_DAYS)}`,
  'public-reuse': `Genutzt von mindestens ${READINESS_MIN_PUBLIC_BODIES} öffentlichen Stellen (beobachtet)`
} as const satisfies Record<ReadinessItemKey, string>;

/** The state of a collection run (status page). */
export const RUN_STATUS_INFO: Readonly<Record<string, { icon: string; label: string; tone: Tone }>> = {
  running: { icon: '◌', label: 'läuft', tone: 'info' },
  ok: { icon: '✓', label: 'erfolgreich', tone: 'ok' },
  partial: { icon: '⚠', label: 'teilweise (mit Fehlern)', tone: 'warn' },
  failed: { icon: '✕', label: 'fehlgeschlagen', tone: 'bad' },
  interrupted: { icon: '■', label: 'abgebrochen', tone: 'warn' }
} satisfies Record<(typeof RUN_STATUSES)[number], { icon: string; label: string; tone: Tone }>;

export function runStatusInfo(status: string): { icon: string; label: string; tone: Tone } {
  return RUN_STATUS_INFO[status] ?? { icon: '?', label: status, tone: 'neutral' };
}

/** What started a collection run. */
export const RUN_TRIGGER_LABELS: Readonly<Record<string, string>> = {
  cli: 'von Hand (CLI)',
  schedule: 'Zeitplan',
  demo: 'Demo',
  test: 'Test'
} satisfies Record<(typeof RUN_TRIGGERS)[number], string>;

/** The key figures of the OSPO report's comparison with the previous period (src/lib/reports/organisation-comparison.ts). */
export const COMPARISON_FIGURE_LABELS = {
  ownActive: 'Eigene Projekte im Zustand „aktiv“ (am Ende des Zeitraums)',
  ownHumanCommits: 'Commits von Menschen in eigenen Projekten',
  elsewhereProjects: 'Fremde Projekte mit Beiträgen',
  elsewhereCommits: 'Commits zu fremden Projekten',
  elsewhereIssues: 'Issues und Pull Requests zu fremden Projekten',
  elsewhereComments: 'Kommentare und Reviews zu fremden Projekten',
  reusingOrganisations: 'Organisationen, die eigene Projekte nachnutzen',
  observedReusingOrganisations: 'davon beobachtet',
  reusedProjectsOfOthers: 'Genutzte Projekte anderer',
  contributors: 'Beitragende Personen'
} as const satisfies Record<ComparisonFigure, string>;

/** How the reuse of an own project by another organisation changed from the previous period. */
export const REUSE_CHANGE_LABELS = {
  neu: 'neu',
  'jetzt beobachtet': 'jetzt beobachtet (vorher nur erklärt)',
  beendet: 'nicht mehr belegt'
} as const satisfies Record<ReuseChange, string>;

/** The kinds of recorded change (src/lib/reports/changes.ts), as the overview's groups and the feeds name them. */
export const CHANGE_KIND_LABELS = {
  lifecycle: 'Zustand geändert',
  release: 'Neue Veröffentlichungen',
  'finding-new': 'Neue Hinweise',
  'finding-resolved': 'Erledigte Hinweise',
  'reuse-new': 'Neue Nachnutzung',
  'reuse-observed': 'Nachnutzung jetzt beobachtet'
} as const satisfies Record<ChangeKind, string>;
