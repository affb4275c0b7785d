import { describe, expect, it } from 'vitest';
import { activeWeeks } from '../../../src/lib/metrics/activeWeeks';
import { contributors } from '../../../src/lib/metrics/contributors';
import { AS_OF, ago, bot, comment, commit, item, person } from './fixtures';

describe('activeWeeks', () => {
  it('counts weeks of the last 26 with a human commit, issue, comment or release', () => {
    const issue = item(person(2), ago(15));
    const result = activeWeeks(
      {
        commits: [
          commit(person(1), ago(0)),
          commit(person(1), ago(1)),
          commit(bot(9), ago(8)),
          commit(person(1), ago(50), { merge: true })
        ],
        items: [issue],
        comments: [comment(issue, person(3), ago(22))],
        releaseDates: [ago(100)]
      },
      AS_OF
    );
    expect(result.count).toBe(4);
    expect(result.active[0]).toBe(true);
    expect(result.active[1]).toBe(false); // only a bot
    expect(result.active[2]).toBe(true);
    expect(result.active[3]).toBe(true);
    expect(result.active[14]).toBe(true);
  });

  it('bots, system notes and activity older than 26 weeks do not count', () => {
    const issue = item(bot(9), ago(3));
    const result = activeWeeks(
      {
        commits: [commit(bot(9), ago(1)), commit(person(1), ago(26 * 7 + 1))],
        items: [issue],
        comments: [comment(issue, person(2), ago(2), { system: true })]
      },
      AS_OF
    );
    expect(result.count).toBe(0);
  });

  it('an empty project has no active week', () => {
    expect(activeWeeks({ commits: [] }, AS_OF).count).toBe(0);
  });
});

describe('contributors', () => {
  it('active, new, returning and inactive', () => {
    const list = [
      commit(person(1), ago(10)), // returning: also active two years ago
      commit(person(1), ago(800)),
      commit(person(2), ago(20)), // new
      commit(person(3), ago(400)), // inactive: previous window only
      commit(person(4), ago(30), { merge: true }), // merges are not authored activity
      commit(bot(9), ago(5))
    ];
    const c = contributors(list, AS_OF, 365);
    expect(c).toMatchObject({ active: 2, new: 1, returning: 1, inactive: 1 });
    expect(c.activePersons.sort()).toEqual([1, 2]);
  });

  it('nothing for an empty or all-bot project', () => {
    expect(contributors([], AS_OF)).toMatchObject({ active: 0, new: 0, returning: 0, inactive: 0 });
    expect(contributors([commit(bot(9), ago(1))], AS_OF).active).toBe(0);
  });
});
