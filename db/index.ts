/**
 * Opening the database: one SQLite file in WAL mode, foreign keys on, a busy timeout so that a
 * reader and the collector can share it, and the drizzle-kit migrations applied on open.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenOptions {
  /** Open without applying migrations and refuse writes (the dashboard). */
  readonly?: boolean;
  /**
   * Read the file through memory-mapped I/O (up to 2 GB, SQLite's limit; `ALLMENDE_SQLITE_MMAP=0` turns it
   * off): a connection whose own page cache has not seen a page yet reads it from the operating system's
   * cache without a read() call and a copy. At 10,000 projects an organisation page's commits of the
   * edge days took 74 ms through read() on a fresh connection and 6 ms mapped (BENCHMARKS.md).
   * sqlite.org/mmap.html names the costs: an I/O error on the mapped file ends the process with a
   * signal instead of an error, and the mapped pages count as the process's resident memory (shared with
   * the operating system's cache, not its own).
   */
  memoryMapped?: boolean;
  /**
   * Keep the prepared statements of the last STATEMENT_CACHE_SIZE distinct SQL texts and hand them out
   * again (the dashboard): drizzle prepares every `db.all` anew, which took 3–4 ms of an organisation
   * page's 50 at 10,000 projects (BENCHMARKS.md). Read-only connections only: there no statement is
   * bound for good or run in a transaction that could still be open.
   */
  cachedStatements?: boolean;
}

/** SQLITE_MAX_MMAP_SIZE of the bundled SQLite (0x7fff0000); a larger value is capped to it. */
const MMAP_BYTES = 0x7fff0000;

/** Distinct SQL texts whose statements a connection with `cachedStatements` keeps. */
export const STATEMENT_CACHE_SIZE = 500;

/**
 * Makes `sqlite.prepare` answer a text it prepared before with the same statement, least recently
 * used first out. A statement handed out again returns rows as objects, as a fresh one does (a caller
 * may have switched it to arrays or single values with raw(), pluck() or expand()); one still being
 * iterated is busy and is not handed out — that caller gets a statement of its own. Callers use a
 * statement right away, as drizzle's one-time queries do; one kept for later would share its mode with
 * the next caller of the same text (the dashboard keeps none).
 */
function cacheStatements(sqlite: Database.Database, size: number): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const cached = cache.get(source);
    if (cached && !cached.busy) {
      cache.delete(source);
      cache.set(source, cached);
      return cached.reader ? cached.raw(false).pluck(false).expand(false) : cached;
    }
    const statement = prepare(source);
    if (!cached) {
      cache.set(source, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

export class DatabaseError extends Error {}

/**
 * SQLite's failures in one German sentence (better-sqlite3's SqliteError carries the result code),
 * or null for anything else. A failed statement rolls its transaction back, so each sentence can say
 * that nothing was half written.
 */
export function sqliteProblem(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_FULL'))
    return 'Kein Speicherplatz mehr für die Datenbank: nichts wurde halb geschrieben; Platz schaffen und den Lauf wiederholen.';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return 'Die Datenbank ist gesperrt: ein anderer Prozess schreibt gerade und hat sie nicht binnen 10 Sekunden freigegeben; später wiederholen.';
  if (code.startsWith('SQLITE_READONLY'))
    return 'Die Datenbank ist schreibgeschützt: die Rechte der Datei und ihres Verzeichnisses prüfen.';
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
    return 'Die Datenbankdatei ist beschädigt oder keine SQLite-Datenbank: aus einer Sicherung (allmende backup) wiederherstellen.';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN'))
    return 'Die Datenbankdatei lässt sich nicht lesen oder schreiben (Ein-/Ausgabefehler): Datenträger und Rechte prüfen.';
  return null;
}

/** Where drizzle-kit's migrations live, from the source tree or from the built dashboard. */
function migrationsFolder(): string {
  const candidates = [
    process.env.ALLMENDE_MIGRATIONS,
    fileURLToPath(new URL('./migrations', import.meta.url)),
    resolve(process.cwd(), 'db/migrations')
  ];
  const found = candidates.find((dir) => dir && existsSync(resolve(dir, 'meta/_journal.json')));
  if (!found) throw new DatabaseError('Die Datenbank-Migrationen (db/migrations) wurden nicht gefunden.');
  return found;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw new DatabaseError(`Die Datenbank ${file} lässt sich nicht öffnen: ${sqliteProblem(error) ?? (error as Error).message}`);
  }
  sqlite.pragma('busy_timeout = 10000');
  // 64 MiB of page cache: commits are keyed by hash, so inserts land on random pages of a large tree.
  sqlite.pragma('cache_size = -65536');
  // Temporary B-trees and statement journals in memory (the git ingest's multi-row INSERTs: 5–15 %
  // faster). Inside a SAVEPOINT — a drizzle transaction within another one — each statement then
  // costs more than the one before (20,000 single-row UPDATEs: 83 ms in a transaction, 4.9 s in a
  // savepoint within it, 0.2 s there with temp_store = DEFAULT), so rows written there go many per
  // statement (jobs/derive/persons.ts).
  sqlite.pragma('temp_store = MEMORY');
  if (options.memoryMapped && process.env.ALLMENDE_SQLITE_MMAP !== '0') sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
  if (options.cachedStatements && options.readonly) cacheStatements(sqlite, STATEMENT_CACHE_SIZE);
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
  }
  sqlite.pragma('foreign_keys = ON');
  const db = drizzle(sqlite, { schema }) as Db;
  if (!options.readonly) migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}

export function closeDatabase(db: Db): void {
  if (db.$client.open) db.$client.close();
}

export { schema };
