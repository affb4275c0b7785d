/**
 * The GitLab row mappers (jobs/collectors/gitlab-rows.ts) on objects in the shape the GitLab REST
 * docs show (docs.gitlab.com/api/issues/, merge_requests/, notes/, merge_request_approvals/,
 * releases/, projects/, project_forks/), including a deleted user (GitLab's "Ghost User"), a bot
 * account, system notes and approvals with and without a date.
 */
import { describe, expect, it } from 'vitest';
import * as gitlab from '../../jobs/collectors/gitlab-rows';
import { epochOf, recordingContext, REPOSITORY_ID } from './forge-rows-helpers';

const root = {
  id: 1,
  username: 'root',
  name: 'Administrator',
  state: 'active',
  avatar_url: null,
  web_url: 'https://gitlab.example.com/root'
};
/** Contributions of a deleted user move to GitLab's ghost user. */
const ghost = {
  id: 2,
  username: 'ghost',
  name: 'Ghost User',
  state: 'active',
  avatar_url: null,
  web_url: 'https://gitlab.example.com/ghost'
};
/** A project access token's bot user, as the users API names it (`bot: true`). */
const bot = {
  id: 9,
  username: 'project_5_bot_3f2a',
  name: 'release-bot',
  state: 'active',
  bot: true,
  avatar_url: null,
  web_url: 'https://gitlab.example.com/project_5_bot_3f2a'
};

const issue = {
  id: 41,
  iid: 1,
  project_id: 4,
  title: 'Ut commodi ullam eos dolores perferendis nihil sunt.',
  description: 'Omnis vero earum sunt corporis dolor et placeat.',
  state: 'closed',
  author: root,
  assignees: [],
  type: 'ISSUE',
  labels: ['foo', 'bar'],
  upvotes: 4,
  downvotes: 0,
  merge_requests_count: 0,
  created_at: '2016-01-04T15:31:46.176Z',
  updated_at: '2016-01-06T15:31:46.176Z',
  closed_at: '2016-01-05T15:31:46.176Z',
  closed_by: root,
  user_notes_count: 1,
  due_date: '2016-07-22',
  web_url: 'http://gitlab.example.com/my-group/my-project/issues/1'
};

const mergeRequest = {
  id: 1,
  iid: 1,
  project_id: 3,
  title: 'test1',
  description: 'fixed login page css paddings',
  state: 'merged',
  merged_by: root,
  merge_user: bot,
  merged_at: '2018-09-07T11:16:17.520Z',
  closed_by: null,
  closed_at: null,
  created_at: '2017-04-29T08:46:00Z',
  updated_at: '2018-09-07T11:16:17.520Z',
  target_branch: 'main',
  source_branch: 'test1',
  upvotes: 0,
  downvotes: 0,
  author: ghost,
  labels: ['Community contribution', 'Manage'],
  draft: false,
  work_in_progress: false,
  user_notes_count: 3,
  web_url: 'http://gitlab.example.com/my-group/my-project/merge_requests/1'
};

const note = {
  id: 302,
  body: 'closed',
  attachment: null,
  author: root,
  created_at: '2013-10-02T09:22:45Z',
  updated_at: '2013-10-02T10:22:45Z',
  system: true,
  noteable_id: 377,
  noteable_type: 'Issue',
  project_id: 5,
  noteable_iid: 377,
  resolvable: false,
  confidential: false,
  internal: false
};

const release = {
  tag_name: 'v0.2',
  description: 'Super nice release',
  name: 'Awesome app v0.2 beta',
  created_at: '2019-01-03T01:56:19.539Z',
  released_at: '2019-01-03T01:56:19.539Z',
  author: root,
  upcoming_release: false
};

const namespace = { id: 3, name: 'Diaspora', path: 'diaspora', kind: 'group', full_path: 'diaspora', parent_id: null, web_url: '' };

const project = {
  id: 3,
  description: null,
  name: 'Diaspora Project Site',
  path: 'diaspora-project-site',
  path_with_namespace: 'diaspora/diaspora-project-site',
  default_branch: 'main',
  topics: ['example', 'disapora project'],
  http_url_to_repo: 'https://gitlab.example.com/diaspora/diaspora-project-site.git',
  web_url: 'https://gitlab.example.com/diaspora/diaspora-project-site',
  namespace,
  issues_enabled: true,
  merge_requests_enabled: true,
  issues_access_level: 'enabled' as const,
  merge_requests_access_level: 'enabled' as const,
  archived: false,
  created_at: '2013-09-30T13:46:02Z',
  last_activity_at: '2013-09-30T13:46:02Z',
  forks_count: 0,
  license: { key: 'mit', name: 'MIT License', nickname: null, html_url: 'https://choosealicense.com/licenses/mit/' }
};

const context = () => recordingContext('opencode', 'https://gitlab.example.com/');

describe('gitlabAccount', () => {
  it('names login, id, display name and the bot flag', () => {
    expect(gitlab.gitlabAccount(root)).toEqual({ login: 'root', id: 1, name: 'Administrator', bot: false });
    expect(gitlab.gitlabAccount(bot)).toEqual({ login: 'project_5_bot_3f2a', id: 9, name: 'release-bot', bot: true });
  });

  it('maps the ghost user of a deleted account like any account, and no user to none', () => {
    expect(gitlab.gitlabAccount(ghost)).toEqual({ login: 'ghost', id: 2, name: 'Ghost User', bot: false });
    expect(gitlab.gitlabAccount(null)).toBeNull();
    expect(gitlab.gitlabAccount(undefined)).toBeNull();
  });
});

describe('issueRow', () => {
  it('maps a closed issue with its closer', () => {
    const { ctx, accounts } = context();
    expect(gitlab.issueRow(issue, ctx)).toEqual({
      ...{ repositoryId: REPOSITORY_ID, kind: 'issue', number: 1, forgeItemId: '41', title: issue.title, state: 'closed' },
      ...{ authorIdentityId: 1, labels: ['foo', 'bar'], closedByIdentityId: 2, commentCount: 1 },
      ...{ createdAt: epochOf(issue.created_at), updatedAt: epochOf(issue.updated_at), closedAt: epochOf(issue.closed_at), mergedAt: null }
    });
    expect(accounts.map((a) => a.login)).toEqual(['root', 'root']);
  });

  it('asks for no closer of an open issue and reads label objects (with_labels_details)', () => {
    const open = {
      ...issue,
      state: 'opened',
      closed_at: null,
      closed_by: null,
      labels: [{ id: 1, name: 'bug', color: '#d9534f', text_color: '#FFFFFF', description: null, description_html: '' }]
    };
    const { ctx, accounts } = context();
    expect(gitlab.issueRow(open, ctx)).toMatchObject({ state: 'open', closedAt: null, closedByIdentityId: null, labels: ['bug'] });
    expect(accounts).toHaveLength(1);
  });
});

describe('mergeRequestRow', () => {
  it('closes a merged merge request when it was merged, by its merge user', () => {
    const { ctx, accounts } = context();
    const merged = epochOf(mergeRequest.merged_at);
    expect(gitlab.mergeRequestRow(mergeRequest, ctx)).toEqual({
      ...{ repositoryId: REPOSITORY_ID, kind: 'pull', number: 1, forgeItemId: '1', title: 'test1', state: 'merged' },
      ...{ authorIdentityId: 1, labels: ['Community contribution', 'Manage'], closedByIdentityId: 2, commentCount: 3 },
      ...{ createdAt: epochOf(mergeRequest.created_at), updatedAt: merged, closedAt: merged, mergedAt: merged }
    });
    expect(accounts).toEqual([
      { login: 'ghost', id: 2, name: 'Ghost User', bot: false },
      { login: 'project_5_bot_3f2a', id: 9, name: 'release-bot', bot: true }
    ]);
  });

  it('falls back to merged_by on GitLab before 14.7, and takes a named closer first', () => {
    const { ctx, accounts } = context();
    const older = { ...mergeRequest, merge_user: undefined };
    expect(gitlab.mergeRequestRow(older, ctx).closedByIdentityId).toBe(2);
    expect(accounts[1].login).toBe('root');
    const closed = {
      ...mergeRequest,
      state: 'closed',
      merged_at: null,
      merged_by: null,
      merge_user: null,
      closed_by: bot,
      closed_at: '2018-09-08T00:00:00Z'
    };
    expect(gitlab.mergeRequestRow(closed, ctx)).toMatchObject({
      state: 'closed',
      mergedAt: null,
      closedAt: epochOf('2018-09-08T00:00:00Z'),
      closedByIdentityId: 4
    });
    expect(accounts[3].login).toBe('project_5_bot_3f2a');
  });

  it('leaves an open merge request without closer', () => {
    const open = { ...mergeRequest, state: 'opened', merged_at: null, merged_by: null, merge_user: null };
    const { ctx } = context();
    expect(gitlab.mergeRequestRow(open, ctx)).toMatchObject({ state: 'open', closedAt: null, mergedAt: null, closedByIdentityId: null });
  });
});

describe('noteRow', () => {
  it('flags a system note and files a note under its item', () => {
    const { ctx } = context();
    expect(gitlab.noteRow(note, { kind: 'issue', number: 377 }, ctx)).toEqual({
      ...{ repositoryId: REPOSITORY_ID, kind: 'note', forgeCommentId: '302', itemKind: 'issue', itemNumber: 377 },
      ...{ authorIdentityId: 1, createdAt: epochOf(note.created_at), system: true }
    });
    expect(gitlab.noteRow({ ...note, system: false, author: bot }, { kind: 'pull', number: 2 }, ctx)).toMatchObject({
      itemKind: 'pull',
      itemNumber: 2,
      system: false
    });
  });
});

describe('approvalRow', () => {
  it('stores an approval as a review keyed by merge request and approver, dated by approved_at', () => {
    const { ctx, accounts } = context();
    expect(gitlab.approvalRow({ user: root, approved_at: '2016-06-09T01:45:21.720Z' }, 5, ctx)).toEqual({
      ...{ repositoryId: REPOSITORY_ID, kind: 'review', forgeCommentId: 'approval:5:1', itemKind: 'pull', itemNumber: 5 },
      ...{ authorIdentityId: 1, createdAt: epochOf('2016-06-09T01:45:21.720Z'), system: false }
    });
    expect(accounts).toEqual([{ login: 'root', id: 1, name: 'Administrator', bot: false }]);
  });

  it('leaves out an approval without a date (GitLab before 18.4)', () => {
    const { ctx, accounts } = context();
    expect(gitlab.approvalRow({ user: root }, 5, ctx)).toBeNull();
    expect(gitlab.approvalRow({ user: root, approved_at: null }, 5, ctx)).toBeNull();
    expect(accounts).toEqual([]);
  });
});

describe('releaseRow', () => {
  it('keys a release by its tag and marks an upcoming one as prerelease', () => {
    const { ctx } = context();
    const at = epochOf(release.created_at);
    expect(gitlab.releaseRow(release, ctx)).toEqual({
      ...{ repositoryId: REPOSITORY_ID, forgeReleaseId: 'v0.2', tagName: 'v0.2', name: 'Awesome app v0.2 beta' },
      ...{ authorIdentityId: 1, createdAt: at, publishedAt: at, prerelease: false }
    });
    expect(gitlab.releaseRow({ ...release, upcoming_release: true, released_at: '2030-01-01T00:00:00Z' }, ctx).prerelease).toBe(true);
    expect(gitlab.releaseRow({ ...release, name: null, released_at: null }, ctx)).toMatchObject({ name: null, publishedAt: null });
  });
});

describe('forkRow', () => {
  const fork = {
    ...project,
    id: 4,
    path_with_namespace: 'brightbox/diaspora-project-site',
    namespace: { ...namespace, full_path: 'brightbox' }
  };

  it('keys a fork by forge and path, its owner by namespace', () => {
    const { ctx } = context();
    const at = epochOf(project.created_at);
    expect(gitlab.forkRow(fork, ctx)).toEqual({
      ...{ repositoryId: REPOSITORY_ID, forkKey: 'opencode:brightbox/diaspora-project-site', forgeRepoId: '4' },
      ...{ ownerAccount: 'opencode:brightbox', cloneUrl: project.http_url_to_repo, createdAt: at, pushedAt: at }
    });
  });

  it('drops a clone URL elsewhere and leaves unnamed forks out', () => {
    const { ctx } = context();
    expect(gitlab.forkRow({ ...fork, http_url_to_repo: 'https://evil.example/x.git' }, ctx)?.cloneUrl).toBeNull();
    // A list entry without a path, whatever the schema says.
    expect(gitlab.forkRow(JSON.parse('{"id": 5, "path_with_namespace": null}'), ctx)).toBeNull();
  });
});

describe('projectUpdate and projectFeatures', () => {
  it('maps a project', () => {
    const { ctx } = context();
    expect(gitlab.projectUpdate(project, ctx, 'https://gitlab.example.com/stored.git')).toEqual({
      ...{ path: 'diaspora/diaspora-project-site', forgeRepoId: '3', cloneUrl: project.http_url_to_repo, webUrl: project.web_url },
      ...{ description: null, defaultBranch: 'main', archived: false, isFork: false, forkParent: null, licenseSpdx: 'MIT' },
      ...{ topics: ['example', 'disapora project'], hasIssues: true, createdAt: epochOf(project.created_at) }
    });
  });

  it('names a fork’s upstream, reads no licence as none, keeps the stored clone URL over a refused one', () => {
    const fork = {
      ...project,
      forked_from_project: { path_with_namespace: 'diaspora/upstream' },
      license: null,
      http_url_to_repo: 'git@elsewhere:x.git'
    };
    const { ctx } = context();
    expect(gitlab.projectUpdate(fork, ctx, 'https://gitlab.example.com/stored.git')).toMatchObject({
      isFork: true,
      forkParent: 'opencode:diaspora/upstream',
      licenseSpdx: null,
      cloneUrl: 'https://gitlab.example.com/stored.git'
    });
  });

  it('takes the trackers from the *_enabled flags, else from the access levels', () => {
    expect(gitlab.projectFeatures(project)).toEqual({ issuesEnabled: true, mergeRequestsEnabled: true });
    expect(gitlab.projectFeatures({ ...project, issues_enabled: false })).toEqual({ issuesEnabled: false, mergeRequestsEnabled: true });
    const { issues_enabled: _issues, merge_requests_enabled: _mergeRequests, ...levelsOnly } = project;
    expect(gitlab.projectFeatures({ ...levelsOnly, issues_access_level: 'disabled', merge_requests_access_level: 'private' })).toEqual({
      issuesEnabled: false,
      mergeRequestsEnabled: true
    });
    const { issues_access_level: _i, merge_requests_access_level: _m, ...neither } = levelsOnly;
    expect(gitlab.projectFeatures(neither)).toEqual({ issuesEnabled: true, mergeRequestsEnabled: true });
  });
});
