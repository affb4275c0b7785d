/** The dashboard's connection reads memory-mapped (db/index.ts: OpenOptions.memoryMapped), and can be told not to. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../db/index';
import { closeDb, getDb } from '../../src/lib/server/db';

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'allmende-mmap-'));
  file = join(dir, 'a.db');
  closeDatabase(openDatabase(file));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

afterEach(() => {
  delete process.env.ALLMENDE_SQLITE_MMAP;
});

const mmapSize = (options: Parameters<typeof openDatabase>[1]) => {
  const db = openDatabase(file, options);
  try {
    return db.$client.pragma('mmap_size', { simple: true });
  } finally {
    closeDatabase(db);
  }
};

describe('memory-mapped reading', () => {
  it('maps up to SQLite’s limit of 2 GB when asked, not otherwise', () => {
    expect(mmapSize({ readonly: true, memoryMapped: true })).toBe(0x7fff0000);
    expect(mmapSize({ readonly: true })).toBe(0);
    expect(mmapSize({})).toBe(0);
  });

  it('is how the dashboard opens its connection', () => {
    const before = process.env.ALLMENDE_DB;
    process.env.ALLMENDE_DB = file;
    try {
      const db = getDb()!;
      expect(db.$client.readonly).toBe(true);
      expect(db.$client.pragma('mmap_size', { simple: true })).toBe(0x7fff0000);
    } finally {
      closeDb();
      if (before === undefined) delete process.env.ALLMENDE_DB;
      else process.env.ALLMENDE_DB = before;
    }
  });

  it('is turned off with ALLMENDE_SQLITE_MMAP=0', () => {
    process.env.ALLMENDE_SQLITE_MMAP = '0';
    expect(mmapSize({ readonly: true, memoryMapped: true })).toBe(0);
  });

  it('reads the same rows mapped as through read()', () => {
    const rows = (options: Parameters<typeof openDatabase>[1]) => {
      const db = openDatabase(file, options);
      try {
        return db.$client.prepare('SELECT name, sql FROM sqlite_master ORDER BY name').all();
      } finally {
        closeDatabase(db);
      }
    };
    expect(rows({ readonly: true, memoryMapped: true })).toEqual(rows({ readonly: true }));
  });
});
