/**
 * The collectors, in the order they run for a repository: the forge first (it may correct the
 * clone URL after a rename), then git, which every repository has.
 */
import { GitCollector } from './git';
import { createGitHubCollector } from './github';
import { createGitLabCollector } from './gitlab';
import type { Collector } from './types';

export function allCollectors(): Collector[] {
  return [createGitHubCollector(), createGitLabCollector(), new GitCollector()];
}
