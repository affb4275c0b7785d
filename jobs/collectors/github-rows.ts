/**
 * GitHub's REST objects as the rows forge-store.ts upserts, one pure function per object. Objects
 * are typed from @octokit/openapi-types; each mapper takes a Pick of its schema (the fields it
 * reads), so a recorded answer fits as it is. A mapper that returns null means "not stored" (a
 * draft release, a pending review, a comment that names no item).
 */
import type { components } from '@octokit/openapi-types';
import type { BranchProtection } from '../../db/schema';
import type { ForgeAccount } from '../store/identities';
import { spdxFromForge } from './forge-licence';
import { commentRow, type CommentFacts, identityOf, labelNames, type RowContext } from './forge-rows';
import type { NewComment, NewFork, NewItem, NewRelease, RepositoryUpdate } from './forge-store';
import { epoch } from './http/time';

type Schemas = components['schemas'];
export type GhIssue = Schemas['issue'];
export type GhPull = Schemas['pull-request-simple'];
export type GhIssueComment = Schemas['issue-comment'];
export type GhReviewComment = Schemas['pull-request-review-comment'];
export type GhReview = Schemas['pull-request-review'];
export type GhRelease = Schemas['release'];
export type GhRepo = Schemas['full-repository'];
export type GhMinimalRepo = Schemas['minimal-repository'];
export type GhUser = Schemas['nullable-simple-user'];
export type GhIssueEvent = Schemas['issue-event'];
export type GhBranch = Schemas['branch-with-protection'];
export type GhBranchRule = Schemas['repository-rule-detailed'];

/** A GitHub user as a forge account; null where GitHub names none (`user: null`). */
export function githubAccount(user: GhUser | undefined): ForgeAccount | null {
  if (!user?.login) return null;
  return { login: user.login, id: user.id == null ? null : String(user.id), bot: user.type === 'Bot' };
}

function identity(ctx: RowContext, user: GhUser | undefined): number | null {
  return identityOf(ctx, githubAccount(user));
}

/** The fields an issue and an entry of /pulls share. */
type ItemFields = 'id' | 'number' | 'title' | 'state' | 'user' | 'labels' | 'created_at' | 'updated_at' | 'closed_at';

function itemRow(
  kind: 'issue' | 'pull',
  it: Pick<GhIssue, ItemFields> | Pick<GhPull, ItemFields>,
  mergedAt: number | null,
  more: { closer: GhUser | undefined; commentCount: number },
  ctx: RowContext
): NewItem {
  return {
    repositoryId: ctx.repositoryId,
    kind,
    number: it.number,
    forgeItemId: String(it.id),
    title: it.title ?? '',
    state: kind === 'pull' && mergedAt != null ? 'merged' : it.state === 'closed' ? 'closed' : 'open',
    authorIdentityId: identity(ctx, it.user),
    labels: labelNames(it.labels),
    createdAt: epoch(it.created_at) ?? 0,
    updatedAt: epoch(it.updated_at) ?? 0,
    closedAt: epoch(it.closed_at),
    mergedAt,
    closedByIdentityId: more.closer ? identity(ctx, more.closer) : null,
    commentCount: more.commentCount
  };
}

/** An entry of the issue list: an issue, or a pull request (GitHub lists both, the latter with `pull_request`). */
export function issueRow(issue: Pick<GhIssue, ItemFields | 'closed_by' | 'comments' | 'pull_request'>, ctx: RowContext): NewItem {
  const mergedAt = epoch(issue.pull_request?.merged_at ?? null);
  const more = { closer: issue.closed_by ?? undefined, commentCount: issue.comments ?? 0 };
  return itemRow(issue.pull_request ? 'pull' : 'issue', issue, mergedAt, more, ctx);
}

/** An entry of /pulls (read only with the issue tracker disabled): no closer, no comment count. */
export function pullRow(pr: Pick<GhPull, ItemFields | 'merged_at'>, ctx: RowContext): NewItem {
  return itemRow('pull', pr, epoch(pr.merged_at), { closer: undefined, commentCount: 0 }, ctx);
}

/** The item number at the end of an API URL (`…/issues/12`, `…/pulls/12`); null for none. */
function numberAt(url: string | undefined, pattern: RegExp): number | null {
  const number = Number(pattern.exec(url ?? '')?.[1] ?? NaN);
  return Number.isFinite(number) ? number : null;
}

/** An issue comment (repository-wide list); it belongs to a pull request when its page is one. */
export function issueCommentRow(
  c: Pick<GhIssueComment, 'id' | 'issue_url' | 'html_url' | 'user' | 'created_at'>,
  ctx: RowContext
): NewComment | null {
  const number = numberAt(c.issue_url, /\/issues\/(\d+)$/);
  if (number == null) return null;
  const item: CommentFacts['item'] = { kind: /\/pull\/\d+/.test(c.html_url ?? '') ? 'pull' : 'issue', number };
  return commentRow(ctx, { kind: 'comment', id: c.id, item, author: githubAccount(c.user), createdAt: epoch(c.created_at) ?? 0 });
}

/** A review (diff) comment (repository-wide list). */
export function reviewCommentRow(
  c: Pick<GhReviewComment, 'id' | 'pull_request_url' | 'user' | 'created_at'>,
  ctx: RowContext
): NewComment | null {
  const number = numberAt(c.pull_request_url, /\/pulls\/(\d+)$/);
  if (number == null) return null;
  const item: CommentFacts['item'] = { kind: 'pull', number };
  return commentRow(ctx, { kind: 'review_comment', id: c.id, item, author: githubAccount(c.user), createdAt: epoch(c.created_at) ?? 0 });
}

/** A review of pull request `pullNumber`, dated by its submission; a pending (unsubmitted) one is not stored. */
export function reviewRow(
  r: Pick<GhReview, 'id' | 'state' | 'user' | 'submitted_at'>,
  pullNumber: number,
  ctx: RowContext
): NewComment | null {
  const submitted = epoch(r.submitted_at ?? null);
  if (submitted == null || r.state === 'PENDING') return null;
  return commentRow(ctx, {
    kind: 'review',
    id: r.id,
    item: { kind: 'pull', number: pullNumber },
    author: githubAccount(r.user),
    createdAt: submitted
  });
}

/**
 * An issue event that closed or merged an item: the item's number and who did it (null where GitHub
 * names no actor); null for every other event.
 */
export function closeEvent(
  e: Pick<GhIssueEvent, 'event' | 'actor'> & { issue?: Pick<NonNullable<GhIssueEvent['issue']>, 'number'> | null }
): { number: number; closer: ForgeAccount | null } | null {
  const number = e.issue?.number;
  if ((e.event !== 'closed' && e.event !== 'merged') || number == null) return null;
  return { number, closer: githubAccount(e.actor ?? undefined) };
}

/** A published or pre-release; drafts are not stored. */
export function releaseRow(
  r: Pick<GhRelease, 'id' | 'tag_name' | 'name' | 'author' | 'created_at' | 'published_at' | 'prerelease' | 'draft'>,
  ctx: RowContext
): NewRelease | null {
  if (r.draft) return null;
  return {
    repositoryId: ctx.repositoryId,
    forgeReleaseId: String(r.id),
    tagName: r.tag_name,
    name: r.name ?? null,
    authorIdentityId: identity(ctx, r.author),
    createdAt: epoch(r.created_at) ?? 0,
    publishedAt: epoch(r.published_at),
    prerelease: r.prerelease ?? false
  };
}

/** An entry of the fork list; one without a full name is not stored. */
export function forkRow(
  f: Pick<GhMinimalRepo, 'id' | 'full_name' | 'owner' | 'clone_url' | 'created_at' | 'pushed_at'>,
  ctx: RowContext
): NewFork | null {
  if (typeof f.full_name !== 'string') return null;
  return {
    repositoryId: ctx.repositoryId,
    forkKey: `${ctx.forgeId}:${f.full_name}`,
    forgeRepoId: String(f.id),
    ownerAccount: `${ctx.forgeId}:${f.owner?.login ?? f.full_name.split('/')[0]}`,
    cloneUrl: ctx.cloneUrl(f.clone_url),
    createdAt: epoch(f.created_at ?? null),
    pushedAt: epoch(f.pushed_at ?? null)
  };
}

/**
 * The repository's metadata as its row update; `storedCloneUrl` stays where GitHub's clone URL is not
 * accepted. The caller has checked `id` and `full_name`.
 */
export function repositoryUpdate(
  data: Pick<
    GhRepo,
    | 'id'
    | 'full_name'
    | 'clone_url'
    | 'html_url'
    | 'description'
    | 'default_branch'
    | 'archived'
    | 'fork'
    | 'license'
    | 'topics'
    | 'has_issues'
    | 'created_at'
    | 'pushed_at'
  > & { parent?: Pick<NonNullable<GhRepo['parent']>, 'full_name'> },
  ctx: RowContext,
  storedCloneUrl: string
): RepositoryUpdate {
  return {
    path: data.full_name,
    forgeRepoId: String(data.id),
    cloneUrl: ctx.cloneUrl(data.clone_url) ?? storedCloneUrl,
    webUrl: data.html_url ?? null,
    description: data.description ?? null,
    defaultBranch: data.default_branch ?? null,
    archived: data.archived ?? false,
    isFork: data.fork ?? false,
    forkParent: data.fork && data.parent?.full_name ? `${ctx.forgeId}:${data.parent.full_name}` : null,
    licenseSpdx: spdxFromForge(data.license?.spdx_id ?? null),
    topics: data.topics ?? [],
    hasIssues: data.has_issues ?? null,
    createdAt: epoch(data.created_at),
    pushedAt: epoch(data.pushed_at)
  };
}

/**
 * The default branch's protection as GitHub shows it to a reader without admin rights: `protected`
 * of GET /repos/{owner}/{repo}/branches/{branch} (classic protection; readable by anyone who can
 * read the repository) and the active ruleset rules of GET /repos/{owner}/{repo}/rules/branches/{branch}
 * (https://docs.github.com/en/rest/repos/rules#get-rules-for-a-branch; a `non_fast_forward` rule
 * blocks force pushes). Whether classic protection allows force pushes (`allow_force_pushes` of
 * /branches/{branch}/protection) needs admin rights
 * (https://docs.github.com/en/rest/branches/branch-protection#get-branch-protection), so it stays
 * null unless a ruleset answers it. `branch`/`rules` null: GitHub refused the read (403/404).
 */
export function branchProtectionRow(
  branchName: string,
  branch: Pick<GhBranch, 'name' | 'protected'> | null,
  rules: readonly Pick<GhBranchRule, 'type'>[] | null,
  checkedAt: number
): BranchProtection {
  const ruled = rules !== null && rules.length > 0;
  const blocksForcePush = rules?.some((r) => r.type === 'non_fast_forward') ?? false;
  const classic = branch?.protected ?? null;
  const isProtected = classic === true || ruled ? true : classic === false && rules !== null ? false : null;
  let forcePushBlocked: boolean | null = null;
  if (blocksForcePush) forcePushBlocked = true;
  // Nothing protects the branch, or only rulesets that leave force pushes allowed: they are allowed.
  else if (classic === false && rules !== null) forcePushBlocked = false;
  const source = [branch ? 'github:branches' : null, rules ? 'github:rules' : null].filter(Boolean).join('+') || 'github:none';
  return { protected: isProtected, forcePushBlocked, source, checkedAt, branch: branchName };
}
