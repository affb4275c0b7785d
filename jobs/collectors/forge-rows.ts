/**
 * What the per-forge row mappers (github-rows.ts, gitlab-rows.ts) share: the context they map in and
 * the helpers both forges' objects need. The two lookups that touch the run — identity rows and
 * accepted clone URLs — are functions of the context, so the mappers themselves stay pure.
 */
import type { ForgeAccount } from '../store/identities';
import { acceptedCloneUrl, type NewComment } from './forge-store';
import type { CollectContext } from './types';

export interface RowContext {
  /** The repository the rows belong to. */
  repositoryId: number;
  /** The catalog's forge id: the prefix of fork keys, fork owners and fork parents. */
  forgeId: string;
  /** The identity row of a forge account (the run's IdentityStore on this forge). */
  identity: (account: ForgeAccount) => number;
  /** A clone URL from the forge's answer as it may be stored (acceptedCloneUrl), or null. */
  cloneUrl: (answer: string | null | undefined) => string | null;
}

/** The row context of a collection: the repository's id, the forge's identities, its clone base. */
export function rowContext(ctx: CollectContext): RowContext {
  return {
    repositoryId: ctx.repository.id,
    forgeId: ctx.forge.id,
    identity: (account) => ctx.identities.account(ctx.forge.id, account),
    cloneUrl: (answer) => acceptedCloneUrl(ctx, answer)
  };
}

/** The identity row of an account a mapper read, or null where the forge named none. */
export function identityOf(ctx: RowContext, account: ForgeAccount | null): number | null {
  return account ? ctx.identity(account) : null;
}

/** Label names of an issue or pull/merge request: plain names or label objects, empty names dropped. */
export function labelNames(labels: readonly (string | { name?: string | null })[] | null | undefined): string[] {
  return (labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((l) => l !== '');
}

/** A comment row's facts in forge-neutral terms: which comment, on which item, by whom, when. */
export interface CommentFacts {
  kind: NewComment['kind'];
  /** The forge's id of the comment (or a key made up where the forge gives none). */
  id: string | number | bigint;
  item: { kind: 'issue' | 'pull'; number: number };
  author: ForgeAccount | null;
  createdAt: number;
  /** A forge's own entry (GitLab system notes), not a person's. */
  system?: boolean;
}

export function commentRow(ctx: RowContext, c: CommentFacts): NewComment {
  return {
    repositoryId: ctx.repositoryId,
    kind: c.kind,
    forgeCommentId: String(c.id),
    itemKind: c.item.kind,
    itemNumber: c.item.number,
    authorIdentityId: identityOf(ctx, c.author),
    createdAt: c.createdAt,
    system: c.system ?? false
  };
}
