/**
 * Writing the catalog into the database: forges, organisations, projects and their repositories.
 * One transaction; projects that left the catalog go (their repositories' facts stay, unlinked).
 */
import { and, eq, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { forges, meta, organisations, projectRepositories, projects, repositories, type Repository } from '../../db/schema';
import { resolveRepositoryRef, type Catalog, type CatalogSettings } from '../../src/lib/catalog/load';
import { CATALOG_SETTINGS_KEY } from '../../src/queries/getCatalogSettings';
import { invalidateContributionMonths, projectMembership } from '../derive/contribution-months';
import { storeProjectForges, storeProjectNameOrder } from './project-order';
import { storeProjectSearch } from './project-search';

export interface DiscoveredProject {
  id: string;
  name: string;
  ownerId: string | null;
  source: string;
  repository: string;
}

export function syncCatalog(
  db: Db,
  catalog: Catalog,
  discovered: DiscoveredProject[] = [],
  /** Discover sources whose listing failed this time: their projects stay. */
  keepSources: string[] = []
): Repository[] {
  return db.transaction((tx) => {
    const membershipBefore = projectMembership(db);
    for (const f of catalog.forgeById.values()) {
      const row = { id: f.id, type: f.type, apiUrl: f.api, cloneUrl: f.clone, tokenEnv: f.tokenEnv };
      tx.insert(forges).values(row).onConflictDoUpdate({ target: forges.id, set: row }).run();
    }
    for (const o of catalog.organisations) {
      const row = {
        id: o.id,
        name: o.name,
        kind: o.kind,
        region: o.region ?? null,
        ags: o.ags ?? null,
        domains: o.domains,
        accounts: o.accounts
      };
      tx.insert(organisations).values(row).onConflictDoUpdate({ target: organisations.id, set: row }).run();
    }
    // Forge paths are case-insensitive on GitHub and GitLab: a discovered repository the catalog names
    // in another spelling is the catalog's.
    const catalogRepos = new Set(catalog.projects.flatMap((p) => p.repositories.map((r) => r.toLowerCase())));
    const wanted = [
      ...catalog.projects.map((p) => ({
        id: p.id,
        name: p.name,
        ownerId: p.owner ?? null,
        usedBy: p.usedBy,
        source: 'catalog',
        refs: p.repositories
      })),
      ...discovered
        .filter((d) => !catalogRepos.has(d.repository.toLowerCase()))
        .map((d) => ({ id: d.id, name: d.name, ownerId: d.ownerId, usedBy: [], source: d.source, refs: [d.repository] }))
    ];
    const ids = wanted.map((p) => p.id);
    tx.delete(projects)
      .where(and(notInArray(projects.id, ids), notInArray(projects.source, keepSources)))
      .run();

    const result: Repository[] = [];
    for (const p of wanted) {
      const row = { id: p.id, name: p.name, ownerId: p.ownerId, usedBy: p.usedBy, source: p.source };
      tx.insert(projects).values(row).onConflictDoUpdate({ target: projects.id, set: row }).run();
      tx.delete(projectRepositories).where(eq(projectRepositories.projectId, p.id)).run();
      for (const ref of p.refs) {
        const resolved = resolveRepositoryRef(catalog, ref);
        const existing = tx.select().from(repositories).where(eq(repositories.key, resolved.key)).get();
        const repository =
          existing && resolved.forgeType === 'git' && existing.cloneUrl !== resolved.cloneUrl
            ? tx.update(repositories).set({ cloneUrl: resolved.cloneUrl }).where(eq(repositories.id, existing.id)).returning().get()
            : (existing ??
              tx
                .insert(repositories)
                .values({ key: resolved.key, forgeId: resolved.forgeId, path: resolved.path, cloneUrl: resolved.cloneUrl })
                .returning()
                .get());
        tx.insert(projectRepositories).values({ projectId: p.id, repositoryId: repository.id }).onConflictDoNothing().run();
        result.push(repository);
      }
    }
    // The same connection: part of this transaction.
    storeProjectNameOrder(db.$client);
    storeProjectForges(db.$client);
    const settings: CatalogSettings = {
      people: catalog.people,
      personalEmailDomains: catalog.personalEmailDomains,
      privacy: catalog.privacy,
      retention: catalog.retention
    };
    const row = { key: CATALOG_SETTINGS_KEY, value: JSON.stringify(settings), updatedAt: Math.floor(Date.now() / 1000) };
    tx.insert(meta).values(row).onConflictDoUpdate({ target: meta.key, set: row }).run();
    // Organisations that left the catalog go last, once no project points at them any more; their
    // affiliation periods cascade. Facts stay and are affiliated anew by derive.
    const organisationIds = catalog.organisations.map((o) => o.id);
    tx.update(projects).set({ ownerId: null }).where(notInArray(projects.ownerId, organisationIds)).run();
    tx.delete(organisations).where(notInArray(organisations.id, organisationIds)).run();
    storeProjectSearch(db.$client);
    // A project gone or its repositories changed: the monthly counts derive wrote are per project.
    if (projectMembership(db) !== membershipBefore) invalidateContributionMonths(db);
    return result;
  });
}
