/**
 * The GitLab v4 subset the collectors read (DESIGN §4), served from the world.
 * Builders are typed against @gitbeaker/core's schemas: each emits a Pick of the schema (the
 * fields GitLab actually returns in that view), so names and types are checked. Where gitbeaker's
 * schema is wrong about the real API (nullable fields typed as string, closed_by typed as string)
 * the type is overridden, and the override says so.
 */
import type {
  CondensedNamespaceSchema,
  GroupSchema,
  IssueSchema,
  MergeRequestSchema,
  NoteSchema,
  ProjectLicenseSchema,
  ProjectSchema,
  ReleaseSchema,
  SimpleUserSchema,
  TagSchema,
  CommitSchema
} from '@gitbeaker/core';
import type { WorldAccount, WorldComment, WorldItem, WorldRelease, WorldRepository } from '../world/model';
import { reviewsOf } from '../world/reviews';
import { gitCommit, gitObject, gitResolve, gitTags, type GitCommitInfo, type GitTag } from './git';
import {
  glTime,
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

/** User as embedded in issues, notes, releases (GitLab's UserBasic entity; no `bot` there). */
export type GlUser = Pick<SimpleUserSchema, 'id' | 'username' | 'name' | 'state' | 'avatar_url' | 'web_url'> & { locked: boolean };
export type GlNamespace = CondensedNamespaceSchema;
/** gitbeaker types `nickname` as string; GitLab sends null for licences without one. */
export type GlLicense = Omit<ProjectLicenseSchema, 'nickname'> & { nickname: string | null };
export type GlProject = Pick<
  ProjectSchema,
  | 'id'
  | 'description'
  | 'name'
  | 'name_with_namespace'
  | 'path'
  | 'path_with_namespace'
  | 'created_at'
  | 'default_branch'
  | 'topics'
  | 'ssh_url_to_repo'
  | 'http_url_to_repo'
  | 'web_url'
  | 'readme_url'
  | 'forks_count'
  | 'avatar_url'
  | 'star_count'
  | 'last_activity_at'
  | 'namespace'
  | 'visibility'
  | 'empty_repo'
  | 'archived'
  | 'issues_enabled'
  | 'merge_requests_enabled'
  | 'wiki_enabled'
  | 'jobs_enabled'
  | 'snippets_enabled'
  | 'updated_at'
  | 'creator_id'
  | 'import_status'
> & {
  /** gitbeaker says string; GitLab sends null without a licence. */
  license_url: string | null;
  tag_list: string[];
  issues_access_level: 'enabled' | 'private' | 'disabled';
  merge_requests_access_level: 'enabled' | 'private' | 'disabled';
  repository_access_level: 'enabled' | 'private' | 'disabled';
  open_issues_count?: number;
  owner?: ProjectSchema['owner'];
  license?: GlLicense | null;
  forked_from_project?: GlSimpleProject;
  _links: Partial<ProjectSchema['_links']>;
};
export type GlSimpleProject = Pick<
  ProjectSchema,
  | 'id'
  | 'description'
  | 'name'
  | 'name_with_namespace'
  | 'path'
  | 'path_with_namespace'
  | 'created_at'
  | 'default_branch'
  | 'topics'
  | 'ssh_url_to_repo'
  | 'http_url_to_repo'
  | 'web_url'
  | 'readme_url'
  | 'forks_count'
  | 'avatar_url'
  | 'star_count'
  | 'last_activity_at'
  | 'namespace'
> & { tag_list: string[] };
type TimeStats = IssueSchema['time_stats'];
/** gitbeaker types closed_by as string and due_date as string; GitLab sends a user / null. */
export type GlIssue = Pick<
  IssueSchema,
  | 'id'
  | 'iid'
  | 'project_id'
  | 'title'
  | 'description'
  | 'state'
  | 'created_at'
  | 'updated_at'
  | 'labels'
  | 'author'
  | 'assignees'
  | 'type'
  | 'user_notes_count'
  | 'merge_requests_count'
  | 'upvotes'
  | 'downvotes'
  | 'confidential'
  | 'web_url'
  | 'references'
  | 'time_stats'
  | 'task_completion_status'
  | '_links'
> & {
  closed_at: string | null;
  closed_by: GlUser | null;
  due_date: string | null;
  milestone: null;
  assignee: GlUser | null;
  discussion_locked: boolean | null;
  issue_type: 'issue';
  severity: 'UNKNOWN';
  moved_to_id: null;
  service_desk_reply_to: null;
};
export type GlMergeRequest = Pick<
  MergeRequestSchema,
  | 'id'
  | 'iid'
  | 'project_id'
  | 'title'
  | 'description'
  | 'state'
  | 'created_at'
  | 'updated_at'
  | 'merged_at'
  | 'closed_at'
  | 'target_branch'
  | 'source_branch'
  | 'user_notes_count'
  | 'upvotes'
  | 'downvotes'
  | 'author'
  | 'assignees'
  | 'assignee'
  | 'reviewers'
  | 'source_project_id'
  | 'target_project_id'
  | 'labels'
  | 'draft'
  | 'work_in_progress'
  | 'milestone'
  | 'merge_when_pipeline_succeeds'
  | 'merge_status'
  | 'detailed_merge_status'
  | 'sha'
  | 'merge_commit_sha'
  | 'squash_commit_sha'
  | 'discussion_locked'
  | 'should_remove_source_branch'
  | 'force_remove_source_branch'
  | 'reference'
  | 'references'
  | 'web_url'
  | 'time_stats'
  | 'squash'
  | 'task_completion_status'
  | 'has_conflicts'
  | 'blocking_discussions_resolved'
  | 'prepared_at'
  | 'merged_by'
  | 'closed_by'
> & { merge_user: GlUser | null; squash_on_merge: boolean };
export type GlNote = Pick<
  NoteSchema,
  | 'id'
  | 'body'
  | 'attachment'
  | 'author'
  | 'created_at'
  | 'updated_at'
  | 'system'
  | 'noteable_id'
  | 'noteable_type'
  | 'noteable_iid'
  | 'project_id'
  | 'resolvable'
> & {
  type: null;
  confidential: boolean;
  internal: boolean;
  imported: boolean;
  imported_from: string;
  commands_changes: Record<string, never>;
};
export type GlCommit = Pick<
  CommitSchema,
  | 'id'
  | 'short_id'
  | 'created_at'
  | 'parent_ids'
  | 'title'
  | 'message'
  | 'author_name'
  | 'author_email'
  | 'authored_date'
  | 'committer_name'
  | 'committer_email'
  | 'committed_date'
  | 'web_url'
> & { trailers: Record<string, string>; extended_trailers: Record<string, string[]> };
export type GlRelease = Pick<
  ReleaseSchema,
  | 'name'
  | 'tag_name'
  | 'description'
  | 'created_at'
  | 'released_at'
  | 'upcoming_release'
  | 'author'
  | 'commit_path'
  | 'tag_path'
  | 'assets'
  | 'evidences'
  | '_links'
> & { commit: GlCommit; milestones?: never };
export type GlTag = Pick<TagSchema, 'name' | 'target' | 'protected'> & {
  message: string;
  commit: GlCommit;
  release: Pick<ReleaseSchema, 'tag_name' | 'description'> | null;
  created_at: string | null;
};
export type GlGroup = Pick<
  GroupSchema,
  'id' | 'web_url' | 'name' | 'path' | 'description' | 'visibility' | 'full_name' | 'full_path' | 'created_at' | 'avatar_url'
> & {
  parent_id: number | null;
};

export function glNotFound(what = 'Project'): ApiResult {
  return json({ message: `404 ${what} Not Found` }, 404);
}

// ---------------------------------------------------------------------------------------------
// Builders

function account(state: EmulatorState, login: string): WorldAccount | undefined {
  return state.index.gitlab.accounts.get(login.toLowerCase());
}

export function glUser(state: EmulatorState, username: string): GlUser {
  const a = account(state, username);
  const id = a?.id ?? syntheticId('gitlab-user', username.toLowerCase());
  return {
    id,
    username: a?.login ?? username,
    name: a?.name ?? a?.login ?? username,
    state: 'active',
    locked: false,
    avatar_url: `${state.origin}/_emulator/avatars/u/${id}`,
    web_url: `${state.gitlabWeb}/${a?.login ?? username}`
  };
}

function splitProjectPath(path: string): [namespace: string, name: string] {
  const i = path.lastIndexOf('/');
  return [path.slice(0, i), path.slice(i + 1)];
}

export function glNamespace(state: EmulatorState, fullPath: string): GlNamespace {
  const a = account(state, fullPath);
  const isGroup = a ? a.type === 'Group' : fullPath.includes('/');
  const parentPath = a?.parentPath ?? (fullPath.includes('/') ? fullPath.slice(0, fullPath.lastIndexOf('/')) : undefined);
  const parent = parentPath ? account(state, parentPath) : undefined;
  const id = a?.id ?? syntheticId('gitlab-namespace', fullPath.toLowerCase());
  return {
    id,
    name: a?.name ?? fullPath.split('/').at(-1) ?? fullPath,
    path: fullPath.split('/').at(-1) ?? fullPath,
    kind: isGroup ? 'group' : 'user',
    full_path: a?.login ?? fullPath,
    parent_id: isGroup ? (parent?.id ?? (parentPath ? syntheticId('gitlab-namespace', parentPath.toLowerCase()) : null)) : null,
    avatar_url: null,
    web_url: isGroup ? `${state.gitlabWeb}/groups/${fullPath}` : `${state.gitlabWeb}/${fullPath}`
  };
}

function groupFullName(state: EmulatorState, fullPath: string): string {
  const parts = fullPath.split('/');
  return parts
    .map((_, i) => {
      const p = parts.slice(0, i + 1).join('/');
      return account(state, p)?.name ?? parts[i];
    })
    .join(' / ');
}

export function glGroup(state: EmulatorState, g: WorldAccount): GlGroup {
  const parent = g.parentPath ? account(state, g.parentPath) : undefined;
  return {
    id: g.id,
    web_url: `${state.gitlabWeb}/groups/${g.login}`,
    name: g.name ?? g.login.split('/').at(-1) ?? g.login,
    path: g.login.split('/').at(-1) ?? g.login,
    description: '',
    visibility: 'public',
    full_name: groupFullName(state, g.login),
    full_path: g.login,
    created_at: glTime(g.createdAt),
    parent_id: parent?.id ?? null,
    avatar_url: null
  };
}

/**
 * A project's last_activity_at as GitLab keeps it: moved by events (push, issue or merge request
 * opened/closed/merged, a user's comment, a release), and at most once an hour — edits of title,
 * labels or assignees and system notes create no event
 * (https://docs.gitlab.com/api/projects/ "last_activity_at … updated at most once per hour").
 */
export function lastActivity(repo: WorldRepository): string {
  const events: number[] = [ms(repo.pushedAt)];
  for (const i of repo.items) {
    events.push(ms(i.createdAt));
    if (i.closedAt) events.push(ms(i.closedAt));
    for (const c of i.comments) if (!c.system) events.push(ms(c.createdAt));
  }
  for (const r of repo.releases) events.push(ms(r.createdAt));
  events.sort((a, b) => a - b);
  let last = events[0];
  for (const t of events) if (t - last >= 3_600_000) last = t;
  return new Date(last).toISOString();
}

function publicForks(state: EmulatorState, repo: WorldRepository): WorldRepository[] {
  return (state.index.gitlab.forks.get(repo.path.toLowerCase()) ?? []).filter((f) => f.visibility === 'public');
}

function glLicense(spdx: string | null): GlLicense | null {
  if (!spdx) return null;
  const key = spdx.toLowerCase().replace(/-(only|or-later)$/, '');
  return {
    key,
    name: spdx,
    nickname: null,
    html_url: `https://opensource.org/licenses/${spdx}`,
    source_url: `https://spdx.org/licenses/${spdx}.html`
  };
}

export function glSimpleProject(state: EmulatorState, repo: WorldRepository): GlSimpleProject {
  const [ns, name] = splitProjectPath(repo.path);
  const namespace = glNamespace(state, ns);
  return {
    id: repo.id,
    description: repo.description,
    name,
    name_with_namespace: `${groupFullName(state, ns)} / ${name}`,
    path: name,
    path_with_namespace: repo.path,
    created_at: glTime(repo.createdAt),
    default_branch: repo.defaultBranch,
    tag_list: [...repo.topics],
    topics: [...repo.topics],
    ssh_url_to_repo: `git@${new URL(state.origin).host}:${repo.path}.git`,
    http_url_to_repo: state.cloneUrl('gitlab', repo),
    web_url: `${state.gitlabWeb}/${repo.path}`,
    readme_url: null,
    forks_count: publicForks(state, repo).length,
    avatar_url: null,
    star_count: repo.stars,
    last_activity_at: glTime(lastActivity(repo)),
    namespace
  };
}

export async function glProject(state: EmulatorState, repo: WorldRepository, withLicense: boolean): Promise<GlProject> {
  const simple = glSimpleProject(state, repo);
  const empty = (await gitResolve(repo.gitDir, 'HEAD')) === null;
  const api = `${state.gitlabApi}/projects/${repo.id}`;
  const access = repo.hasIssues ? 'enabled' : 'disabled';
  const project: GlProject = {
    ...simple,
    visibility: repo.visibility,
    empty_repo: empty,
    archived: repo.archived,
    issues_enabled: repo.hasIssues,
    merge_requests_enabled: true,
    wiki_enabled: false,
    jobs_enabled: true,
    snippets_enabled: false,
    issues_access_level: access,
    merge_requests_access_level: 'enabled',
    repository_access_level: 'enabled',
    updated_at: glTime(lastActivity(repo)),
    creator_id: simple.namespace.kind === 'user' ? simple.namespace.id : 1,
    import_status: 'none',
    license_url: repo.licenseSpdx ? `${state.gitlabWeb}/${repo.path}/-/blob/${repo.defaultBranch}/LICENSE` : null,
    _links: {
      self: api,
      ...(repo.hasIssues ? { issues: `${api}/issues` } : {}),
      merge_requests: `${api}/merge_requests`,
      repo_branches: `${api}/repository/branches`,
      labels: `${api}/labels`,
      events: `${api}/events`,
      members: `${api}/members`,
      cluster_agents: `${api}/cluster_agents`
    }
  };
  if (repo.hasIssues) project.open_issues_count = repo.items.filter((i) => i.kind === 'issue' && i.state === 'open').length;
  if (simple.namespace.kind === 'user') {
    const a = account(state, simple.namespace.full_path);
    project.owner = { id: simple.namespace.id, name: a?.name ?? simple.namespace.name, created_at: glTime(a?.createdAt ?? repo.createdAt) };
  }
  if (withLicense) project.license = glLicense(repo.licenseSpdx);
  if (repo.forkOf) {
    const up = state.index.gitlab.byPath.get(repo.forkOf.toLowerCase());
    if (up && up.visibility === 'public') project.forked_from_project = glSimpleProject(state, up);
  }
  return project;
}

const ZERO_TIME: TimeStats = { time_estimate: 0, total_time_spent: 0, human_time_estimate: null, human_total_time_spent: null };

function userNotes(item: WorldItem): number {
  return item.comments.filter((c) => !c.system).length;
}

export function glIssue(state: EmulatorState, repo: WorldRepository, item: WorldItem): GlIssue {
  const api = `${state.gitlabApi}/projects/${repo.id}`;
  return {
    id: item.id,
    iid: item.number,
    project_id: repo.id,
    title: item.title,
    description: item.body,
    state: item.state === 'open' ? 'opened' : 'closed',
    created_at: glTime(item.createdAt),
    updated_at: glTime(item.updatedAt),
    closed_at: glTime(item.closedAt),
    closed_by: item.closedBy ? glUser(state, item.closedBy) : null,
    labels: [...item.labels],
    milestone: null,
    assignees: [],
    author: glUser(state, item.author),
    type: 'ISSUE',
    assignee: null,
    user_notes_count: userNotes(item),
    merge_requests_count: 0,
    upvotes: 0,
    downvotes: 0,
    due_date: null,
    confidential: false,
    discussion_locked: null,
    issue_type: 'issue',
    web_url: `${state.gitlabWeb}/${repo.path}/-/issues/${item.number}`,
    time_stats: ZERO_TIME,
    task_completion_status: { count: 0, completed_count: 0 },
    _links: {
      self: `${api}/issues/${item.number}`,
      notes: `${api}/issues/${item.number}/notes`,
      award_emoji: `${api}/issues/${item.number}/award_emoji`,
      project: api
    },
    references: { short: `#${item.number}`, relative: `#${item.number}`, full: `${repo.path}#${item.number}` },
    severity: 'UNKNOWN',
    moved_to_id: null,
    service_desk_reply_to: null
  };
}

function fakeSha(...parts: (string | number)[]): string {
  let out = '';
  for (let i = 0; out.length < 40; i++) out += syntheticId('sha', `${parts.join(':')}:${i}`).toString(16);
  return out.slice(0, 40);
}

/**
 * A merge request's approvals (GET /projects/:id/merge_requests/:iid/approvals): the world's
 * "approved this merge request" system notes, each approver once with `approved_at`, which GitLab
 * added in 18.4 (gitlab-org/gitlab!204605; older versions name only the user).
 */
export function glApprovals(state: EmulatorState, repo: WorldRepository, item: WorldItem): Record<string, unknown> {
  const approvals = reviewsOf('gitlab', item);
  const { id, iid, project_id, title, description, state: mrState, created_at, updated_at } = glMergeRequest(state, repo, item);
  return {
    ...{ id, iid, project_id, title, description, state: mrState, created_at, updated_at },
    merge_status: 'can_be_merged',
    approved: approvals.length > 0,
    approvals_required: 0,
    approvals_left: 0,
    approved_by: approvals.map((a) => ({ user: glUser(state, a.author), approved_at: glTime(a.at) }))
  };
}

export function glMergeRequest(state: EmulatorState, repo: WorldRepository, item: WorldItem): GlMergeRequest {
  const merged = item.state === 'merged';
  const closer = item.closedBy ? glUser(state, item.closedBy) : null;
  return {
    id: item.id,
    iid: item.number,
    project_id: repo.id,
    title: item.title,
    description: item.body,
    state: item.state === 'open' ? 'opened' : item.state,
    created_at: glTime(item.createdAt),
    updated_at: glTime(item.updatedAt),
    merged_by: merged ? closer : null,
    merge_user: merged ? closer : null,
    merged_at: glTime(item.mergedAt),
    closed_by: item.state === 'closed' ? closer : null,
    closed_at: item.state === 'closed' ? glTime(item.closedAt) : null,
    target_branch: repo.defaultBranch,
    source_branch: `mr-${item.number}`,
    user_notes_count: userNotes(item),
    upvotes: 0,
    downvotes: 0,
    author: glUser(state, item.author),
    assignees: [],
    assignee: null,
    reviewers: [],
    source_project_id: repo.id,
    target_project_id: repo.id,
    labels: [...item.labels],
    draft: false,
    work_in_progress: false,
    milestone: null,
    merge_when_pipeline_succeeds: false,
    merge_status: merged ? 'can_be_merged' : 'unchecked',
    detailed_merge_status: item.state === 'open' ? 'mergeable' : 'not_open',
    sha: fakeSha(repo.id, item.number, 'head'),
    merge_commit_sha: merged ? fakeSha(repo.id, item.number, 'merge') : null,
    squash_commit_sha: null,
    discussion_locked: null,
    should_remove_source_branch: null,
    force_remove_source_branch: true,
    prepared_at: glTime(item.createdAt),
    reference: `!${item.number}`,
    references: { short: `!${item.number}`, relative: `!${item.number}`, full: `${repo.path}!${item.number}` },
    web_url: `${state.gitlabWeb}/${repo.path}/-/merge_requests/${item.number}`,
    time_stats: ZERO_TIME,
    squash: false,
    squash_on_merge: false,
    task_completion_status: { count: 0, completed_count: 0 },
    has_conflicts: false,
    blocking_discussions_resolved: true
  };
}

export function glNote(state: EmulatorState, repo: WorldRepository, item: WorldItem, c: WorldComment): GlNote {
  return {
    id: c.id,
    type: null,
    body: c.body,
    attachment: null,
    author: glUser(state, c.author),
    created_at: glTime(c.createdAt),
    updated_at: glTime(c.updatedAt),
    system: c.system ?? false,
    noteable_id: item.id,
    noteable_type: item.kind === 'pull' ? 'MergeRequest' : 'Issue',
    project_id: repo.id,
    noteable_iid: item.number,
    resolvable: false,
    confidential: false,
    internal: false,
    imported: false,
    imported_from: 'none',
    commands_changes: {}
  };
}

function glCommit(state: EmulatorState, repo: WorldRepository, c: GitCommitInfo): GlCommit {
  return {
    id: c.sha,
    short_id: c.sha.slice(0, 8),
    created_at: glTime(c.committerDate),
    parent_ids: c.parents,
    title: c.subject,
    message: c.message,
    author_name: c.authorName,
    author_email: c.authorEmail,
    authored_date: glTime(c.authorDate),
    committer_name: c.committerName,
    committer_email: c.committerEmail,
    committed_date: glTime(c.committerDate),
    trailers: {},
    extended_trailers: {},
    web_url: `${state.gitlabWeb}/${repo.path}/-/commit/${c.sha}`
  };
}

export async function glRelease(state: EmulatorState, repo: WorldRepository, rel: WorldRelease): Promise<GlRelease> {
  const tag = (await gitTags(repo.gitDir)).find((t) => t.name === rel.tagName);
  const commit: GitCommitInfo = tag?.commit ??
    (await gitCommit(repo.gitDir, rel.tagName)) ?? {
      sha: fakeSha(repo.id, rel.tagName),
      parents: [],
      subject: rel.name,
      message: rel.name,
      authorName: rel.author,
      authorEmail: `${rel.author}@users.noreply.gitlab.invalid`,
      authorDate: rel.createdAt,
      committerName: rel.author,
      committerEmail: `${rel.author}@users.noreply.gitlab.invalid`,
      committerDate: rel.createdAt
    };
  const web = `${state.gitlabWeb}/${repo.path}`;
  const tagEnc = encodeURIComponent(rel.tagName);
  const archive = (fmt: string) => ({ format: fmt, url: `${web}/-/archive/${tagEnc}/${repo.path.split('/').at(-1)}-${tagEnc}.${fmt}` });
  return {
    name: rel.name,
    tag_name: rel.tagName,
    description: rel.body,
    created_at: glTime(rel.createdAt),
    released_at: glTime(rel.publishedAt),
    upcoming_release: ms(rel.publishedAt) > ms(state.world.now),
    author: glUser(state, rel.author),
    commit: glCommit(state, repo, commit),
    commit_path: `/${repo.path}/-/commit/${commit.sha}`,
    tag_path: `/${repo.path}/-/tags/${tagEnc}`,
    assets: {
      count: 4,
      sources: ['zip', 'tar.gz', 'tar.bz2', 'tar'].map(archive),
      links: [],
      evidence_file_path: `${web}/-/releases/${tagEnc}/evidences/1.json`
    },
    evidences: [],
    _links: {
      closed_issues_url: `${web}/-/issues?release_tag=${tagEnc}&scope=all&state=closed`,
      closed_merge_requests_url: `${web}/-/merge_requests?release_tag=${tagEnc}&scope=all&state=closed`,
      edit_url: `${web}/-/releases/${tagEnc}/edit`,
      merged_merge_requests_url: `${web}/-/merge_requests?release_tag=${tagEnc}&scope=all&state=merged`,
      opened_issues_url: `${web}/-/issues?release_tag=${tagEnc}&scope=all&state=opened`,
      opened_merge_requests_url: `${web}/-/merge_requests?release_tag=${tagEnc}&scope=all&state=opened`,
      self: `${web}/-/releases/${tagEnc}`
    }
  };
}

export function glTag(state: EmulatorState, repo: WorldRepository, tag: GitTag): GlTag {
  const rel = repo.releases.find((r) => r.tagName === tag.name && !r.draft);
  return {
    name: tag.name,
    message: tag.message?.replace(/\n$/, '') ?? '',
    target: tag.objectSha,
    commit: glCommit(state, repo, tag.commit),
    release: rel ? { tag_name: rel.tagName, description: rel.body } : null,
    protected: false,
    created_at: tag.annotated ? glTime(tag.date) : null
  };
}

// ---------------------------------------------------------------------------------------------
// Routes

function isPublic(repo: WorldRepository | undefined): repo is WorldRepository {
  return repo !== undefined && repo.visibility === 'public';
}

/** :id is a numeric id or a URL-encoded full path; an old path still answers (GitLab redirects renamed projects). */
export function resolveProject(state: EmulatorState, id: string): WorldRepository | undefined {
  const idx = state.index.gitlab;
  const repo = /^\d+$/.test(id) ? idx.byId.get(Number(id)) : (idx.byPath.get(id.toLowerCase()) ?? idx.byOldPath.get(id.toLowerCase()));
  return isPublic(repo) ? repo : undefined;
}

function resolveGroup(state: EmulatorState, id: string): WorldAccount | undefined {
  const idx = state.index.gitlab;
  const a = /^\d+$/.test(id) ? idx.accountsById.get(Number(id)) : idx.accounts.get(id.toLowerCase());
  return a && a.type === 'Group' ? a : undefined;
}

type ProjectHandler = (repo: WorldRepository, req: ApiRequest, state: EmulatorState) => ApiResult | Promise<ApiResult>;

function projectRoute(suffix: string, handler: ProjectHandler): Route {
  const wrapped: Handler = (req, state) => {
    const repo = resolveProject(state, req.params.id);
    return repo ? handler(repo, req, state) : glNotFound();
  };
  return route('GET', `/projects/:id${suffix}`, `/projects/:id${suffix}`, wrapped);
}

function sortDir(q: URLSearchParams, fallback: 'asc' | 'desc' = 'desc'): 1 | -1 {
  const s = q.get('sort');
  return (s === 'asc' || s === 'desc' ? s : fallback) === 'asc' ? 1 : -1;
}

function filterItems(items: WorldItem[], q: URLSearchParams, states: Record<string, (i: WorldItem) => boolean>): WorldItem[] {
  const st = q.get('state') ?? 'all';
  const pick = states[st];
  let out = pick ? items.filter(pick) : items;
  const ua = timeParam(q, 'updated_after');
  const ub = timeParam(q, 'updated_before');
  const ca = timeParam(q, 'created_after');
  const cb = timeParam(q, 'created_before');
  if (ua !== undefined) out = out.filter((i) => ms(i.updatedAt) >= ua);
  if (ub !== undefined) out = out.filter((i) => ms(i.updatedAt) <= ub);
  if (ca !== undefined) out = out.filter((i) => ms(i.createdAt) >= ca);
  if (cb !== undefined) out = out.filter((i) => ms(i.createdAt) <= cb);
  const labels = (q.get('labels') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (labels.length) out = out.filter((i) => labels.every((l) => i.labels.includes(l)));
  const author = q.get('author_username')?.toLowerCase();
  if (author) out = out.filter((i) => i.author.toLowerCase() === author);
  const iids = q.getAll('iids[]').map(Number);
  if (iids.length) out = out.filter((i) => iids.includes(i.number));
  const orderBy = q.get('order_by') ?? 'created_at';
  const key =
    orderBy === 'updated_at'
      ? (i: WorldItem) => ms(i.updatedAt)
      : orderBy === 'merged_at'
        ? (i: WorldItem) => (i.mergedAt ? ms(i.mergedAt) : 0)
        : (i: WorldItem) => ms(i.createdAt);
  const dir = sortDir(q);
  return [...out].sort((a, b) => dir * (key(a) - key(b) || a.id - b.id));
}

function notes(kind: 'issue' | 'pull'): ProjectHandler {
  return (repo, req, state) => {
    const item = repo.items.find((i) => i.kind === kind && i.number === Number(req.params.iid));
    if (!item || (kind === 'issue' && !repo.hasIssues)) return json({ message: '404 Not found' }, 404);
    const q = req.query;
    const key = q.get('order_by') === 'updated_at' ? (c: WorldComment) => ms(c.updatedAt) : (c: WorldComment) => ms(c.createdAt);
    const dir = sortDir(q);
    const list = [...item.comments].sort((a, b) => dir * (key(a) - key(b) || a.id - b.id));
    return page(list, (c) => glNote(state, repo, item, c));
  };
}

function listProjects(state: EmulatorState, req: ApiRequest, repos: WorldRepository[]): ApiResult {
  const q = req.query;
  let out = repos.filter((r) => r.visibility === 'public');
  const archived = q.get('archived');
  if (archived === 'true') out = out.filter((r) => r.archived);
  else if (archived === 'false') out = out.filter((r) => !r.archived);
  const vis = q.get('visibility');
  if (vis && vis !== 'public') out = [];
  if (q.get('with_issues_enabled') === 'true') out = out.filter((r) => r.hasIssues);
  const search = q.get('search')?.toLowerCase();
  if (search) out = out.filter((r) => r.path.toLowerCase().includes(search));
  const orderBy = q.get('order_by') ?? 'created_at';
  const dir = sortDir(q);
  const cmp: (a: WorldRepository, b: WorldRepository) => number =
    orderBy === 'name' || orderBy === 'path'
      ? (a, b) => dir * (a.path.split('/').at(-1) ?? '').localeCompare(b.path.split('/').at(-1) ?? '')
      : orderBy === 'id'
        ? (a, b) => dir * (a.id - b.id)
        : orderBy === 'last_activity_at' || orderBy === 'updated_at'
          ? (a, b) => dir * (ms(lastActivity(a)) - ms(lastActivity(b)) || a.id - b.id)
          : (a, b) => dir * (ms(a.createdAt) - ms(b.createdAt) || a.id - b.id);
  out.sort(cmp);
  const simple = q.get('simple') === 'true';
  const lic = q.get('license') === 'true';
  return page(out, (r) => (simple ? glSimpleProject(state, r) : glProject(state, r, lic)));
}

function rawFile(asJson: boolean): ProjectHandler {
  return async (repo, req) => {
    const ref = req.query.get('ref') || repo.defaultBranch;
    const path = req.params.path;
    const obj = await gitObject(repo.gitDir, ref, path);
    if (!obj || obj.type !== 'blob') return json({ message: '404 File Not Found' }, 404);
    const commit = (await gitResolve(repo.gitDir, ref)) ?? '';
    const headers = {
      'x-gitlab-blob-id': obj.sha,
      'x-gitlab-commit-id': commit,
      'x-gitlab-last-commit-id': commit,
      'x-gitlab-encoding': 'base64',
      'x-gitlab-file-name': encodeURIComponent(path.split('/').at(-1) ?? path),
      'x-gitlab-file-path': encodeURIComponent(path),
      'x-gitlab-ref': encodeURIComponent(ref),
      'x-gitlab-size': String(obj.content.length),
      'x-gitlab-execute-filemode': 'false'
    };
    if (!asJson) return { type: 'raw', body: obj.content, contentType: 'text/plain; charset=utf-8', headers };
    const { createHash } = await import('node:crypto');
    return json(
      {
        file_name: path.split('/').at(-1) ?? path,
        file_path: path,
        size: obj.content.length,
        encoding: 'base64',
        content_sha256: createHash('sha256').update(obj.content).digest('hex'),
        ref,
        blob_id: obj.sha,
        commit_id: commit,
        last_commit_id: commit,
        execute_filemode: false,
        content: obj.content.toString('base64')
      },
      200,
      headers
    );
  };
}

function userAccount(state: EmulatorState, id: string): WorldAccount | undefined {
  const idx = state.index.gitlab;
  const a = /^\d+$/.test(id) ? idx.accountsById.get(Number(id)) : idx.accounts.get(id.toLowerCase());
  return a && (a.type === 'User' || a.type === 'Bot') ? a : undefined;
}

function fullUser(state: EmulatorState, a: WorldAccount) {
  return {
    ...glUser(state, a.login),
    bot: a.type === 'Bot',
    created_at: glTime(a.createdAt),
    bio: '',
    location: null,
    public_email: null,
    organization: null,
    job_title: ''
  };
}

export function gitlabRoutes(): Route[] {
  return [
    projectRoute('', async (repo, req, state) => json(await glProject(state, repo, req.query.get('license') === 'true'))),
    projectRoute('/issues', (repo, req, state) => {
      if (!repo.hasIssues) return json({ message: '403 Forbidden' }, 403);
      const items = filterItems(
        repo.items.filter((i) => i.kind === 'issue'),
        req.query,
        {
          opened: (i) => i.state === 'open',
          closed: (i) => i.state !== 'open'
        }
      );
      return page(items, (i) => glIssue(state, repo, i));
    }),
    projectRoute('/issues/:iid', (repo, req, state) => {
      const item = repo.hasIssues ? repo.items.find((i) => i.kind === 'issue' && i.number === Number(req.params.iid)) : undefined;
      return item ? json(glIssue(state, repo, item)) : json({ message: '404 Not found' }, 404);
    }),
    projectRoute('/issues/:iid/notes', notes('issue')),
    projectRoute('/merge_requests', (repo, req, state) => {
      const items = filterItems(
        repo.items.filter((i) => i.kind === 'pull'),
        req.query,
        {
          opened: (i) => i.state === 'open',
          closed: (i) => i.state === 'closed',
          merged: (i) => i.state === 'merged',
          locked: () => false
        }
      );
      return page(items, (i) => glMergeRequest(state, repo, i));
    }),
    projectRoute('/merge_requests/:iid', (repo, req, state) => {
      const item = repo.items.find((i) => i.kind === 'pull' && i.number === Number(req.params.iid));
      return item ? json(glMergeRequest(state, repo, item)) : json({ message: '404 Not found' }, 404);
    }),
    projectRoute('/merge_requests/:iid/notes', notes('pull')),
    projectRoute('/merge_requests/:iid/approvals', (repo, req, state) => {
      const item = repo.items.find((i) => i.kind === 'pull' && i.number === Number(req.params.iid));
      return item ? json(glApprovals(state, repo, item)) : json({ message: '404 Not found' }, 404);
    }),
    projectRoute('/releases', (repo, req, state) => {
      const key =
        req.query.get('order_by') === 'created_at' ? (r: WorldRelease) => ms(r.createdAt) : (r: WorldRelease) => ms(r.publishedAt);
      const dir = sortDir(req.query);
      const list = repo.releases.filter((r) => !r.draft).sort((a, b) => dir * (key(a) - key(b) || a.id - b.id));
      return page(list, (r) => glRelease(state, repo, r));
    }),
    // https://docs.gitlab.com/api/branches/#get-single-repository-branch: readable by anyone who can read the code.
    projectRoute('/repository/branches/:branch', async (repo, req, state) => {
      const c = await gitCommit(repo.gitDir, `refs/heads/${req.params.branch}`);
      if (!c) return glNotFound('Branch');
      const isProtected = repo.protection?.via === 'protected-branch';
      const web = `${state.gitlabWeb}/${repo.path}`;
      return json({
        name: req.params.branch,
        merged: false,
        protected: isProtected,
        default: req.params.branch === repo.defaultBranch,
        developers_can_push: !isProtected,
        developers_can_merge: !isProtected,
        can_push: false,
        web_url: `${web}/-/tree/${encodeURIComponent(req.params.branch)}`,
        commit: glCommit(state, repo, c)
      });
    }),
    // https://docs.gitlab.com/api/protected_branches/#get-a-single-protected-branch-or-wildcard-protected-branch:
    // 404 for a branch that is not protected; the docs do not name the role the read needs, so some
    // projects refuse it (settingsHidden: 403 Forbidden, as GitLab answers a missing permission).
    projectRoute('/protected_branches/:name', (repo, req) => {
      const p = repo.protection;
      if (p?.via !== 'protected-branch' || req.params.name !== repo.defaultBranch) return glNotFound('Protected Branch');
      if (p.settingsHidden) return json({ message: '403 Forbidden' }, 403);
      const level = p.pushAccessLevel ?? 40;
      const describe = (l: number) => (l === 0 ? 'No one' : l === 30 ? 'Developers + Maintainers' : l === 60 ? 'Admins' : 'Maintainers');
      return json({
        id: syntheticId('gitlab-protected-branch', String(repo.id)),
        name: repo.defaultBranch,
        push_access_levels: [
          {
            id: syntheticId('gitlab-push-level', String(repo.id)),
            access_level: level,
            access_level_description: describe(level),
            user_id: null,
            group_id: null
          }
        ],
        merge_access_levels: [
          {
            id: syntheticId('gitlab-merge-level', String(repo.id)),
            access_level: 40,
            access_level_description: 'Maintainers',
            user_id: null,
            group_id: null
          }
        ],
        unprotect_access_levels: [],
        allow_force_push: !p.forcePushBlocked,
        code_owner_approval_required: false
      });
    }),
    projectRoute('/repository/tags', async (repo, req, state) => {
      const orderBy = req.query.get('order_by') ?? 'updated';
      const dir = sortDir(req.query);
      const tags = [...(await gitTags(repo.gitDir))];
      if (orderBy === 'name') tags.sort((a, b) => dir * a.name.localeCompare(b.name));
      else if (orderBy === 'version') {
        if (dir === 1) tags.reverse(); // gitTags is newest version first
      } else tags.sort((a, b) => dir * (ms(a.commit.committerDate) - ms(b.commit.committerDate)) || a.name.localeCompare(b.name));
      return page(tags, (t) => glTag(state, repo, t));
    }),
    projectRoute('/forks', (repo, req, state) => listProjects(state, req, publicForks(state, repo))),
    projectRoute('/repository/files/:path/raw', rawFile(false)),
    projectRoute('/repository/files/:path', rawFile(true)),
    route('GET', '/groups/:id', '/groups/:id', (req, state) => {
      const g = resolveGroup(state, req.params.id);
      return g ? json(glGroup(state, g)) : glNotFound('Group');
    }),
    route('GET', '/groups/:id/projects', '/groups/:id/projects', (req, state) => {
      const g = resolveGroup(state, req.params.id);
      if (!g) return glNotFound('Group');
      const sub = req.query.get('include_subgroups') === 'true';
      // with_shared defaults to true: projects of other groups shared into this one are listed too
      // (https://docs.gitlab.com/api/groups/#list-projects).
      const shared = req.query.get('with_shared') !== 'false';
      const group = g.login.toLowerCase();
      const prefix = `${group}/`;
      const inGroup = (path: string) => path.startsWith(prefix) && (sub || !path.slice(prefix.length).includes('/'));
      const repos = state.world.gitlab.repositories.filter((r) => {
        if (inGroup(r.path.toLowerCase())) return true;
        return shared && (r.sharedWith ?? []).some((s) => s.toLowerCase() === group || (sub && s.toLowerCase().startsWith(prefix)));
      });
      return listProjects(state, req, repos);
    }),
    route('GET', '/groups/:id/subgroups', '/groups/:id/subgroups', (req, state) => {
      const g = resolveGroup(state, req.params.id);
      if (!g) return glNotFound('Group');
      const subs = state.world.gitlab.accounts
        .filter((a) => a.type === 'Group' && a.parentPath?.toLowerCase() === g.login.toLowerCase())
        .sort((a, b) => a.login.localeCompare(b.login));
      return page(subs, (a) => glGroup(state, a));
    }),
    route('GET', '/groups/:id/descendant_groups', '/groups/:id/descendant_groups', (req, state) => {
      const g = resolveGroup(state, req.params.id);
      if (!g) return glNotFound('Group');
      const prefix = `${g.login.toLowerCase()}/`;
      const subs = state.world.gitlab.accounts
        .filter((a) => a.type === 'Group' && a.login.toLowerCase().startsWith(prefix))
        .sort((a, b) => a.login.localeCompare(b.login));
      return page(subs, (a) => glGroup(state, a));
    }),
    route('GET', '/users', '/users', (req, state) => {
      const username = req.query.get('username')?.toLowerCase();
      const users = state.world.gitlab.accounts.filter(
        (a) => (a.type === 'User' || a.type === 'Bot') && (!username || a.login.toLowerCase() === username)
      );
      return page(users, (a) => glUser(state, a.login));
    }),
    route('GET', '/users/:id', '/users/:id', (req, state) => {
      const a = userAccount(state, req.params.id);
      return a ? json(fullUser(state, a)) : json({ message: '404 User Not Found' }, 404);
    }),
    route('GET', '/users/:id/projects', '/users/:id/projects', (req, state) => {
      const a = userAccount(state, req.params.id);
      if (!a) return json({ message: '404 User Not Found' }, 404);
      const prefix = `${a.login.toLowerCase()}/`;
      return listProjects(
        state,
        req,
        state.world.gitlab.repositories.filter((r) => r.path.toLowerCase().startsWith(prefix) && !r.path.slice(prefix.length).includes('/'))
      );
    })
  ];
}
