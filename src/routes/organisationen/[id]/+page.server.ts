import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { defaultPeriod, organisationReport, resolvePeriod } from '$lib/server/organisation-report';
import { organisationReportSheets } from '$lib/reports/export';
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
  const report = organisationReport(db, org, period, settings);
  const query = new URLSearchParams({ von: period.from, bis: period.to }).toString();
  const year = Number(defaultPeriod(db).to.slice(0, 4));
  const presets = [
    { label: 'Standard (12 Monate)', query: '' },
    { label: `Jahr ${year}`, query: `von=${year}-01-01&bis=${year}-12-31` },
    { label: `Jahr ${year - 1}`, query: `von=${year - 1}-01-01&bis=${year - 1}-12-31` }
  ].map((p) => ({ ...p, current: p.query === '' ? period.isDefault : p.query === query }));
  const sheets = organisationReportSheets(report).map((s) => ({ key: s.key, name: s.name, rows: s.rows.length }));
  return {
    hasData: true as const,
    showNames: settings?.privacy.showNames ?? false,
    organisation: { id: org.id, name: org.name, kind: org.kind, region: org.region, domains: org.domains },
    period,
    report,
    /** The newest derived data („Stand“) the report is computed from. */
    asOf: getLatestAsOf(db),
    query,
    presets,
    sheets
  };
};
