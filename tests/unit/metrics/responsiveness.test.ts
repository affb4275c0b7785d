import { describe, expect, it } from 'vitest';
import { closureRatio } from '../../../src/lib/metrics/closureRatio';
import { firstResponse, firstResponseTimes, waitingItems } from '../../../src/lib/metrics/firstResponse';
import { medianMergeHours } from '../../../src/lib/metrics/mergeTime';
import { medianOpenIssueAge } from '../../../src/lib/metrics/openIssueAge';
import { hasIssueTracker } from '../../../src/lib/metrics/tracker';
import { AS_OF, ago, bot, comment, item, person } from './fixtures';

const alice = person(1);
const bob = person(2);

describe('firstResponse (Erste Reaktion)', () => {
  it('the first comment by a human other than the author', () => {
    const i = item(alice, ago(10));
    const comments = [comment(i, alice, ago(10) + 3600), comment(i, bot(9), ago(10) + 7200), comment(i, bob, ago(10) + 5 * 3600)];
    const r = firstResponse([i], comments, AS_OF);
    expect(r).toMatchObject({ items: 1, answered: 1, unanswered: 0, medianHours: 5, answeredWithin7DaysShare: 1 });
  });

  it('GitLab system notes are no response', () => {
    const i = item(alice, ago(10));
    const r = firstResponse([i], [comment(i, bob, ago(9), { system: true, kind: 'note' })], AS_OF);
    expect(r.answered).toBe(0);
  });

  it('a close by another human is a response; by the author or an unknown actor it is not', () => {
    const closedByBob = item(alice, ago(10), { state: 'closed', closedAt: ago(10) + 2 * 3600, closedBy: bob });
    const closedBySelf = item(alice, ago(10), { state: 'closed', closedAt: ago(10) + 3600, closedBy: alice });
    const closedUnknown = item(alice, ago(10), { state: 'closed', closedAt: ago(10) + 3600, closedBy: null });
    const times = firstResponseTimes([closedByBob, closedBySelf, closedUnknown], []);
    expect(times.get(closedByBob)).toBe(ago(10) + 2 * 3600);
    expect(times.get(closedBySelf)).toBeNull();
    expect(times.get(closedUnknown)).toBeNull();
  });

  it('a review counts as a response to a pull request', () => {
    const pr = item(alice, ago(5), { kind: 'pull' });
    const r = firstResponse([pr], [comment(pr, bob, ago(5) + 24 * 3600, { kind: 'review' })], AS_OF);
    expect(r.medianHours).toBe(24);
  });

  it('unanswered items count with their age at asOf (censored), never dropped', () => {
    const answered = item(alice, ago(20));
    const waiting1 = item(alice, ago(30));
    const waiting2 = item(bob, ago(40));
    const r = firstResponse([answered, waiting1, waiting2], [comment(answered, bob, ago(20) + 2 * 3600)], AS_OF);
    expect(r.items).toBe(3);
    expect(r.unanswered).toBe(2);
    expect(r.unansweredOpen).toBe(2);
    // ages at the end of asOf: 30 days + 12 h for the median item
    expect(r.medianHours).toBe(30 * 24 + 12);
    expect(r.answeredWithin7DaysShare).toBeCloseTo(1 / 3, 3);
  });

  it('a response after asOf does not count as of asOf', () => {
    const i = item(alice, ago(10));
    const r = firstResponse([i], [comment(i, bob, ago(-2))], AS_OF);
    expect(r.answered).toBe(0);
  });

  it('only items opened in the 90-day window (items opened by bots count too)', () => {
    const old = item(alice, ago(100));
    expect(firstResponse([old], [], AS_OF).items).toBe(0);
    expect(firstResponse([old], [], AS_OF).medianHours).toBeNull();
    const byBot = item(bot(9), ago(5));
    expect(firstResponse([old, byBot], [comment(byBot, alice, ago(5) + 3600)], AS_OF)).toMatchObject({ items: 1, medianHours: 1 });
  });

  it('no issue tracker: no data', () => {
    const i = item(alice, ago(10));
    expect(firstResponse([i], [], AS_OF, { hasTracker: false })).toMatchObject({ medianHours: null, answeredWithin7DaysShare: null });
    expect(hasIssueTracker([{ hasIssues: false }])).toBe(false);
    expect(hasIssueTracker([{ hasIssues: null }])).toBe(false);
    expect(hasIssueTracker([{ hasIssues: null }, { hasIssues: true }])).toBe(true);
    // Merge requests are answered even with the issue tracker switched off.
    expect(hasIssueTracker([{ hasIssues: false }], [{ kind: 'pull' }])).toBe(true);
  });

  it('comments filed under the other kind still find a GitHub item', () => {
    const pr = item(alice, ago(5), { kind: 'pull' });
    const c = { ...comment(pr, bob, ago(5) + 3600), itemKind: 'issue' as const };
    expect(firstResponseTimes([pr], [c]).get(pr)).toBe(ago(5) + 3600);
  });

  it('waiting items: open, unanswered for more than 30 days', () => {
    const items = [
      item(alice, ago(40)),
      item(alice, ago(10)),
      item(alice, ago(50), { state: 'closed', closedAt: ago(45), closedBy: alice })
    ];
    const times = firstResponseTimes(items, []);
    expect(waitingItems(items, times, AS_OF)).toEqual({ count: 1, oldestDays: 40 });
  });
});

describe('backlog figures', () => {
  it('closure ratio: issues and pull requests closed / opened in the window', () => {
    const items = [
      item(alice, ago(10), { state: 'closed', closedAt: ago(5) }),
      item(alice, ago(20)),
      item(alice, ago(400), { state: 'closed', closedAt: ago(30) }),
      item(alice, ago(30)),
      item(alice, ago(10), { kind: 'pull', state: 'merged', closedAt: ago(9), mergedAt: ago(9) })
    ];
    expect(closureRatio(items, AS_OF)).toEqual({ opened: 4, closed: 3, ratio: 0.75 });
    expect(closureRatio([], AS_OF).ratio).toBeNull();
    expect(closureRatio(items, AS_OF, { hasTracker: false }).ratio).toBeNull();
  });

  it('median open issue age at asOf (an issue closed later was open then)', () => {
    const items = [
      item(alice, ago(10)),
      item(alice, ago(30)),
      item(alice, ago(50), { state: 'closed', closedAt: ago(-5) }),
      item(alice, ago(60), { state: 'closed', closedAt: ago(40) })
    ];
    expect(medianOpenIssueAge(items, AS_OF)).toBe(30.5);
    expect(medianOpenIssueAge([], AS_OF)).toBeNull();
    expect(medianOpenIssueAge(items, AS_OF, { hasTracker: false })).toBeNull();
  });

  it('median merge time of pull requests merged in the window', () => {
    const items = [
      item(alice, ago(10), { kind: 'pull', state: 'merged', mergedAt: ago(10) + 10 * 3600, closedAt: ago(10) + 10 * 3600 }),
      item(alice, ago(10), { kind: 'pull', state: 'merged', mergedAt: ago(10) + 30 * 3600, closedAt: ago(10) + 30 * 3600 }),
      item(alice, ago(10), { kind: 'pull', state: 'closed', closedAt: ago(9) })
    ];
    expect(medianMergeHours(items, AS_OF)).toBe(20);
    expect(medianMergeHours([], AS_OF)).toBeNull();
  });
});
