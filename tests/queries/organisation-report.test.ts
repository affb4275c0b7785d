/**
 * The organisation report's facts (src/queries/listOwnProjectStates.ts,
 * listOrganisationContributions.ts, listOrganisationReuse.ts) and the entry point
 * (src/lib/server/organisation-report.ts) on the hand-made dashboard database with a few facts
 * (tests/fixtures/dashboard-extras.ts) and the forge accounts' affiliation periods as derive stores
 * them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/index';
import { loadContext, storeAccountAffiliations } from '../../jobs/derive/context';
import { storeContributionMonths } from '../../jobs/derive/contribution-months';
import { DEFAULT_PERSONAL_EMAIL_DOMAINS } from '../../src/lib/catalog/schema';
import { buildOrganisationReport, periodRange } from '../../src/lib/reports/organisation';
import { splitAtMonths } from '../../src/lib/metrics/window';
import { comparedOrganisationReport, organisationReport, resolvePeriod } from '../../src/lib/server/organisation-report';
import { previousPeriod } from '../../src/lib/reports/organisation-comparison';
import { getOrganisation } from '../../src/queries/getOrganisation';
import { listOrganisationContributions } from '../../src/queries/listOrganisationContributions';
import { listOrganisationReuse } from '../../src/queries/listOrganisationReuse';
import { listOwnProjectStates } from '../../src/queries/listOwnProjectStates';
import { listReuseEvidence } from '../../src/queries/listReuseEvidence';
import { FIXTURE_AS_OF, seedDashboardDb } from '../fixtures/dashboard-db';
import { addDashboardExtras } from '../fixtures/dashboard-extras';

const FROM = '2025-11-24';
let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'allmende-org-'));
  const file = join(dir, 'dash.db');
  seedDashboardDb(file);
  addDashboardExtras(file, FIXTURE_AS_OF);
  const writable = openDatabase(file);
  const ctx = loadContext(writable);
  storeAccountAffiliations(writable, ctx);
  storeContributionMonths(writable, ctx);
  closeDatabase(writable);
  db = openDatabase(file, { readonly: true });
});

afterAll(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

/** A period counted from the facts alone, without the monthly counts. */
const facts = (from: string, to: string) => ({ months: null, edges: [periodRange(from, to)] });
const report = (id: string, from: string, to: string) => organisationReport(db, getOrganisation(db, id)!, { from, to }, null);

describe('listOrganisationContributions', () => {
  it('commits by the email domain used, issues and comments through the stored affiliation periods; no merges, bots or system notes', () => {
    const { projects, persons } = listOrganisationContributions(db, 'ulm', periodRange(FROM, FIXTURE_AS_OF));
    const of = (projectId: string) => projects.find((p) => p.projectId === projectId);
    // Anna (ulm.de) 15 commits to Köln's project and 10 to Ulm's, Ben (it.ulm.de, a parent domain) 1; his merge and the bot's commits are left out.
    // Anna's GitLab account (its own ulm.de address) and her GitHub account (no email: her person's Ulm commits) 3 issues and 3 comments; the system note is left out.
    expect(of('maengelmelder')).toEqual({
      projectId: 'maengelmelder',
      projectName: 'Mängelmelder',
      projectOwnerId: 'koeln',
      commits: 16,
      issues: 3,
      comments: 3
    });
    expect(of('terminbuchung')).toMatchObject({ projectOwnerId: 'ulm', commits: 10, issues: 0, comments: 0 });
    expect(projects).toHaveLength(2);
    expect(persons.map((p) => p.pseudonym).sort()).toEqual(['Person 7f3a', 'Person e0d4']);
    // Each person's contributions once across projects: all of them, as no repository here belongs to two projects.
    const sum = (rows: readonly { commits: number; issues: number; comments: number }[]) =>
      rows.reduce((total, r) => total + r.commits + r.issues + r.comments, 0);
    expect(sum(persons)).toBe(sum(projects));
  });

  it('never counts a personal email domain, as the catalog lists them', () => {
    const { persons } = listOrganisationContributions(db, 'ulm', periodRange(FROM, FIXTURE_AS_OF), {
      personalEmailDomains: [...DEFAULT_PERSONAL_EMAIL_DOMAINS, 'it.ulm.de']
    });
    expect(persons.filter((p) => p.commits > 0).map((p) => p.pseudonym)).not.toContain('Person e0d4');
  });

  it('counts a commit once for its person and once in each project, when its repository belongs to two projects', () => {
    const writable = openDatabase(join(dir, 'dash.db'));
    const columns = writable.$client
      .prepare(`SELECT name FROM pragma_table_info('projects') WHERE name NOT IN ('id', 'name')`)
      .pluck()
      .all()
      .join(', ');
    const share = () => {
      writable.$client.exec(
        `INSERT INTO projects (id, name, ${columns}) SELECT 'zweitprojekt', 'Zweitprojekt', ${columns} FROM projects WHERE id = 'maengelmelder'`
      );
      writable.$client.exec(
        `INSERT INTO project_repositories (project_id, repository_id) SELECT 'zweitprojekt', repository_id FROM project_repositories WHERE project_id = 'maengelmelder'`
      );
    };
    const unshare = () => {
      writable.$client.exec(`DELETE FROM project_repositories WHERE project_id = 'zweitprojekt'`);
      writable.$client.exec(`DELETE FROM projects WHERE id = 'zweitprojekt'`);
    };
    const before = listOrganisationContributions(db, 'ulm', periodRange(FROM, FIXTURE_AS_OF));
    try {
      share();
      const after = listOrganisationContributions(db, 'ulm', periodRange(FROM, FIXTURE_AS_OF));
      const counts = (rows: typeof after.projects, id: string) =>
        rows.filter((p) => p.projectId === id).map(({ commits, issues, comments }) => ({ commits, issues, comments }));
      expect(counts(after.projects, 'zweitprojekt')).toEqual(counts(before.projects, 'maengelmelder'));
      expect(counts(after.projects, 'maengelmelder')).toEqual(counts(before.projects, 'maengelmelder'));
      expect(after.persons).toEqual(before.persons);
    } finally {
      unshare();
      closeDatabase(writable);
    }
  });

  it('respects the period bounds', () => {
    const { projects } = listOrganisationContributions(db, 'ulm', periodRange('2026-11-01', FIXTURE_AS_OF));
    // Commits 5 days ago (maengelmelder) and 1, 11, 21 days ago (terminbuchung); issues 10 and 12, comments 9 and 11 days ago.
    expect(projects.map(({ projectId, commits, issues, comments }) => ({ projectId, commits, issues, comments }))).toEqual(
      expect.arrayContaining([
        { projectId: 'maengelmelder', commits: 1, issues: 2, comments: 2 },
        { projectId: 'terminbuchung', commits: 3, issues: 0, comments: 0 }
      ])
    );
    expect(projects).toHaveLength(2);
  });
});

describe('listOwnProjectStates', () => {
  it('lifecycle and score of the newest snapshot up to the period’s end, human commits of the period', () => {
    expect(listOwnProjectStates(db, 'ulm', FIXTURE_AS_OF, facts(FROM, FIXTURE_AS_OF)).sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'buergerbot', name: expect.stringContaining('Bürger-Chatbot'), lifecycle: 'aktiv', score: 59, humanCommits: 0 },
      // Anna's 10 and Cem's (Dortmund) 1; the bot's commit is left out.
      { id: 'terminbuchung', name: 'Terminbuchung', lifecycle: 'aktiv', score: 78, humanCommits: 11 }
    ]);
    // A year earlier: the oldest weekly snapshot (2025-11-24) for Terminbuchung, none yet for the Bürger-Chatbot.
    expect(
      listOwnProjectStates(db, 'ulm', '2025-11-26', facts('2024-11-27', '2025-11-26')).sort((a, b) => a.id.localeCompare(b.id))
    ).toEqual([
      { id: 'buergerbot', name: expect.stringContaining('Bürger-Chatbot'), lifecycle: 'unbekannt', score: null, humanCommits: 0 },
      { id: 'terminbuchung', name: 'Terminbuchung', lifecycle: 'aktiv', score: 70, humanCommits: 0 }
    ]);
  });
});

describe('listOrganisationReuse', () => {
  it('one row per project and reusing organisation, both ways, evidence dated up to the period’s end', () => {
    const pairs = listOrganisationReuse(db, 'ulm', FIXTURE_AS_OF);
    expect(
      pairs
        .filter((p) => p.ownerId === 'ulm')
        .map((p) => `${p.projectId} ${p.organisationId} ${p.observedSince !== null}`)
        .sort()
    ).toEqual(['terminbuchung augsburg false', 'terminbuchung dortmund true', 'terminbuchung jena false', 'terminbuchung lippe true']);
    expect(pairs.filter((p) => p.organisationId === 'ulm')).toEqual([
      {
        projectId: 'maengelmelder',
        projectName: 'Mängelmelder',
        ownerId: 'koeln',
        organisationId: 'ulm',
        organisationName: 'Stadt Ulm',
        since: expect.stringMatching(/^(\d{4}-\d{2}-\d{2})?$/),
        observedSince: null
      }
    ]);
    // Evidence dated after the period's end does not count yet; evidence without a date (declared) does.
    const early = listOrganisationReuse(db, 'ulm', '2025-01-01');
    expect(early.map((p) => `${p.projectId} ${p.organisationId}`).sort()).toEqual(['maengelmelder ulm', 'terminbuchung jena']);
    const undated = listReuseEvidence(db).filter((e) => e.projectId === 'terminbuchung' && e.organisationId === 'jena');
    expect(undated.every((e) => e.date === null || e.date.slice(0, 10) <= '2025-01-01')).toBe(true);
  });
});

describe('organisationReport', () => {
  it('compares with the previous period as computed on its own, the reuse pairs read once for both', () => {
    const ulm = getOrganisation(db, 'ulm')!;
    // The previous period ends on 2025-01-01, before most of Ulm's reuse evidence (see listOrganisationReuse above).
    const compared = comparedOrganisationReport(db, ulm, { from: '2025-01-02', to: '2026-01-01' }, null);
    const previous = previousPeriod('2025-01-02', '2026-01-01');
    expect(previous.to).toBe('2025-01-01');
    expect(compared.previous).toEqual(organisationReport(db, ulm, previous, null));
    expect(compared.previous!.reusedBy.length).toBeLessThan(compared.report.reusedBy.length);
  });

  it('defaults to the last twelve whole months up to the newest snapshot and checks the GET parameters', () => {
    // Stand 2026-11-23: November is not yet whole.
    const whole = { from: '2025-11-01', to: '2026-10-31' };
    expect(resolvePeriod(db, new URLSearchParams())).toEqual({ ...whole, problem: null, isDefault: true });
    expect(resolvePeriod(db, new URLSearchParams({ von: whole.from, bis: whole.to })).isDefault).toBe(true);
    expect(resolvePeriod(db, new URLSearchParams({ von: FROM, bis: FIXTURE_AS_OF })).isDefault).toBe(false);
    const swapped = resolvePeriod(db, new URLSearchParams({ von: FIXTURE_AS_OF, bis: '2026-01-01' }));
    expect(swapped).toMatchObject({ from: '2026-01-01', to: FIXTURE_AS_OF, isDefault: false });
    expect(swapped.problem).toContain('getauscht');
    const bad = resolvePeriod(db, new URLSearchParams({ von: '2026-02-30' }));
    expect(bad).toMatchObject(whole);
    expect(bad.problem).toContain('kein gültiges Datum');
    expect(bad.problem).toContain(`verwendet wird ${whole.from}`);
  });

  it('completes a period given by one date: an end alone the 365 days up to it, a start alone up to the Stand', () => {
    expect(resolvePeriod(db, new URLSearchParams({ bis: '2026-06-30' }))).toMatchObject({
      from: '2025-07-01',
      to: '2026-06-30',
      problem: null
    });
    expect(resolvePeriod(db, new URLSearchParams({ von: '2026-11-10' }))).toMatchObject({
      from: '2026-11-10',
      to: FIXTURE_AS_OF,
      problem: null
    });
    // A start that is not a date beside a valid end: as if only the end were given.
    const bad = resolvePeriod(db, new URLSearchParams({ von: 'gestern', bis: '2026-06-30' }));
    expect(bad).toMatchObject({ from: '2025-07-01', to: '2026-06-30', isDefault: false });
    expect(bad.problem).toContain('verwendet wird 2025-07-01');
  });

  it('the default period and its previous one are whole months: both summed from the monthly counts alone', () => {
    const ulm = getOrganisation(db, 'ulm')!;
    const period = resolvePeriod(db, new URLSearchParams());
    const previous = previousPeriod(period.from, period.to);
    expect(previous).toEqual({ from: '2024-11-01', to: '2025-10-31' });
    for (const p of [period, previous]) expect(splitAtMonths(periodRange(p.from, p.to)).edges).toEqual([]);
    // And the monthly counts give what the facts give.
    const compared = comparedOrganisationReport(db, ulm, period, null);
    const fromFacts = buildOrganisationReport(
      {
        organisation: ulm,
        from: period.from,
        to: period.to,
        ownProjects: listOwnProjectStates(db, 'ulm', period.to, facts(period.from, period.to)),
        contributions: [listOrganisationContributions(db, 'ulm', periodRange(period.from, period.to))],
        reuse: listOrganisationReuse(db, 'ulm', period.to)
      },
      { showNames: false }
    );
    expect(compared.report).toEqual(fromFacts);
    expect(compared.report.contributionsElsewhere.length, 'the fixture needs contributions in the default period').toBeGreaterThan(0);
  });

  it('puts the facts together: own projects, contributions elsewhere, reuse both ways, contributors', () => {
    const r = report('ulm', FROM, FIXTURE_AS_OF);
    expect(r).toMatchObject({ id: 'ulm', name: 'Stadt Ulm', kind: 'municipality', region: 'DE-BW', from: FROM, to: FIXTURE_AS_OF });
    expect(r.ownProjects.map((p) => p.id)).toEqual(['buergerbot', 'terminbuchung']);
    expect(r.contributionsElsewhere).toEqual([
      { projectId: 'maengelmelder', projectName: 'Mängelmelder', commits: 16, issues: 3, comments: 3 }
    ]);
    expect(r.contributors).toEqual([
      { name: 'Person 7f3a', commits: 25, issues: 3, comments: 3 },
      { name: 'Person e0d4', commits: 1, issues: 0, comments: 0 }
    ]);
    expect(r.reusedBy.map((x) => `${x.organisationId}:${x.strength}`)).toEqual([
      'lippe:beobachtet',
      'augsburg:erklärt',
      'dortmund:beobachtet',
      'jena:erklärt'
    ]);
    expect(r.reuses).toEqual([{ projectId: 'maengelmelder', projectName: 'Mängelmelder', strength: 'erklärt' }]);
    // Dortmund's person contributes to Ulm's project; Baden-Württemberg has nobody.
    expect(report('dortmund', FROM, FIXTURE_AS_OF).contributionsElsewhere).toEqual([
      { projectId: 'terminbuchung', projectName: 'Terminbuchung', commits: 1, issues: 0, comments: 0 }
    ]);
    expect(report('bw', FROM, FIXTURE_AS_OF)).toMatchObject({ contributionsElsewhere: [], contributors: [], ownProjects: [] });
  });

  it('refuses a period that ends before it begins', () => {
    expect(() => report('ulm', FIXTURE_AS_OF, FROM)).toThrow(/Zeitraum/);
  });
});
