/**
 * Dauer bis zur Übernahme von Pull Requests (DESIGN §6).
 *
 * Definition: the median time in hours from opening to merging of the pull/merge requests merged in
 * the window (default 365 days ending with asOf). null when none was merged.
 */
import type { ItemFact } from './facts';
import { inRange, median, MONTHS_12, round, windowRange } from './window';

export function medianMergeHours(items: readonly ItemFact[], asOf: string, days = MONTHS_12): number | null {
  const range = windowRange(asOf, days);
  const hours: number[] = [];
  for (const i of items) {
    if (i.kind !== 'pull' || i.mergedAt == null || !inRange(i.mergedAt, range)) continue;
    hours.push(Math.max(0, i.mergedAt - i.createdAt) / 3600);
  }
  const m = median(hours);
  return m === null ? null : round(m, 1);
}
