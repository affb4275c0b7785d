/**
 * Rückstau: Schließquote (DESIGN §6).
 *
 * Definition: issues and pull/merge requests closed (or merged) in the window — closing date within
 * the 365 days ending with asOf, whenever they were opened — divided by those opened in the window.
 * null without an issue tracker or when nothing was opened in the window.
 */
import type { ItemFact } from './facts';
import { inRange, MONTHS_12, round, windowRange } from './window';

export interface ClosureFigures {
  opened: number;
  closed: number;
  ratio: number | null;
}

export function closureRatio(
  items: readonly ItemFact[],
  asOf: string,
  options: { days?: number; hasTracker?: boolean } = {}
): ClosureFigures {
  if (options.hasTracker === false) return { opened: 0, closed: 0, ratio: null };
  const range = windowRange(asOf, options.days ?? MONTHS_12);
  let opened = 0;
  let closed = 0;
  for (const i of items) {
    if (inRange(i.createdAt, range)) opened++;
    if (inRange(i.closedAt ?? i.mergedAt, range)) closed++;
  }
  return { opened, closed, ratio: opened === 0 ? null : round(closed / opened, 3) };
}
