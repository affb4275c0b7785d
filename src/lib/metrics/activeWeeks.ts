/**
 * Aktive Wochen (DESIGN §6).
 *
 * Definition: of the last 26 weeks (week k = the 7 UTC days ending 7·k days before asOf), the
 * number of weeks with at least one human activity: a non-merge commit by a human author (authored
 * activity, DESIGN §5), an issue or pull request opened by a human, a comment or review by a human
 * (GitLab system notes are not), or a release (forge release, else version tag; see releases.ts).
 * Bots never make a week active.
 */
import type { CommentFact, CommitFact, ItemFact } from './facts';
import { ACTIVE_WEEKS, asOfEnd, weekIndex } from './window';

export interface ActiveWeeksInput {
  commits: readonly CommitFact[];
  items?: readonly ItemFact[];
  comments?: readonly CommentFact[];
  /** Release dates (epoch seconds), as chosen by releases.ts. */
  releaseDates?: readonly number[];
}

export interface ActiveWeeks {
  count: number;
  /** active[k] for week k (0 = the week ending with asOf). */
  active: boolean[];
}

export function activeWeeks(input: ActiveWeeksInput, asOf: string, weeks = ACTIVE_WEEKS): ActiveWeeks {
  const active = new Array<boolean>(weeks).fill(false);
  const end = asOfEnd(asOf);
  const mark = (time: number) => {
    const k = weekIndex(end, time, weeks);
    if (k >= 0) active[k] = true;
  };
  for (const c of input.commits) if (!c.author.isBot && c.parentCount <= 1) mark(c.authorDate);
  for (const i of input.items ?? []) if (i.author && !i.author.isBot) mark(i.createdAt);
  for (const c of input.comments ?? []) if (!c.system && c.author && !c.author.isBot) mark(c.createdAt);
  for (const t of input.releaseDates ?? []) mark(t);
  return { count: active.filter(Boolean).length, active };
}
