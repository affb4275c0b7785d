/**
 * The licences a repository's files declare (REUSE: `SPDX-License-Identifier` headers, REUSE.toml,
 * .reuse/dep5), read from the bare clone at HEAD, without API budget (src/lib/licence/headers.ts
 * says what counts).
 *
 * Bounded: at most HEADER_SAMPLE files (headerSample: source files and `.license` sidecars spread
 * over the tree, vendored and built folders left out), each at most 1 MB, of which the first
 * HEADER_BYTES are read; REUSE.toml and .reuse/dep5 in full up to 1 MB. The git collector reads
 * their blobs together with the other files it reads at HEAD (git-blobs.ts: one fetch of those the
 * partial clone lacks); only source files are sampled, not data or media, because the fetch
 * brings whole blobs.
 */
import {
  declaredLicences,
  dep5Licences,
  headerLicence,
  headerSample,
  HEADER_BYTES,
  reuseTomlLicences,
  type DeclaredLicences
} from '../../src/lib/licence/headers';
import { blobText, isObjectId } from './git-blobs';

/** A regular file of the tree at HEAD. */
export interface TreeEntry {
  path: string;
  oid: string;
}

/** The files whose texts tell what the tree declares: the header sample, REUSE.toml and .reuse/dep5. */
export interface DeclaringFiles {
  sample: TreeEntry[];
  reuseToml: TreeEntry | undefined;
  dep5: TreeEntry | undefined;
}

export function declaringFiles(entries: readonly TreeEntry[]): DeclaringFiles {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  // Object names go to git one per line: a path with a line break cannot be asked for.
  const sample = headerSample(entries.filter((e) => !/[\r\n]/.test(e.path)).map((e) => e.path))
    .map((p) => byPath.get(p)!)
    .filter((e) => isObjectId(e.oid));
  return { sample, reuseToml: byPath.get('REUSE.toml'), dep5: byPath.get('.reuse/dep5') };
}

export function declaringBlobs(files: DeclaringFiles): string[] {
  return [...files.sample, ...(files.reuseToml ? [files.reuseToml] : []), ...(files.dep5 ? [files.dep5] : [])].map((e) => e.oid);
}

/** What the files declare, from their blobs (readBlobs); files too large or binary were not read and do not count as read. */
export function declaredByFiles(files: DeclaringFiles, blobs: ReadonlyMap<string, Buffer>): DeclaredLicences {
  const text = (e: TreeEntry | undefined) => (e ? (blobText(blobs.get(e.oid)) ?? '') : '');
  const headers = files.sample.flatMap((e) => {
    const head = blobText(blobs.get(e.oid), HEADER_BYTES);
    return head === null ? [] : [headerLicence(head)];
  });
  return declaredLicences(headers, reuseTomlLicences(text(files.reuseToml)), dep5Licences(text(files.dep5)));
}
