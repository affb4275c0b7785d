/**
 * Whether a project has forge items to judge responsiveness by (DESIGN §6: a component without
 * data — no issue tracker, issues disabled — is left out).
 *
 * Definition: yes when at least one repository's forge reports its issue tracker enabled, or when
 * any issue or pull/merge request was collected (pull requests get answers even where the issue
 * tracker is switched off). No: every repository has issues disabled (hasIssues false) or unknown
 * (git-only), and no item was collected — then responsiveness and backlog have no data.
 */
import type { ItemFact, RepositoryFact } from './facts';

export function hasIssueTracker(
  repositories: readonly Pick<RepositoryFact, 'hasIssues'>[],
  items: readonly Pick<ItemFact, 'kind'>[] = []
): boolean {
  return repositories.some((r) => r.hasIssues === true) || items.length > 0;
}
