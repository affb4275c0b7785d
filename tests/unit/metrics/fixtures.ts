/** Hand-made facts for the metric tests. Times are built from UTC dates. */
import type { Actor, CommentFact, CommitFact, ItemFact, ReleaseFact, TagFact } from '../../../src/lib/metrics/facts';

export const AS_OF = '2026-11-23';

/** Epoch seconds of a UTC date (and optional hour). */
export function t(date: string, hour = 12): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), hour) / 1000;
}

/** Epoch seconds `days` days (and hours) before asOf noon. */
export function ago(days: number, hours = 0): number {
  return t(AS_OF) - days * 86_400 - hours * 3600;
}

export const person = (personId: number, organisationId: string | null = null): Actor => ({ personId, isBot: false, organisationId });
export const bot = (personId: number): Actor => ({ personId, isBot: true, organisationId: null });

let hashCounter = 0;
export function commit(author: Actor, at: number, options: { hash?: string; merge?: boolean } = {}): CommitFact {
  return { hash: options.hash ?? `h${++hashCounter}`, authorDate: at, parentCount: options.merge ? 2 : 1, author };
}

/** n commits by `author`, one a day going back from `start` days ago. */
export function commits(author: Actor, n: number, start = 1): CommitFact[] {
  return Array.from({ length: n }, (_, i) => commit(author, ago(start + i)));
}

let itemCounter = 0;
export function item(author: Actor | null, createdAt: number, options: Partial<Omit<ItemFact, 'author' | 'createdAt'>> = {}): ItemFact {
  return {
    repositoryId: 1,
    kind: 'issue',
    number: ++itemCounter,
    state: 'open',
    closedAt: null,
    mergedAt: null,
    closedBy: null,
    ...options,
    author,
    createdAt
  };
}

export function comment(on: ItemFact, author: Actor | null, createdAt: number, options: Partial<CommentFact> = {}): CommentFact {
  return {
    repositoryId: on.repositoryId,
    kind: 'comment',
    itemKind: on.kind,
    itemNumber: on.number,
    createdAt,
    system: false,
    author,
    ...options
  };
}

export const release = (tagName: string, at: number, name: string | null = null): ReleaseFact => ({
  tagName,
  name,
  createdAt: at,
  publishedAt: at,
  prerelease: false
});

export const tag = (name: string, at: number): TagFact => ({ name, taggedAt: at });
