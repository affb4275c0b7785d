import { describe, expect, it } from 'vitest';
import type { OrganisationFact, RelatedRepositoryFact, RepositoryFact } from '../../../src/lib/metrics/facts';
import { licenceFacts } from '../../../src/lib/licence/facts';
import { buildOrganisationReport, type OrganisationReportFacts } from '../../../src/lib/reports/organisation';
import { buildProjectHistory, buildProjectReport, prepareProject, type ProjectFacts } from '../../../src/lib/reports/project';
import { REPORT_SCHEMA_VERSION } from '../../../src/lib/reports/types';
import { AS_OF, ago, bot, comment, commit, commits, item, person, release } from './fixtures';

const organisations = new Map<string, OrganisationFact>([
  ['ulm', { id: 'ulm', name: 'Stadt Ulm', kind: 'municipality', accounts: ['github:stadt-ulm'] }],
  ['dortmund', { id: 'dortmund', name: 'Stadt Dortmund', kind: 'municipality', accounts: ['github:stadt-dortmund'] }]
]);

function repository(over: Partial<RepositoryFact> = {}): RepositoryFact {
  return {
    id: 1,
    key: 'github:stadt-ulm/terminbuchung',
    forgeId: 'github',
    path: 'stadt-ulm/terminbuchung',
    webUrl: 'https://github.com/stadt-ulm/terminbuchung',
    cloneUrl: 'https://github.com/stadt-ulm/terminbuchung.git',
    description: 'Termine <b>buchen</b>',
    defaultBranch: 'main',
    archived: false,
    isFork: false,
    forkParent: null,
    licenseSpdx: 'EUPL-1.2',
    hasIssues: true,
    createdAt: ago(2000),
    rootCommits: ['root'],
    headCommit: 'head',
    forgeRepoId: '4711',
    licenseFileSpdx: 'EUPL-1.2',
    licenseDeclared: null,
    hasLicenseFile: true,
    hasSecurityPolicy: true,
    branchProtection: null,
    wellKnownFiles: null,
    hasPubliccode: false,
    publiccode: null,
    publiccodeError: null,
    releasesCapped: null,
    lastCollectedAt: ago(0),
    lastSuccessAt: ago(0),
    lastError: null,
    ...over
  };
}

function facts(over: Partial<ProjectFacts> = {}): ProjectFacts {
  return {
    project: { id: 'terminbuchung', name: 'Terminbuchung', ownerId: 'ulm', usedBy: [] },
    organisations,
    repositories: [repository()],
    commits: [],
    tags: [],
    releases: [],
    items: [],
    comments: [],
    licenceHistory: [],
    forks: [],
    related: [],
    basedOn: [],
    persons: new Map([[1, { pseudonym: 'Person A1', displayName: 'Alice Muster' }]]),
    ...over
  };
}

const alice = person(1, 'ulm');
const bob = person(2, 'dortmund');

describe('buildProjectReport', () => {
  it('an active project: figures, score, summary', () => {
    const issue = item(bob, ago(10));
    const report = buildProjectReport(
      facts({
        commits: [...commits(alice, 60, 1), ...commits(bob, 40, 3), commit(bot(9), ago(2)), commit(person(3), ago(2000))],
        items: [issue],
        comments: [comment(issue, alice, ago(10) + 3 * 3600)],
        releases: [release('v1.4.0', ago(24), 'v1.4.0')]
      }),
      AS_OF,
      { licenceLookup: licenceFacts }
    );
    expect(report.lifecycle).toBe('aktiv');
    expect(report.totals).toMatchObject({
      commits: 102,
      humanCommits: 101,
      botCommits: 1,
      humanContributors: 3,
      botContributors: 1,
      releases: 1,
      issues: 1,
      pullRequests: 0
    });
    expect(report.window).toMatchObject({
      humanCommits: 100,
      activeContributors: 2,
      personsFactor: 1,
      organisationsFactor: 1,
      medianFirstResponseHours: 3,
      answeredWithin7DaysShare: 1,
      daysSinceLastRelease: 24
    });
    expect(report.vitality.coverage).toBe(1);
    expect(report.vitality.score).toBeGreaterThan(50);
    expect(report.summary).toBe(
      'Terminbuchung ist aktiv: 2 Beitragende aus 2 Organisationen in 12 Monaten; Issues erhalten im Median nach 3 Stunden eine erste Antwort; letzte Veröffentlichung v1.4.0 vor 24 Tagen.'
    );
    expect(report.licence).toMatchObject({ spdx: 'EUPL-1.2', source: 'forge', copyleft: 'strong' });
    expect(report.contributors[0]).toMatchObject({ name: 'Person A1', organisation: 'Stadt Ulm', commits: 60, share: 0.6 });
    expect(buildProjectReport(facts({ commits: commits(alice, 3) }), AS_OF, { showNames: true }).contributors[0].name).toBe('Alice Muster');
    expect(report.activity).toHaveLength(26);
    expect(report.activity.at(-1)?.weekEnd).toBe(AS_OF);
    expect(report.reuse.map((r) => [r.organisationId, r.kind])).toEqual([['dortmund', 'contribution']]);
    expect(report.findings.map((f) => `${f.key}:${f.severity}`)).toEqual(['publiccode-missing:info', 'no-security-policy:ok']);
    expect(report.repositories[0]).toMatchObject({
      key: 'github:stadt-ulm/terminbuchung',
      url: 'https://github.com/stadt-ulm/terminbuchung'
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('mirrors in one project: commits counted once', () => {
    const own = commits(alice, 10);
    const report = buildProjectReport(
      facts({
        repositories: [repository(), repository({ id: 2, key: 'opencode:ulm/terminbuchung', forgeId: 'opencode' })],
        commits: [...own, ...own.map((c) => ({ ...c }))]
      }),
      AS_OF
    );
    expect(report.totals.commits).toBe(10);
    expect(report.window.humanCommits).toBe(10);
    expect(report.contributors[0].commits).toBe(10);
    expect(report.dataSources).toEqual(['git', 'GitHub', 'OpenCoDE']);
  });

  it('an empty repository: no data, not zero; unbekannt, nicht bewertbar', () => {
    const report = buildProjectReport(facts({ repositories: [repository({ hasIssues: null, headCommit: null })] }), AS_OF);
    expect(report.totals).toMatchObject({ commits: 0, issues: null, pullRequests: null });
    expect(report.window).toMatchObject({
      personsFactor: null,
      organisationsFactor: null,
      medianFirstResponseHours: null,
      closureRatio: null,
      daysSinceLastRelease: null
    });
    expect(report.vitality.score).toBeNull();
    expect(report.firstCommitAt).toBeNull();
    expect(report.lifecycle).toBe('unbekannt');
    expect(report.findings).toEqual([]);
  });

  it('a repository never read: unbekannt with the reason, no score, no findings, the gap named', () => {
    const never = repository({
      headCommit: null,
      forgeRepoId: null,
      hasIssues: null,
      lastSuccessAt: null,
      lastError: 'Repository nicht gefunden (404)'
    });
    const report = buildProjectReport(facts({ repositories: [never] }), AS_OF);
    expect(report.lifecycle).toBe('unbekannt');
    expect(report.lifecycleReason).toBe('Keine Daten: Noch kein Repository konnte gelesen werden: Repository nicht gefunden (404)');
    expect(report.summary).toBe(
      'Terminbuchung: unbekannt – keine Daten. Noch kein Repository konnte gelesen werden: Repository nicht gefunden (404)'
    );
    expect(report.vitality).toMatchObject({ score: null, coverage: 0 });
    expect(report.findings).toEqual([]);
    expect(report.dataGaps?.map((g) => [g.source, g.neverRead])).toEqual([
      ['git', true],
      ['github', true]
    ]);
    // No levels from missing data.
    expect(report.opencodeBadges).toMatchObject({ maintained: null, security: null, licence: null, criteria: [] });
    expect(report.opencodeBadges?.noVerdictReason).toBe(report.lifecycleReason);
  });

  it('a forge never read while git was: figures from git, the forge gap named, no „aufgegeben“ from missing issues', () => {
    const gitOnly = repository({ forgeRepoId: null, hasIssues: null, lastError: 'Ratenlimit erschöpft' });
    const quiet = buildProjectReport(facts({ repositories: [gitOnly], commits: [commit(alice, ago(500))] }), AS_OF);
    expect(quiet.lifecycle).toBe('unbekannt');
    expect(quiet.dataGaps?.map((g) => [g.source, g.neverRead])).toEqual([
      ['github', true],
      [null, false]
    ]);
    expect(quiet.opencodeBadges?.maintained).toBeNull();
    // Nor a checklist: no verdicts for a project „unbekannt – keine Daten“.
    expect(quiet.reuseReadiness).toMatchObject({ items: [], allMet: null, noVerdictReason: quiet.lifecycleReason });
    const busy = buildProjectReport(facts({ repositories: [gitOnly], commits: commits(alice, 30) }), AS_OF);
    expect(busy.lifecycle).not.toBe('unbekannt');
    expect(busy.vitality.coverage).toBeGreaterThan(0);
    // Git facts judge the commits; the reaction time needs the forge's issues: „nicht prüfbar“.
    const reaction = busy.opencodeBadges?.criteria.find((c) => c.key === 'reaction-time');
    expect(reaction).toMatchObject({ state: 'unknown', reason: 'Die Issues wurden bei der Forge noch nicht gelesen.' });
    expect(busy.opencodeBadges?.criteria.find((c) => c.key === 'commits')?.state).toBe('met');
    expect(busy.opencodeBadges?.maintained).toEqual({ level: 'none', undecided: true });
  });

  it('no issue tracker: responsiveness and backlog have no data', () => {
    const report = buildProjectReport(facts({ repositories: [repository({ hasIssues: false })], commits: commits(alice, 30) }), AS_OF);
    expect(report.window).toMatchObject({
      medianFirstResponseHours: null,
      answeredWithin7DaysShare: null,
      unansweredOpenItems: null,
      closureRatio: null,
      medianOpenIssueAgeDays: null
    });
    expect(report.totals.issues).toBeNull();
    const missing = report.vitality.components.filter((c) => c.points === null).map((c) => c.key);
    expect(missing).toEqual(['responsiveness', 'backlog']);
    expect(report.vitality.coverage).toBe(0.7);
  });

  it('all-bot activity: no contributors, a finding, low score', () => {
    const report = buildProjectReport(facts({ commits: commits(bot(9), 50) }), AS_OF);
    expect(report.totals).toMatchObject({ humanCommits: 0, botCommits: 50, humanContributors: 0, botContributors: 1 });
    expect(report.window.activeContributors).toBe(0);
    expect(report.window.activeWeeks26).toBe(0);
    expect(report.lifecycle).toBe('aufgegeben');
    expect(report.findings.map((f) => f.key)).toContain('no-human-commit-12m');
    expect(report.contributors).toEqual([expect.objectContaining({ isBot: true, commits: 50 })]);
  });

  it('unanswered items: censored, counted, and a finding after 30 days', () => {
    const items = [item(bob, ago(45)), item(bob, ago(40)), item(bob, ago(5))];
    const report = buildProjectReport(facts({ commits: commits(alice, 30), items }), AS_OF);
    expect(report.window.unansweredOpenItems).toBe(3);
    expect(report.window.medianFirstResponseHours).toBe(40 * 24 + 12);
    expect(report.window.answeredWithin7DaysShare).toBe(0);
    expect(report.findings.find((f) => f.key === 'unanswered-issues')?.evidence).toMatch(/^2 Issues oder Pull Requests warten/);
  });

  it('a past date sees only the facts up to then', () => {
    const f = facts({ commits: [...commits(alice, 10, 1), ...commits(alice, 10, 400)] });
    const now = buildProjectReport(f, AS_OF);
    const then = buildProjectReport(f, '2025-11-01');
    expect(now.totals.commits).toBe(20);
    expect(then.totals.commits).toBe(10);
    expect(then.asOf).toBe('2025-11-01');
  });

  it('fragmentation: a copy of ours with own commits counts, the upstream we copied from does not', () => {
    // Dortmund's repository shares the root commit with ours and has 41 commits not in this project.
    const other = (over: Partial<RelatedRepositoryFact>): RelatedRepositoryFact => ({
      repositoryId: 2,
      key: 'github:stadt-dortmund/terminbuchung',
      forgeId: 'github',
      path: 'stadt-dortmund/terminbuchung',
      projectId: 'terminbuchung-dortmund',
      projectOwnerId: 'dortmund',
      accountOrganisationId: 'dortmund',
      createdAt: ago(500),
      isFork: false,
      forkParent: null,
      sharesRootWith: 1,
      aheadBy: 41,
      firstCommitAt: ago(3000),
      ...over
    });
    const split = (f: Partial<ProjectFacts>) =>
      buildProjectReport(facts({ commits: commits(alice, 10), ...f }), AS_OF).findings.find((x) => x.key === 'fragmentation');
    // Dortmund's repository is the later one (or the forge says it is our fork): a split.
    expect(split({ related: [other({})] })?.evidence).toContain('stadt-dortmund/terminbuchung');
    expect(split({ related: [other({ createdAt: ago(3000), isFork: true, forkParent: 'github:stadt-ulm/terminbuchung' })] })).toBeDefined();
    // Ours is the fork of Dortmund's repository: Dortmund's own development is upstream, not a split.
    expect(split({ related: [other({ createdAt: ago(3000) })] })).toBeUndefined();
    expect(
      split({
        repositories: [repository({ isFork: true, forkParent: 'github:stadt-dortmund/terminbuchung', createdAt: ago(100) })],
        related: [other({})]
      })
    ).toBeUndefined();
  });

  it('history rows are compact and agree with the full report', () => {
    const prepared = prepareProject(facts({ commits: commits(alice, 100, 1) }));
    const h = buildProjectHistory(prepared, '2026-10-31');
    const full = buildProjectReport(prepared, '2026-10-31');
    const { organisationsByKind, ...window } = full.window;
    expect(organisationsByKind).toEqual({ municipality: 1 });
    expect(h).toMatchObject({ compact: true, lifecycle: full.lifecycle, vitality: full.vitality, window });
    expect(JSON.stringify(h).length).toBeLessThan(JSON.stringify(full).length / 2);
  });
});

describe('buildOrganisationReport', () => {
  const counts = (commits: number, issues: number, comments: number) => ({ commits, issues, comments });
  const project = (projectId: string, projectOwnerId: string | null, c: ReturnType<typeof counts>) => ({
    projectId,
    projectName:
      projectId === 'portal' ? 'Portal' : projectId === 'terminbuchung' ? 'Terminbuchung' : projectId === 'bauakte' ? 'Bauakte' : 'Zuletzt',
    projectOwnerId,
    ...c
  });
  const person = (personId: number, c: ReturnType<typeof counts>) => ({
    personId,
    pseudonym: `Person ${personId}A`,
    displayName: personId === 1 ? 'Alice Muster' : personId === 2 ? 'Bob Beispiel' : 'Cem Yilmaz',
    ...c
  });
  const facts: OrganisationReportFacts = {
    organisation: { id: 'ulm', name: 'Stadt Ulm', kind: 'municipality', region: 'DE-BW' },
    from: '2026-01-01',
    to: AS_OF,
    ownProjects: [
      { id: 'terminbuchung', name: 'Terminbuchung', lifecycle: 'aktiv', score: 71, humanCommits: 7 },
      { id: 'akten', name: 'Aktenplan', lifecycle: 'unbekannt', score: null, humanCommits: 0 }
    ],
    // The days around whole months, as listOrganisationContributions counts them: one commit in two
    // projects (a fork) once in each project and once for its person.
    contributions: [
      {
        projects: [
          project('terminbuchung', 'ulm', counts(1, 0, 0)),
          project('portal', 'dortmund', counts(1, 1, 1)),
          project('zuletzt', 'dortmund', counts(1, 0, 0))
        ],
        persons: [person(1, counts(2, 0, 0)), person(2, counts(0, 1, 1))]
      }
    ],
    reuse: [
      {
        projectId: 'terminbuchung',
        projectName: 'Terminbuchung',
        ownerId: 'ulm',
        organisationId: 'dortmund',
        organisationName: 'Stadt Dortmund',
        since: '',
        observedSince: '2026-03-01'
      },
      {
        projectId: 'terminbuchung',
        projectName: 'Terminbuchung',
        ownerId: 'ulm',
        organisationId: 'augsburg',
        organisationName: 'Stadt Augsburg',
        since: '2026-02-01',
        observedSince: null
      },
      {
        projectId: 'portal',
        projectName: 'Portal',
        ownerId: 'dortmund',
        organisationId: 'ulm',
        organisationName: 'Stadt Ulm',
        since: '2026-02-01',
        observedSince: null
      },
      {
        projectId: 'portal',
        projectName: 'Portal',
        ownerId: 'dortmund',
        organisationId: 'jena',
        organisationName: 'Stadt Jena',
        since: '',
        observedSince: '2026-03-01'
      }
    ]
  };

  it('own projects, contributions elsewhere, reuse both ways, pseudonymised people', () => {
    const r = buildOrganisationReport(facts, { showNames: false });
    expect(r).toMatchObject({ schemaVersion: REPORT_SCHEMA_VERSION, id: 'ulm', region: 'DE-BW', from: '2026-01-01', to: AS_OF });
    expect(r.ownProjects.map((p) => [p.id, p.lifecycle, p.score])).toEqual([
      ['akten', 'unbekannt', null],
      ['terminbuchung', 'aktiv', 71]
    ]);
    expect(r.contributionsElsewhere).toEqual([
      { projectId: 'portal', projectName: 'Portal', commits: 1, issues: 1, comments: 1 },
      { projectId: 'zuletzt', projectName: 'Zuletzt', commits: 1, issues: 0, comments: 0 }
    ]);
    expect(r.reusedBy).toEqual([
      {
        projectId: 'terminbuchung',
        projectName: 'Terminbuchung',
        organisationId: 'augsburg',
        organisationName: 'Stadt Augsburg',
        strength: 'erklärt'
      },
      {
        projectId: 'terminbuchung',
        projectName: 'Terminbuchung',
        organisationId: 'dortmund',
        organisationName: 'Stadt Dortmund',
        strength: 'beobachtet'
      }
    ]);
    expect(r.reuses).toEqual([{ projectId: 'portal', projectName: 'Portal', strength: 'erklärt' }]);
    expect(r.contributors).toEqual([
      { name: 'Person 1A', commits: 2, issues: 0, comments: 0 },
      { name: 'Person 2A', commits: 0, issues: 1, comments: 1 }
    ]);
  });

  it('takes the reuse pairs with evidence up to the period’s end, observed when that evidence is', () => {
    const later = (r: OrganisationReportFacts['reuse'][number], since: string, observedSince: string | null) => ({
      ...r,
      since,
      observedSince
    });
    const [dortmund, augsburg, ...rest] = facts.reuse;
    const r = buildOrganisationReport(
      {
        ...facts,
        to: '2026-03-31',
        // Dortmund's first evidence 2026-02-01, observed only from 2026-04-02; Augsburg's from 2026-04-01.
        reuse: [later(dortmund, '2026-02-01', '2026-04-02'), later(augsburg, '2026-04-01', null), ...rest]
      },
      { showNames: false }
    );
    expect(r.reusedBy.map((x) => `${x.organisationId} ${x.strength}`)).toEqual(['dortmund erklärt']);
    expect(r.reuses).toEqual([{ projectId: 'portal', projectName: 'Portal', strength: 'erklärt' }]);
  });

  it('shows display names with privacy.showNames', () => {
    expect(buildOrganisationReport(facts, { showNames: true }).contributors.map((c) => c.name)).toEqual(['Alice Muster', 'Bob Beispiel']);
  });

  it('adds the whole months’ counts to the counts of the days around them', () => {
    const r = buildOrganisationReport(
      {
        ...facts,
        contributions: [
          ...facts.contributions,
          {
            projects: [
              project('portal', 'dortmund', counts(3, 0, 2)),
              project('bauakte', null, counts(0, 4, 0)),
              // An own project's counts stay out of the contributions elsewhere.
              project('terminbuchung', 'ulm', counts(9, 9, 9))
            ],
            persons: [person(1, counts(12, 0, 2)), person(3, counts(0, 4, 0))]
          }
        ]
      },
      { showNames: false }
    );
    expect(r.contributionsElsewhere).toEqual([
      { projectId: 'portal', projectName: 'Portal', ...counts(4, 1, 3) },
      { projectId: 'zuletzt', projectName: 'Zuletzt', ...counts(1, 0, 0) },
      { projectId: 'bauakte', projectName: 'Bauakte', ...counts(0, 4, 0) }
    ]);
    expect(r.contributors).toEqual([
      { name: 'Person 1A', ...counts(14, 0, 2) },
      { name: 'Person 3A', ...counts(0, 4, 0) },
      { name: 'Person 2A', ...counts(0, 1, 1) }
    ]);
  });
});
