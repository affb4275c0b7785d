/**
 * Vitalität (vitality score 0–100, DESIGN §6), always shown with its components and coverage.
 * | Regelmäßigkeit         | 20 | 20 × active weeks / 26 |
 * | Umfang                 | 10 | 10 × log(1 + human commits in 180 d) / log(51), capped at 10 |
 * | Reaktionsfähigkeit     | 20 | median first response (90 d): < 1 d 20, < 3 d 16, < 7 d 12, < 30 d 6, < 90 d 2, else 0 |
 * | Rückstau               | 10 | 10 × closure ratio (365 d, issues and pull requests), capped at 1 |
 * | Breite der Beteiligung | 25 | persons factor ≥ 5: 18, 3–4: 15, 2: 10, 1: 3 (none: 0);
 *                                 organisations factor ≥ 3: 7, 2: 5, 1: 2 (none: 0) |
 * | Veröffentlichungen     | 15 | last release within 90 d 15, 180 d 11, 365 d 7, 730 d 3, else 0 |
 * A component without data is left out (points null) and the others are scaled up:
 * score = 100 × Σ points / Σ max of the components with data, rounded. Without an issue tracker,
 * Reaktionsfähigkeit and Rückstau have no data; without items opened in 90 days Reaktionsfähigkeit
 * has none, without issues or pull requests opened in 365 days Rückstau has none; without any commit up to asOf the
 * git components have none. „stabil“ projects leave out Regelmäßigkeit and Umfang (not applicable,
 * so they do not lower the coverage). coverage = Σ max with data / Σ max of applicable components;
 * below 40 % the score is null („nicht bewertbar“), never 0.
 */
import type { Lifecycle, Vitality, VitalityComponent, VitalityComponentKey } from '../reports/types';
import { formatDays, formatHoursDative, formatPercent, plural } from '../format';
import { COMPONENT_LABELS } from '../labels';
import { ACTIVE_WEEKS, MONTHS_12, MONTHS_6, RESPONSE_DAYS } from './window';

export interface VitalityInput {
  lifecycle: Lifecycle;
  /** Any commit up to asOf (the git components have data). */
  hasCommits: boolean;
  hasTracker: boolean;
  activeWeeks26: number;
  humanCommits180: number;
  medianFirstResponseHours: number | null;
  closureRatio: number | null;
  personsFactor: number | null;
  organisationsFactor: number | null;
  daysSinceLastRelease: number | null;
  /** Any release event up to asOf. */
  hasReleases: boolean;
}

/*
 * The point tables of the table above. The Methodik page (src/lib/methodikText.ts) is written from
 * them: a change here changes the page.
 */

/** Maximum points of each component (together 100). */
export const COMPONENT_MAX = {
  regularity: 20,
  volume: 10,
  responsiveness: 20,
  backlog: 10,
  breadth: 25,
  releases: 15
} as const satisfies Record<VitalityComponentKey, number>;

/** Umfang reaches its maximum at this many human commits in 180 days: max × log(1 + n) / log(1 + VOLUME_FULL_COMMITS). */
export const VOLUME_FULL_COMMITS = 50;

/** Below `below` days of median first response: `points`; slower: 0. */
export const RESPONSIVENESS_POINTS = [
  { below: 1, points: 20 },
  { below: 3, points: 16 },
  { below: 7, points: 12 },
  { below: 30, points: 6 },
  { below: 90, points: 2 }
] as const;

/** A dependency factor of at least `atLeast`: `points` (none or 0: 0). */
export const PERSONS_POINTS = [
  { atLeast: 5, points: 18 },
  { atLeast: 3, points: 15 },
  { atLeast: 2, points: 10 },
  { atLeast: 1, points: 3 }
] as const;
export const ORGANISATIONS_POINTS = [
  { atLeast: 3, points: 7 },
  { atLeast: 2, points: 5 },
  { atLeast: 1, points: 2 }
] as const;

/** The last release less than `within` days ago: `points`; older or none: 0. */
export const RELEASE_POINTS = [
  { within: 90, points: 15 },
  { within: 180, points: 11 },
  { within: 365, points: 7 },
  { within: 730, points: 3 }
] as const;

/** Below this coverage the score is null („nicht bewertbar“). */
export const MIN_COVERAGE = 0.4;

export function responsivenessPoints(medianHours: number): number {
  return RESPONSIVENESS_POINTS.find((row) => medianHours < row.below * 24)?.points ?? 0;
}

function factorPoints(table: readonly { atLeast: number; points: number }[], factor: number | null): number {
  if (factor === null) return 0;
  return table.find((row) => factor >= row.atLeast)?.points ?? 0;
}

export function personsPoints(factor: number | null): number {
  return factorPoints(PERSONS_POINTS, factor);
}

export function organisationsPoints(factor: number | null): number {
  return factorPoints(ORGANISATIONS_POINTS, factor);
}

export function releasePoints(daysSinceLast: number | null): number {
  if (daysSinceLast === null) return 0;
  return RELEASE_POINTS.find((row) => daysSinceLast < row.within)?.points ?? 0;
}

/** Regelmäßigkeit: max × active weeks / 26. */
export function regularityPoints(activeWeeks: number): number {
  return r1((COMPONENT_MAX.regularity * Math.min(ACTIVE_WEEKS, activeWeeks)) / ACTIVE_WEEKS);
}

/** Umfang: max × log(1 + commits) / log(1 + VOLUME_FULL_COMMITS), at most max. */
export function volumePoints(humanCommits: number): number {
  const max = COMPONENT_MAX.volume;
  return r1(Math.min(max, (max * Math.log(1 + humanCommits)) / Math.log(1 + VOLUME_FULL_COMMITS)));
}

/** Rückstau: max × closure ratio, the ratio at most 1. */
export function backlogPoints(closureRatio: number): number {
  return r1(COMPONENT_MAX.backlog * Math.min(1, closureRatio));
}

const r1 = (n: number) => Math.round(n * 10) / 10;

type Part = Pick<VitalityComponent, 'points' | 'detail' | 'missingReason'>;

export function vitality(input: VitalityInput): Vitality {
  const stable = input.lifecycle === 'stabil';
  const components: (VitalityComponent & { applicable: boolean })[] = [];
  const add = (key: VitalityComponentKey, part: Part, applicable = true) =>
    components.push({
      key,
      label: COMPONENT_LABELS[key],
      points: part.points,
      max: COMPONENT_MAX[key],
      detail: part.detail,
      ...(part.missingReason === undefined ? {} : { missingReason: part.missingReason }),
      applicable
    });
  const none = (missingReason: string): Part => ({ points: null, detail: 'keine Daten', missingReason });
  const noCommits = 'Keine Commits vorhanden';
  const stableReason = 'Bei stabilen Projekten nicht bewertet: fertige Software ändert sich selten.';
  const weeks = `${input.activeWeeks26} von ${ACTIVE_WEEKS} Wochen aktiv`;
  const volume = `${plural(input.humanCommits180, 'Commit', 'Commits')} von Personen in ${plural(MONTHS_6, 'Tag', 'Tagen')}`;
  const months12 = formatDays(MONTHS_12, 'dative');

  if (stable) {
    add('regularity', { points: null, detail: weeks, missingReason: stableReason }, false);
    add('volume', { points: null, detail: volume, missingReason: stableReason }, false);
  } else if (!input.hasCommits) {
    add('regularity', none(noCommits));
    add('volume', none(noCommits));
  } else {
    add('regularity', { points: regularityPoints(input.activeWeeks26), detail: weeks });
    add('volume', { points: volumePoints(input.humanCommits180), detail: volume });
  }

  if (!input.hasTracker) {
    const reason = 'Kein Issue-Tracker (Issues abgeschaltet oder nur git)';
    add('responsiveness', none(reason));
    add('backlog', none(reason));
  } else {
    if (input.medianFirstResponseHours === null) {
      add('responsiveness', none(`Keine Issues oder Pull Requests in den letzten ${plural(RESPONSE_DAYS, 'Tag', 'Tagen')}`));
    } else {
      add('responsiveness', {
        points: responsivenessPoints(input.medianFirstResponseHours),
        detail: `Erste Reaktion im Median nach ${formatHoursDative(input.medianFirstResponseHours)} (${plural(RESPONSE_DAYS, 'Tag', 'Tage')})`
      });
    }
    if (input.closureRatio === null) {
      add('backlog', none(`Keine Issues oder Pull Requests in den letzten ${months12} eröffnet`));
    } else {
      add('backlog', {
        points: backlogPoints(input.closureRatio),
        detail: `${formatPercent(input.closureRatio)} so viele Issues und Pull Requests geschlossen wie eröffnet (${formatDays(MONTHS_12)})`
      });
    }
  }

  if (!input.hasCommits) {
    add('breadth', none(noCommits));
  } else {
    const p = personsPoints(input.personsFactor);
    const o = organisationsPoints(input.organisationsFactor);
    const detail =
      input.personsFactor === null
        ? `Keine Commits von Personen in ${months12}`
        : `Die Hälfte der Commits kommt von ${plural(input.personsFactor, 'Person', 'Personen')} und ${plural(input.organisationsFactor ?? 0, 'Organisation', 'Organisationen')} (${formatDays(MONTHS_12)})`;
    add('breadth', { points: p + o, detail });
  }

  if (!input.hasCommits && !input.hasReleases) {
    add('releases', none(noCommits));
  } else {
    add('releases', {
      points: releasePoints(input.daysSinceLastRelease),
      detail:
        input.daysSinceLastRelease === null
          ? 'Noch keine Veröffentlichung'
          : input.daysSinceLastRelease === 0
            ? 'Letzte Veröffentlichung heute'
            : `Letzte Veröffentlichung vor ${plural(input.daysSinceLastRelease, 'Tag', 'Tagen')}`
    });
  }

  let applicableMax = 0;
  let dataMax = 0;
  let points = 0;
  for (const c of components) {
    if (!c.applicable) continue;
    applicableMax += c.max;
    if (c.points === null) continue;
    dataMax += c.max;
    points += c.points;
  }
  const coverage = applicableMax === 0 ? 0 : Math.round((dataMax / applicableMax) * 1000) / 1000;
  const score = coverage < MIN_COVERAGE || dataMax === 0 ? null : Math.round((100 * points) / dataMax);
  return { score, coverage, components: components.map(({ applicable: _applicable, ...c }) => c) };
}

/** No score where the lifecycle has no verdict (metrics/coverage.ts): every component lacks data, for one reason. */
export function withoutVerdict(v: Vitality, reason: string): Vitality {
  return {
    score: null,
    coverage: 0,
    components: v.components.map((c) => ({ ...c, points: null, detail: 'keine Daten', missingReason: reason }))
  };
}
