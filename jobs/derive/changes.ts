/**
 * The derived table `project_changes` (db/schema.ts): what changed between a project's previous full
 * report and the one derive writes (the comparison: src/lib/reports/changes.ts). Written in the
 * snapshots' transaction, right after a project's full report.
 *
 * - The previous report is the project's newest full report with data before the snapshot day
 *   (compact month-end history rows and reports „unbekannt – keine Daten“ are never compared: see
 *   src/lib/reports/changes.ts); the reports of a batch are read in one query.
 * - A day's changes replace the project's changes of that day: deriving a day again (or after a
 *   killed run, whose transaction left nothing) records each change once.
 * - Deriving a past day between two full reports puts it into the chain: the next full report's
 *   changes are compared again, with the past day's report as its previous one.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectChanges } from '../../db/schema';
import type { ComparedReport, ProjectChange } from '../../src/lib/reports/changes';

export interface NeighbourReports {
  /** The newest full report with data before the day, null if none. */
  previous: ComparedReport | null;
  /** The oldest full report with data after the day (a past day derived again), null if none. */
  next: ComparedReport | null;
}

/** Rows per INSERT (5 columns each, well below SQLite's limit of bound variables). */
const CHUNK = 500;

function parse(text: string | null): ComparedReport | null {
  if (!text) return null;
  const report = JSON.parse(text) as ComparedReport & { compact?: boolean };
  return report && typeof report.asOf === 'string' && !report.compact ? report : null;
}

/** The full reports with data around `asOf` of each project, in one query (an index step per project and side). */
export function loadNeighbourReports(db: Db, projectIds: readonly string[], asOf: string): Map<string, NeighbourReports> {
  // ORDER BY … LIMIT 1 walks the primary key from asOf and stops at the first full report;
  // json_extract reads the compact flag of the (few) month-end rows passed on the way.
  const full = sql`json_extract(p.report, '$.compact') IS NOT 1 AND p.lifecycle <> 'unbekannt'`;
  const rows = db.all<{ id: string; previous: string | null; next: string | null }>(sql`
    SELECT j.value AS id,
      (SELECT p.report FROM project_snapshots p
        WHERE p.project_id = j.value AND p.as_of < ${asOf} AND ${full} ORDER BY p.as_of DESC LIMIT 1) AS previous,
      (SELECT p.report FROM project_snapshots p
        WHERE p.project_id = j.value AND p.as_of > ${asOf} AND ${full} ORDER BY p.as_of ASC LIMIT 1) AS next
    FROM json_each(${JSON.stringify(projectIds)}) j`);
  return new Map(rows.map((r) => [r.id, { previous: parse(r.previous), next: parse(r.next) }]));
}

/** Replaces the project's changes recorded for the snapshot day `asOf`. */
export function storeChanges(db: Db, projectId: string, asOf: string, changes: readonly ProjectChange[]): number {
  db.delete(projectChanges)
    .where(and(eq(projectChanges.projectId, projectId), eq(projectChanges.asOf, asOf)))
    .run();
  const rows = changes.map((c) => ({ projectId, asOf, kind: c.kind, subject: c.subject, date: c.date, detail: c.detail }));
  for (let i = 0; i < rows.length; i += CHUNK)
    db.insert(projectChanges)
      .values(rows.slice(i, i + CHUNK))
      .onConflictDoNothing()
      .run();
  return rows.length;
}
