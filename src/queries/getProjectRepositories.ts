import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projectRepositories, repositories } from '../../db/schema';

export interface ProjectRepositoryRow {
  id: number;
  key: string;
  forgeId: string;
  path: string;
  webUrl: string | null;
  description: string | null;
  archived: boolean | null;
  isFork: boolean | null;
  defaultBranch: string | null;
  hasIssues: boolean | null;
  hasSecurityPolicy: boolean | null;
  hasPubliccode: boolean | null;
  publiccodeError: string | null;
  /** What publiccode.yml was read despite (an unknown newer version, an organisation without uri), in German. */
  publiccodeNotices: string[];
  lastCollectedAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorSince: number | null;
}

/** The repositories of a project with their data freshness and last errors (live, not from the snapshot). */
export function getProjectRepositories(db: Db, projectId: string): ProjectRepositoryRow[] {
  return db
    .select({
      id: repositories.id,
      key: repositories.key,
      forgeId: repositories.forgeId,
      path: repositories.path,
      webUrl: repositories.webUrl,
      description: repositories.description,
      archived: repositories.archived,
      isFork: repositories.isFork,
      defaultBranch: repositories.defaultBranch,
      hasIssues: repositories.hasIssues,
      hasSecurityPolicy: repositories.hasSecurityPolicy,
      hasPubliccode: repositories.hasPubliccode,
      publiccodeError: repositories.publiccodeError,
      publiccode: repositories.publiccode,
      lastCollectedAt: repositories.lastCollectedAt,
      lastSuccessAt: repositories.lastSuccessAt,
      lastError: repositories.lastError,
      lastErrorSince: repositories.lastErrorSince
    })
    .from(projectRepositories)
    .innerJoin(repositories, eq(repositories.id, projectRepositories.repositoryId))
    .where(eq(projectRepositories.projectId, projectId))
    .orderBy(asc(repositories.key))
    .all()
    .map(({ publiccode, ...row }) => ({ ...row, publiccodeNotices: noticesOf(publiccode) }));
}

function noticesOf(publiccode: Record<string, unknown> | null): string[] {
  const notices = publiccode?.notices;
  return Array.isArray(notices) ? notices.filter((n): n is string => typeof n === 'string') : [];
}
