/**
 * Lizenz (DESIGN §6).
 *
 * Definition: the project's SPDX licence id, taken from the first source that names one, in this
 * order: the forge's licence detection (GitHub "NOASSERTION"/"other" do not count), publiccode.yml
 * `legal.license`, the detected licence files, what the files declare for themselves (REUSE:
 * SPDX-License-Identifier headers of a sample of files, REUSE.toml, .reuse/dep5) — each looked up
 * over the project's repositories in catalog order. The files' declaration also replaces a licence
 * file whose text names no known licence ("andere Lizenz"), and otherwise confirms or contradicts
 * the licence shown (`declared.agrees`: the same licence as all declarations together or as the
 * most frequent header). For that id: OSI approval, FSF free-software status and the copyleft class
 * (strong / weak / permissive), from the licence table (src/lib/licence).
 * A change of licence is a version of a licence file (licence_history, along the default branch,
 * up to asOf) whose detected id differs from the previous detected id of the same file; unrecognised
 * or deleted versions (no id) do not count as a change, nor does a new notice style of the same
 * licence (a GNU full text, which does not say -only or -or-later, replaced by a notice that does). Copies of a commit in mirrors count once.
 */
import { unspecifiedGnu } from '../licence/detect';
import { sameLicence } from '../licence/facts';
import { declaredExpression } from '../licence/headers';
import type { CopyleftClass, DeclaredLicence, Licence } from '../reports/types';
import type { LicenceVersionFact, RepositoryFact } from './facts';
import { asOfEnd, toDate } from './window';

export interface LicenceInfo {
  name: string | null;
  osiApproved: boolean | null;
  fsfLibre: boolean | null;
  copyleft: CopyleftClass | null;
}

export type LicenceLookup = (spdx: string) => LicenceInfo | null;

const NOT_A_LICENCE = new Set(['noassertion', 'other', 'none', '']);

/** A bare GNU id ("GPL-3.0", deprecated by SPDX) that does not say -only or -or-later. */
const vagueGnu = (id: string) => /^(?:A|L)?GPL-\d\.\d$/i.test(id.trim());

function usable(spdx: unknown): string | null {
  if (typeof spdx !== 'string') return null;
  const s = spdx.trim();
  return NOT_A_LICENCE.has(s.toLowerCase()) ? null : s;
}

/** publiccode.yml legal.license of a parsed publiccode object. */
export function publiccodeLicence(publiccode: Record<string, unknown> | null | undefined): string | null {
  const legal = publiccode?.legal as Record<string, unknown> | undefined;
  return usable(legal?.license);
}

export function licenceChanges(history: readonly LicenceVersionFact[], asOf: string): Licence['changes'] {
  const end = asOfEnd(asOf);
  const seen = new Set<string>();
  const versions = history
    .filter((v) => v.committedAt < end)
    .filter((v) => {
      const key = `${v.commitHash}|${v.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.committedAt - b.committedAt || a.path.localeCompare(b.path));
  const current = new Map<string, string>();
  const changes: Licence['changes'] = [];
  for (const v of versions) {
    if (!v.spdx) continue;
    const before = current.get(v.path);
    if (before !== undefined && !sameLicence(before, v.spdx)) {
      changes.push({ date: toDate(v.committedAt), from: before, to: v.spdx, commit: v.commitHash });
    }
    current.set(v.path, v.spdx);
  }
  return changes;
}

export function licence(
  repositories: readonly (Pick<RepositoryFact, 'licenseSpdx' | 'publiccode' | 'licenseFileSpdx'> &
    Partial<Pick<RepositoryFact, 'licenseDeclared'>>)[],
  history: readonly LicenceVersionFact[],
  asOf: string,
  lookup: LicenceLookup = () => null
): Licence {
  let spdx: string | null = null;
  let source: Licence['source'] = null;
  const fromForge = repositories.map((r) => usable(r.licenseSpdx)).find((s) => s);
  const fromPubliccode = repositories.map((r) => publiccodeLicence(r.publiccode)).find((s) => s);
  const fromFile = repositories.map((r) => usable(r.licenseFileSpdx)).find((s) => s);
  const declaration = repositories.map((r) => r.licenseDeclared).find((d) => declaredExpression(d));
  const fromHeaders = declaredExpression(declaration);
  const fileNamesNone = !!fromFile && /^LicenseRef-allmende-other\b/.test(fromFile);
  // Forges answer the deprecated GNU ids ("GPL-3.0": GitHub's licence detection cannot tell -only from
  // -or-later either): a source of the same family that says which one wins; else the vagueness is said.
  const precise = [fromPubliccode, fromFile, fromHeaders].find((s) => s && fromForge && !vagueGnu(s) && sameLicence(fromForge, s));
  if (fromForge && vagueGnu(fromForge) && precise)
    [spdx, source] = [precise, precise === fromPubliccode ? 'publiccode' : precise === fromFile ? 'file' : 'headers'];
  else if (fromForge) [spdx, source] = [vagueGnu(fromForge) ? unspecifiedGnu(fromForge.replace(/\+$/, '')) : fromForge, 'forge'];
  else if (fromPubliccode) [spdx, source] = [fromPubliccode, 'publiccode'];
  else if (fromFile && !(fileNamesNone && fromHeaders)) [spdx, source] = [fromFile, 'file'];
  else if (fromHeaders) [spdx, source] = [fromHeaders, 'headers'];
  const info = spdx ? lookup(spdx) : null;
  let declared: DeclaredLicence | null = null;
  if (declaration && fromHeaders) {
    const top = declaration.headers[0]?.spdx;
    declared = {
      spdx: fromHeaders,
      headers: declaration.headers,
      sampled: declaration.sampled,
      reuseToml: declaration.reuseToml.length > 0,
      dep5: declaration.dep5.length > 0,
      agrees: source === 'headers' || spdx === null ? null : sameLicence(spdx, fromHeaders) || (top !== undefined && sameLicence(spdx, top))
    };
  }
  return {
    spdx,
    name: info?.name ?? null,
    source,
    osiApproved: info?.osiApproved ?? null,
    fsfLibre: info?.fsfLibre ?? null,
    copyleft: info?.copyleft ?? null,
    changes: licenceChanges(history, asOf),
    declared
  };
}
