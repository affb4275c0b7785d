/** getHealth (/healthz): runs and the scheduler's heartbeat as monitoring reads them. */
import { afterEach, describe, expect, it } from 'vitest';
import { collectionRuns, meta } from '../../db/schema';
import { getHealth } from '../../src/queries/getHealth';
import { tempData, type TempData } from '../helpers/db';

let data: TempData;
afterEach(() => data?.cleanup());

const NOW = Date.UTC(2026, 5, 1, 12);
const s = (ms: number) => Math.floor(ms / 1000);

describe('getHealth', () => {
  it('is unhealthy before the first successful run, healthy after it, and shows no secrets', () => {
    data = tempData();
    expect(getHealth(data.db, NOW)).toMatchObject({ healthy: false, lastRun: null, lastSuccessfulRun: null, scheduler: { state: 'none' } });
    data.db
      .insert(collectionRuns)
      .values([
        { startedAt: s(NOW) - 7200, finishedAt: s(NOW) - 7000, status: 'partial', trigger: 'cli', pid: 4242 },
        {
          startedAt: s(NOW) - 600,
          finishedAt: s(NOW) - 500,
          status: 'interrupted',
          trigger: 'schedule',
          pid: 4243,
          error: 'token ghp_x erika@ulm.de'
        }
      ])
      .run();
    const health = getHealth(data.db, NOW);
    expect(health.healthy).toBe(true);
    expect(health.lastSuccessfulRun).toEqual({
      startedAt: new Date((s(NOW) - 7200) * 1000).toISOString(),
      finishedAt: new Date((s(NOW) - 7000) * 1000).toISOString(),
      status: 'partial'
    });
    expect(health.lastRun?.status).toBe('interrupted');
    expect(JSON.stringify(health)).not.toMatch(/ghp_|@|4243/);
  });

  it('is unhealthy when the last run failed or the scheduler stopped beating without stopping', () => {
    data = tempData();
    data.db
      .insert(collectionRuns)
      .values({ startedAt: s(NOW) - 100, finishedAt: s(NOW) - 90, status: 'ok', trigger: 'cli' })
      .run();
    data.db
      .insert(meta)
      .values({ key: 'schedule.heartbeat', value: 'running', updatedAt: s(NOW) - 60 })
      .run();
    expect(getHealth(data.db, NOW)).toMatchObject({ healthy: true, scheduler: { state: 'running' } });
    expect(getHealth(data.db, NOW + 10 * 60_000)).toMatchObject({ healthy: false, scheduler: { state: 'stale' } });
    data.db.update(meta).set({ value: '' }).run();
    expect(getHealth(data.db, NOW + 10 * 60_000)).toMatchObject({ healthy: true, scheduler: { state: 'stopped', heartbeatAt: null } });
    data.db
      .insert(collectionRuns)
      .values({ startedAt: s(NOW), finishedAt: s(NOW), status: 'failed', trigger: 'cli' })
      .run();
    const failed = getHealth(data.db, NOW);
    expect(failed.healthy).toBe(false);
    expect(failed.problems).toEqual(['Die letzte Sammlung ist fehlgeschlagen.']);
    expect(failed.lastSuccessfulRun?.status).toBe('ok');
  });
});
