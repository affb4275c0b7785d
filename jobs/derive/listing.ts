/**
 * The derived table `project_listings` (db/schema.ts): per project, the figures of its newest full
 * report that lists of all projects show, so that the Übersicht, the search and /api/projects read
 * one small row per project. Written by derive in the snapshots' transaction, right after the
 * report and its reuse pairs (migration 0012 fills it alike from reports stored before).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectListings } from '../../db/schema';
import { isMunicipalKind } from '../../src/lib/organisation-kinds';
import type { ProjectReport } from '../../src/lib/reports/types';

export type ProjectListing = typeof projectListings.$inferInsert;

/** The reusing organisations of the report, as reuse-evidence.ts stores them (never the owner). */
export interface ReusePair {
  organisationId: string;
  observed: boolean;
}

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

const COLUMNS = [
  'asOf',
  'lifecycle',
  'score',
  'coverage',
  'isNew',
  'activeContributors',
  'organisationCount',
  'licence',
  'reuseReady',
  'reuseOrganisations',
  'reuseObserved',
  'reuseMunicipalities',
  'reuseMunicipalitiesObserved'
] as const satisfies readonly (keyof ProjectListing)[];

function prepareUpsert(db: Db) {
  const values = Object.fromEntries([['projectId', sql.placeholder('projectId')], ...COLUMNS.map((c) => [c, sql.placeholder(c)])]);
  const set = Object.fromEntries(COLUMNS.map((c) => [c, sql.raw(`excluded.${projectListings[c].name}`)]));
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
