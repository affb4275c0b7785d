/**
 * Bare git repositories with an exactly known history, written with git fast-import, for tests
 * that check what the git collector reads.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export interface FixtureCommit {
  author: [name: string, email: string];
  /** Seconds since the epoch; committer date is the same unless given. */
  at: number;
  committedAt?: number;
  message?: string;
  files?: Record<string, string | null>;
  /** Indexes (into the commits array) of extra parents: a merge. */
  merge?: number[];
  /** Index of the first parent; default: the previous commit on the same branch. */
  parent?: number | null;
  branch?: string;
}

export interface FixtureTag {
  name: string;
  commit: number;
  /** Annotated tag with this tagger date. */
  annotatedAt?: number;
}

export interface FixtureRepo {
  commits: FixtureCommit[];
  tags?: FixtureTag[];
  defaultBranch?: string;
}

const ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' };

export function runGit(args: string[], cwd?: string, input?: string): string {
  const result = spawnSync('git', args, { cwd, env: ENV, input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function data(text: string): string {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

/** Writes `repo` into a new bare repository at `dir`; returns the commit hashes in order. */
export function writeRepo(dir: string, repo: FixtureRepo): string[] {
  const branch = repo.defaultBranch ?? 'main';
  mkdirSync(dir, { recursive: true });
  runGit(['init', '--quiet', '--bare', `--initial-branch=${branch}`, dir]);
  appendCommits(dir, repo.commits, repo.tags ?? [], branch, 0);
  return runGit(['log', '--all', '--reverse', '--format=%H %s'], dir)
    .split('\n')
    .filter(Boolean)
    .sort((a, b) => Number(a.split(' ')[1].slice(1)) - Number(b.split(' ')[1].slice(1)))
    .map((l) => l.split(' ')[0]);
}

/** Adds commits on top of an existing fixture repository (marks and tag indexes continue from `offset`). */
export function appendCommits(dir: string, commits: FixtureCommit[], tags: FixtureTag[], branch = 'main', offset = 0): void {
  let stream = '';
  const tipOf = new Map<string, string>();
  commits.forEach((c, i) => {
    const index = offset + i;
    const b = c.branch ?? branch;
    const mark = `:${index + 1}`;
    stream += `commit refs/heads/${b}\nmark ${mark}\n`;
    stream += `author ${c.author[0]} <${c.author[1]}> ${c.at} +0000\n`;
    stream += `committer ${c.author[0]} <${c.author[1]}> ${c.committedAt ?? c.at} +0000\n`;
    stream += data(`c${index} ${c.message ?? 'change'}`);
    const parent = c.parent === undefined ? tipOf.get(b) : c.parent === null ? undefined : `:${c.parent + 1}`;
    if (parent) stream += `from ${parent}\n`;
    else if (offset > 0 && c.parent === undefined && !tipOf.has(b)) stream += `from refs/heads/${b}^0\n`;
    for (const m of c.merge ?? []) stream += `merge :${m + 1}\n`;
    for (const [path, content] of Object.entries(c.files ?? { [`file${index % 7}.txt`]: `content ${index}\n` })) {
      stream += content === null ? `D ${path}\n` : `M 100644 inline ${path}\n${data(content)}`;
    }
    stream += '\n';
    tipOf.set(b, mark);
  });
  for (const t of tags) {
    if (t.annotatedAt !== undefined) {
      stream += `tag ${t.name}\nfrom :${offset + t.commit + 1}\ntagger Release Bot <release@example.org> ${t.annotatedAt} +0000\n${data(`Release ${t.name}`)}`;
    } else {
      stream += `reset refs/tags/${t.name}\nfrom :${offset + t.commit + 1}\n\n`;
    }
  }
  runGit(['fast-import', '--quiet', '--force'], dir, stream);
}
