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
import type { Lifecycle, Vitality, VitalityComponent } from '../reports/types';
import { formatHoursDative, formatPercent, plural } from '../format';
import { COMPONENT_LABELS } from '../labels';

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

export const MIN_COVERAGE = 0.4;

export function responsivenessPoints(medianHours: number): number {
  if (medianHours < 24) return 20;
  if (medianHours < 72) return 16;
  if (medianHours < 168) return 12;
  if (medianHours < 720) return 6;
  if (medianHours < 2160) return 2;
  return 0;
}

export function personsPoints(factor: number | null): number {
  if (factor === null || factor < 1) return 0;
  if (factor >= 5) return 18;
  if (factor >= 3) return 15;
  if (factor === 2) return 10;
  return 3;
}

export function organisationsPoints(factor: number | null): number {
  if (factor === null || factor < 1) return 0;
  if (factor >= 3) return 7;
  if (factor === 2) return 5;
  return 2;
}

export function releasePoints(daysSinceLast: number | null): number {
  if (daysSinceLast === null) return 0;
  if (daysSinceLast < 90) return 15;
  if (daysSinceLast < 180) return 11;
  if (daysSinceLast < 365) return 7;
  if (daysSinceLast < 730) return 3;
  return 0;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

export function vitality(input: VitalityInput): Vitality {
  const stable = input.lifecycle === 'stabil';
  const components: (VitalityComponent & { applicable: boolean })[] = [];
  const add = (c: VitalityComponent, applicable = true) => components.push({ ...c, applicable });
  const noCommits = 'Keine Commits vorhanden';
  const stableReason = 'Bei stabilen Projekten nicht bewertet: fertige Software ändert sich selten.';

  if (stable) {
    add(
      {
        key: 'regularity',
        label: COMPONENT_LABELS.regularity,
        points: null,
        max: 20,
        detail: `${input.activeWeeks26} von 26 Wochen aktiv`,
        missingReason: stableReason
      },
      false
    );
    add(
      {
        key: 'volume',
        label: COMPONENT_LABELS.volume,
        points: null,
        max: 10,
        detail: `${plural(input.humanCommits180, 'Commit', 'Commits')} von Personen in 180 Tagen`,
        missingReason: stableReason
      },
      false
    );
  } else if (!input.hasCommits) {
    add({ key: 'regularity', label: COMPONENT_LABELS.regularity, points: null, max: 20, detail: 'keine Daten', missingReason: noCommits });
    add({ key: 'volume', label: COMPONENT_LABELS.volume, points: null, max: 10, detail: 'keine Daten', missingReason: noCommits });
  } else {
    add({
      key: 'regularity',
      label: COMPONENT_LABELS.regularity,
      points: r1((20 * Math.min(26, input.activeWeeks26)) / 26),
      max: 20,
      detail: `${input.activeWeeks26} von 26 Wochen aktiv`
    });
    add({
      key: 'volume',
      label: COMPONENT_LABELS.volume,
      points: r1(Math.min(10, (10 * Math.log(1 + input.humanCommits180)) / Math.log(51))),
      max: 10,
      detail: `${plural(input.humanCommits180, 'Commit', 'Commits')} von Personen in 180 Tagen`
    });
  }

  if (!input.hasTracker) {
    const reason = 'Kein Issue-Tracker (Issues abgeschaltet oder nur git)';
    add({
      key: 'responsiveness',
      label: COMPONENT_LABELS.responsiveness,
      points: null,
      max: 20,
      detail: 'keine Daten',
      missingReason: reason
    });
    add({ key: 'backlog', label: COMPONENT_LABELS.backlog, points: null, max: 10, detail: 'keine Daten', missingReason: reason });
  } else {
    if (input.medianFirstResponseHours === null) {
      add({
        key: 'responsiveness',
        label: COMPONENT_LABELS.responsiveness,
        points: null,
        max: 20,
        detail: 'keine Daten',
        missingReason: 'Keine Issues oder Pull Requests in den letzten 90 Tagen'
      });
    } else {
      add({
        key: 'responsiveness',
        label: COMPONENT_LABELS.responsiveness,
        points: responsivenessPoints(input.medianFirstResponseHours),
        max: 20,
        detail: `Erste Reaktion im Median nach ${formatHoursDative(input.medianFirstResponseHours)} (90 Tage)`
      });
    }
    if (input.closureRatio === null) {
      add({
        key: 'backlog',
        label: COMPONENT_LABELS.backlog,
        points: null,
        max: 10,
        detail: 'keine Daten',
        missingReason: 'Keine Issues oder Pull Requests in den letzten 12 Monaten eröffnet'
      });
    } else {
      add({
        key: 'backlog',
        label: COMPONENT_LABELS.backlog,
        points: r1(10 * Math.min(1, input.closureRatio)),
        max: 10,
        detail: `${formatPercent(input.closureRatio)} so viele Issues und Pull Requests geschlossen wie eröffnet (12 Monate)`
      });
    }
  }

  if (!input.hasCommits) {
    add({ key: 'breadth', label: COMPONENT_LABELS.breadth, points: null, max: 25, detail: 'keine Daten', missingReason: noCommits });
  } else {
    const p = personsPoints(input.personsFactor);
    const o = organisationsPoints(input.organisationsFactor);
    const detail =
      input.personsFactor === null
        ? 'Keine Commits von Personen in 12 Monaten'
        : `Die Hälfte der Commits kommt von ${input.personsFactor === 1 ? '1 Person' : `${input.personsFactor} Personen`} und ${input.organisationsFactor === 1 ? '1 Organisation' : `${input.organisationsFactor ?? 0} Organisationen`} (12 Monate)`;
    add({ key: 'breadth', label: COMPONENT_LABELS.breadth, points: p + o, max: 25, detail });
  }

  if (!input.hasCommits && !input.hasReleases) {
    add({ key: 'releases', label: COMPONENT_LABELS.releases, points: null, max: 15, detail: 'keine Daten', missingReason: noCommits });
  } else {
    add({
      key: 'releases',
      label: COMPONENT_LABELS.releases,
      points: releasePoints(input.daysSinceLastRelease),
      max: 15,
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
