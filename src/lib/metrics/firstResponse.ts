/**
 * Erste Reaktion (DESIGN §6).
 *
 * Definition: for the issues and pull/merge requests opened in the window (default 90 days ending
 * with asOf; items opened by bots included), the time from opening to the first response: a comment, review, review
 * comment or note, or the closing (or merging) of the item, by a human other than the item's author
 * and before the end of asOf. Bots, GitLab system notes and the author themself are no response; a
 * close whose actor is unknown is no response.
 * - medianHours: the median over all these items, where an item still without response counts with
 *   its age at the end of asOf (censored, never dropped) — so the median is a lower bound when many
 *   items wait;
 * - answeredWithin7DaysShare: the share of these items answered within 7 × 24 hours;
 * - unansweredOpen: items of the window that are still open and have no response.
 * All figures are null without an issue tracker or without items in the window.
 */
import type { Actor, CommentFact, ItemFact } from './facts';
import { asOfEnd, DAY, inRange, median, MONTHS_12, RESPONSE_DAYS, round, windowRange } from './window';

/** answeredWithin7DaysShare: answered within this many days. */
export const ANSWERED_WITHIN_DAYS = 7;
/** waitingItems: without a response for more than this many days (the finding „Issues bleiben unbeantwortet“). */
export const UNANSWERED_DAYS = 30;

export interface FirstResponseFigures {
  items: number;
  answered: number;
  unanswered: number;
  unansweredOpen: number;
  medianHours: number | null;
  answeredWithin7DaysShare: number | null;
}

const itemKey = (repositoryId: number, kind: string, number: number) => `${repositoryId}|${kind}|${number}`;

const isResponder = (actor: Actor | null, author: Actor | null): boolean =>
  actor !== null && !actor.isBot && (author === null || actor.personId !== author.personId);

/**
 * The time of each item's first response (independent of asOf), or null. Computed once per project
 * and reused for every reference date.
 */
export function firstResponseTimes(items: readonly ItemFact[], comments: readonly CommentFact[]): Map<ItemFact, number | null> {
  const byKey = new Map<string, ItemFact>();
  for (const i of items) byKey.set(itemKey(i.repositoryId, i.kind, i.number), i);
  const result = new Map<ItemFact, number | null>();
  for (const i of items) {
    let first: number | null = null;
    const closedAt = i.mergedAt ?? i.closedAt;
    if (closedAt != null && closedAt >= i.createdAt && isResponder(i.closedBy, i.author)) first = closedAt;
    result.set(i, first);
  }
  for (const c of comments) {
    if (c.system) continue;
    // GitHub numbers issues and pull requests together: a comment filed under the other kind still finds its item.
    const item =
      byKey.get(itemKey(c.repositoryId, c.itemKind, c.itemNumber)) ??
      byKey.get(itemKey(c.repositoryId, c.itemKind === 'issue' ? 'pull' : 'issue', c.itemNumber));
    if (!item || c.createdAt < item.createdAt || !isResponder(c.author, item.author)) continue;
    const current = result.get(item) ?? null;
    if (current === null || c.createdAt < current) result.set(item, c.createdAt);
  }
  return result;
}

export interface FirstResponseOptions {
  days?: number;
  /** false: the project has no issue tracker, every figure is null. */
  hasTracker?: boolean;
  /** Precomputed firstResponseTimes(items, comments). */
  times?: Map<ItemFact, number | null>;
}

export function firstResponse(
  items: readonly ItemFact[],
  comments: readonly CommentFact[],
  asOf: string,
  options: FirstResponseOptions = {}
): FirstResponseFigures {
  const empty: FirstResponseFigures = {
    items: 0,
    answered: 0,
    unanswered: 0,
    unansweredOpen: 0,
    medianHours: null,
    answeredWithin7DaysShare: null
  };
  if (options.hasTracker === false) return empty;
  const range = windowRange(asOf, options.days ?? RESPONSE_DAYS);
  const end = asOfEnd(asOf);
  const times = options.times ?? firstResponseTimes(items, comments);
  const hours: number[] = [];
  let answered = 0;
  let within7 = 0;
  let unansweredOpen = 0;
  for (const i of items) {
    if (!inRange(i.createdAt, range)) continue;
    const first = times.get(i) ?? null;
    if (first !== null && first < end) {
      answered++;
      const h = (first - i.createdAt) / 3600;
      hours.push(h);
      if (h <= ANSWERED_WITHIN_DAYS * 24) within7++;
    } else {
      hours.push((end - i.createdAt) / 3600);
      const closedAt = i.mergedAt ?? i.closedAt;
      if (closedAt == null || closedAt >= end) unansweredOpen++;
    }
  }
  if (hours.length === 0) return empty;
  return {
    items: hours.length,
    answered,
    unanswered: hours.length - answered,
    unansweredOpen,
    medianHours: round(median(hours) ?? 0, 1),
    answeredWithin7DaysShare: round(within7 / hours.length, 3)
  };
}

/**
 * Items waiting for an answer: opened by a human within the last `withinDays` days, still open at
 * the end of asOf and without any response for more than `olderThanDays` days.
 */
export function waitingItems(
  items: readonly ItemFact[],
  times: Map<ItemFact, number | null>,
  asOf: string,
  options: { olderThanDays?: number; withinDays?: number } = {}
): { count: number; oldestDays: number } {
  const end = asOfEnd(asOf);
  const range = windowRange(asOf, options.withinDays ?? MONTHS_12);
  const limit = (options.olderThanDays ?? UNANSWERED_DAYS) * DAY;
  let count = 0;
  let oldest = 0;
  for (const i of items) {
    if (!inRange(i.createdAt, range) || (i.author !== null && i.author.isBot)) continue;
    const closedAt = i.mergedAt ?? i.closedAt;
    if (closedAt != null && closedAt < end) continue;
    if (i.state !== 'open' && closedAt == null) continue;
    const first = times.get(i) ?? null;
    if (first !== null && first < end) continue;
    const age = end - i.createdAt;
    if (age <= limit) continue;
    count++;
    oldest = Math.max(oldest, Math.floor(age / DAY));
  }
  return { count, oldestDays: oldest };
}
