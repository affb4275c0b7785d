/** Reviews of the world's items, as the forges answer them (emulator) and the collectors read them (truth). */
import type { WorldItem } from './model';

/** The note GitLab writes when someone approves a merge request. */
export const APPROVAL_NOTE = 'approved this merge request';

/**
 * An item's reviews as the collectors read them: GitHub's reviews; on GitLab the approvals of a
 * merge request, one per approver, dated by the first "approved this merge request" note (what the
 * emulator's approvals API answers).
 */
export function reviewsOf(forge: 'github' | 'gitlab', item: WorldItem): { author: string; at: string }[] {
  if (forge === 'github') return item.reviews.map((r) => ({ author: r.author, at: r.submittedAt }));
  if (item.kind !== 'pull') return [];
  const first = new Map<string, string>();
  for (const c of item.comments) if (c.system && c.body === APPROVAL_NOTE && !first.has(c.author)) first.set(c.author, c.createdAt);
  return [...first].map(([author, at]) => ({ author, at }));
}
