import type { Db } from '../../db/index';
import { getProjectListPage, type ProjectListEntry, type ProjectListKey } from '../../src/queries/getProjectListPage';

/** Every entry of /api/projects' list, page after page as a client reads it. */
export function listAllProjects(db: Db, origin = 'http://127.0.0.1', limit = 1000): ProjectListEntry[] {
  const all: ProjectListEntry[] = [];
  let after: ProjectListKey | null = null;
  do {
    const page = getProjectListPage(db, origin, after, limit);
    all.push(...page.entries.map((e) => JSON.parse(e.json) as ProjectListEntry));
    after = page.next;
  } while (after);
  return all;
}
