import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { buildReuseNetwork, type ReuseNetwork } from '$lib/server/reuse-network';
import { listLatestProjectSummaries } from '$queries/listLatestProjectSummaries';
import { listOrganisations } from '$queries/listOrganisations';
import { listReuseEvidence } from '$queries/listReuseEvidence';
import { getLatestAsOf } from '$queries/getLatestAsOf';

/** Layouts are deterministic, so they are kept per data state and filter (small, bounded cache). */
const cache = new Map<string, ReuseNetwork>();
const CACHE_SIZE = 24;

export const load: PageServerLoad = ({ url }) => {
  const db = getDb();
  if (!db) return { network: null };
  const organisations = listOrganisations(db);
  const regionParam = url.searchParams.get('region') || null;
  const kindParam = url.searchParams.get('art') || null;
  const region = regionParam && organisations.some((o) => o.region === regionParam) ? regionParam : null;
  const kind = kindParam && organisations.some((o) => o.kind === kindParam) ? kindParam : null;
  const evidence = listReuseEvidence(db);
  const key = JSON.stringify([getLatestAsOf(db), evidence.length, organisations.length, region, kind]);
  let network = cache.get(key);
  if (!network) {
    const projects = listLatestProjectSummaries(db).map((p) => ({ id: p.id, name: p.name, ownerId: p.ownerId, ownerName: p.ownerName }));
    network = buildReuseNetwork(evidence, organisations, projects, { region, kind });
    cache.set(key, network);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  return {
    network,
    filters: { region, kind },
    ignoredFilter: (regionParam && !region) || (kindParam && !kind) ? 'Ein Filterwert ist unbekannt und wurde nicht angewendet.' : null
  };
};
