/**
 * Memoisation of expensive dashboard reads until the database changes. SQLite's
 * `PRAGMA data_version` changes on a connection whenever another connection (the derive step)
 * commits, so a cached result stays valid exactly as long as the number stays the same.
 */
import type { Db } from '../../db/index';

const caches = new WeakMap<object, Map<string, { version: number; value: unknown }>>();

export function dataVersion(db: Db): number {
  return db.$client.pragma('data_version', { simple: true }) as number;
}

export function memoByDataVersion<T>(db: Db, key: string, compute: () => T): T {
  const version = dataVersion(db);
  let cache = caches.get(db.$client);
  if (!cache) {
    cache = new Map();
    caches.set(db.$client, cache);
  }
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.value as T;
  const value = compute();
  cache.set(key, { version, value });
  return value;
}
