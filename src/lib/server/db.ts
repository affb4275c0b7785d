/**
 * The dashboard's one shared, read-only database connection (DESIGN §2: the dashboard never
 * writes). Opened lazily on first use from resolveDataPaths() (ALLMENDE_DB / ALLMENDE_DATA).
 *
 * When the database file does not exist yet (nothing collected) `getDb()` answers null and pages
 * show the empty state „Noch keine Daten – `allmende collect` ausführen“ instead of failing. The
 * missing file is looked for again on later requests, so the first `allmende collect` shows up
 * without a restart.
 */
import { existsSync } from 'node:fs';
import { openDatabase, closeDatabase, type Db } from '../../../db/index';
import { resolveDataPaths } from '../paths';

let connection: Db | null = null;

export function databaseFile(): string {
  return resolveDataPaths().dbFile;
}

/** The shared connection, or null when there is no database yet (or it has no tables yet). */
export function getDb(): Db | null {
  if (connection && connection.$client.open) return connection;
  const file = databaseFile();
  if (!existsSync(file)) return null;
  const db = openDatabase(file, { readonly: true, memoryMapped: true, cachedStatements: true });
  const hasSchema = db.$client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'project_snapshots'").get();
  if (!hasSchema) {
    closeDatabase(db);
    return null;
  }
  connection = db;
  return connection;
}

/** Closes the shared connection (tests, shutdown). */
export function closeDb(): void {
  if (connection) closeDatabase(connection);
  connection = null;
}
