import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { comparedOrganisationReport, comparisonTables, resolveComparison, resolvePeriod } from '$lib/server/organisation-report';
import { organisationReportSheets, toCsv } from '$lib/reports/export';
import { getOrganisation } from '$queries/getOrganisation';

/** One table of the OSPO report as CSV: `?tabelle=<key>&von=&bis=&trennzeichen=semikolon` (`&vergleich=aus`: without the previous period). */
export const GET: RequestHandler = ({ params, url }) => {
  const db = getDb();
  if (!db) error(503, 'Noch keine Daten – allmende collect ausführen.');
  const org = getOrganisation(db, params.id);
  if (!org) error(404, `Keine Organisation „${params.id}“ im Katalog.`);
  const period = resolvePeriod(db, url.searchParams);
  if (period.problem) error(400, period.problem);
  const compared = comparedOrganisationReport(db, org, period, undefined, resolveComparison(url.searchParams));
  const { report } = compared;
  const sheets = organisationReportSheets(report, comparisonTables(compared));
  const key = url.searchParams.get('tabelle') ?? sheets[0].key;
  const sheet = sheets.find((s) => s.key === key);
  if (!sheet) error(404, `Keine Tabelle „${key}“. Möglich: ${sheets.map((s) => s.key).join(', ')}.`);
  const delimiter = url.searchParams.get('trennzeichen') === 'semikolon' ? ';' : ',';
  const body = toCsv(sheet.rows, sheet.columns, { delimiter });
  const file = `allmende-${org.id}-${sheet.key}-${period.from}-${period.to}.csv`.replace(/[^\w.-]/g, '_');
  return new Response(body, {
    headers: {
      'content-type': `text/csv; charset=utf-8; header=present`,
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff'
    }
  });
};
