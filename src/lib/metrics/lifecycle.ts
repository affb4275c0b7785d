/**
 * Zustand (lifecycle, DESIGN §6), shown before any score. The first matching row wins:
 * | unbekannt  | no data to judge by (coverage.ts): no git history was ever read, or nothing would
 *                speak for the project but its forge was never read — never a verdict from missing data |
 * | archiviert | the forge says archived (every repository whose forge reports it) |
 * | aufgegeben | no human commit, no human issue activity and no release in the last 12 months |
 * | ruhend     | no human commit in the last 6 months, but human issue activity in the last 12 |
 * | abnehmend  | human commits in the last 6 months < 50 % of the 6 months before, and < 10 |
 * | stabil     | ≤ 2 active weeks of the last 26, issues get an answer within 30 days (median
 *                first response over the items of the last 12 months ≤ 30 days, or no items), and a
 *                release in the last 18 months — finished software is not dead |
 * | aktiv      | otherwise |
 * „neu“ is shown alongside: the first commit is less than 6 months old.
 * Months are fixed day counts: 6 months = 180 days, 12 months = 365 days, 18 months = 548 days,
 * each a window ending with asOf. Human commits are non-merge commits by humans (commits.ts);
 * human issue activity is an issue or pull request opened, closed or commented on by a human
 * (a close whose actor is unknown counts as activity).
 */
import type { Lifecycle } from '../reports/types';
import type { DataCoverage } from './coverage';
import { formatDays, plural } from '../format';
import { ACTIVE_WEEKS, asOfEnd, DAY, MONTHS_12, MONTHS_18, MONTHS_6 } from './window';

/** abnehmend: the last 6 months have fewer than this share of the human commits of the 6 months before … */
export const DECLINE_SHARE = 0.5;
/** … and fewer than this many. */
export const DECLINE_MAX_COMMITS = 10;
/** stabil: at most this many active weeks of the last 26 … */
export const STABLE_MAX_ACTIVE_WEEKS = 2;
/** … and a median first response of at most this many days. */
export const STABLE_RESPONSE_DAYS = 30;

/** „12 Monaten“ (dative) for a window of days. */
const months = (days: number) => formatDays(days, 'dative');

export interface LifecycleInput {
  /** What was ever read (metrics/coverage.ts). */
  coverage: Pick<DataCoverage, 'history' | 'forge' | 'noHistoryReason'>;
  archived: boolean;
  lastHumanCommitAt: number | null;
  lastIssueActivityAt: number | null;
  lastReleaseAt: number | null;
  /** Human non-merge commits in the 180 days ending with asOf, and in the 180 days before. */
  humanCommitsLast6Months: number;
  humanCommitsPrevious6Months: number;
  activeWeeks26: number;
  /** Median first response (hours) over items opened in the last 365 days; null = no items. */
  medianFirstResponseHours12Months: number | null;
  firstCommitAt: number | null;
}

export interface LifecycleResult {
  lifecycle: Lifecycle;
  isNew: boolean;
  /** Plain German: why this state. */
  reason: string;
}

export function lifecycle(input: LifecycleInput, asOf: string): LifecycleResult {
  const end = asOfEnd(asOf);
  const within = (time: number | null, days: number) => time !== null && time >= end - days * DAY && time < end;
  const isNew = input.firstCommitAt !== null && within(input.firstCommitAt, MONTHS_6);
  const result = (lifecycle: Lifecycle, reason: string): LifecycleResult => ({ lifecycle, isNew, reason });

  if (!input.coverage.history) return result('unbekannt', `Keine Daten: ${input.coverage.noHistoryReason ?? 'keine Commits gelesen.'}`);
  if (input.archived) return result('archiviert', 'Das Repository ist auf der Plattform als archiviert markiert.');
  const commit12 = within(input.lastHumanCommitAt, MONTHS_12);
  const issues12 = within(input.lastIssueActivityAt, MONTHS_12);
  const release12 = within(input.lastReleaseAt, MONTHS_12);
  if (!commit12 && !issues12 && !release12) {
    if (input.coverage.forge === false) {
      return result(
        'unbekannt',
        `Keine Daten: seit ${months(MONTHS_12)} keine Commits von Personen, aber Issues und Veröffentlichungen konnten noch nie von der Plattform gelesen werden.`
      );
    }
    return result('aufgegeben', `Seit ${months(MONTHS_12)} weder Commits von Personen noch Aktivität in Issues noch Veröffentlichungen.`);
  }
  if (!within(input.lastHumanCommitAt, MONTHS_6) && issues12) {
    return result('ruhend', `Seit ${months(MONTHS_6)} keine Commits von Personen, aber noch Aktivität in Issues.`);
  }
  const last = input.humanCommitsLast6Months;
  const previous = input.humanCommitsPrevious6Months;
  if (last < DECLINE_SHARE * previous && last < DECLINE_MAX_COMMITS) {
    return result(
      'abnehmend',
      `${plural(last, 'Commit', 'Commits')} von Personen in den letzten ${months(MONTHS_6)} gegenüber ${previous} in den ${months(MONTHS_6)} davor.`
    );
  }
  const answered = input.medianFirstResponseHours12Months === null || input.medianFirstResponseHours12Months <= STABLE_RESPONSE_DAYS * 24;
  if (input.activeWeeks26 <= STABLE_MAX_ACTIVE_WEEKS && answered && within(input.lastReleaseAt, MONTHS_18)) {
    return result('stabil', 'Wenig Änderungen, aber Issues werden beantwortet und es gibt Veröffentlichungen: fertige Software.');
  }
  return result('aktiv', `In ${input.activeWeeks26} von ${ACTIVE_WEEKS} Wochen aktiv.`);
}
