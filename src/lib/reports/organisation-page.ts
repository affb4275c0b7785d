/**
 * What the organisation page (src/routes/organisationen/[id]) shows of a report and its comparison:
 * the summary's figures, the first rows of each table with the number of all, the first names of the
 * reusing organisations. The largest owners have hundreds of projects and thousands of reusing
 * organisations; all of them stay in the downloads and the API. The page's data carries only what it
 * renders, because SvelteKit serialises a page's data even when the page ships no JavaScript
 * (@sveltejs/kit 2.70, runtime/server/page/render.js: data_serializer.get_data before the csr check):
 * for an owner of 856 projects two reports of 10,000 reuse pairs each. Pure.
 */
import { byName } from './organisation';
import { figureOf, type OrganisationReportComparison } from './organisation-comparison';
import type { OrganisationReport } from './types';

/** Rows a table of the page shows. */
export const TABLE_LIMIT = 100;
/** Organisations named in the summary's sentence. */
export const NAMES_LIMIT = 12;

/** The first rows of a list and how many it has. */
export interface Shown<T> {
  rows: T[];
  total: number;
}

function shown<T>(rows: readonly T[], limit: number = TABLE_LIMIT): Shown<T> {
  return { rows: rows.slice(0, limit), total: rows.length };
}

type Reuse = OrganisationReport['reusedBy'][number];

/** The names of the organisations of the rows, each organisation once (by id). */
function organisationNames(rows: readonly Reuse[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of rows) names.set(r.organisationId, r.organisationName);
  return names;
}

export function organisationPageView(report: OrganisationReport, comparison: OrganisationReportComparison | null) {
  const observed = organisationNames(report.reusedBy.filter((r) => r.strength === 'beobachtet'));
  // Declared only: an organisation with observed evidence for any project is named once, as observed.
  const declared = organisationNames(report.reusedBy.filter((r) => r.strength === 'erklärt' && !observed.has(r.organisationId)));
  const names = (byId: Map<string, string>) => shown([...byId.values()].sort(byName), NAMES_LIMIT);
  const figure = (key: Parameters<typeof figureOf>[1]) => figureOf(report, key) ?? 0;
  return {
    from: report.from,
    to: report.to,
    summary: {
      ownProjects: report.ownProjects.length,
      activeOwn: figure('ownActive'),
      elsewhereProjects: figure('elsewhereProjects'),
      elsewhereCommits: figure('elsewhereCommits'),
      elsewhereIssues: figure('elsewhereIssues'),
      elsewhereComments: figure('elsewhereComments'),
      observedOrganisations: names(observed),
      declaredOrganisations: names(declared)
    },
    ownProjects: shown(report.ownProjects),
    contributionsElsewhere: shown(report.contributionsElsewhere),
    reusedBy: shown(report.reusedBy),
    reuses: shown(report.reuses),
    contributors: shown(report.contributors),
    comparison: comparison && {
      from: comparison.from,
      to: comparison.to,
      figures: comparison.figures,
      reuseChanges: shown(comparison.reuseChanges)
    }
  };
}

export type OrganisationPageView = ReturnType<typeof organisationPageView>;
