/**
 * The columns the change queries share (project_changes joined with its project): listProjectChanges,
 * listOrganisationChanges, listRecentChanges.
 */
import { sql } from 'drizzle-orm';
import type { ProjectChange } from '../lib/reports/changes';
import { parseJson } from './shared';

/** A recorded change with its project, as the feeds and the overview show it. */
export type ChangeRow = ProjectChange & {
  projectId: string;
  projectName: string;
  /** The snapshot day that recorded it. */
  asOf: string;
};

/** SELECT list over `project_changes c JOIN projects p ON p.id = c.project_id`. */
export const changeColumns = sql`c.project_id AS projectId, p.name AS projectName, c.as_of AS asOf, c.kind AS kind,
  c.subject AS subject, c.date AS date, c.detail AS detail`;

/** Newest first; ties in a stable order (the feeds' entries keep their places). */
export const changeOrder = sql`c.date DESC, c.as_of DESC, c.project_id, c.kind, c.subject`;

export function toChangeRow(row: Omit<ChangeRow, 'detail'> & { detail: string }): ChangeRow {
  return { ...row, detail: parseJson(row.detail, {}) } as ChangeRow;
}
