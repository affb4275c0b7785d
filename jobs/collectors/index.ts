/** The collectors, in the order they run for a repository: the forge first (it may correct the clone URL), then git. */
import { GitCollector } from './git';
import type { Collector } from './types';

export function allCollectors(): Collector[] {
  return [new GitCollector()];
}
