/**
 * The derived table `project_listings` (db/schema.ts): per project, the figures of its newest full
 * report that lists of all projects show, so that the Übersicht, the search and /api/projects read
 * one small row per project. Written by derive in the snapshots' transaction, right after the
 * report and its reuse pairs (migration 0012 fills it alike from reports stored before).
 */
import { getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectListings } from '../../db/schema';
import { isMunicipalKind } from '../../src/lib/organisation-kinds';
import type { ProjectReport } from '../../src/lib/reports/types';
import type { ReusePair } from './reuse-evidence';

export type ProjectListing = typeof projectListings.$inferInsert;

export function projectListing(
  report: ProjectReport,
  pairs: readonly ReusePair[],
  kindOf: (organisationId: string) => string | null | undefined
): ProjectListing {
  const ready = report.reuseReadiness?.allMet;
  const municipal = pairs.filter((p) => isMunicipalKind(kindOf(p.organisationId)));
  return {
    projectId: report.id,
    asOf: report.asOf,
    lifecycle: report.lifecycle,
    score: report.vitality.score,
    coverage: report.vitality.coverage,
    isNew: report.isNew ? 1 : 0,
    activeContributors: report.window.activeContributors,
    organisationCount: report.organisations.filter((o) => o.id !== null).length,
    licence: report.licence.spdx,
    reuseReady: ready === true ? 1 : ready === false ? 0 : null,
    reuseOrganisations: pairs.length,
    reuseObserved: pairs.filter((p) => p.observed).length,
    reuseMunicipalities: municipal.length,
    reuseMunicipalitiesObserved: municipal.filter((p) => p.observed).length
  };
}

/** One upsert over every column of the table, each value a placeholder of the column's key. */
function prepareUpsert(db: Db) {
  const columns = getTableColumns(projectListings);
  const keys = Object.keys(columns) as (keyof typeof columns)[];
  const values = Object.fromEntries(keys.map((key) => [key, sql.placeholder(key)]));
  const set = Object.fromEntries(keys.filter((key) => key !== 'projectId').map((key) => [key, sql.raw(`excluded.${columns[key].name}`)]));
  return db
    .insert(projectListings)
    .values(values as unknown as ProjectListing)
    .onConflictDoUpdate({ target: projectListings.projectId, set })
    .prepare();
}

const prepared = new WeakMap<object, ReturnType<typeof prepareUpsert>>();

/** Replaces the project's row (the upsert is prepared once per connection). */
export function storeProjectListing(db: Db, row: ProjectListing): void {
  let upsert = prepared.get(db.$client);
  if (!upsert) prepared.set(db.$client, (upsert = prepareUpsert(db)));
  upsert.run(row);
}
