import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';

/** One entry of /api/projects (DESIGN §8), as getProjectListJson writes it. */
export interface ProjectListEntry {
  id: string;
  name: string;
  /** The owner's organisation (projects.owner_id references organisations, whose name and kind are NOT NULL). */
  owner: { id: string; name: string; kind: string; region: string | null } | null;
  /** null when nothing was derived for the project yet, as the figures below. */
  asOf: string | null;
  lifecycle: string | null;
  isNew: boolean | null;
  score: number | null;
  coverage: number | null;
  licence: string | null;
  /** „Bereit zur Nachnutzung?“: every item met (null: no verdict); the items are in the project's report. */
  reuseReady: boolean | null;
  links: { self: string; page: string; badge: string };
}

const flag = (column: string) => sql.raw(`CASE ${column} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END`);

/**
 * Every project with the key figures of its newest report (project_listings, one small row each),
 * by name in German order (group_concat's own ORDER BY: a subquery's order is not kept by an
 * aggregate, sqlite.org/lang_aggfunc.html), as the JSON text of a ProjectListEntry[]: SQLite writes the text itself.
 * For 10,000 projects that is 85 ms, where rows read into objects, mapped and given to
 * JSON.stringify took about 230 ms (better-sqlite3 spends about 6 µs on each row object alone).
 * The links need no encoding: catalog ids are lower-case letters, digits, ".", "_" and "-"
 * (src/lib/catalog/schema.ts), all unreserved in a URL.
 */
export function getProjectListJson(db: Db, origin: string): string {
  const row = db.get<{ json: string | null }>(sql`
		SELECT '[' || coalesce(group_concat(entry, ',' ORDER BY name_order, id), '') || ']' AS json FROM (
			SELECT '{"id":' || json_quote(p.id) || ',"name":' || json_quote(p.name)
				|| ',"owner":' || CASE WHEN p.owner_id IS NULL THEN 'null' ELSE
					'{"id":' || json_quote(p.owner_id) || ',"name":' || json_quote(o.name) || ',"kind":' || json_quote(o.kind)
					|| ',"region":' || json_quote(o.region) || '}' END
				|| ',"asOf":' || json_quote(l.as_of) || ',"lifecycle":' || json_quote(l.lifecycle) || ',"isNew":' || ${flag('l.is_new')}
				|| ',"score":' || json_quote(l.score) || ',"coverage":' || json_quote(l.coverage) || ',"licence":' || json_quote(l.licence)
				|| ',"reuseReady":' || ${flag('l.reuse_ready')}
				|| ',"links":{"self":' || json_quote(${origin} || '/api/projects/' || p.id)
				|| ',"page":' || json_quote(${origin} || '/projekte/' || p.id)
				|| ',"badge":' || json_quote(${origin} || '/badge/' || p.id || '.svg') || '}}' AS entry,
				p.name_order AS name_order, p.id AS id
			FROM projects p
			LEFT JOIN organisations o ON o.id = p.owner_id
			LEFT JOIN project_listings l ON l.project_id = p.id
		)`);
  return row?.json ?? '[]';
}
