import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { etagOf, renderBadge } from '$lib/server/badge';
import { notModified } from '$lib/server/http-policy';
import { getProjectBadge } from '$queries/getProjectBadge';

/** The README badge: lifecycle and score of a project as an SVG („aktiv · 78“). */
export const GET: RequestHandler = ({ params, request }) => {
  const db = getDb();
  const badge = db ? getProjectBadge(db, params.project) : null;
  const status = badge ? 200 : 404;
  const body = badge
    ? renderBadge({ lifecycle: badge.lifecycle, score: badge.score, projectName: badge.name })
    : renderBadge({ lifecycle: null, score: null, projectName: params.project }, 'allmende: unbekanntes Projekt');
  const etag = etagOf(body);
  const headers = {
    'content-type': 'image/svg+xml; charset=utf-8',
    'cache-control': status === 200 ? 'public, max-age=3600' : 'public, max-age=300',
    etag,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'"
  };
  if (status === 200 && notModified(request, etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status, headers });
};
