/**
 * `allmende schedule` stopped during a run (every systemd restart at night, issue 16): the running
 * collection is aborted and awaited, recorded as interrupted, the lock released, the database
 * closed afterwards; exit code 0 and nothing on stderr but the German progress lines.
 */
import { spawn } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/db';
import { writeRepo } from '../helpers/git-fixture';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/allmende.js');
const REPOSITORIES = 60;
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('allmende schedule on SIGTERM', () => {
  it('aborts the running collection, records it as interrupted, releases the lock and exits 0', async () => {
    dir = tempDir('allmende-schedule-stop-');
    const repos: string[] = [];
    for (let i = 0; i < REPOSITORIES; i++) {
      const repo = join(dir, `repo-${i}.git`);
      writeRepo(repo, {
        commits: Array.from({ length: 30 }, (_, c) => ({
          author: ['Erika Mustermann', 'erika@ulm.de'] as [string, string],
          at: 1_700_000_000 + c * 3600
        }))
      });
      repos.push(`"git:${repo}"`);
    }
    const config = join(dir, 'catalog.yml');
    writeFileSync(
      config,
      `projects:\n  - {id: p, name: P, repositories: [${repos.join(', ')}]}\nschedule: {cron: "* * * * * *", timezone: UTC}\n`
    );
    const dataDir = join(dir, 'data');
    const child = spawn(process.execPath, [BIN, 'schedule', '--config', config], {
      cwd: ROOT,
      env: { ...process.env, ALLMENDE_DATA: dataDir, CI: '1' }
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => (stdout += d));
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) =>
      child.on('exit', (code, signal) => r({ code, signal }))
    );

    // Wait until a run is under way: some repositories done, not all.
    const dbFile = join(dataDir, 'allmende.db');
    let runId: number | null = null;
    const deadline = Date.now() + 60_000;
    while (runId === null && Date.now() < deadline && child.exitCode === null) {
      await sleep(50);
      try {
        const db = new Database(dbFile, { readonly: true, fileMustExist: true });
        const run = db
          .prepare(
            "select id, repositories_done done, repositories_total total from collection_runs where status = 'running' order by id desc limit 1"
          )
          .get() as { id: number; done: number; total: number } | undefined;
        db.close();
        if (run && run.done >= 1 && run.done < run.total) runId = run.id;
      } catch {
        // The database does not exist yet or is being created.
      }
    }
    expect(runId, stderr).not.toBeNull();
    child.kill('SIGTERM');
    const { code, signal } = await exited;

    expect(signal).toBeNull();
    expect(code, stderr).toBe(0);
    expect(stderr).not.toMatch(/not open|Error|\n\s+at /);
    expect(stderr).toMatch(/Zeitplan wird beendet \(SIGTERM\)/);
    expect(stderr).toMatch(/Sammlung abgebrochen/);
    expect(stderr).toMatch(/Zeitplan beendet\.\n$/);
    expect(stdout).toBe('');

    const db = new Database(dbFile, { readonly: true });
    const run = db
      .prepare('select status, finished_at, repositories_done done, repositories_total total from collection_runs where id = ?')
      .get(runId) as {
      status: string;
      finished_at: number | null;
      done: number;
      total: number;
    };
    expect(run.status).toBe('interrupted');
    expect(run.finished_at).not.toBeNull();
    expect(run.done).toBeLessThan(run.total);
    expect(db.prepare("select count(*) n from collection_runs where status = 'running'").get()).toEqual({ n: 0 });
    expect(db.prepare('select count(*) n from locks').get()).toEqual({ n: 0 });
    const meta = Object.fromEntries(
      (
        db.prepare("select key, value from meta where key in ('schedule.next', 'schedule.heartbeat')").all() as {
          key: string;
          value: string;
        }[]
      ).map((r) => [r.key, r.value])
    );
    // Stopped cleanly: no next run, and /healthz reads the scheduler as stopped, not stale.
    expect(meta).toEqual({ 'schedule.next': '', 'schedule.heartbeat': '' });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
