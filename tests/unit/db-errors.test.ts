/**
 * SQLite's failures reach the user as one German sentence (DESIGN §11): real errors of a real SQLite
 * file — disk full (a page limit), a database locked by another writer, a file that is no database —
 * mapped by sqliteProblem, also where a step wrapped them (allmende's CLI messages).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteProblem } from '../../db/index';
import { germanMessage } from '../../jobs/cli';
import { tempDir } from '../helpers/db';

const dir = tempDir('allmende-db-errors-');
afterAll(() => spawnSync('rm', ['-rf', dir]));

function caught(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('no error');
}

describe('SQLite errors in German', () => {
  it('disk full', () => {
    const db = new Database(join(dir, 'full.db'));
    db.exec('CREATE TABLE t (x BLOB)');
    db.pragma('max_page_count = 8');
    const error = caught(() => {
      for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(4096));
    });
    db.close();
    expect((error as { code?: string }).code).toBe('SQLITE_FULL');
    expect(sqliteProblem(error)).toBe(
      'Kein Speicherplatz mehr für die Datenbank: nichts wurde halb geschrieben; Platz schaffen und den Lauf wiederholen.'
    );
    // Wrapped by a step, the step's words stay and SQLite's English goes.
    const wrapped = new Error(`Ableiten fehlgeschlagen, keine Schnappschüsse geschrieben: ${error.message}`, { cause: error });
    expect(germanMessage(wrapped)).toBe(`Ableiten fehlgeschlagen, keine Schnappschüsse geschrieben: ${sqliteProblem(error)}`);
  });

  it('locked by another writer', () => {
    const file = join(dir, 'locked.db');
    const a = new Database(file);
    a.pragma('journal_mode = WAL');
    a.exec('CREATE TABLE t (x)');
    const b = new Database(file);
    b.pragma('busy_timeout = 0');
    a.exec('BEGIN IMMEDIATE');
    const error = caught(() => b.exec('INSERT INTO t VALUES (1)'));
    a.exec('ROLLBACK');
    a.close();
    b.close();
    expect((error as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
    expect(sqliteProblem(error)).toMatch(/^Die Datenbank ist gesperrt: ein anderer Prozess schreibt gerade/);
  });

  it('a file that is no database, as the CLI says it', () => {
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'allmende.db'), 'Dies ist keine Datenbank, sondern ein Text, der lang genug ist. '.repeat(100));
    const result = spawnSync(process.execPath, [resolve(import.meta.dirname, '../../bin/allmende.js'), 'derive'], {
      encoding: 'utf8',
      env: { ...process.env, ALLMENDE_DATA: data }
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toMatch(
      /Die Datenbankdatei ist beschädigt oder keine SQLite-Datenbank: aus einer Sicherung \(allmende backup\) wiederherstellen\.$/
    );
    expect(result.stderr).not.toMatch(/file is not a database/);
  });

  it('leaves other errors alone', () => {
    expect(sqliteProblem(new Error('x'))).toBeNull();
    expect(sqliteProblem(null)).toBeNull();
    expect(germanMessage(new Error('Anderes Problem'))).toBe('Anderes Problem');
  });
});
