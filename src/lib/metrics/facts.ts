/**
 * The plain fact inputs of the metrics: rows of db/schema.ts (as Picks of the inferred row types)
 * with every identity reference already resolved to an Actor — the person behind it, whether that
 * person is a bot, and the organisation the contribution is affiliated with (DESIGN §5: affiliation
 * is per contribution, not per person — commits by the email domain used, forge-account contributions
 * by the person's email-affiliated commits nearest in time; src/lib/identity/affiliation.ts).
 *
 * Times are integer seconds since the epoch (UTC), as in the database.
 */
import type { Comment, Commit, Fork, Item, LicenceVersion, Organisation, Release, Repository, Tag } from '../../../db/schema';

/** Who did something: a resolved person, never an email. */
export interface Actor {
  /** The person (persons.id); an identity without a person gets a stable negative id. */
  personId: number;
  isBot: boolean;
  /** The organisation this contribution is affiliated with, null = „ohne Zuordnung“. */
  organisationId: string | null;
}

export type CommitFact = Pick<Commit, 'hash' | 'authorDate' | 'parentCount'> & { author: Actor };

export type ItemFact = Pick<Item, 'repositoryId' | 'kind' | 'number' | 'state' | 'createdAt' | 'closedAt' | 'mergedAt'> & {
  author: Actor | null;
  closedBy: Actor | null;
};

export type CommentFact = Pick<Comment, 'repositoryId' | 'kind' | 'itemKind' | 'itemNumber' | 'createdAt' | 'system'> & {
  author: Actor | null;
};

export type ReleaseFact = Pick<Release, 'tagName' | 'name' | 'createdAt' | 'publishedAt' | 'prerelease'>;

export type TagFact = Pick<Tag, 'name' | 'taggedAt'>;

export type LicenceVersionFact = Pick<LicenceVersion, 'repositoryId' | 'commitHash' | 'committedAt' | 'path' | 'spdx'>;

export type ForkFact = Pick<Fork, 'repositoryId' | 'forkKey' | 'ownerAccount' | 'createdAt' | 'pushedAt' | 'aheadBy'>;

export type RepositoryFact = Pick<
  Repository,
  | 'id'
  | 'key'
  | 'forgeId'
  | 'path'
  | 'webUrl'
  | 'cloneUrl'
  | 'description'
  | 'defaultBranch'
  | 'archived'
  | 'isFork'
  | 'forkParent'
  | 'licenseSpdx'
  | 'hasIssues'
  | 'createdAt'
  | 'rootCommits'
  | 'headCommit'
  | 'forgeRepoId'
  | 'licenseFileSpdx'
  | 'licenseDeclared'
  | 'hasLicenseFile'
  | 'hasSecurityPolicy'
  | 'hasPubliccode'
  | 'publiccode'
  | 'publiccodeError'
  | 'branchProtection'
  | 'wellKnownFiles'
  | 'releasesCapped'
  | 'lastCollectedAt'
  | 'lastSuccessAt'
  | 'lastError'
>;

export type OrganisationFact = Pick<Organisation, 'id' | 'name' | 'kind' | 'accounts'> & Partial<Pick<Organisation, 'region' | 'domains'>>;

/** A repository of another project that shares a root commit with one of this project's repositories. */
export interface RelatedRepositoryFact {
  repositoryId: number;
  key: string;
  forgeId: string;
  path: string;
  projectId: string;
  /** Owner of the other project. */
  projectOwnerId: string | null;
  /** Organisation owning the forge account the repository lives in, when known. */
  accountOrganisationId: string | null;
  createdAt: number | null;
  isFork: boolean | null;
  forkParent: string | null;
  /** The repository of this project it shares the root commit with. */
  sharesRootWith: number;
  /** Commits of the other repository that are not in this project (null = not computed). */
  aheadBy: number | null;
  firstCommitAt: number | null;
}

/** Another project's publiccode.yml isBasedOn entries (for §7 reuse). */
export interface BasedOnFact {
  projectId: string;
  projectName: string;
  ownerId: string | null;
  isBasedOn: string[];
}
