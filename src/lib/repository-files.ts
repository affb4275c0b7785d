/**
 * The well-known files of a repository (issue 15, reuse readiness; openCode Security): which paths
 * of the default branch's tip count as README, documentation, CONTRIBUTING, CODE_OF_CONDUCT,
 * GOVERNANCE, CHANGELOG, ROADMAP, AUTHORS, SECURITY, licence and publiccode.yml. One place for the
 * patterns: the git collector (jobs/collectors/git.ts) applies them to the regular files of
 * `git ls-tree` (symbolic links and submodules are never files the project ships) and stores the
 * result in repositories.well_known_files (key → first path found).
 *
 * Names are compared without case, with an optional documentation extension (.md, .markdown,
 * .txt, .rst, .adoc, .org). Where they may live:
 * - README, CONTRIBUTING, CODE_OF_CONDUCT, GOVERNANCE, SECURITY: the root, `.github/` or `docs/` —
 *   where GitHub looks for a README and for community health files
 *   (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-readmes,
 *   https://docs.github.com/en/communities/setting-up-your-project-for-healthy-contributions/creating-a-default-community-health-file).
 *   SECURITY keeps the stricter rule the openCode check always had (.md, .txt or .rst required).
 * - CHANGELOG (also CHANGES, HISTORY, NEWS), ROADMAP, AUTHORS (also CONTRIBUTORS, MAINTAINERS):
 *   no forge documents a place for them; allmende accepts the root and `docs/` (ROADMAP also
 *   `.github/`), as code.gouv.fr's criteria name the files without a folder.
 * - Documentation: a folder `docs/` or `doc/` at the root with at least one regular file (at any
 *   depth); the value is the folder.
 * - Licence: a licence file at the root (src/lib/licence/files.ts, LICENSE, COPYING …).
 * - publiccode.yml: `publiccode.yml` or `publiccode.yaml` at the root (https://yml.publiccode.tools/).
 * Where several paths match, the root wins, then `.github/`, then `docs/`; then the shortest path.
 */
import { LICENCE_FILE } from './licence/files';

export const WELL_KNOWN_FILE_KEYS = [
  'readme',
  'documentation',
  'contributing',
  'code-of-conduct',
  'governance',
  'changelog',
  'roadmap',
  'authors',
  'security',
  'licence',
  'publiccode'
] as const;
export type WellKnownFileKey = (typeof WELL_KNOWN_FILE_KEYS)[number];
/** repositories.well_known_files: the path found for each key present. */
export type WellKnownFiles = Partial<Record<WellKnownFileKey, string>>;

const EXT = String.raw`(?:\.(?:md|markdown|txt|rst|adoc|org))?`;
const HEALTH_DIRS = String.raw`(?:\.github\/|docs\/)?`;
const DOCS_DIR = String.raw`(?:docs\/)?`;
const file = (dirs: string, names: string, ext = EXT) => new RegExp(`^${dirs}(?:${names})${ext}$`, 'i');

/** The file patterns, per key (documentation is a folder, see folderOf). */
export const WELL_KNOWN_FILE_PATTERNS: Readonly<Record<Exclude<WellKnownFileKey, 'documentation'>, RegExp>> = {
  readme: file(HEALTH_DIRS, 'readme'),
  contributing: file(HEALTH_DIRS, 'contributing'),
  'code-of-conduct': file(HEALTH_DIRS, 'code[_-]of[_-]conduct'),
  governance: file(HEALTH_DIRS, 'governance'),
  changelog: file(DOCS_DIR, 'changelog|changes|history|news'),
  roadmap: file(HEALTH_DIRS, 'roadmap'),
  authors: file(DOCS_DIR, 'authors|contributors|maintainers'),
  security: file(HEALTH_DIRS, 'security', String.raw`\.(?:md|txt|rst)`),
  licence: LICENCE_FILE,
  publiccode: /^publiccode\.ya?ml$/
};

/** The documentation folders accepted at the root. */
export const DOCUMENTATION_FOLDERS = ['docs', 'doc'] as const;

const NOT_TEXT = /\.(?:png|jpe?g|gif|svg|pdf|ico|webp)$/i;

/** Root first, then .github/, then docs/; then the shorter path; then by name. */
function preference(path: string): [number, number, string] {
  const rank = !path.includes('/') ? 0 : path.toLowerCase().startsWith('.github/') ? 1 : 2;
  return [rank, path.length, path];
}

function better(a: string, b: string): boolean {
  const [ra, la, pa] = preference(a);
  const [rb, lb, pb] = preference(b);
  return ra !== rb ? ra < rb : la !== lb ? la < lb : pa < pb;
}

/**
 * The well-known files among the regular files of a tree (paths relative to the root). Pass the
 * regular files only: a symbolic link is not a file the project ships.
 */
export function findWellKnownFiles(paths: Iterable<string>): WellKnownFiles {
  const found: WellKnownFiles = {};
  const patterns = Object.entries(WELL_KNOWN_FILE_PATTERNS) as [Exclude<WellKnownFileKey, 'documentation'>, RegExp][];
  for (const path of paths) {
    const top = path.slice(0, path.indexOf('/'));
    if (path.includes('/') && (DOCUMENTATION_FOLDERS as readonly string[]).includes(top.toLowerCase())) {
      const folder = `${top}/`;
      if (!found.documentation || better(folder, found.documentation)) found.documentation = folder;
    }
    if (path.split('/').length > 2 || NOT_TEXT.test(path)) continue;
    for (const [key, pattern] of patterns) {
      if (!pattern.test(path)) continue;
      const known = found[key];
      if (!known || better(path, known)) found[key] = path;
    }
  }
  return found;
}
