/** Writing the catalog into the database (jobs/store/catalog.ts): what stays and what goes. */
import { afterEach, describe, expect, it } from 'vitest';
import { syncCatalog } from '../../jobs/store/catalog';
import { parseCatalog } from '../../src/lib/catalog/load';
import { listFailingRepositories } from '../../src/queries/listFailingRepositories';
import { derive } from '../../jobs/derive/index';
import { hasContributionMonths } from '../../src/queries/hasContributionMonths';
import { repositories } from '../../db/schema';
import { tempData, type TempData } from '../helpers/db';

let data: TempData;
afterEach(() => data?.cleanup());

const catalog = (org: string, projects: string[]) =>
  parseCatalog(
    `organisations:\n  - {id: ${org}, name: Stadt Ulm, kind: municipality, domains: [ulm.de]}\n` +
      `projects:\n${projects.map((p) => `  - {id: ${p}, name: ${p}, owner: ${org}, repositories: ["github:stadt-ulm/${p}"]}`).join('\n')}\n`
  );

describe('syncCatalog', () => {
  it('removes organisations and projects that left the catalog, keeping the repositories facts', () => {
    data = tempData();
    syncCatalog(data.db, catalog('ulm', ['a', 'b']));
    syncCatalog(data.db, catalog('stadt-ulm', ['a']));
    const q = (sql: string) => data.db.$client.prepare(sql).all();
    expect(q('select id from organisations')).toEqual([{ id: 'stadt-ulm' }]);
    expect(q('select id, owner_id from projects')).toEqual([{ id: 'a', owner_id: 'stadt-ulm' }]);
    expect(q('select key from repositories order by key')).toEqual([{ key: 'github:stadt-ulm/a' }, { key: 'github:stadt-ulm/b' }]);
  });

  it('shows only repositories of the catalog as failing', () => {
    data = tempData();
    syncCatalog(data.db, catalog('ulm', ['a', 'b']));
    data.db.update(repositories).set({ lastError: 'nicht gefunden', lastErrorSince: 1 }).run();
    expect(listFailingRepositories(data.db).map((r) => r.key)).toEqual(['github:stadt-ulm/a', 'github:stadt-ulm/b']);
    syncCatalog(data.db, catalog('ulm', ['a']));
    expect(listFailingRepositories(data.db).map((r) => r.key)).toEqual(['github:stadt-ulm/a']);
  });

  it('sets the monthly contribution counts aside when a project or its repositories change, not otherwise', async () => {
    data = tempData();
    const derived = async (c: ReturnType<typeof catalog>) => {
      syncCatalog(data.db, c);
      await derive(data.db, c, { asOf: '2026-11-23', secret: Buffer.alloc(32, 1) });
      expect(hasContributionMonths(data.db)).toBe(true);
    };
    await derived(catalog('ulm', ['a', 'b']));
    syncCatalog(data.db, catalog('ulm', ['a', 'b']));
    expect(hasContributionMonths(data.db)).toBe(true);
    syncCatalog(data.db, catalog('ulm', ['a']));
    expect(hasContributionMonths(data.db)).toBe(false);
    await derived(catalog('ulm', ['a']));
    // The same repository now in another project.
    const moved = parseCatalog(
      'organisations:\n  - {id: ulm, name: Stadt Ulm, kind: municipality, domains: [ulm.de]}\n' +
        'projects:\n  - {id: c, name: c, owner: ulm, repositories: ["github:stadt-ulm/a"]}\n'
    );
    syncCatalog(data.db, moved);
    expect(hasContributionMonths(data.db)).toBe(false);
  });
});
