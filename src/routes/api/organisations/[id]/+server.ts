import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { apiError, apiJson, NO_DATA_MESSAGE } from '$lib/server/api';
import { comparedOrganisationReport, comparedReportJson, resolveComparison, resolvePeriod } from '$lib/server/organisation-report';
import { getOrganisation } from '$queries/getOrganisation';

/**
 * The organisation's OSPO report; `?von=YYYY-MM-DD&bis=YYYY-MM-DD` chooses the period. `comparison`
 * compares it with the previous period (null with `?vergleich=aus`).
 */
export const GET: RequestHandler = ({ params, url }) => {
  const db = getDb();
  if (!db) return apiError(503, NO_DATA_MESSAGE);
  const org = getOrganisation(db, params.id);
  if (!org) return apiError(404, `Keine Organisation „${params.id}“ gefunden.`);
  const period = resolvePeriod(db, url.searchParams);
  if (period.problem) return apiError(400, period.problem);
  return apiJson(comparedReportJson(comparedOrganisationReport(db, org, period, undefined, resolveComparison(url.searchParams))));
};
