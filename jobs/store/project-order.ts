/**
 * What lists of all projects (the Übersicht) sort and filter by in SQL, written with the catalog,
 * the source of the names and repositories:
 * - `projects.name_order`: each project's place among all projects by name in German order
 *   (src/lib/german-order.ts) — SQLite's collations are not German; only places that moved are updated;
 * - `projects.forges`: the forges of its repositories, sorted, comma-separated.
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

export function storeProjectForges(client: Database.Database): void {
  client.exec(`UPDATE projects SET forges = (
    SELECT group_concat(forge, ',') FROM (
      SELECT DISTINCT r.forge_id AS forge FROM project_repositories pr JOIN repositories r ON r.id = pr.repository_id
      WHERE pr.project_id = projects.id ORDER BY forge))`);
}
