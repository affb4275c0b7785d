import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getPrivacyFacts } from '$queries/getPrivacyFacts';

/** Plain text for the data-protection officer; no JavaScript. */
export const csr = false;

export const load: PageServerLoad = () => {
  const db = getDb();
  return { facts: db ? getPrivacyFacts(db) : null };
};
