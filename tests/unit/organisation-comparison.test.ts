/**
 * The OSPO report compared with its previous period (src/lib/reports/organisation-comparison.ts):
 * the previous period's bounds, the figures' changes, a figure one period lacks, and the words the
 * page writes for a change (src/lib/format.ts: formatChange).
 */
import { describe, expect, it } from 'vitest';
import { formatChange, formatDateRange, formatSignedNumber, formatSignedPercent } from '../../src/lib/format';
import {
  COMPARISON_FIGURES,
  compareFigure,
  compareOrganisationReports,
  periodDays,
  previousPeriod,
  type FigureComparison
} from '../../src/lib/reports/organisation-comparison';
import { daysUpTo, lastWholeMonths } from '../../src/lib/server/organisation-report';
import { splitAtMonths } from '../../src/lib/metrics/window';
import { periodRange } from '../../src/lib/reports/organisation';
import { organisationReportOf } from '../helpers/organisation-report';

describe('the default period (lastWholeMonths) and the preset of 365 days (daysUpTo)', () => {
  it('is the last twelve whole calendar months up to the Stand, its own month when the Stand is that month’s last day', () => {
    expect(lastWholeMonths('2026-11-23')).toEqual({ from: '2025-11-01', to: '2026-10-31' });
    expect(lastWholeMonths('2026-11-30')).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(lastWholeMonths('2026-12-01')).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    // The turn of the year: on 31 December the calendar year itself.
    expect(lastWholeMonths('2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(lastWholeMonths('2027-01-05')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    // Leap years: February ends on the 29th.
    expect(lastWholeMonths('2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
    expect(lastWholeMonths('2024-02-28')).toEqual({ from: '2023-02-01', to: '2024-01-31' });
    expect(lastWholeMonths('2026-05-20', 1)).toEqual({ from: '2026-04-01', to: '2026-04-30' });
  });

  it('has whole months for itself and for its previous period', () => {
    const edgeDays = (p: { from: string; to: string }) => splitAtMonths(periodRange(p.from, p.to)).edges.length;
    for (const stand of ['2026-11-23', '2026-03-01', '2027-01-05', '2025-07-31']) {
      const period = lastWholeMonths(stand);
      expect(edgeDays(period), stand).toBe(0);
      expect(edgeDays(previousPeriod(period.from, period.to)), stand).toBe(0);
    }
  });

  it('daysUpTo: the 365 days up to the Stand, as the project metrics count', () => {
    expect(daysUpTo('2026-11-23')).toEqual({ from: '2025-11-24', to: '2026-11-23' });
    expect(periodDays(daysUpTo('2026-11-23').from, '2026-11-23')).toBe(365);
  });
});

describe('previousPeriod', () => {
  it('is as long as the period and ends the day before it begins', () => {
    // The preset „365 Tage bis zum Stand“.
    expect(previousPeriod('2025-11-24', '2026-11-23')).toEqual({ from: '2024-11-24', to: '2025-11-23' });
    expect(periodDays('2024-11-24', '2025-11-23')).toBe(365);
    // One day.
    expect(previousPeriod('2026-03-01', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    // Across the turn of a year.
    expect(previousPeriod('2026-01-01', '2026-01-10')).toEqual({ from: '2025-12-22', to: '2025-12-31' });
  });

  it('takes as many calendar months right before for whole calendar months', () => {
    // March → February (28 days), February → January, the page's default → the twelve months before.
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod('2026-02-01', '2026-02-28')).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    expect(previousPeriod('2025-11-01', '2026-10-31')).toEqual({ from: '2024-11-01', to: '2025-10-31' });
    // Across a leap day: the twelve months, not 365 days (which would begin on 2 August 2023).
    expect(previousPeriod('2024-08-01', '2025-07-31')).toEqual({ from: '2023-08-01', to: '2024-07-31' });
    expect(previousPeriod('2024-03-01', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    // Across the turn of a year; a quarter.
    expect(previousPeriod('2026-01-01', '2026-02-28')).toEqual({ from: '2025-11-01', to: '2025-12-31' });
    expect(previousPeriod('2026-04-01', '2026-06-30')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('counts days for anything but whole months', () => {
    // 30 April–30 May (31 days).
    expect(previousPeriod('2026-04-30', '2026-05-30')).toEqual({ from: '2026-03-30', to: '2026-04-29' });
    // Ends a day before a month's end.
    expect(previousPeriod('2026-03-01', '2026-03-30')).toEqual({ from: '2026-01-30', to: '2026-02-28' });
  });

  it('counts 29 February in leap years', () => {
    // 30 days up to 31 March → the 30 days up to 1 March, 29 February among them.
    expect(previousPeriod('2024-03-02', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(previousPeriod('2024-03-01', '2024-03-01')).toEqual({ from: '2024-02-29', to: '2024-02-29' });
    // 365 days that end on 27 February 2025 begin on 29 February 2024; the 365 before begin on 1 March 2023.
    expect(previousPeriod('2024-02-29', '2025-02-27')).toEqual({ from: '2023-03-01', to: '2024-02-28' });
    expect(periodDays('2023-03-01', '2024-02-28')).toBe(365);
  });

  it('takes the previous calendar year for a calendar year, whatever its length', () => {
    expect(previousPeriod('2026-01-01', '2026-12-31')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    // 2025 has 365 days, 2024 366: still the calendar year, not 365 days back to 2 January.
    expect(previousPeriod('2025-01-01', '2025-12-31')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(previousPeriod('2024-01-01', '2024-12-31')).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    // Two calendar years → the two before.
    expect(previousPeriod('2025-01-01', '2026-12-31')).toEqual({ from: '2023-01-01', to: '2024-12-31' });
    // Not a whole calendar year: days.
    expect(previousPeriod('2026-01-01', '2026-12-30')).toEqual({ from: '2025-01-02', to: '2025-12-31' });
  });
});

const report = organisationReportOf;

const pair = (projectId: string, organisationId: string, strength: 'beobachtet' | 'erklärt') => ({
  projectId,
  projectName: projectId.toUpperCase(),
  organisationId,
  organisationName: `Stadt ${organisationId}`,
  strength
});

const byKey = (figures: FigureComparison[]) => Object.fromEntries(figures.map((f) => [f.key, f]));

describe('compareOrganisationReports', () => {
  const current = report({
    ownProjects: [
      { id: 'a', name: 'A', lifecycle: 'aktiv', score: 80, humanCommits: 60 },
      { id: 'b', name: 'B', lifecycle: 'ruhend', score: 30, humanCommits: 0 }
    ],
    contributionsElsewhere: [
      { projectId: 'x', projectName: 'X', commits: 10, issues: 2, comments: 5 },
      { projectId: 'y', projectName: 'Y', commits: 2, issues: 0, comments: 0 }
    ],
    reusedBy: [pair('a', 'jena', 'beobachtet'), pair('a', 'dortmund', 'beobachtet'), pair('b', 'jena', 'erklärt')],
    reuses: [{ projectId: 'x', projectName: 'X', strength: 'beobachtet' }],
    contributors: [
      { name: 'Person 1', commits: 40, issues: 1, comments: 2 },
      { name: 'Person 2', commits: 32, issues: 1, comments: 3 }
    ]
  });
  const previous = report({
    from: '2025-01-01',
    to: '2025-12-31',
    ownProjects: [
      { id: 'a', name: 'A', lifecycle: 'aktiv', score: 70, humanCommits: 50 },
      { id: 'b', name: 'B', lifecycle: 'aktiv', score: 60, humanCommits: 10 }
    ],
    contributionsElsewhere: [{ projectId: 'x', projectName: 'X', commits: 12, issues: 0, comments: 5 }],
    reusedBy: [pair('a', 'jena', 'erklärt'), pair('c', 'kiel', 'erklärt')],
    contributors: [{ name: 'Person 1', commits: 62, issues: 0, comments: 5 }]
  });

  it('compares every figure: difference and change relative to the previous period', () => {
    const c = compareOrganisationReports(current, previous);
    expect([c.from, c.to]).toEqual(['2025-01-01', '2025-12-31']);
    expect(c.figures.map((f) => f.key)).toEqual([...COMPARISON_FIGURES]);
    const f = byKey(c.figures);
    expect(f.ownActive).toEqual({ key: 'ownActive', current: 1, previous: 2, comparable: true, difference: -1, relative: -0.5 });
    expect(f.ownHumanCommits).toMatchObject({ current: 60, previous: 60, difference: 0, relative: 0 });
    expect(f.elsewhereProjects).toMatchObject({ current: 2, previous: 1, difference: 1, relative: 1 });
    expect(f.elsewhereCommits).toMatchObject({ current: 12, previous: 12, difference: 0 });
    expect(f.elsewhereComments).toMatchObject({ current: 5, previous: 5 });
    // Organisations, not pairs: Jena counts once though it reuses two projects.
    expect(f.reusingOrganisations).toMatchObject({ current: 2, previous: 2, difference: 0 });
    expect(f.observedReusingOrganisations).toMatchObject({ current: 2, previous: 0 });
    expect(f.contributors).toMatchObject({ current: 2, previous: 1, difference: 1, relative: 1 });
  });

  it('from zero to a number: a difference, but no percentage', () => {
    const f = byKey(compareOrganisationReports(current, previous).figures);
    expect(f.elsewhereIssues).toEqual({ key: 'elsewhereIssues', current: 2, previous: 0, comparable: true, difference: 2, relative: null });
    expect(f.reusedProjectsOfOthers).toMatchObject({ current: 1, previous: 0, difference: 1, relative: null });
    expect(compareFigure('contributors', 0, 0)).toMatchObject({ comparable: true, difference: 0, relative: null });
    expect(compareFigure('contributors', 0, 4)).toMatchObject({ comparable: true, difference: -4, relative: -1 });
  });

  it('a figure one period lacks is not comparable — not a change of 0 %', () => {
    // Before the first snapshot every own project is „unbekannt“: no count of active ones.
    const before = report({ ownProjects: current.ownProjects.map((p) => ({ ...p, lifecycle: 'unbekannt' as const, score: null })) });
    const f = byKey(compareOrganisationReports(current, before).figures);
    expect(f.ownActive).toEqual({ key: 'ownActive', current: 1, previous: null, comparable: false, difference: null, relative: null });
    // The commits are facts of their own: still comparable.
    expect(f.ownHumanCommits).toMatchObject({ comparable: true, current: 60, previous: 60 });
    // The other way round, too.
    expect(byKey(compareOrganisationReports(before, current).figures).ownActive).toMatchObject({
      current: null,
      previous: 1,
      comparable: false
    });
    // Without own projects there are no commits in own projects in either period.
    const none = byKey(compareOrganisationReports(report({}), report({})).figures);
    expect(none.ownHumanCommits).toMatchObject({ current: null, previous: null, comparable: false, difference: null });
    expect(none.elsewhereCommits).toMatchObject({ current: 0, previous: 0, comparable: true, difference: 0 });
  });

  it('lists new, newly observed and ended reuse of own projects, by natural keys', () => {
    const c = compareOrganisationReports(current, previous);
    expect(c.reuseChanges.map((r) => `${r.change} ${r.projectId} ${r.organisationId} ${r.strength}`)).toEqual([
      'neu a dortmund beobachtet',
      'neu b jena erklärt',
      'jetzt beobachtet a jena beobachtet',
      'beendet c kiel erklärt'
    ]);
    // The reports' own order does not matter.
    const shuffled = compareOrganisationReports({ ...current, reusedBy: [...current.reusedBy].reverse() }, previous);
    expect(shuffled.reuseChanges).toEqual(c.reuseChanges);
  });
});

describe('formatChange: the change in words', () => {
  it('writes sign, difference and percentage', () => {
    expect(formatChange(72, 60)).toBe('+12 (+20\u202f%)');
    expect(formatChange(27, 30)).toBe('-3 (-10\u202f%)');
    expect(formatChange(1234, 1000)).toBe('+234 (+23\u202f%)');
    expect(formatChange(5, 5)).toBe('±0 (unverändert)');
    expect(formatChange(1001, 1000)).toBe('+1 (+0,1\u202f%)');
    expect(`${formatChange(72, 60)} gegenüber ${formatDateRange('2025-01-01', '2025-12-31')}`).toBe(
      '+12 (+20\u202f%) gegenüber 01.01.2025–31.12.2025'
    );
  });
  it('from zero: no percentage', () => {
    expect(formatChange(3, 0)).toBe('+3 (vorher 0)');
    expect(formatChange(0, 0)).toBe('±0 (unverändert)');
  });
  it('a missing value: „nicht vergleichbar“, never 0 %', () => {
    expect(formatChange(null, 4)).toBe('nicht vergleichbar');
    expect(formatChange(4, null)).toBe('nicht vergleichbar');
    expect(formatChange(undefined, undefined)).toBe('nicht vergleichbar');
  });
  it('signs numbers and percentages', () => {
    expect(formatSignedNumber(1500)).toBe('+1.500');
    expect(formatSignedNumber(-2.5, 1)).toBe('-2,5');
    expect(formatSignedNumber(0)).toBe('±0');
    expect(formatSignedNumber(null)).toBe('–');
    expect(formatSignedPercent(-0.125)).toBe('-13\u202f%');
    expect(formatSignedPercent(null)).toBe('–');
  });
});
