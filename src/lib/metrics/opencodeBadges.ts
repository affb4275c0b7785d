/**
 * openCode-Badges (ZenDiS): the levels of openCode's „Maintained“ and „Security“ badges and its
 * licence check, computed from allmende's facts (issue 15).
 *
 * Rules as published at (read on the date of OPENCODE_BADGE_RULES_VERSION; the pages carry no
 * version or date of their own):
 * - https://badges.opencode.de/en/official-badges/active-maintained-badge
 * - https://badges.opencode.de/en/official-badges/security-badge
 * - https://badges.opencode.de/en/concepts/implemented-checks/issue-reaction-time
 * - https://badges.opencode.de/en/concepts/implemented-checks/protected-branches
 * - https://badges.opencode.de/en/concepts/implemented-checks/oss-license
 * - https://opencode.de/de/wissen/rechtssichere-nutzung/anforderungen-an-inhalte (licences: OSI definition)
 *
 * Definition, for a reference date asOf (windows of window.ts: N days ending with asOf):
 * - Maintained bronze: at least OPENCODE_MIN_COMMITS commits (any author, merges included, each
 *   hash once) in the last OPENCODE_WINDOW_DAYS days AND the issue reaction time below
 *   OPENCODE_REACTION_MAX_DAYS; silver: bronze plus a forge release (any, dated by publication,
 *   else creation) or a git tag (any name, dated by the tagger, else the commit) in the last
 *   OPENCODE_WINDOW_DAYS days; gold: silver plus a bus factor of at least OPENCODE_MIN_BUS_FACTOR
 *   over the last OPENCODE_WINDOW_DAYS days — allmende's Abhängigkeit von Personen
 *   (personsFactor: the fewest persons with half of the human non-merge commits).
 * - Security level 1: the reaction-time rule, the default branch protected with force pushes
 *   blocked (the forge's answer to a reader without admin rights, repositories.branch_protection),
 *   and a SECURITY.md in the root directory of the default branch (openCode's wording; the name
 *   compared without case): repositories.well_known_files' security path, which prefers the root —
 *   one only in .github/ or docs/, or a SECURITY.txt, does not count here (it does for the
 *   Hinweis „Sicherheitsrichtlinie vorhanden“).
 * - Licence check: a licence file at the repository root whose detected licence is OSI-approved
 *   (openCode's list of approved licences is the OSI's; allmende reads the OSI flag of
 *   spdx-license-list through the licence table, src/lib/licence/facts.ts).
 * Issue reaction time (openCode's ISSUE_REACTION_TIME, and how allmende measures it): the mean,
 * over the issues (not pull/merge requests) opened in the last OPENCODE_REACTION_DAYS days by
 * someone who is no project member, of the time from opening to the first reaction of a project
 * member — a comment (not a system note) or the closing. openCode counts members from GitLab's
 * member API and as users with at least 5 % of the issues and/or commits; allmende has no member
 * list: a member is a person (not a bot) who closed or merged someone else's issue or pull request
 * (which needs the project's permissions) or authored at least OPENCODE_MEMBER_SHARE of the
 * project's commits and issues together, up to asOf. An issue still without a reaction counts
 * with its age at the end of asOf (so the mean is a lower bound); no such issue: the check passes,
 * as openCode says. allmende's Erste Reaktion (firstResponse.ts) differs: a median over issues and
 * pull requests, any human other than the author answers.
 * Repository criteria hold when every repository of the project meets them (branch protection:
 * every forge repository); one that fails fails the criterion; otherwise one that cannot be read
 * makes it „nicht prüfbar“. A level is the highest whose criteria, and those of every lower level,
 * are met; `undecided` says that a criterion of the next level is „nicht prüfbar“.
 * Differences allmende cannot close: GitLab's minimum push access level (openCode: Maintainer) is not compared;
 * force pushes on GitHub are visible only through rulesets (`non_fast_forward`), classic protection
 * details need admin rights. A project „unbekannt – keine Daten“ (no history read, or no verdict for
 * lack of forge data: coverage.ts, lifecycle.ts) gets no levels.
 */
import type {
  OpenCodeBadges,
  OpenCodeCriterion,
  OpenCodeCriterionKey,
  OpenCodeCriterionState,
  OpenCodeMaintainedLevel
} from '../reports/types';
import { formatNumber, plural } from '../format';
import type { DataCoverage } from './coverage';
import type { CommentFact, CommitFact, ItemFact, LicenceVersionFact, ReleaseFact, RepositoryFact, TagFact } from './facts';
import type { LicenceLookup } from './licence';
import { personsFactor } from './personsFactor';
import { asOfEnd, DAY, inRange, MONTHS_6, RESPONSE_DAYS, round, toDate, windowRange } from './window';

/** The day allmende's rules were compared with the openCode pages cited above. */
export const OPENCODE_BADGE_RULES_VERSION = '2026-12-02';
/** Commits, releases/tags and bus factor: the last 6 months. */
export const OPENCODE_WINDOW_DAYS = MONTHS_6;
export const OPENCODE_MIN_COMMITS = 5;
/** Issue reaction time: issues of the last 3 months, mean below 7 days. */
export const OPENCODE_REACTION_DAYS = RESPONSE_DAYS;
export const OPENCODE_REACTION_MAX_DAYS = 7;
export const OPENCODE_MIN_BUS_FACTOR = 2;
/** A project member: at least this share of the project's commits or issues (openCode's „magic number“). */
export const OPENCODE_MEMBER_SHARE = 0.05;

/** The criteria of each level, lowest first. */
export const OPENCODE_MAINTAINED_RULES: readonly { level: Exclude<OpenCodeMaintainedLevel, 'none'>; criteria: OpenCodeCriterionKey[] }[] = [
  { level: 'bronze', criteria: ['commits', 'reaction-time'] },
  { level: 'silver', criteria: ['release'] },
  { level: 'gold', criteria: ['bus-factor'] }
];
export const OPENCODE_SECURITY_RULES: readonly { level: number; criteria: OpenCodeCriterionKey[] }[] = [
  { level: 1, criteria: ['reaction-time', 'branch-protection', 'security-policy'] }
];

export interface OpenCodeFacts {
  coverage: DataCoverage;
  repositories: readonly (Pick<RepositoryFact, 'key' | 'forgeId' | 'hasLicenseFile' | 'hasSecurityPolicy' | 'branchProtection'> &
    Partial<Pick<RepositoryFact, 'id' | 'wellKnownFiles'>>)[];
  /** Distinct by hash. */
  commits: readonly CommitFact[];
  items: readonly ItemFact[];
  comments: readonly CommentFact[];
  releases: readonly ReleaseFact[];
  tags: readonly TagFact[];
  licenceHistory: readonly LicenceVersionFact[];
  /** The project has an issue tracker (tracker.ts). */
  hasTracker: boolean;
  /** Why the project has no verdict at all („unbekannt – keine Daten“, lifecycle.ts), when it has none: no levels either. */
  noVerdict?: string | null;
}

const rangeDates = (asOf: string, days: number) => ({ from: toDate(windowRange(asOf, days).start), to: asOf });
/** The value of a criterion allmende cannot measure (its state says „nicht prüfbar“, its reason why). */
const NO_VALUE = 'kein Messwert';
const days1 = (d: number) => `${formatNumber(d, 1)} ${d === 1 ? 'Tag' : 'Tage'}`;

/**
 * Members: persons (no bots) who closed or merged someone else's issue or pull/merge request before
 * `end` — that needs the project's permissions, so it stands in for openCode's member list — or who
 * authored at least OPENCODE_MEMBER_SHARE of the project's commits and issues together (openCode:
 * „at least 5 % of all issues and/or commits“; read as one total, because a share of the issues
 * alone would make nearly every reporter of a small project a member and leave no issue to measure).
 */
export function projectMembers(commits: readonly CommitFact[], items: readonly ItemFact[], end: number): Set<number> {
  const members = new Set<number>();
  const counts = new Map<number, number>();
  let total = 0;
  const count = (a: ItemFact['author']) => {
    total++;
    if (a && !a.isBot) counts.set(a.personId, (counts.get(a.personId) ?? 0) + 1);
  };
  for (const c of commits) if (c.authorDate < end) count(c.author);
  for (const i of items) {
    if (i.kind === 'issue' && i.createdAt < end) count(i.author);
    const closedAt = i.mergedAt ?? i.closedAt;
    const closer = i.closedBy;
    if (closedAt != null && closedAt < end && closer && !closer.isBot && closer.personId !== i.author?.personId)
      members.add(closer.personId);
  }
  for (const [person, n] of counts) if (n / total >= OPENCODE_MEMBER_SHARE) members.add(person);
  return members;
}

export interface ReactionTime {
  /** Issues of the window opened by non-members. */
  issues: number;
  answered: number;
  /** Mean in days (unanswered issues with their age at the end of asOf); null without issues. */
  meanDays: number | null;
}

/** openCode's issue reaction time (see the header). */
export function openCodeReactionTime(
  items: readonly ItemFact[],
  comments: readonly CommentFact[],
  commits: readonly CommitFact[],
  asOf: string,
  days = OPENCODE_REACTION_DAYS
): ReactionTime {
  const end = asOfEnd(asOf);
  const range = windowRange(asOf, days);
  const members = projectMembers(commits, items, end);
  const isMember = (a: ItemFact['author']) => a !== null && !a.isBot && members.has(a.personId);
  const key = (repositoryId: number, kind: string, n: number) => `${repositoryId}|${kind}|${n}`;
  const issues = new Map<string, ItemFact>();
  const pulls = new Set<string>();
  for (const i of items) {
    if (i.kind === 'pull') pulls.add(key(i.repositoryId, 'pull', i.number));
    if (i.kind !== 'issue' || !inRange(i.createdAt, range) || isMember(i.author)) continue;
    issues.set(key(i.repositoryId, 'issue', i.number), i);
  }
  const first = new Map<ItemFact, number>();
  const see = (i: ItemFact, t: number) => {
    if (t < i.createdAt || t >= end) return;
    const known = first.get(i);
    if (known === undefined || t < known) first.set(i, t);
  };
  for (const i of issues.values()) if (i.closedAt != null && isMember(i.closedBy)) see(i, i.closedAt);
  for (const c of comments) {
    if (c.system || !isMember(c.author)) continue;
    // GitHub numbers issues and pull requests together: an issue's comment may be filed under the other
    // kind; GitLab numbers them apart, so a comment of a known merge request never answers an issue.
    if (c.itemKind !== 'issue' && pulls.has(key(c.repositoryId, c.itemKind, c.itemNumber))) continue;
    const i = issues.get(key(c.repositoryId, 'issue', c.itemNumber));
    if (i) see(i, c.createdAt);
  }
  if (issues.size === 0) return { issues: 0, answered: 0, meanDays: null };
  let total = 0;
  for (const i of issues.values()) total += (first.get(i) ?? end) - i.createdAt;
  return { issues: issues.size, answered: first.size, meanDays: total / issues.size / DAY };
}

type RepoState = { key: string; state: OpenCodeCriterionState; note: string };

/** Every repository meets it → met; one fails → not met; else one unreadable → unknown. */
function combine(states: RepoState[]): OpenCodeCriterionState {
  if (states.length === 0) return 'unknown';
  if (states.some((s) => s.state === 'not-met')) return 'not-met';
  if (states.some((s) => s.state === 'unknown')) return 'unknown';
  return 'met';
}

/** The value of a repository criterion: the one repository's finding, or how many of them meet it and each one's. */
function repoValue(states: RepoState[]): string {
  const note = (s: RepoState) => (s.state === 'unknown' ? 'nicht prüfbar' : s.note);
  if (states.length === 1) return states[0].state === 'unknown' ? NO_VALUE : states[0].note;
  const met = states.filter((s) => s.state === 'met').length;
  return `${met} von ${plural(states.length, 'Repository', 'Repositories')} erfüllt: ${states.map((s) => `${s.key} – ${note(s)}`).join('; ')}`;
}

function firstUnknownReason(states: RepoState[]): string | null {
  const s = states.find((x) => x.state === 'unknown');
  return s ? (states.length === 1 ? s.note : `${s.key}: ${s.note}`) : null;
}

function protectionState(r: OpenCodeFacts['repositories'][number]): RepoState {
  const p = r.branchProtection;
  if (!p) return { key: r.key, state: 'unknown', note: 'Der Schutz des Standard-Branches wurde noch nicht gelesen.' };
  if (p.protected === null)
    return {
      key: r.key,
      state: 'unknown',
      note: 'Die Forge zeigt den Schutz des Standard-Branches ohne Berechtigung nicht an (nicht prüfbar).'
    };
  if (!p.protected) return { key: r.key, state: 'not-met', note: 'Standard-Branch nicht geschützt' };
  if (p.forcePushBlocked === false) return { key: r.key, state: 'not-met', note: 'geschützt, Force-Push erlaubt' };
  if (p.forcePushBlocked === null)
    return {
      key: r.key,
      state: 'unknown',
      note: 'Der Standard-Branch ist geschützt; ob Force-Push gesperrt ist, zeigt die Forge nur mit Admin-Rechten (nicht prüfbar).'
    };
  return { key: r.key, state: 'met', note: 'geschützt, Force-Push gesperrt' };
}

/** openCode's Security Policy check: a SECURITY.md in the root directory of the default branch. */
const ROOT_SECURITY_MD = /^security\.md$/i;

function securityState(r: OpenCodeFacts['repositories'][number]): RepoState {
  if (r.hasSecurityPolicy == null) return { key: r.key, state: 'unknown', note: 'Die Dateien des Repositories wurden noch nicht gelesen.' };
  if (!r.hasSecurityPolicy) return { key: r.key, state: 'not-met', note: 'keine SECURITY.md' };
  // Read before the paths were stored (well_known_files): where the file lies is not known yet.
  const path = r.wellKnownFiles?.security;
  if (path == null)
    return {
      key: r.key,
      state: 'unknown',
      note: 'Eine Sicherheitsrichtlinie ist vorhanden; wo sie liegt, wurde noch nicht gelesen (openCode verlangt sie im Wurzelverzeichnis).'
    };
  if (ROOT_SECURITY_MD.test(path)) return { key: r.key, state: 'met', note: `${path} im Wurzelverzeichnis` };
  return { key: r.key, state: 'not-met', note: `nur ${path} – openCode verlangt eine SECURITY.md im Wurzelverzeichnis` };
}

/** The licence files at the root of one repository as of `end` (newest version of each path). */
function rootLicences(history: readonly LicenceVersionFact[], repositoryId: number | undefined, end: number): string[] {
  const newest = new Map<string, LicenceVersionFact>();
  for (const v of history) {
    if (v.repositoryId !== repositoryId || v.committedAt >= end || v.path.includes('/')) continue;
    const known = newest.get(v.path);
    if (!known || v.committedAt >= known.committedAt) newest.set(v.path, v);
  }
  return [...newest.values()].map((v) => v.spdx).filter((s): s is string => !!s);
}

function licenceState(
  r: OpenCodeFacts['repositories'][number],
  history: readonly LicenceVersionFact[],
  end: number,
  lookup: LicenceLookup
): RepoState {
  if (r.hasLicenseFile == null) return { key: r.key, state: 'unknown', note: 'Die Dateien des Repositories wurden noch nicht gelesen.' };
  if (!r.hasLicenseFile) return { key: r.key, state: 'not-met', note: 'keine Lizenzdatei' };
  let root = rootLicences(history, r.id, end);
  if (root.length === 0) return { key: r.key, state: 'not-met', note: 'keine erkannte Lizenz in einer Lizenzdatei im Wurzelverzeichnis' };
  const recognised = root.filter((s) => !/^LicenseRef-allmende-other\b/.test(s));
  if (recognised.length === 0) return { key: r.key, state: 'not-met', note: 'Lizenztext im Wurzelverzeichnis nicht erkannt' };
  root = recognised;
  const approved = root.find((s) => lookup(s)?.osiApproved === true);
  if (approved) return { key: r.key, state: 'met', note: `${approved} (OSI-anerkannt) im Wurzelverzeichnis` };
  if (root.some((s) => lookup(s) === null))
    return { key: r.key, state: 'unknown', note: `Die Lizenz ${root.join(', ')} steht nicht in allmendes Lizenztabelle (nicht prüfbar).` };
  return { key: r.key, state: 'not-met', note: `${root.join(', ')} ist nicht OSI-anerkannt` };
}

/** Highest level whose criteria and those below are met; undecided when the next one is „nicht prüfbar“. */
function ladder<L>(
  rules: readonly { level: L; criteria: OpenCodeCriterionKey[] }[],
  state: (k: OpenCodeCriterionKey) => OpenCodeCriterionState
): { level: L | null; undecided: boolean } {
  let level: L | null = null;
  for (const rule of rules) {
    const states = rule.criteria.map(state);
    if (states.every((s) => s === 'met')) {
      level = rule.level;
      continue;
    }
    return { level, undecided: !states.includes('not-met') };
  }
  return { level, undecided: false };
}

export function openCodeBadges(facts: OpenCodeFacts, asOf: string, lookup: LicenceLookup = () => null): OpenCodeBadges {
  const empty = (reason: string): OpenCodeBadges => ({
    rulesVersion: OPENCODE_BADGE_RULES_VERSION,
    maintained: null,
    security: null,
    licence: null,
    criteria: [],
    noVerdictReason: reason
  });
  if (facts.noVerdict) return empty(facts.noVerdict);
  if (!facts.coverage.history)
    return empty(facts.coverage.noHistoryReason ?? 'Keine Daten: Die Geschichte der Repositories wurde noch nicht gelesen.');
  const end = asOfEnd(asOf);
  const six = windowRange(asOf, OPENCODE_WINDOW_DAYS);
  const sixDates = rangeDates(asOf, OPENCODE_WINDOW_DAYS);
  const forgeRead = facts.coverage.forge === true;
  const criteria: OpenCodeCriterion[] = [];

  // Commits
  const commitCount = facts.commits.filter((c) => inRange(c.authorDate, six)).length;
  criteria.push({
    key: 'commits',
    state: commitCount >= OPENCODE_MIN_COMMITS ? 'met' : 'not-met',
    value: commitCount,
    valueText: plural(commitCount, 'Commit', 'Commits'),
    thresholdText: `mindestens ${plural(OPENCODE_MIN_COMMITS, 'Commit', 'Commits')}`,
    ...sixDates,
    reason: null
  });

  // Issue reaction time
  const reactionDates = rangeDates(asOf, OPENCODE_REACTION_DAYS);
  const reactionThreshold = `Durchschnitt unter ${plural(OPENCODE_REACTION_MAX_DAYS, 'Tag', 'Tagen')}`;
  if (!forgeRead) {
    criteria.push({
      key: 'reaction-time',
      state: 'unknown',
      value: null,
      valueText: NO_VALUE,
      thresholdText: reactionThreshold,
      ...reactionDates,
      reason:
        facts.coverage.forge === null
          ? 'Das Projekt hat kein Repository bei einer Forge (nur git): Issues und Reaktionen sind nicht sichtbar.'
          : 'Die Issues wurden bei der Forge noch nicht gelesen.'
    });
  } else {
    const r = openCodeReactionTime(facts.items, facts.comments, facts.commits, asOf);
    const met = r.meanDays === null || r.meanDays < OPENCODE_REACTION_MAX_DAYS;
    criteria.push({
      key: 'reaction-time',
      state: met ? 'met' : 'not-met',
      value: r.meanDays === null ? null : round(r.meanDays, 2),
      valueText:
        r.meanDays === null
          ? facts.hasTracker
            ? 'keine Issues von Außenstehenden im Zeitraum (zählt als erfüllt)'
            : 'kein Issue-Tracker, keine Issues (zählt als erfüllt)'
          : `Ø ${days1(round(r.meanDays, 1))} bei ${plural(r.issues, 'Issue', 'Issues')}${r.answered < r.issues ? `, ${formatNumber(r.issues - r.answered)} ohne Reaktion` : ''}`,
      thresholdText: reactionThreshold,
      ...reactionDates,
      reason: null
    });
  }

  // Release or tag
  const released =
    facts.releases.some((x) => inRange(x.publishedAt ?? x.createdAt, six)) || facts.tags.some((t) => inRange(t.taggedAt, six));
  const releaseUnknown = !released && facts.coverage.forge === false;
  criteria.push({
    key: 'release',
    state: released ? 'met' : releaseUnknown ? 'unknown' : 'not-met',
    value: releaseUnknown ? null : released,
    valueText: released ? 'Veröffentlichung oder Tag vorhanden' : releaseUnknown ? NO_VALUE : 'keine Veröffentlichung und kein Tag',
    thresholdText: 'mindestens eine Veröffentlichung oder ein Tag',
    ...sixDates,
    reason: releaseUnknown ? 'Kein Tag im Zeitraum; die Veröffentlichungen der Forge wurden noch nicht gelesen.' : null
  });

  // Bus factor
  const bus = personsFactor([...facts.commits], asOf, OPENCODE_WINDOW_DAYS).factor;
  criteria.push({
    key: 'bus-factor',
    state: bus !== null && bus >= OPENCODE_MIN_BUS_FACTOR ? 'met' : 'not-met',
    value: bus,
    valueText: bus === null ? 'keine Commits von Personen' : formatNumber(bus),
    thresholdText: `mindestens ${formatNumber(OPENCODE_MIN_BUS_FACTOR)}`,
    ...sixDates,
    reason: null
  });

  // Branch protection (forge repositories only)
  const forgeRepos = facts.repositories.filter((r) => r.forgeId !== 'git');
  const protection = forgeRepos.map(protectionState);
  const protectionState_ = combine(protection);
  criteria.push({
    key: 'branch-protection',
    state: protectionState_,
    value: protectionState_ === 'unknown' ? null : protectionState_ === 'met',
    valueText: protection.length === 0 ? NO_VALUE : repoValue(protection),
    thresholdText: 'Standard-Branch geschützt, Force-Push gesperrt',
    from: null,
    to: asOf,
    reason:
      protectionState_ !== 'unknown'
        ? null
        : protection.length === 0
          ? 'Das Projekt hat kein Repository bei einer Forge (nur git): der Schutz von Branches ist nicht sichtbar.'
          : firstUnknownReason(protection)
  });

  // SECURITY.md
  const security = facts.repositories.map(securityState);
  const securityCombined = combine(security);
  criteria.push({
    key: 'security-policy',
    state: securityCombined,
    value: securityCombined === 'unknown' ? null : securityCombined === 'met',
    valueText: repoValue(security),
    thresholdText: 'SECURITY.md vorhanden',
    from: null,
    to: asOf,
    reason: securityCombined === 'unknown' ? firstUnknownReason(security) : null
  });

  // Licence
  const licences = facts.repositories.map((r) => licenceState(r, facts.licenceHistory, end, lookup));
  const licenceCombined = combine(licences);
  criteria.push({
    key: 'licence',
    state: licenceCombined,
    value: licenceCombined === 'unknown' ? null : licenceCombined === 'met',
    valueText: repoValue(licences),
    thresholdText: 'Lizenzdatei im Wurzelverzeichnis mit OSI-anerkannter Lizenz',
    from: null,
    to: asOf,
    reason: licenceCombined === 'unknown' ? firstUnknownReason(licences) : null
  });

  const stateOf = (k: OpenCodeCriterionKey) => criteria.find((c) => c.key === k)?.state ?? 'unknown';
  const maintained = ladder(OPENCODE_MAINTAINED_RULES, stateOf);
  const security1 = ladder(OPENCODE_SECURITY_RULES, stateOf);
  return {
    rulesVersion: OPENCODE_BADGE_RULES_VERSION,
    maintained: { level: maintained.level ?? 'none', undecided: maintained.undecided },
    security: { level: security1.level ?? 0, undecided: security1.undecided },
    licence: { state: licenceCombined },
    criteria,
    noVerdictReason: null
  };
}
