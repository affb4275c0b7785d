/**
 * The OSPO report of an organisation for a period (DESIGN §8 `report --org ID --from --to`, UX.md
 * „Organisation“). The derive step stores one report per organisation and day for its default
 * period; for any other period the figures are computed from the facts with the same rules.
 */
// Relative imports (no SvelteKit aliases), so that the CLI (`allmende report --org`) can use it too.
import type { Db } from '../../../db/index';
import type { Organisation } from '../../../db/schema';
import { REPORT_SCHEMA_VERSION, type Lifecycle, type OrganisationReport } from '../reports/types';
import { getDataFreshness } from '../../queries/getDataFreshness';
import { getLatestOrganisationSnapshot } from '../../queries/getLatestOrganisationSnapshot';
import { getOrganisationActivity } from '../../queries/getOrganisationActivity';
import { listLatestProjectSummaries } from '../../queries/listLatestProjectSummaries';
import { listReuseEvidence, type ReuseEvidenceRow } from '../../queries/listReuseEvidence';
import { addDays, isValidDate } from '../metrics/window';

function latestSnapshotDate(db: Db): string | null {
  return getDataFreshness(db).latestSnapshot;
}

export interface Period {
  from: string;
  to: string;
  /** Set when the requested period could not be used as given. */
  problem: string | null;
  /** The requested period is the derive step's default one. */
  isDefault: boolean;
}

/** The default period: the stored report's, else the 365 days up to the newest snapshot (or today). */
export function defaultPeriod(db: Db, organisationId: string): { from: string; to: string } {
  const snap = getLatestOrganisationSnapshot(db, organisationId);
  if (snap && isValidDate(snap.report.from) && isValidDate(snap.report.to)) return { from: snap.report.from, to: snap.report.to };
  const to = latestSnapshotDate(db) ?? new Date().toISOString().slice(0, 10);
  return { from: addDays(to, -364), to };
}

/** The period from the GET parameters `von` and `bis` (YYYY-MM-DD), checked, with the default as fallback. */
export function resolvePeriod(db: Db, organisationId: string, params: URLSearchParams): Period {
  const fallback = defaultPeriod(db, organisationId);
  const vonRaw = params.get('von');
  const bisRaw = params.get('bis');
  const problems: string[] = [];
  let from = fallback.from;
  let to = fallback.to;
  if (vonRaw) {
    if (isValidDate(vonRaw)) from = vonRaw;
    else problems.push(`„von“ ist kein gültiges Datum (${vonRaw.slice(0, 20)}); verwendet wird ${fallback.from}.`);
  }
  if (bisRaw) {
    if (isValidDate(bisRaw)) to = bisRaw;
    else problems.push(`„bis“ ist kein gültiges Datum (${bisRaw.slice(0, 20)}); verwendet wird ${fallback.to}.`);
  }
  if (from > to) {
    [from, to] = [to, from];
    problems.push('„von“ lag nach „bis“; die beiden Daten wurden getauscht.');
  }
  return { from, to, problem: problems.length ? problems.join(' ') : null, isDefault: from === fallback.from && to === fallback.to };
}

function aggregateStrength(rows: ReuseEvidenceRow[]): 'erklärt' | 'beobachtet' {
  return rows.some((r) => r.strength === 'beobachtet') ? 'beobachtet' : 'erklärt';
}

/** Reuse evidence up to the end of the period (evidence without a date counts). */
function evidenceUntil(to: string): (r: ReuseEvidenceRow) => boolean {
  return (r) => !r.date || r.date.slice(0, 10) <= to;
}

export interface OrganisationReportResult {
  report: OrganisationReport;
  /** 'snapshot': as derived (Stand asOf); 'facts': computed for the requested period. */
  source: 'snapshot' | 'facts';
  asOf: string | null;
}

export function buildOrganisationReport(db: Db, org: Organisation, period: { from: string; to: string }): OrganisationReportResult {
  const snap = getLatestOrganisationSnapshot(db, org.id);
  if (snap && snap.report.from === period.from && snap.report.to === period.to && snap.report.schemaVersion === REPORT_SCHEMA_VERSION) {
    return { report: snap.report, source: 'snapshot', asOf: snap.asOf };
  }
  const activity = getOrganisationActivity(db, org.id, period.from, period.to);
  const summaries = listLatestProjectSummaries(db);
  const evidence = listReuseEvidence(db).filter(evidenceUntil(period.to));

  const ownProjects = summaries
    .filter((p) => p.ownerId === org.id)
    .map((p) => ({
      id: p.id,
      name: p.name,
      lifecycle: p.lifecycle as Lifecycle,
      score: p.score,
      humanCommits: activity.ownProjectCommits.get(p.id) ?? 0
    }));

  const reusedByMap = new Map<string, ReuseEvidenceRow[]>();
  for (const e of evidence) {
    if (e.ownerId !== org.id || e.organisationId === org.id) continue;
    const key = `${e.projectId}\u0000${e.organisationId}`;
    reusedByMap.set(key, [...(reusedByMap.get(key) ?? []), e]);
  }
  const reusedBy = [...reusedByMap.values()]
    .map((rows) => ({
      projectId: rows[0].projectId,
      projectName: rows[0].projectName,
      organisationId: rows[0].organisationId,
      organisationName: rows[0].organisationName,
      strength: aggregateStrength(rows)
    }))
    .sort((a, b) => a.projectName.localeCompare(b.projectName, 'de') || a.organisationName.localeCompare(b.organisationName, 'de'));

  const reusesMap = new Map<string, ReuseEvidenceRow[]>();
  for (const e of evidence) {
    if (e.organisationId !== org.id || e.ownerId === org.id) continue;
    reusesMap.set(e.projectId, [...(reusesMap.get(e.projectId) ?? []), e]);
  }
  const reuses = [...reusesMap.values()]
    .map((rows) => ({ projectId: rows[0].projectId, projectName: rows[0].projectName, strength: aggregateStrength(rows) }))
    .sort((a, b) => a.projectName.localeCompare(b.projectName, 'de'));

  const report: OrganisationReport = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: org.id,
    name: org.name,
    kind: org.kind,
    region: org.region,
    from: period.from,
    to: period.to,
    ownProjects,
    contributionsElsewhere: activity.elsewhere,
    reusedBy,
    reuses,
    contributors: activity.contributors
  };
  return { report, source: 'facts', asOf: snap?.asOf ?? latestSnapshotDate(db) };
}
