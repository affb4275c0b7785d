/**
 * The GitHub row mappers (jobs/collectors/github-rows.ts) on recorded answers: issues, a release and
 * a repository from @octokit/fixtures, and objects in the documented shape built from them (pull
 * requests, comments, reviews, events, forks), including the edge cases real repositories have.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as github from '../../jobs/collectors/github-rows';
import { epochOf, recordingContext, REPOSITORY_ID } from './forge-rows-helpers';

const require = createRequire(import.meta.url);

/** The recorded response to `GET path` in an @octokit/fixtures scenario. */
function recorded<T>(scenario: string, path: string): T {
  const file = require.resolve(`@octokit/fixtures/scenarios/api.github.com/${scenario}/normalized-fixture.json`);
  const exchanges: { method: string; path: string; response: T }[] = JSON.parse(readFileSync(file, 'utf8'));
  const exchange = exchanges.find((e) => e.method === 'get' && e.path === path);
  if (!exchange) throw new Error(`${scenario}: no GET ${path}`);
  return exchange.response;
}

const issues = recorded<github.GhIssue[]>('paginate-issues', '/repos/octokit-fixture-org/paginate-issues/issues?per_page=3');
const release = recorded<github.GhRelease>('release-assets', '/repos/octokit-fixture-org/release-assets/releases/tags/v1.0.0');
const repository = recorded<github.GhRepo>('get-repository', '/repos/octokit-fixture-org/hello-world');

const issue = issues[0];
const userA = issue.user!;
/** A deleted account: GitHub answers for it as the "ghost" user. */
const ghost = { ...userA, login: 'ghost', id: 10137, type: 'User', html_url: 'https://github.com/ghost' };
const bot = { ...userA, login: 'dependabot[bot]', id: 49699333, type: 'Bot', html_url: 'https://github.com/apps/dependabot' };
const label = {
  id: 1,
  node_id: 'MDU6TGFiZWwx',
  url: '',
  name: 'bug',
  description: "Something isn't working",
  color: 'd73a4a',
  default: true
};

const context = () => recordingContext('github', 'https://github.com/');
/** What every comment row of these tests shares: the repository, the first identity asked for, no system entry. */
const byFirst = { repositoryId: REPOSITORY_ID, authorIdentityId: 1, system: false };

describe('githubAccount', () => {
  it('names login, id and the bot type', () => {
    expect(github.githubAccount(userA)).toEqual({ login: 'octokit-fixture-user-a', id: '1000', bot: false });
    expect(github.githubAccount(bot)).toEqual({ login: 'dependabot[bot]', id: '49699333', bot: true });
  });

  it('is none for a missing user; the ghost of a deleted one is an account like any', () => {
    expect(github.githubAccount(null)).toBeNull();
    expect(github.githubAccount(undefined)).toBeNull();
    expect(github.githubAccount(ghost)).toEqual({ login: 'ghost', id: '10137', bot: false });
  });
});

describe('issueRow', () => {
  it('maps a recorded issue', () => {
    const { ctx, accounts } = context();
    const at = epochOf('2017-10-10T16:00:00Z');
    expect(github.issueRow(issue, ctx)).toEqual({
      ...{ repositoryId: REPOSITORY_ID, kind: 'issue', number: 13, forgeItemId: '1000', title: 'Test issue 13', state: 'open' },
      ...{ authorIdentityId: 1, labels: [], closedByIdentityId: null, commentCount: 42 },
      ...{ createdAt: at, updatedAt: at, closedAt: null, mergedAt: null }
    });
    expect(accounts).toEqual([{ login: 'octokit-fixture-user-a', id: '1000', bot: false }]);
  });

  it('takes a pull request in the issue list as a pull, merged by its merge time', () => {
    const pullRequest = { url: '', html_url: '', diff_url: '', patch_url: '' };
    const closedAt = '2017-10-12T09:00:00Z';
    const merged = { ...issue, number: 14, state: 'closed', closed_at: closedAt, pull_request: { ...pullRequest, merged_at: closedAt } };
    const closed = { ...issue, number: 15, state: 'closed', closed_at: closedAt, pull_request: { ...pullRequest, merged_at: null } };
    const { ctx } = context();
    expect(github.issueRow(merged, ctx)).toMatchObject({ kind: 'pull', number: 14, state: 'merged', mergedAt: epochOf(closedAt) });
    expect(github.issueRow(closed, ctx)).toMatchObject({
      kind: 'pull',
      number: 15,
      state: 'closed',
      closedAt: epochOf(closedAt),
      mergedAt: null
    });
  });

  it('keeps label names, plain or as objects, and the closer where GitHub names one', () => {
    const closedIssue = {
      ...issue,
      state: 'closed',
      labels: ['triage', label, { name: '' }],
      closed_at: '2017-10-11T08:00:00Z',
      closed_by: bot
    };
    const { ctx, accounts } = context();
    expect(github.issueRow(closedIssue, ctx)).toMatchObject({
      state: 'closed',
      labels: ['triage', 'bug'],
      authorIdentityId: 1,
      closedByIdentityId: 2
    });
    expect(accounts.map((a) => a.login)).toEqual(['octokit-fixture-user-a', 'dependabot[bot]']);
  });

  it('stores an issue of a deleted user without an author', () => {
    const { ctx, accounts } = context();
    expect(github.issueRow({ ...issue, user: null }, ctx).authorIdentityId).toBeNull();
    expect(accounts).toEqual([]);
  });
});

describe('pullRow', () => {
  it('maps an entry of /pulls: no closer, no comment count', () => {
    const [created, merged, updated] = ['2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', '2020-01-03T00:00:00Z'];
    const pr = { id: 2000, number: 21, title: 'Bump lodash', state: 'closed', user: bot, labels: [label] };
    const dated = { ...pr, created_at: created, updated_at: updated, closed_at: merged, merged_at: merged };
    const { ctx, accounts } = context();
    expect(github.pullRow(dated, ctx)).toEqual({
      ...{ repositoryId: REPOSITORY_ID, kind: 'pull', number: 21, forgeItemId: '2000', title: 'Bump lodash', state: 'merged' },
      ...{ authorIdentityId: 1, labels: ['bug'], closedByIdentityId: null, commentCount: 0 },
      ...{ createdAt: epochOf(created), updatedAt: epochOf(updated), closedAt: epochOf(merged), mergedAt: epochOf(merged) }
    });
    expect(accounts).toEqual([{ login: 'dependabot[bot]', id: '49699333', bot: true }]);
    expect(github.pullRow({ ...dated, merged_at: null }, ctx).state).toBe('closed');
    expect(github.pullRow({ ...dated, state: 'open', closed_at: null, merged_at: null }, ctx).state).toBe('open');
  });
});

describe('comments and reviews', () => {
  const api = 'https://api.github.com/repos/octokit-fixture-org/hello-world';
  const web = 'https://github.com/octokit-fixture-org/hello-world';

  it('files an issue comment under its issue or, by its page, its pull request', () => {
    const comment = {
      id: 501,
      issue_url: `${api}/issues/13`,
      html_url: `${web}/issues/13#issuecomment-501`,
      user: userA,
      created_at: '2021-05-01T10:00:00Z'
    };
    const { ctx } = context();
    expect(github.issueCommentRow(comment, ctx)).toEqual({
      ...byFirst,
      ...{ kind: 'comment', forgeCommentId: '501', itemKind: 'issue', itemNumber: 13, createdAt: epochOf('2021-05-01T10:00:00Z') }
    });
    const onPull = { ...comment, html_url: `${web}/pull/14#issuecomment-502`, issue_url: `${api}/issues/14` };
    expect(github.issueCommentRow(onPull, ctx)).toMatchObject({ itemKind: 'pull', itemNumber: 14 });
    expect(github.issueCommentRow({ ...comment, issue_url: `${api}/issues` }, ctx)).toBeNull();
    expect(github.issueCommentRow({ ...comment, user: null }, ctx)?.authorIdentityId).toBeNull();
  });

  it('files a review comment under its pull request', () => {
    const comment = { id: 601, pull_request_url: `${api}/pulls/14`, user: ghost, created_at: '2021-05-02T10:00:00Z' };
    const { ctx, accounts } = context();
    expect(github.reviewCommentRow(comment, ctx)).toEqual({
      ...byFirst,
      ...{ kind: 'review_comment', forgeCommentId: '601', itemKind: 'pull', itemNumber: 14, createdAt: epochOf('2021-05-02T10:00:00Z') }
    });
    expect(accounts[0].login).toBe('ghost');
    expect(github.reviewCommentRow({ ...comment, pull_request_url: `${api}/pulls/14/files` }, ctx)).toBeNull();
  });

  it('dates a review by its submission and leaves a pending one out', () => {
    const review = { id: 701, state: 'APPROVED', user: userA, submitted_at: '2021-05-03T10:00:00Z' };
    const { ctx, accounts } = context();
    expect(github.reviewRow(review, 14, ctx)).toEqual({
      ...byFirst,
      ...{ kind: 'review', forgeCommentId: '701', itemKind: 'pull', itemNumber: 14, createdAt: epochOf('2021-05-03T10:00:00Z') }
    });
    expect(github.reviewRow({ ...review, state: 'PENDING' }, 14, ctx)).toBeNull();
    expect(github.reviewRow({ ...review, submitted_at: undefined }, 14, ctx)).toBeNull();
    expect(github.reviewRow({ ...review, user: null }, 14, ctx)?.authorIdentityId).toBeNull();
    expect(accounts).toHaveLength(1);
  });
});

describe('closeEvent', () => {
  it('names the item and actor of a close or merge, nothing for other events', () => {
    expect(github.closeEvent({ event: 'closed', actor: userA, issue: { number: 13 } })).toEqual({
      number: 13,
      closer: { login: 'octokit-fixture-user-a', id: '1000', bot: false }
    });
    expect(github.closeEvent({ event: 'merged', actor: bot, issue: { number: 14 } })?.closer?.bot).toBe(true);
    expect(github.closeEvent({ event: 'closed', actor: null, issue: { number: 13 } })).toEqual({ number: 13, closer: null });
    expect(github.closeEvent({ event: 'labeled', actor: userA, issue: { number: 13 } })).toBeNull();
    expect(github.closeEvent({ event: 'closed', actor: userA, issue: null })).toBeNull();
  });
});

describe('releaseRow', () => {
  it('maps a recorded release and leaves drafts out', () => {
    const { ctx, accounts } = context();
    const at = epochOf('2017-10-10T16:00:00Z');
    expect(github.releaseRow(release, ctx)).toEqual({
      ...{ repositoryId: REPOSITORY_ID, forgeReleaseId: '1000', tagName: 'v1.0.0', name: 'Version 1.0.0' },
      ...{ authorIdentityId: 1, createdAt: at, publishedAt: at, prerelease: false }
    });
    expect(github.releaseRow({ ...release, draft: true, published_at: null }, ctx)).toBeNull();
    expect(github.releaseRow({ ...release, prerelease: true, name: null }, ctx)).toMatchObject({ prerelease: true, name: null });
    expect(accounts).toHaveLength(2);
  });
});

describe('forkRow', () => {
  const fork = {
    id: 3000,
    full_name: 'octokit-fixture-user-a/hello-world',
    owner: userA,
    clone_url: 'https://github.com/octokit-fixture-user-a/hello-world.git',
    created_at: '2019-01-01T00:00:00Z',
    pushed_at: '2019-02-01T00:00:00Z'
  };

  it('keys a fork by forge and full name, its owner by login', () => {
    const { ctx } = context();
    expect(github.forkRow(fork, ctx)).toEqual({
      ...{ repositoryId: REPOSITORY_ID, forkKey: 'github:octokit-fixture-user-a/hello-world', forgeRepoId: '3000' },
      ...{ ownerAccount: 'github:octokit-fixture-user-a', cloneUrl: fork.clone_url },
      ...{ createdAt: epochOf('2019-01-01T00:00:00Z'), pushedAt: epochOf('2019-02-01T00:00:00Z') }
    });
  });

  it('drops a clone URL the forge may not name and leaves unnamed forks out', () => {
    const { ctx } = context();
    expect(github.forkRow({ ...fork, clone_url: 'file:///etc/passwd', pushed_at: null }, ctx)).toMatchObject({
      cloneUrl: null,
      pushedAt: null
    });
    // A list entry without a name, whatever the schema says.
    expect(github.forkRow(JSON.parse('{"id": 3001, "full_name": null}'), ctx)).toBeNull();
  });
});

describe('repositoryUpdate', () => {
  it('maps a recorded repository', () => {
    const { ctx } = context();
    const at = epochOf('2017-10-10T16:00:00Z');
    expect(github.repositoryUpdate(repository, ctx, 'https://github.com/stored.git')).toEqual({
      ...{
        path: 'octokit-fixture-org/hello-world',
        forgeRepoId: '1000',
        cloneUrl: 'https://github.com/octokit-fixture-org/hello-world.git'
      },
      ...{ webUrl: 'https://github.com/octokit-fixture-org/hello-world', description: null, defaultBranch: 'master', archived: false },
      ...{ isFork: false, forkParent: null, licenseSpdx: null, topics: ['fixtures', 'hello', 'hello-world'], hasIssues: true },
      ...{ createdAt: at, pushedAt: at }
    });
  });

  it('names a fork’s parent and the licence, and keeps the stored clone URL over a refused one', () => {
    const license = { key: 'mit', name: 'MIT License', spdx_id: 'MIT', url: null, node_id: 'MDc6TGljZW5zZTEz' };
    const fork = { ...repository, fork: true, parent: { full_name: 'octocat/hello-world' }, license, clone_url: 'ssh://elsewhere/x.git' };
    const { ctx } = context();
    expect(github.repositoryUpdate(fork, ctx, 'https://github.com/stored.git')).toMatchObject({
      isFork: true,
      forkParent: 'github:octocat/hello-world',
      licenseSpdx: 'MIT',
      cloneUrl: 'https://github.com/stored.git'
    });
    expect(github.repositoryUpdate({ ...repository, license: { ...license, spdx_id: 'NOASSERTION' } }, ctx, '').licenseSpdx).toBeNull();
  });
});
