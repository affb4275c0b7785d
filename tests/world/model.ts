/**
 * The offline forge world: the in-memory model that the world generator (tests/world/generate.ts)
 * builds and the forge emulator (tests/emulator/) serves as GitHub REST v3 and GitLab v4.
 *
 * Everything here is what a forge knows. Times are ISO 8601 UTC strings ("2026-11-23T04:10:00Z").
 * Ids are the forge's own numeric ids, unique per forge and per entity type.
 * The git side of each repository is a real bare repository on disk (`gitDir`), written by the
 * generator with git fast-import; the emulator never invents commits.
 */

export type ForgeKind = 'github' | 'gitlab';

export type OrganisationKind =
  'municipality' | 'county' | 'state' | 'federal' | 'it-service-provider' | 'company' | 'research' | 'civil-society';

/** A forge account: a user, a bot user, a GitHub organisation or a GitLab group (subgroups via parentPath). */
export interface WorldAccount {
  forge: ForgeKind;
  id: number;
  /** GitHub login / GitLab username, or for groups the full group path ("ulm" or "ulm/digital"). */
  login: string;
  type: 'User' | 'Bot' | 'Organization' | 'Group';
  /** Display name as the forge shows it; may be null. Untrusted text. */
  name: string | null;
  /** Only groups: the parent group's full path. */
  parentPath?: string;
  createdAt: string;
}

export interface WorldComment {
  id: number;
  /** Login of the author account on the same forge. */
  author: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  /** GitLab only: system notes ("changed the description", "closed"). */
  system?: boolean;
}

export interface WorldReview {
  id: number;
  author: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  body: string;
  submittedAt: string;
}

/** An issue or a pull request (GitHub) / merge request (GitLab). */
export interface WorldItem {
  /** GitHub: global id; GitLab: global id of the issue or merge request. */
  id: number;
  /** GitHub: number (shared between issues and PRs); GitLab: iid (separate for issues and MRs). */
  number: number;
  kind: 'issue' | 'pull';
  title: string;
  body: string;
  author: string;
  state: 'open' | 'closed' | 'merged';
  labels: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  closedBy: string | null;
  /** Issue comments (GitHub) / notes (GitLab, system notes included). */
  comments: WorldComment[];
  /** Pull requests only, GitHub only: reviews and review (diff) comments. */
  reviews: WorldReview[];
  reviewComments: WorldComment[];
}

export interface WorldRelease {
  id: number;
  tagName: string;
  name: string;
  body: string;
  author: string;
  createdAt: string;
  publishedAt: string;
  draft: boolean;
  prerelease: boolean;
}

export interface WorldRepository {
  forge: ForgeKind;
  id: number;
  /** Full path: GitHub "owner/name", GitLab "group/subgroup/name". */
  path: string;
  /** Earlier paths that redirect here (GitHub 301, GitLab redirect). */
  previousPaths: string[];
  description: string | null;
  defaultBranch: string;
  archived: boolean;
  /** Private or deleted repositories answer 404 to unauthenticated/foreign tokens. */
  visibility: 'public' | 'private';
  licenseSpdx: string | null;
  topics: string[];
  hasIssues: boolean;
  createdAt: string;
  pushedAt: string;
  /** Full path of the upstream on the same forge when this repository is a forge fork. */
  forkOf: string | null;
  /** Absolute path of a real bare git repository holding this repository's commits and tags. */
  gitDir: string;
  items: WorldItem[];
  releases: WorldRelease[];
  /** Fork counts, stars etc. the forge reports. */
  stars: number;
  /** GitLab: groups (full paths) this project is shared into; their project lists show it unless with_shared=false. */
  sharedWith?: string[];
  /**
   * The default branch's protection; absent: unprotected. GitHub: classic branch protection (its
   * force-push setting visible to admins only) or a ruleset (its rules visible to readers); GitLab:
   * a protected branch whose settings some readers are refused (`settingsHidden`).
   */
  protection?: {
    via: 'classic' | 'ruleset' | 'protected-branch';
    forcePushBlocked: boolean;
    pushAccessLevel?: number;
    settingsHidden?: boolean;
  };
}

export interface WorldForge {
  kind: ForgeKind;
  accounts: WorldAccount[];
  repositories: WorldRepository[];
  /** Tokens the emulator accepts, each with its own rate-limit budget per hour. */
  tokens: string[];
}

/** A person of the world, behind any number of git identities and forge accounts. */
export interface WorldPerson {
  key: string;
  name: string;
  isBot: boolean;
  /** Organisation ids over time: [{ org, from }] sorted by from; null org = no affiliation. */
  employment: { org: string | null; from: string }[];
}

export interface World {
  seed: string;
  size: 'tiny' | 'demo' | 'bench';
  /** "Today" in the world: collection and derive run as of this instant. */
  now: string;
  /** Root directory of the world on disk (bare repositories below it). */
  dir: string;
  github: WorldForge;
  gitlab: WorldForge;
  people: WorldPerson[];
  /** The catalog allmende should use for this world (a JS object in DESIGN §3 form, forges left out). */
  catalog: Record<string, unknown>;
}
