/**
 * The search (src/queries/searchCatalog.ts) over its trigram index (project_search,
 * jobs/store/project-search.ts): a substring of a project's name, id, owner's name or a repository's
 * path or description finds the project, case and accents aside; text shorter than a trigram is
 * matched by LIKE; name matches come first. The catalog store and derive keep the index current.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositories } from '../../db/schema';
import { derive } from '../../jobs/derive/index';
import { syncCatalog } from '../../jobs/store/catalog';
import { parseCatalog } from '../../src/lib/catalog/load';
import { searchCatalog } from '../../src/queries/searchCatalog';
import { tempData, type TempData } from '../helpers/db';

const catalog = (extra = '') =>
  parseCatalog(
    `organisations:
  - {id: koeln, name: Stadt Köln, kind: municipality, region: DE-NW}
  - {id: ulm, name: Stadt Ulm, kind: municipality, region: DE-BW}
projects:
  - {id: maengelmelder, name: Mängelmelder, owner: koeln, repositories: ["github:stadt-koeln/maengel"]}
  - {id: termine, name: Terminbuchung, owner: ulm, repositories: ["github:stadt-ulm/termine", "opencode:ulm/termine-app"]}
  - {id: ratsinfo, name: "Ratsinfo \\"Plus\\"", owner: ulm, repositories: ["github:stadt-ulm/ratsinfo"]}
  - {id: abfall, name: Abfallkalender für Köln, owner: ulm, repositories: ["github:stadt-ulm/abfall"]}
${extra}`,
    'search.yml'
  );

let data: TempData;
const ids = (q: string) => searchCatalog(data.db, q).projects.map((p) => p.id);

beforeAll(() => {
  data = tempData();
  syncCatalog(data.db, catalog());
  data.db
    .update(repositories)
    .set({ description: 'Online-Terminvergabe für Bürgerämter' })
    .where(eq(repositories.path, 'ulm/termine-app'))
    .run();
});

afterAll(() => data?.cleanup());

describe('the search', () => {
  it('finds a substring of the name, case and accents aside', () => {
    expect(ids('mängel')).toEqual(['maengelmelder']);
    expect(ids('MANGEL')).toEqual(['maengelmelder']);
    expect(ids('elmeld')).toEqual(['maengelmelder']);
  });

  it('finds by id, owner and repository path; name matches first, then by name', () => {
    expect(ids('maengel')).toEqual(['maengelmelder']);
    expect(ids('stadt ulm')).toEqual(['abfall', 'ratsinfo', 'termine']);
    // „Köln“ is the name of one (first) and the owner of another.
    expect(ids('köln')).toEqual(['abfall', 'maengelmelder']);
    expect(ids('stadt-ulm/ratsinfo')).toEqual(['ratsinfo']);
  });

  it('takes quotes and FTS syntax in the text as text', () => {
    expect(ids('"plus"')).toEqual(['ratsinfo']);
    expect(ids('info "Plus')).toEqual(['ratsinfo']);
    expect(ids('name : abfall OR *')).toEqual([]);
    expect(ids('NEAR(a b)')).toEqual([]);
  });

  it('matches text shorter than three characters by LIKE', () => {
    expect(ids('ul')).toEqual(['abfall', 'ratsinfo', 'termine']);
    expect(ids('%')).toEqual([]);
  });

  it('finds a description only once it is indexed: derive indexes what the collection stored', async () => {
    expect(ids('bürgerämter')).toEqual([]);
    await derive(data.db, catalog(), { asOf: '2026-11-23', secret: Buffer.alloc(32, 1) });
    expect(ids('burgeramter')).toEqual(['termine']);
    expect(searchCatalog(data.db, 'Bürgerämter').projects[0]).toMatchObject({ id: 'termine', ownerName: 'Stadt Ulm' });
  });

  it('a new catalog is searchable at once, a removed project is gone', () => {
    syncCatalog(data.db, catalog('  - {id: parken, name: Parkraum, owner: koeln, repositories: ["github:stadt-koeln/parken"]}'));
    expect(ids('parkraum')).toEqual(['parken']);
    syncCatalog(data.db, catalog());
    expect(ids('parkraum')).toEqual([]);
    expect(ids('stadt köln')).toEqual(['maengelmelder']);
  });
});
