/**
 * Statements the collectors run per request or per row, built by drizzle once per connection and
 * then only run: building and preparing an upsert each time cost more than writing its rows (a first
 * collection of the demo world: 7.7 s of 64 in drizzle's query building and SQLite's prepare).
 * Values go in as placeholders named by column, which drizzle encodes as the column does (JSON,
 * booleans).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DbWriter } from './http/cursors';

export interface Prepared<P> {
  run(params: P): unknown;
}

/** The statement `build` makes, once for each connection it is asked on. */
export function preparedOnce<P>(build: (tx: DbWriter) => Prepared<P>): (tx: DbWriter) => Prepared<P> {
  const byClient = new WeakMap<object, Prepared<P>>();
  return (tx) => {
    // drizzle's transactions are new objects each time, over the one connection's session client.
    const client = (tx as unknown as { session: { client: object } }).session.client;
    let statement = byClient.get(client);
    if (!statement) byClient.set(client, (statement = build(tx)));
    return statement;
  };
}

/** `{ column: sql.placeholder('column') }` for insert values. */
export function placeholders<K extends string>(keys: readonly K[]): Record<K, ReturnType<typeof sql.placeholder>> {
  return Object.fromEntries(keys.map((k) => [k, sql.placeholder(k)])) as unknown as Record<K, ReturnType<typeof sql.placeholder>>;
}

/** The value an upsert's conflicting row would have had (`excluded."column"`). */
export function excluded(column: SQLiteColumn): SQL {
  return sql.raw(`excluded."${column.name}"`);
}

/** An upsert's `set`: each column to its `excluded` value. */
export function excludedSet<T extends Record<string, SQLiteColumn>>(columns: T): { [K in keyof T]: SQL } {
  return Object.fromEntries(Object.entries(columns).map(([k, c]) => [k, excluded(c)])) as { [K in keyof T]: SQL };
}
