import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { likePattern } from './shared';

export interface SearchResults {
  projects: {
    id: string;
    name: string;
    ownerName: string | null;
    lifecycle: string | null;
    score: number | null;
    description: string | null;
  }[];
  organisations: { id: string; name: string; kind: string; region: string | null; projects: number }[];
}

/** An FTS5 phrase: the text in double quotes, its own quotes doubled. */
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The projects matching `q` by name, id, owner's name or a repository's path or description, those
 * matching by name first, then by name in German order. From three characters on through the
 * trigram index (project_search, jobs/store/project-search.ts: case and accents aside); shorter
 * text, which has no trigram, by LIKE (case aside for ASCII letters).
 */
function matchingProjects(q: string): { any: SQL; byName: SQL } {
  if ([...q].length >= 3)
    return {
      any: sql`p.id IN (SELECT project_id FROM project_search WHERE project_search MATCH ${phrase(q)})`,
      byName: sql`p.id IN (SELECT project_id FROM project_search WHERE project_search MATCH ${`name : ${phrase(q)}`})`
    };
  const pattern = likePattern(q.toLowerCase());
  return {
    any: sql`(lower(p.name) LIKE ${pattern} ESCAPE '\\' OR lower(p.id) LIKE ${pattern} ESCAPE '\\'
			OR lower(o.name) LIKE ${pattern} ESCAPE '\\'
			OR EXISTS (SELECT 1 FROM project_repositories pr JOIN repositories r ON r.id = pr.repository_id
				WHERE pr.project_id = p.id AND (lower(r.path) LIKE ${pattern} ESCAPE '\\' OR lower(coalesce(r.description, '')) LIKE ${pattern} ESCAPE '\\')))`,
    byName: sql`lower(p.name) LIKE ${pattern} ESCAPE '\\'`
  };
}

/**
 * Projects (by name, id or repository description/path) and organisations (by name or id)
 * matching `q`, case-insensitively. At most `limit` of each.
 */
export function searchCatalog(db: Db, q: string, limit = 50): SearchResults {
  const text = q.trim();
  const pattern = likePattern(text.toLowerCase());
  const match = matchingProjects(text);
  const projects = db.all<SearchResults['projects'][number]>(sql`
		SELECT p.id AS id, p.name AS name, o.name AS ownerName, l.lifecycle AS lifecycle, l.score AS score,
			(SELECT r.description FROM project_repositories pr JOIN repositories r ON r.id = pr.repository_id
				WHERE pr.project_id = p.id AND r.description IS NOT NULL ORDER BY r.key LIMIT 1) AS description
		FROM projects p
		LEFT JOIN organisations o ON o.id = p.owner_id
		LEFT JOIN project_listings l ON l.project_id = p.id
		WHERE ${match.any}
		ORDER BY ${match.byName} DESC, p.name_order, p.id
		LIMIT ${limit}`);
  const organisations = db.all<SearchResults['organisations'][number]>(sql`
		SELECT o.id AS id, o.name AS name, o.kind AS kind, o.region AS region,
			(SELECT COUNT(*) FROM projects p WHERE p.owner_id = o.id) AS projects
		FROM organisations o
		WHERE lower(o.name) LIKE ${pattern} ESCAPE '\\' OR lower(o.id) LIKE ${pattern} ESCAPE '\\'
		ORDER BY o.name, o.id
		LIMIT ${limit}`);
  return { projects, organisations };
}
