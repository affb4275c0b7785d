import type { Db } from '../../db/index';
import { getMetaValues } from './getMetaValues';

/** The meta key derive writes with the monthly contribution counts (jobs/derive/contribution-months.ts). */
export const CONTRIBUTION_MONTHS_KEY = 'contribution_months_at';

/**
 * Whether derive wrote the monthly contribution counts: a database migrated to their tables has
 * them empty until its next derive, and its reports count every day from the facts until then.
 */
export function hasContributionMonths(db: Db): boolean {
  return getMetaValues(db, [CONTRIBUTION_MONTHS_KEY]).has(CONTRIBUTION_MONTHS_KEY);
}
