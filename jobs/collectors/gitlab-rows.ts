/**
 * GitLab's REST objects as the rows forge-store.ts upserts, one pure function per object. Objects
 * are typed from @gitbeaker/core's schemas; each mapper takes a Pick of its schema (the fields it
 * reads). Where gitbeaker's schema contradicts the GitLab REST docs, the type below is corrected
 * and the correction names the docs page. A mapper that returns null means "not stored".
 */
import type {
  AccessLevelSettingState,
  ApprovedByEntity,
  BranchSchema,
  CondensedNamespaceSchema,
  IssueSchema,
  MergeRequestLevelMergeRequestApprovalSchema,
  MergeRequestSchema,
  NoteSchema,
  ProjectLicenseSchema,
  ProjectSchema,
  ProtectedBranchSchema,
  ReleaseSchema,
  SimpleProjectSchema,
  SimpleUserSchema,
  UserSchema
} from '@gitbeaker/core';
import type { BranchProtection } from '../../db/schema';
import type { ForgeAccount } from '../store/identities';
import { spdxFromForge } from './forge-licence';
import { commentRow, identityOf, labelNames, type RowContext } from './forge-rows';
import type { NewComment, NewFork, NewItem, NewRelease, RepositoryUpdate } from './forge-store';
import { epoch } from './http/time';

/**
 * A user as GitLab embeds it (author, closed_by …), as far as allmende reads it; `bot` where the
 * answer carries it, as the user's own answer does (docs.gitlab.com/api/users/).
 */
export type GlUser = Pick<SimpleUserSchema, 'id' | 'username' | 'name'> & Partial<Pick<UserSchema, 'bot'>>;

type ItemFields = 'id' | 'iid' | 'title' | 'state' | 'labels' | 'created_at' | 'updated_at' | 'user_notes_count';

export type GlIssue = Pick<IssueSchema, ItemFields> & {
  author: GlUser;
  /** gitbeaker: an optional string; GitLab sends null until closed (docs.gitlab.com/api/issues/). */
  closed_at?: string | null;
  /** gitbeaker: a string; GitLab sends the user who closed the issue, or null (docs.gitlab.com/api/issues/). */
  closed_by?: GlUser | null;
};

export type GlMergeRequest = Pick<MergeRequestSchema, ItemFields | 'closed_at' | 'merged_at'> & {
  author: GlUser;
  closed_by: GlUser | null;
  merged_by: GlUser | null;
  /** Missing in gitbeaker; merged_by's successor since GitLab 14.7 (docs.gitlab.com/api/merge_requests/). */
  merge_user?: GlUser | null;
};

export type GlNote = Pick<NoteSchema, 'id' | 'created_at' | 'system'> & { author: GlUser };

/** An entry of approved_by; gitbeaker lacks `approved_at`, which GitLab sends since 18.4 (docs.gitlab.com/api/merge_request_approvals/). */
export type GlApproval = Omit<ApprovedByEntity, 'user'> & { user: GlUser; approved_at?: string | null };

/** GET /projects/:id/merge_requests/:iid/approvals. */
export type GlApprovals = Omit<MergeRequestLevelMergeRequestApprovalSchema, 'approved_by'> & { approved_by?: GlApproval[] };

export type GlRelease = Pick<ReleaseSchema, 'tag_name' | 'name' | 'created_at' | 'released_at' | 'upcoming_release'> & { author: GlUser };

export type GlProject = Pick<
  ProjectSchema,
  | 'id'
  | 'path_with_namespace'
  | 'description'
  | 'default_branch'
  | 'archived'
  | 'topics'
  | 'http_url_to_repo'
  | 'web_url'
  | 'created_at'
  | 'last_activity_at'
  | 'forks_count'
> &
  /** Deprecated for the access levels below (docs.gitlab.com/api/projects/): read where GitLab still sends them. */
  Partial<Pick<ProjectSchema, 'issues_enabled' | 'merge_requests_enabled'>> & {
    /** Missing in gitbeaker; the access levels that replace the *_enabled flags (docs.gitlab.com/api/projects/). */
    issues_access_level?: AccessLevelSettingState;
    merge_requests_access_level?: AccessLevelSettingState;
    /** Missing in gitbeaker; a fork names its upstream (docs.gitlab.com/api/projects/). */
    forked_from_project?: Pick<SimpleProjectSchema, 'path_with_namespace'> | null;
    /** gitbeaker: always a licence; GitLab sends null without one (docs.gitlab.com/api/projects/, `license=true`). */
    license?: Pick<ProjectLicenseSchema, 'key'> | null;
    /** Missing in gitbeaker; topics' deprecated name that older GitLab versions send (docs.gitlab.com/api/projects/). */
    tag_list?: string[];
  };

export type GlFork = Pick<SimpleProjectSchema, 'id' | 'path_with_namespace' | 'http_url_to_repo' | 'created_at' | 'last_activity_at'> & {
  namespace: Pick<CondensedNamespaceSchema, 'full_path'>;
};

/** A GitLab user as a forge account; null where GitLab names none. */
export function gitlabAccount(user: GlUser | null | undefined): ForgeAccount | null {
  if (!user?.username) return null;
  return { login: user.username, id: user.id ?? null, name: user.name ?? null, bot: user.bot === true };
}

function identity(ctx: RowContext, user: GlUser | null | undefined): number | null {
  return identityOf(ctx, gitlabAccount(user));
}

interface Closing {
  state: 'open' | 'closed' | 'merged';
  closedAt: number | null;
  mergedAt: number | null;
  closer: GlUser | null | undefined;
}

function itemRow(kind: 'issue' | 'pull', it: GlIssue | GlMergeRequest, closing: Closing, ctx: RowContext): NewItem {
  return {
    repositoryId: ctx.repositoryId,
    kind,
    number: it.iid,
    forgeItemId: String(it.id),
    title: it.title ?? '',
    state: closing.state,
    authorIdentityId: identity(ctx, it.author),
    labels: labelNames(it.labels),
    createdAt: epoch(it.created_at) ?? 0,
    updatedAt: epoch(it.updated_at) ?? 0,
    closedAt: closing.closedAt,
    mergedAt: closing.mergedAt,
    closedByIdentityId: closing.state === 'open' ? null : identity(ctx, closing.closer),
    commentCount: it.user_notes_count ?? 0
  };
}

export function issueRow(issue: GlIssue, ctx: RowContext): NewItem {
  const state = issue.state === 'closed' ? 'closed' : 'open';
  return itemRow('issue', issue, { state, closedAt: epoch(issue.closed_at ?? null), mergedAt: null, closer: issue.closed_by }, ctx);
}

/** A merge request; a merged one is closed when it was merged, by whoever merged it, unless GitLab names a closer. */
export function mergeRequestRow(mr: GlMergeRequest, ctx: RowContext): NewItem {
  const mergedAt = epoch(mr.merged_at ?? null);
  const state = mr.state === 'merged' || mergedAt != null ? 'merged' : mr.state === 'closed' ? 'closed' : 'open';
  const closer = mr.closed_by ?? (state === 'merged' ? (mr.merge_user ?? mr.merged_by) : null);
  const closedAt = epoch(mr.closed_at ?? null) ?? (state === 'merged' ? mergedAt : null);
  return itemRow('pull', mr, { state, closedAt, mergedAt, closer }, ctx);
}

/** A note of item `item` (system notes too, flagged). */
export function noteRow(n: GlNote, item: { kind: 'issue' | 'pull'; number: number }, ctx: RowContext): NewComment {
  return commentRow(ctx, {
    kind: 'note',
    id: n.id,
    item,
    author: gitlabAccount(n.author),
    createdAt: epoch(n.created_at) ?? 0,
    system: n.system === true
  });
}

/**
 * An approval of merge request `mrNumber` as a review, keyed by merge request and approver (GitLab
 * gives approvals no id); one without a user or a date is not stored.
 */
export function approvalRow(a: GlApproval, mrNumber: number, ctx: RowContext): NewComment | null {
  if (!a.user?.username || !a.approved_at) return null;
  const id = `approval:${mrNumber}:${a.user.id ?? a.user.username}`;
  return commentRow(ctx, {
    kind: 'review',
    id,
    item: { kind: 'pull', number: mrNumber },
    author: gitlabAccount(a.user),
    createdAt: epoch(a.approved_at) ?? 0
  });
}

export function releaseRow(r: GlRelease, ctx: RowContext): NewRelease {
  return {
    repositoryId: ctx.repositoryId,
    // GitLab releases have no id of their own; the tag names one per project.
    forgeReleaseId: r.tag_name,
    tagName: r.tag_name,
    name: r.name ?? null,
    authorIdentityId: identity(ctx, r.author),
    createdAt: epoch(r.created_at) ?? 0,
    publishedAt: epoch(r.released_at ?? null),
    prerelease: r.upcoming_release === true
  };
}

/** An entry of the fork list (`simple=true`); one without a path is not stored. */
export function forkRow(f: GlFork, ctx: RowContext): NewFork | null {
  if (typeof f.path_with_namespace !== 'string') return null;
  return {
    repositoryId: ctx.repositoryId,
    forkKey: `${ctx.forgeId}:${f.path_with_namespace}`,
    forgeRepoId: String(f.id),
    ownerAccount: `${ctx.forgeId}:${f.namespace?.full_path ?? f.path_with_namespace.slice(0, f.path_with_namespace.lastIndexOf('/'))}`,
    cloneUrl: ctx.cloneUrl(f.http_url_to_repo),
    createdAt: epoch(f.created_at ?? null),
    pushedAt: epoch(f.last_activity_at ?? null)
  };
}

/** Whether the project's issue tracker and merge requests are on: the *_enabled flags, else the access levels. */
export function projectFeatures(p: GlProject): { issuesEnabled: boolean; mergeRequestsEnabled: boolean } {
  return {
    issuesEnabled: p.issues_enabled ?? (p.issues_access_level ? p.issues_access_level !== 'disabled' : true),
    mergeRequestsEnabled: p.merge_requests_enabled ?? (p.merge_requests_access_level ? p.merge_requests_access_level !== 'disabled' : true)
  };
}

/**
 * The project's metadata as its repository's row update; `storedCloneUrl` stays where GitLab's clone
 * URL is not accepted. The caller has checked `id` and `path_with_namespace`.
 */
export function projectUpdate(p: GlProject, ctx: RowContext, storedCloneUrl: string): RepositoryUpdate {
  return {
    path: p.path_with_namespace,
    forgeRepoId: String(p.id),
    cloneUrl: ctx.cloneUrl(p.http_url_to_repo) ?? storedCloneUrl,
    webUrl: p.web_url ?? null,
    description: p.description ?? null,
    defaultBranch: p.default_branch ?? null,
    archived: p.archived ?? false,
    isFork: Boolean(p.forked_from_project),
    forkParent: p.forked_from_project?.path_with_namespace ? `${ctx.forgeId}:${p.forked_from_project.path_with_namespace}` : null,
    licenseSpdx: spdxFromForge(p.license?.key ?? null),
    topics: p.topics ?? p.tag_list ?? [],
    hasIssues: projectFeatures(p).issuesEnabled,
    createdAt: epoch(p.created_at)
  };
}

export type GlBranch = Pick<BranchSchema, 'name' | 'protected'>;
export type GlProtectedBranch = Pick<ProtectedBranchSchema, 'name' | 'allow_force_push'> & {
  push_access_levels?: { access_level: number }[];
};

/**
 * The default branch's protection as GitLab shows it: `protected` of
 * GET /projects/:id/repository/branches/:branch (https://docs.gitlab.com/api/branches/#get-single-repository-branch,
 * readable by anyone who can read the repository) and, for a protected branch, `allow_force_push`
 * and the push access levels of GET /projects/:id/protected_branches/:name
 * (https://docs.gitlab.com/api/protected_branches/#get-a-single-protected-branch-or-wildcard-protected-branch).
 * The docs page does not say which role the second read needs; GitLab refuses it to some readers
 * (403, or 404 where it hides the project's settings), and then force pushes stay null.
 * `branch` null: GitLab refused the branch itself.
 */
export function branchProtectionRow(
  branchName: string,
  branch: GlBranch | null,
  protectedBranch: GlProtectedBranch | null,
  checkedAt: number
): BranchProtection {
  if (!branch) return { protected: null, forcePushBlocked: null, source: 'gitlab:none', checkedAt, branch: branchName };
  if (!branch.protected) return { protected: false, forcePushBlocked: false, source: 'gitlab:branches', checkedAt, branch: branchName };
  if (!protectedBranch)
    return { protected: true, forcePushBlocked: null, source: 'gitlab:branches', checkedAt, branch: branchName, minPushAccessLevel: null };
  const levels = (protectedBranch.push_access_levels ?? []).map((l) => l.access_level).filter((l) => typeof l === 'number');
  return {
    protected: true,
    forcePushBlocked: !protectedBranch.allow_force_push,
    source: 'gitlab:branches+gitlab:protected_branches',
    checkedAt,
    branch: branchName,
    minPushAccessLevel: levels.length > 0 ? Math.min(...levels) : null
  };
}
