/** Loads the candidates of a Beschaffungs-Check (server-only). */
import type { Db } from '../../../db/index';
import { getProjectSnapshot } from '../../queries/getProjectSnapshot';
import { buildProcurementRows, type Candidate } from '../procurement';

export const MAX_CANDIDATES = 4;

export function loadProcurement(db: Db, ids: string[]) {
  const candidates: (Candidate & { ownerKind: string | null; asOf: string | null; dataSources: string[] })[] = [];
  const unknown: string[] = [];
  for (const id of ids.slice(0, MAX_CANDIDATES)) {
    const found = getProjectSnapshot(db, id);
    if (!found) {
      unknown.push(id);
      continue;
    }
    const report = found.snapshot?.report ?? null;
    candidates.push({
      id: found.project.id,
      name: found.project.name,
      ownerName: found.owner?.name ?? null,
      ownerKind: found.owner?.kind ?? null,
      report,
      asOf: found.snapshot?.asOf ?? null,
      dataSources: report?.dataSources ?? []
    });
  }
  const asOfs = candidates
    .map((c) => c.asOf)
    .filter((d): d is string => !!d)
    .sort();
  return {
    candidates: candidates.map(({ report, ...c }) => ({ ...c, evaluated: report !== null })),
    /** „Bereit zur Nachnutzung?“ per candidate, in the candidates' order (null: not computed in its snapshot). */
    readiness: candidates.map((c) => ({
      id: c.id,
      name: c.name,
      readiness: c.report?.reuseReadiness ?? null,
      evaluated: c.report !== null
    })),
    /** The openCode badges per candidate, in the candidates' order (null: not computed in its snapshot). */
    opencode: candidates.map((c) => ({ id: c.id, name: c.name, badges: c.report?.opencodeBadges ?? null, evaluated: c.report !== null })),
    rows: buildProcurementRows(candidates),
    unknown,
    asOf: asOfs.at(-1) ?? null,
    dataSources: [...new Set(candidates.flatMap((c) => c.dataSources))]
  };
}
