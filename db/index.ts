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
}

export class DatabaseError extends Error {}

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
    throw new DatabaseError(`Die Datenbank ${file} lässt sich nicht öffnen: ${(error as Error).message}`);
  }
  sqlite.pragma('busy_timeout = 10000');
  // 64 MiB of page cache: commits are keyed by hash, so inserts land on random pages of a large tree.
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
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
