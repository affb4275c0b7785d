import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { ALLMENDE_VERSION } from '$lib/server/version';
import { loadProcurement, MAX_CANDIDATES } from '$lib/server/procurement';
import { getProjectChoices } from '$queries/getProjectChoices';

export const csr = false;

/**
 * /beschaffung?vergleich=a,b,c,d — up to four candidates side by side. The picker form sends
 * `p=a&p=b…`; that is redirected to the canonical `vergleich=` address, which can be pasted.
 */
export const load: PageServerLoad = ({ url }) => {
  const picked = url.searchParams
    .getAll('p')
    .map((s) => s.trim())
    .filter(Boolean);
  if (picked.length > 0 || url.searchParams.has('p')) {
    const unique = [...new Set(picked)].slice(0, MAX_CANDIDATES);
    redirect(303, unique.length ? `/beschaffung?vergleich=${unique.map(encodeURIComponent).join(',')}` : '/beschaffung');
  }
  const db = getDb();
  if (!db) return { noData: true as const };
  const ids = [
    ...new Set(
      (url.searchParams.get('vergleich') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    )
  ];
  return {
    noData: false as const,
    choices: getProjectChoices(db),
    selected: ids.slice(0, MAX_CANDIDATES),
    tooMany: ids.length > MAX_CANDIDATES,
    check: ids.length ? loadProcurement(db, ids) : null,
    version: ALLMENDE_VERSION,
    printedAt: new Date().toISOString()
  };
};
