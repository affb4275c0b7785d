/**
 * Änderungen (change records): what changed between a project's previous full report and its new
 * one, written by derive into `project_changes` (jobs/derive/changes.ts) so that the feeds and the
 * overview's „Was hat sich geändert“ read a small indexed table instead of comparing reports.
 *
 * | lifecycle        | the Zustand differs (aktiv → ruhend)                                   | dated the snapshot day |
 * | finding-new      | a Hinweis (warning or info) the previous report did not have           | dated the snapshot day |
 * | finding-resolved | a Hinweis of the previous report that the new one no longer has        | dated the snapshot day |
 * | release          | the newest release (or version tag) differs and is not older            | dated the release      |
 * | reuse-new        | an organisation reuses the project that the previous report did not list | dated the snapshot day |
 * | reuse-observed   | an organisation only declared before is now observed (fork, commits …)  | dated the snapshot day |
 *
 * The baseline is not a change: without a previous full report, or when the previous one had no data
 * (Zustand „unbekannt“: nothing was read yet), nothing is recorded — the first report with data is
 * where a project's changes begin. A report without data is no change either, and never the
 * previous one: it has no Hinweise, so comparing with it would record every Hinweis as resolved
 * (and again as new afterwards) for missing data; derive compares with the newest report with data. Findings are the same finding when their key is the same (a
 * licence change, one finding per change, also by its title); „ok“ findings (a valid publiccode.yml,
 * a SECURITY.md) are no Hinweise, so a warning turning ok is a resolved one. Only the newest release
 * is compared (the report keeps the last one); several releases between two reports are one change.
 * A change names no person: lifecycles, finding keys and titles, the release's own name and
 * organisations only.
 *
 * Each change has a natural key within its project and snapshot day (kind + subject); derive
 * replaces a project's changes of a day when it derives that day again, so nothing is recorded twice.
 * Another comparison (e.g. openCode badge levels) is one more entry of COMPARISONS with its kind.
 */
import { reusingOrganisations } from '../metrics/reuse';
import type { Finding, Lifecycle, ProjectReport, Severity } from './types';

/** The kinds of change, in the order the overview groups them. */
export const CHANGE_KINDS = ['lifecycle', 'release', 'finding-new', 'finding-resolved', 'reuse-new', 'reuse-observed'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What each kind records beside its key (stored as JSON in project_changes.detail). */
export interface ChangeDetails {
  lifecycle: { from: Lifecycle; to: Lifecycle };
  release: { name: string; source: 'release' | 'tag'; previous: string | null };
  'finding-new': { key: string; severity: Severity; title: string };
  'finding-resolved': { key: string; severity: Severity; title: string };
  'reuse-new': { organisationId: string; organisationName: string; observed: boolean };
  'reuse-observed': { organisationId: string; organisationName: string };
}

export type ProjectChange = {
  [K in ChangeKind]: {
    kind: K;
    /** Natural key within the project, the snapshot day and the kind: finding key, release tag/name and date, organisation id. */
    subject: string;
    /** YYYY-MM-DD: the snapshot day, or the release's own date. */
    date: string;
    detail: ChangeDetails[K];
  };
}[ChangeKind];

/** What the comparison reads of a report (older snapshots may lack parts: they count as empty). */
export type ComparedReport = Pick<ProjectReport, 'asOf' | 'lifecycle'> &
  Partial<Pick<ProjectReport, 'findings' | 'reuse' | 'owner'>> & {
    window?: Partial<Pick<ProjectReport['window'], 'lastRelease'>>;
  };

/** Findings recorded one per event: the title (with its date) tells two apart. */
const PER_EVENT_FINDINGS: ReadonlySet<string> = new Set(['licence-changed']);

function findingSubject(f: Finding): string {
  return PER_EVENT_FINDINGS.has(f.key) ? `${f.key}:${f.title}` : f.key;
}

/** The Hinweise of a report by subject: warnings and infos, not the „ok“ confirmations. */
function hints(report: ComparedReport): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const f of report.findings ?? []) if (f && f.severity !== 'ok' && !out.has(findingSubject(f))) out.set(findingSubject(f), f);
  return out;
}

type Comparison = (before: ComparedReport, after: ComparedReport) => ProjectChange[];

const lifecycleChanges: Comparison = (before, after) =>
  before.lifecycle === after.lifecycle
    ? []
    : [{ kind: 'lifecycle', subject: '', date: after.asOf, detail: { from: before.lifecycle, to: after.lifecycle } }];

const findingChanges: Comparison = (before, after) => {
  const then = hints(before);
  const now = hints(after);
  const out: ProjectChange[] = [];
  for (const [subject, f] of now)
    if (!then.has(subject))
      out.push({ kind: 'finding-new', subject, date: after.asOf, detail: { key: f.key, severity: f.severity, title: f.title } });
  for (const [subject, f] of then)
    if (!now.has(subject))
      out.push({ kind: 'finding-resolved', subject, date: after.asOf, detail: { key: f.key, severity: f.severity, title: f.title } });
  return out;
};

const releaseChanges: Comparison = (before, after) => {
  const last = after.window?.lastRelease ?? null;
  const previous = before.window?.lastRelease ?? null;
  if (!last) return [];
  if (previous && (previous.date > last.date || (previous.name === last.name && previous.date === last.date))) return [];
  return [
    {
      kind: 'release',
      subject: `${last.name}@${last.date}`,
      date: last.date > after.asOf ? after.asOf : last.date,
      detail: { name: last.name, source: last.source, previous: previous?.name ?? null }
    }
  ];
};

const reuseChanges: Comparison = (before, after) => {
  const ownerIds = new Set([before.owner?.id, after.owner?.id].filter((id): id is string => typeof id === 'string'));
  const then = new Map(reusingOrganisations(before.reuse ?? []).map((o) => [o.id, o]));
  const out: ProjectChange[] = [];
  for (const o of reusingOrganisations(after.reuse ?? [])) {
    if (ownerIds.has(o.id)) continue;
    const known = then.get(o.id);
    if (!known)
      out.push({
        kind: 'reuse-new',
        subject: o.id,
        date: after.asOf,
        detail: { organisationId: o.id, organisationName: o.name, observed: o.observed }
      });
    else if (!known.observed && o.observed)
      out.push({ kind: 'reuse-observed', subject: o.id, date: after.asOf, detail: { organisationId: o.id, organisationName: o.name } });
  }
  return out;
};

/** The comparisons, one per family of change; a new one (e.g. badge levels) is added here with its kind. */
const COMPARISONS: readonly Comparison[] = [lifecycleChanges, releaseChanges, findingChanges, reuseChanges];

/** A report with data to compare against: one whose Zustand is known. */
export function isBaseline(report: ComparedReport | null | undefined): report is ComparedReport {
  return !!report && report.lifecycle !== 'unbekannt';
}

/**
 * The changes from `before` (the project's previous full report with data, null if none) to `after`,
 * each once (kind + subject unique), in CHANGE_KINDS order. No previous report with data: none
 * (baseline); `after` without data: none (missing data is no change).
 */
export function compareReports(before: ComparedReport | null, after: ComparedReport): ProjectChange[] {
  if (!isBaseline(before) || !isBaseline(after) || before.asOf >= after.asOf) return [];
  const seen = new Set<string>();
  const out: ProjectChange[] = [];
  for (const compare of COMPARISONS)
    for (const change of compare(before, after)) {
      const key = `${change.kind}\u0000${change.subject}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(change);
    }
  return out.sort((a, b) => CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind));
}
