import { and, gte, lt, max, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectSnapshots } from '../../db/schema';
import { memoByDataVersion } from './memo';

export interface ScoreHistory {
  /** The month of each slot, "YYYY-MM", oldest first. */
  months: string[];
  /** Per project: the score of the newest snapshot in each month (null: none or nicht bewertbar). */
  byProject: Map<string, (number | null)[]>;
}

function monthStart(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 1));
  return d.toISOString().slice(0, 10);
}

/**
 * The vitality score per month over the last `months` months up to `asOf` (for sparklines).
 * For each month it takes the newest snapshot date in that month (an index lookup), then reads the
 * scores of that one day for the requested projects: cheap even with daily snapshots for years.
 */
export function getScoreHistory(db: Db, asOf: string, projectIds: string[] | null, months = 12): ScoreHistory {
  // The slots are the same for every page of the Übersicht: kept until the data changes.
  const slots = memoByDataVersion(db, `score-history-slots-${asOf}-${months}`, () => monthSlots(db, asOf, months));
  const dates = slots.map((s) => s.date).filter((d): d is string => d !== null);
  const byProject = new Map<string, (number | null)[]>();
  if (dates.length === 0 || (projectIds && projectIds.length === 0)) return { months: slots.map((s) => s.month), byProject };

  // Plain SQL rows: drizzle's select of 1,200 rows cost about as much again as reading them.
  const rows = db.all<{ projectId: string; asOf: string; score: number | null }>(sql`
		SELECT project_id AS projectId, as_of AS asOf, score FROM project_snapshots
		WHERE as_of IN (SELECT value FROM json_each(${JSON.stringify(dates)}))
			${projectIds ? sql`AND project_id IN (SELECT value FROM json_each(${JSON.stringify(projectIds)}))` : sql``}`);
  const slotOf = new Map(slots.map((s, i) => [s.date, i]));
  for (const r of rows) {
    let series = byProject.get(r.projectId);
    if (!series) {
      series = new Array<number | null>(slots.length).fill(null);
      byProject.set(r.projectId, series);
    }
    const i = slotOf.get(r.asOf);
    if (i !== undefined) series[i] = r.score;
  }
  return { months: slots.map((s) => s.month), byProject };
}

/** The month of each of the last `months` slots up to `asOf`, with the newest snapshot date in it. */
function monthSlots(db: Db, asOf: string, months: number): { month: string; date: string | null }[] {
  const end = new Date(`${asOf}T00:00:00Z`);
  const slots: { month: string; date: string | null }[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const y = end.getUTCFullYear();
    const m = end.getUTCMonth() - i;
    const from = monthStart(y, m);
    const to = monthStart(y, m + 1);
    const row = db
      .select({ d: max(projectSnapshots.asOf) })
      .from(projectSnapshots)
      .where(and(gte(projectSnapshots.asOf, from), lt(projectSnapshots.asOf, to), sql`${projectSnapshots.asOf} <= ${asOf}`))
      .get();
    slots.push({ month: from.slice(0, 7), date: row?.d ?? null });
  }
  return slots;
}
