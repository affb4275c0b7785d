/**
 * Beitragende (DESIGN §6).
 *
 * Definition: a contributor is a human person (never a bot) with authored activity, i.e. at least
 * one non-merge commit (DESIGN §5), in the window (default 365 days ending with asOf).
 * - active: contributors in the window;
 * - new: active, and their first contribution ever falls in the window;
 * - returning: active and not new (they had contributed before the window); active = new + returning;
 * - inactive: contributors of the previous window (the N days before) with no contribution in this one.
 */
import type { CommitFact } from './facts';
import { MONTHS_12, previousWindowRange, windowRange } from './window';

export interface ContributorFigures {
  active: number;
  new: number;
  returning: number;
  inactive: number;
  /** Person ids of the active contributors. */
  activePersons: number[];
}

export function contributors(commits: readonly CommitFact[], asOf: string, days = MONTHS_12): ContributorFigures {
  const window = windowRange(asOf, days);
  const previous = previousWindowRange(asOf, days);
  const first = new Map<number, number>();
  const active = new Set<number>();
  const before = new Set<number>();
  for (const c of commits) {
    if (c.parentCount > 1 || c.author.isBot || c.authorDate >= window.end) continue;
    const p = c.author.personId;
    const f = first.get(p);
    if (f === undefined || c.authorDate < f) first.set(p, c.authorDate);
    if (c.authorDate >= window.start) active.add(p);
    else if (c.authorDate >= previous.start) before.add(p);
  }
  let fresh = 0;
  for (const p of active) if ((first.get(p) ?? 0) >= window.start) fresh++;
  let inactive = 0;
  for (const p of before) if (!active.has(p)) inactive++;
  return { active: active.size, new: fresh, returning: active.size - fresh, inactive, activePersons: [...active] };
}
