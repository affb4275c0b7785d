import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import {
  comparedOrganisationReport,
  comparisonTables,
  daysUpTo,
  reportStand,
  resolveComparison,
  resolvePeriod
} from '$lib/server/organisation-report';
import { organisationReportSheets } from '$lib/reports/export';
import { organisationPageView } from '$lib/reports/organisation-page';
import { getOrganisation } from '$queries/getOrganisation';
import { getCatalogSettings } from '$queries/getCatalogSettings';
import { getLatestAsOf } from '$queries/getLatestAsOf';

/** Content works without JavaScript; none is shipped. */
export const csr = false;

export const load: PageServerLoad = ({ params, url }) => {
  const db = getDb();
  if (!db) return { hasData: false as const };
  const org = getOrganisation(db, params.id);
  if (!org) error(404, `Keine Organisation „${params.id}“ im Katalog.`);
  const period = resolvePeriod(db, url.searchParams);
  const settings = getCatalogSettings(db);
  const compare = resolveComparison(url.searchParams);
  const compared = comparedOrganisationReport(db, org, period, settings, compare);
  const { report, comparison } = compared;
  const periodQuery = new URLSearchParams({ von: period.from, bis: period.to }).toString();
  const off = compare ? '' : 'vergleich=aus';
  /** The page's period and choice of comparison, for the download links. */
  const query = [periodQuery, off].filter(Boolean).join('&');
  const stand = reportStand(db);
  const year = Number(stand.slice(0, 4));
  const rolling = daysUpTo(stand);
  const presets = [
    { label: 'Letzte 12 volle Monate (Standard)', period: '' },
    { label: '365 Tage bis zum Stand', period: `von=${rolling.from}&bis=${rolling.to}` },
    { label: `Jahr ${year}`, period: `von=${year}-01-01&bis=${year}-12-31` },
    { label: `Jahr ${year - 1}`, period: `von=${year - 1}-01-01&bis=${year - 1}-12-31` }
  ].map((p) => ({
    label: p.label,
    query: [p.period, off].filter(Boolean).join('&'),
    current: p.period === '' ? period.isDefault : p.period === periodQuery
  }));
  const sheets = organisationReportSheets(report, comparisonTables(compared)).map((s) => ({
    key: s.key,
    name: s.name,
    rows: s.rows.length
  }));
  return {
    hasData: true as const,
    showNames: settings?.privacy.showNames ?? false,
    organisation: { id: org.id, name: org.name, kind: org.kind, region: org.region, domains: org.domains },
    period,
    /** What the page shows of the report and of its comparison with the previous period (null when `vergleich=aus`). */
    view: organisationPageView(report, comparison),
    /** The newest derived data („Stand“) the report is computed from. */
    asOf: getLatestAsOf(db),
    query,
    /** The same page with the comparison switched the other way. */
    toggleQuery: compare ? `${periodQuery}&vergleich=aus` : periodQuery,
    presets,
    sheets
  };
};
