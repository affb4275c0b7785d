import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { comparedOrganisationReport, comparisonTables, resolveComparison, resolvePeriod } from '$lib/server/organisation-report';
import { organisationReportSheets, toOds } from '$lib/reports/export';
import { getOrganisation } from '$queries/getOrganisation';

/** The OSPO report for the period (`?von=&bis=`, `&vergleich=aus`: without the previous period) as an OpenDocument spreadsheet, one sheet per table. */
export const GET: RequestHandler = ({ params, url }) => {
  const db = getDb();
  if (!db) error(503, 'Noch keine Daten – allmende collect ausführen.');
  const org = getOrganisation(db, params.id);
  if (!org) error(404, `Keine Organisation „${params.id}“ im Katalog.`);
  const period = resolvePeriod(db, url.searchParams);
  if (period.problem) error(400, period.problem);
  const compared = comparedOrganisationReport(db, org, period, undefined, resolveComparison(url.searchParams));
  const { report } = compared;
  const bytes = toOds(organisationReportSheets(report, comparisonTables(compared)), {
    title: `${org.name}: Open-Source-Bericht ${period.from} bis ${period.to}`
  });
  const file = `allmende-${org.id}-${period.from}-${period.to}.ods`.replace(/[^\w.-]/g, '_');
  return new Response(bytes as BodyInit, {
    headers: {
      'content-type': 'application/vnd.oasis.opendocument.spreadsheet',
      'content-disposition': `attachment; filename="${file}"`,
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff'
    }
  });
};
