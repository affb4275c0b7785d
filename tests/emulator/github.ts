/**
 * The GitHub REST v3 subset the collectors read (DESIGN §4), served from the world.
 * Response builders are typed against @octokit/openapi-types, so a field GitHub documents as
 * required cannot be forgotten, and a field of the wrong type does not compile.
 */
import { createHash } from 'node:crypto';
import type { components } from '@octokit/openapi-types';
import type { WorldComment, WorldItem, WorldRelease, WorldRepository, WorldReview } from '../world/model';
import { gitCommit, gitObject, gitResolve, gitSizeKiB, gitTags, type GitCommitInfo, type GitTag } from './git';
import {
  ghTime,
  json,
  ms,
  page,
  route,
  syntheticId,
  timeParam,
  type ApiRequest,
  type ApiResult,
  type EmulatorState,
  type Handler,
  type Route
} from './state';

type S = components['schemas'];
export type GhUser = S['simple-user'];
export type GhRepository = S['repository'];
export type GhFullRepository = S['full-repository'];
export type GhIssue = S['issue'];
export type GhIssueComment = S['issue-comment'];
export type GhPullSimple = S['pull-request-simple'];
export type GhPull = S['pull-request'];
export type GhReview = S['pull-request-review'];
export type GhReviewComment = S['pull-request-review-comment'];
export type GhRelease = S['release'];
export type GhTag = S['tag'];
export type GhContentFile = S['content-file'];
export type GhRateLimit = S['rate-limit-overview'];
export type GhIssueEvent = S['issue-event'];
export type GhBranch = S['branch-with-protection'];
export type GhBranchRule = S['repository-rule-detailed'];

const DOCS = 'https://docs.github.com/rest';
/** "Only the first 1000 results are available" (GET /repos/{owner}/{repo}/releases). */
export const RELEASES_CAP = 1000;

export function ghNotFound(): ApiResult {
  return json({ message: 'Not Found', documentation_url: DOCS, status: '404' }, 404);
}

/** GitHub's legacy global node ids: base64("<len>:<Type><id>"). */
function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

function fakeSha(...parts: (string | number)[]): string {
  return createHash('sha1').update(parts.join(':')).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Builders

export function ghUser(state: EmulatorState, login: string): GhUser {
  const account = state.index.github.accounts.get(login.toLowerCase());
  const id = account?.id ?? syntheticId('github-user', login.toLowerCase());
  const type = account?.type === 'Organization' ? 'Organization' : account?.type === 'Bot' ? 'Bot' : 'User';
  // GitHub percent-encodes the login in API URLs ("users/dependabot%5Bbot%5D"): [ and ] are not allowed in a URI path.
  const api = `${state.githubApi}/users/${encodeURIComponent(account?.login ?? login)}`;
  return {
    login: account?.login ?? login,
    id,
    node_id: nodeId(type === 'Organization' ? 'Organization' : type === 'Bot' ? 'Bot' : 'User', id),
    avatar_url: `${state.origin}/_emulator/avatars/u/${id}`,
    gravatar_id: '',
    url: api,
    html_url: type === 'Bot' ? `${state.githubWeb}/apps/${login.replace(/\[bot\]$/, '')}` : `${state.githubWeb}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false
  };
}

const LICENSES: Record<string, [key: string, spdx: string, name: string]> = {
  'EUPL-1.2': ['eupl-1.2', 'EUPL-1.2', 'European Union Public License 1.2'],
  'EUPL-1.1': ['eupl-1.1', 'EUPL-1.1', 'European Union Public License 1.1'],
  MIT: ['mit', 'MIT', 'MIT License'],
  'Apache-2.0': ['apache-2.0', 'Apache-2.0', 'Apache License 2.0'],
  'GPL-2.0': ['gpl-2.0', 'GPL-2.0', 'GNU General Public License v2.0'],
  'GPL-3.0': ['gpl-3.0', 'GPL-3.0', 'GNU General Public License v3.0'],
  'AGPL-3.0': ['agpl-3.0', 'AGPL-3.0', 'GNU Affero General Public License v3.0'],
  'LGPL-2.1': ['lgpl-2.1', 'LGPL-2.1', 'GNU Lesser General Public License v2.1'],
  'LGPL-3.0': ['lgpl-3.0', 'LGPL-3.0', 'GNU Lesser General Public License v3.0'],
  'MPL-2.0': ['mpl-2.0', 'MPL-2.0', 'Mozilla Public License 2.0'],
  'BSD-2-Clause': ['bsd-2-clause', 'BSD-2-Clause', 'BSD 2-Clause "Simplified" License'],
  'BSD-3-Clause': ['bsd-3-clause', 'BSD-3-Clause', 'BSD 3-Clause "New" or "Revised" License'],
  'CC0-1.0': ['cc0-1.0', 'CC0-1.0', 'Creative Commons Zero v1.0 Universal'],
  Unlicense: ['unlicense', 'Unlicense', 'The Unlicense'],
  'EPL-2.0': ['epl-2.0', 'EPL-2.0', 'Eclipse Public License 2.0']
};

/**
 * The licence as GitHub's licensee reports it: GPL "-only"/"-or-later" variants collapse to the
 * bare id (GitHub says "GPL-3.0"), an unknown licence is "other"/NOASSERTION.
 */
export function ghLicense(spdx: string | null): S['license-simple'] | null {
  if (!spdx) return null;
  const bare = spdx.replace(/-(only|or-later)$/, '');
  const known = LICENSES[bare];
  const [key, spdxId, name] = known ?? ['other', 'NOASSERTION', 'Other'];
  return {
    key,
    name,
    spdx_id: spdxId,
    url: known ? `https://api.github.com/licenses/${key}` : null,
    node_id: Buffer.from(`07:License${key}`).toString('base64')
  };
}

function publicForks(state: EmulatorState, repo: WorldRepository): WorldRepository[] {
  return (state.index.github.forks.get(repo.path.toLowerCase()) ?? []).filter((f) => f.visibility === 'public');
}

export async function ghRepository(state: EmulatorState, repo: WorldRepository, token: string | null): Promise<GhRepository> {
  const full = repo.path;
  const [ownerLogin, name] = splitPath(full);
  const r = `${state.githubApi}/repos/${full}`;
  const forks = publicForks(state, repo).length;
  const openIssues = repo.items.filter((i) => i.state === 'open' && (repo.hasIssues || i.kind === 'pull')).length;
  const updated = [repo.createdAt, repo.pushedAt].sort().at(-1) ?? repo.createdAt;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name,
    full_name: full,
    owner: ghUser(state, ownerLogin),
    private: repo.visibility === 'private',
    html_url: `${state.githubWeb}/${full}`,
    description: repo.description,
    fork: repo.forkOf !== null,
    url: r,
    forks_url: `${r}/forks`,
    keys_url: `${r}/keys{/key_id}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    teams_url: `${r}/teams`,
    hooks_url: `${r}/hooks`,
    issue_events_url: `${r}/issues/events{/number}`,
    events_url: `${r}/events`,
    assignees_url: `${r}/assignees{/user}`,
    branches_url: `${r}/branches{/branch}`,
    tags_url: `${r}/tags`,
    blobs_url: `${r}/git/blobs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    trees_url: `${r}/git/trees{/sha}`,
    statuses_url: `${r}/statuses/{sha}`,
    languages_url: `${r}/languages`,
    stargazers_url: `${r}/stargazers`,
    contributors_url: `${r}/contributors`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    commits_url: `${r}/commits{/sha}`,
    git_commits_url: `${r}/git/commits{/sha}`,
    comments_url: `${r}/comments{/number}`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    contents_url: `${r}/contents/{+path}`,
    compare_url: `${r}/compare/{base}...{head}`,
    merges_url: `${r}/merges`,
    archive_url: `${r}/{archive_format}{/ref}`,
    downloads_url: `${r}/downloads`,
    issues_url: `${r}/issues{/number}`,
    pulls_url: `${r}/pulls{/number}`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    labels_url: `${r}/labels{/name}`,
    releases_url: `${r}/releases{/id}`,
    deployments_url: `${r}/deployments`,
    created_at: ghTime(repo.createdAt),
    updated_at: ghTime(updated),
    pushed_at: ghTime(repo.pushedAt),
    git_url: `git://github.com/${full}.git`,
    ssh_url: `git@github.com:${full}.git`,
    clone_url: state.cloneUrl('github', repo),
    svn_url: `${state.githubWeb}/${full}`,
    homepage: null,
    size: await gitSizeKiB(repo.gitDir),
    stargazers_count: repo.stars,
    watchers_count: repo.stars,
    language: null,
    has_issues: repo.hasIssues,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: forks,
    mirror_url: null,
    archived: repo.archived,
    disabled: false,
    open_issues_count: openIssues,
    license: ghLicense(repo.licenseSpdx),
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [...repo.topics],
    visibility: repo.visibility,
    forks,
    open_issues: openIssues,
    watchers: repo.stars,
    default_branch: repo.defaultBranch,
    ...(token ? { permissions: { admin: false, maintain: false, push: false, triage: false, pull: true } } : {})
  };
}

export async function ghFullRepository(state: EmulatorState, repo: WorldRepository, token: string | null): Promise<GhFullRepository> {
  const base = await ghRepository(state, repo, token);
  const owner = state.index.github.accounts.get(splitPath(repo.path)[0].toLowerCase());
  const full: GhFullRepository = {
    ...base,
    has_discussions: false,
    pushed_at: ghTime(repo.pushedAt),
    created_at: ghTime(repo.createdAt),
    updated_at: base.updated_at ?? ghTime(repo.createdAt),
    temp_clone_token: null,
    network_count: base.forks_count,
    subscribers_count: Math.max(1, Math.floor(repo.stars / 10))
  };
  if (owner?.type === 'Organization') full.organization = base.owner;
  if (repo.forkOf) {
    const parent = state.index.github.byPath.get(repo.forkOf.toLowerCase());
    if (parent) {
      full.parent = await ghRepository(state, parent, token);
      let source = parent;
      const seen = new Set<string>([repo.path.toLowerCase()]);
      while (source.forkOf && !seen.has(source.forkOf.toLowerCase())) {
        seen.add(source.path.toLowerCase());
        const up = state.index.github.byPath.get(source.forkOf.toLowerCase());
        if (!up) break;
        source = up;
      }
      full.source = await ghRepository(state, source, token);
    }
  }
  return full;
}

function itemHtmlUrl(state: EmulatorState, repo: WorldRepository, item: WorldItem): string {
  return `${state.githubWeb}/${repo.path}/${item.kind === 'pull' ? 'pull' : 'issues'}/${item.number}`;
}

function association(repo: WorldRepository, login: string): S['author-association'] {
  return splitPath(repo.path)[0].toLowerCase() === login.toLowerCase() ? 'OWNER' : 'NONE';
}

function reactions(url: string): S['reaction-rollup'] {
  return { url, total_count: 0, '+1': 0, '-1': 0, laugh: 0, confused: 0, heart: 0, hooray: 0, eyes: 0, rocket: 0 };
}

/** Labels as GitHub embeds them in issues (description null when unset). */
function labels(state: EmulatorState, repo: WorldRepository, names: string[]): GhIssue['labels'] {
  return names.map((n) => ({
    id: syntheticId('github-label', `${repo.id}:${n}`),
    node_id: nodeId('Label', syntheticId('github-label', `${repo.id}:${n}`)),
    url: `${state.githubApi}/repos/${repo.path}/labels/${encodeURIComponent(n)}`,
    name: n,
    description: null,
    color: createHash('sha1').update(n).digest('hex').slice(0, 6),
    default: false
  }));
}

export function ghIssue(state: EmulatorState, repo: WorldRepository, item: WorldItem, single = false): GhIssue {
  const r = `${state.githubApi}/repos/${repo.path}`;
  const url = `${r}/issues/${item.number}`;
  const closed = item.state !== 'open';
  const issue: GhIssue = {
    url,
    repository_url: r,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: itemHtmlUrl(state, repo, item),
    id: item.id,
    node_id: nodeId(item.kind === 'pull' ? 'PullRequest' : 'Issue', item.id),
    number: item.number,
    title: item.title,
    user: ghUser(state, item.author),
    labels: labels(state, repo, item.labels),
    state: closed ? 'closed' : 'open',
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: item.comments.length,
    created_at: ghTime(item.createdAt),
    updated_at: ghTime(item.updatedAt),
    closed_at: ghTime(item.closedAt),
    author_association: association(repo, item.author),
    active_lock_reason: null,
    body: item.body,
    reactions: reactions(`${url}/reactions`),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: closed ? (item.kind === 'issue' ? 'completed' : null) : null
  };
  if (item.kind === 'pull') {
    issue.draft = false;
    issue.pull_request = {
      url: `${r}/pulls/${item.number}`,
      html_url: itemHtmlUrl(state, repo, item),
      diff_url: `${itemHtmlUrl(state, repo, item)}.diff`,
      patch_url: `${itemHtmlUrl(state, repo, item)}.patch`,
      merged_at: ghTime(item.mergedAt)
    };
  }
  if (single) issue.closed_by = item.closedBy ? ghUser(state, item.closedBy) : null;
  return issue;
}

async function pullRefs(state: EmulatorState, repo: WorldRepository, item: WorldItem, token: string | null) {
  const repoObj = await ghRepository(state, repo, token);
  const owner = splitPath(repo.path)[0];
  return {
    head: {
      label: `${item.author}:pr-${item.number}`,
      ref: `pr-${item.number}`,
      sha: fakeSha(repo.id, item.number, 'head'),
      user: ghUser(state, item.author),
      repo: repoObj
    },
    base: {
      label: `${owner}:${repo.defaultBranch}`,
      ref: repo.defaultBranch,
      sha: fakeSha(repo.id, item.number, 'base'),
      user: ghUser(state, owner),
      repo: repoObj
    }
  };
}

export async function ghPullSimple(
  state: EmulatorState,
  repo: WorldRepository,
  item: WorldItem,
  token: string | null
): Promise<GhPullSimple> {
  const r = `${state.githubApi}/repos/${repo.path}`;
  const url = `${r}/pulls/${item.number}`;
  const html = itemHtmlUrl(state, repo, item);
  const headSha = fakeSha(repo.id, item.number, 'head');
  return {
    url,
    id: item.id,
    node_id: nodeId('PullRequest', item.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${r}/issues/${item.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${r}/pulls/comments{/number}`,
    comments_url: `${r}/issues/${item.number}/comments`,
    statuses_url: `${r}/statuses/${headSha}`,
    number: item.number,
    state: item.state === 'open' ? 'open' : 'closed',
    locked: false,
    title: item.title,
    user: ghUser(state, item.author),
    body: item.body,
    // openapi-types says description: string here, GitHub sends null for labels without one.
    labels: labels(state, repo, item.labels) as GhPullSimple['labels'],
    milestone: null,
    active_lock_reason: null,
    created_at: ghTime(item.createdAt),
    updated_at: ghTime(item.updatedAt),
    closed_at: ghTime(item.closedAt),
    merged_at: ghTime(item.mergedAt),
    merge_commit_sha: item.mergedAt ? fakeSha(repo.id, item.number, 'merge') : null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    ...(await pullRefs(state, repo, item, token)),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: `${r}/issues/${item.number}` },
      comments: { href: `${r}/issues/${item.number}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${r}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${r}/statuses/${headSha}` }
    },
    author_association: association(repo, item.author),
    auto_merge: null,
    draft: false
  };
}

export async function ghPull(state: EmulatorState, repo: WorldRepository, item: WorldItem, token: string | null): Promise<GhPull> {
  const simple = await ghPullSimple(state, repo, item, token);
  const merger = item.mergedAt ? (item.closedBy ?? splitPath(repo.path)[0]) : null;
  return {
    ...simple,
    state: item.state === 'open' ? 'open' : 'closed',
    user: ghUser(state, item.author),
    ...(await pullRefs(state, repo, item, token)),
    merged: item.mergedAt !== null,
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
    merged_by: merger ? ghUser(state, merger) : null,
    comments: item.comments.length,
    review_comments: item.reviewComments.length,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 0,
    changed_files: 1
  };
}

interface WorldIssueEvent {
  id: number;
  item: WorldItem;
  event: 'closed' | 'merged';
  actor: string;
  at: string;
}

/**
 * A repository's issue events as far as the world knows them: a "closed" event for every closed
 * item and "merged" plus "closed" for a merged pull request, by the item's closer (items without
 * a known closer have none). Newest first, as GitHub answers — the
 * order is observed, not documented (https://docs.github.com/rest/issues/events).
 */
export function issueEvents(repo: WorldRepository): WorldIssueEvent[] {
  const events: WorldIssueEvent[] = [];
  for (const item of repo.items) {
    const closedAt = item.closedAt ?? item.mergedAt;
    if (item.state === 'open' || !closedAt) continue;
    // The world names no closer for some items; GitHub always would, but inventing one would
    // count a response that the world's truth does not know.
    const actor = item.closedBy;
    if (!actor) continue;
    if (item.mergedAt) events.push({ id: item.id * 4 + 1, item, event: 'merged', actor, at: item.mergedAt });
    events.push({ id: item.id * 4 + 2, item, event: 'closed', actor, at: closedAt });
  }
  return events.sort((a, b) => ms(b.at) - ms(a.at) || b.id - a.id);
}

export function ghIssueEvent(state: EmulatorState, repo: WorldRepository, e: WorldIssueEvent): GhIssueEvent {
  return {
    id: e.id,
    node_id: nodeId('IE', e.id),
    url: `${state.githubApi}/repos/${repo.path}/issues/events/${e.id}`,
    actor: ghUser(state, e.actor),
    event: e.event,
    commit_id: null,
    commit_url: null,
    created_at: ghTime(e.at),
    issue: ghIssue(state, repo, e.item),
    performed_via_github_app: null
  } as GhIssueEvent;
}

export function ghIssueComment(state: EmulatorState, repo: WorldRepository, item: WorldItem, c: WorldComment): GhIssueComment {
  const r = `${state.githubApi}/repos/${repo.path}`;
  return {
    url: `${r}/issues/comments/${c.id}`,
    html_url: `${itemHtmlUrl(state, repo, item)}#issuecomment-${c.id}`,
    issue_url: `${r}/issues/${item.number}`,
    id: c.id,
    node_id: nodeId('IssueComment', c.id),
    user: ghUser(state, c.author),
    created_at: ghTime(c.createdAt),
    updated_at: ghTime(c.updatedAt),
    author_association: association(repo, c.author),
    body: c.body,
    reactions: reactions(`${r}/issues/comments/${c.id}/reactions`),
    performed_via_github_app: null
  };
}

export function ghReviewComment(state: EmulatorState, repo: WorldRepository, item: WorldItem, c: WorldComment): GhReviewComment {
  const r = `${state.githubApi}/repos/${repo.path}`;
  const url = `${r}/pulls/comments/${c.id}`;
  const html = `${itemHtmlUrl(state, repo, item)}#discussion_r${c.id}`;
  const sha = fakeSha(repo.id, item.number, 'head');
  return {
    url,
    pull_request_review_id: null,
    id: c.id,
    node_id: nodeId('PullRequestReviewComment', c.id),
    diff_hunk: '@@ -1,1 +1,1 @@',
    path: 'README.md',
    position: 1,
    original_position: 1,
    commit_id: sha,
    original_commit_id: sha,
    user: ghUser(state, c.author),
    body: c.body,
    created_at: ghTime(c.createdAt),
    updated_at: ghTime(c.updatedAt),
    html_url: html,
    pull_request_url: `${r}/pulls/${item.number}`,
    author_association: association(repo, c.author),
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: `${r}/pulls/${item.number}` } },
    reactions: reactions(`${url}/reactions`),
    start_line: null,
    original_start_line: null,
    start_side: null,
    line: 1,
    original_line: 1,
    side: 'RIGHT',
    subject_type: 'line'
  };
}

export function ghReview(state: EmulatorState, repo: WorldRepository, item: WorldItem, v: WorldReview): GhReview {
  const r = `${state.githubApi}/repos/${repo.path}`;
  const html = `${itemHtmlUrl(state, repo, item)}#pullrequestreview-${v.id}`;
  return {
    id: v.id,
    node_id: nodeId('PullRequestReview', v.id),
    user: ghUser(state, v.author),
    body: v.body,
    state: v.state,
    html_url: html,
    pull_request_url: `${r}/pulls/${item.number}`,
    author_association: association(repo, v.author),
    _links: { html: { href: html }, pull_request: { href: `${r}/pulls/${item.number}` } },
    submitted_at: ghTime(v.submittedAt),
    commit_id: fakeSha(repo.id, item.number, 'head')
  };
}

export function ghRelease(state: EmulatorState, repo: WorldRepository, rel: WorldRelease): GhRelease {
  const r = `${state.githubApi}/repos/${repo.path}`;
  return {
    url: `${r}/releases/${rel.id}`,
    assets_url: `${r}/releases/${rel.id}/assets`,
    upload_url: `${state.githubApi}/uploads/repos/${repo.path}/releases/${rel.id}/assets{?name,label}`,
    html_url: `${state.githubWeb}/${repo.path}/releases/tag/${encodeURIComponent(rel.tagName)}`,
    id: rel.id,
    author: ghUser(state, rel.author),
    node_id: nodeId('Release', rel.id),
    tag_name: rel.tagName,
    target_commitish: repo.defaultBranch,
    name: rel.name,
    draft: rel.draft,
    immutable: false,
    prerelease: rel.prerelease,
    created_at: ghTime(rel.createdAt),
    updated_at: ghTime(rel.publishedAt),
    published_at: ghTime(rel.publishedAt),
    assets: [],
    tarball_url: `${r}/tarball/${encodeURIComponent(rel.tagName)}`,
    zipball_url: `${r}/zipball/${encodeURIComponent(rel.tagName)}`,
    body: rel.body
  };
}

export function ghTag(state: EmulatorState, repo: WorldRepository, tag: GitTag): GhTag {
  const r = `${state.githubApi}/repos/${repo.path}`;
  return {
    name: tag.name,
    commit: { sha: tag.commit.sha, url: `${r}/commits/${tag.commit.sha}` },
    zipball_url: `${r}/zipball/refs/tags/${encodeURIComponent(tag.name)}`,
    tarball_url: `${r}/tarball/refs/tags/${encodeURIComponent(tag.name)}`,
    node_id: Buffer.from(`03:Ref${repo.id}:refs/tags/${tag.name}`).toString('base64')
  };
}

/** A commit as GitHub embeds it (the `commit` schema), from the real git commit. */
function ghCommit(state: EmulatorState, repo: WorldRepository, c: GitCommitInfo): S['commit'] {
  const r = `${state.githubApi}/repos/${repo.path}`;
  const gitUser = (name: string, email: string, date: string) => ({ name, email, date: ghTime(date) });
  return {
    url: `${r}/commits/${c.sha}`,
    sha: c.sha,
    node_id: Buffer.from(`06:Commit${repo.id}:${c.sha}`).toString('base64'),
    html_url: `${state.githubWeb}/${repo.path}/commit/${c.sha}`,
    comments_url: `${r}/commits/${c.sha}/comments`,
    commit: {
      url: `${r}/git/commits/${c.sha}`,
      author: gitUser(c.authorName, c.authorEmail, c.authorDate),
      committer: gitUser(c.committerName, c.committerEmail, c.committerDate),
      message: c.message,
      comment_count: 0,
      tree: { sha: fakeSha(repo.id, c.sha, 'tree'), url: `${r}/git/trees/${fakeSha(repo.id, c.sha, 'tree')}` }
    },
    author: null,
    committer: null,
    parents: c.parents.map((sha) => ({ sha, url: `${r}/commits/${sha}`, html_url: `${state.githubWeb}/${repo.path}/commit/${sha}` }))
  };
}

/**
 * GET /repos/{owner}/{repo}/branches/{branch} as a reader without admin rights sees it
 * (https://docs.github.com/en/rest/branches/branches#get-a-branch): `protected` says whether classic
 * branch protection is on; `protection` shows no force-push setting to such a reader (that needs
 * GET …/branches/{branch}/protection with admin rights). A branch under a ruleset only is modelled
 * as `protected: false`: its rules come from GET …/rules/branches/{branch}.
 */
export async function ghBranch(state: EmulatorState, repo: WorldRepository, name: string): Promise<GhBranch | null> {
  const c = await gitCommit(repo.gitDir, `refs/heads/${name}`);
  if (!c) return null;
  const r = `${state.githubApi}/repos/${repo.path}`;
  const classic = repo.protection?.via === 'classic';
  return {
    name,
    commit: ghCommit(state, repo, c),
    _links: { html: `${state.githubWeb}/${repo.path}/tree/${encodeURIComponent(name)}`, self: `${r}/branches/${encodeURIComponent(name)}` },
    protected: classic,
    protection: {
      enabled: classic,
      required_status_checks: { enforcement_level: classic ? 'non_admins' : 'off', contexts: [], checks: [] }
    },
    protection_url: `${r}/branches/${encodeURIComponent(name)}/protection`
  };
}

/**
 * GET /repos/{owner}/{repo}/rules/branches/{branch} (https://docs.github.com/en/rest/repos/rules#get-rules-for-a-branch):
 * the active ruleset rules for the branch, readable by anyone who can read the repository; an
 * empty list without rulesets (also for a branch that does not exist).
 */
export function ghBranchRules(repo: WorldRepository): GhBranchRule[] {
  if (repo.protection?.via !== 'ruleset') return [];
  const info = {
    ruleset_source_type: 'Repository' as const,
    ruleset_source: repo.path,
    ruleset_id: syntheticId('github-ruleset', String(repo.id))
  };
  const rules: GhBranchRule[] = [{ type: 'deletion', ...info }];
  if (repo.protection.forcePushBlocked) rules.push({ type: 'non_fast_forward', ...info });
  return rules;
}

// ---------------------------------------------------------------------------------------------
// Routes

function splitPath(full: string): [string, string] {
  const i = full.indexOf('/');
  return [full.slice(0, i), full.slice(i + 1)];
}

function isPublic(repo: WorldRepository | undefined): repo is WorldRepository {
  return repo !== undefined && repo.visibility === 'public';
}

/**
 * Finds the repository of a /repos/{owner}/{repo}/… or /repositories/{id}/… request. A renamed
 * repository answers 301 to /repositories/{id}/… like GitHub; private and unknown ones 404.
 */
function resolveRepo(req: ApiRequest, state: EmulatorState): WorldRepository | ApiResult {
  const idx = state.index.github;
  if (req.params.id !== undefined) {
    const repo = /^\d+$/.test(req.params.id) ? idx.byId.get(Number(req.params.id)) : undefined;
    return isPublic(repo) ? repo : ghNotFound();
  }
  const key = `${req.params.owner}/${req.params.repo}`.toLowerCase();
  const repo = idx.byPath.get(key);
  if (repo) return isPublic(repo) ? repo : ghNotFound();
  const moved = idx.byOldPath.get(key);
  if (isPublic(moved)) {
    const rest = req.forgePath.split('/').slice(4).join('/');
    const location = `${state.githubApi}/repositories/${moved.id}${rest ? `/${rest}` : ''}${req.url.search}`;
    return {
      type: 'redirect',
      status: 301,
      location,
      body: { message: 'Moved Permanently', url: location, documentation_url: 'https://docs.github.com/v3/#http-redirects' }
    };
  }
  return ghNotFound();
}

type RepoHandler = (repo: WorldRepository, req: ApiRequest, state: EmulatorState) => ApiResult | Promise<ApiResult>;

/** A repository route, reachable as /repos/{owner}/{repo}… and /repositories/{id}… (counted as the former). */
function repoRoutes(suffix: string, handler: RepoHandler): Route[] {
  const wrapped: Handler = (req, state) => {
    const repo = resolveRepo(req, state);
    if ('type' in repo) return repo;
    return handler(repo, req, state);
  };
  const template = `/repos/{owner}/{repo}${suffix.replace(/:(\w+)/g, '{$1}').replace(/\*(\w+)/g, '{$1}')}`;
  return [route('GET', `/repos/:owner/:repo${suffix}`, template, wrapped), route('GET', `/repositories/:id${suffix}`, template, wrapped)];
}

function repoLink(repo: WorldRepository, suffix: string): string {
  return `/repositories/${repo.id}${suffix}`;
}

function direction(q: URLSearchParams, fallback: 'asc' | 'desc'): 1 | -1 {
  const d = q.get('direction');
  return (d === 'asc' || d === 'desc' ? d : fallback) === 'asc' ? 1 : -1;
}

function byKey<T>(key: (x: T) => number, tie: (x: T) => number, dir: 1 | -1): (a: T, b: T) => number {
  return (a, b) => dir * (key(a) - key(b) || tie(a) - tie(b));
}

function listIssues(repo: WorldRepository, req: ApiRequest, state: EmulatorState): ApiResult {
  const q = req.query;
  const st = q.get('state') ?? 'open';
  const since = timeParam(q, 'since');
  const wanted = (q.get('labels') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const creator = q.get('creator')?.toLowerCase();
  let items = repo.items.filter((i) => repo.hasIssues || i.kind === 'pull');
  if (st === 'open') items = items.filter((i) => i.state === 'open');
  else if (st === 'closed') items = items.filter((i) => i.state !== 'open');
  if (since !== undefined) items = items.filter((i) => ms(i.updatedAt) >= since);
  if (wanted.length) items = items.filter((i) => wanted.every((l) => i.labels.includes(l)));
  if (creator) items = items.filter((i) => i.author.toLowerCase() === creator);
  const sort = q.get('sort') ?? 'created';
  const key =
    sort === 'updated'
      ? (i: WorldItem) => ms(i.updatedAt)
      : sort === 'comments'
        ? (i: WorldItem) => i.comments.length
        : (i: WorldItem) => ms(i.createdAt);
  items.sort(byKey(key, (i) => i.number, direction(q, 'desc')));
  return page(items, (i) => ghIssue(state, repo, i), repoLink(repo, '/issues'), { cursor: true });
}

interface CommentRef {
  item: WorldItem;
  comment: WorldComment;
}

function commentList(items: WorldItem[], pick: (i: WorldItem) => WorldComment[], q: URLSearchParams): CommentRef[] {
  const since = timeParam(q, 'since');
  const all: CommentRef[] = [];
  for (const item of items) for (const comment of pick(item)) all.push({ item, comment });
  const filtered = since === undefined ? all : all.filter((c) => ms(c.comment.updatedAt) >= since);
  const sort = q.get('sort');
  // Without sort, GitHub lists comments in ascending id order and ignores direction.
  const key =
    sort === 'updated'
      ? (c: CommentRef) => ms(c.comment.updatedAt)
      : sort === 'created'
        ? (c: CommentRef) => ms(c.comment.createdAt)
        : (c: CommentRef) => c.comment.id;
  filtered.sort(byKey(key, (c) => c.comment.id, sort ? direction(q, 'desc') : 1));
  return filtered;
}

function findItem(repo: WorldRepository, n: string, kind?: 'pull'): WorldItem | undefined {
  const num = Number(n);
  return repo.items.find((i) => i.number === num && (kind === undefined || i.kind === kind));
}

function listPulls(repo: WorldRepository, req: ApiRequest, state: EmulatorState): ApiResult {
  const q = req.query;
  const st = q.get('state') ?? 'open';
  let items = repo.items.filter((i) => i.kind === 'pull');
  if (st === 'open') items = items.filter((i) => i.state === 'open');
  else if (st === 'closed') items = items.filter((i) => i.state !== 'open');
  const sort = q.get('sort') ?? 'created';
  const key =
    sort === 'updated'
      ? (i: WorldItem) => ms(i.updatedAt)
      : sort === 'popularity'
        ? (i: WorldItem) => i.comments.length
        : sort === 'long-running'
          ? (i: WorldItem) => -ms(i.createdAt)
          : (i: WorldItem) => ms(i.createdAt);
  items.sort(byKey(key, (i) => i.number, direction(q, sort === 'created' ? 'desc' : 'asc')));
  return page(items, (i) => ghPullSimple(state, repo, i, req.token), repoLink(repo, '/pulls'));
}

function visibleReleases(repo: WorldRepository): WorldRelease[] {
  // Drafts are only visible to people with push access; the emulator's tokens have none.
  return repo.releases.filter((r) => !r.draft).sort((a, b) => ms(b.createdAt) - ms(a.createdAt) || b.id - a.id);
}

async function contents(repo: WorldRepository, req: ApiRequest, state: EmulatorState): Promise<ApiResult> {
  const ref = req.query.get('ref') || repo.defaultBranch;
  const path = req.params.path.replace(/^\/+|\/+$/g, '');
  if ((await gitResolve(repo.gitDir, 'HEAD')) === null && (await gitResolve(repo.gitDir, ref)) === null) {
    return json({ message: 'This repository is empty.', documentation_url: DOCS, status: '404' }, 404);
  }
  const obj = await gitObject(repo.gitDir, ref, path);
  if (!obj) return ghNotFound();
  const r = `${state.githubApi}/repos/${repo.path}`;
  const entryLinks = (p: string, sha: string, type: 'file' | 'dir') => {
    const self = `${r}/contents/${p}?ref=${encodeURIComponent(ref)}`;
    const git = `${r}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
    const html = `${state.githubWeb}/${repo.path}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${p}`;
    return { url: self, git_url: git, html_url: html, _links: { self, git, html } };
  };
  if (obj.type === 'tree') {
    const entries: S['content-directory'] = obj.entries.map((e) => {
      const p = path ? `${path}/${e.name}` : e.name;
      const type = e.type === 'tree' ? 'dir' : e.type === 'commit' ? 'submodule' : 'file';
      return {
        type,
        size: e.size,
        name: e.name,
        path: p,
        sha: e.sha,
        ...entryLinks(p, e.sha, type === 'dir' ? 'dir' : 'file'),
        download_url: type === 'file' ? `${state.origin}/_emulator/raw/github/${repo.path}/${ref}/${p}` : null
      };
    });
    return json(entries);
  }
  const accept = String(req.headers.accept ?? '');
  if (/application\/vnd\.github(\.v3)?\.raw/.test(accept)) {
    return { type: 'raw', body: obj.content, contentType: 'application/vnd.github.raw; charset=utf-8' };
  }
  const name = path.split('/').at(-1) ?? path;
  const file: GhContentFile = {
    type: 'file',
    encoding: 'base64',
    size: obj.content.length,
    name,
    path,
    // GitHub wraps base64 at 60 characters per line.
    content: (obj.content.toString('base64').match(/.{1,60}/g) ?? ['']).join('\n') + '\n',
    sha: obj.sha,
    ...entryLinks(path, obj.sha, 'file'),
    download_url: `${state.origin}/_emulator/raw/github/${repo.path}/${ref}/${path}`
  };
  return json(file);
}

async function compare(repo: WorldRepository, req: ApiRequest): Promise<ApiResult> {
  const m = /^(.+?)\.\.\.(.+)$/.exec(req.params.basehead);
  if (!m) return ghNotFound();
  const [base, head] = [m[1], m[2]];
  const [b, h] = [await gitResolve(repo.gitDir, base), await gitResolve(repo.gitDir, head)];
  if (!b || !h) return ghNotFound();
  const { execFile } = await import('node:child_process');
  const counts = await new Promise<string>((resolve, reject) =>
    execFile('git', ['--git-dir', repo.gitDir, 'rev-list', '--left-right', '--count', `${b}...${h}`], (e, out) =>
      e ? reject(e) : resolve(out)
    )
  );
  const [behind, ahead] = counts.trim().split(/\s+/).map(Number);
  const status = ahead && behind ? 'diverged' : ahead ? 'ahead' : behind ? 'behind' : 'identical';
  return json({
    status,
    ahead_by: ahead,
    behind_by: behind,
    total_commits: ahead,
    base_commit: { sha: b },
    merge_base_commit: { sha: b },
    commits: [],
    files: []
  });
}

function listRepos(state: EmulatorState, req: ApiRequest, owner: string, kind: 'org' | 'user', linkPath: string): ApiResult {
  const q = req.query;
  const type = q.get('type') ?? (kind === 'org' ? 'all' : 'owner');
  const prefix = `${owner.toLowerCase()}/`;
  let repos = state.world.github.repositories.filter((r) => r.path.toLowerCase().startsWith(prefix) && r.visibility === 'public');
  if (type === 'private' || type === 'internal' || type === 'member') repos = [];
  else if (type === 'forks') repos = repos.filter((r) => r.forkOf !== null);
  else if (type === 'sources') repos = repos.filter((r) => r.forkOf === null);
  const sort = q.get('sort') ?? (kind === 'org' ? 'created' : 'full_name');
  let cmp: (a: WorldRepository, b: WorldRepository) => number;
  if (sort === 'full_name') {
    const dir = direction(q, 'asc');
    cmp = (a, b) => dir * a.path.toLowerCase().localeCompare(b.path.toLowerCase());
  } else {
    const key =
      sort === 'updated'
        ? (r: WorldRepository) => ms([r.createdAt, r.pushedAt].sort().at(-1) ?? r.createdAt)
        : sort === 'pushed'
          ? (r: WorldRepository) => ms(r.pushedAt)
          : (r: WorldRepository) => ms(r.createdAt);
    cmp = byKey(key, (r) => r.id, direction(q, 'desc'));
  }
  repos.sort(cmp);
  return page(repos, (r) => ghRepository(state, r, req.token), linkPath);
}

function orgRepos(req: ApiRequest, state: EmulatorState): ApiResult {
  const idx = state.index.github;
  const account =
    req.params.id !== undefined ? idx.accountsById.get(Number(req.params.id)) : idx.accounts.get(req.params.org.toLowerCase());
  if (!account || account.type !== 'Organization') return ghNotFound();
  return listRepos(state, req, account.login, 'org', `/organizations/${account.id}/repos`);
}

function userRepos(req: ApiRequest, state: EmulatorState): ApiResult {
  const idx = state.index.github;
  const account =
    req.params.id !== undefined ? idx.accountsById.get(Number(req.params.id)) : idx.accounts.get(req.params.username.toLowerCase());
  if (!account) return ghNotFound();
  return listRepos(state, req, account.login, 'user', `/user/${account.id}/repos`);
}

function rateLimit(req: ApiRequest): ApiResult {
  const b = req.budget;
  const core = { limit: b.limit, used: b.used, remaining: b.remaining, reset: b.reset };
  const other = (limit: number) => ({ limit, used: 0, remaining: limit, reset: b.reset });
  const body: GhRateLimit = {
    resources: { core, search: other(30), graphql: other(b.limit), integration_manifest: other(5000), code_search: other(10) },
    rate: core
  };
  return json(body);
}

export function githubRoutes(): Route[] {
  return [
    route('GET', '/rate_limit', '/rate_limit', rateLimit, true),
    ...repoRoutes('', async (repo, req, state) => json(await ghFullRepository(state, repo, req.token))),
    ...repoRoutes('/issues', listIssues),
    ...repoRoutes('/issues/events', (repo, _req, state) =>
      page(issueEvents(repo), (e) => ghIssueEvent(state, repo, e), repoLink(repo, '/issues/events'))
    ),
    ...repoRoutes('/issues/comments', (repo, req, state) =>
      page(
        commentList(repo.items, (i) => i.comments, req.query),
        (c) => ghIssueComment(state, repo, c.item, c.comment),
        repoLink(repo, '/issues/comments'),
        { cursor: true }
      )
    ),
    ...repoRoutes('/issues/:number', (repo, req, state) => {
      const item = findItem(repo, req.params.number);
      return item && (repo.hasIssues || item.kind === 'pull') ? json(ghIssue(state, repo, item, true)) : ghNotFound();
    }),
    ...repoRoutes('/issues/:number/comments', (repo, req, state) => {
      const item = findItem(repo, req.params.number);
      if (!item) return ghNotFound();
      return page(
        commentList([item], (i) => i.comments, req.query),
        (c) => ghIssueComment(state, repo, c.item, c.comment),
        repoLink(repo, `/issues/${item.number}/comments`)
      );
    }),
    ...repoRoutes('/pulls', listPulls),
    ...repoRoutes('/pulls/comments', (repo, req, state) =>
      page(
        commentList(
          repo.items.filter((i) => i.kind === 'pull'),
          (i) => i.reviewComments,
          req.query
        ),
        (c) => ghReviewComment(state, repo, c.item, c.comment),
        repoLink(repo, '/pulls/comments')
      )
    ),
    ...repoRoutes('/pulls/:number', async (repo, req, state) => {
      const item = findItem(repo, req.params.number, 'pull');
      return item ? json(await ghPull(state, repo, item, req.token)) : ghNotFound();
    }),
    ...repoRoutes('/pulls/:number/comments', (repo, req, state) => {
      const item = findItem(repo, req.params.number, 'pull');
      if (!item) return ghNotFound();
      return page(
        commentList([item], (i) => i.reviewComments, req.query),
        (c) => ghReviewComment(state, repo, c.item, c.comment),
        repoLink(repo, `/pulls/${item.number}/comments`)
      );
    }),
    ...repoRoutes('/pulls/:number/reviews', (repo, req, state) => {
      const item = findItem(repo, req.params.number, 'pull');
      if (!item) return ghNotFound();
      const reviews = [...item.reviews].sort((a, b) => ms(a.submittedAt) - ms(b.submittedAt) || a.id - b.id);
      return page(reviews, (v) => ghReview(state, repo, item, v), repoLink(repo, `/pulls/${item.number}/reviews`));
    }),
    ...repoRoutes('/releases', (repo, _req, state) =>
      page(visibleReleases(repo), (r) => ghRelease(state, repo, r), repoLink(repo, '/releases'), { cap: RELEASES_CAP })
    ),
    ...repoRoutes('/releases/latest', (repo, _req, state) => {
      const latest = visibleReleases(repo).find((r) => !r.prerelease);
      return latest ? json(ghRelease(state, repo, latest)) : ghNotFound();
    }),
    ...repoRoutes('/releases/tags/:tag', (repo, req, state) => {
      const rel = visibleReleases(repo).find((r) => r.tagName === req.params.tag);
      return rel ? json(ghRelease(state, repo, rel)) : ghNotFound();
    }),
    ...repoRoutes('/branches/:branch', async (repo, req, state) => {
      const branch = await ghBranch(state, repo, req.params.branch);
      return branch ? json(branch) : json({ message: 'Branch not found', documentation_url: DOCS, status: '404' }, 404);
    }),
    ...repoRoutes('/rules/branches/:branch', (repo) => json(ghBranchRules(repo))),
    ...repoRoutes('/tags', async (repo, _req, state) =>
      page(await gitTags(repo.gitDir), (t) => ghTag(state, repo, t), repoLink(repo, '/tags'))
    ),
    ...repoRoutes('/forks', (repo, req, state) => {
      const sort = req.query.get('sort') ?? 'newest';
      const forks = [...publicForks(state, repo)].sort(
        sort === 'oldest'
          ? (a, b) => ms(a.createdAt) - ms(b.createdAt) || a.id - b.id
          : sort === 'stargazers' || sort === 'watchers'
            ? (a, b) => b.stars - a.stars || a.id - b.id
            : (a, b) => ms(b.createdAt) - ms(a.createdAt) || b.id - a.id
      );
      return page(forks, (f) => ghRepository(state, f, req.token), repoLink(repo, '/forks'));
    }),
    ...repoRoutes('/contents/*path', contents),
    ...repoRoutes('/compare/:basehead', compare),
    route('GET', '/orgs/:org', '/orgs/{org}', (req, state) => {
      const a = state.index.github.accounts.get(req.params.org.toLowerCase());
      if (!a || a.type !== 'Organization') return ghNotFound();
      const u = ghUser(state, a.login);
      const publicRepos = state.world.github.repositories.filter(
        (r) => r.visibility === 'public' && r.path.toLowerCase().startsWith(`${a.login.toLowerCase()}/`)
      ).length;
      return json({
        login: u.login,
        id: u.id,
        node_id: u.node_id,
        url: `${state.githubApi}/orgs/${a.login}`,
        repos_url: `${state.githubApi}/orgs/${a.login}/repos`,
        events_url: `${state.githubApi}/orgs/${a.login}/events`,
        hooks_url: `${state.githubApi}/orgs/${a.login}/hooks`,
        issues_url: `${state.githubApi}/orgs/${a.login}/issues`,
        members_url: `${state.githubApi}/orgs/${a.login}/members{/member}`,
        public_members_url: `${state.githubApi}/orgs/${a.login}/public_members{/member}`,
        avatar_url: u.avatar_url,
        description: null,
        name: a.name,
        html_url: u.html_url,
        type: 'Organization',
        public_repos: publicRepos,
        public_gists: 0,
        followers: 0,
        following: 0,
        has_organization_projects: true,
        has_repository_projects: true,
        created_at: ghTime(a.createdAt),
        updated_at: ghTime(a.createdAt),
        archived_at: null
      });
    }),
    route('GET', '/orgs/:org/repos', '/orgs/{org}/repos', orgRepos),
    route('GET', '/organizations/:id/repos', '/orgs/{org}/repos', orgRepos),
    route('GET', '/users/:username', '/users/{username}', (req, state) => {
      const a = state.index.github.accounts.get(req.params.username.toLowerCase());
      if (!a) return ghNotFound();
      return json({ ...ghUser(state, a.login), name: a.name, created_at: ghTime(a.createdAt), updated_at: ghTime(a.createdAt) });
    }),
    route('GET', '/users/:username/repos', '/users/{username}/repos', userRepos),
    route('GET', '/user/:id/repos', '/users/{username}/repos', userRepos)
  ];
}
