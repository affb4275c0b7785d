/**
 * What the browser tests look at, chosen from the data instead of hard-coded ids: the dashboard's own
 * JSON API for the collected world, and the world's truth for what the pipeline should have found.
 */
import { expect } from 'vitest';
import { apiAll, apiData, type Dashboard } from './harness';
import { XSS_MARKUP } from './world-db';
import type { ProjectListEntry } from '../../src/queries/getProjectListPage';

/** An entry of /api/projects. */
export type ProjectItem = ProjectListEntry;

export interface ProjectDetail {
  id: string;
  name: string;
  lifecycle: string | null;
  vitality: { score: number | null };
  repositories: { key: string; forge: string; description: string | null; lastError: string | null }[];
}

export interface ReuseRow {
  projectId: string;
  projectName: string;
  organisationId: string;
  organisationName: string;
  kind: string;
  strength: string;
}

export interface OrgReport {
  id: string;
  name: string;
  kind: string;
  region: string | null;
  from: string;
  to: string;
  ownProjects: { id: string; name: string; lifecycle: string | null; score: number | null; humanCommits: number }[];
  contributionsElsewhere: { projectId: string; projectName: string; commits: number; issues: number; comments: number }[];
  reusedBy: { projectId: string; organisationId: string; strength: string }[];
  contributors: { name: string; commits: number; issues: number; comments: number }[];
}

export interface Picks {
  projects: ProjectItem[];
  details: Map<string, ProjectDetail>;
  reuse: ReuseRow[];
  organisations: Map<string, OrgReport>;
  /** The aktiv project with the highest score (its name is plain text). */
  active: ProjectItem;
  /** A project none of whose repositories could be read („unbekannt – keine Daten“). */
  unknown: ProjectItem | undefined;
  /** Four scored projects for the comparison. */
  candidates: ProjectItem[];
  /** An organisation with own projects, contributions to others' projects and reuse of its own by others. */
  org: OrgReport;
  /** The project whose catalog name and repository description carry `<script>`. */
  xss: ProjectItem;
  /** A repository whose collection failed (the status page lists it), if any. */
  failingRepository: string | null;
  /** The project with the most reusing organisations (observed first), and the organisation reusing the most projects. */
  reusedProject: { id: string; name: string };
  adopter: { id: string; name: string };
}

const plain = (p: ProjectItem) => !p.name.includes('<');

export async function loadPicks(dash: Dashboard): Promise<Picks> {
  const projects = await apiAll<ProjectItem>(dash, '/api/projects');
  const details = new Map<string, ProjectDetail>();
  for (const p of projects) details.set(p.id, await apiData<ProjectDetail>(dash, `/api/projects/${encodeURIComponent(p.id)}`));
  const reuse = await apiAll<ReuseRow>(dash, '/api/reuse');
  const organisations = new Map<string, OrgReport>();
  for (const o of dash.world.truth.organisations) organisations.set(o.id, await apiData<OrgReport>(dash, `/api/organisations/${o.id}`));

  const byScore = [...projects].filter((p) => p.score !== null).sort((a, b) => b.score! - a.score!);
  const active = byScore.find((p) => p.lifecycle === 'aktiv' && plain(p)) ?? byScore.find((p) => p.lifecycle === 'aktiv');
  expect(active, 'Die Welt braucht ein aktives Projekt mit Vitalität.').toBeDefined();
  const candidates = byScore.filter(plain).slice(0, 4);
  expect(candidates, 'Die Welt braucht vier bewertete Projekte für den Vergleich.').toHaveLength(4);

  // From the truth: organisations that own projects, contribute elsewhere, and whose projects others reuse.
  const truth = dash.world.truth;
  const owned = (org: string) => truth.organisations.find((o) => o.id === org)?.projects ?? [];
  const ranked = truth.organisations
    .map((o) => {
      const report = organisations.get(o.id)!;
      const reusedByOthers = truth.reuse.some((r) => r.organisation !== o.id && owned(o.id).includes(r.project));
      const contributes = truth.reuse.some((r) => r.organisation === o.id && r.kind === 'contribution');
      const rank =
        (report.ownProjects.length > 0 ? 4 : 0) +
        (report.contributionsElsewhere.length > 0 ? 4 : 0) +
        (report.reusedBy.length > 0 ? 2 : 0) +
        (reusedByOthers ? 1 : 0) +
        (contributes ? 1 : 0);
      return { report, rank };
    })
    .sort((a, b) => b.rank - a.rank);
  const org = ranked[0]?.report;
  expect(org?.ownProjects.length, 'Keine Organisation mit eigenen Projekten').toBeGreaterThan(0);
  expect(org?.contributionsElsewhere.length, 'Keine Organisation mit Beiträgen zu fremden Projekten').toBeGreaterThan(0);

  const xss = projects.find((p) => p.id === dash.world.meta.xss.project);
  expect(xss?.name, 'Das Projekt mit <script> im Namen fehlt in /api/projects.').toContain(XSS_MARKUP);

  const failing = [...details.values()].flatMap((d) => d.repositories).find((r) => r.lastError !== null);
  return {
    projects,
    details,
    reuse,
    organisations,
    active: active!,
    unknown: projects.find((p) => p.lifecycle === 'unbekannt'),
    candidates,
    org: org!,
    xss: xss!,
    failingRepository: failing?.key ?? null,
    reusedProject: mostReused(reuse, 'projectId', 'projectName'),
    adopter: mostReused(reuse, 'organisationId', 'organisationName')
  };
}

/**
 * The first of the reuse view's rankings (listMostReusedProjects, listMostActiveAdopters): most
 * partners with observed evidence, then most declared-only ones, then the id.
 */
function mostReused(
  rows: ReuseRow[],
  key: 'projectId' | 'organisationId',
  name: 'projectName' | 'organisationName'
): { id: string; name: string } {
  const other = key === 'projectId' ? 'organisationId' : 'projectId';
  const counts = new Map<string, { name: string; observed: Set<string>; all: Set<string> }>();
  for (const r of rows) {
    const c = counts.get(r[key]) ?? { name: r[name], observed: new Set<string>(), all: new Set<string>() };
    c.all.add(r[other]);
    if (r.strength === 'beobachtet') c.observed.add(r[other]);
    counts.set(r[key], c);
  }
  const ranked = [...counts].sort(
    ([a, x], [b, y]) =>
      y.observed.size - x.observed.size || y.all.size - y.observed.size - (x.all.size - x.observed.size) || (a < b ? -1 : a > b ? 1 : 0)
  );
  expect(ranked.length, 'Die Welt braucht Nachnutzung.').toBeGreaterThan(0);
  return { id: ranked[0][0], name: ranked[0][1].name };
}
