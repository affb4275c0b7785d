/**
 * The database schema: catalog rows, facts from the forges, collection bookkeeping and snapshots.
 *
 * Facts are keyed by the forge's own ids (plus the repository they belong to). Times are stored as
 * integer seconds since the epoch (UTC); dates of snapshots as "YYYY-MM-DD" text.
 * Personal data: an email is never stored, only its keyed hash and its domain (DESIGN §5).
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { DeclaredLicences } from '../src/lib/licence/headers';
import type { ChangeKind, ProjectChange } from '../src/lib/reports/changes';
import type { WellKnownFiles } from '../src/lib/repository-files';

/** What a forge tells a reader without admin rights about the default branch's protection (openCode Security). */
export interface BranchProtection {
  /** true/false as the forge says; null: the forge does not tell this reader. */
  protected: boolean | null;
  /** Force pushes blocked; null: not visible without admin rights. */
  forcePushBlocked: boolean | null;
  /** The forge endpoint(s) the answer came from, e.g. "github:branches", "github:rules", "gitlab:protected_branches". */
  source: string;
  /** Seconds since the epoch when it was read. */
  checkedAt: number;
  /** The branch asked about (the default branch when it was read): a new default branch is read again. */
  branch?: string;
  /** GitLab: the lowest access level allowed to push (30 Developer, 40 Maintainer …); absent elsewhere or not visible. */
  minPushAccessLevel?: number | null;
  /**
   * The forge's answers as read (null: refused), kept so that a conditional re-read answered 304
   * for one of the two requests can be combined with the other's fresh answer.
   */
  answers?: { branch: { protected: boolean } | null; detail: unknown };
}

const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
const flag = (name: string) => integer(name, { mode: 'boolean' });

// ─── Catalog ──────────────────────────────────────────────────────────────────────────────────

export const forges = sqliteTable('forges', {
  id: text('id').primaryKey(),
  type: text('type', { enum: ['github', 'gitlab', 'git'] }).notNull(),
  apiUrl: text('api_url'),
  cloneUrl: text('clone_url'),
  /** Name of the environment variable holding the token; the token itself is never stored. */
  tokenEnv: text('token_env')
});

export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', {
    enum: ['municipality', 'county', 'state', 'federal', 'it-service-provider', 'company', 'research', 'civil-society']
  }).notNull(),
  region: text('region'),
  ags: text('ags'),
  domains: json<string[]>('domains').notNull().default([]),
  /** Forge accounts the organisation owns, as "forge:path" (github:stadt-ulm, opencode:ulm). */
  accounts: json<string[]>('accounts').notNull().default([])
});

export const projects = sqliteTable(
  'projects',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    ownerId: text('owner_id').references(() => organisations.id),
    /** Declared reuse from the catalog: organisation ids. */
    usedBy: json<string[]>('used_by').notNull().default([]),
    /** 'catalog' or the discover account ("github:stadt-ulm") that produced it. */
    source: text('source').notNull().default('catalog'),
    /**
     * The project's place among all projects by name as German readers sort them (numbers by value,
     * ties by id; src/lib/german-order.ts), so that lists sort and page in SQL, whose collations are
     * not German. Written with the catalog (jobs/store/project-order.ts).
     */
    nameOrder: integer('name_order'),
    /**
     * The forges of the project's repositories, sorted, comma-separated ("github,opencode"): what the
     * Übersicht shows and filters by, without a join per project. Written with the catalog, the
     * source of the repositories (jobs/store/project-order.ts).
     */
    forges: text('forges')
  },
  // An organisation's projects (its feed of changes, its page); lists by name.
  (t) => [index('projects_owner').on(t.ownerId), index('projects_name_order').on(t.nameOrder)]
);

export const repositories = sqliteTable(
  'repositories',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The catalog reference: "github:owner/name", "opencode:group/name", "git:<url or path>". */
    key: text('key').notNull(),
    forgeId: text('forge_id').notNull(),
    /** Path on the forge (owner/name, group/sub/name) or the URL/path for git: repositories. */
    path: text('path').notNull(),
    /** The forge's own id of the repository, once known (survives renames). */
    forgeRepoId: text('forge_repo_id'),
    cloneUrl: text('clone_url').notNull(),
    webUrl: text('web_url'),
    description: text('description'),
    defaultBranch: text('default_branch'),
    archived: flag('archived'),
    isFork: flag('is_fork'),
    /** "forge:path" of the upstream when the forge says this is a fork. */
    forkParent: text('fork_parent'),
    licenseSpdx: text('license_spdx'),
    topics: json<string[]>('topics'),
    /** null: unknown (git-only); false: the forge has the issue tracker disabled. */
    hasIssues: flag('has_issues'),
    createdAt: integer('created_at'),
    pushedAt: integer('pushed_at'),
    /** Root commit hashes of the default branch: repositories sharing one are one family. */
    rootCommits: json<string[]>('root_commits'),
    headCommit: text('head_commit'),
    /**
     * The clone's refs (HEAD, packed and loose refs) after the last complete git collection, with the
     * version of what it reads (jobs/collectors/git.ts gitState): while they are the same, tags and
     * files are not read again.
     */
    gitState: text('git_state'),
    /** Presence of well-known files in the default branch's tip, read from the clone. */
    hasLicenseFile: flag('has_license_file'),
    licenseFileSpdx: text('license_file_spdx'),
    /**
     * What the files declare (src/lib/licence/headers.ts): SPDX-License-Identifier headers of a
     * sample of files, REUSE.toml, .reuse/dep5; null: not read.
     */
    licenseDeclared: json<DeclaredLicences>('license_declared'),
    hasSecurityPolicy: flag('has_security_policy'),
    hasContributing: flag('has_contributing'),
    hasPubliccode: flag('has_publiccode'),
    /**
     * The files of the default branch's tip that reuse readiness asks for (README, CONTRIBUTING,
     * CODE_OF_CONDUCT, GOVERNANCE, CHANGELOG, ROADMAP, AUTHORS, documentation …): key → path found.
     * Read from the clone; null: not read.
     */
    wellKnownFiles: json<WellKnownFiles>('well_known_files'),
    /** The default branch's protection as the forge shows it to a reader without admin rights; null: not read. */
    branchProtection: json<BranchProtection>('branch_protection'),
    /** The parsed publiccode.yml (the fields of DESIGN §4) when valid. */
    publiccode: json<Record<string, unknown>>('publiccode'),
    /** Why publiccode.yml is invalid, when it is. */
    publiccodeError: text('publiccode_error'),
    /**
     * The forge lists only this many releases and refuses the rest (GitHub: "Only the first 1000
     * results are available"); null when the list was read in full. Totals then come from the tags.
     */
    releasesCapped: integer('releases_capped'),
    lastCollectedAt: integer('last_collected_at'),
    lastSuccessAt: integer('last_success_at'),
    lastError: text('last_error'),
    lastErrorSince: integer('last_error_since')
  },
  (t) => [
    uniqueIndex('repositories_key').on(t.key),
    index('repositories_forge_repo').on(t.forgeId, t.forgeRepoId),
    // „Zuletzt erhoben“ in every page's footer: the newest success without a scan of all repositories.
    index('repositories_last_success').on(t.lastSuccessAt)
  ]
);

export const projectRepositories = sqliteTable(
  'project_repositories',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    repositoryId: integer('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' })
  },
  (t) => [primaryKey({ columns: [t.projectId, t.repositoryId] }), index('project_repositories_repo').on(t.repositoryId)]
);

// ─── People ───────────────────────────────────────────────────────────────────────────────────

/**
 * A distinct (name, email) of a commit author after .mailmap, or a forge account (login).
 * The email itself is never stored; the facts the identity rules need from it are derived once,
 * at collection time, and kept here.
 */
export const identities = sqliteTable(
  'identities',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** 'git' for commit authors; otherwise the forge id of the account (github, opencode …). */
    source: text('source').notNull(),
    name: text('name').notNull().default(''),
    /** Forge login; '' for commit authors (NULLs would defeat the unique index). */
    login: text('login').notNull().default(''),
    forgeUserId: text('forge_user_id'),
    /** Keyed hash (HMAC-SHA256) of the trimmed, lowercased email; '' when there is none. */
    emailHash: text('email_hash').notNull().default(''),
    emailDomain: text('email_domain'),
    /** The email is generic (root@…, noreply@github.com, localhost …) and joins nobody. */
    emailGeneric: flag('email_generic').notNull().default(false),
    /** From a GitHub noreply address: the numeric user id and the login. */
    noreplyId: text('noreply_id'),
    noreplyLogin: text('noreply_login'),
    /** The email is a known bot address or contains "[bot]". */
    emailBot: flag('email_bot').notNull().default(false),
    /** The forge says the account is a bot (GitHub type "Bot", GitLab bot flag). */
    forgeBot: flag('forge_bot').notNull().default(false),
    personId: integer('person_id').references(() => persons.id, { onDelete: 'set null' })
  },
  (t) => [
    uniqueIndex('identities_natural').on(t.source, t.name, t.emailHash, t.login),
    index('identities_person').on(t.personId),
    // An organisation's commit authors (its report): the identities of its domains.
    index('identities_email_domain').on(t.emailDomain)
  ]
);

/**
 * Persons forgotten on request (DSGVO Art. 17, `allmende forget`), kept only as keyed hashes of the
 * email, forge login (with its forge) or name, so that later collections map them to the request's
 * anonymous identity instead of bringing them back (jobs/store/forgotten.ts).
 */
export const forgottenSubjects = sqliteTable(
  'forgotten_subjects',
  {
    kind: text('kind', { enum: ['email', 'login', 'name'] }).notNull(),
    keyHash: text('key_hash').notNull(),
    requestId: integer('request_id').notNull(),
    createdAt: integer('created_at').notNull()
  },
  (t) => [primaryKey({ columns: [t.kind, t.keyHash] })]
);

/** Persons are resolved from identities by the derive step (DESIGN §5) and rebuilt each time. */
export const persons = sqliteTable(
  'persons',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Stable key derived from the person's identities, survives re-resolution. */
    key: text('key').notNull(),
    /** Shown in person-level views unless privacy.showNames. */
    pseudonym: text('pseudonym').notNull(),
    displayName: text('display_name').notNull(),
    isBot: flag('is_bot').notNull().default(false)
  },
  (t) => [uniqueIndex('persons_key').on(t.key)]
);

/**
 * The organisation of a forge account's contributions over time (DESIGN §5, the rule in
 * src/lib/identity/affiliation.ts): accounts without an affiliating email of their own follow their
 * known membership, else their person's email-affiliated commits. Written by the derive step (in its
 * transaction, replacing all rows) so that queries for any period read it instead of recomputing.
 * A contribution at time t belongs to the row with (from_at is null or from_at <= t) and (to_at is
 * null or t < to_at); an account without rows is „ohne Zuordnung“.
 */
export const accountAffiliations = sqliteTable(
  'account_affiliations',
  {
    identityId: integer('identity_id')
      .notNull()
      .references(() => identities.id, { onDelete: 'cascade' }),
    fromAt: integer('from_at'),
    toAt: integer('to_at'),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' })
  },
  (t) => [
    index('account_affiliations_identity').on(t.identityId, t.fromAt),
    index('account_affiliations_organisation').on(t.organisationId)
  ]
);

// ─── Facts from git ───────────────────────────────────────────────────────────────────────────

export const commits = sqliteTable(
  'commits',
  {
    repositoryId: integer('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    hash: text('hash').notNull(),
    authorIdentityId: integer('author_identity_id')
      .notNull()
      .references(() => identities.id),
    authorDate: integer('author_date').notNull(),
    committerDate: integer('committer_date').notNull(),
    parentCount: integer('parent_count').notNull()
  },
  (t) => [
    primaryKey({ columns: [t.repositoryId, t.hash] }),
    // A person's or an organisation's commits in a period, and derive's affiliation timelines from the
    // index alone (date and merge flag in it): no lookup into the table for each of 5 million commits.
    index('commits_author').on(t.authorIdentityId, t.authorDate, t.parentCount),
    index('commits_repo_date').on(t.repositoryId, t.authorDate)
  ]
);

export const tags = sqliteTable(
  'tags',
  {
    repositoryId: integer('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    commitHash: text('commit_hash').notNull(),
    /** Tagger date for annotated tags, else the commit's committer date. */
    taggedAt: integer('tagged_at').notNull()
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.name] })]
);

/** Versions of the licence file along the default branch (to detect licence changes). */
export const licenceHistory = sqliteTable(
  'licence_history',
  {
    repositoryId: integer('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    commitHash: text('commit_hash').notNull(),
    committedAt: integer('committed_at').notNull(),
    path: text('path').notNull(),
    /** SPDX id detected from the file's text, null when unrecognised or deleted. */
    spdx: text('spdx')
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.commitHash, t.path] })]
);

// ─── Facts from the forges ────────────────────────────────────────────────────────────────────

/** Issues and pull/merge requests. */
export const items = sqliteTable(
  'items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    repositoryId: integer('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['issue', 'pull'] }).notNull(),
    /** GitHub number / GitLab iid. */
    number: integer('number').notNull(),
    forgeItemId: text('forge_item_id').notNull(),
    title: text('title').notNull(),
    state: text('state', { enum: ['open', 'closed', 'merged'] }).notNull(),
    authorIdentityId: integer('author_identity_id').references(() => identities.id),
    labels: json<string[]>('labels').notNull().default([]),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    closedAt: integer('closed_at'),
    mergedAt: integer('merged_at'),
    closedByIdentityId: integer('closed_by_identity_id').references(() => identities.id),
    commentCount: integer('comment_count').notNull().default(0)
  },
  (t) => [
    uniqueIndex('items_natural').on(t.repositoryId, t.kind, t.number),
    index('items_repo_created').on(t.repositoryId, t.createdAt),
    // A forge account's issues and pull requests in a period (the organisation report).
    index('items_author').on(t.authorIdentityId, t.createdAt)
  ]
);

/** Comments, reviews, review comments and notes on items. */
export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    repositoryId: integer('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['comment', 'review', 'review_comment', 'note'] }).notNull(),
    forgeCommentId: text('forge_comment_id').notNull(),
    itemKind: text('item_kind', { enum: ['issue', 'pull'] }).notNull(),
    itemNumber: integer('item_number').notNull(),
    authorIdentityId: integer('author_identity_id').references(() => identities.id),
    createdAt: integer('created_at').notNull(),
    /** GitLab system notes ("closed", "changed the description") are not responses by a person. */
    system: flag('system').notNull().default(false)
  },
  (t) => [
    uniqueIndex('comments_natural').on(t.repositoryId, t.kind, t.forgeCommentId),
    index('comments_item').on(t.repositoryId, t.itemKind, t.itemNumber),
    // A forge account's comments and reviews in a period (the organisation report).
    index('comments_author').on(t.authorIdentityId, t.createdAt)
  ]
);

export const releases = sqliteTable(
  'releases',
  {
    repositoryId: integer('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    forgeReleaseId: text('forge_release_id').notNull(),
    tagName: text('tag_name').notNull(),
    name: text('name'),
    authorIdentityId: integer('author_identity_id').references(() => identities.id),
    createdAt: integer('created_at').notNull(),
    publishedAt: integer('published_at'),
    prerelease: flag('prerelease').notNull().default(false)
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.forgeReleaseId] })]
);

export const forks = sqliteTable(
  'forks',
  {
    repositoryId: integer('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    /** "forge:path" of the fork. */
    forkKey: text('fork_key').notNull(),
    forgeRepoId: text('forge_repo_id').notNull(),
    ownerAccount: text('owner_account').notNull(),
    /** Where git can fetch the fork from, to count its own commits. */
    cloneUrl: text('clone_url'),
    createdAt: integer('created_at'),
    pushedAt: integer('pushed_at'),
    /** Commits of the fork's default branch not in the upstream, where known. */
    aheadBy: integer('ahead_by')
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.forkKey] })]
);

// ─── Collection bookkeeping ───────────────────────────────────────────────────────────────────

/** ETag per URL for conditional requests (DESIGN §4). */
export const httpCache = sqliteTable(
  'http_cache',
  {
    forgeId: text('forge_id').notNull(),
    url: text('url').notNull(),
    etag: text('etag'),
    lastModified: text('last_modified'),
    fetchedAt: integer('fetched_at').notNull()
  },
  (t) => [primaryKey({ columns: [t.forgeId, t.url] })]
);

/** Resume points per repository and resource; advanced in the transaction that stores the page. */
export const cursors = sqliteTable(
  'cursors',
  {
    repositoryId: integer('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    resource: text('resource').notNull(),
    value: text('value').notNull(),
    updatedAt: integer('updated_at').notNull()
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.resource] })]
);

/** A run's state and what started it (their German words: src/lib/labels.ts). */
export const RUN_STATUSES = ['running', 'ok', 'partial', 'failed', 'interrupted'] as const;
export const RUN_TRIGGERS = ['cli', 'schedule', 'demo', 'test'] as const;

export const collectionRuns = sqliteTable('collection_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: integer('started_at').notNull(),
  finishedAt: integer('finished_at'),
  status: text('status', { enum: RUN_STATUSES }).notNull(),
  trigger: text('trigger', { enum: RUN_TRIGGERS }).notNull(),
  pid: integer('pid'),
  repositoriesTotal: integer('repositories_total').notNull().default(0),
  repositoriesDone: integer('repositories_done').notNull().default(0),
  error: text('error'),
  /** What the people running allmende should know about this run (e.g. a forge without token), in German. */
  notices: json<string[]>('notices').notNull().default([])
});

export const runRepositories = sqliteTable(
  'run_repositories',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => collectionRuns.id, { onDelete: 'cascade' }),
    repositoryId: integer('repository_id')
      .notNull()
      .references(() => repositories.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    startedAt: integer('started_at').notNull(),
    finishedAt: integer('finished_at'),
    status: text('status', { enum: ['running', 'ok', 'failed'] }).notNull(),
    requests: integer('requests').notNull().default(0),
    notModified: integer('not_modified').notNull().default(0),
    items: integer('items').notNull().default(0),
    error: text('error')
  },
  (t) => [primaryKey({ columns: [t.runId, t.repositoryId, t.source] })]
);

export const rateLimits = sqliteTable('rate_limits', {
  forgeId: text('forge_id').primaryKey(),
  limit: integer('limit'),
  remaining: integer('remaining'),
  resetAt: integer('reset_at'),
  observedAt: integer('observed_at').notNull()
});

/** A lock that survives a crashed process: stale when its heartbeat is older than its ttl. */
export const locks = sqliteTable('locks', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  acquiredAt: integer('acquired_at').notNull(),
  heartbeatAt: integer('heartbeat_at').notNull(),
  ttlSeconds: integer('ttl_seconds').notNull()
});

// ─── Snapshots (written by derive, read by the dashboard) ─────────────────────────────────────

/**
 * The fingerprint of the facts a project's month-end history was computed from (derive,
 * jobs/derive/history-facts.ts): when the facts dated before the current month change, or a new month
 * begins, the history is computed again. One row per project, so derive reads it in one small query.
 */
export const projectHistoryFacts = sqliteTable('project_history_facts', {
  projectId: text('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  fingerprint: text('fingerprint').notNull()
});

export const projectSnapshots = sqliteTable(
  'project_snapshots',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    asOf: text('as_of').notNull(),
    lifecycle: text('lifecycle').notNull(),
    /** null: "nicht bewertbar" (coverage below 40 %). */
    score: real('score'),
    coverage: real('coverage').notNull(),
    /** The full project report (DESIGN §8 `report --json`). */
    report: json<Record<string, unknown>>('report').notNull()
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.asOf] }),
    index('project_snapshots_as_of').on(t.asOf),
    // The Übersicht's sparklines (1,200 scores a page) from the index alone, not from the rows with their reports.
    index('project_snapshots_scores').on(t.projectId, t.asOf, t.score)
  ]
);

/**
 * One row per project: the figures of its newest full report that lists of all projects show (the
 * Übersicht, the search, /api/projects), written by derive with the report (jobs/derive/listing.ts),
 * so that listing 10,000 projects reads 10,000 small rows instead of the newest reports (about 14 kB
 * each) or the snapshot rows they sit in. Integers 1/0 for yes/no; null where the report has no figure.
 */
export const projectListings = sqliteTable('project_listings', {
  projectId: text('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  /** The snapshot the row lists. */
  asOf: text('as_of').notNull(),
  lifecycle: text('lifecycle').notNull(),
  score: real('score'),
  coverage: real('coverage').notNull(),
  isNew: integer('is_new').notNull(),
  activeContributors: integer('active_contributors'),
  /** Organisations with human contributions in the window, without „ohne Zuordnung“. */
  organisationCount: integer('organisation_count'),
  licence: text('licence'),
  /** 1: every item of „Bereit zur Nachnutzung?“ met, 0: not, null: no verdict. */
  reuseReady: integer('reuse_ready'),
  /** Distinct organisations with reuse evidence (never the owner), … of which observed. */
  reuseOrganisations: integer('reuse_organisations').notNull(),
  reuseObserved: integer('reuse_observed').notNull(),
  /** … of which municipalities and counties, … of which observed. */
  reuseMunicipalities: integer('reuse_municipalities').notNull(),
  reuseMunicipalitiesObserved: integer('reuse_municipalities_observed').notNull()
});

/**
 * The reuse evidence (DESIGN §7) of every project's newest full report, one row per piece of
 * evidence in the report's order, without the owner's own use. Written by derive in the snapshots' transaction
 * (jobs/derive/reuse-evidence.ts), so that the reuse view and /api/reuse aggregate and page in SQL
 * instead of parsing every report.
 */
export const reuseEvidence = sqliteTable(
  'reuse_evidence',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** Position in the report's reuse list. */
    position: integer('position').notNull(),
    /** The snapshot the row comes from. */
    asOf: text('as_of').notNull(),
    organisationId: text('organisation_id').notNull(),
    organisationName: text('organisation_name').notNull(),
    kind: text('kind').notNull(),
    strength: text('strength', { enum: ['erklärt', 'beobachtet'] }).notNull(),
    detail: text('detail').notNull(),
    source: text('source').notNull(),
    date: text('date')
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.position] }),
    index('reuse_evidence_pair').on(t.projectId, t.organisationId),
    index('reuse_evidence_organisation').on(t.organisationId, t.projectId)
  ]
);

/**
 * One row per reusing organisation and project of `reuse_evidence`: observed with at least one
 * observed piece of evidence, and how many pieces there are. Written with it; the reuse view counts,
 * ranks and pages these.
 */
export const reusePairs = sqliteTable(
  'reuse_pairs',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull(),
    /** 1: at least one observed piece of evidence (beobachtet), 0: declared only (erklärt). */
    observed: integer('observed').notNull(),
    evidence: integer('evidence').notNull()
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.organisationId] }),
    index('reuse_pairs_organisation').on(t.organisationId),
    // Strongest first (observed, then most evidence), ties by id: the order the view pages in.
    index('reuse_pairs_rank').on(sql`${t.observed} DESC`, sql`${t.evidence} DESC`, t.projectId, t.organisationId)
  ]
);

/**
 * What changed between a project's previous full report and its new one (src/lib/reports/changes.ts):
 * Zustand, new and resolved Hinweise, releases, new reuse. Written by derive in the snapshots'
 * transaction (jobs/derive/changes.ts), replacing the project's rows of the snapshot day, so that the
 * Atom feeds and the overview's „Was hat sich geändert“ page a small index instead of comparing
 * reports. No person: lifecycles, finding titles, release names and organisations only.
 */
export const projectChanges = sqliteTable(
  'project_changes',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The snapshot day whose comparison recorded the change. */
    asOf: text('as_of').notNull(),
    kind: text('kind').$type<ChangeKind>().notNull(),
    /** Natural key within project, day and kind: finding key, release name and date, organisation id; '' for the Zustand. */
    subject: text('subject').notNull(),
    /** YYYY-MM-DD: the snapshot day, or the release's own date. */
    date: text('date').notNull(),
    detail: json<ProjectChange['detail']>('detail').notNull()
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.asOf, t.kind, t.subject] }),
    // A project's feed, newest first; an organisation's through projects_owner.
    index('project_changes_project_date').on(t.projectId, sql`${t.date} DESC`),
    // The catalog's feed and the overview, newest first.
    index('project_changes_date').on(sql`${t.date} DESC`)
  ]
);

// Monthly contribution counts, written by derive in the snapshots' transaction
// (jobs/derive/contribution-months.ts) from the facts and affiliations its reports used: the
// organisation report for any period sums the whole calendar months (UTC) of the period here and
// counts only the days before and after them from the facts (src/lib/server/organisation-report.ts).
// `month` is the epoch second of the month's first day, 00:00 UTC. Human contributions only
// (the person's bot flag), commits without merges, comments without system notes.

/** Per affiliated organisation, project and month: each contribution once per project. */
export const organisationProjectMonths = sqliteTable(
  'organisation_project_months',
  {
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    month: integer('month').notNull(),
    // No reference: a project's removal would scan the table for it (the key starts with the
    // organisation); derive rewrites the table, and the report joins projects.
    projectId: text('project_id').notNull(),
    commits: integer('commits').notNull(),
    issues: integer('issues').notNull(),
    comments: integer('comments').notNull()
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month, t.projectId] })]
);

/**
 * Per affiliated organisation, person and month: each contribution once per person, also when its
 * repository belongs to several projects or a fork shares its commits (a commit by its hash).
 * `person_id` as the identities' (negative: an identity without person, by its id).
 */
export const organisationPersonMonths = sqliteTable(
  'organisation_person_months',
  {
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    month: integer('month').notNull(),
    personId: integer('person_id').notNull(),
    commits: integer('commits').notNull(),
    issues: integer('issues').notNull(),
    comments: integer('comments').notNull()
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.month, t.personId] })]
);

/** Per project and month: its human non-merge commits by anyone, each hash once. */
export const projectCommitMonths = sqliteTable(
  'project_commit_months',
  {
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    month: integer('month').notNull(),
    humanCommits: integer('human_commits').notNull()
  },
  (t) => [primaryKey({ columns: [t.projectId, t.month] })]
);

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at')
    .notNull()
    .default(sql`(unixepoch())`)
});

export type Forge = typeof forges.$inferSelect;
export type Organisation = typeof organisations.$inferSelect;
export type Project = typeof projects.$inferSelect;
export type Repository = typeof repositories.$inferSelect;
export type Identity = typeof identities.$inferSelect;
export type NewIdentity = typeof identities.$inferInsert;
export type Person = typeof persons.$inferSelect;
export type Commit = typeof commits.$inferSelect;
export type Tag = typeof tags.$inferSelect;
export type Item = typeof items.$inferSelect;
export type Comment = typeof comments.$inferSelect;
export type Release = typeof releases.$inferSelect;
export type Fork = typeof forks.$inferSelect;
export type LicenceVersion = typeof licenceHistory.$inferSelect;
export type CollectionRun = typeof collectionRuns.$inferSelect;
export type RunRepository = typeof runRepositories.$inferSelect;
export type ProjectSnapshot = typeof projectSnapshots.$inferSelect;
export type ReuseEvidenceRecord = typeof reuseEvidence.$inferSelect;
export type ReusePair = typeof reusePairs.$inferSelect;
export type ProjectChangeRecord = typeof projectChanges.$inferSelect;
