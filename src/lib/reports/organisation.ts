/**
 * The organisation (OSPO) report for a period from–to (both UTC dates, inclusive; DESIGN §8
 * `report --org ID --from --to`, UX.md „Organisation“): the judgement over its facts. Pure; the
 * facts are read by named queries (src/queries/listOwnProjectStates.ts,
 * listOrganisationContributions.ts, listOrganisationReuse.ts) and put together, with the catalog's
 * settings, by src/lib/server/organisation-report.ts — the one entry point of the CLI, the page,
 * the API, the exports. The contributions of the period's whole months come counted ahead by
 * derive, those of the days before and after them counted from the facts (`contributions`).
 *
 * - ownProjects: the projects the organisation owns, with lifecycle and score as of `to` and the
 *   human non-merge commits of the period, by name;
 * - contributionsElsewhere: other organisations' projects (or projects without owner) to which
 *   people affiliated with it (per contribution, DESIGN §5) made human non-merge commits, opened
 *   issues/pull requests or wrote comments/reviews in the period;
 * - reusedBy: organisations with reuse evidence for its own projects up to `to` (DESIGN §7), one
 *   row per project and organisation, „beobachtet“ when any of that evidence is observed;
 * - reuses: projects of others it reuses, by the same evidence;
 * - contributors: its people — display names with `privacy.showNames`, else pseudonyms — with
 *   their contributions in the period.
 * Each contribution counts once per project and once per person, also when its repository belongs
 * to several projects (a commit by its hash).
 */
import { asOfEnd, dayStart } from '../metrics/window';
import { REPORT_SCHEMA_VERSION, type OrganisationReport } from './types';

export type OwnProjectState = OrganisationReport['ownProjects'][number];

/** The counts of one kind of contribution each. */
export type ContributionCounts = { commits: number; issues: number; comments: number };

/**
 * Affiliated human contributions of a part of the period, per project each contribution once, per
 * person each once across projects: of its whole months as derive counted them ahead
 * (jobs/derive/contribution-months.ts), of the days before and after them from the facts. The parts
 * are disjoint in time, so their counts add up.
 */
export interface ContributionTotals {
  projects: readonly ({ projectId: string; projectName: string; projectOwnerId: string | null } & ContributionCounts)[];
  persons: readonly ({ personId: number; pseudonym: string; displayName: string } & ContributionCounts)[];
}

/** Reuse evidence, one row per project and reusing organisation. */
export interface ReusePairFact {
  projectId: string;
  projectName: string;
  ownerId: string | null;
  organisationId: string;
  organisationName: string;
  /** The date (YYYY-MM-DD) of the pair's first evidence; '' when some of it has no date (it always counts). */
  since: string;
  /** The same of its first observed („beobachtet“) evidence; null when none is observed. */
  observedSince: string | null;
}

export interface OrganisationReportFacts {
  organisation: { id: string; name: string; kind: string; region: string | null };
  from: string;
  to: string;
  ownProjects: readonly OwnProjectState[];
  /** The period's contributions, in parts that add up (its whole months, the days before and after them). */
  contributions: readonly ContributionTotals[];
  reuse: readonly ReusePairFact[];
}

export interface OrganisationReportSettings {
  /** `privacy.showNames`: display names instead of pseudonyms. */
  showNames: boolean;
}

/** The period [from 00:00, to 24:00) in epoch seconds. */
export function periodRange(from: string, to: string): { start: number; end: number } {
  return { start: dayStart(from), end: asOfEnd(to) };
}

type Counts = ContributionCounts;

/** Contribution counts per group, summed over the parts of the period. */
class Tally<K> {
  readonly counts = new Map<K, Counts>();
  add(group: K, c: Counts): void {
    let counts = this.counts.get(group);
    if (!counts) this.counts.set(group, (counts = { commits: 0, issues: 0, comments: 0 }));
    counts.commits += c.commits;
    counts.issues += c.issues;
    counts.comments += c.comments;
  }
}

const total = (c: Counts) => c.commits + c.issues + c.comments;
/** Names in German order, as the report's lists are sorted. */
export const byName = (a: string, b: string) => a.localeCompare(b, 'de');

export function buildOrganisationReport(facts: OrganisationReportFacts, settings: OrganisationReportSettings): OrganisationReport {
  const org = facts.organisation;
  const elsewhere = new Tally<string>();
  const people = new Tally<number>();
  const projectNames = new Map<string, string>();
  const personNames = new Map<number, string>();
  for (const part of facts.contributions) {
    for (const p of part.persons) {
      people.add(p.personId, p);
      personNames.set(p.personId, settings.showNames ? p.displayName : p.pseudonym);
    }
    for (const p of part.projects) {
      if (p.projectOwnerId === org.id) continue;
      elsewhere.add(p.projectId, p);
      projectNames.set(p.projectId, p.projectName);
    }
  }

  // The pairs with evidence up to the period's end, observed when any of that evidence is.
  const reuse = facts.reuse.filter((r) => r.since <= facts.to);
  const strength = (r: ReusePairFact) =>
    r.observedSince !== null && r.observedSince <= facts.to ? ('beobachtet' as const) : ('erklärt' as const);
  const reusedBy = reuse
    .filter((r) => r.ownerId === org.id && r.organisationId !== org.id)
    .map((r) => ({
      projectId: r.projectId,
      projectName: r.projectName,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      strength: strength(r)
    }))
    .sort((a, b) => byName(a.projectName, b.projectName) || byName(a.organisationName, b.organisationName));
  const reuses = reuse
    .filter((r) => r.organisationId === org.id && r.ownerId !== org.id)
    .map((r) => ({ projectId: r.projectId, projectName: r.projectName, strength: strength(r) }))
    .sort((a, b) => byName(a.projectName, b.projectName) || a.projectId.localeCompare(b.projectId));

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: org.id,
    name: org.name,
    kind: org.kind,
    region: org.region,
    from: facts.from,
    to: facts.to,
    ownProjects: facts.ownProjects
      .map((p) => ({ id: p.id, name: p.name, lifecycle: p.lifecycle, score: p.score, humanCommits: p.humanCommits }))
      .sort((a, b) => byName(a.name, b.name) || a.id.localeCompare(b.id)),
    contributionsElsewhere: [...elsewhere.counts]
      .map(([projectId, c]) => ({ projectId, projectName: projectNames.get(projectId) ?? projectId, ...c }))
      .sort(
        (a, b) =>
          b.commits - a.commits ||
          b.issues - a.issues ||
          b.comments - a.comments ||
          byName(a.projectName, b.projectName) ||
          a.projectId.localeCompare(b.projectId)
      ),
    reusedBy,
    reuses,
    contributors: [...people.counts]
      .map(([personId, c]) => ({ personId, name: personNames.get(personId) ?? `Person ${personId}`, ...c }))
      .sort((a, b) => total(b) - total(a) || byName(a.name, b.name) || a.personId - b.personId)
      .map(({ name, commits, issues, comments }) => ({ name, commits, issues, comments }))
  };
}
