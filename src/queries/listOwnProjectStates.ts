import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import type { PeriodParts } from '../lib/metrics/window';
import type { OwnProjectState } from '../lib/reports/organisation';
import type { Lifecycle } from '../lib/reports/types';
import { humanAuthor } from './shared';

/**
 * The organisation's own projects as of the period's end: lifecycle and score of the newest
 * snapshot with as_of ≤ to (a full report or a compact history row, both carry them; none:
 * „unbekannt“, no score), and the human non-merge commits of the period by anyone, each hash once:
 * of its whole months from the monthly counts derive wrote (project_commit_months), of the days
 * before and after them from the commits (commits_repo_date per repository; human: the person's
 * stored bot flag, an identity not yet resolved to a person by its own).
 */
export function listOwnProjectStates(db: Db, organisationId: string, to: string, period: PeriodParts): OwnProjectState[] {
  const edgeCommits = period.edges.map(
    ({ start, end }) => sql`(SELECT count(DISTINCT c.hash)
           FROM project_repositories pr
           JOIN commits c ON c.repository_id = pr.repository_id AND c.author_date >= ${start} AND c.author_date < ${end}
           JOIN identities i ON i.id = c.author_identity_id
           LEFT JOIN persons pe ON pe.id = i.person_id
          WHERE pr.project_id = p.id AND c.parent_count <= 1 AND ${humanAuthor})`
  );
  const monthCommits = period.months
    ? sql`(SELECT coalesce(sum(m.human_commits), 0) FROM project_commit_months m
          WHERE m.project_id = p.id AND m.month >= ${period.months.start} AND m.month < ${period.months.end})`
    : sql`0`;
  return db
    .all<{ id: string; name: string; lifecycle: string | null; score: number | null; humanCommits: number }>(
      sql`
      SELECT p.id AS id, p.name AS name, s.lifecycle AS lifecycle, s.score AS score,
        ${sql.join([monthCommits, ...edgeCommits], sql` + `)} AS humanCommits
      FROM projects p
      LEFT JOIN project_snapshots s ON s.project_id = p.id
        AND s.as_of = (SELECT max(as_of) FROM project_snapshots WHERE project_id = p.id AND as_of <= ${to})
      WHERE p.owner_id = ${organisationId}`
    )
    .map((r) => ({
      id: r.id,
      name: r.name,
      lifecycle: (r.lifecycle ?? 'unbekannt') as Lifecycle,
      score: r.lifecycle === null ? null : r.score,
      humanCommits: r.humanCommits
    }));
}
