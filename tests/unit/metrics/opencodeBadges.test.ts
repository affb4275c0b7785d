import { describe, expect, it } from 'vitest';
import type { BranchProtection } from '../../../db/schema';
import { licenceFacts } from '../../../src/lib/licence/facts';
import type { DataCoverage } from '../../../src/lib/metrics/coverage';
import type { CommitFact, LicenceVersionFact } from '../../../src/lib/metrics/facts';
import {
  OPENCODE_BADGE_RULES_VERSION,
  OPENCODE_MIN_BUS_FACTOR,
  OPENCODE_MIN_COMMITS,
  OPENCODE_REACTION_DAYS,
  OPENCODE_REACTION_MAX_DAYS,
  OPENCODE_WINDOW_DAYS,
  openCodeBadges,
  openCodeReactionTime,
  projectMembers,
  type OpenCodeFacts
} from '../../../src/lib/metrics/opencodeBadges';
import type { LicenceLookup } from '../../../src/lib/metrics/licence';
import { asOfEnd, DAY } from '../../../src/lib/metrics/window';
import type { OpenCodeCriterionKey } from '../../../src/lib/reports/types';
import { AS_OF, ago, bot, comment, commit, commits, item, person, release, tag } from './fixtures';

const lookup: LicenceLookup = (spdx) => licenceFacts(spdx);
const alice = person(1);
const bob = person(2);
const carol = person(3);
const outsider = person(50);
const end = asOfEnd(AS_OF);
/** Seconds `days` before the end of asOf (the windows' edge: N days before the end is the first second inside). */
const beforeEnd = (days: number) => end - days * DAY;

const covered: DataCoverage = { history: true, forge: true, gaps: [], noHistoryReason: null };
const protectedBranch: BranchProtection = { protected: true, forcePushBlocked: true, source: 'github:rules', checkedAt: ago(0) };

type Repo = OpenCodeFacts['repositories'][number];
const repo = (over: Partial<Repo> = {}): Repo => ({
  id: 1,
  key: 'github:stadt/app',
  forgeId: 'github',
  hasLicenseFile: true,
  hasSecurityPolicy: true,
  wellKnownFiles: { security: 'SECURITY.md', licence: 'LICENSE' },
  branchProtection: protectedBranch,
  ...over
});
const licenceAt = (path: string, spdx: string | null, repositoryId = 1): LicenceVersionFact => ({
  repositoryId,
  commitHash: `c-${path}-${spdx}`,
  committedAt: ago(400),
  path,
  spdx
});

/** A project that reaches gold, security 1 and the licence check; each test breaks one thing. */
function gold(over: Partial<OpenCodeFacts> = {}): OpenCodeFacts {
  const issue = item(outsider, ago(20));
  return {
    coverage: covered,
    repositories: [repo()],
    // Three persons, none with half of the commits: a bus factor of 2.
    commits: [...commits(alice, 20, 1), ...commits(bob, 20, 30), ...commits(carol, 20, 60)],
    items: [issue],
    comments: [comment(issue, alice, ago(19))],
    releases: [release('v1.0.0', ago(30))],
    tags: [],
    licenceHistory: [licenceAt('LICENSE', 'EUPL-1.2')],
    hasTracker: true,
    ...over
  };
}

const criterion = (facts: OpenCodeFacts, key: OpenCodeCriterionKey) => {
  const c = openCodeBadges(facts, AS_OF, lookup).criteria.find((x) => x.key === key);
  if (!c) throw new Error(`no criterion ${key}`);
  return c;
};

describe('openCode badges: the full ladder', () => {
  it('gold, security level 1 and the licence check, with the rules version', () => {
    const b = openCodeBadges(gold(), AS_OF, lookup);
    expect(b.rulesVersion).toBe(OPENCODE_BADGE_RULES_VERSION);
    expect(b.maintained).toEqual({ level: 'gold', undecided: false });
    expect(b.security).toEqual({ level: 1, undecided: false });
    expect(b.licence).toEqual({ state: 'met' });
    expect(b.criteria.map((c) => c.key)).toEqual([
      'commits',
      'reaction-time',
      'release',
      'bus-factor',
      'branch-protection',
      'security-policy',
      'licence'
    ]);
    expect(b.criteria.every((c) => c.to === AS_OF && c.thresholdText.length > 0 && c.valueText.length > 0)).toBe(true);
    // The windows: 6 months for commits, 3 months for the reaction time.
    expect(criterion(gold(), 'commits').from).toBe('2026-05-28');
    expect(criterion(gold(), 'reaction-time').from).toBe('2026-08-26');
  });

  it('no data („unbekannt – keine Daten“): no levels, no criteria, the reason', () => {
    const b = openCodeBadges(
      gold({ coverage: { history: false, forge: null, gaps: [], noHistoryReason: 'Noch kein Repository wurde gelesen.' } }),
      AS_OF,
      lookup
    );
    expect(b.maintained).toBeNull();
    expect(b.security).toBeNull();
    expect(b.licence).toBeNull();
    expect(b.criteria).toEqual([]);
    expect(b.noVerdictReason).toBe('Noch kein Repository wurde gelesen.');
  });
});

describe('Maintained: commits', () => {
  it(`${OPENCODE_MIN_COMMITS - 1} commits are not enough, ${OPENCODE_MIN_COMMITS} are (bronze needs them)`, () => {
    const few = gold({ commits: commits(alice, OPENCODE_MIN_COMMITS - 1) });
    expect(criterion(few, 'commits')).toMatchObject({ state: 'not-met', value: 4 });
    expect(openCodeBadges(few, AS_OF, lookup).maintained?.level).toBe('none');
    const enough = gold({ commits: commits(alice, OPENCODE_MIN_COMMITS) });
    expect(criterion(enough, 'commits')).toMatchObject({ state: 'met', value: 5 });
    expect(openCodeBadges(enough, AS_OF, lookup).maintained?.level).toBe('silver');
  });

  it('the 6-month window: a commit on its first second counts, one a second earlier does not; bots and merges count', () => {
    const four = commits(alice, 4);
    const inside = commit(bot(9), beforeEnd(OPENCODE_WINDOW_DAYS));
    const outside = commit(alice, beforeEnd(OPENCODE_WINDOW_DAYS) - 1);
    expect(criterion(gold({ commits: [...four, inside] }), 'commits').state).toBe('met');
    expect(criterion(gold({ commits: [...four, outside] }), 'commits').state).toBe('not-met');
    expect(criterion(gold({ commits: [...four, commit(alice, ago(3), { merge: true })] }), 'commits').state).toBe('met');
    // A commit after asOf does not count.
    expect(criterion(gold({ commits: [...four, commit(alice, end)] }), 'commits').state).toBe('not-met');
  });
});

describe('Maintained and Security: the issue reaction time', () => {
  const answeredAfter = (days: number) => {
    const i = item(outsider, ago(30));
    return { items: [i], comments: [comment(i, alice, i.createdAt + days * DAY)] };
  };

  it(`a mean of 6.9 days passes, ${OPENCODE_REACTION_MAX_DAYS} days fail`, () => {
    expect(criterion(gold(answeredAfter(6.9)), 'reaction-time')).toMatchObject({ state: 'met', value: 6.9 });
    const slow = gold(answeredAfter(OPENCODE_REACTION_MAX_DAYS));
    expect(criterion(slow, 'reaction-time')).toMatchObject({ state: 'not-met', value: 7 });
    const b = openCodeBadges(slow, AS_OF, lookup);
    expect(b.maintained?.level).toBe('none');
    expect(b.security?.level).toBe(0);
  });

  it('the mean, not the median: one slow issue among fast ones fails', () => {
    const issues = [1, 2, 3].map((d) => item(person(50 + d), ago(40 + d)));
    const r = openCodeReactionTime(
      issues,
      [
        comment(issues[0], alice, issues[0].createdAt + 3600),
        comment(issues[1], alice, issues[1].createdAt + 3600),
        comment(issues[2], alice, issues[2].createdAt + 21 * DAY)
      ],
      commits(alice, 40),
      AS_OF
    );
    expect(r.issues).toBe(3);
    expect(r.meanDays).toBeGreaterThan(7);
  });

  it('the 3-month window edges: an issue opened on its first second counts, one a second earlier does not', () => {
    const slow = (createdAt: number) => item(outsider, createdAt);
    const inside = slow(beforeEnd(OPENCODE_REACTION_DAYS));
    const outside = slow(beforeEnd(OPENCODE_REACTION_DAYS) - 1);
    expect(openCodeReactionTime([inside], [], commits(alice, 40), AS_OF).issues).toBe(1);
    expect(openCodeReactionTime([outside], [], commits(alice, 40), AS_OF).issues).toBe(0);
  });

  it('an issue without reaction counts with its age at the end of asOf', () => {
    const i = item(outsider, end - 10 * DAY);
    const r = openCodeReactionTime([i], [], commits(alice, 40), AS_OF);
    expect(r).toEqual({ issues: 1, answered: 0, meanDays: 10 });
  });

  it('only members react; issues opened by members and pull requests are left out', () => {
    const i = item(outsider, ago(30));
    // A second outsider's comment is no reaction; a bot's neither.
    const r = openCodeReactionTime([i], [comment(i, person(51), ago(29)), comment(i, bot(9), ago(29))], commits(alice, 40), AS_OF);
    expect(r.answered).toBe(0);
    const own = item(alice, ago(30));
    const pull = item(outsider, ago(30), { kind: 'pull' });
    expect(openCodeReactionTime([own, pull], [], commits(alice, 40), AS_OF).issues).toBe(0);
    // Closing by a member is a reaction.
    const closed = item(outsider, ago(30), { state: 'closed', closedAt: ago(29), closedBy: alice });
    expect(openCodeReactionTime([closed], [], commits(alice, 40), AS_OF)).toMatchObject({ answered: 1, meanDays: 1 });
  });

  it('members: at least 5 % of the commits and issues together', () => {
    const many = [...commits(alice, 19), commit(bob, ago(3))]; // bob: 1 of 20 = 5 %
    expect([...projectMembers(many, [], end)].sort()).toEqual([1, 2]);
    const fewer = [...commits(alice, 20), commit(bob, ago(3))]; // 1 of 21 < 5 %
    expect([...projectMembers(fewer, [], end)]).toEqual([1]);
    // Issues count with the commits: 1 issue of 21 commits and issues is below 5 %, 2 of 22 are not.
    expect(projectMembers(commits(alice, 20), [item(outsider, ago(5))], end).has(50)).toBe(false);
    expect(projectMembers(commits(alice, 20), [item(outsider, ago(5)), item(outsider, ago(4))], end).has(50)).toBe(true);
  });

  it('members: who closed or merged someone else’s item (a permission of the project), not their own, not a bot', () => {
    const maintainer = person(70);
    const closedByOther = item(outsider, ago(9), { state: 'closed', closedAt: ago(8), closedBy: maintainer });
    expect(projectMembers(commits(alice, 40), [closedByOther], end).has(70)).toBe(true);
    const ownClose = item(person(71), ago(9), { state: 'closed', closedAt: ago(8), closedBy: person(71) });
    expect(projectMembers(commits(alice, 40), [ownClose], end).has(71)).toBe(false);
    const merged = item(outsider, ago(9), { kind: 'pull', state: 'merged', mergedAt: ago(8), closedBy: person(72) });
    expect(projectMembers(commits(alice, 40), [merged], end).has(72)).toBe(true);
    const byBot = item(outsider, ago(9), { state: 'closed', closedAt: ago(8), closedBy: bot(73) });
    expect(projectMembers(commits(alice, 40), [byBot], end).has(73)).toBe(false);
    // A close after asOf does not make a member yet.
    expect(projectMembers(commits(alice, 40), [{ ...closedByOther, closedAt: end }], end).has(70)).toBe(false);
    // Their comment answers an outsider's issue, their close the other one.
    const asked = item(outsider, ago(30));
    const r = openCodeReactionTime([asked, closedByOther], [comment(asked, maintainer, ago(28))], commits(alice, 40), AS_OF);
    expect(r).toMatchObject({ issues: 2, answered: 2 });
  });

  it('no issue in the window passes (as openCode says); without forge data it is „nicht prüfbar“', () => {
    expect(criterion(gold({ items: [], comments: [] }), 'reaction-time')).toMatchObject({ state: 'met', value: null });
    const unread = gold({ coverage: { ...covered, forge: false } });
    const c = criterion(unread, 'reaction-time');
    expect(c.state).toBe('unknown');
    expect(c.valueText).toBe('kein Messwert');
    expect(c.reason).toMatch(/noch nicht gelesen/);
    const b = openCodeBadges(unread, AS_OF, lookup);
    expect(b.maintained).toEqual({ level: 'none', undecided: true });
    expect(b.security).toEqual({ level: 0, undecided: true });
    const gitOnly = criterion(gold({ coverage: { ...covered, forge: null } }), 'reaction-time');
    expect(gitOnly.reason).toMatch(/nur git/);
  });
});

describe('Maintained silver: a release or a tag', () => {
  it('a release or a tag in the window makes silver; neither leaves bronze', () => {
    expect(openCodeBadges(gold({ releases: [], tags: [tag('v1', ago(10))] }), AS_OF, lookup).maintained?.level).toBe('gold');
    expect(openCodeBadges(gold({ releases: [release('v1', ago(10))], tags: [] }), AS_OF, lookup).maintained?.level).toBe('gold');
    const none = gold({ releases: [], tags: [tag('v1', beforeEnd(OPENCODE_WINDOW_DAYS) - 1)] });
    expect(criterion(none, 'release')).toMatchObject({ state: 'not-met', value: false });
    expect(openCodeBadges(none, AS_OF, lookup).maintained).toEqual({ level: 'bronze', undecided: false });
    // Any tag name counts (openCode: „at least one release or tag“), and on the window's first second.
    expect(criterion(gold({ releases: [], tags: [tag('stand-herbst', beforeEnd(OPENCODE_WINDOW_DAYS))] }), 'release').state).toBe('met');
  });

  it('no tag and forge releases never read: „nicht prüfbar“', () => {
    const c = criterion(gold({ releases: [], coverage: { ...covered, forge: false } }), 'release');
    expect(c.state).toBe('unknown');
    expect(c.reason).toMatch(/Veröffentlichungen der Forge/);
  });
});

describe('Maintained gold: the bus factor over 6 months', () => {
  it(`bus factor 1 stays silver, ${OPENCODE_MIN_BUS_FACTOR} is gold`, () => {
    const one = gold({ commits: [...commits(alice, 40), ...commits(bob, 2, 20)] });
    expect(criterion(one, 'bus-factor')).toMatchObject({ state: 'not-met', value: 1 });
    expect(openCodeBadges(one, AS_OF, lookup).maintained?.level).toBe('silver');
    // Half of the commits by one person is a bus factor of 1 (CHAOSS: the fewest with at least 50 %).
    expect(criterion(gold({ commits: [...commits(alice, 6), ...commits(bob, 6, 20)] }), 'bus-factor').value).toBe(1);
    const two = gold({ commits: [...commits(alice, 6), ...commits(bob, 6, 20), ...commits(carol, 1, 40)] });
    expect(criterion(two, 'bus-factor')).toMatchObject({ state: 'met', value: 2 });
  });

  it('commits older than 6 months do not count for the bus factor', () => {
    const old: CommitFact[] = commits(bob, 20, OPENCODE_WINDOW_DAYS + 5);
    expect(criterion(gold({ commits: [...commits(alice, 6), ...commits(carol, 5, 10), ...old] }), 'bus-factor').value).toBe(1);
  });
});

describe('Security level 1: branch protection and SECURITY.md', () => {
  it('protected with force pushes blocked passes; unprotected or force push allowed fails', () => {
    expect(criterion(gold(), 'branch-protection').state).toBe('met');
    const off = gold({ repositories: [repo({ branchProtection: { ...protectedBranch, protected: false, forcePushBlocked: null } })] });
    expect(criterion(off, 'branch-protection').state).toBe('not-met');
    expect(openCodeBadges(off, AS_OF, lookup).security).toEqual({ level: 0, undecided: false });
    const force = gold({ repositories: [repo({ branchProtection: { ...protectedBranch, forcePushBlocked: false } })] });
    expect(criterion(force, 'branch-protection').state).toBe('not-met');
  });

  it('force push not visible, protection not visible, never read: „nicht prüfbar“ with a sentence', () => {
    for (const branchProtection of [
      { ...protectedBranch, forcePushBlocked: null },
      { ...protectedBranch, protected: null, forcePushBlocked: null },
      null
    ]) {
      const f = gold({ repositories: [repo({ branchProtection })] });
      const c = criterion(f, 'branch-protection');
      expect(c.state).toBe('unknown');
      expect(c.reason).toMatch(/\.$/);
      expect(openCodeBadges(f, AS_OF, lookup).security).toEqual({ level: 0, undecided: true });
    }
    // Git-only projects: no forge, nothing to read.
    const git = gold({ repositories: [repo({ forgeId: 'git', key: 'git:x', branchProtection: null })] });
    expect(criterion(git, 'branch-protection').reason).toMatch(/nur git/);
  });

  it('several repositories: one failing fails, one unknown among passing ones is unknown', () => {
    const second = (branchProtection: BranchProtection | null) =>
      repo({ id: 2, key: 'opencode:stadt/app', forgeId: 'opencode', branchProtection });
    expect(criterion(gold({ repositories: [repo(), second(null)] }), 'branch-protection').state).toBe('unknown');
    expect(
      criterion(
        gold({ repositories: [second(null), repo({ branchProtection: { ...protectedBranch, protected: false } })] }),
        'branch-protection'
      ).state
    ).toBe('not-met');
    expect(criterion(gold({ repositories: [repo(), second(protectedBranch)] }), 'branch-protection').valueText).toMatch(
      /^2 von 2 Repositories/
    );
  });

  it('SECURITY.md: present, missing, not read', () => {
    expect(criterion(gold(), 'security-policy').state).toBe('met');
    const missing = gold({ repositories: [repo({ hasSecurityPolicy: false })] });
    expect(criterion(missing, 'security-policy').state).toBe('not-met');
    expect(openCodeBadges(missing, AS_OF, lookup).security?.level).toBe(0);
    expect(criterion(gold({ repositories: [repo({ hasSecurityPolicy: null })] }), 'security-policy').state).toBe('unknown');
  });

  it('SECURITY.md only in the root directory counts, as openCode checks it (not .github/, docs/ or a SECURITY.txt)', () => {
    expect(criterion(gold({ repositories: [repo({ wellKnownFiles: { security: 'security.md' } })] }), 'security-policy').state).toBe('met');
    for (const path of ['.github/SECURITY.md', 'docs/SECURITY.md', 'SECURITY.txt']) {
      const f = gold({ repositories: [repo({ wellKnownFiles: { security: path } })] });
      const c = criterion(f, 'security-policy');
      expect(c.state, path).toBe('not-met');
      expect(c.valueText).toContain(path);
      expect(openCodeBadges(f, AS_OF, lookup).security).toEqual({ level: 0, undecided: false });
    }
    // A policy read before its path was stored: where it lies is not known — nicht prüfbar, not failed.
    const unread = gold({ repositories: [repo({ wellKnownFiles: null })] });
    expect(criterion(unread, 'security-policy').state).toBe('unknown');
    expect(openCodeBadges(unread, AS_OF, lookup).security).toEqual({ level: 0, undecided: true });
  });
});

describe('the licence check', () => {
  it('an OSI-approved licence in a root licence file passes', () => {
    expect(criterion(gold(), 'licence')).toMatchObject({ state: 'met', value: true });
    expect(criterion(gold(), 'licence').valueText).toMatch(/EUPL-1\.2/);
  });

  it('a licence that is not OSI-approved fails', () => {
    const c = criterion(gold({ licenceHistory: [licenceAt('LICENSE', 'CC-BY-NC-4.0')] }), 'licence');
    expect(c.state).toBe('not-met');
    expect(c.valueText).toMatch(/nicht OSI-anerkannt/);
  });

  it('a licence only in LICENSES/ (not in the root) fails', () => {
    const c = criterion(gold({ licenceHistory: [licenceAt('LICENSES/EUPL-1.2.txt', 'EUPL-1.2')] }), 'licence');
    expect(c.state).toBe('not-met');
    expect(c.valueText).toMatch(/Wurzelverzeichnis/);
  });

  it('the newest version of the root file decides; no licence file fails; files not read are „nicht prüfbar“', () => {
    const replaced = [licenceAt('LICENSE', 'EUPL-1.2'), { ...licenceAt('LICENSE', 'CC-BY-NC-4.0'), committedAt: ago(10) }];
    expect(criterion(gold({ licenceHistory: replaced }), 'licence').state).toBe('not-met');
    expect(criterion(gold({ repositories: [repo({ hasLicenseFile: false })], licenceHistory: [] }), 'licence').state).toBe('not-met');
    expect(criterion(gold({ repositories: [repo({ hasLicenseFile: null })] }), 'licence').state).toBe('unknown');
  });
});
