import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { getHealth } from '$queries/getHealth';

const HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** Health for monitoring: 200 when healthy, 503 otherwise, with what is wrong (never cached). */
export const GET: RequestHandler = () => {
  let body: object;
  try {
    const db = getDb();
    body = db
      ? getHealth(db)
      : { healthy: false, problems: ['Noch keine Datenbank – zuerst „allmende collect“ ausführen.'], database: { readable: false } };
  } catch {
    body = { healthy: false, problems: ['Die Datenbank lässt sich nicht lesen.'], database: { readable: false } };
  }
  const healthy = (body as { healthy: boolean }).healthy;
  return new Response(`${JSON.stringify(body)}\n`, { status: healthy ? 200 : 503, headers: HEADERS });
};
