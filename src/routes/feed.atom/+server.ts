import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { FEED_ENTRIES, feedResponse, feedUpdated, renderChangesFeed } from '$lib/server/atom-feed';
import { getLatestAsOf } from '$queries/getLatestAsOf';
import { listRecentChanges } from '$queries/listRecentChanges';

/** The catalog's changes as Atom: the newest FEED_ENTRIES of every project. */
export const GET: RequestHandler = ({ url, request }) => {
  const db = getDb();
  if (!db) error(503, 'Noch keine Daten – allmende collect ausführen.');
  const changes = listRecentChanges(db, { limit: FEED_ENTRIES });
  const fallback = getLatestAsOf(db);
  const body = renderChangesFeed({
    origin: url.origin,
    path: '/feed.atom',
    pagePath: '/',
    title: 'allmende: Was hat sich geändert',
    subtitle: 'Änderungen an Zustand, Hinweisen, Veröffentlichungen und Nachnutzung aller Projekte des Katalogs',
    changes,
    fallbackUpdated: fallback,
    withProjectName: true
  });
  return feedResponse(body, feedUpdated(changes, fallback), request);
};
