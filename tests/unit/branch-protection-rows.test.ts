/**
 * The branch-protection mappers of github-rows.ts and gitlab-rows.ts on the answers the forges
 * document (@octokit/fixtures has no recording of GET …/branches/{branch} or …/rules/branches/{branch};
 * its branch-protection scenario records the admin-only …/protection endpoint answering 404 „Branch
 * not protected“, which the collector does not call). The shapes follow the docs' examples:
 * https://docs.github.com/en/rest/branches/branches#get-a-branch,
 * https://docs.github.com/en/rest/repos/rules#get-rules-for-a-branch,
 * https://docs.gitlab.com/api/branches/#get-single-repository-branch,
 * https://docs.gitlab.com/api/protected_branches/#get-a-single-protected-branch-or-wildcard-protected-branch.
 */
import { describe, expect, it } from 'vitest';
import * as github from '../../jobs/collectors/github-rows';
import * as gitlab from '../../jobs/collectors/gitlab-rows';
import { protectionDue, PROTECTION_MAX_AGE_SECONDS } from '../../jobs/collectors/forge-store';

const AT = 1_764_633_600;

/** GET /repos/{owner}/{repo}/branches/{branch} as the docs show it to a reader without admin rights (the fields read). */
const ghBranch = (isProtected: boolean): Pick<github.GhBranch, 'name' | 'protected'> => ({ name: 'main', protected: isProtected });
/** GET /repos/{owner}/{repo}/rules/branches/{branch}: the docs' example lists typed rules with their ruleset. */
const rule = (type: string) =>
  ({ type, ruleset_source_type: 'Repository', ruleset_source: 'monalisa/my-repo', ruleset_id: 42 }) as github.GhBranchRule;

describe('GitHub: branchProtectionRow', () => {
  it('a ruleset with non_fast_forward: protected, force pushes blocked', () => {
    expect(github.branchProtectionRow('main', ghBranch(false), [rule('deletion'), rule('non_fast_forward')], AT)).toEqual({
      protected: true,
      forcePushBlocked: true,
      source: 'github:branches+github:rules',
      checkedAt: AT,
      branch: 'main'
    });
  });

  it('classic protection without rulesets: protected, force pushes not visible (admin only)', () => {
    expect(github.branchProtectionRow('main', ghBranch(true), [], AT)).toMatchObject({ protected: true, forcePushBlocked: null });
  });

  it('classic protection and a ruleset that blocks force pushes: blocked', () => {
    expect(github.branchProtectionRow('main', ghBranch(true), [rule('non_fast_forward')], AT)).toMatchObject({
      protected: true,
      forcePushBlocked: true
    });
  });

  it('only a ruleset that leaves force pushes allowed: protected, force pushes allowed', () => {
    expect(github.branchProtectionRow('main', ghBranch(false), [rule('deletion'), rule('pull_request')], AT)).toMatchObject({
      protected: true,
      forcePushBlocked: false
    });
  });

  it('nothing protects the branch: unprotected, force pushes allowed', () => {
    expect(github.branchProtectionRow('main', ghBranch(false), [], AT)).toMatchObject({ protected: false, forcePushBlocked: false });
  });

  it('refused reads (403/404): null where nothing answers', () => {
    expect(github.branchProtectionRow('main', null, null, AT)).toMatchObject({
      protected: null,
      forcePushBlocked: null,
      source: 'github:none'
    });
    expect(github.branchProtectionRow('main', null, [], AT)).toMatchObject({
      protected: null,
      forcePushBlocked: null,
      source: 'github:rules'
    });
    expect(github.branchProtectionRow('main', ghBranch(false), null, AT)).toMatchObject({ protected: null, forcePushBlocked: null });
    expect(github.branchProtectionRow('main', null, [rule('non_fast_forward')], AT)).toMatchObject({
      protected: true,
      forcePushBlocked: true
    });
  });
});

describe('GitLab: branchProtectionRow', () => {
  /** GET /projects/:id/protected_branches/:name (the docs' example, fields read). */
  const settings = (allowForcePush: boolean, level = 40): gitlab.GlProtectedBranch => ({
    name: 'main',
    allow_force_push: allowForcePush,
    push_access_levels: [{ access_level: level }]
  });

  it('a protected branch without force pushes, Maintainers push', () => {
    expect(gitlab.branchProtectionRow('main', { name: 'main', protected: true }, settings(false), AT)).toEqual({
      protected: true,
      forcePushBlocked: true,
      source: 'gitlab:branches+gitlab:protected_branches',
      checkedAt: AT,
      branch: 'main',
      minPushAccessLevel: 40
    });
  });

  it('force pushes allowed; developers may push', () => {
    expect(gitlab.branchProtectionRow('main', { name: 'main', protected: true }, settings(true, 30), AT)).toMatchObject({
      forcePushBlocked: false,
      minPushAccessLevel: 30
    });
  });

  it('settings refused (403/404): protected, force pushes not visible', () => {
    expect(gitlab.branchProtectionRow('main', { name: 'main', protected: true }, null, AT)).toMatchObject({
      protected: true,
      forcePushBlocked: null,
      source: 'gitlab:branches'
    });
  });

  it('an unprotected branch; a refused branch', () => {
    expect(gitlab.branchProtectionRow('main', { name: 'main', protected: false }, null, AT)).toMatchObject({
      protected: false,
      forcePushBlocked: false
    });
    expect(gitlab.branchProtectionRow('main', null, null, AT)).toMatchObject({ protected: null, forcePushBlocked: null });
  });
});

describe('protectionDue: at most once a day, again for a new default branch', () => {
  const stored = github.branchProtectionRow('main', ghBranch(true), [], AT);
  it('never read, a day old, another branch: due; younger than a day: not', () => {
    expect(protectionDue(null, 'main', AT)).toBe(true);
    expect(protectionDue(stored, 'main', AT + PROTECTION_MAX_AGE_SECONDS - 1)).toBe(false);
    expect(protectionDue(stored, 'main', AT + PROTECTION_MAX_AGE_SECONDS)).toBe(true);
    expect(protectionDue(stored, 'develop', AT + 60)).toBe(true);
  });
});
