import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listOrganisations } from '$queries/listOrganisations';
import { listReuseEvidence } from '$queries/listReuseEvidence';

/** Content works without JavaScript; none is shipped. */
export const csr = false;

export const load: PageServerLoad = () => {
  const db = getDb();
  if (!db) return { organisations: null };
  const evidence = listReuseEvidence(db).filter((e) => e.organisationId !== e.ownerId);
  const reusedBy = new Map<string, { observed: Set<string>; declared: Set<string> }>();
  const reuses = new Map<string, Set<string>>();
  for (const e of evidence) {
    if (e.ownerId) {
      const entry = reusedBy.get(e.ownerId) ?? { observed: new Set<string>(), declared: new Set<string>() };
      (e.strength === 'beobachtet' ? entry.observed : entry.declared).add(e.organisationId);
      reusedBy.set(e.ownerId, entry);
    }
    reuses.set(e.organisationId, (reuses.get(e.organisationId) ?? new Set<string>()).add(e.projectId));
  }
  return {
    organisations: listOrganisations(db).map((o) => {
      const r = reusedBy.get(o.id);
      const observed = r ? r.observed.size : 0;
      const declaredOnly = r ? [...r.declared].filter((id) => !r.observed.has(id)).length : 0;
      return { ...o, reusedByObserved: observed, reusedByDeclaredOnly: declaredOnly, reusesProjects: reuses.get(o.id)?.size ?? 0 };
    })
  };
};
