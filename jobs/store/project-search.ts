/**
 * `project_search` (migration 0015): the search's trigram index over each project's name, id,
 * owner's name and its repositories' paths and descriptions (src/queries/searchCatalog.ts). Rebuilt
 * as a whole — 10,000 projects take a fraction of a second — by the catalog store (names, owners,
 * repositories) and by derive, which runs after every collection (descriptions, renamed paths).
 */
import type Database from 'better-sqlite3';

export function storeProjectSearch(client: Database.Database): void {
  client.exec(`
    DELETE FROM project_search;
    INSERT INTO project_search (project_id, name, id, owner, repositories)
    SELECT p.id, p.name, p.id, coalesce(o.name, ''),
      coalesce((SELECT group_concat(r.path || ' ' || coalesce(r.description, ''), char(10))
        FROM project_repositories pr JOIN repositories r ON r.id = pr.repository_id WHERE pr.project_id = p.id), '')
    FROM projects p LEFT JOIN organisations o ON o.id = p.owner_id;`);
}
