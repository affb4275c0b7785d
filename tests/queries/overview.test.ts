/**
 * The Übersicht filters, sorts and pages in SQL (src/queries/getProjectOverview.ts), ordered by the
 * German name order that the catalog store writes (jobs/store/project-order.ts). Checked against
 * a plain reference — every project read, filtered and sorted in JavaScript with the German
 * collator — for every sort, filter and page size, on a catalog whose names need the German order
 * (umlauts, case, numbers) and whose figures tie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeProjectListing } from '../../jobs/derive/listing';
import { syncCatalog } from '../../jobs/store/catalog';
import { parseCatalog } from '../../src/lib/catalog/load';
import { compareByNameThenId } from '../../src/lib/german-order';
import { getFilterOptions } from '../../src/queries/getFilterOptions';
import { getOverviewCounts } from '../../src/queries/getOverviewCounts';
import { getProjectOverview, OVERVIEW_SORTS, type OverviewFilters, type OverviewRow } from '../../src/queries/getProjectOverview';
import { getProjectChoices } from '../../src/queries/getProjectChoices';
import { tempData, type TempData } from '../helpers/db';

const NAMES = [
  'Ärztehaus',
  'Arzt',
  'abfall',
  'Zebra',
  'Projekt 10',
  'Projekt 9',
  'Projekt 1',
  'Öffnungszeiten',
  'ostsee',
  'Terminbuchung',
  'Terminbuchung',
  'Übersetzung'
];
const ORGS = [
  '{id: ulm, name: Stadt Ulm, kind: municipality, region: DE-BW}',
  '{id: kiel, name: Stadt Kiel, kind: municipality, region: DE-SH}',
  '{id: land, name: Land Berlin, kind: state, region: DE-BE}'
];
const LIFECYCLES = ['aktiv', 'ruhend', 'archiviert'] as const;

let data: TempData;

function catalog(names: readonly string[]) {
  const owners = ['ulm', 'kiel', 'land'];
  const projects = names.map((name, i) => {
    const forge = i % 3 === 0 ? 'opencode' : 'github';
    return `  - {id: p${String(i).padStart(2, '0')}, name: "${name}", owner: ${owners[i % 3]}, repositories: ["${forge}:org/p${i}"]}\n`;
  });
  return parseCatalog(`organisations:\n${ORGS.map((o) => `  - ${o}\n`).join('')}projects:\n${projects.join('')}`, 'overview.yml');
}

beforeAll(() => {
  data = tempData();
  syncCatalog(data.db, catalog(NAMES));
  // Figures that tie often; the last project has no listing (not evaluated yet).
  NAMES.slice(0, -1).forEach((_, i) =>
    storeProjectListing(data.db, {
      projectId: `p${String(i).padStart(2, '0')}`,
      asOf: '2026-11-23',
      lifecycle: LIFECYCLES[i % 3],
      score: i % 4 === 0 ? null : (i * 7) % 30,
      coverage: 1,
      isNew: i === 2 ? 1 : 0,
      activeContributors: i % 5 === 0 ? null : i % 3,
      organisationCount: 1,
      licence: i % 4 === 1 ? null : i % 2 ? 'MIT' : 'EUPL-1.2',
      reuseReady: i % 3 === 0 ? 1 : 0,
      reuseOrganisations: i % 3,
      reuseObserved: i % 2,
      reuseMunicipalities: i % 2,
      reuseMunicipalitiesObserved: 0
    })
  );
});

afterAll(() => data?.cleanup());

/** The reference: all rows (page size above the count), filtered and sorted in JavaScript. */
function reference(filters: OverviewFilters): string[] {
  const all = getProjectOverview(data.db, { sort: 'name', pageSize: 1000 }).rows;
  const byName = [...all].sort(compareByNameThenId);
  const rank = new Map(byName.map((r, i) => [r.id, i]));
  const desc = (f: (r: OverviewRow) => number | null) => (a: OverviewRow, b: OverviewRow) => {
    const x = f(a);
    const y = f(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return y - x;
    }
    return rank.get(a.id)! - rank.get(b.id)!;
  };
  const sorts = {
    name: (a: OverviewRow, b: OverviewRow) => rank.get(a.id)! - rank.get(b.id)!,
    score: desc((r) => r.score),
    contributors: desc((r) => r.contributors),
    reuse: (a: OverviewRow, b: OverviewRow) => desc((r) => r.reuseOrganisations * 1000 + r.reuseObserved)(a, b)
  };
  return all
    .filter(
      (r) =>
        (!filters.lifecycle || r.lifecycle === filters.lifecycle) &&
        (!filters.region || r.region === filters.region) &&
        (!filters.kind || r.ownerKind === filters.kind) &&
        (!filters.forge || r.forges.includes(filters.forge)) &&
        (!filters.licence || (filters.licence === 'keine' ? r.licence === null && r.asOf !== null : r.licence === filters.licence)) &&
        (!filters.reuseReady || r.reuseReady === true)
    )
    .sort(sorts[filters.sort ?? 'score'])
    .map((r) => r.id);
}

/** Every page of the filtered, sorted overview put together. */
function paged(filters: OverviewFilters, pageSize: number): { ids: string[]; total: number } {
  const first = getProjectOverview(data.db, { ...filters, pageSize });
  const ids = [...first.rows.map((r) => r.id)];
  for (let page = 2; page <= first.pages; page++)
    ids.push(...getProjectOverview(data.db, { ...filters, pageSize, page }).rows.map((r) => r.id));
  return { ids, total: first.total };
}

describe('the Übersicht in SQL', () => {
  it('sorts names as German readers do: case and umlauts aside, numbers by value, equal names by id', () => {
    const names = getProjectOverview(data.db, { sort: 'name' }).rows.map((r) => `${r.name} ${r.id}`);
    expect(names).toEqual([
      'abfall p02',
      'Arzt p01',
      'Ärztehaus p00',
      'Öffnungszeiten p07',
      'ostsee p08',
      'Projekt 1 p06',
      'Projekt 9 p05',
      'Projekt 10 p04',
      'Terminbuchung p09',
      'Terminbuchung p10',
      'Übersetzung p11',
      'Zebra p03'
    ]);
    // The picker lists in the same order.
    expect(getProjectChoices(data.db)!.map((c) => c.id)).toEqual(getProjectOverview(data.db, { sort: 'name' }).rows.map((r) => r.id));
  });

  const filterSets: OverviewFilters[] = [
    {},
    { lifecycle: 'aktiv' },
    { region: 'DE-SH' },
    { kind: 'state' },
    { forge: 'opencode' },
    { licence: 'MIT' },
    { licence: 'keine' },
    { reuseReady: true },
    { lifecycle: 'ruhend', forge: 'github' }
  ];
  for (const sort of OVERVIEW_SORTS)
    for (const filters of filterSets)
      it(`sort ${sort}, filters ${JSON.stringify(filters)}: as the reference, on pages of 1, 5 and 100`, () => {
        const expected = reference({ ...filters, sort });
        for (const size of [1, 5, 100]) expect(paged({ ...filters, sort }, size)).toEqual({ ids: expected, total: expected.length });
      });

  it('clamps the page to the pages there are', () => {
    const last = getProjectOverview(data.db, { pageSize: 5, page: 99 });
    expect({ page: last.page, pages: last.pages, rows: last.rows.length }).toEqual({ page: 3, pages: 3, rows: 2 });
    expect(getProjectOverview(data.db, { lifecycle: 'unbekannt' })).toMatchObject({ rows: [], total: 0, page: 1, pages: 1 });
  });

  it('offers only the filter values that occur, and counts as the rows do', () => {
    expect(getFilterOptions(data.db)).toEqual({
      regions: ['DE-BE', 'DE-BW', 'DE-SH'],
      kinds: ['municipality', 'state'],
      forges: ['github', 'opencode'],
      licences: ['EUPL-1.2', 'MIT'],
      hasUnknownLicence: true
    });
    const all = getProjectOverview(data.db, { pageSize: 1000 }).rows;
    expect(getOverviewCounts(data.db)).toEqual({
      projects: NAMES.length,
      organisations: ORGS.length,
      evaluated: NAMES.length - 1,
      reusedByMunicipalities: all.filter((r) => r.reuseMunicipalities > 0).length,
      reusedByMunicipalitiesVerified: 0
    });
  });

  it('a renamed project takes its new place with the next catalog', () => {
    const renamed = [...NAMES];
    renamed[3] = 'Aachen-Portal'; // was „Zebra“
    syncCatalog(data.db, catalog(renamed));
    const ids = getProjectOverview(data.db, { sort: 'name' }).rows.map((r) => r.id);
    expect(ids.slice(0, 2)).toEqual(['p03', 'p02']);
    expect(ids.at(-1)).toBe('p11');
    syncCatalog(data.db, catalog(NAMES));
  });
});
