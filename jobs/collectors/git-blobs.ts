/**
 * Reading blobs from a bare partial clone (`--filter=blob:none`) in three git calls however many
 * there are: one `fetch` of the blobs the clone lacks, one `cat-file --batch-check` for their sizes
 * and one `cat-file --batch` for their bytes. Asked for one at a time, a partial clone fetches each
 * missing blob lazily, one round trip to the forge each; a fetch of blobs the clone already has does
 * not reach the remote (git 2.39: no upload-pack is run), so a later collection pays only for files
 * that changed. The fetch brings whole blobs — a partial clone cannot know a blob's size before it
 * has it — the 1 MB limit applies to reading.
 */
import { git, gitText, type GitOptions } from './git-process';

/** Blobs larger than this are not read. */
export const MAX_BLOB_BYTES = 1024 * 1024;
const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export const isObjectId = (oid: string): boolean => OID.test(oid);

/**
 * The blobs of the given object ids, each at most MAX_BLOB_BYTES (larger ones, other objects and
 * names that are no object ids left out), by object id. Throws GitError when git fails (the remote
 * refuses the blobs, a broken clone).
 */
export async function readBlobs(oids: readonly string[], options: GitOptions): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  const asked = [...new Set(oids)].filter(isObjectId);
  if (asked.length === 0) return blobs;
  await git(
    ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--recurse-submodules=no', '--filter=blob:none', '--', 'origin', ...asked],
    options
  );
  const sizes = await gitText(['cat-file', '--batch-check=%(objectname) %(objecttype) %(objectsize)'], {
    ...options,
    input: `${asked.join('\n')}\n`
  });
  const wanted = sizes
    .split('\n')
    .map((line) => line.split(' '))
    .filter(([oid, type, size]) => isObjectId(oid) && type === 'blob' && Number(size) <= MAX_BLOB_BYTES)
    .map(([oid]) => oid);
  if (wanted.length === 0) return blobs;
  const out = await git(['cat-file', '--batch'], { ...options, input: `${wanted.join('\n')}\n` });
  // Each object: "<oid> <type> <size>\n", its bytes, "\n".
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(10, at);
    if (eol < 0) break;
    const [oid, , size] = out.subarray(at, eol).toString('latin1').split(' ');
    const length = Number(size);
    if (!Number.isInteger(length)) break;
    blobs.set(oid, out.subarray(eol + 1, eol + 1 + length));
    at = eol + 1 + length + 1;
  }
  return blobs;
}

/** The first `bytes` of a blob as text; null when it was not read or is binary (a NUL byte in them). */
export function blobText(blob: Buffer | undefined, bytes: number = MAX_BLOB_BYTES): string | null {
  if (!blob) return null;
  const body = blob.subarray(0, bytes);
  return body.includes(0) ? null : body.toString('utf8');
}
