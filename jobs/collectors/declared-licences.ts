/**
 * The licences a repository's files declare (REUSE: `SPDX-License-Identifier` headers, REUSE.toml,
 * .reuse/dep5), read from the bare clone at HEAD, without API budget (src/lib/licence/headers.ts
 * says what counts).
 *
 * Bounded: at most HEADER_SAMPLE files (headerSample: source files and `.license` sidecars spread
 * over the tree, vendored and built folders left out), each at most 1 MB, of which the first
 * HEADER_BYTES are read; REUSE.toml and .reuse/dep5 in full up to 1 MB. Three git calls through
 * git-process: one `fetch` of the blobs the partial clone lacks (git skips the network when it has
 * them all), one `cat-file --batch-check` for their sizes and one `cat-file --batch` for the texts.
 * The fetch brings whole blobs — a partial clone cannot know a blob's size before it has it — which
 * is why only source files are sampled, not data or media; the 1 MB limit applies to reading. Once
 * fetched, the blobs stay in the clone, so a later collection fetches only files that changed.
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
import { git, GitError, gitText, type GitOptions } from './git-process';

/** A regular file of the tree at HEAD. */
export interface TreeEntry {
  path: string;
  oid: string;
}

const MAX_BYTES = 1024 * 1024;
const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The texts of the given blobs (each at most MAX_BYTES, of which `limit` bytes), by object id; binary blobs left out. */
async function readBlobs(oids: string[], limit: (oid: string) => number, options: GitOptions): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (oids.length === 0) return texts;
  const input = `${oids.join('\n')}\n`;
  const sizes = await gitText(['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], { ...options, input });
  const wanted = sizes
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([oid, type, size]) => OID.test(oid) && type === 'blob' && Number(size) <= MAX_BYTES)
    .map(([oid]) => oid);
  if (wanted.length === 0) return texts;
  const out = await git(['cat-file', '--batch'], { ...options, input: `${wanted.join('\n')}\n` });
  // Each object: "<oid> <type> <size>\n", its bytes, "\n".
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(10, at);
    if (eol < 0) break;
    const [oid, , size] = out.subarray(at, eol).toString('latin1').split(' ');
    const length = Number(size);
    if (!Number.isInteger(length)) break;
    const body = out.subarray(eol + 1, eol + 1 + Math.min(length, limit(oid)));
    if (!body.includes(0)) texts.set(oid, body.toString('utf8'));
    at = eol + 1 + length + 1;
  }
  return texts;
}

/** What the files at HEAD declare; null when they could not be read (a git call failed). */
export async function readDeclaredLicences(entries: readonly TreeEntry[], options: GitOptions): Promise<DeclaredLicences | null> {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  // Object names go to git one per line: a path with a line break cannot be asked for.
  const sample = headerSample(entries.filter((e) => !/[\r\n]/.test(e.path)).map((e) => e.path)).map((p) => byPath.get(p)!);
  const reuseToml = byPath.get('REUSE.toml');
  const dep5 = byPath.get('.reuse/dep5');
  const all = [...sample, ...(reuseToml ? [reuseToml] : []), ...(dep5 ? [dep5] : [])].filter((e) => OID.test(e.oid));
  if (all.length === 0) return declaredLicences([]);
  const oids = [...new Set(all.map((e) => e.oid))];
  try {
    // A partial clone has no blobs yet: one fetch brings those it lacks, instead of one lazy fetch per file.
    await git(
      ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:none', '--', 'origin', ...oids],
      options
    );
    return await declared(sample, reuseToml, dep5, oids, options);
  } catch (error) {
    // Not read (the remote refuses the blobs, a git failure): unknown, and the repository's other facts still count.
    if (error instanceof GitError) return null;
    throw error;
  }
}

async function declared(
  sample: TreeEntry[],
  reuseToml: TreeEntry | undefined,
  dep5: TreeEntry | undefined,
  oids: string[],
  options: GitOptions
): Promise<DeclaredLicences> {
  const full = new Set([reuseToml?.oid, dep5?.oid]);
  const texts = await readBlobs(oids, (oid) => (full.has(oid) ? MAX_BYTES : HEADER_BYTES), options);
  const text = (e: TreeEntry | undefined) => (e ? (texts.get(e.oid) ?? '') : '');
  // Files too large or binary were not read and do not count as read.
  return declaredLicences(
    sample.filter((e) => texts.has(e.oid)).map((e) => headerLicence(text(e))),
    reuseTomlLicences(text(reuseToml)),
    dep5Licences(text(dep5))
  );
}
