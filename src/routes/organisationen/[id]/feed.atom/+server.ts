import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { FEED_ENTRIES, feedResponse, feedUpdated, organisationPath, renderChangesFeed } from '$lib/server/atom-feed';
import { getLatestAsOf } from '$queries/getLatestAsOf';
import { getOrganisation } from '$queries/getOrganisation';
import { listOrganisationChanges } from '$queries/listOrganisationChanges';

/** The changes of an organisation's own projects as Atom, the newest FEED_ENTRIES. */
export const GET: RequestHandler = ({ params, url, request }) => {
  const db = getDb();
  if (!db) error(503, 'Noch keine Daten – allmende collect ausführen.');
  const org = getOrganisation(db, params.id);
  if (!org) error(404, `Keine Organisation „${params.id}“ im Katalog.`);
  const changes = listOrganisationChanges(db, org.id, FEED_ENTRIES);
  const fallback = getLatestAsOf(db);
  const page = organisationPath(org.id);
  const body = renderChangesFeed({
    origin: url.origin,
    path: `${page}/feed.atom`,
    pagePath: page,
    title: `${org.name}: Was hat sich an den eigenen Projekten geändert (allmende)`,
    subtitle: `Änderungen an Zustand, Hinweisen, Veröffentlichungen und Nachnutzung der Projekte von ${org.name}`,
    changes,
    fallbackUpdated: fallback,
    withProjectName: true
  });
  return feedResponse(body, feedUpdated(changes, fallback), request);
};
