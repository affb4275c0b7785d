/**
 * /api/projects' list (src/queries/getProjectListJson.ts), JSON text that SQLite writes: it must parse
 * to what JSON.stringify would have written for the same rows, whatever the names hold, in German
 * name order, with null for what is not derived yet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../../jobs/store/catalog';
import { projectListings } from '../../db/schema';
import { parseCatalog } from '../../src/lib/catalog/load';
import { getProjectListJson, type ProjectListEntry } from '../../src/queries/getProjectListJson';
import { tempData, type TempData } from '../helpers/db';

let data: TempData;

// Quotes, backslashes, control characters, markup, umlauts and a character outside the BMP.
const HOSTILE = 'Öffnungs"zeiten\\ \t\n\u0001 </script><b>ß 😀';

beforeAll(() => {
  data = tempData();
  syncCatalog(
    data.db,
    parseCatalog(
      [
        'organisations:',
        `  - {id: ulm, name: ${JSON.stringify(HOSTILE)}, kind: municipality, region: DE-BW}`,
        '  - {id: bund, name: Bund, kind: federal}',
        'projects:',
        `  - {id: zeit.plan_2, name: ${JSON.stringify(HOSTILE)}, owner: ulm, repositories: ["git:/x/a"]}`,
        '  - {id: abfall, name: Äpfel und Abfall, owner: bund, repositories: ["git:/x/b"]}',
        '  - {id: zebra, name: Zebra, repositories: ["git:/x/c"]}',
        ''
      ].join('\n')
    )
  );
  const listing = {
    lifecycle: 'aktiv',
    coverage: 0.35,
    reuseOrganisations: 0,
    reuseObserved: 0,
    reuseMunicipalities: 0,
    reuseMunicipalitiesObserved: 0
  };
  data.db
    .insert(projectListings)
    .values([
      { ...listing, projectId: 'zeit.plan_2', asOf: '2026-11-30', score: 57.5, isNew: 1, licence: 'EUPL-1.2', reuseReady: 1 },
      {
        ...listing,
        projectId: 'abfall',
        asOf: '2026-11-30',
        lifecycle: 'ruhend',
        score: null,
        coverage: 0,
        isNew: 0,
        licence: null,
        reuseReady: 0
      }
    ])
    .run();
});

afterAll(() => data?.cleanup());

const links = (id: string) => ({
  self: `http://127.0.0.1:3000/api/projects/${id}`,
  page: `http://127.0.0.1:3000/projekte/${id}`,
  badge: `http://127.0.0.1:3000/badge/${id}.svg`
});

describe('the list of all projects as JSON text', () => {
  it('parses to every project, by name in German order, names verbatim', () => {
    const list = JSON.parse(getProjectListJson(data.db, 'http://127.0.0.1:3000')) as ProjectListEntry[];
    expect(list).toEqual([
      {
        id: 'abfall',
        name: 'Äpfel und Abfall',
        owner: { id: 'bund', name: 'Bund', kind: 'federal', region: null },
        asOf: '2026-11-30',
        lifecycle: 'ruhend',
        isNew: false,
        score: null,
        coverage: 0,
        licence: null,
        reuseReady: false,
        links: links('abfall')
      },
      {
        id: 'zeit.plan_2',
        name: HOSTILE,
        owner: { id: 'ulm', name: HOSTILE, kind: 'municipality', region: 'DE-BW' },
        asOf: '2026-11-30',
        lifecycle: 'aktiv',
        isNew: true,
        score: 57.5,
        coverage: 0.35,
        licence: 'EUPL-1.2',
        reuseReady: true,
        links: links('zeit.plan_2')
      },
      {
        id: 'zebra',
        name: 'Zebra',
        owner: null,
        asOf: null,
        lifecycle: null,
        isNew: null,
        score: null,
        coverage: null,
        licence: null,
        reuseReady: null,
        links: links('zebra')
      }
    ]);
  });

  it('is an empty list without projects', () => {
    const empty = tempData();
    try {
      expect(getProjectListJson(empty.db, 'http://x')).toBe('[]');
    } finally {
      empty.cleanup();
    }
  });
});
