import type { LayoutServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { ALLMENDE_VERSION } from '$lib/server/version';
import { getLatestAsOf } from '$queries/getLatestAsOf';
import { getLastCollectedAt } from '$queries/getLastCollectedAt';

export const load: LayoutServerLoad = ({ url }) => {
  const db = getDb();
  return {
    version: ALLMENDE_VERSION,
    hasData: db !== null,
    /** „Stand“: the newest snapshot date (YYYY-MM-DD). */
    asOf: db ? getLatestAsOf(db) : null,
    lastCollectedAt: db ? getLastCollectedAt(db) : null,
    query: url.pathname === '/suche' ? (url.searchParams.get('q') ?? '') : ''
  };
};
