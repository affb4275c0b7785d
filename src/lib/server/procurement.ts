/** Loads the candidates of a Beschaffungs-Check (server-only). */
import type { Db } from '../../../db/index';
import { findProjectChoices, type ProjectChoice } from '../../queries/getProjectChoices';
import { getProjectSnapshot } from '../../queries/getProjectSnapshot';
import { buildProcurementRows, type Candidate } from '../procurement';

export const MAX_CANDIDATES = 4;

/** Up to this many projects the picker offers them all as a list (a <datalist>); above, one types. */
export const PICKER_LIST_MAX = 1_000;

/** How many projects a picker field offers when what was typed fits several. */
export const PICKER_SUGGESTIONS = 8;

/** What a picker field shows for a project, and accepts back: „Name (Eigentümer)“. */
export function choiceLabel(c: ProjectChoice): string {
  return c.ownerName ? `${c.name} (${c.ownerName})` : c.name;
}

/** One picker field after submission: the project it names, or what fits (several or none). */
export interface PickedField {
  text: string;
  id: string | null;
  suggestions: ProjectChoice[];
}

const sameText = new Intl.Collator('de', { sensitivity: 'base' });
const equal = (a: string, b: string) => sameText.compare(a.trim(), b.trim()) === 0;

/**
 * Resolves what was typed into a picker field: an id names its project; else a name or a label
 * („Name (Eigentümer)“) that fits exactly one project, else the one project containing the text.
 * Otherwise the field offers the projects that fit (two of the same name, or a few that contain it).
 */
export function resolvePickedField(db: Db, text: string): PickedField {
  const label = /^(.*) \((.*)\)$/.exec(text.trim());
  const found = findProjectChoices(db, text, PICKER_SUGGESTIONS + 1);
  if (label) found.push(...findProjectChoices(db, label[1], PICKER_SUGGESTIONS + 1).filter((c) => !found.some((f) => f.id === c.id)));
  const byId = found.filter((c) => c.id.toLowerCase() === text.trim().toLowerCase());
  const byName = found.filter((c) => equal(choiceLabel(c), text) || equal(c.name, text));
  const fitting = [byId, byName, found].find((list) => list.length > 0) ?? [];
  if (fitting.length === 1) return { text, id: fitting[0].id, suggestions: [] };
  return { text, id: null, suggestions: fitting.slice(0, PICKER_SUGGESTIONS) };
}

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
