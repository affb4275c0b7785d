/**
 * `projects.name_order`: each project's place among all projects by name in German order
 * (src/lib/german-order.ts). SQLite's collations are not German, so lists of all projects (the
 * Übersicht) sort and page by this number in SQL instead of reading every project into JavaScript.
 * Written with the catalog, the source of the names; only places that moved are updated.
 */
import type Database from 'better-sqlite3';
import { compareByNameThenId } from '../../src/lib/german-order';

export function storeProjectNameOrder(client: Database.Database): number {
  const rows = client.prepare('SELECT id, name, name_order AS nameOrder FROM projects').all() as {
    id: string;
    name: string;
    nameOrder: number | null;
  }[];
  rows.sort(compareByNameThenId);
  const update = client.prepare('UPDATE projects SET name_order = ? WHERE id = ?');
  let moved = 0;
  rows.forEach((row, i) => {
    if (row.nameOrder === i + 1) return;
    update.run(i + 1, row.id);
    moved++;
  });
  return moved;
}
