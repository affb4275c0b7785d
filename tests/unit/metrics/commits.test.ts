import { describe, expect, it } from 'vitest';
import { countAuthors, countCommits, dedupeCommits, humanCommitsIn, lastHumanCommit } from '../../../src/lib/metrics/commits';
import { windowRange } from '../../../src/lib/metrics/window';
import { AS_OF, ago, bot, commit, person } from './fixtures';

describe('commits', () => {
  it('counts all, non-merge, human and bot commits', () => {
    const list = [commit(person(1), ago(1)), commit(person(2), ago(2)), commit(person(1), ago(3), { merge: true }), commit(bot(9), ago(4))];
    expect(countCommits(list)).toEqual({ commits: 4, nonMergeCommits: 3, mergeCommits: 1, humanCommits: 2, botCommits: 1 });
  });

  it('counts mirror and fork copies of a commit once, by hash', () => {
    const original = [commit(person(1), ago(1), { hash: 'a' }), commit(person(1), ago(2), { hash: 'b' })];
    const mirror = original.map((c) => ({ ...c }));
    const all = [...original, ...mirror, commit(person(2), ago(3), { hash: 'c' })];
    expect(countCommits(all).commits).toBe(3);
    expect(dedupeCommits(all).map((c) => c.hash)).toEqual(['a', 'b', 'c']);
  });

  it('an empty repository has zero commits, not null', () => {
    expect(countCommits([])).toEqual({ commits: 0, nonMergeCommits: 0, mergeCommits: 0, humanCommits: 0, botCommits: 0 });
    expect(lastHumanCommit([], Infinity)).toBeNull();
  });

  it('all-bot activity has no human commits', () => {
    const list = [commit(bot(9), ago(1)), commit(bot(8), ago(2))];
    expect(countCommits(list).humanCommits).toBe(0);
    expect(countCommits(list).botCommits).toBe(2);
    expect(lastHumanCommit(list, Infinity)).toBeNull();
    expect(countAuthors(list, Infinity)).toEqual({ human: 0, bot: 2 });
  });

  it('counts within a window by author date', () => {
    const list = [commit(person(1), ago(10)), commit(person(1), ago(400))];
    expect(countCommits(list, windowRange(AS_OF, 365)).commits).toBe(1);
    expect(humanCommitsIn(list, windowRange(AS_OF, 365))).toBe(1);
  });
});
