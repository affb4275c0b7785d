/**
 * The one interface every source implements (git, github, gitlab): given a repository of the
 * catalog, fetch what the source knows and write it as facts, idempotently. Collectors know their
 * forge and nothing about metrics.
 */
import type { Db } from '../../db/index';
import type { Repository } from '../../db/schema';
import type { Catalog, ResolvedForge } from '../../src/lib/catalog/load';
import type { DataPaths } from '../../src/lib/paths';
import type { IdentityStore } from '../store/identities';

export interface CollectContext {
  db: Db;
  catalog: Catalog;
  forge: ResolvedForge;
  repository: Repository;
  paths: DataPaths;
  identities: IdentityStore;
  /** Counts of this repository's requests, updated by the collector as it goes. */
  counters: RequestCounters;
  signal?: AbortSignal;
  /** Progress and diagnostics; never pass tokens or emails. */
  log: (message: string) => void;
}

export interface RequestCounters {
  requests: number;
  notModified: number;
  items: number;
}

export interface Collector {
  /** 'git', 'github' or 'gitlab'. */
  readonly source: string;
  /** Whether this collector has something to do for the repository (git: all; forges: their own). */
  handles(repository: Repository, forge: ResolvedForge): boolean;
  collect(ctx: CollectContext): Promise<void>;
}

/** A failure that belongs to one repository (404, 403, empty repository …); the run goes on. */
export class RepositoryError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-found' | 'moved' | 'forbidden' | 'empty' | 'unavailable' | 'invalid' | 'rate-limited' = 'unavailable'
  ) {
    super(message);
    this.name = 'RepositoryError';
  }
}
