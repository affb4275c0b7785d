import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { searchCatalog } from '$queries/searchCatalog';

export const csr = false;

export const load: PageServerLoad = ({ url }) => {
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
  const db = getDb();
  if (!db) return { noData: true as const, q };
  return { noData: false as const, q, results: q ? searchCatalog(db, q) : null };
};
