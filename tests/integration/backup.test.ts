/**
 * `allmende backup FILE` (issue 16): SQLite's online backup, consistent while another process
 * writes; refuses to overwrite without --force.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/index';
import { tempDir } from '../helpers/db';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/allmende.js');
let dir: string;
afterEach(() => spawnSync('rm', ['-rf', dir]));

function allmende(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, CI: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/**
 * A writer in another process: each transaction adds one row to both tables (with 8 kB of
 * payload each), so a consistent copy always has as many rows in one as in the other.
 */
const WRITER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 10000');
const a = db.prepare('insert into pair_a (payload) values (?)');
const b = db.prepare('insert into pair_b (payload) values (?)');
const both = db.transaction((p) => { a.run(p); b.run(p); });
const payload = Buffer.alloc(8192, 7);
process.stdout.write('ready\\n');
(function loop() {
  for (let i = 0; i < 20; i++) both(payload);
  setImmediate(loop);
})();
`;

describe('allmende backup', () => {
  it('copies a consistent, intact database while another process writes', async () => {
    dir = tempDir('allmende-backup-');
    const dbFile = join(dir, 'data', 'allmende.db');
    const db = openDatabase(dbFile);
    db.$client.exec(
      'create table pair_a (id integer primary key, payload blob); create table pair_b (id integer primary key, payload blob);'
    );
    // About 40 MB before the writer starts, so the copy overlaps with its writes.
    const fill = db.$client.transaction(() => {
      const payload = Buffer.alloc(8192, 1);
      for (let i = 0; i < 2500; i++) {
        db.$client.prepare('insert into pair_a (payload) values (?)').run(payload);
        db.$client.prepare('insert into pair_b (payload) values (?)').run(payload);
      }
    });
    fill();
    closeDatabase(db);

    // Runs until killed after the backups.
    const writer = spawn(process.execPath, ['-e', WRITER, dbFile], { cwd: ROOT });
    let written = '';
    writer.stdout.on('data', (d) => (written += d));
    const writerDone = new Promise((r) => writer.on('close', r));
    for (let i = 0; i < 100 && !written.includes('ready'); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));

    const copies = [join(dir, 'backup-1.db'), join(dir, 'backup-2.db')];
    try {
      for (const copy of copies) {
        const result = await allmende(['backup', copy, '--db', dbFile]);
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toMatch(/^Gesichert: .*Prüfung ok/);
      }
      expect(writer.exitCode, 'the writer ran throughout').toBeNull();
    } finally {
      writer.kill();
      await writerDone;
    }
    const counts: number[] = [];

    for (const copy of copies) {
      expect(existsSync(`${copy}-wal`)).toBe(false);
      expect(statSync(copy).mode & 0o777).toBe(0o600);
      const backup = new Database(copy, { readonly: true });
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(backup.pragma('journal_mode', { simple: true })).toBe('delete');
      const a = (backup.prepare('select count(*) n from pair_a').get() as { n: number }).n;
      const b = (backup.prepare('select count(*) n from pair_b').get() as { n: number }).n;
      expect(a).toBe(b);
      expect(a).toBeGreaterThanOrEqual(2500);
      counts.push(a);
      // The migrations' tables are there: a full database, not an empty file.
      expect(backup.prepare("select count(*) n from sqlite_master where name = 'collection_runs'").get()).toEqual({ n: 1 });
      backup.close();
    }
    // The writer wrote before and between the copies.
    expect(counts[0]).toBeGreaterThan(2500);
    expect(counts[1]).toBeGreaterThan(counts[0]);
  });

  it('refuses to overwrite an existing file without --force, in German', async () => {
    dir = tempDir('allmende-backup-');
    const dbFile = join(dir, 'allmende.db');
    closeDatabase(openDatabase(dbFile));
    const target = join(dir, 'vorhanden.db');
    writeFileSync(target, 'nicht überschreiben');
    const refused = await allmende(['backup', target], { ALLMENDE_DB: dbFile });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/gibt es schon; mit --force überschreiben/);
    expect(readFileSync(target, 'utf8')).toBe('nicht überschreiben');
    const forced = await allmende(['backup', target, '--force'], { ALLMENDE_DB: dbFile });
    expect(forced.code, forced.stderr).toBe(0);
    const backup = new Database(target, { readonly: true });
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    backup.close();

    const missing = await allmende(['backup', join(dir, 'x.db')], { ALLMENDE_DB: join(dir, 'gibt-es-nicht.db') });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Keine Datenbank unter .* nichts zu sichern/);
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });
});
