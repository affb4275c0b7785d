import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { FEED_ENTRIES, feedResponse, feedUpdated, projectPath, renderChangesFeed } from '$lib/server/atom-feed';
import { getLatestAsOf } from '$queries/getLatestAsOf';
import { getProjectWithOwner } from '$queries/getProjectWithOwner';
import { listProjectChanges } from '$queries/listProjectChanges';

/** One project's changes as Atom, the newest FEED_ENTRIES. */
export const GET: RequestHandler = ({ params, url, request }) => {
  const db = getDb();
  if (!db) error(503, 'Noch keine Daten – allmende collect ausführen.');
  const found = getProjectWithOwner(db, params.id);
  if (!found) error(404, `Ein Projekt „${params.id}“ gibt es in diesem Katalog nicht.`);
  const changes = listProjectChanges(db, found.project.id, FEED_ENTRIES);
  const fallback = getLatestAsOf(db);
  const page = projectPath(found.project.id);
  const body = renderChangesFeed({
    origin: url.origin,
    path: `${page}/feed.atom`,
    pagePath: page,
    title: `${found.project.name}: Was hat sich geändert (allmende)`,
    subtitle: `Änderungen an Zustand, Hinweisen, Veröffentlichungen und Nachnutzung von ${found.project.name}`,
    changes,
    fallbackUpdated: fallback,
    withProjectName: false
  });
  return feedResponse(body, feedUpdated(changes, fallback), request);
};
