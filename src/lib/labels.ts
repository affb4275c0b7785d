/**
 * The dashboard's vocabulary (UX.md glossary): German words, icons and tones for the values that
 * the database and the reports keep in code form. One module so every page says the same thing.
 */

export type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'neutral';

export const LIFECYCLES = ['aktiv', 'stabil', 'abnehmend', 'ruhend', 'aufgegeben', 'archiviert', 'unbekannt'] as const;
export type LifecycleName = (typeof LIFECYCLES)[number];

export interface LifecycleInfo {
  label: string;
  /** A symbol that carries the state without colour (shape differs per state). */
  icon: string;
  tone: Tone;
  /** One plain sentence. */
  description: string;
}

export const LIFECYCLE_INFO: Record<LifecycleName | 'neu', LifecycleInfo> = {
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
    description: 'Seit sechs Monaten kein Commit von Menschen, aber noch Aktivität in Issues.'
  },
  aufgegeben: {
    label: 'aufgegeben',
    icon: '✕',
    tone: 'bad',
    description: 'Seit zwölf Monaten weder Commits noch Issue-Aktivität noch Veröffentlichungen.'
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
  neu: { label: 'neu', icon: '✦', tone: 'info', description: 'Erster Commit vor weniger als sechs Monaten.' }
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
  kindLabel,
  isAdopterKind,
  isProviderKind,
  isMunicipalKind
} from './organisation-kinds';

export const REGION_LABELS: Record<string, string> = {
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

export function forgeLabel(forge: string | null | undefined): string {
  if (!forge) return 'unbekannt';
  if (forge === 'github') return 'GitHub';
  if (forge === 'opencode') return 'OpenCoDE';
  if (forge === 'git') return 'git';
  return forge;
}

export const COPYLEFT_LABELS: Record<string, string> = {
  strong: 'starkes Copyleft',
  weak: 'schwaches Copyleft',
  permissive: 'freizügig (kein Copyleft)'
};

export const REUSE_KIND_LABELS: Record<string, string> = {
  'declared-catalog': 'im Katalog erklärt',
  'declared-publiccode': 'in publiccode.yml erklärt',
  fork: 'Abspaltung (Fork)',
  mirror: 'Spiegel (Mirror)',
  contribution: 'eigene Beiträge',
  'is-based-on': 'eigenes Projekt baut darauf auf (isBasedOn)'
};

export const SEVERITY_INFO: Record<string, { icon: string; label: string; tone: Tone }> = {
  warning: { icon: '⚠', label: 'Achtung', tone: 'warn' },
  info: { icon: 'ℹ', label: 'Hinweis', tone: 'info' },
  ok: { icon: '✓', label: 'in Ordnung', tone: 'ok' }
};

export const MAINTENANCE_LABELS: Record<string, string> = {
  internal: 'intern (durch die Eigentümerin selbst)',
  contract: 'per Vertrag (Dienstleister)',
  community: 'durch die Community',
  none: 'keine Wartung'
};
