/**
 * `discover:` accounts (DESIGN §3): every repository of these forge accounts becomes a project,
 * owned by the organisation that lists the account.
 */
import type { Catalog } from '../src/lib/catalog/load';
import type { DiscoveredProject } from './store/catalog';

export interface Discovery {
  projects: DiscoveredProject[];
  /** Accounts that could not be listed this time: their projects from earlier runs are kept. */
  failedAccounts: string[];
}

export async function discoverProjects(catalog: Catalog, log: (message: string) => void): Promise<Discovery> {
  if (catalog.discover.length === 0) return { projects: [], failedAccounts: [] };
  const { discoverRepositories } = await import('./collectors/discover');
  const found: DiscoveredProject[] = [];
  const failedAccounts: string[] = [];
  for (const account of catalog.discover) {
    const forgeId = account.slice(0, account.indexOf(':'));
    const forge = catalog.forgeById.get(forgeId);
    if (!forge) continue;
    const owner = catalog.organisations.find((o) => o.accounts.some((a) => a.toLowerCase() === account.toLowerCase()));
    try {
      for (const ref of await discoverRepositories(catalog, forge, account)) {
        const path = ref.slice(ref.indexOf(':') + 1);
        found.push({
          id: projectIdFor(path),
          name: path.split('/').pop() ?? path,
          ownerId: owner?.id ?? null,
          source: account,
          repository: ref
        });
      }
    } catch (error) {
      failedAccounts.push(account);
      log(`${account}: Repositories ließen sich nicht auflisten: ${(error as Error).message}`);
    }
  }
  return { projects: found, failedAccounts };
}

/** A project id from a repository path: lowercase, slashes become dashes. */
export function projectIdFor(path: string): string {
  return path
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
