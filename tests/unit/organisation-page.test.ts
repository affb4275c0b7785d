/** What the organisation page shows of a report (src/lib/reports/organisation-page.ts). */
import { describe, expect, it } from 'vitest';
import { compareOrganisationReports } from '../../src/lib/reports/organisation-comparison';
import { NAMES_LIMIT, TABLE_LIMIT, organisationPageView } from '../../src/lib/reports/organisation-page';
import { organisationReportOf } from '../helpers/organisation-report';

const report = organisationReportOf;

const pair = (
  projectId: string,
  organisationId: string,
  strength: 'beobachtet' | 'erklärt',
  organisationName = `Stadt ${organisationId}`
) => ({
  projectId,
  projectName: projectId,
  organisationId,
  organisationName,
  strength
});

const many = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

describe('organisationPageView', () => {
  it('the first rows of each table with the number of all, the summary’s figures over all rows', () => {
    const r = report({
      ownProjects: many(250, (i) => ({
        id: `p${i}`,
        name: `P${i}`,
        lifecycle: i % 5 === 0 ? 'aktiv' : 'ruhend',
        score: 50,
        humanCommits: 1
      })),
      contributionsElsewhere: many(120, (i) => ({ projectId: `x${i}`, projectName: `X${i}`, commits: 2, issues: 1, comments: 3 })),
      reuses: many(3, (i) => ({ projectId: `r${i}`, projectName: `R${i}`, strength: 'erklärt' as const })),
      contributors: many(101, (i) => ({ name: `Person ${i}`, commits: 1, issues: 0, comments: 0 }))
    });
    const view = organisationPageView(r, null);
    expect([view.ownProjects.total, view.ownProjects.rows.length]).toEqual([250, TABLE_LIMIT]);
    expect(view.ownProjects.rows).toEqual(r.ownProjects.slice(0, TABLE_LIMIT));
    expect([view.contributionsElsewhere.total, view.contributionsElsewhere.rows.length]).toEqual([120, TABLE_LIMIT]);
    expect(view.reuses).toEqual({ rows: r.reuses, total: 3 });
    expect([view.contributors.total, view.contributors.rows.length]).toEqual([101, TABLE_LIMIT]);
    expect(view.summary).toMatchObject({
      ownProjects: 250,
      activeOwn: 50,
      elsewhereProjects: 120,
      elsewhereCommits: 240,
      elsewhereIssues: 120,
      elsewhereComments: 360
    });
    expect(view.comparison).toBeNull();
  });

  it('names each reusing organisation once, in German order, as observed when any of its evidence is, declared otherwise', () => {
    const view = organisationPageView(
      report({
        reusedBy: [
          pair('a', 'ulm2', 'erklärt', 'Stadt Überlingen'),
          pair('b', 'ulm2', 'beobachtet', 'Stadt Überlingen'),
          pair('a', 'jena', 'erklärt', 'Stadt Jena'),
          pair('c', 'jena', 'erklärt', 'Stadt Jena'),
          pair('a', 'augsburg', 'beobachtet', 'Stadt Augsburg'),
          pair('a', 'zwickau', 'erklärt', 'Stadt Zwickau')
        ]
      }),
      null
    );
    expect(view.summary.observedOrganisations).toEqual({ rows: ['Stadt Augsburg', 'Stadt Überlingen'], total: 2 });
    expect(view.summary.declaredOrganisations).toEqual({ rows: ['Stadt Jena', 'Stadt Zwickau'], total: 2 });
  });

  it(`names at most ${NAMES_LIMIT} organisations and counts the rest; the comparison’s changes shown as the tables`, () => {
    const previous = report({ from: '2025-01-01', to: '2025-12-31' });
    const current = report({ reusedBy: many(150, (i) => pair('a', `o${String(i).padStart(3, '0')}`, 'beobachtet')) });
    const view = organisationPageView(current, compareOrganisationReports(current, previous));
    expect(view.summary.observedOrganisations.rows).toEqual(many(NAMES_LIMIT, (i) => `Stadt o${String(i).padStart(3, '0')}`));
    expect(view.summary.observedOrganisations.total).toBe(150);
    expect(view.reusedBy.total).toBe(150);
    expect(view.comparison).toMatchObject({ from: '2025-01-01', to: '2025-12-31', reuseChanges: { total: 150 } });
    expect(view.comparison!.reuseChanges.rows).toHaveLength(TABLE_LIMIT);
    expect(view.comparison!.figures.find((f) => f.key === 'reusingOrganisations')).toMatchObject({ current: 150, previous: 0 });
  });
});
