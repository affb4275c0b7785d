/**
 * Abhängigkeit von wenigen Organisationen (CHAOSS Elephant Factor, DESIGN §6).
 *
 * Definition: the smallest number of organisations that together account for at least 50 % of the
 * human non-merge commits in the window (default 365 days ending with asOf). Each commit belongs to
 * the organisation its author was affiliated with through the email used for it (DESIGN §5:
 * affiliation per contribution, not per person). Contributions without affiliation („ohne
 * Zuordnung“) form one bucket per person, never one big bucket. null when there is no human commit.
 */
import { absenceFactor, type FactorResult } from './absenceFactor';
import type { CommitFact } from './facts';
import { inRange, MONTHS_12, windowRange } from './window';

/** A bucket: an organisation id, or "person:<id>" for a person without affiliation. */
export type OrganisationBucket = string;

export const personBucket = (personId: number): OrganisationBucket => `person:${personId}`;
export const isPersonBucket = (bucket: OrganisationBucket): boolean => bucket.startsWith('person:');

export function organisationsFactor(commits: readonly CommitFact[], asOf: string, days = MONTHS_12): FactorResult<OrganisationBucket> {
  const range = windowRange(asOf, days);
  const counts = new Map<OrganisationBucket, number>();
  for (const c of commits) {
    if (c.parentCount > 1 || c.author.isBot || !inRange(c.authorDate, range)) continue;
    const bucket = c.author.organisationId ?? personBucket(c.author.personId);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return absenceFactor(counts);
}
