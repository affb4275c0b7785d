/**
 * Licences that a repository's files declare for themselves (REUSE, https://reuse.software/spec-3.3/):
 * `SPDX-License-Identifier:` tags in the comment header of source files and in `<file>.license`
 * sidecars, `SPDX-License-Identifier` in the annotations of REUSE.toml, and the `License:` fields of
 * the older `.reuse/dep5` (Debian copyright format).
 *
 * Only valid SPDX expressions count (ids checked against the SPDX License List, `LicenseRef-…`
 * allowed): a tag quoted in a string, a regular expression or documentation yields no expression
 * and is ignored. The git collector reads a bounded sample of files (which ones: `headerSample`),
 * so these figures describe the sample, not every file.
 */
import { canonicalSpdx } from './facts';
import { isLicenceFile, joinLicences } from './files';
import { HEADER_BYTES, HEADER_SAMPLE } from './sample';
import { checkSpdxExpression } from './spdx';

/** Comment closers after a tag's value: C and CSS, HTML/XML, Jinja, ERB, OCaml, Haskell, Handlebars, Python docstrings. */
const CLOSERS = /\s*(?:\*\/|-->|--\}\}|#\}|%>|\*\)|-\}|"""|''')\s*$/;

/** The value of an SPDX-License-Identifier tag without a comment closer after it. */
export function tagValue(raw: string): string {
  return raw.replace(CLOSERS, '').trim();
}

/** A valid SPDX expression in SPDX spelling ("eupl-1.2" → EUPL-1.2, "GPL-2.0+" → GPL-2.0-or-later), or null. */
function validExpression(value: string): string | null {
  const check = checkSpdxExpression(value);
  return check.ok ? canonicalSpdx(check.expression) : null;
}

/**
 * A tag on a line of its own, after at most a comment marker (`//`, `#`, ` * `, `--`, `<!--`, `;`,
 * `REM`, `..`): not one in running text or between backticks in Markdown.
 */
const HEADER_LINE = /^[ \t]*(?:[^\sA-Za-z0-9`]{1,4}[ \t]*|rem[ \t]+|\.\.[ \t]+)?SPDX-License-Identifier:[ \t]*(\S[^\r\n]*)$/gim;

/** The licences a file's header declares (usually one; several tags are joined with AND). */
export function headerLicence(text: string): string | null {
  const found: string[] = [];
  for (const m of text.matchAll(HEADER_LINE)) {
    const expression = validExpression(tagValue(m[1]));
    if (expression) found.push(expression);
  }
  return found.length > 0 ? joinLicences(found, 'AND') : null;
}

/** The strings of a TOML value: "…", '…' or an array of them (REUSE.toml allows both). */
function tomlStrings(value: string): string[] {
  return [...value.matchAll(/"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'/g)].map((m) => m[1] ?? m[2]);
}

/** The licence expressions of REUSE.toml's annotations (`SPDX-License-Identifier = "…"` or `= ["…", …]`). */
export function reuseTomlLicences(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(
    /^[ \t]*(?:"SPDX-License-Identifier"|SPDX-License-Identifier)[ \t]*=[ \t]*(\[[^\]]*\]|"[^"\n]*"|'[^'\n]*')/gm
  )) {
    for (const value of tomlStrings(m[1])) {
      const expression = validExpression(value);
      if (expression) out.push(expression);
    }
  }
  return out;
}

/** The licence expressions of `.reuse/dep5`: the `License:` field of each `Files:` paragraph. */
export function dep5Licences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n[ \t]*\r?\n/)) {
    if (!/^Files:/im.test(paragraph)) continue;
    const m = /^License:[ \t]*(\S[^\r\n]*)$/im.exec(paragraph);
    const expression = m ? validExpression(m[1].trim()) : null;
    if (expression) out.push(expression);
  }
  return out;
}

/** What the sample of a repository's files declares, as the git collector stores it. */
export interface DeclaredLicences {
  /** Per distinct expression of the files' headers: how many files of the sample declare it, most first. */
  headers: { spdx: string; files: number }[];
  /** Files of the sample read. */
  sampled: number;
  /** Expressions of REUSE.toml and of .reuse/dep5, when present. */
  reuseToml: string[];
  dep5: string[];
}

/** Counts the headers of the sampled files (null: a file without a tag) together with REUSE.toml and dep5. */
export function declaredLicences(headers: readonly (string | null)[], reuseToml: string[] = [], dep5: string[] = []): DeclaredLicences {
  const counts = new Map<string, number>();
  for (const h of headers) if (h) counts.set(h, (counts.get(h) ?? 0) + 1);
  return {
    headers: [...counts].map(([spdx, files]) => ({ spdx, files })).sort((a, b) => b.files - a.files || a.spdx.localeCompare(b.spdx)),
    sampled: headers.length,
    reuseToml,
    dep5
  };
}

/** The licence the declarations give together (different files, different licences: AND), or null when there are none. */
export function declaredExpression(declared: DeclaredLicences | null | undefined): string | null {
  if (!declared) return null;
  const all = [...declared.headers.map((h) => h.spdx), ...declared.reuseToml, ...declared.dep5];
  return all.length > 0 ? joinLicences(all, 'AND') : null;
}

/** Where files are not the project's own: vendored, generated or built code carries other licences. */
const NOT_OWN =
  /(?:^|\/)(?:node_modules|bower_components|vendor|vendored|third[_-]?party|thirdparty|external|extern|deps|dist|build|target|out|coverage|\.git)\/|\.min\.(?:js|css)$|(?:^|\/)(?:package-lock\.json|yarn\.lock|pnpm-lock\.yaml)$/i;

/** Files where REUSE headers are written: source code, markup, styles, scripts, build files, and `.license` sidecars. */
const HEADER_FILE =
  /\.(?:c|h|cc|cpp|cxx|hh|hpp|cs|go|java|kt|kts|scala|groovy|gradle|js|jsx|mjs|cjs|ts|tsx|mts|cts|vue|svelte|py|rb|php|rs|swift|m|mm|sh|bash|zsh|fish|ps1|pl|pm|lua|r|dart|ex|exs|erl|hs|ml|clj|sql|css|scss|sass|less|html?|xml|xsl|ya?ml|toml|ini|cfg|properties|tf|nix|cmake|license)$|(?:^|\/)(?:Makefile|Dockerfile|CMakeLists\.txt|Containerfile)$/;

/** REUSE's own files, read on their own. */
const REUSE_FILE = /^(?:REUSE\.toml|\.reuse\/.*)$/;

export { HEADER_BYTES, HEADER_SAMPLE };

/**
 * The files whose headers are read: of the files that may carry a header (by name) and are the
 * project's own (not vendored, built, a licence file or REUSE.toml), HEADER_SAMPLE spread evenly over the tree
 * in its order, so that one large folder does not fill the sample.
 */
export function headerSample(paths: readonly string[], size = HEADER_SAMPLE): string[] {
  const candidates = paths.filter((p) => HEADER_FILE.test(p) && !NOT_OWN.test(p) && !isLicenceFile(p) && !REUSE_FILE.test(p));
  if (candidates.length <= size) return candidates;
  return Array.from({ length: size }, (_, i) => candidates[Math.floor((i * candidates.length) / size)]);
}
