/** The dashboard's connection keeps its prepared statements (db/index.ts: OpenOptions.cachedStatements). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, STATEMENT_CACHE_SIZE, type Db } from '../../db/index';
import { organisations } from '../../db/schema';
import { closeDb, getDb } from '../../src/lib/server/db';

let dir: string;
let file: string;
const open: Db[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'allmende-statements-'));
  file = join(dir, 'a.db');
  const db = openDatabase(file);
  db.insert(organisations)
    .values([
      { id: 'a', name: 'Stadt A', kind: 'municipality' },
      { id: 'b', name: 'Stadt B', kind: 'municipality' }
    ])
    .run();
  closeDatabase(db);
});

afterEach(() => {
  for (const db of open.splice(0)) closeDatabase(db);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function reader(cachedStatements = true): Db {
  const db = openDatabase(file, { readonly: true, cachedStatements });
  open.push(db);
  return db;
}

const ids = 'SELECT id FROM organisations ORDER BY id';

describe('cached statements', () => {
  it('hands out the statement of a text prepared before, and only on a connection that asks for it', () => {
    const db = reader();
    expect(db.$client.prepare(ids)).toBe(db.$client.prepare(ids));
    expect(db.$client.prepare(ids)).not.toBe(db.$client.prepare(`${ids} `));
    const plain = reader(false);
    expect(plain.$client.prepare(ids)).not.toBe(plain.$client.prepare(ids));
  });

  it('is never set up on a connection that writes', () => {
    const db = openDatabase(file, { cachedStatements: true });
    open.push(db);
    expect(db.$client.prepare(ids)).not.toBe(db.$client.prepare(ids));
  });

  it('returns rows as objects again after a caller switched the statement to arrays or single values', () => {
    const db = reader();
    expect(db.$client.prepare(ids).pluck().all()).toEqual(['a', 'b']);
    expect(db.$client.prepare(ids).all()).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(db.$client.prepare(ids).raw().all()).toEqual([['a'], ['b']]);
    // drizzle's db.all prepares through the same method.
    expect(db.all(sql.raw(ids))).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  it('gives a statement still being iterated to no one else', () => {
    const db = reader();
    const seen: unknown[] = [];
    for (const row of db.$client.prepare(ids).iterate()) seen.push(row, db.$client.prepare(ids).all().length);
    expect(seen).toEqual([{ id: 'a' }, 2, { id: 'b' }, 2]);
  });

  it('keeps the statements of the last texts only', () => {
    const db = reader();
    const first = db.$client.prepare(ids);
    for (let k = 0; k < STATEMENT_CACHE_SIZE; k++) db.$client.prepare(`SELECT ${k}`);
    expect(db.$client.prepare(ids)).not.toBe(first);
    // Used recently, a statement stays.
    const kept = db.$client.prepare(ids);
    for (let k = 0; k < STATEMENT_CACHE_SIZE - 1; k++) {
      db.$client.prepare(`SELECT ${k}`);
      if (k % 100 === 0) db.$client.prepare(ids);
    }
    expect(db.$client.prepare(ids)).toBe(kept);
  });

  it('is how the dashboard opens its connection', () => {
    const before = process.env.ALLMENDE_DB;
    process.env.ALLMENDE_DB = file;
    try {
      const db = getDb()!;
      expect(db.$client.prepare(ids)).toBe(db.$client.prepare(ids));
    } finally {
      closeDb();
      if (before === undefined) delete process.env.ALLMENDE_DB;
      else process.env.ALLMENDE_DB = before;
    }
  });
});
