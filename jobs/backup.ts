/**
 * `allmende backup FILE`: a consistent copy of the database through SQLite's online backup API,
 * also while a collection writes (the source is read in one step, inside one read transaction,
 * which WAL mode lets writers continue beside). The copy is written next to the target, checked
 * with `PRAGMA integrity_check`, made a single file (journal mode DELETE, no -wal beside it),
 * readable by its owner only, and then renamed into place: a target never holds a half-written
 * backup. The source is opened read-only, so no migration runs before the copy (back up, then
 * upgrade).
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { closeDatabase, openDatabase } from '../db/index';

export class BackupError extends Error {}

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

export async function backupDatabase(source: string, target: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  const file = resolve(target);
  if (!existsSync(source)) throw new BackupError(`Keine Datenbank unter ${source} – nichts zu sichern.`);
  if (resolve(source) === file) throw new BackupError('Die Sicherung kann nicht die Datenbank selbst überschreiben.');
  if (!existsSync(dirname(file))) throw new BackupError(`Das Verzeichnis ${dirname(file)} gibt es nicht.`);
  if (existsSync(file) && !options.force) {
    throw new BackupError(`${file} gibt es schon; mit --force überschreiben oder einen anderen Namen wählen.`);
  }
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  rmSync(temporary, { force: true });
  const db = openDatabase(source, { readonly: true });
  try {
    // All remaining pages in one step: one read transaction, so the copy is one consistent state.
    const progress = await db.$client.backup(temporary, { progress: () => 0x7fffffff });
    const copy = new Database(temporary);
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new BackupError(`Die Sicherung ist beschädigt (integrity_check: ${String(check)}).`);
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
    return { file, bytes: statSync(file).size, pages: progress.totalPages };
  } catch (error) {
    rmSync(temporary, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`Die Sicherung nach ${file} ist fehlgeschlagen: ${(error as Error).message}`);
  } finally {
    closeDatabase(db);
  }
}
