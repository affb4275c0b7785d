/**
 * Beteiligte Organisationen (DESIGN §6).
 *
 * Definition: the distinct organisations with human contributions (non-merge commits, affiliated
 * per commit by the email used) in the window (default 365 days ending with asOf), counted in total
 * and by kind (Kommune, Kreis, Land, Bund, IT-Dienstleister, Unternehmen, Forschung,
 * Zivilgesellschaft). Contributions without affiliation are listed as one row „ohne Zuordnung“
 * (for display only; the Elephant Factor counts them per person).
 */
import type { ReportOrganisation } from '../reports/types';
import type { CommitFact, OrganisationFact } from './facts';
import { inRange, MONTHS_12, round, windowRange } from './window';
import { UNAFFILIATED_LABEL } from '../labels';

/** A row of the report's organisations table (ReportOrganisation: „ohne Zuordnung“ has id null). */
export type OrganisationRow = ReportOrganisation;

export interface OrganisationFigures {
  /** Distinct organisations (without „ohne Zuordnung“). */
  count: number;
  byKind: Record<string, number>;
  /** Largest first; the unaffiliated row last. */
  rows: OrganisationRow[];
}

export function organisationFigures(
  commits: readonly CommitFact[],
  organisations: ReadonlyMap<string, OrganisationFact>,
  asOf: string,
  days = MONTHS_12
): OrganisationFigures {
  const range = windowRange(asOf, days);
  const counts = new Map<string | null, { commits: number; persons: Set<number> }>();
  let total = 0;
  for (const c of commits) {
    if (c.parentCount > 1 || c.author.isBot || !inRange(c.authorDate, range)) continue;
    const key = c.author.organisationId;
    let entry = counts.get(key);
    if (!entry) counts.set(key, (entry = { commits: 0, persons: new Set() }));
    entry.commits++;
    entry.persons.add(c.author.personId);
    total++;
  }
  const rows: OrganisationRow[] = [];
  const byKind: Record<string, number> = {};
  for (const [id, entry] of counts) {
    const org = id === null ? undefined : organisations.get(id);
    const kind = org?.kind ?? null;
    if (id !== null) byKind[kind ?? 'unbekannt'] = (byKind[kind ?? 'unbekannt'] ?? 0) + 1;
    rows.push({
      id,
      name: id === null ? UNAFFILIATED_LABEL : (org?.name ?? id),
      kind,
      humanCommits: entry.commits,
      contributors: entry.persons.size,
      share: total > 0 ? round(entry.commits / total, 3) : 0
    });
  }
  // Ties end on the organisation's id (two „Stadt Neustadt“), not on the order the facts came in.
  rows.sort(
    (a, b) =>
      (a.id === null ? 1 : 0) - (b.id === null ? 1 : 0) ||
      b.humanCommits - a.humanCommits ||
      a.name.localeCompare(b.name) ||
      (a.id ?? '').localeCompare(b.id ?? '')
  );
  return { count: rows.filter((r) => r.id !== null).length, byKind, rows };
}
