/** Writing the catalog into the database (jobs/store/catalog.ts): what stays and what goes. */
import { afterEach, describe, expect, it } from 'vitest';
import { syncCatalog } from '../../jobs/store/catalog';
import { parseCatalog } from '../../src/lib/catalog/load';
import { listFailingRepositories } from '../../src/queries/listFailingRepositories';
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
});
