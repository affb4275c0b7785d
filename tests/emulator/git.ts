/**
 * Reading the world's bare repositories for the emulator: tags, the default branch head, files and
 * the repository size. Results that only change when the world advances are cached per gitDir;
 * `clearGitCache()` drops them (reset, advance).
 */
import { execFile } from 'node:child_process';

export interface GitCommitInfo {
  sha: string;
  parents: string[];
  subject: string;
  message: string;
  authorName: string;
  authorEmail: string;
  authorDate: string;
  committerName: string;
  committerEmail: string;
  committerDate: string;
}

export interface GitTag {
  name: string;
  /** The tag object (annotated) or the commit (lightweight). */
  objectSha: string;
  annotated: boolean;
  /** Annotated tags: the tag message; lightweight: null. */
  message: string | null;
  /** Tagger date for annotated tags, else the commit's committer date. */
  date: string;
  commit: GitCommitInfo;
}

export interface GitTreeEntry {
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
  size: number;
  name: string;
}

export type GitObject = { type: 'blob'; sha: string; content: Buffer } | { type: 'tree'; sha: string; entries: GitTreeEntry[] };

function run(gitDir: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['--git-dir', gitDir, ...args],
      { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } },
      (error, stdout) => (error ? reject(error) : resolve(stdout))
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

async function tryRun(gitDir: string, args: string[]): Promise<Buffer | null> {
  try {
    return await run(gitDir, args);
  } catch {
    return null;
  }
}

const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, make: () => Promise<T>): Promise<T> {
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = make();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

export function clearGitCache(): void {
  cache.clear();
}

const US = '\x1f';
const RS = '\x1e';

/** All tags of the repository, newest version first (git's version sort, descending). */
export function gitTags(gitDir: string): Promise<GitTag[]> {
  return cached(`tags\0${gitDir}`, async () => {
    const fields = [
      '%(refname:short)',
      '%(objectname)',
      '%(objecttype)',
      '%(contents)',
      '%(taggerdate:iso-strict)',
      // commit fields, dereferenced (annotated tags) …
      '%(*objectname)',
      '%(*parent)',
      '%(*subject)',
      '%(*contents)',
      '%(*authorname)',
      '%(*authoremail)',
      '%(*authordate:iso-strict)',
      '%(*committername)',
      '%(*committeremail)',
      '%(*committerdate:iso-strict)',
      // … and direct (lightweight tags)
      '%(parent)',
      '%(subject)',
      '%(authorname)',
      '%(authoremail)',
      '%(authordate:iso-strict)',
      '%(committername)',
      '%(committeremail)',
      '%(committerdate:iso-strict)'
    ];
    const out = await tryRun(gitDir, ['for-each-ref', '--sort=-v:refname', `--format=${fields.join(US)}${RS}`, 'refs/tags']);
    if (!out) return [];
    const tags: GitTag[] = [];
    for (const record of out.toString('utf8').split(RS)) {
      const f = record.replace(/^\n/, '').split(US);
      if (f.length < fields.length) continue;
      const [name, objectSha, type, contents, taggerDate] = f;
      const annotated = type === 'tag';
      const c = annotated ? f.slice(5, 15) : [objectSha, f[15], f[16], contents, ...f.slice(17, 23)];
      const commit: GitCommitInfo = {
        sha: c[0],
        parents: c[1] ? c[1].split(' ').filter(Boolean) : [],
        subject: c[2],
        message: c[3],
        authorName: c[4],
        authorEmail: c[5].replace(/^<|>$/g, ''),
        authorDate: c[6],
        committerName: c[7],
        committerEmail: c[8].replace(/^<|>$/g, ''),
        committerDate: c[9]
      };
      tags.push({
        name,
        objectSha,
        annotated,
        message: annotated ? contents : null,
        date: annotated && taggerDate ? taggerDate : commit.committerDate,
        commit
      });
    }
    return tags;
  });
}

/** The commit a ref (branch, tag, sha) points to, or null (empty repository, unknown ref). */
export function gitResolve(gitDir: string, ref: string): Promise<string | null> {
  return cached(`resolve\0${gitDir}\0${ref}`, async () => {
    const out = await tryRun(gitDir, ['rev-parse', '--verify', '-q', `${ref}^{commit}`]);
    return out ? out.toString('utf8').trim() : null;
  });
}

export function gitCommit(gitDir: string, ref: string): Promise<GitCommitInfo | null> {
  return cached(`commit\0${gitDir}\0${ref}`, async () => {
    const format = ['%H', '%P', '%s', '%B', '%an', '%ae', '%aI', '%cn', '%ce', '%cI'].join(US);
    const out = await tryRun(gitDir, ['log', '-1', `--format=${format}`, `${ref}^{commit}`, '--']);
    if (!out) return null;
    const f = out.toString('utf8').replace(/\n$/, '').split(US);
    if (f.length < 10) return null;
    return {
      sha: f[0],
      parents: f[1].split(' ').filter(Boolean),
      subject: f[2],
      message: f[3],
      authorName: f[4],
      authorEmail: f[5],
      authorDate: f[6],
      committerName: f[7],
      committerEmail: f[8],
      committerDate: f[9]
    };
  });
}

/** Size of the repository in KiB, as forges report it (loose plus packed objects). */
export function gitSizeKiB(gitDir: string): Promise<number> {
  return cached(`size\0${gitDir}`, async () => {
    const out = await tryRun(gitDir, ['count-objects', '-v']);
    if (!out) return 0;
    let kib = 0;
    for (const line of out.toString('utf8').split('\n')) {
      const m = /^(size|size-pack): (\d+)$/.exec(line);
      if (m) kib += Number(m[2]);
    }
    return kib;
  });
}

/** A file or directory at `ref:path`, or null when it does not exist. */
export async function gitObject(gitDir: string, ref: string, path: string): Promise<GitObject | null> {
  const spec = path === '' ? `${ref}^{tree}` : `${ref}:${path}`;
  const shaOut = await tryRun(gitDir, ['rev-parse', '--verify', '-q', spec]);
  if (!shaOut) return null;
  const sha = shaOut.toString('utf8').trim();
  const typeOut = await tryRun(gitDir, ['cat-file', '-t', sha]);
  const type = typeOut?.toString('utf8').trim();
  if (type === 'blob') {
    const content = await run(gitDir, ['cat-file', 'blob', sha]);
    return { type: 'blob', sha, content };
  }
  if (type === 'tree') {
    const out = await run(gitDir, ['ls-tree', '-l', '-z', sha]);
    const entries: GitTreeEntry[] = [];
    for (const rec of out.toString('utf8').split('\0')) {
      const m = /^(\d+) (blob|tree|commit) ([0-9a-f]+)\s+(-|\d+)\t(.*)$/s.exec(rec);
      if (!m) continue;
      entries.push({ mode: m[1], type: m[2] as GitTreeEntry['type'], sha: m[3], size: m[4] === '-' ? 0 : Number(m[4]), name: m[5] });
    }
    return { type: 'tree', sha, entries };
  }
  return null;
}
