import { desc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { collectionRuns, meta } from '../../db/schema';

export interface HealthRun {
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'partial' | 'failed' | 'interrupted';
}

export interface Health {
  healthy: boolean;
  /** What is wrong, in German; empty when healthy. */
  problems: string[];
  database: { readable: true };
  /** The newest run that finished 'ok' or 'partial'. */
  lastSuccessfulRun: HealthRun | null;
  lastRun: HealthRun | null;
  /**
   * `allmende schedule`: 'none' when no scheduler ever ran on this database, 'stopped' after a
   * clean stop, 'running' while its heartbeat is fresh, 'stale' when it stopped beating without
   * stopping (killed, hung).
   */
  scheduler: { state: 'none' | 'stopped' | 'running' | 'stale'; heartbeatAt: string | null; nextRun: string | null };
}

const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

/**
 * The dashboard's health for monitoring (/healthz): the database answers, the last collection
 * runs, the scheduler's heartbeat (meta `schedule.heartbeat`, written by jobs/schedule.ts).
 * Times and states only: no errors, tokens, emails or process ids. Throws when the database
 * cannot be read.
 */
export function getHealth(db: Db, now = Date.now(), staleAfterSeconds = 300): Health {
  const toRun = (r: { startedAt: number; finishedAt: number | null; status: HealthRun['status'] } | undefined): HealthRun | null =>
    r ? { startedAt: iso(r.startedAt)!, finishedAt: iso(r.finishedAt), status: r.status } : null;
  const columns = { startedAt: collectionRuns.startedAt, finishedAt: collectionRuns.finishedAt, status: collectionRuns.status };
  const lastRun = toRun(db.select(columns).from(collectionRuns).orderBy(desc(collectionRuns.id)).limit(1).get());
  const lastSuccessfulRun = toRun(
    db
      .select(columns)
      .from(collectionRuns)
      .where(inArray(collectionRuns.status, ['ok', 'partial']))
      .orderBy(desc(collectionRuns.id))
      .limit(1)
      .get()
  );
  const values = new Map(
    db
      .select({ key: meta.key, value: meta.value, updatedAt: meta.updatedAt })
      .from(meta)
      .where(inArray(meta.key, ['schedule.heartbeat', 'schedule.next']))
      .all()
      .map((r) => [r.key, r])
  );
  const beat = values.get('schedule.heartbeat');
  const next = values.get('schedule.next');
  let state: Health['scheduler']['state'] = 'none';
  if (beat) {
    if (beat.value === '') state = 'stopped';
    else state = now / 1000 - beat.updatedAt > staleAfterSeconds ? 'stale' : 'running';
  }
  const problems: string[] = [];
  if (state === 'stale') {
    problems.push(`Der Zeitplan (allmende schedule) gibt seit mehr als ${Math.round(staleAfterSeconds / 60)} Minuten kein Lebenszeichen.`);
  }
  if (!lastSuccessfulRun) problems.push('Noch keine erfolgreiche Sammlung.');
  if (lastRun?.status === 'failed') problems.push('Die letzte Sammlung ist fehlgeschlagen.');
  return {
    healthy: problems.length === 0,
    problems,
    database: { readable: true },
    lastSuccessfulRun,
    lastRun,
    scheduler: { state, heartbeatAt: beat && beat.value !== '' ? iso(beat.updatedAt) : null, nextRun: next?.value || null }
  };
}
