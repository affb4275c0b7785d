/**
 * /api/projects' list (src/queries/getProjectListPage.ts), JSON text that SQLite writes: it must parse
 * to what JSON.stringify would have written for the same rows, whatever the names hold, in German
 * name order, with null for what is not derived yet; and page by page it must hold every project
 * once, also when the catalog changes between two pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCatalog } from '../../jobs/store/catalog';
import { projectListings } from '../../db/schema';
import { parseCatalog } from '../../src/lib/catalog/load';
import type { Db } from '../../db/index';
import { getProjectListPage } from '../../src/queries/getProjectListPage';
import { listAllProjects } from '../helpers/project-list';
import { tempData, type TempData } from '../helpers/db';

let data: TempData;

// Quotes, backslashes, control characters, markup, umlauts and a character outside the BMP.
const HOSTILE = 'Öffnungs"zeiten\\ \t\n\u0001 </script><b>ß 😀';

const PROJECTS = [
  `  - {id: zeit.plan_2, name: ${JSON.stringify(HOSTILE)}, owner: ulm, repositories: ["git:/x/a"]}`,
  '  - {id: abfall, name: Äpfel und Abfall, owner: bund, repositories: ["git:/x/b"]}',
  '  - {id: zebra, name: Zebra, repositories: ["git:/x/c"]}'
];

function storeCatalog(db: Db, projects: string[]): void {
  const organisations = [
    `  - {id: ulm, name: ${JSON.stringify(HOSTILE)}, kind: municipality, region: DE-BW}`,
    '  - {id: bund, name: Bund, kind: federal}'
  ];
  syncCatalog(db, parseCatalog(['organisations:', ...organisations, 'projects:', ...projects, ''].join('\n')));
}

beforeAll(() => {
  data = tempData();
  storeCatalog(data.db, PROJECTS);
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
  it('parses to every project, by name in German order, names verbatim, on one page or on several', () => {
    const list = listAllProjects(data.db, 'http://127.0.0.1:3000');
    for (const limit of [1, 2, 3]) expect(listAllProjects(data.db, 'http://127.0.0.1:3000', limit), `limit ${limit}`).toEqual(list);
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

  it('says where to go on only when projects are left', () => {
    const first = getProjectListPage(data.db, 'http://x', null, 2);
    expect(first.entries.map((e) => e.key.id)).toEqual(['abfall', 'zeit.plan_2']);
    expect(first.next).toEqual(first.entries[1].key);
    const last = getProjectListPage(data.db, 'http://x', first.next, 2);
    expect(last.entries.map((e) => e.key.id)).toEqual(['zebra']);
    expect(last.next).toBeNull();
    expect(getProjectListPage(data.db, 'http://x', null, 3).next).toBeNull();
  });

  it('goes on after the last project read when the catalog changed between two pages', () => {
    const changed = tempData();
    try {
      storeCatalog(changed.db, PROJECTS);
      const first = getProjectListPage(changed.db, 'http://x', null, 2);
      expect(first.entries.map((e) => e.key.id)).toEqual(['abfall', 'zeit.plan_2']);
      // Two projects come before the cursor, one after it, and the first one read is gone: every place moves.
      storeCatalog(changed.db, [
        ...PROJECTS.slice(0, 1),
        PROJECTS[2],
        '  - {id: aal, name: Aal, repositories: ["git:/x/d"]}',
        '  - {id: ab, name: Ab, repositories: ["git:/x/e"]}',
        '  - {id: xylo, name: Xylophon, repositories: ["git:/x/f"]}'
      ]);
      const rest = getProjectListPage(changed.db, 'http://x', first.next, 10);
      expect(rest.entries.map((e) => e.key.id)).toEqual(['xylo', 'zebra']);
      // A cursor whose project left the catalog goes on from the place it had.
      const gone = getProjectListPage(changed.db, 'http://x', { nameOrder: 3, id: 'weg' }, 10);
      expect(gone.entries.map((e) => e.key.id)).toEqual(['zeit.plan_2', 'xylo', 'zebra']);
    } finally {
      changed.cleanup();
    }
  });

  it('is an empty list without projects', () => {
    const empty = tempData();
    try {
      expect(getProjectListPage(empty.db, 'http://x', null, 100)).toEqual({ entries: [], next: null });
    } finally {
      empty.cleanup();
    }
  });
});
