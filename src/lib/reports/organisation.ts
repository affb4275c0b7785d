/**
 * The organisation (OSPO) report for a period from–to (both UTC dates, inclusive; DESIGN §8
 * `report --org ID --from --to`, UX.md „Organisation“). Pure: built from per-project summaries.
 *
 * - ownProjects: the projects the organisation owns, with lifecycle and score (as of `to`) and the
 *   human non-merge commits of the period;
 * - contributionsElsewhere: other organisations' projects to which people affiliated with it (per
 *   contribution, DESIGN §5) made human non-merge commits, opened issues/pull requests or wrote
 *   comments/reviews in the period;
 * - reusedBy: organisations with reuse evidence for its own projects (DESIGN §7), one row per
 *   project and organisation, „beobachtet“ when any evidence is observed;
 * - reuses: projects of others it reuses, by the same evidence;
 * - contributors: its people (pseudonyms unless showNames) with their contributions in the period.
 */
import type { CommentFact, CommitFact, ItemFact } from '../metrics/facts';
import { asOfEnd, dayStart } from '../metrics/window';
import { REPORT_SCHEMA_VERSION, type Lifecycle, type OrganisationReport, type ReuseEvidence } from './types';
import type { PersonInfo } from './project';

/** One project's contributions by one person for one organisation in a period. */
export interface ContributionRow {
  projectId: string;
  organisationId: string;
  personId: number;
  commits: number;
  issues: number;
  comments: number;
}

export interface ProjectSummary {
  id: string;
  name: string;
  ownerId: string | null;
  lifecycle: Lifecycle;
  score: number | null;
  /** Human non-merge commits in the period. */
  humanCommits: number;
  reuse: readonly ReuseEvidence[];
}

export interface OrganisationReportInput {
  organisation: { id: string; name: string; kind: string; region?: string | null };
  projects: readonly ProjectSummary[];
  /** Contribution rows of the period (any organisation; the builder filters). */
  contributions: readonly ContributionRow[];
  persons: ReadonlyMap<number, PersonInfo>;
  showNames?: boolean;
}

/** The period [from 00:00, to 24:00) in epoch seconds. */
export function periodRange(from: string, to: string): { start: number; end: number } {
  return { start: dayStart(from), end: asOfEnd(to) };
}

/**
 * Affiliated human contributions of one project in a period, summed per organisation and person.
 * Contributions without affiliation are left out (they belong to no organisation report).
 */
export function summariseContributions(
  projectId: string,
  facts: { commits: readonly CommitFact[]; items: readonly ItemFact[]; comments: readonly CommentFact[] },
  from: string,
  to: string
): ContributionRow[] {
  const { start, end } = periodRange(from, to);
  const rows = new Map<string, ContributionRow>();
  const add = (orgId: string | null, personId: number, at: number, what: 'commits' | 'issues' | 'comments') => {
    if (!orgId || at < start || at >= end) return;
    const key = `${orgId}|${personId}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { projectId, organisationId: orgId, personId, commits: 0, issues: 0, comments: 0 }));
    row[what]++;
  };
  for (const c of facts.commits)
    if (c.parentCount <= 1 && !c.author.isBot) add(c.author.organisationId, c.author.personId, c.authorDate, 'commits');
  for (const i of facts.items) if (i.author && !i.author.isBot) add(i.author.organisationId, i.author.personId, i.createdAt, 'issues');
  for (const c of facts.comments)
    if (!c.system && c.author && !c.author.isBot) add(c.author.organisationId, c.author.personId, c.createdAt, 'comments');
  return [...rows.values()];
}

export function buildOrganisationReport(input: OrganisationReportInput, from: string, to: string): OrganisationReport {
  const org = input.organisation;
  const projectById = new Map(input.projects.map((p) => [p.id, p]));
  const own = input.projects.filter((p) => p.ownerId === org.id);

  const elsewhere = new Map<string, { commits: number; issues: number; comments: number }>();
  const people = new Map<number, { commits: number; issues: number; comments: number }>();
  for (const c of input.contributions) {
    if (c.organisationId !== org.id) continue;
    const person = people.get(c.personId) ?? { commits: 0, issues: 0, comments: 0 };
    person.commits += c.commits;
    person.issues += c.issues;
    person.comments += c.comments;
    people.set(c.personId, person);
    const project = projectById.get(c.projectId);
    if (!project || project.ownerId === org.id) continue;
    const e = elsewhere.get(c.projectId) ?? { commits: 0, issues: 0, comments: 0 };
    e.commits += c.commits;
    e.issues += c.issues;
    e.comments += c.comments;
    elsewhere.set(c.projectId, e);
  }

  const strongest = (evidence: readonly ReuseEvidence[]): 'erklärt' | 'beobachtet' =>
    evidence.some((e) => e.strength === 'beobachtet') ? 'beobachtet' : 'erklärt';
  const reusedBy: OrganisationReport['reusedBy'] = [];
  for (const p of own) {
    const byOrg = new Map<string, ReuseEvidence[]>();
    for (const e of p.reuse) if (e.organisationId !== org.id) byOrg.set(e.organisationId, [...(byOrg.get(e.organisationId) ?? []), e]);
    for (const [orgId, evidence] of byOrg) {
      reusedBy.push({
        projectId: p.id,
        projectName: p.name,
        organisationId: orgId,
        organisationName: evidence[0].organisationName,
        strength: strongest(evidence)
      });
    }
  }
  const reuses: OrganisationReport['reuses'] = [];
  for (const p of input.projects) {
    if (p.ownerId === org.id) continue;
    const evidence = p.reuse.filter((e) => e.organisationId === org.id);
    if (evidence.length > 0) reuses.push({ projectId: p.id, projectName: p.name, strength: strongest(evidence) });
  }

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: org.id,
    name: org.name,
    kind: org.kind,
    region: org.region ?? null,
    from,
    to,
    ownProjects: own
      .map((p) => ({ id: p.id, name: p.name, lifecycle: p.lifecycle, score: p.score, humanCommits: p.humanCommits }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de')),
    contributionsElsewhere: [...elsewhere.entries()]
      .map(([projectId, e]) => ({ projectId, projectName: projectById.get(projectId)?.name ?? projectId, ...e }))
      .sort((a, b) => b.commits - a.commits || b.issues - a.issues || a.projectName.localeCompare(b.projectName, 'de')),
    reusedBy: reusedBy.sort(
      (a, b) => a.projectName.localeCompare(b.projectName, 'de') || a.organisationName.localeCompare(b.organisationName, 'de')
    ),
    reuses: reuses.sort((a, b) => a.projectName.localeCompare(b.projectName, 'de')),
    contributors: [...people.entries()]
      .map(([personId, c]) => {
        const info = input.persons.get(personId);
        return { name: (input.showNames ? info?.displayName : info?.pseudonym) ?? `Person ${personId}`, ...c };
      })
      .sort((a, b) => b.commits + b.issues + b.comments - (a.commits + a.issues + a.comments) || a.name.localeCompare(b.name, 'de'))
  };
}
