import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';

/** One entry of /api/projects (DESIGN §8), as getProjectListPage writes it. */
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

/** Where a page of the list starts: after this project (its place in the German name order, projects.name_order, when the cursor was made, and its id). */
export interface ProjectListKey {
  nameOrder: number;
  id: string;
}

export interface ProjectListPage {
  /** Each entry's JSON text (a ProjectListEntry), in German name order. */
  entries: { json: string; key: ProjectListKey }[];
  /** The key to go on from; null on the last page. */
  next: ProjectListKey | null;
}

/**
 * The `limit` projects after `after`, by name in German order, each with the key figures of its
 * newest report (project_listings, one small row each) as the JSON text of a ProjectListEntry:
 * SQLite writes the text (json_quote keeps a real's full precision and writes NULL as null).
 * The links need no encoding: catalog ids are lower-case letters, digits, ".", "_" and "-"
 * (src/lib/catalog/schema.ts), all unreserved in a URL.
 * Places are renumbered when the catalog changes, so a page goes on after the project's place now
 * (the place in the key only when the project is gone): projects added or removed before it between
 * two pages neither repeat nor skip one. A place is never NULL once the catalog is stored
 * (jobs/store/project-order.ts, same transaction); the key reads NULL as 0 so that it would still
 * follow the ORDER BY, where NULL comes first.
 */
export function getProjectListPage(db: Db, origin: string, after: ProjectListKey | null, limit: number): ProjectListPage {
  const start = after
    ? sql`WHERE (ifnull(p.name_order, 0), p.id) >
			(coalesce((SELECT ifnull(name_order, 0) FROM projects WHERE id = ${after.id}), ${after.nameOrder}), ${after.id})`
    : sql``;
  const rows = db.all<{ json: string; nameOrder: number; id: string }>(sql`
		SELECT '{"id":' || json_quote(p.id) || ',"name":' || json_quote(p.name)
			|| ',"owner":' || CASE WHEN p.owner_id IS NULL THEN 'null' ELSE
				'{"id":' || json_quote(p.owner_id) || ',"name":' || json_quote(o.name) || ',"kind":' || json_quote(o.kind)
				|| ',"region":' || json_quote(o.region) || '}' END
			|| ',"asOf":' || json_quote(l.as_of) || ',"lifecycle":' || json_quote(l.lifecycle) || ',"isNew":' || ${flag('l.is_new')}
			|| ',"score":' || json_quote(l.score) || ',"coverage":' || json_quote(l.coverage) || ',"licence":' || json_quote(l.licence)
			|| ',"reuseReady":' || ${flag('l.reuse_ready')}
			|| ',"links":{"self":' || json_quote(${origin} || '/api/projects/' || p.id)
			|| ',"page":' || json_quote(${origin} || '/projekte/' || p.id)
			|| ',"badge":' || json_quote(${origin} || '/badge/' || p.id || '.svg') || '}}' AS json,
			ifnull(p.name_order, 0) AS nameOrder, p.id AS id
		FROM projects p
		LEFT JOIN organisations o ON o.id = p.owner_id
		LEFT JOIN project_listings l ON l.project_id = p.id
		${start}
		ORDER BY p.name_order, p.id
		LIMIT ${limit + 1}`);
  const entries = rows.slice(0, limit).map(({ json, nameOrder, id }) => ({ json, key: { nameOrder, id } }));
  return { entries, next: rows.length > limit ? entries[entries.length - 1].key : null };
}
