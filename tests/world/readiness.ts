/**
 * „Bereit zur Nachnutzung?“ in the world: which well-known files a project's repositories carry
 * (a believable minority beyond README and licence: most small municipal projects have a README and
 * a licence, some a CONTRIBUTING or CHANGELOG, few a GOVERNANCE or ROADMAP), and the checklist the
 * truth expects (src/lib/metrics/reuseReadiness.ts, the items of code.gouv.fr and the Standard for
 * Public Code). The truth states its own rules here; it never calls allmende's metric.
 */
import type { GCommit } from './internal';
import type { Rng } from './prng';

export type CheckState = 'met' | 'not-met' | 'unknown';

export const READINESS_TRUTH_ITEMS = [
  'readme',
  'documentation',
  'contributing',
  'code-of-conduct',
  'governance',
  'changelog',
  'roadmap',
  'authors',
  'licence',
  'publiccode',
  'last-commit',
  'last-release',
  'public-reuse'
] as const;
export type ReadinessTruthItem = (typeof READINESS_TRUTH_ITEMS)[number];

/** The optional files a world project may carry, by checklist item. */
export type WorldReadinessFile = 'documentation' | 'code-of-conduct' | 'governance' | 'changelog' | 'roadmap' | 'authors';

export interface ReadinessTruth {
  /** The well-known file paths the collector should find (key → path), README and CONTRIBUTING included. */
  files: Record<string, string>;
  /** Expected state of each item; null: no verdicts (nothing readable). */
  items: Record<ReadinessTruthItem, CheckState> | null;
  allMet: boolean | null;
}

/** How often each optional file appears in a generated project. */
const CHANCES: Record<WorldReadinessFile, number> = {
  documentation: 0.25,
  'code-of-conduct': 0.2,
  governance: 0.08,
  changelog: 0.35,
  roadmap: 0.07,
  authors: 0.15
};

/** The files (path → text) and key → path for a project; `all`: every optional file (special projects). */
export function worldReadinessFiles(
  rng: Rng,
  forge: string,
  all: boolean
): { files: Record<string, string>; keys: Partial<Record<WorldReadinessFile, string>> } {
  const files: Record<string, string> = {};
  const keys: Partial<Record<WorldReadinessFile, string>> = {};
  const add = (key: WorldReadinessFile, path: string, text: string, folder?: string) => {
    files[path] = text;
    keys[key] = folder ?? path;
  };
  const wants = (key: WorldReadinessFile) => all || rng.chance(CHANCES[key]);
  if (wants('documentation')) add('documentation', 'docs/index.md', '# Dokumentation\n\nInstallation und Betrieb.\n', 'docs/');
  if (wants('code-of-conduct'))
    add(
      'code-of-conduct',
      forge === 'github' ? '.github/CODE_OF_CONDUCT.md' : 'CODE_OF_CONDUCT.md',
      '# Verhaltenskodex\n\nWir gehen respektvoll miteinander um.\n'
    );
  if (wants('governance')) add('governance', 'GOVERNANCE.md', '# Steuerung\n\nEin Lenkungskreis der beteiligten Kommunen entscheidet.\n');
  if (wants('changelog'))
    add('changelog', rng.chance(0.7) ? 'CHANGELOG.md' : 'CHANGES.md', '# Änderungen\n\n## 1.0.0\n\n- Erste Version\n');
  if (wants('roadmap')) add('roadmap', 'ROADMAP.md', '# Planung\n\n- Barrierefreiheit verbessern\n');
  if (wants('authors')) add('authors', rng.chance(0.5) ? 'AUTHORS' : 'CONTRIBUTORS.md', 'Stadtverwaltung und Beitragende\n');
  return { files, keys };
}

/** The paths of a repository's tip: fast-import builds each commit's tree from its first parent's and its changes. */
export function tipPaths(head: number | null, commits: ReadonlyMap<number, GCommit>): Set<string> {
  const chain: GCommit[] = [];
  for (let id = head; id !== null && id !== undefined;) {
    const c = commits.get(id)!;
    chain.push(c);
    id = c.parents[0] ?? null;
  }
  const paths = new Set<string>();
  for (const c of chain.reverse())
    for (const [path, content] of c.ch) {
      if (content === null) paths.delete(path);
      else paths.add(path);
    }
  return paths;
}

/** The world's spellings of the checklist's files (the truth's own list, not allmende's patterns). */
const WORLD_FILES: Record<string, string> = {
  'README.md': 'readme',
  'CONTRIBUTING.md': 'contributing',
  'CODE_OF_CONDUCT.md': 'code-of-conduct',
  '.github/CODE_OF_CONDUCT.md': 'code-of-conduct',
  'GOVERNANCE.md': 'governance',
  'CHANGELOG.md': 'changelog',
  'CHANGES.md': 'changelog',
  'ROADMAP.md': 'roadmap',
  AUTHORS: 'authors',
  'CONTRIBUTORS.md': 'authors'
};

/** Key → path over the repositories' tips, in catalog order: the first repository with the file names it. */
export function worldFilesOf(tips: Set<string>[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const paths of tips) {
    const here: Record<string, string> = {};
    for (const path of [...paths].sort()) {
      const key = WORLD_FILES[path];
      if (key && !here[key]) here[key] = path;
      if (path.startsWith('docs/')) here.documentation = 'docs/';
    }
    for (const [key, path] of Object.entries(here)) files[key] ??= path;
  }
  return files;
}

/**
 * Code commits write docs/betrieb.md and CHANGELOG.md (history.ts CODE_FILES); a project without
 * documentation or a changelog gets those changes in src/ instead, so that only a minority has them,
 * and a project whose changelog is CHANGES.md writes there (one changelog per repository, as the
 * truth names it).
 */
export function codeFileFor(keys: Partial<Record<WorldReadinessFile, string>>): (path: string) => string {
  return (path) =>
    path.startsWith('docs/') && !keys.documentation
      ? 'src/betrieb.md'
      : path === 'CHANGELOG.md'
        ? (keys.changelog ?? 'src/version.ts')
        : path;
}

export interface ReadinessInput {
  /** Key → path of the files the project's repositories carry (all share them). */
  files: Record<string, string>;
  /** Per repository of the project: can git read it (public, not empty)? */
  readable: boolean[];
  publiccodeValid: boolean;
  publiccodePresent: boolean;
  humans: number;
  organisations: number;
  lastCommitRecent: boolean;
  lastReleaseRecent: boolean;
}

/** The truth's checklist, all items but public reuse (set by withPublicReuse once reuse is known). */
export function readinessTruth(input: ReadinessInput): ReadinessTruth {
  if (!input.readable.some(Boolean)) return { files: input.files, items: null, allMet: null };
  const someUnread = input.readable.some((r) => !r);
  const file = (key: string): CheckState => (input.files[key] ? 'met' : someUnread ? 'unknown' : 'not-met');
  const items = {
    readme: file('readme'),
    documentation: file('documentation'),
    contributing: file('contributing'),
    'code-of-conduct': file('code-of-conduct'),
    governance: file('governance'),
    changelog: file('changelog'),
    roadmap: file('roadmap'),
    authors: input.humans >= 2 && input.organisations >= 2 ? file('authors') : 'not-met',
    licence: someUnread ? 'unknown' : 'met',
    publiccode: input.publiccodeValid ? 'met' : input.publiccodePresent || !someUnread ? 'not-met' : 'unknown',
    'last-commit': input.lastCommitRecent ? 'met' : 'not-met',
    'last-release': input.lastReleaseRecent ? 'met' : 'not-met',
    'public-reuse': 'not-met'
  } satisfies Record<ReadinessTruthItem, CheckState>;
  return { files: input.files, items, allMet: false };
}

/** Public reuse: at least two public bodies with observed (not only declared) evidence. */
export function withPublicReuse(truth: ReadinessTruth, observedPublicBodies: number): void {
  if (!truth.items) return;
  truth.items['public-reuse'] = observedPublicBodies >= 2 ? 'met' : 'not-met';
  truth.allMet = Object.values(truth.items).every((s) => s === 'met');
}

/** Public bodies: the adopters that are public administrations. */
export const PUBLIC_BODY_KINDS: readonly string[] = ['municipality', 'county', 'state', 'federal'];
