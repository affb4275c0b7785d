/** The row context for the forge row mapper tests (github-rows.test.ts, gitlab-rows.test.ts). */
import type { RowContext } from '../../jobs/collectors/forge-rows';
import type { ForgeAccount } from '../../jobs/store/identities';

export const REPOSITORY_ID = 7;

/**
 * A row context of repository 7 on `forgeId` that accepts clone URLs below `cloneBase` and numbers
 * identities in the order a mapper asks for them (1, 2, …), recording the accounts in `accounts`.
 */
export function recordingContext(forgeId: string, cloneBase: string): { ctx: RowContext; accounts: ForgeAccount[] } {
  const accounts: ForgeAccount[] = [];
  const ctx: RowContext = {
    repositoryId: REPOSITORY_ID,
    forgeId,
    identity: (account) => accounts.push(account),
    cloneUrl: (answer) => (answer?.startsWith(cloneBase) ? answer : null)
  };
  return { ctx, accounts };
}

/** Epoch seconds of an ISO timestamp, as the rows store it. */
export const epochOf = (iso: string): number => Math.floor(Date.parse(iso) / 1000);
