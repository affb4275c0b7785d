/**
 * The few figures of a report that lists of every project show (the Übersicht, the search,
 * /api/projects), stored beside the report in project_snapshots so that a list of 10,000 projects
 * reads columns instead of parsing 10,000 reports of about 14 kB (migration 0012 fills them for
 * reports stored before).
 */
import type { projectSnapshots } from '../../db/schema';
import type { ProjectHistoryReport, ProjectReport } from '../../src/lib/reports/types';

export type SnapshotSummary = Pick<
  typeof projectSnapshots.$inferInsert,
  'isNew' | 'activeContributors' | 'organisationCount' | 'licence' | 'reuseReady'
>;

export function snapshotSummary(report: ProjectReport | ProjectHistoryReport): SnapshotSummary {
  const full = report.compact === true ? null : report;
  const ready = full?.reuseReadiness?.allMet;
  return {
    isNew: report.isNew ? 1 : 0,
    activeContributors: report.window.activeContributors,
    organisationCount: full ? full.organisations.filter((o) => o.id !== null).length : null,
    licence: full?.licence.spdx ?? null,
    reuseReady: ready === true ? 1 : ready === false ? 0 : null
  };
}
