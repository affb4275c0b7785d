/**
 * The generator's own event lists: the source of the truth (truth.ts) and of the git streams
 * (gitwrite.ts). Times are unix seconds (UTC). Persisted as state.json next to the world so that
 * advanceWorld works in another process too.
 */
import type { ForgeKind, WorldItem, WorldRelease } from './model';
import type { Spdx } from './data';

export type Archetype = 'aktiv' | 'stabil' | 'abnehmend' | 'ruhend' | 'aufgegeben' | 'archiviert' | 'neu';
export type LifecycleState = 'aktiv' | 'stabil' | 'abnehmend' | 'ruhend' | 'aufgegeben' | 'archiviert';

/** One git identity (name, email) as written into commits, and the person behind it. */
export interface Identity {
  idx: number;
  name: string;
  email: string;
  person: string;
}

export interface GCommit {
  id: number;
  parents: number[];
  /** Identity index of the author. */
  a: number;
  /** Identity index of the committer. */
  c: number;
  /** Author time (unix seconds). */
  at: number;
  /** Committer time. */
  ct: number;
  msg: string;
  /** [path, content]; content null deletes the file. */
  ch: [string, string | null][];
}

export interface GTag {
  name: string;
  commit: number;
  annotated: boolean;
  /** Tagger time for annotated tags; the commit's committer time for lightweight ones. */
  at: number;
  tagger: number;
  message: string;
}

export interface MailmapEntry {
  properName: string;
  properEmail: string;
  commitName: string | null;
  commitEmail: string;
}

export type RepoForge = ForgeKind | 'git';

export interface GRepo {
  /** Catalog-style reference of the current location: github:owner/name, opencode:group/name, git:/abs/path. */
  ref: string;
  forge: RepoForge;
  /** Forge path (owner/name, group/sub/name) or the absolute gitDir for git: repositories. */
  path: string;
  /** The reference the catalog lists (an old path for renamed repositories). */
  catalogRef: string;
  previousPaths: string[];
  gitDir: string;
  defaultBranch: string;
  /** Commit ids in write (topological) order. */
  order: number[];
  /** Tip of the default branch, null for an empty repository. */
  head: number | null;
  /** Other branches (name → tip). */
  branches: { name: string; head: number }[];
  tags: GTag[];
  /** Mailmap entries present in the .mailmap at HEAD (written in the root commit). */
  mailmap: MailmapEntry[];
  archived: boolean;
  visibility: 'public' | 'private';
  hasIssues: boolean;
  role: 'primary' | 'mirror' | 'fork';
  /** Ref of the upstream repository (forks and mirrors). */
  upstream: string | null;
  ownerOrg: string;
  createdAt: number;
  description: string | null;
  topics: string[];
  licenseSpdx: Spdx | null;
  stars: number;
  items: WorldItem[];
  releases: WorldRelease[];
  /** Filled after writing: sha of HEAD and of the root commits. */
  headSha: string | null;
  rootShas: string[];
  /** Forge repository id once assigned. */
  forgeId: number;
}

import type { WorldReadinessFile } from './readiness';

export type PubliccodeStatus = 'valid' | 'outdated' | 'invalid-yaml' | 'wrong-types' | 'alias-bomb' | 'missing';

export interface GProject {
  id: string;
  name: string;
  owner: string;
  archetype: Archetype;
  /** Listed under projects in the catalog (false: found through discover or only a fork). */
  catalog: boolean;
  discoveredFrom: string | null;
  concentration: 'person' | 'organisation' | null;
  /** Refs of the project's repositories (primary first, then mirrors), as in the catalog. */
  repos: string[];
  /** Refs of forge forks of the project's repositories (owned by other organisations). */
  forks: string[];
  usedByCatalog: string[];
  publiccode: { status: PubliccodeStatus; version: string | null; usedBy: string[]; isBasedOn: string | null };
  licence: { history: Spdx[] };
  hasSecurity: boolean;
  hasContributing: boolean;
  /** Optional well-known files of the reuse checklist (tests/world/readiness.ts): key → path found. */
  readinessFiles: Partial<Record<WorldReadinessFile, string>>;
  /** Next local commit number; commit ids are projectIndex * 1e6 + local. */
  nextLocal: number;
  index: number;
  /** Persons (keys) who maintain the project: answer issues, review, merge, release. */
  maintainers: string[];
  /** Persons with commit weights. */
  team: { person: string; weight: number }[];
  files: string[];
}

export interface GPersonAccount {
  login: string;
  id: number;
}

export interface GPerson {
  key: string;
  name: string;
  isBot: boolean;
  employment: { org: string | null; from: string }[];
  /** Identity indexes with their usage: work identities are bound to an employment period. */
  identities: {
    idx: number;
    kind: 'work' | 'personal' | 'noreply' | 'generic' | 'variant' | 'bot';
    org: string | null;
    from: number;
    to: number;
    weight: number;
  }[];
  github: GPersonAccount | null;
  gitlab: GPersonAccount | null;
  /** Citizens and other reporters who only open issues. */
  role: 'developer' | 'reporter' | 'bot';
}

export interface WorldState {
  version: 1;
  now: number;
  identities: Identity[];
  persons: GPerson[];
  projects: GProject[];
  repos: GRepo[];
  /** All commits by id (serialised as an array). */
  commits: Map<number, GCommit>;
  /** Forge id counters, so that advance continues them. */
  counters: Record<string, number>;
  advanceCount: number;
}
