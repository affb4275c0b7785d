/**
 * Abhängigkeit von wenigen Personen (CHAOSS Contributor Absence Factor, DESIGN §6).
 *
 * Definition: the smallest number of persons that together account for at least 50 % of the human
 * non-merge commits in the window (default 365 days ending with asOf). Bots are left out. null when
 * there is no human commit in the window.
 */
import { absenceFactor, type FactorResult } from './absenceFactor';
import type { CommitFact } from './facts';
import { inRange, MONTHS_12, windowRange } from './window';

export function personsFactor(commits: readonly CommitFact[], asOf: string, days = MONTHS_12): FactorResult<number> {
  const range = windowRange(asOf, days);
  const counts = new Map<number, number>();
  for (const c of commits) {
    if (c.parentCount > 1 || c.author.isBot || !inRange(c.authorDate, range)) continue;
    counts.set(c.author.personId, (counts.get(c.author.personId) ?? 0) + 1);
  }
  return absenceFactor(counts);
}
