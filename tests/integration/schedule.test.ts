/**
 * The scheduler (DESIGN §2 "Jobs"): collection and derive on a cron, never overlapping, and a
 * database lock that keeps a second process out but does not outlive a crashed one.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { locks } from '../../db/schema';
import { HEARTBEAT_SECONDS, startSchedule } from '../../jobs/schedule';
import { acquireLock, LockBusyError } from '../../jobs/store/lock';
import { tempData, type TempData } from '../helpers/db';
import { writeRepo } from '../helpers/git-fixture';

let data: TempData;
afterEach(() => data?.cleanup());

describe('database lock', () => {
  it('keeps a second holder out while the first is alive, and is free after release', () => {
    data = tempData();
    const first = acquireLock(data.db, 'collect');
    // Another live process on this host (pid 1 always exists) holds it:
    data.db
      .update(locks)
      .set({ owner: `1@${hostname()}` })
      .run();
    expect(() => acquireLock(data.db, 'collect')).toThrow(LockBusyError);
    data.db
      .update(locks)
      .set({ owner: `${process.pid}@${hostname()}` })
      .run();
    first.release();
    acquireLock(data.db, 'collect').release();
  });

  it('is taken over when its owner process is gone or its heartbeat is stale', () => {
    data = tempData();
    const now = Math.floor(Date.now() / 1000);
    data.db
      .insert(locks)
      .values({ name: 'collect', owner: `999999999@${hostname()}`, acquiredAt: now, heartbeatAt: now, ttlSeconds: 120 })
      .run();
    acquireLock(data.db, 'collect').release();
    data.db
      .insert(locks)
      .values({ name: 'collect', owner: '1@another-host', acquiredAt: now - 600, heartbeatAt: now - 600, ttlSeconds: 120 })
      .run();
    acquireLock(data.db, 'collect').release();
  });
});

describe('allmende schedule', () => {
  it('runs collection and derive on the cron and records the next run', async () => {
    data = tempData();
    const repo = join(data.dir, 'repo.git');
    writeRepo(repo, { commits: [{ author: ['Erika Mustermann', 'erika@ulm.de'], at: 1_700_000_000 }] });
    const config = join(data.dir, 'catalog.yml');
    writeFileSync(
      config,
      `projects:\n  - {id: p, name: P, repositories: ["git:${repo}"]}\nschedule: {cron: "* * * * * *", timezone: UTC}\n`
    );
    const messages: string[] = [];
    const scheduler = startSchedule({ db: data.db, configFile: config, paths: data.paths, log: (m) => messages.push(m) });
    try {
      const next = data.db.$client.prepare("select value from meta where key = 'schedule.next'").get() as { value: string };
      expect(Date.parse(next.value)).toBeGreaterThan(Date.now() - 1000);
      for (let i = 0; i < 100 && !messages.some((m) => m.startsWith('Sammlung beendet')); i++) await new Promise((r) => setTimeout(r, 100));
      expect(messages.find((m) => m.startsWith('Sammlung beendet'))).toContain('1 Repositories, 0 mit Fehlern');
    } finally {
      await scheduler.stop();
    }
    const runs = data.db.$client.prepare("select trigger, status from collection_runs where trigger = 'schedule'").all() as {
      status: string;
    }[];
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.status === 'ok')).toBe(true);
    const snapshots = data.db.$client.prepare('select count(*) n from project_snapshots').get() as { n: number };
    expect(snapshots.n).toBeGreaterThan(0);
  });

  it('writes its heartbeat, but not into a transaction left open across awaits (derive in workers)', async () => {
    data = tempData();
    const config = join(data.dir, 'catalog.yml');
    writeFileSync(config, `projects: []\nschedule: {cron: "0 0 1 1 *", timezone: UTC}\n`);
    vi.useFakeTimers({ toFake: ['setInterval', 'Date'] });
    const scheduler = startSchedule({ db: data.db, configFile: config, paths: data.paths, log: () => {} });
    const beatAt = () =>
      (data.db.$client.prepare("select updated_at AS at from meta where key = 'schedule.heartbeat'").get() as { at: number }).at;
    try {
      const first = beatAt();
      data.db.$client.exec('BEGIN IMMEDIATE');
      vi.advanceTimersByTime((HEARTBEAT_SECONDS + 1) * 1000);
      expect(beatAt()).toBe(first);
      data.db.$client.exec('COMMIT');
      vi.advanceTimersByTime((HEARTBEAT_SECONDS + 1) * 1000);
      expect(beatAt()).toBeGreaterThanOrEqual(first + 2 * HEARTBEAT_SECONDS);
    } finally {
      vi.useRealTimers();
      await scheduler.stop();
    }
  });

  it('rejects an invalid cron expression as bad input', () => {
    data = tempData();
    const config = join(data.dir, 'catalog.yml');
    writeFileSync(config, `projects: []\nschedule: {cron: "jeden Morgen"}\n`);
    expect(() => startSchedule({ db: data.db, configFile: config, paths: data.paths, log: () => {} })).toThrow(/Ungültiger Cron-Ausdruck/);
  });
});
