/**
 * Writes bare git repositories with one `git fast-import` process per repository (commits streamed to
 * stdin). Marks are kept in the repository (world.marks), so advanceWorld can append to the same tips.
 * No user or system configuration leaks in: GIT_CONFIG_NOSYSTEM=1 and HOME inside the world directory.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GCommit, GRepo, GTag, Identity } from './internal';

export function gitEnv(worldDir: string): NodeJS.ProcessEnv {
  const home = join(worldDir, '.home');
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    TZ: 'UTC'
  };
  return env;
}

export function runGit(args: string[], env: NodeJS.ProcessEnv, input?: AsyncIterable<string> | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`git ${args.join(' ')} failed (${code}): ${Buffer.concat(err).toString('utf8')}`));
    });
    child.stdin.on('error', () => {
      /* reported through close */
    });
    if (!input) {
      child.stdin.end();
      return;
    }
    (async () => {
      for await (const chunk of input) {
        if (!child.stdin.write(chunk)) await new Promise<void>((r) => child.stdin.once('drain', () => r()));
      }
      child.stdin.end();
    })().catch((e: unknown) => {
      child.kill();
      reject(e instanceof Error ? e : new Error(String(e)));
    });
  });
}

/** "+0100"/"+0200" for Germany: summer time from the last Sunday of March to the last Sunday of October (01:00 UTC). */
export function germanOffset(t: number): string {
  const d = new Date(t * 1000);
  const y = d.getUTCFullYear();
  const lastSunday = (month: number): number => {
    const end = Date.UTC(y, month + 1, 0, 1, 0, 0);
    const wd = new Date(end).getUTCDay();
    return end / 1000 - wd * 86_400;
  };
  return t >= lastSunday(2) && t < lastSunday(9) ? '+0200' : '+0100';
}

function ident(i: Identity, t: number): string {
  return `${i.name} <${i.email}> ${t} ${germanOffset(t)}`;
}

function data(s: string): string {
  return `data ${Buffer.byteLength(s, 'utf8')}\n${s}\n`;
}

export interface WriteInput {
  repo: GRepo;
  /** Commit ids to write now (all of repo.order for a new repository, the new ones when appending). */
  commitIds: number[];
  /** Tags to write now. */
  tags: GTag[];
  commits: Map<number, GCommit>;
  identities: Identity[];
  /** Unmerged branches to (re)set. */
  branches: { name: string; head: number }[];
}

async function* stream(w: WriteInput): AsyncGenerator<string> {
  const { repo, commits, identities } = w;
  const ref = `refs/heads/${repo.defaultBranch}`;
  let buf = '';
  for (const id of w.commitIds) {
    const c = commits.get(id)!;
    buf += `commit ${ref}\nmark :${c.id}\n`;
    buf += `author ${ident(identities[c.a], c.at)}\n`;
    buf += `committer ${ident(identities[c.c], c.ct)}\n`;
    buf += data(c.msg);
    if (c.parents.length) buf += `from :${c.parents[0]}\n`;
    for (let i = 1; i < c.parents.length; i++) buf += `merge :${c.parents[i]}\n`;
    for (const [path, content] of c.ch) {
      if (content === null) buf += `D ${path}\n`;
      else buf += `M 100644 inline ${path}\n${data(content)}`;
    }
    buf += '\n';
    if (buf.length > 1 << 16) {
      yield buf;
      buf = '';
    }
  }
  if (repo.head !== null) buf += `reset ${ref}\nfrom :${repo.head}\n\n`;
  for (const b of w.branches) buf += `reset refs/heads/${b.name}\nfrom :${b.head}\n\n`;
  for (const t of w.tags) {
    if (t.annotated) {
      buf += `tag ${t.name}\nfrom :${t.commit}\ntagger ${ident(identities[t.tagger], t.at)}\n${data(t.message + '\n')}`;
    } else {
      buf += `reset refs/tags/${t.name}\nfrom :${t.commit}\n\n`;
    }
  }
  buf += 'done\n';
  yield buf;
}

function marksPath(repo: GRepo): string {
  return join(repo.gitDir, 'world.marks');
}

/** Create (or append to) a bare repository; returns the marks (commit id → sha) of the repository. */
export async function writeRepository(worldDir: string, w: WriteInput, fresh: boolean): Promise<Map<number, string>> {
  const env = gitEnv(worldDir);
  const { repo } = w;
  if (fresh) {
    mkdirSync(repo.gitDir, { recursive: true });
    await runGit(['init', '--bare', '--quiet', '--template=', repo.gitDir], env);
    writeFileSync(join(repo.gitDir, 'HEAD'), `ref: refs/heads/${repo.defaultBranch}\n`);
    writeFileSync(join(repo.gitDir, 'description'), `${repo.description ?? repo.path}\n`);
  }
  if (w.commitIds.length === 0 && w.tags.length === 0 && (repo.head === null || !fresh)) {
    return readMarks(repo);
  }
  const marks = marksPath(repo);
  await runGit(
    [
      '--git-dir',
      repo.gitDir,
      'fast-import',
      '--quiet',
      '--done',
      '--date-format=raw',
      `--export-marks=${marks}`,
      ...(existsSync(marks) ? [`--import-marks=${marks}`] : [])
    ],
    env,
    stream(w)
  );
  return readMarks(repo);
}

export function readMarks(repo: GRepo): Map<number, string> {
  const m = new Map<number, string>();
  const p = marksPath(repo);
  if (!existsSync(p)) return m;
  for (const line of readFileSync(p, 'utf8').split('\n')) {
    if (!line) continue;
    const sp = line.indexOf(' ');
    m.set(Number(line.slice(1, sp)), line.slice(sp + 1));
  }
  return m;
}

/** Run tasks with a concurrency limit, keeping result order. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
  return out;
}
