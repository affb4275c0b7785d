/**
 * The organisation (OSPO) report for a period from–to (both UTC dates, inclusive; DESIGN §8
 * `report --org ID --from --to`, UX.md „Organisation“): the judgement over its facts. Pure; the
 * facts are read by named queries (src/queries/listOwnProjectStates.ts,
 * listOrganisationContributions.ts, listOrganisationReuse.ts) and put together, with the catalog's
 * settings, by src/lib/server/organisation-report.ts — the one entry point of the CLI, the page,
 * the API, the exports. The contributions of the period's whole months come counted ahead
 * (`totals`, by derive), those of the days before and after them one by one (`contributions`).
 *
 * - ownProjects: the projects the organisation owns, with lifecycle and score as of `to` and the
 *   human non-merge commits of the period, by name;
 * - contributionsElsewhere: other organisations' projects (or projects without owner) to which
 *   people affiliated with it (per contribution, DESIGN §5) made human non-merge commits, opened
 *   issues/pull requests or wrote comments/reviews in the period;
 * - reusedBy: organisations with reuse evidence for its own projects up to `to` (DESIGN §7), one
 *   row per project and organisation, „beobachtet“ when any evidence is observed;
 * - reuses: projects of others it reuses, by the same evidence;
 * - contributors: its people — display names with `privacy.showNames`, else pseudonyms — with
 *   their contributions in the period.
 * Each contribution counts once per project and once per person, also when its repository belongs
 * to several projects (a commit by its hash).
 */
import { asOfEnd, dayStart } from '../metrics/window';
import { REPORT_SCHEMA_VERSION, type OrganisationReport } from './types';

export type OwnProjectState = OrganisationReport['ownProjects'][number];

/** One affiliated human contribution in the period, in one project. */
export interface OrganisationContribution {
  /** commits: a non-merge commit; issues: an issue or pull request opened; comments: a comment or review. */
  kind: 'commits' | 'issues' | 'comments';
  /** What it is: the commit's hash, the item's or comment's id. */
  key: string | number;
  projectId: string;
  projectName: string;
  projectOwnerId: string | null;
  personId: number;
  pseudonym: string;
  displayName: string;
}

/** The counts of one kind of contribution each. */
export type ContributionCounts = { commits: number; issues: number; comments: number };

/**
 * The affiliated human contributions of the period's whole months, counted ahead by derive
 * (jobs/derive/contribution-months.ts): per project each contribution once, per person each once
 * across projects. Disjoint in time from the single `contributions`, so the two add up.
 */
export interface ContributionTotals {
  projects: readonly ({ projectId: string; projectName: string; projectOwnerId: string | null } & ContributionCounts)[];
  persons: readonly ({ personId: number; pseudonym: string; displayName: string } & ContributionCounts)[];
}

/** Reuse evidence up to the end of the period, one row per project and reusing organisation. */
export interface ReusePairFact {
  projectId: string;
  projectName: string;
  ownerId: string | null;
  organisationId: string;
  organisationName: string;
  /** At least one piece of evidence is observed („beobachtet“). */
  observed: boolean;
}

export interface OrganisationReportFacts {
  organisation: { id: string; name: string; kind: string; region: string | null };
  from: string;
  to: string;
  ownProjects: readonly OwnProjectState[];
  /** Single contributions, of the days outside the whole months of `totals`. */
  contributions: readonly OrganisationContribution[];
  totals: ContributionTotals;
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

/** Distinct contributions per group: each (kind, key) once, plus counts already distinct. */
class Tally<K> {
  private readonly seen = new Map<K, Set<string>>();
  readonly counts = new Map<K, Counts>();
  private countsOf(group: K): Counts {
    let counts = this.counts.get(group);
    if (!counts) this.counts.set(group, (counts = { commits: 0, issues: 0, comments: 0 }));
    return counts;
  }
  add(group: K, c: OrganisationContribution): void {
    let seen = this.seen.get(group);
    if (!seen) this.seen.set(group, (seen = new Set()));
    const id = `${c.kind}\u0000${c.key}`;
    if (seen.has(id)) return;
    seen.add(id);
    this.countsOf(group)[c.kind]++;
  }
  addCounts(group: K, c: Counts): void {
    const counts = this.countsOf(group);
    counts.commits += c.commits;
    counts.issues += c.issues;
    counts.comments += c.comments;
  }
}

const total = (c: Counts) => c.commits + c.issues + c.comments;
const byName = (a: string, b: string) => a.localeCompare(b, 'de');

export function buildOrganisationReport(facts: OrganisationReportFacts, settings: OrganisationReportSettings): OrganisationReport {
  const org = facts.organisation;
  const elsewhere = new Tally<string>();
  const people = new Tally<number>();
  const projectNames = new Map<string, string>();
  const personNames = new Map<number, string>();
  for (const c of facts.contributions) {
    people.add(c.personId, c);
    personNames.set(c.personId, settings.showNames ? c.displayName : c.pseudonym);
    if (c.projectOwnerId === org.id) continue;
    elsewhere.add(c.projectId, c);
    projectNames.set(c.projectId, c.projectName);
  }
  for (const p of facts.totals.persons) {
    people.addCounts(p.personId, p);
    personNames.set(p.personId, settings.showNames ? p.displayName : p.pseudonym);
  }
  for (const p of facts.totals.projects) {
    if (p.projectOwnerId === org.id) continue;
    elsewhere.addCounts(p.projectId, p);
    projectNames.set(p.projectId, p.projectName);
  }

  const strength = (r: ReusePairFact) => (r.observed ? ('beobachtet' as const) : ('erklärt' as const));
  const reusedBy = facts.reuse
    .filter((r) => r.ownerId === org.id && r.organisationId !== org.id)
    .map((r) => ({
      projectId: r.projectId,
      projectName: r.projectName,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      strength: strength(r)
    }))
    .sort((a, b) => byName(a.projectName, b.projectName) || byName(a.organisationName, b.organisationName));
  const reuses = facts.reuse
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
