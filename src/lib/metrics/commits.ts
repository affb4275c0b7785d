/**
 * Commits (DESIGN §6).
 *
 * Definition: a project's commits are the commits of all its repositories, each counted once by
 * its hash (mirrors and forks in the same project share commits). A commit counts at its author
 * date. A merge commit has more than one parent. Human and bot commits are authored activity
 * (DESIGN §5) and so count non-merge commits only: humanCommits + botCommits = nonMergeCommits.
 */
import type { CommitFact } from './facts';
import { inRange, type TimeRange } from './window';

export interface CommitCounts {
  commits: number;
  nonMergeCommits: number;
  mergeCommits: number;
  /** Non-merge commits by human authors. */
  humanCommits: number;
  /** Non-merge commits by bots. */
  botCommits: number;
}

/** One commit per hash (the first seen), in the order given. */
export function dedupeCommits<T extends Pick<CommitFact, 'hash'>>(commits: readonly T[]): T[] {
  const seen = new Set<string>();
  const result: T[] = [];
  for (const c of commits) {
    if (seen.has(c.hash)) continue;
    seen.add(c.hash);
    result.push(c);
  }
  return result;
}

export const isMerge = (c: Pick<CommitFact, 'parentCount'>): boolean => c.parentCount > 1;

/** A human, non-merge commit: the unit of authored activity. */
export const isHumanAuthored = (c: CommitFact): boolean => c.parentCount <= 1 && !c.author.isBot;

/**
 * Counts of distinct commits (by hash), optionally only those authored within `range`.
 * `distinct: true` promises that the commits are already distinct (dedupeCommits) and skips the check.
 */
export function countCommits(commits: readonly CommitFact[], range?: TimeRange, options: { distinct?: boolean } = {}): CommitCounts {
  const counts: CommitCounts = { commits: 0, nonMergeCommits: 0, mergeCommits: 0, humanCommits: 0, botCommits: 0 };
  const seen = options.distinct ? null : new Set<string>();
  for (const c of commits) {
    if (range && !inRange(c.authorDate, range)) continue;
    if (seen) {
      if (seen.has(c.hash)) continue;
      seen.add(c.hash);
    }
    counts.commits++;
    if (isMerge(c)) {
      counts.mergeCommits++;
      continue;
    }
    counts.nonMergeCommits++;
    if (c.author.isBot) counts.botCommits++;
    else counts.humanCommits++;
  }
  return counts;
}

/** Human non-merge commits in a range (commits assumed distinct). */
export function humanCommitsIn(commits: readonly CommitFact[], range: TimeRange): number {
  let n = 0;
  for (const c of commits) if (isHumanAuthored(c) && inRange(c.authorDate, range)) n++;
  return n;
}

/** Author dates of the first and last commit (any author) up to range.end, or null. */
export function commitSpan(commits: readonly CommitFact[], until: number): { first: number; last: number } | null {
  let first = Infinity;
  let last = -Infinity;
  for (const c of commits) {
    if (c.authorDate >= until) continue;
    if (c.authorDate < first) first = c.authorDate;
    if (c.authorDate > last) last = c.authorDate;
  }
  return first === Infinity ? null : { first, last };
}

/** Author date of the last human commit (merges included) before `until`, or null. */
export function lastHumanCommit(commits: readonly CommitFact[], until: number): number | null {
  let last: number | null = null;
  for (const c of commits) {
    if (c.author.isBot || c.authorDate >= until) continue;
    if (last === null || c.authorDate > last) last = c.authorDate;
  }
  return last;
}

/** Distinct human and bot persons with non-merge commits before `until` (all-time contributors). */
export function countAuthors(commits: readonly CommitFact[], until: number): { human: number; bot: number } {
  const human = new Set<number>();
  const bot = new Set<number>();
  for (const c of commits) {
    if (c.parentCount > 1 || c.authorDate >= until) continue;
    (c.author.isBot ? bot : human).add(c.author.personId);
  }
  return { human: human.size, bot: bot.size };
}
