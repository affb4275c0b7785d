/**
 * Datenlage (DESIGN §6, §11): which of a project's sources have ever been read, and which figures
 * therefore lack data. Lifecycle words are never derived from missing data:
 * | no repository's history was ever read by git (no head commit) | Zustand „unbekannt – keine Daten“, no score |
 * | no forge repository was ever read by its forge (no forge id)  | issue, response and release figures lack data; |
 * |                                                               | „aufgegeben“ cannot be told and becomes „unbekannt“ |
 * A source that was read before and fails now keeps its older data; the gap says since when.
 * An empty repository (read, but without commits) has no history either.
 */
import type { RepositoryFact } from './facts';
import { formatDate } from '../format';

export type CoverageRepository = Pick<RepositoryFact, 'key' | 'forgeId' | 'headCommit' | 'forgeRepoId' | 'lastSuccessAt' | 'lastError'>;

export interface DataGap {
  repository: string;
  /** 'git' or the forge ('github', 'opencode', …) never read; null: the repository's last read failed. */
  source: string | null;
  /** Never read (true) or read before and failing now (false). */
  neverRead: boolean;
  /** The figures that lack data or are as old as the last successful read, in plain German. */
  figures: string;
  /** The last error, when known. */
  error: string | null;
}

export interface DataCoverage {
  /** Some repository's git history was read. */
  history: boolean;
  /** Some forge repository was read by its forge; null when the project has no forge repository. */
  forge: boolean | null;
  gaps: DataGap[];
  /** Why there is no lifecycle verdict, when there is none for lack of history. */
  noHistoryReason: string | null;
}

const GIT_FIGURES = 'Commits, Beitragende, Lizenz und Dateien';
const FORGE_FIGURES = 'Issues, Reaktionszeit, Veröffentlichungen und Forks';

/** `hasCommits`: commits of the project are stored (a history was read even where no head is recorded). */
export function dataCoverage(repositories: readonly CoverageRepository[], hasCommits: boolean): DataCoverage {
  const gaps: DataGap[] = [];
  const forgeRepos = repositories.filter((r) => r.forgeId !== 'git');
  for (const r of repositories) {
    if (r.headCommit == null && !hasCommits)
      gaps.push({ repository: r.key, source: 'git', neverRead: true, figures: GIT_FIGURES, error: r.lastError });
    if (r.forgeId !== 'git' && r.forgeRepoId == null)
      gaps.push({ repository: r.key, source: r.forgeId, neverRead: true, figures: FORGE_FIGURES, error: r.lastError });
    const readBefore = r.headCommit != null || (r.forgeId !== 'git' && r.forgeRepoId != null);
    if (readBefore && r.lastError) {
      const since = r.lastSuccessAt != null ? ` (Stand ${formatDate(r.lastSuccessAt)})` : '';
      gaps.push({
        repository: r.key,
        source: null,
        neverRead: false,
        figures: `alle Zahlen dieses Repositories${since}`,
        error: r.lastError
      });
    }
  }
  const history = hasCommits || repositories.some((r) => r.headCommit != null);
  const firstError = repositories.find((r) => r.lastError)?.lastError ?? null;
  return {
    history,
    forge: forgeRepos.length === 0 ? null : forgeRepos.some((r) => r.forgeRepoId != null),
    gaps,
    noHistoryReason: history
      ? null
      : repositories.length === 0
        ? 'Dem Projekt ist kein Repository zugeordnet.'
        : firstError
          ? `Noch kein Repository konnte gelesen werden: ${firstError}`
          : 'Noch kein Repository wurde gelesen oder enthält Commits.'
  };
}
