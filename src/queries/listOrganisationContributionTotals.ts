import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import type { TimeRange } from '../lib/metrics/window';
import type { ContributionTotals } from '../lib/reports/organisation';
import { personLabel } from './shared';

/**
 * The organisation's affiliated human contributions in the whole months of `months` (month starts in
 * [start, end)), summed from the monthly counts derive wrote (organisation_project_months,
 * organisation_person_months): per project and per person, each contribution once.
 */
export function listOrganisationContributionTotals(db: Db, organisationId: string, months: TimeRange): ContributionTotals {
  const projects = db.all<ContributionTotals['projects'][number]>(sql`
    SELECT m.project_id AS projectId, p.name AS projectName, p.owner_id AS projectOwnerId,
      sum(m.commits) AS commits, sum(m.issues) AS issues, sum(m.comments) AS comments
    FROM organisation_project_months m JOIN projects p ON p.id = m.project_id
    WHERE m.organisation_id = ${organisationId} AND m.month >= ${months.start} AND m.month < ${months.end}
    GROUP BY m.project_id`);
  // An identity without person has the negative of its id (as in listOrganisationContributions);
  // derive writes persons and counts in one transaction, so a positive id always has its person.
  const persons = db.all<ContributionTotals['persons'][number]>(sql`
    SELECT m.person_id AS personId,
      ${personLabel('pseudonym', sql`m.person_id`)} AS pseudonym,
      ${personLabel('display_name', sql`m.person_id`)} AS displayName,
      sum(m.commits) AS commits, sum(m.issues) AS issues, sum(m.comments) AS comments
    FROM organisation_person_months m LEFT JOIN persons pe ON pe.id = m.person_id
    WHERE (pe.id IS NOT NULL OR m.person_id < 0) AND m.organisation_id = ${organisationId} AND m.month >= ${months.start} AND m.month < ${months.end}
    GROUP BY m.person_id`);
  return { projects, persons };
}
