/**
 * Forge paths (GitHub owner/name, GitLab group/subgroup/name) as the forges name them: segments of
 * letters, digits, ".", "_" and "-", none of them "." or ".." nor starting with "-". Paths come
 * from the catalog and from forge answers (renames, discovery, fork lists); one that fails this
 * check could leave its API route (`github:../../etc` sends `GET /etc` with the token) or carry a
 * query (`github:a/b?x=1#`), so it is refused before any request is built.
 */
export type SegmentCount = '1' | '1+' | '2' | '2+';

const SEGMENT = /^[A-Za-z0-9_.][A-Za-z0-9._-]*$/;
const MAX_LENGTH = 255;

export function forgePathValid(path: string, segments: SegmentCount): boolean {
  const parts = path.split('/');
  const count = { '1': parts.length === 1, '1+': parts.length >= 1, '2': parts.length === 2, '2+': parts.length >= 2 }[segments];
  return count && path.length <= MAX_LENGTH && parts.every((p) => SEGMENT.test(p) && p !== '.' && p !== '..');
}

/** The segments percent-encoded for a URL path (a no-op for valid paths, a guard for the rest). */
export function encodeForgePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
