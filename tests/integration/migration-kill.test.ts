/**
 * SIGKILL during a migration (DESIGN §11): drizzle applies the pending migrations in one SQLite
 * transaction, so a process killed in the middle of one leaves the database as it was — old data
 * intact, no half-made table, the migration still pending — and the next start applies it.
 */
import { spawn } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/index';
import { projects } from '../../db/schema';
import { tempDir } from '../helpers/db';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = tempDir('allmende-migration-kill-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a migration killed half-way', () => {
  it('leaves the database as before, and the next start migrates it', async () => {
    const file = join(dir, 'allmende.db');
    const db = openDatabase(file);
    db.insert(projects).values({ id: 'terminbuchung', name: 'Terminbuchung' }).run();
    const applied = (db.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    closeDatabase(db);

    // The real migrations plus a slow one (20 million rows), as a later release might ship.
    const migrations = join(dir, 'migrations');
    cpSync(resolve(ROOT, 'db/migrations'), migrations, { recursive: true });
    writeFileSync(
      join(migrations, '9999_slow.sql'),
      'CREATE TABLE `slow` (`x` integer);\n--> statement-breakpoint\nINSERT INTO `slow` WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 20000000) SELECT x FROM c;\n'
    );
    const journalFile = join(migrations, 'meta/_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
    const last = journal.entries[journal.entries.length - 1];
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag: '9999_slow' });
    writeFileSync(journalFile, JSON.stringify(journal));

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '-e', `import('./db/index.ts').then((m) => m.openDatabase(${JSON.stringify(file)}))`],
      {
        cwd: ROOT,
        env: { ...process.env, ALLMENDE_MIGRATIONS: migrations },
        stdio: 'ignore'
      }
    );
    // Kill once the slow migration is under way: its rows are being written into the WAL.
    await new Promise<void>((done) => {
      const poll = setInterval(() => {
        let size = 0;
        try {
          size = readFileSync(`${file}-wal`).length;
        } catch {
          // not there yet
        }
        if (size > 4 * 1024 * 1024) {
          clearInterval(poll);
          child.kill('SIGKILL');
          done();
        }
      }, 20);
    });
    await new Promise((done) => child.on('exit', done));
    expect(child.signalCode).toBe('SIGKILL');

    const raw = new Database(file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'slow'").get()).toEqual({ n: 0 });
    expect((raw.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(applied);
    expect(raw.prepare('SELECT id FROM projects').all()).toEqual([{ id: 'terminbuchung' }]);
    raw.close();

    // The next start applies the real migrations (none pending) and keeps the data.
    const again = openDatabase(file);
    expect(
      again
        .select()
        .from(projects)
        .all()
        .map((p) => p.id)
    ).toEqual(['terminbuchung']);
    closeDatabase(again);
  }, 120_000);
});
