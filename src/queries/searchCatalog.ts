import { sql } from 'drizzle-orm';
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

/**
 * Projects (by name, id or repository description/path) and organisations (by name or id)
 * matching `q`, case-insensitively. At most `limit` of each.
 */
export function searchCatalog(db: Db, q: string, limit = 50): SearchResults {
  const pattern = likePattern(q.trim().toLowerCase());
  const projects = db.all<SearchResults['projects'][number]>(sql`
		SELECT p.id AS id, p.name AS name, o.name AS ownerName, l.lifecycle AS lifecycle, l.score AS score,
			(SELECT r.description FROM project_repositories pr JOIN repositories r ON r.id = pr.repository_id
				WHERE pr.project_id = p.id AND r.description IS NOT NULL ORDER BY r.key LIMIT 1) AS description
		FROM projects p
		LEFT JOIN organisations o ON o.id = p.owner_id
		LEFT JOIN project_listings l ON l.project_id = p.id
		WHERE lower(p.name) LIKE ${pattern} ESCAPE '\\' OR lower(p.id) LIKE ${pattern} ESCAPE '\\'
			OR lower(o.name) LIKE ${pattern} ESCAPE '\\'
			OR EXISTS (SELECT 1 FROM project_repositories pr JOIN repositories r ON r.id = pr.repository_id
				WHERE pr.project_id = p.id AND (lower(r.path) LIKE ${pattern} ESCAPE '\\' OR lower(coalesce(r.description, '')) LIKE ${pattern} ESCAPE '\\'))
		ORDER BY (lower(p.name) LIKE ${pattern} ESCAPE '\\') DESC, p.name_order, p.id
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
