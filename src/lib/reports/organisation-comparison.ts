/**
 * The OSPO report compared with the previous period (issue 15): which period that is, and the
 * differences of its key figures. Pure; both reports come from the one computation
 * (src/lib/server/organisation-report.ts), this only compares them. The Methodik page states the
 * same rules (src/lib/methodikText.ts, „Vergleich mit dem Vorzeitraum“).
 *
 * The previous period of [from, to] (both days inclusive):
 * - whole calendar months (from is the 1st of a month, to the last day of one): the same number of
 *   calendar months right before — March 2026 → February 2026, 2026 → 2025 (even though 2024 has a
 *   day more than 2025), the page's default 01.11.2025–31.10.2026 → 01.11.2024–31.10.2025. A month
 *   compares with the month before it as a year with the year before, and both periods stay whole
 *   months, summed from the counts derive wrote (a period of days in a leap year would move the
 *   previous one off the month starts: 365 days before 01.08.2024 begin on 02.08.2023);
 * - otherwise the same number of days, ending the day before `from` — 365 days up to 23.11.2026
 *   (24.11.2025–23.11.2026) → 24.11.2024–23.11.2025.
 *
 * Every figure is a count. Its change is the difference and, when the previous value is above 0,
 * the difference relative to it; a figure that one of the periods does not have (null) is „nicht
 * vergleichbar“ — no difference, no percentage, never „0 %“.
 */
import { addDays, addMonths, dayStart, DAY, isMonthEnd } from '../metrics/window';
import type { OrganisationReport, ReuseStrength } from './types';

/** The key figures compared, in the order the page and the export show them. */
export const COMPARISON_FIGURES = [
  'ownActive',
  'ownHumanCommits',
  'elsewhereProjects',
  'elsewhereCommits',
  'elsewhereIssues',
  'elsewhereComments',
  'reusingOrganisations',
  'observedReusingOrganisations',
  'reusedProjectsOfOthers',
  'contributors'
] as const;
export type ComparisonFigure = (typeof COMPARISON_FIGURES)[number];

/** How a reuse pair (own project × other organisation) changed from the previous period. */
export const REUSE_CHANGES = ['neu', 'jetzt beobachtet', 'beendet'] as const;
export type ReuseChange = (typeof REUSE_CHANGES)[number];

export interface FigureComparison {
  key: ComparisonFigure;
  /** The value in the period; null: the period has no such figure. */
  current: number | null;
  /** The value in the previous period; null: it has no such figure. */
  previous: number | null;
  /** Both values exist. */
  comparable: boolean;
  /** current − previous; null when not comparable. */
  difference: number | null;
  /** difference / previous (0.2 = +20 %); null when not comparable or previous is 0. */
  relative: number | null;
}

export interface ReusePairChange {
  projectId: string;
  projectName: string;
  organisationId: string;
  organisationName: string;
  change: ReuseChange;
  /** The evidence's strength at the end of the period (for „beendet“: of the previous period). */
  strength: ReuseStrength;
}

export interface OrganisationReportComparison {
  /** The previous period, YYYY-MM-DD, both days inclusive. */
  from: string;
  to: string;
  figures: FigureComparison[];
  /** Reuse of own projects by other organisations that began, became observed or ended. */
  reuseChanges: ReusePairChange[];
}

/** Days of [from, to], both inclusive. */
export function periodDays(from: string, to: string): number {
  return Math.round((dayStart(to) - dayStart(from)) / DAY) + 1;
}

/** Whole calendar months of [from, to]: from is a month's first day and the day after `to` is one; null otherwise. */
function wholeMonths(from: string, to: string): number | null {
  if (!from.endsWith('-01') || !isMonthEnd(to)) return null;
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  return index(to) - index(from) + 1;
}

/** The period before [from, to] (valid dates, from ≤ to) by the rules above. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const months = wholeMonths(from, to);
  if (months !== null) return { from: addMonths(from, -months), to: addDays(from, -1) };
  const days = periodDays(from, to);
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

/** One figure of one report; null when that report has no such figure. */
export function figureOf(report: OrganisationReport, key: ComparisonFigure): number | null {
  const sum = (pick: (c: OrganisationReport['contributionsElsewhere'][number]) => number) =>
    report.contributionsElsewhere.reduce((total, c) => total + pick(c), 0);
  const reusing = (observedOnly: boolean) =>
    new Set(report.reusedBy.filter((r) => !observedOnly || r.strength === 'beobachtet').map((r) => r.organisationId)).size;
  switch (key) {
    case 'ownActive':
      // Without any own project whose lifecycle is known at the period's end (before the first
      // snapshot every one is „unbekannt“) there is no count of active ones to compare.
      return report.ownProjects.some((p) => p.lifecycle !== 'unbekannt')
        ? report.ownProjects.filter((p) => p.lifecycle === 'aktiv').length
        : null;
    case 'ownHumanCommits':
      return report.ownProjects.length ? report.ownProjects.reduce((total, p) => total + p.humanCommits, 0) : null;
    case 'elsewhereProjects':
      return report.contributionsElsewhere.length;
    case 'elsewhereCommits':
      return sum((c) => c.commits);
    case 'elsewhereIssues':
      return sum((c) => c.issues);
    case 'elsewhereComments':
      return sum((c) => c.comments);
    case 'reusingOrganisations':
      return reusing(false);
    case 'observedReusingOrganisations':
      return reusing(true);
    case 'reusedProjectsOfOthers':
      return report.reuses.length;
    case 'contributors':
      return report.contributors.length;
  }
}

/** The change of one figure from `previous` to `current`. */
export function compareFigure(key: ComparisonFigure, current: number | null, previous: number | null): FigureComparison {
  if (current === null || previous === null) return { key, current, previous, comparable: false, difference: null, relative: null };
  const difference = current - previous;
  return { key, current, previous, comparable: true, difference, relative: previous === 0 ? null : difference / previous };
}

const pairKey = (r: { projectId: string; organisationId: string }) => `${r.projectId}\u0000${r.organisationId}`;

/** The report of a period compared with the report of its previous period. */
export function compareOrganisationReports(current: OrganisationReport, previous: OrganisationReport): OrganisationReportComparison {
  const before = new Map(previous.reusedBy.map((r) => [pairKey(r), r]));
  const now = new Map(current.reusedBy.map((r) => [pairKey(r), r]));
  const change = (r: OrganisationReport['reusedBy'][number], what: ReuseChange): ReusePairChange => ({
    projectId: r.projectId,
    projectName: r.projectName,
    organisationId: r.organisationId,
    organisationName: r.organisationName,
    change: what,
    strength: r.strength
  });
  const reuseChanges: ReusePairChange[] = [];
  for (const [key, r] of now) {
    const was = before.get(key);
    if (!was) reuseChanges.push(change(r, 'neu'));
    else if (was.strength !== 'beobachtet' && r.strength === 'beobachtet') reuseChanges.push(change(r, 'jetzt beobachtet'));
  }
  for (const [key, r] of before) if (!now.has(key)) reuseChanges.push(change(r, 'beendet'));
  const order = (c: ReusePairChange) => REUSE_CHANGES.indexOf(c.change);
  // By natural keys only: the same pairs give the same list, whatever order the reports listed them in.
  reuseChanges.sort(
    (a, b) =>
      order(a) - order(b) ||
      a.projectName.localeCompare(b.projectName, 'de') ||
      a.projectId.localeCompare(b.projectId) ||
      a.organisationName.localeCompare(b.organisationName, 'de') ||
      a.organisationId.localeCompare(b.organisationId)
  );

  return {
    from: previous.from,
    to: previous.to,
    figures: COMPARISON_FIGURES.map((key) => compareFigure(key, figureOf(current, key), figureOf(previous, key))),
    reuseChanges
  };
}
