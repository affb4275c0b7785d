/**
 * The truth of a world: the figures DESIGN §5–§7 define, computed from the generator's own event lists
 * (never by reading the git repositories back, never with allmende code). Tests compare the pipeline's
 * figures against truth.json.
 *
 * Conventions (where DESIGN leaves a choice, the world is generated so that both readings agree for the
 * lifecycle; figures follow the reading given here):
 * - asOf is the UTC date of `now`; a window of N days is the N UTC calendar days ending with asOf.
 * - A project's commits are the union of the commits reachable from HEAD of its accessible (public)
 *   repositories, counted once by commit; forks outside the project do not count.
 * - humanCommits + botCommits = nonMergeCommits (authored activity is non-merge commits, DESIGN §5).
 * - Affiliation is per commit, by the author email after the repository's .mailmap; personal, generic
 *   and noreply addresses are unaffiliated ("ohne Zuordnung", one bucket per person).
 * - Forge contributions (issues, pull requests, comments, reviews, review comments) belong to the
 *   organisation of the author's person at that time, as DESIGN §5 has it for forge accounts without
 *   email. The forge account is the person's (the generator made it) where the forges and the commits
 *   show it (DESIGN §5 rules 2–4): a GitHub account (the API shows its login only) when one of the
 *   person's commit identities is a noreply address of that login or user id, or is named like the
 *   login; a GitLab account (the API shows its name) when one of the person's commit identities has
 *   the same significant normalised name or is named like the login. Other accounts of a person stay
 *   apart, as in the world's identity test. Where the person worked then is read from the person's
 *   email-affiliated non-merge commits in the public repositories of all projects: the latest at or
 *   before the contribution, else the earliest after it; several at the same second count for the
 *   alphabetically first organisation id. A person without such commits (reporters, people with
 *   personal addresses only) is unaffiliated. (The employment timeline is not used directly: nobody
 *   outside the generator can see it but through the commits.)
 * - First response: items (issues and pull/merge requests) created in the window; the first comment,
 *   review, review comment or close/merge by a human other than the author; unanswered items count with
 *   their age at `now`. Median of an even count is the mean of the two middle values. Bot-authored items
 *   are included (see `humanAuthored` for the figure without them).
 * - Releases: forge releases where the repository has any, else version tags (^v?\d+(\.\d+)+$).
 */
import { reviewsOf } from './reviews';
import { readinessTruth, tipPaths, worldFilesOf, type ReadinessTruth } from './readiness';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PUBLICCODE_LICENCE, type OrgDef } from './data';
import type { Archetype, GCommit, GPerson, GProject, GRepo, Identity, LifecycleState } from './internal';
import type { OrganisationKind, WorldItem } from './model';
import { DAY, normaliseName } from './people';
import { protectionOf } from './protection';

export const VERSION_TAG = /^v?\d+(\.\d+)+$/;

export interface RepositoryTruth {
  /** Catalog-style reference of the current location (github:…, opencode:…, git:/abs/path). */
  ref: string;
  /** Reference as written in the catalog (an old path for renamed repositories). */
  catalogRef: string;
  forge: 'github' | 'gitlab' | 'git';
  path: string;
  previousPaths: string[];
  role: 'primary' | 'mirror' | 'fork';
  /** Ref of the upstream (forks: forge fork parent; mirrors: the original). */
  upstream: string | null;
  owner: string;
  gitDir: string;
  defaultBranch: string;
  visibility: 'public' | 'private';
  archived: boolean;
  hasIssues: boolean;
  empty: boolean;
  headSha: string | null;
  rootShas: string[];
  commits: number;
  nonMergeCommits: number;
  mergeCommits: number;
  humanCommits: number;
  botCommits: number;
  tags: number;
  versionTags: number;
  annotatedTags: number;
  releases: number;
  issues: number;
  openIssues: number;
  pullRequests: number;
  openPullRequests: number;
  mergedPullRequests: number;
  /** Issue/PR comments and GitLab notes without system notes. */
  comments: number;
  systemNotes: number;
  reviews: number;
  reviewComments: number;
  licence: string | null;
  hasMailmap: boolean;
}

export interface ForkTruth {
  ref: string;
  owner: string;
  /** Commits reachable from the fork's HEAD that no repository of the project has. */
  ownCommits: number;
  fragmentation: boolean;
}

export type ReuseKind = 'declared' | 'fork' | 'contribution' | 'isBasedOn';

export interface ReuseTruth {
  organisation: string;
  project: string;
  kind: ReuseKind;
  /** catalog | publiccode (declared), forge-fork | mirror (fork), contributions (contribution), publiccode (isBasedOn) */
  source: string;
  /** The evidence: repository ref, the using project id, or the counts of commits, items and comments. */
  detail: string;
  /** ISO date of the evidence (first contribution, fork creation, …), null for catalog declarations. */
  date: string | null;
}

export interface ResponseTruth {
  days: number;
  items: number;
  answered: number;
  medianFirstResponseHours: number | null;
  answeredWithin7DaysShare: number | null;
  /** The same figures over items not authored by bots. */
  humanAuthored: { items: number; answered: number; medianFirstResponseHours: number | null; answeredWithin7DaysShare: number | null };
}

export type OpenCodeState = 'met' | 'not-met' | 'unknown';

export interface OpenCodeTruth {
  /** Commits (any author, merges too) in the last 180 days. */
  commits180: number;
  /** Issues of the last 90 days opened by non-members, and their mean reaction time in days (unanswered: age at `now`). */
  reactionIssues: number;
  reactionMeanDays: number | null;
  /** A release or any tag in the last 180 days. */
  released180: boolean;
  /** Fewest persons with half of the human non-merge commits of the last 180 days. */
  busFactor180: number | null;
  criteria: Record<
    'commits' | 'reaction-time' | 'release' | 'bus-factor' | 'branch-protection' | 'security-policy' | 'licence',
    OpenCodeState
  >;
  maintained: 'none' | 'bronze' | 'silver' | 'gold';
  security: 0 | 1;
}

export interface ProjectTruth {
  id: string;
  name: string;
  owner: string;
  catalog: boolean;
  discoveredFrom: string | null;
  archetype: Archetype;
  /** DESIGN §6 lifecycle as of now (null: nothing observable, e.g. only a private repository). */
  lifecycle: LifecycleState | null;
  /** First commit less than 6 months ago (shown alongside). */
  isNew: boolean;
  accessible: boolean;
  repositories: RepositoryTruth[];
  licence: { spdx: string | null; history: string[]; changed: boolean };
  publiccode: { status: string; version: string | null; usedBy: string[]; isBasedOn: string | null };
  hasSecurityMd: boolean;
  firstCommitAt: string | null;
  lastHumanCommitAt: string | null;
  totals: {
    commits: number;
    nonMergeCommits: number;
    mergeCommits: number;
    humanCommits: number;
    botCommits: number;
    humanContributors: number;
    botContributors: number;
    tags: number;
    versionTags: number;
    releases: number;
    issues: number;
    pullRequests: number;
    comments: number;
    systemNotes: number;
    reviews: number;
    reviewComments: number;
  };
  contributors: { humans: string[]; bots: string[]; window: string[]; newInWindow: string[] };
  window: {
    days: number;
    humanCommits: number;
    humanCommits180: number;
    activeContributors: number;
    newContributors: number;
    personsFactor: number | null;
    organisationsFactor: number | null;
    organisations: string[];
    organisationsByKind: Partial<Record<OrganisationKind, number>>;
    topPersonShare: number | null;
    topOrganisationShare: number | null;
    activeWeeks26: number;
    releases: number;
    lastReleaseAt: string | null;
    daysSinceLastRelease: number | null;
    closureRatio: number | null;
    medianOpenIssueAgeDays: number | null;
  };
  allTime: { topPersonShare: number | null; topOrganisationShare: number | null };
  response: ResponseTruth;
  /** openCode badges as the world should earn them (src/lib/metrics/opencodeBadges.ts, rules of badges.opencode.de). */
  opencode: OpenCodeTruth;
  forks: ForkTruth[];
  reuse: ReuseTruth[];
  /** Mitentwicklung: observed rows of companies and IT service providers (DESIGN §7). */
  codevelopment: ReuseTruth[];
  /** „Bereit zur Nachnutzung?“ as the world should meet it (tests/world/readiness.ts). */
  readiness: ReadinessTruth;
  findings: {
    archived: boolean;
    noHumanCommit12Months: boolean;
    onePerson: boolean;
    oneOrganisation: boolean;
    licenceChanged: boolean;
    fragmentation: boolean;
    publiccodeMissingOrInvalid: boolean;
    noSecurityMd: boolean;
  };
}

/** DESIGN §7: the kinds whose use is reuse. */
const ADOPTER_KINDS = new Set<string>(['municipality', 'county', 'state', 'federal', 'research', 'civil-society']);

export interface WorldTruth {
  version: 1;
  seed: string;
  size: 'tiny' | 'demo' | 'bench';
  now: string;
  asOf: string;
  windows: { peopleDays: 365; responseDays: 90; activityDays: 180; weeks: 26 };
  projects: ProjectTruth[];
  reuse: ReuseTruth[];
  codevelopment: ReuseTruth[];
  organisations: { id: string; kind: OrganisationKind; projects: string[]; reuses: string[] }[];
  persons: {
    key: string;
    name: string;
    isBot: boolean;
    identities: { name: string; email: string }[];
    github: string | null;
    gitlab: string | null;
  }[];
  counts: { organisations: number; projects: number; catalogProjects: number; repositories: number; commits: number; items: number };
}

export async function readTruth(dir: string): Promise<WorldTruth> {
  return JSON.parse(await readFile(join(dir, 'truth.json'), 'utf8')) as WorldTruth;
}

interface RepositoryAuthor {
  key: string;
  dedupe: string;
  author: { name: string; email: string };
}

// ------------------------------------------------------------------------------------------------
export interface TruthInput {
  seed: string;
  size: 'tiny' | 'demo' | 'bench';
  now: number;
  identities: Identity[];
  persons: GPerson[];
  commits: Map<number, GCommit>;
  repos: GRepo[];
  projects: GProject[];
  orgs: OrgDef[];
  personalDomains: string[];
}

const GENERIC_LOCAL = new Set(['root', 'admin', 'user', 'you', 'noreply', 'no-reply', 'git', 'ubuntu']);

function toIso(sec: number): string {
  return new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = values.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Smallest number of buckets that hold at least half of the total. */
export function factor(counts: number[]): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const s = counts.slice().sort((a, b) => b - a);
  let acc = 0;
  for (let i = 0; i < s.length; i++) {
    acc += s[i];
    if (acc * 2 >= total) return i + 1;
  }
  return s.length;
}

export class TruthCalculator {
  readonly nowSec: number;
  readonly day: number;
  private persons: Map<string, GPerson>;
  private repos: Map<string, GRepo>;
  private domainOrg = new Map<string, string>();
  private personal: Set<string>;
  private reach = new Map<string, Set<number>>();
  private repoMap: Map<string, GRepo>;
  private loginPerson: { github: Map<string, GPerson>; gitlab: Map<string, GPerson> } = { github: new Map(), gitlab: new Map() };
  private orgKind: Map<string, OrganisationKind>;

  constructor(readonly input: TruthInput) {
    this.nowSec = input.now;
    this.day = Math.floor(input.now / DAY);
    this.persons = new Map();
    this.repos = new Map(input.repos.map((r) => [r.ref, r]));
    this.repoMap = this.repos;
    for (const o of input.orgs) for (const d of o.domains) this.domainOrg.set(d.toLowerCase(), o.id);
    this.personal = new Set(input.personalDomains.map((d) => d.toLowerCase()));
    this.orgKind = new Map(input.orgs.map((o) => [o.id, o.kind]));
    this.refreshPeople();
  }

  /** (Re)index persons and logins; the generator adds persons and accounts while it builds. */
  refreshPeople(): void {
    this.persons = new Map(this.input.persons.map((p) => [p.key, p]));
    this.loginPerson = { github: new Map(), gitlab: new Map() };
    for (const p of this.input.persons) {
      if (p.github) this.loginPerson.github.set(p.github.login.toLowerCase(), p);
      if (p.gitlab) this.loginPerson.gitlab.set(p.gitlab.login.toLowerCase(), p);
    }
  }

  /**
   * Each person's email-affiliated non-merge commits (time, organisation), sorted by time and then
   * organisation id: every public repository of every project, every commit reachable from its HEAD,
   * affiliated by its author email after that repository's .mailmap.
   */
  affiliationEvidence(projects: GProject[]): Map<string, { at: number; org: string }[]> {
    const out = new Map<string, { at: number; org: string }[]>();
    const seen = new Set<string>();
    for (const p of projects)
      for (const ref of p.repos) {
        const r = this.repo(ref);
        if (r.visibility !== 'public' || seen.has(r.ref)) continue;
        seen.add(r.ref);
        for (const id of this.reachable(r)) {
          const c = this.input.commits.get(id)!;
          if (c.parents.length > 1) continue;
          const org = this.affiliation(this.effectiveEmail(r, c.a));
          if (!org) continue;
          const key = this.personOf(c.a).key;
          const list = out.get(key) ?? [];
          list.push({ at: c.at, org });
          out.set(key, list);
        }
      }
    for (const list of out.values()) list.sort((a, b) => a.at - b.at || (a.org < b.org ? -1 : a.org > b.org ? 1 : 0));
    return out;
  }

  /** The author (name and email) of a commit in a repository, after the repository's .mailmap. */
  effectiveAuthor(repo: GRepo, identityIdx: number): { name: string; email: string } {
    const id = this.input.identities[identityIdx];
    for (const m of repo.mailmap) {
      if (m.commitEmail.toLowerCase() === id.email.trim().toLowerCase() && (m.commitName === null || m.commitName === id.name))
        return { name: m.properName || id.name, email: m.properEmail };
    }
    return { name: id.name, email: id.email };
  }

  /**
   * The forge accounts that can be told to be their person's (see the conventions above), by forge
   * and lowercase login, from the commit authors of the public repositories of all projects.
   */
  linkedAccounts(projects: GProject[]): { github: Map<string, GPerson>; gitlab: Map<string, GPerson> } {
    const authors = new Map<string, { name: string; email: string }[]>();
    const seenRepos = new Set<string>();
    const seenAuthors = new Set<string>();
    for (const p of projects)
      for (const ref of p.repos) {
        const r = this.repo(ref);
        if (r.visibility !== 'public' || seenRepos.has(r.ref)) continue;
        seenRepos.add(r.ref);
        for (const { key, dedupe, author } of this.repositoryAuthors(r)) {
          if (seenAuthors.has(dedupe)) continue;
          seenAuthors.add(dedupe);
          const list = authors.get(key) ?? [];
          list.push(author);
          authors.set(key, list);
        }
      }
    const linked = { github: new Map<string, GPerson>(), gitlab: new Map<string, GPerson>() };
    const noreply = /^(?:(\d+)\+)?([^@]+)@users\.noreply\.github\.com$/;
    for (const person of this.input.persons) {
      const own = authors.get(person.key) ?? [];
      if (person.github) {
        const login = person.github.login.toLowerCase();
        const id = String(person.github.id);
        const ok = own.some((a) => {
          const m = noreply.exec(a.email.trim().toLowerCase());
          return (m !== null && (m[2] === login || m[1] === id)) || a.name.trim().toLowerCase() === login;
        });
        if (ok) linked.github.set(login, person);
      }
      if (person.gitlab) {
        const login = person.gitlab.login.toLowerCase();
        const name = normaliseName(person.name);
        const significant = name.split(' ').length >= 2 || name.length >= 5;
        const ok = own.some((a) => (significant && normaliseName(a.name) === name) || a.name.trim().toLowerCase() === login);
        if (ok) linked.gitlab.set(login, person);
      }
    }
    return linked;
  }

  private authorsByReach = new WeakMap<Set<number>, { repo: GRepo; mailmap: GRepo['mailmap']; authors: RepositoryAuthor[] }>();

  /**
   * The distinct authors (person, name and email after the .mailmap) of a repository's reachable
   * commits. Remembered per reachable set (setRepo replaces it), so that linkedAccounts, asked
   * again after each project the generator builds, walks each repository's commits once.
   */
  private repositoryAuthors(r: GRepo): RepositoryAuthor[] {
    const reach = this.reachable(r);
    const known = this.authorsByReach.get(reach);
    if (known && known.repo === r && known.mailmap === r.mailmap) return known.authors;
    const authors: RepositoryAuthor[] = [];
    const seen = new Set<string>();
    for (const id of reach) {
      const c = this.input.commits.get(id)!;
      const author = this.effectiveAuthor(r, c.a);
      const key = this.personOf(c.a).key;
      const dedupe = `${key}\0${author.name}\0${author.email}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      authors.push({ key, dedupe, author });
    }
    this.authorsByReach.set(reach, { repo: r, mailmap: r.mailmap, authors });
    return authors;
  }

  /** The organisation of a person's forge contribution at t (see the conventions above), or null. */
  static organisationAt(evidence: { at: number; org: string }[] | undefined, t: number): string | null {
    if (!evidence || evidence.length === 0) return null;
    // Last index with at <= t.
    let lo = 0;
    let hi = evidence.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (evidence[mid].at <= t) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (last < 0) return evidence[0].org;
    // Among commits of that very second, the alphabetically first organisation (sorted first).
    while (last > 0 && evidence[last - 1].at === evidence[last].at) last--;
    return evidence[last].org;
  }

  /** Register a (re)built repository and drop cached reachability. */
  setRepo(r: GRepo): void {
    this.repoMap.set(r.ref, r);
    this.reach.delete(r.ref);
  }

  repo(ref: string): GRepo {
    const r = this.repos.get(ref);
    if (!r) throw new Error(`unknown repository ${ref}`);
    return r;
  }

  /** DESIGN §5: the organisation of an email (domain or parent domain); null for personal/generic/noreply. */
  affiliation(emailRaw: string): string | null {
    const email = emailRaw.trim().toLowerCase();
    const at = email.lastIndexOf('@');
    if (at < 0) return null;
    const local = email.slice(0, at);
    let domain = email.slice(at + 1);
    if (GENERIC_LOCAL.has(local) || !domain.includes('.') || domain.endsWith('.local') || domain === 'localhost') return null;
    if (domain === 'users.noreply.github.com' || this.personal.has(domain)) return null;
    for (;;) {
      const org = this.domainOrg.get(domain);
      if (org) return org;
      const dot = domain.indexOf('.');
      if (dot < 0) return null;
      domain = domain.slice(dot + 1);
      if (!domain.includes('.')) return null;
    }
  }

  /** Author email after the repository's .mailmap. */
  effectiveEmail(repo: GRepo, identityIdx: number): string {
    const id = this.input.identities[identityIdx];
    for (const m of repo.mailmap) {
      if (m.commitEmail.toLowerCase() === id.email.trim().toLowerCase() && (m.commitName === null || m.commitName === id.name))
        return m.properEmail;
    }
    return id.email;
  }

  personOf(identityIdx: number): GPerson {
    const key = this.input.identities[identityIdx].person;
    let p = this.persons.get(key);
    if (!p) {
      this.refreshPeople();
      p = this.persons.get(key);
      if (!p) throw new Error(`identity ${identityIdx} has no person (${key})`);
    }
    return p;
  }

  reachable(repo: GRepo): Set<number> {
    const key = repo.ref;
    let s = this.reach.get(key);
    if (!s) {
      s = new Set<number>();
      if (repo.head !== null) {
        const stack = [repo.head];
        while (stack.length) {
          const id = stack.pop()!;
          if (s.has(id)) continue;
          s.add(id);
          for (const p of this.input.commits.get(id)!.parents) stack.push(p);
        }
      }
      this.reach.set(key, s);
    }
    return s;
  }

  isBotLogin(forge: 'github' | 'gitlab', login: string): boolean {
    const p = this.loginPerson[forge].get(login.toLowerCase());
    if (p) return p.isBot;
    return login.endsWith('[bot]');
  }

  personOfLogin(forge: 'github' | 'gitlab', login: string): string {
    return this.loginPerson[forge].get(login.toLowerCase())?.key ?? `${forge}:${login.toLowerCase()}`;
  }

  /** Commits of a project: id → the repository it is counted in (first accessible repository holding it). */
  projectCommits(p: GProject): Map<number, GRepo> {
    const out = new Map<number, GRepo>();
    for (const ref of p.repos) {
      const r = this.repo(ref);
      if (r.visibility !== 'public') continue;
      for (const id of this.reachable(r)) if (!out.has(id)) out.set(id, r);
    }
    return out;
  }

  releaseTimes(repos: GRepo[]): { name: string; t: number }[] {
    const forge = repos.some((r) => r.releases.some((x) => !x.draft));
    const seen = new Map<string, number>();
    for (const r of repos) {
      if (forge) {
        for (const rel of r.releases) {
          if (rel.draft) continue;
          const t = Date.parse(rel.publishedAt) / 1000;
          if (!seen.has(rel.tagName) || seen.get(rel.tagName)! > t) seen.set(rel.tagName, t);
        }
      } else {
        for (const tag of r.tags) {
          if (!VERSION_TAG.test(tag.name)) continue;
          if (!seen.has(tag.name) || seen.get(tag.name)! > tag.at) seen.set(tag.name, tag.at);
        }
      }
    }
    return [...seen].map(([name, t]) => ({ name, t }));
  }

  dayOf(t: number): number {
    return Math.floor(t / DAY);
  }

  inWindow(t: number, days: number): boolean {
    const d = this.dayOf(t);
    return d > this.day - days && d <= this.day && t <= this.nowSec;
  }

  /** First response time (seconds after creation) of an item, or null. */
  firstResponse(forge: 'github' | 'gitlab', item: WorldItem): number | null {
    const created = Date.parse(item.createdAt) / 1000;
    const author = this.personOfLogin(forge, item.author);
    let best: number | null = null;
    const consider = (login: string | null, iso: string | null): void => {
      if (!login || !iso) return;
      if (this.isBotLogin(forge, login)) return;
      if (this.personOfLogin(forge, login) === author) return;
      const t = Date.parse(iso) / 1000;
      if (t > this.nowSec) return;
      if (best === null || t < best) best = t;
    };
    for (const c of item.comments) consider(c.author, c.createdAt);
    for (const r of item.reviews) consider(r.author, r.submittedAt);
    for (const c of item.reviewComments) consider(c.author, c.createdAt);
    consider(item.closedBy, item.closedAt ?? item.mergedAt);
    return best === null ? null : best - created;
  }

  response(repos: GRepo[], days: number): ResponseTruth {
    const all: { v: number; answered: boolean; bot: boolean }[] = [];
    for (const r of repos) {
      if (r.forge === 'git') continue;
      const forge = r.forge;
      for (const it of r.items) {
        const created = Date.parse(it.createdAt) / 1000;
        if (!this.inWindow(created, days)) continue;
        const fr = this.firstResponse(forge, it);
        all.push({ v: fr === null ? this.nowSec - created : fr, answered: fr !== null, bot: this.isBotLogin(forge, it.author) });
      }
    }
    const summarise = (xs: typeof all) => ({
      items: xs.length,
      answered: xs.filter((x) => x.answered).length,
      medianFirstResponseHours: xs.length ? median(xs.map((x) => x.v / 3600)) : null,
      answeredWithin7DaysShare: xs.length ? xs.filter((x) => x.answered && x.v <= 7 * DAY).length / xs.length : null
    });
    const s = summarise(all);
    return { days, ...s, humanAuthored: summarise(all.filter((x) => !x.bot)) };
  }

  // ---------------------------------------------------------------------------------------------
  /** Facts for the lifecycle rule, in a form cheap to evaluate under several readings. */
  lifecycleFacts(p: GProject) {
    const repos = p.repos.map((r) => this.repo(r)).filter((r) => r.visibility === 'public');
    const commits = this.projectCommits(p);
    const humanNonMerge: number[] = [];
    const humanAll: number[] = [];
    let first: number | null = null;
    for (const [id] of commits) {
      const c = this.input.commits.get(id)!;
      if (first === null || c.at < first) first = c.at;
      if (this.personOf(c.a).isBot) continue;
      humanAll.push(c.at);
      if (c.parents.length < 2) humanNonMerge.push(c.at);
    }
    const humanActivity: number[] = [];
    const anyActivity: number[] = [];
    const humanCreated: number[] = [];
    const anyCreated: number[] = [];
    const humanComments: number[] = [];
    const anyComments: number[] = [];
    for (const r of repos) {
      if (r.forge === 'git') continue;
      const forge = r.forge;
      for (const it of r.items) {
        const ct = Date.parse(it.createdAt) / 1000;
        const botItem = this.isBotLogin(forge, it.author);
        anyCreated.push(ct);
        anyActivity.push(ct);
        if (!botItem) {
          humanCreated.push(ct);
          humanActivity.push(ct);
        }
        const evs: [string, string, boolean][] = [];
        for (const c of it.comments) evs.push([c.author, c.createdAt, c.system === true]);
        for (const c of it.reviewComments) evs.push([c.author, c.createdAt, false]);
        for (const rv of reviewsOf(forge, it)) evs.push([rv.author, rv.at, false]);
        for (const [login, iso, system] of evs) {
          const t = Date.parse(iso) / 1000;
          anyActivity.push(t);
          anyComments.push(t);
          if (!this.isBotLogin(forge, login) && !system) {
            humanActivity.push(t);
            humanComments.push(t);
          }
        }
        if (it.closedAt && it.closedBy) {
          const t = Date.parse(it.closedAt) / 1000;
          anyActivity.push(t);
          if (!this.isBotLogin(forge, it.closedBy)) humanActivity.push(t);
        }
      }
    }
    const releases = this.releaseTimes(repos).map((r) => r.t);
    const archived = repos.length > 0 && repos.every((r) => r.archived);
    return {
      repos,
      commits,
      humanNonMerge,
      humanAll,
      first,
      humanActivity,
      anyActivity,
      humanCreated,
      anyCreated,
      humanComments,
      anyComments,
      releases,
      archived,
      empty: commits.size === 0
    };
  }

  activeWeeks(f: ReturnType<TruthCalculator['lifecycleFacts']>, loose: boolean): number {
    const weeks = new Set<number>();
    const add = (t: number): void => {
      if (t > this.nowSec) return;
      const back = this.day - this.dayOf(t);
      if (back < 0 || back >= 26 * 7) return;
      weeks.add(Math.floor(back / 7));
    };
    for (const t of loose ? f.humanAll : f.humanNonMerge) add(t);
    for (const t of loose ? f.anyCreated : f.humanCreated) add(t);
    for (const t of loose ? f.anyComments : f.humanComments) add(t);
    for (const t of f.releases) add(t);
    return weeks.size;
  }

  lifecycle(
    p: GProject,
    v: { six: number; twelve: number; loose: boolean; responseRule: 'median' | 'all'; ruhendWindow: 'six' | 'twelve' },
    facts?: ReturnType<TruthCalculator['lifecycleFacts']>
  ): LifecycleState | null {
    const f = facts ?? this.lifecycleFacts(p);
    if (f.repos.length === 0) return null;
    if (f.archived) return 'archiviert';
    const count = (ts: number[], fromBack: number, toBack: number): number => {
      // days back in [toBack, fromBack) … i.e. day in (D - fromBack, D - toBack]
      let n = 0;
      for (const t of ts) {
        if (t > this.nowSec) continue;
        const back = this.day - this.dayOf(t);
        if (back >= toBack && back < fromBack) n++;
      }
      return n;
    };
    const commits = v.loose ? f.humanAll : f.humanNonMerge;
    const activity = v.loose ? f.anyActivity : f.humanActivity;
    const c12 = count(commits, v.twelve, 0);
    const a12 = count(activity, v.twelve, 0);
    const r12 = count(f.releases, v.twelve, 0);
    if (c12 + a12 + r12 === 0) return 'aufgegeben';
    const last6 = count(commits, v.six, 0);
    const ruhendActivity = count(activity, v.ruhendWindow === 'six' ? v.six : v.twelve, 0);
    if (last6 === 0 && ruhendActivity > 0) return 'ruhend';
    const prev6 = count(commits, 2 * v.six, v.six);
    if (last6 < 0.5 * prev6 && last6 < 10) return 'abnehmend';
    const weeks = this.activeWeeks(f, v.loose);
    const release18 = count(f.releases, 548, 0) > 0;
    let answered: boolean;
    if (v.responseRule === 'median') {
      const m = this.response(f.repos, 90).medianFirstResponseHours;
      answered = m !== null && m <= 30 * 24;
    } else {
      answered = true;
      for (const r of f.repos) {
        if (r.forge === 'git') continue;
        for (const it of r.items) {
          const created = Date.parse(it.createdAt) / 1000;
          if (!this.inWindow(created, 365)) continue;
          const fr = this.firstResponse(r.forge, it);
          if ((fr === null && this.nowSec - created > 30 * DAY) || (fr !== null && fr > 30 * DAY)) answered = false;
        }
      }
    }
    if (weeks <= 2 && answered && release18) return 'stabil';
    return 'aktiv';
  }

  /** Every reading of the lifecycle rule the world is built to satisfy; the first one is the reference. */
  static readonly VARIANTS = (() => {
    const out: { six: number; twelve: number; loose: boolean; responseRule: 'median' | 'all'; ruhendWindow: 'six' | 'twelve' }[] = [];
    for (const six of [182, 180, 183, 184])
      for (const twelve of [365, 366])
        for (const loose of [false, true])
          for (const responseRule of ['median', 'all'] as const)
            for (const ruhendWindow of ['twelve', 'six'] as const) out.push({ six, twelve, loose, responseRule, ruhendWindow });
    return out;
  })();

  /** All readings' lifecycle states and the isNew flag for each reading of "6 months". */
  lifecycleReadings(p: GProject): { states: Set<LifecycleState | null>; reference: LifecycleState | null; isNew: Set<boolean> } {
    const facts = this.lifecycleFacts(p);
    const states = new Set<LifecycleState | null>();
    let reference: LifecycleState | null = null;
    TruthCalculator.VARIANTS.forEach((v, i) => {
      const s = this.lifecycle(p, v, facts);
      if (i === 0) reference = s;
      states.add(s);
    });
    const isNew = new Set<boolean>();
    for (const six of [180, 182, 183, 184]) isNew.add(facts.first !== null && this.day - this.dayOf(facts.first) < six);
    return { states, reference, isNew };
  }

  // ---------------------------------------------------------------------------------------------
  repositoryTruth(r: GRepo): RepositoryTruth {
    const reach = this.reachable(r);
    let nonMerge = 0;
    let human = 0;
    let bot = 0;
    for (const id of reach) {
      const c = this.input.commits.get(id)!;
      if (c.parents.length > 1) continue;
      nonMerge++;
      if (this.personOf(c.a).isBot) bot++;
      else human++;
    }
    const items = r.items;
    let comments = 0;
    let system = 0;
    let reviews = 0;
    let reviewComments = 0;
    for (const it of items) {
      for (const c of it.comments)
        if (c.system) system++;
        else comments++;
      reviews += it.reviews.length;
      reviewComments += it.reviewComments.length;
    }
    return {
      ref: r.ref,
      catalogRef: r.catalogRef,
      forge: r.forge,
      path: r.path,
      previousPaths: r.previousPaths,
      role: r.role,
      upstream: r.upstream,
      owner: r.ownerOrg,
      gitDir: r.gitDir,
      defaultBranch: r.defaultBranch,
      visibility: r.visibility,
      archived: r.archived,
      hasIssues: r.hasIssues,
      empty: r.head === null,
      headSha: r.headSha,
      rootShas: r.rootShas,
      commits: reach.size,
      nonMergeCommits: nonMerge,
      mergeCommits: reach.size - nonMerge,
      humanCommits: human,
      botCommits: bot,
      tags: r.tags.length,
      versionTags: r.tags.filter((t) => VERSION_TAG.test(t.name)).length,
      annotatedTags: r.tags.filter((t) => t.annotated).length,
      releases: r.releases.filter((x) => !x.draft).length,
      issues: items.filter((i) => i.kind === 'issue').length,
      openIssues: items.filter((i) => i.kind === 'issue' && i.state === 'open').length,
      pullRequests: items.filter((i) => i.kind === 'pull').length,
      openPullRequests: items.filter((i) => i.kind === 'pull' && i.state === 'open').length,
      mergedPullRequests: items.filter((i) => i.kind === 'pull' && i.state === 'merged').length,
      comments,
      systemNotes: system,
      reviews,
      reviewComments,
      licence: r.licenseSpdx,
      hasMailmap: r.mailmap.length > 0
    };
  }

  projectTruth(p: GProject): ProjectTruth {
    const allRepos = p.repos.map((r) => this.repo(r));
    const repos = allRepos.filter((r) => r.visibility === 'public');
    const facts = this.lifecycleFacts(p);
    const readings = this.lifecycleReadings(p);
    const commits = facts.commits;
    let nonMerge = 0;
    let human = 0;
    let bot = 0;
    const humans = new Set<string>();
    const bots = new Set<string>();
    const firstContribution = new Map<string, number>();
    const windowPerson = new Map<string, number>();
    const windowOrg = new Map<string, number>();
    const allPerson = new Map<string, number>();
    const allOrg = new Map<string, number>();
    let humanWindow = 0;
    let human180 = 0;
    let lastHuman: number | null = null;
    for (const [id, repo] of commits) {
      const c = this.input.commits.get(id)!;
      if (c.parents.length > 1) continue;
      nonMerge++;
      const person = this.personOf(c.a);
      if (person.isBot) {
        bot++;
        bots.add(person.key);
        continue;
      }
      human++;
      humans.add(person.key);
      if (lastHuman === null || c.at > lastHuman) lastHuman = c.at;
      const fc = firstContribution.get(person.key);
      if (fc === undefined || c.at < fc) firstContribution.set(person.key, c.at);
      const org = this.affiliation(this.effectiveEmail(repo, c.a));
      const bucket = org ?? `ohne-zuordnung:${person.key}`;
      allPerson.set(person.key, (allPerson.get(person.key) ?? 0) + 1);
      allOrg.set(bucket, (allOrg.get(bucket) ?? 0) + 1);
      if (this.inWindow(c.at, 180)) human180++;
      if (this.inWindow(c.at, 365)) {
        humanWindow++;
        windowPerson.set(person.key, (windowPerson.get(person.key) ?? 0) + 1);
        windowOrg.set(bucket, (windowOrg.get(bucket) ?? 0) + 1);
      }
    }
    const windowOrgs = [...windowOrg.keys()].filter((k) => !k.startsWith('ohne-zuordnung:')).sort();
    const byKind: Partial<Record<OrganisationKind, number>> = {};
    for (const o of windowOrgs) {
      const k = this.orgKind.get(o)!;
      byKind[k] = (byKind[k] ?? 0) + 1;
    }
    const share = (m: Map<string, number>): number | null => {
      const total = [...m.values()].reduce((a, b) => a + b, 0);
      return total ? Math.max(...m.values()) / total : null;
    };
    const releases = this.releaseTimes(repos);
    const relWindow = releases.filter((r) => this.inWindow(r.t, 365)).length;
    const lastRel = releases.length ? Math.max(...releases.map((r) => r.t)) : null;
    const itemsAll = repos.flatMap((r) => r.items);
    const openedW = itemsAll.filter((i) => this.inWindow(Date.parse(i.createdAt) / 1000, 365)).length;
    const closedW = itemsAll.filter((i) => i.closedAt && this.inWindow(Date.parse(i.closedAt) / 1000, 365)).length;
    const openIssueAges = itemsAll
      .filter((i) => i.kind === 'issue' && i.state === 'open')
      .map((i) => (this.nowSec - Date.parse(i.createdAt) / 1000) / DAY);
    const repoTruths = allRepos.map((r) => this.repositoryTruth(r));
    const pub = repoTruths.filter((r) => r.visibility === 'public');
    const tagNames = new Set<string>();
    const versionTagNames = new Set<string>();
    for (const r of repos)
      for (const t of r.tags) {
        tagNames.add(t.name);
        if (VERSION_TAG.test(t.name)) versionTagNames.add(t.name);
      }
    // Forks: own commits are those no repository of the project has.
    const projectIds = new Set(commits.keys());
    const forks: ForkTruth[] = p.forks.map((ref) => {
      const fr = this.repo(ref);
      let own = 0;
      for (const id of this.reachable(fr)) if (!projectIds.has(id)) own++;
      return { ref, owner: fr.ownerOrg, ownCommits: own, fragmentation: own > 20 };
    });
    const gitReadable = (r: GRepo) => r.visibility === 'public' && r.head !== null;
    let lastCommit: number | null = null;
    for (const [id] of commits) {
      const at = this.input.commits.get(id)!.at;
      if (at <= this.nowSec && (lastCommit === null || at > lastCommit)) lastCommit = at;
    }
    const readiness = readinessTruth({
      files: worldFilesOf(allRepos.filter(gitReadable).map((r) => tipPaths(r.head, this.input.commits))),
      readable: allRepos.map(gitReadable),
      publiccodeValid: ['valid', 'outdated'].includes(p.publiccode.status),
      publiccodePresent: p.publiccode.status !== 'missing',
      humans: humans.size,
      organisations: [...allOrg.keys()].filter((k) => !k.startsWith('ohne-zuordnung:')).length,
      lastCommitRecent: lastCommit !== null && this.inWindow(lastCommit, 180),
      lastReleaseRecent: lastRel !== null && this.inWindow(lastRel, 180)
    });
    const windowPersonsSorted = [...windowPerson.keys()].sort();
    const newInWindow = windowPersonsSorted.filter((k) => this.inWindow(firstContribution.get(k)!, 365));
    const response = this.response(repos, 90);
    const opencode = this.openCode(p, allRepos, repos, commits);
    const primary = allRepos[0];
    const lifecycle = readings.reference;
    const topPerson = share(windowPerson);
    const topOrg = share(windowOrg);
    return {
      id: p.id,
      name: p.name,
      owner: p.owner,
      catalog: p.catalog,
      discoveredFrom: p.discoveredFrom,
      archetype: p.archetype,
      lifecycle,
      isNew: readings.isNew.has(true) && lifecycle !== null,
      accessible: repos.length > 0,
      repositories: repoTruths,
      licence: { spdx: this.reportedLicence(primary.licenseSpdx, p), history: p.licence.history, changed: p.licence.history.length > 1 },
      publiccode: {
        status: p.publiccode.status,
        version: p.publiccode.version,
        usedBy: p.publiccode.usedBy,
        isBasedOn: p.publiccode.isBasedOn
      },
      hasSecurityMd: p.hasSecurity,
      firstCommitAt: facts.first === null ? null : toIso(facts.first),
      lastHumanCommitAt: lastHuman === null ? null : toIso(lastHuman),
      totals: {
        commits: commits.size,
        nonMergeCommits: nonMerge,
        mergeCommits: commits.size - nonMerge,
        humanCommits: human,
        botCommits: bot,
        humanContributors: humans.size,
        botContributors: bots.size,
        tags: tagNames.size,
        versionTags: versionTagNames.size,
        releases: releases.length,
        issues: pub.reduce((a, r) => a + r.issues, 0),
        pullRequests: pub.reduce((a, r) => a + r.pullRequests, 0),
        comments: pub.reduce((a, r) => a + r.comments, 0),
        systemNotes: pub.reduce((a, r) => a + r.systemNotes, 0),
        reviews: pub.reduce((a, r) => a + r.reviews, 0),
        reviewComments: pub.reduce((a, r) => a + r.reviewComments, 0)
      },
      contributors: { humans: [...humans].sort(), bots: [...bots].sort(), window: windowPersonsSorted, newInWindow },
      window: {
        days: 365,
        humanCommits: humanWindow,
        humanCommits180: human180,
        activeContributors: windowPerson.size,
        newContributors: newInWindow.length,
        personsFactor: factor([...windowPerson.values()]),
        organisationsFactor: factor([...windowOrg.values()]),
        organisations: windowOrgs,
        organisationsByKind: byKind,
        topPersonShare: topPerson,
        topOrganisationShare: topOrg,
        activeWeeks26: this.activeWeeks(facts, false),
        releases: relWindow,
        lastReleaseAt: lastRel === null ? null : toIso(lastRel),
        daysSinceLastRelease: lastRel === null ? null : this.day - this.dayOf(lastRel),
        closureRatio: openedW ? closedW / openedW : null,
        medianOpenIssueAgeDays: median(openIssueAges)
      },
      allTime: { topPersonShare: share(allPerson), topOrganisationShare: share(allOrg) },
      response,
      opencode,
      forks,
      reuse: [],
      codevelopment: [],
      readiness,
      findings: {
        archived: allRepos.some((r) => r.archived),
        noHumanCommit12Months: lastHuman === null || !this.inWindow(lastHuman, 365),
        onePerson: topPerson !== null && topPerson > 0.8,
        oneOrganisation: topOrg !== null && topOrg > 0.9,
        licenceChanged: p.licence.history.length > 1,
        fragmentation: forks.some((f) => f.fragmentation),
        publiccodeMissingOrInvalid: !['valid', 'outdated'].includes(p.publiccode.status),
        noSecurityMd: !p.hasSecurity
      }
    };
  }

  /**
   * The openCode badges (badges.opencode.de): bronze = ≥ 5 commits in 180 days and a mean issue
   * reaction time under 7 days (issues of 90 days by non-members; members: who closed or merged
   * someone else's item, or authored at least 5 % of the project's commits and issues together; a
   * reaction: a member's comment or close; no issue passes);
   * silver + a release or tag in 180 days; gold + a bus factor ≥ 2 over 180 days. Security 1: the
   * reaction rule, every forge repository's default branch protected with force pushes blocked
   * (as the forge shows it: GitHub classic protection hides that, a GitLab project may refuse its
   * settings — unknown), and SECURITY.md. The licence: every world licence is OSI-approved, in a root
   * LICENSE. A repository that cannot be read (private, empty) is unknown for the repository criteria.
   */
  private linkedCache: { stamp: string; linked: ReturnType<TruthCalculator['linkedAccounts']> } | null = null;

  /** linkedAccounts of all projects, computed once for the world as it stands. */
  private linkedNow(): ReturnType<TruthCalculator['linkedAccounts']> {
    const stamp = `${this.input.persons.length}:${this.input.commits.size}:${this.input.repos.length}`;
    if (this.linkedCache?.stamp !== stamp) this.linkedCache = { stamp, linked: this.linkedAccounts(this.input.projects) };
    return this.linkedCache.linked;
  }

  openCode(p: GProject, allRepos: GRepo[], repos: GRepo[], commits: Map<number, GRepo>): OpenCodeTruth {
    // Persons as allmende can tell them: a forge account is its person's only where the conventions
    // link it to the person's commits (linkedAccounts); otherwise it is a person of its own.
    const linked = this.linkedNow();
    const accountKey = (forge: 'github' | 'gitlab', login: string) =>
      linked[forge].get(login.toLowerCase())?.key ?? `${forge}:${login.toLowerCase()}`;
    let commits180 = 0;
    const bus = new Map<string, number>();
    const contributions = new Map<string, number>();
    let total = 0;
    for (const [id] of commits) {
      const c = this.input.commits.get(id)!;
      if (c.at > this.nowSec) continue;
      const person = this.personOf(c.a);
      total++;
      if (!person.isBot) contributions.set(person.key, (contributions.get(person.key) ?? 0) + 1);
      if (!this.inWindow(c.at, 180)) continue;
      commits180++;
      if (c.parents.length <= 1 && !person.isBot) bus.set(person.key, (bus.get(person.key) ?? 0) + 1);
    }
    const issues = repos
      .filter((r) => r.forge !== 'git' && r.hasIssues)
      .flatMap((r) => r.items.filter((i) => i.kind === 'issue').map((i) => ({ forge: r.forge as 'github' | 'gitlab', i })));
    for (const { forge, i } of issues) {
      if (Date.parse(i.createdAt) / 1000 > this.nowSec) continue;
      total++;
      if (!this.isBotLogin(forge, i.author)) {
        const key = accountKey(forge, i.author);
        contributions.set(key, (contributions.get(key) ?? 0) + 1);
      }
    }
    const members = new Set([...contributions].filter(([, n]) => total > 0 && n / total >= 0.05).map(([k]) => k));
    // Who closed or merged someone else's issue or pull request has the project's permissions: a member.
    for (const r of repos) {
      if (r.forge === 'git') continue;
      const forge = r.forge;
      for (const i of r.items) {
        const at = i.mergedAt ?? i.closedAt;
        if (!i.closedBy || !at || Date.parse(at) / 1000 > this.nowSec || this.isBotLogin(forge, i.closedBy)) continue;
        if (i.kind === 'issue' && !r.hasIssues) continue;
        const closer = accountKey(forge, i.closedBy);
        if (closer !== accountKey(forge, i.author)) members.add(closer);
      }
    }
    const isMember = (forge: 'github' | 'gitlab', login: string | null) =>
      login !== null && !this.isBotLogin(forge, login) && members.has(accountKey(forge, login));
    const ages: number[] = [];
    for (const { forge, i } of issues) {
      const created = Date.parse(i.createdAt) / 1000;
      if (!this.inWindow(created, 90) || isMember(forge, i.author)) continue;
      let first: number | null = null;
      const see = (login: string | null, iso: string | null) => {
        if (!iso || !isMember(forge, login)) return;
        const t = Date.parse(iso) / 1000;
        if (t < created || t > this.nowSec) return;
        if (first === null || t < first) first = t;
      };
      for (const c of i.comments) if (!c.system) see(c.author, c.createdAt);
      see(i.closedBy, i.closedAt);
      ages.push(((first ?? this.nowSec) - created) / DAY);
    }
    const reactionMeanDays = ages.length ? ages.reduce((a, b) => a + b, 0) / ages.length : null;
    const released180 =
      repos.some((r) => r.releases.some((x) => !x.draft && this.inWindow(Date.parse(x.publishedAt) / 1000, 180))) ||
      repos.some((r) => r.tags.some((t) => this.inWindow(t.at, 180)));
    const busFactor180 = factor([...bus.values()]);
    const forgeRead = repos.some((r) => r.forge !== 'git');
    const combine = (states: OpenCodeState[]): OpenCodeState =>
      states.length === 0 ? 'unknown' : states.includes('not-met') ? 'not-met' : states.includes('unknown') ? 'unknown' : 'met';
    const readable = (r: GRepo) => r.visibility === 'public' && r.head !== null;
    const protection = combine(
      allRepos
        .filter((r) => r.forge !== 'git')
        .map((r): OpenCodeState => {
          if (!readable(r)) return 'unknown';
          const prot = protectionOf(r);
          if (!prot) return 'not-met';
          if (prot.via === 'classic' || prot.settingsHidden) return 'unknown';
          return prot.forcePushBlocked ? 'met' : 'not-met';
        })
    );
    const security = combine(allRepos.map((r) => (!readable(r) ? 'unknown' : p.hasSecurity ? 'met' : 'not-met')));
    const licence = combine(allRepos.map((r) => (!readable(r) ? 'unknown' : 'met')));
    const criteria: OpenCodeTruth['criteria'] = {
      commits: commits180 >= 5 ? 'met' : 'not-met',
      'reaction-time': !forgeRead ? 'unknown' : reactionMeanDays === null || reactionMeanDays < 7 ? 'met' : 'not-met',
      release: released180 ? 'met' : 'not-met',
      'bus-factor': busFactor180 !== null && busFactor180 >= 2 ? 'met' : 'not-met',
      'branch-protection': protection,
      'security-policy': security,
      licence
    };
    const met = (...keys: (keyof OpenCodeTruth['criteria'])[]) => keys.every((k) => criteria[k] === 'met');
    const maintained = !met('commits', 'reaction-time') ? 'none' : !met('release') ? 'bronze' : !met('bus-factor') ? 'silver' : 'gold';
    return {
      commits180,
      reactionIssues: ages.length,
      reactionMeanDays,
      released180,
      busFactor180,
      criteria,
      maintained,
      security: met('reaction-time', 'branch-protection', 'security-policy') ? 1 : 0
    };
  }

  /**
   * The licence the report names (DESIGN §6): the forge's, except that a forge's bare GNU id
   * ("GPL-3.0", which cannot tell -only from -or-later) gives way to the precise id of a readable
   * publiccode.yml of the same family, and is otherwise reported as unspecified. The world's
   * LICENSE files carry GNU full texts only, which cannot tell either.
   */
  reportedLicence(forge: string | null, p: GProject): string | null {
    if (!forge || !/^(?:A|L)?GPL-\d\.\d$/.test(forge)) return forge;
    const current = p.licence.history[p.licence.history.length - 1];
    const declared = ['valid', 'outdated'].includes(p.publiccode.status) && current ? PUBLICCODE_LICENCE[current] : null;
    return declared && declared.startsWith(`${forge}-`) ? declared : `LicenseRef-allmende-${forge}-unspecified`;
  }

  /**
   * DESIGN §7 over all projects: rows of adopters (public bodies, research, civil society) are
   * reuse; observed rows of companies and IT service providers are Mitentwicklung; a provider
   * declared as a user is neither.
   */
  organisationEvidence(projects: GProject[], truths: Map<string, ProjectTruth>): { reuse: ReuseTruth[]; codevelopment: ReuseTruth[] } {
    const rows = this.evidenceRows(projects, truths);
    const adopter = (r: ReuseTruth) => ADOPTER_KINDS.has(this.orgKind.get(r.organisation) ?? '');
    return {
      reuse: rows.filter(adopter),
      codevelopment: rows.filter((r) => !adopter(r) && r.kind !== 'declared')
    };
  }

  /** Evidence that organisation O (not the owner) uses or works on project P, whatever O's kind. */
  private evidenceRows(projects: GProject[], truths: Map<string, ProjectTruth>): ReuseTruth[] {
    const rows: ReuseTruth[] = [];
    // Root commits of each project's repositories, to find mirrors/forks in other projects.
    const rootsOf = (p: GProject): Set<number> => {
      const s = new Set<number>();
      for (const ref of p.repos) {
        const r = this.repo(ref);
        if (r.visibility !== 'public') continue;
        for (const id of this.reachable(r)) if (this.input.commits.get(id)!.parents.length === 0) s.add(id);
      }
      return s;
    };
    const roots = new Map(projects.map((p) => [p.id, rootsOf(p)]));
    const evidence = this.affiliationEvidence(projects);
    const linked = this.linkedAccounts(projects);
    for (const p of projects) {
      const t = truths.get(p.id)!;
      if (!t.accessible) continue;
      // Reuse is by organisations other than the owner (DESIGN §7), declared rows too: a mirror's
      // publiccode.yml naming the mirror's owner as a user is not reuse of the mirror.
      for (const o of p.usedByCatalog)
        if (o !== p.owner) rows.push({ organisation: o, project: p.id, kind: 'declared', source: 'catalog', detail: 'usedBy', date: null });
      for (const o of p.publiccode.usedBy)
        if (o !== p.owner)
          rows.push({ organisation: o, project: p.id, kind: 'declared', source: 'publiccode', detail: 'usedBy', date: null });
      for (const ref of p.forks) {
        const fr = this.repo(ref);
        if (fr.ownerOrg !== p.owner && fr.visibility === 'public')
          rows.push({
            organisation: fr.ownerOrg,
            project: p.id,
            kind: 'fork',
            source: 'forge-fork',
            detail: ref,
            date: toIso(fr.createdAt)
          });
      }
      for (const q of projects) {
        if (q.id === p.id || q.owner === p.owner) continue;
        const qr = roots.get(q.id)!;
        const pr = roots.get(p.id)!;
        // q lists a mirror of one of p's repositories (same root commit; the direction is the
        // mirror's upstream). Forge forks are already rows of their own above.
        const mirror = q.repos
          .map((ref) => this.repo(ref))
          .find((r) => r.role === 'mirror' && r.upstream !== null && p.repos.includes(r.upstream) && r.visibility === 'public');
        if (mirror && [...pr].some((id) => qr.has(id))) {
          rows.push({
            organisation: q.owner,
            project: p.id,
            kind: 'fork',
            source: 'mirror',
            detail: mirror.ref,
            date: toIso(mirror.createdAt)
          });
        }
        if (q.publiccode.isBasedOn === p.id)
          rows.push({ organisation: q.owner, project: p.id, kind: 'isBasedOn', source: 'publiccode', detail: q.id, date: null });
      }
      // Contributions by people affiliated with other organisations, all time: commits by the email
      // used; issues, pull requests, comments and reviews by the author's person at that time.
      const contrib = new Map<string, { commits: number; items: number; comments: number; first: number }>();
      const count = (org: string | null, at: number, what: 'commits' | 'items' | 'comments'): void => {
        if (!org || org === p.owner) return;
        const e = contrib.get(org) ?? { commits: 0, items: 0, comments: 0, first: at };
        e[what]++;
        e.first = Math.min(e.first, at);
        contrib.set(org, e);
      };
      for (const [id, repo] of this.projectCommits(p)) {
        const c = this.input.commits.get(id)!;
        if (c.parents.length > 1 || this.personOf(c.a).isBot) continue;
        count(this.affiliation(this.effectiveEmail(repo, c.a)), c.at, 'commits');
      }
      for (const ref of p.repos) {
        const r = this.repo(ref);
        if (r.visibility !== 'public' || r.forge === 'git') continue;
        const forge = r.forge;
        const forgeContribution = (login: string | null, iso: string | null, what: 'items' | 'comments'): void => {
          if (!login || !iso) return;
          const person = linked[forge].get(login.toLowerCase());
          if (!person || person.isBot) return;
          const at = Date.parse(iso) / 1000;
          count(TruthCalculator.organisationAt(evidence.get(person.key), at), at, what);
        };
        for (const it of r.items) {
          forgeContribution(it.author, it.createdAt, 'items');
          for (const c of it.comments) if (!c.system) forgeContribution(c.author, c.createdAt, 'comments');
          for (const rv of reviewsOf(forge, it)) forgeContribution(rv.author, rv.at, 'comments');
          for (const c of it.reviewComments) forgeContribution(c.author, c.createdAt, 'comments');
        }
      }
      for (const [org, e] of [...contrib].sort((a, b) => a[0].localeCompare(b[0]))) {
        rows.push({
          organisation: org,
          project: p.id,
          kind: 'contribution',
          source: 'contributions',
          detail: `${e.commits} commits, ${e.items} issues/pull requests, ${e.comments} comments/reviews`,
          date: toIso(e.first)
        });
      }
    }
    return rows;
  }
}
