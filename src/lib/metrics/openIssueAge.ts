/**
 * Alter offener Issues (DESIGN §6).
 *
 * Definition: the median age in days, at the end of asOf, of the issues that were open then:
 * opened before the end of asOf and not closed before it (an issue closed later was open at asOf).
 * Pull requests are left out. null without an issue tracker or without open issues.
 */
import type { ItemFact } from './facts';
import { asOfEnd, DAY, median, round } from './window';

export function medianOpenIssueAge(items: readonly ItemFact[], asOf: string, options: { hasTracker?: boolean } = {}): number | null {
  if (options.hasTracker === false) return null;
  const end = asOfEnd(asOf);
  const ages: number[] = [];
  for (const i of items) {
    if (i.kind !== 'issue' || i.createdAt >= end) continue;
    if (i.closedAt != null && i.closedAt < end) continue;
    // Closed, but the forge did not say when: not known to be open.
    if (i.state !== 'open' && i.closedAt == null) continue;
    ages.push((end - i.createdAt) / DAY);
  }
  const m = median(ages);
  return m === null ? null : round(m, 1);
}
