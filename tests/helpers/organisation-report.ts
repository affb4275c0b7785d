/** An organisation report for the pure tests of what is made of it: Ulm's, empty unless given. */
import { REPORT_SCHEMA_VERSION, type OrganisationReport } from '../../src/lib/reports/types';

export const organisationReportOf = (over: Partial<OrganisationReport>): OrganisationReport => ({
  schemaVersion: REPORT_SCHEMA_VERSION,
  id: 'ulm',
  name: 'Stadt Ulm',
  kind: 'municipality',
  region: 'DE-BW',
  from: '2026-01-01',
  to: '2026-12-31',
  ownProjects: [],
  contributionsElsewhere: [],
  reusedBy: [],
  reuses: [],
  contributors: [],
  ...over
});
