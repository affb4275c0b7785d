/**
 * The git source (DESIGN §4): a bare partial clone per repository below `<data>/git`, fetched
 * incrementally; commits read with one streamed `git log` of the remote's default branch; all tags;
 * root commits; well-known files (LICENSE, SECURITY.md, CONTRIBUTING.md, publiccode.yml, README,
 * docs/, CODE_OF_CONDUCT, GOVERNANCE, CHANGELOG, ROADMAP, AUTHORS: src/lib/repository-files.ts) read
 * from the clone, which costs no rate limit.
 *
 * Resumable: commits are written in batches that ignore rows already there, and the repository's
 * head (the cursor) moves only in the transaction that writes the last batch and the licence history. A killed run re-reads
 * from the old head and ends with the same rows.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { commits, forks, licenceHistory, repositories, tags, type Repository } from '../../db/schema';
import { detectLicence } from '../../src/lib/licence/detect';
import { combineLicenceFiles, isLicenceFile, licencePathspecs, type LicenceFile } from '../../src/lib/licence/files';
import { parsePubliccode } from '../../src/lib/publiccode/parse';
import { remoteProblem } from '../../src/lib/remote-url';
import { findWellKnownFiles } from '../../src/lib/repository-files';
import { declaredByFiles, declaringBlobs, declaringFiles, type TreeEntry } from './declared-licences';
import { blobText, readBlobs } from './git-blobs';
import { git, GitError, gitStream, gitText, type GitOptions } from './git-process';
import { RepositoryError, type CollectContext, type Collector } from './types';

const RECORD = '\x1e';
const FIELD = '\x00';
const BATCH = 20_000;
const INSERT_ROWS = 100;
/** Licence files read per repository: enough for any real layout, bounded for hostile ones. */
const MAX_LICENCE_FILES = 40;

/** Where the bare clone of a repository lives: readable, and unique by a hash of the key. */
export function clonePath(gitRoot: string, repository: Pick<Repository, 'key' | 'forgeId' | 'path'>): string {
  const slug = repository.path
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\.git$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(-60);
  const hash = createHash('sha256').update(repository.key).digest('hex').slice(0, 10);
  return join(gitRoot, repository.forgeId, `${slug || 'repo'}-${hash}.git`);
}

type LicenceRow = typeof licenceHistory.$inferInsert;

interface ParsedCommit {
  hash: string;
  parentCount: number;
  name: string;
  email: string;
  authorDate: number;
  committerDate: number;
}

function parseCommit(record: string): ParsedCommit | null {
  const text = record.charCodeAt(0) === 10 ? record.replace(/^\n+/, '') : record;
  if (!text) return null;
  const [hash, parents, name, email, authorDate, committerDate] = text.split(FIELD);
  return {
    hash,
    parentCount: parents ? parents.split(' ').length : 0,
    name: name ?? '',
    email: email ?? '',
    authorDate: Number(authorDate),
    committerDate: Number(committerDate)
  };
}

export class GitCollector implements Collector {
  readonly source = 'git';

  handles(): boolean {
    return true;
  }

  async collect(ctx: CollectContext): Promise<void> {
    const { repository } = ctx;
    const dir = clonePath(ctx.paths.gitDir, repository);
    const options = this.gitOptions(ctx, dir);
    await this.cloneOrFetch(ctx, dir, options);

    const head = await this.resolveHead(dir, options);
    if (!head) {
      // An empty repository: nothing to read, and nothing that was stored before is still true.
      this.storeEmpty(ctx.db, repository.id);
      return;
    }
    // The same refs as after the last complete collection: the same commits, tags and files.
    const state = gitState(dir);
    if (state !== repository.gitState || head !== repository.headCommit) {
      await this.storeCommits(ctx, dir, head, options);
      await this.storeTags(ctx.db, repository.id, dir, options);
      const filesRead = await this.storeFiles(ctx.db, repository.id, dir, options);
      // Files that could not be read are tried again next time.
      if (filesRead) ctx.db.update(repositories).set({ gitState: state }).where(eq(repositories.id, repository.id)).run();
    }
    await this.storeForkDivergence(ctx, dir, options);
  }

  private gitOptions(ctx: CollectContext, dir: string): GitOptions {
    const token = ctx.forge.tokenEnv ? process.env[ctx.forge.tokenEnv] : undefined;
    const https = /^https:\/\//.test(ctx.repository.cloneUrl);
    const header =
      token && https
        ? ctx.forge.type === 'gitlab'
          ? `Authorization: Basic ${Buffer.from(`oauth2:${token}`).toString('base64')}`
          : `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`
        : undefined;
    return { cwd: dir, httpHeader: header, signal: ctx.signal, secrets: token ? [token] : [] };
  }

  private async cloneOrFetch(ctx: CollectContext, dir: string, options: GitOptions): Promise<void> {
    const url = ctx.repository.cloneUrl;
    const unsafe = remoteProblem(url);
    if (unsafe) throw new RepositoryError(`Die Repository-Adresse ${unsafe}; sie wird nicht an git übergeben`, 'invalid');
    const shallow = shallowLocalSource(url);
    if (shallow)
      throw new RepositoryError(
        `Die Quelle ${displayUrl(url)} ist ein flacher Klon (shallow) ohne vollständige Historie; bitte einen vollständigen Klon angeben`,
        'invalid'
      );
    if (!existsSync(join(dir, 'HEAD'))) {
      mkdirSync(dirname(dir), { recursive: true });
      const partial = `${dir}.partial-${process.pid}`;
      // Leftovers of clones killed midway, by this or an earlier process.
      for (const name of readdirSync(dirname(dir)).filter((n) => n.startsWith(`${basename(dir)}.partial-`))) {
        rmSync(join(dirname(dir), name), { recursive: true, force: true });
      }
      try {
        await git(['clone', '--bare', '--quiet', '--filter=blob:none', '--no-tags', '--', url, partial], { ...options, cwd: undefined });
      } catch (error) {
        rmSync(partial, { recursive: true, force: true });
        throw cloneFailure(error, url);
      }
      // A clone appears under its final name only when complete, so a killed clone is retried.
      renameSync(partial, dir);
      ctx.counters.requests += 1;
      // A bare clone copies the remote's branches and HEAD; only tags are left to fetch.
      await git(['fetch', '--quiet', '--force', '--filter=blob:none', '--', 'origin', '+refs/tags/*:refs/tags/*'], options).catch(
        (error) => {
          throw cloneFailure(error, url);
        }
      );
      await packRefs(options);
      return;
    }
    try {
      if (originUrl(dir) !== url) await git(['remote', 'set-url', 'origin', '--', url], options);
      await git(
        [
          'fetch',
          '--quiet',
          '--prune',
          '--prune-tags',
          '--force',
          '--filter=blob:none',
          '--',
          'origin',
          '+refs/heads/*:refs/heads/*',
          '+refs/tags/*:refs/tags/*'
        ],
        options
      );
      ctx.counters.requests += 1;
    } catch (error) {
      throw cloneFailure(error, url);
    }
    if (hasLooseRefs(dir)) await packRefs(options);
    await this.followRemoteHead(dir, ctx.repository.defaultBranch, options);
  }

  /**
   * Point HEAD at the remote's default branch (it may have changed since the clone): the one the
   * forge names (GitHub's and GitLab's `default_branch` is what their HEAD points to), when the
   * clone has it, else the remote's HEAD as ls-remote shows it — a round trip to the remote.
   */
  private async followRemoteHead(dir: string, defaultBranch: string | null, options: GitOptions): Promise<void> {
    let target = defaultBranch && isPlainBranchName(defaultBranch) ? `refs/heads/${defaultBranch}` : null;
    if (!target || !hasRef(dir, target)) {
      const out = await gitText(['ls-remote', '--symref', '--', 'origin', 'HEAD'], options).catch(() => '');
      target = /^ref: (refs\/heads\/\S+)\tHEAD$/m.exec(out)?.[1] ?? null;
    }
    if (target && readHead(dir) !== `ref: ${target}`) await git(['symbolic-ref', 'HEAD', target], options);
  }

  private async resolveHead(dir: string, options: GitOptions): Promise<string | null> {
    try {
      return (await gitText(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], options)).trim() || null;
    } catch {
      return null;
    }
  }

  private storeEmpty(db: Db, repositoryId: number): void {
    db.transaction((tx) => {
      tx.delete(commits).where(eq(commits.repositoryId, repositoryId)).run();
      tx.delete(tags).where(eq(tags.repositoryId, repositoryId)).run();
      // No tip, no files: the checklist's files are „nicht prüfbar“, not those of an earlier tip.
      tx.update(repositories)
        .set({ headCommit: null, rootCommits: [], wellKnownFiles: null })
        .where(eq(repositories.id, repositoryId))
        .run();
    });
  }

  private async storeCommits(ctx: CollectContext, dir: string, head: string, options: GitOptions): Promise<void> {
    const { db, repository } = ctx;
    const previous = repository.headCommit;
    if (previous === head) return;

    // Incremental when the old head is still an ancestor; after a force-push read everything again.
    let range = [head];
    let rewritten = true;
    if (previous) {
      const ancestor = await git(['merge-base', '--is-ancestor', previous, head], options).then(
        () => true,
        () => false
      );
      if (ancestor) {
        range = [head, `^${previous}`];
        rewritten = false;
      }
    }
    const insertMany = commitInserter(db, INSERT_ROWS);
    const insertOne = commitInserter(db, 1);
    const params: unknown[] = new Array(INSERT_ROWS * 6);
    const fill = (c: ParsedCommit, at: number) => {
      params[at] = repository.id;
      params[at + 1] = c.hash;
      params[at + 2] = ctx.identities.commitAuthor(c.name, c.email);
      params[at + 3] = c.authorDate;
      params[at + 4] = c.committerDate;
      params[at + 5] = c.parentCount;
    };
    const writeRows = (rows: ParsedCommit[]) => {
      let i = 0;
      for (; i + INSERT_ROWS <= rows.length; i += INSERT_ROWS) {
        for (let k = 0; k < INSERT_ROWS; k++) fill(rows[i + k], k * 6);
        insertMany.run(params);
      }
      for (; i < rows.length; i++) {
        fill(rows[i], 0);
        insertOne.run(params.slice(0, 6));
      }
      ctx.counters.items += rows.length;
    };
    const seen: string[] = [];
    const newRoots: string[] = [];
    let batch: ParsedCommit[] = [];
    const takeBatch = () => {
      const rows = batch;
      batch = [];
      return rows;
    };

    // The licence file's history is read by a second git process while the first streams commits.
    const licenceVersions = this.readLicenceVersions(repository.id, range, options);
    licenceVersions.catch(() => {});
    await gitStream(
      ['log', '--use-mailmap', `--format=%x1e%H%x00%P%x00%aN%x00%aE%x00%at%x00%ct`, ...range, '--'],
      RECORD,
      (record) => {
        const commit = parseCommit(record);
        if (!commit) return;
        batch.push(commit);
        if (rewritten) seen.push(commit.hash);
        if (commit.parentCount === 0) newRoots.push(commit.hash);
        if (batch.length >= BATCH) {
          const rows = takeBatch();
          db.transaction(() => writeRows(rows));
        }
      },
      { ...options, spoolDir: dir }
    );
    // Root commits reachable from the new head but not the old one are exactly the parentless
    // commits of the range just read: no second walk of the history is needed.
    const roots = [...new Set([...(rewritten ? [] : (repository.rootCommits ?? [])), ...newRoots])].sort();
    const rows = takeBatch();
    const licenceRows = await licenceVersions;
    // The last batch, the removal of commits no longer on the branch, the licence history, and the
    // cursor: one transaction, so that a run killed before it reads the same range again.
    db.transaction((tx) => {
      writeRows(rows);
      if (rewritten && previous) removeCommitsNotIn(db, repository.id, seen);
      if (rewritten) tx.delete(licenceHistory).where(eq(licenceHistory.repositoryId, repository.id)).run();
      for (const row of licenceRows) tx.insert(licenceHistory).values(row).onConflictDoNothing().run();
      tx.update(repositories).set({ headCommit: head, rootCommits: roots }).where(eq(repositories.id, repository.id)).run();
    });
  }

  private async storeTags(db: Db, repositoryId: number, dir: string, options: GitOptions): Promise<void> {
    const format = [
      '%(refname:strip=2)',
      '%(objecttype)',
      '%(*objectname)',
      '%(objectname)',
      '%(taggerdate:unix)',
      '%(*committerdate:unix)',
      '%(committerdate:unix)'
    ].join('%00');
    const out = await gitText(['for-each-ref', `--format=${format}`, 'refs/tags'], options);
    const rows = out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [name, type, peeled, object, taggerDate, peeledDate, commitDate] = line.split(FIELD);
        const annotated = type === 'tag';
        return {
          repositoryId,
          name,
          commitHash: annotated ? peeled || object : object,
          taggedAt: Number((annotated ? taggerDate || peeledDate : commitDate) || 0)
        };
      });
    db.transaction((tx) => {
      tx.delete(tags).where(eq(tags.repositoryId, repositoryId)).run();
      for (const row of rows) tx.insert(tags).values(row).run();
    });
  }

  /** Reads the files at HEAD; false when their texts could not be read (a git failure). */
  private async storeFiles(db: Db, repositoryId: number, dir: string, options: GitOptions): Promise<boolean> {
    const entries = regularFiles(await gitText(['ls-tree', '-r', '-z', '--full-tree', 'HEAD'], options));
    const byPath = new Map(entries.map((e) => [e.path, e]));
    const files = entries.map((e) => e.path).filter((f) => f.split('/').length <= 2);
    const wellKnownFiles = findWellKnownFiles(entries.map((e) => e.path));
    // Every licence file, at the root and in REUSE's LICENSES/ (a few dozen at most).
    const licenceFiles = files.filter((f) => isLicenceFile(f)).slice(0, MAX_LICENCE_FILES);
    const publiccodeFile = wellKnownFiles.publiccode;
    const declaring = declaringFiles(entries);
    const oidOf = (path: string) => byPath.get(path)?.oid ?? '';
    // Every blob read at HEAD in one go (git-blobs.ts); not read (a git failure): the texts unknown,
    // the repository's other facts still count.
    const blobs = await readBlobs(
      [...licenceFiles.map(oidOf), ...(publiccodeFile ? [oidOf(publiccodeFile)] : []), ...declaringBlobs(declaring)],
      options
    ).catch((error: unknown) => {
      if (error instanceof GitError) return null;
      throw error;
    });
    const text = (path: string) => blobText(blobs?.get(oidOf(path)));
    const detected: LicenceFile[] = licenceFiles.map((path) => {
      const t = text(path);
      return { path, spdx: t ? detectLicence(t) : null };
    });
    const licenseDeclared = blobs ? declaredByFiles(declaring, blobs) : null;
    let publiccode: Record<string, unknown> | null = null;
    let publiccodeError: string | null = null;
    if (publiccodeFile) {
      const t = text(publiccodeFile);
      if (t === null) publiccodeError = 'publiccode.yml ist größer als 1 MB oder keine Textdatei';
      else {
        const parsed = parsePubliccode(t);
        // Notices (an unknown newer version, an organisation without uri) travel with the data.
        if (parsed.ok) publiccode = { ...parsed.data, ...(parsed.notices.length > 0 ? { notices: parsed.notices } : {}) };
        else publiccodeError = parsed.error;
      }
    }
    db.update(repositories)
      .set({
        hasLicenseFile: licenceFiles.length > 0,
        licenseFileSpdx: combineLicenceFiles(detected),
        licenseDeclared,
        hasSecurityPolicy: wellKnownFiles.security !== undefined,
        hasContributing: wellKnownFiles.contributing !== undefined,
        hasPubliccode: Boolean(publiccodeFile),
        wellKnownFiles,
        publiccode,
        publiccodeError
      })
      .where(eq(repositories.id, repositoryId))
      .run();
    return blobs !== null;
  }

  /**
   * How many commits each known fork has that this repository lacks (DESIGN §6 "Zersplitterung").
   * The fork's default branch is fetched into this clone under refs/forks/ (plain git, no API
   * budget) and counted with rev-list. A fork that cannot be fetched keeps its earlier figure.
   */
  private async storeForkDivergence(ctx: CollectContext, dir: string, options: GitOptions): Promise<void> {
    const known = ctx.db
      .select({ forkKey: forks.forkKey, cloneUrl: forks.cloneUrl })
      .from(forks)
      .where(eq(forks.repositoryId, ctx.repository.id))
      .all();
    const counts: { forkKey: string; aheadBy: number }[] = [];
    for (const fork of known) {
      if (!fork.cloneUrl || remoteProblem(fork.cloneUrl)) continue;
      const ref = `refs/forks/${createHash('sha256').update(fork.forkKey).digest('hex').slice(0, 16)}`;
      try {
        // The forge's credentials go only to the host the repository itself is cloned from, over https.
        const sameHost = fork.cloneUrl.startsWith('https://') && new URL(fork.cloneUrl).host === hostOf(ctx.repository.cloneUrl);
        const forkOptions = sameHost ? options : { ...options, httpHeader: undefined };
        await git(['fetch', '--quiet', '--no-tags', '--force', '--filter=blob:none', '--', fork.cloneUrl, `+HEAD:${ref}`], forkOptions);
        ctx.counters.requests += 1;
        const ahead = Number((await gitText(['rev-list', '--count', ref, '^HEAD'], options)).trim());
        counts.push({ forkKey: fork.forkKey, aheadBy: ahead });
      } catch (error) {
        ctx.log(`${ctx.repository.key}: Fork ${fork.forkKey} ließ sich nicht lesen: ${(error as Error).message}`);
      }
    }
    ctx.db.transaction((tx) => {
      for (const c of counts) {
        tx.update(forks)
          .set({ aheadBy: c.aheadBy })
          .where(and(eq(forks.repositoryId, ctx.repository.id), eq(forks.forkKey, c.forkKey)))
          .run();
      }
    });
  }

  /**
   * The versions of the licence file that the commits of `range` (first parents) introduced: the
   * blob of each from the log's raw diff, all read in one go (git-blobs.ts).
   */
  private async readLicenceVersions(repositoryId: number, range: string[], options: GitOptions): Promise<LicenceRow[]> {
    const root = (await gitText(['ls-tree', '-z', '--name-only', 'HEAD'], options).catch(() => '')).split('\0').filter(Boolean);
    const out = await gitText(
      [
        'log',
        '--first-parent',
        '--format=%x1e%H%x00%ct',
        '--raw',
        '--no-abbrev',
        '--no-renames',
        ...range,
        '--',
        ...licencePathspecs(root)
      ],
      options
    );
    const versions: { commitHash: string; committedAt: number; path: string; blob: string | null }[] = [];
    for (const record of out.split('\x1e').filter((r) => r.trim())) {
      const [header, ...changes] = record.trim().split('\n');
      const [commitHash, committedAt] = header.split(FIELD);
      for (const change of changes.filter(Boolean)) {
        // ":<old mode> <new mode> <old blob> <new blob> <status>\t<path>"
        const tab = change.indexOf('\t');
        const path = change.slice(tab + 1);
        const [, , , blob, status] = change.slice(0, tab).split(' ');
        if (tab < 0 || !isLicenceFile(path)) continue;
        versions.push({ commitHash, committedAt: Number(committedAt), path, blob: status === 'D' ? null : blob });
      }
    }
    const blobs = await readBlobs(
      versions.flatMap((v) => (v.blob ? [v.blob] : [])),
      options
    ).catch((error: unknown) => {
      if (error instanceof GitError) return new Map<string, Buffer>();
      throw error;
    });
    return versions.map(({ blob, ...v }) => {
      const text = blob ? blobText(blobs.get(blob)) : null;
      return { repositoryId, ...v, spdx: text ? detectLicence(text) : null };
    });
  }
}

/**
 * A multi-row `INSERT … ON CONFLICT DO NOTHING` into commits: the SQL is built by drizzle once and
 * run as one better-sqlite3 statement per `rows` commits, because per-row statement overhead
 * dominated the ingest (DESIGN §10: ≥ 50,000 commits/s). Parameters follow the column order
 * repository_id, hash, author_identity_id, author_date, committer_date, parent_count.
 */
function commitInserter(db: Db, rows: number) {
  const template = Array.from({ length: rows }, () => ({
    repositoryId: 0,
    hash: '',
    authorIdentityId: 0,
    authorDate: 0,
    committerDate: 0,
    parentCount: 0
  }));
  return db.$client.prepare(db.insert(commits).values(template).onConflictDoNothing().toSQL().sql);
}

function removeCommitsNotIn(db: Db, repositoryId: number, keep: string[]): void {
  const existing = db.select({ hash: commits.hash }).from(commits).where(eq(commits.repositoryId, repositoryId)).all();
  const keepSet = new Set(keep);
  const stale = existing.map((c) => c.hash).filter((h) => !keepSet.has(h));
  for (let i = 0; i < stale.length; i += 500) {
    db.delete(commits)
      .where(and(eq(commits.repositoryId, repositoryId), inArray(commits.hash, stale.slice(i, i + 500))))
      .run();
  }
}

/**
 * What gitState is computed from and what the collection reads from it; a change of what is read
 * (well-known files, licence detection, tags) bumps it, so that every clone is read again once.
 */
const GIT_STATE_VERSION = 1;

/**
 * The clone's branches, tags and HEAD in one value (the refs of known forks, fetched after it, left
 * out): HEAD, their lines of packed-refs and their loose refs, hashed. After a fetch that brought
 * nothing they are exactly as the last complete collection left them (git writes no unchanged ref;
 * pack-refs runs only when loose refs appeared).
 */
export function gitState(dir: string): string {
  const hash = createHash('sha256').update(`${GIT_STATE_VERSION}\0${readHead(dir)}\0`);
  const packed = join(dir, 'packed-refs');
  let keep = false;
  for (const line of existsSync(packed) ? readFileSync(packed, 'utf8').split('\n') : []) {
    // A peeled line ("^<oid>") belongs to the ref line before it.
    if (!line.startsWith('^')) keep = COLLECTED_REFS.test(line.slice(line.indexOf(' ') + 1));
    if (keep) hash.update(`${line}\n`);
  }
  for (const ref of looseRefs(dir).filter((r) => COLLECTED_REFS.test(r))) hash.update(`${ref}\0${readFileSync(join(dir, ref))}\0`);
  return `${GIT_STATE_VERSION}:${hash.digest('hex')}`;
}

const COLLECTED_REFS = /^refs\/(?:heads|tags)\//;

/** The loose refs below refs/ ("refs/heads/main" …), sorted. */
function looseRefs(dir: string): string[] {
  const root = join(dir, 'refs');
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((e) => e.isFile())
    .map((e) =>
      relative(dir, join(e.parentPath ?? e.path, e.name))
        .split(sep)
        .join('/')
    )
    .sort();
}

function hasLooseRefs(dir: string): boolean {
  return looseRefs(dir).length > 0;
}

/** Whether the clone has the ref, loose or packed ("<oid> <ref>" lines of packed-refs). */
function hasRef(dir: string, ref: string): boolean {
  if (existsSync(join(dir, ref))) return true;
  const packed = join(dir, 'packed-refs');
  return (
    existsSync(packed) &&
    readFileSync(packed, 'utf8')
      .split('\n')
      .some((line) => line.endsWith(` ${ref}`))
  );
}

function readHead(dir: string): string {
  return existsSync(join(dir, 'HEAD')) ? readFileSync(join(dir, 'HEAD'), 'utf8').trim() : '';
}

/**
 * A forge's branch name that can name a file below refs/heads without surprises: letters, digits,
 * `._-` and single slashes between parts, none starting with a dot, no `.lock` (git check-ref-format
 * allows more; those take the ls-remote way).
 */
function isPlainBranchName(name: string): boolean {
  return name.split('/').every((part) => /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(part) && !part.endsWith('.lock') && !part.includes('..'));
}

/**
 * The URL of the clone's origin as its config file says, when git wrote it plainly (`url = …`
 * under `[remote "origin"]`); anything else reads as unknown, and the caller sets it.
 */
function originUrl(dir: string): string | null {
  const file = join(dir, 'config');
  if (!existsSync(file)) return null;
  const section = /^\[remote "origin"\]\n((?:[ \t]+[^\n]*\n)*)/m.exec(readFileSync(file, 'utf8'));
  const urls = [...(section?.[1] ?? '').matchAll(/^[ \t]+url = ([^"\\;#\n]*)$/gm)].map((m) => m[1]);
  return urls.length === 1 ? urls[0] : null;
}

/**
 * Fetched tags arrive as one loose file each: 100,000 tags made a 7.8 MB repository 401 MB of
 * inodes. Packing them into packed-refs keeps a clone the size of its history.
 */
async function packRefs(options: GitOptions): Promise<void> {
  await git(['pack-refs', '--all', '--prune'], options);
}

/**
 * The regular files in `git ls-tree -r -z` output ("<mode> blob <oid>\t<path>"). Symbolic links
 * (mode 120000) and submodules (160000) are left out: a LICENSE or SECURITY.md that only points
 * elsewhere — possibly out of the repository — is not a file the project ships.
 */
function regularFiles(lsTree: string): TreeEntry[] {
  return lsTree
    .split('\0')
    .filter(Boolean)
    .flatMap((entry) => {
      const tab = entry.indexOf('\t');
      const [mode, , oid] = entry.slice(0, Math.max(0, tab)).split(' ');
      return tab > 0 && (mode === '100644' || mode === '100755') ? [{ path: entry.slice(tab + 1), oid }] : [];
    });
}

function cloneFailure(error: unknown, url: string): Error {
  if (!(error instanceof GitError)) return error as Error;
  const text = error.stderr.toLowerCase();
  if (/not found|does not appear to be a git repository|does not exist|no such file/.test(text)) {
    return new RepositoryError(`Repository nicht gefunden: ${displayUrl(url)}`, 'not-found');
  }
  if (/authentication|could not read username|403|401|permission denied/.test(text)) {
    return new RepositoryError(`Kein Zugriff auf ${displayUrl(url)} (privat oder Anmeldung nötig)`, 'forbidden');
  }
  return new RepositoryError(`${displayUrl(url)}: ${error.message}`, 'unavailable');
}

/**
 * Whether a local source (a path or file:// URL) is a shallow clone: cloning one makes git loop
 * ("shallow roots are not allowed to be updated") and what it yields is not the history. Read
 * from the file system: running git inside a foreign repository would honour its config.
 */
function shallowLocalSource(url: string): boolean {
  let path: string | null = null;
  if (url.startsWith('/')) path = url;
  else if (/^file:\/\//i.test(url)) {
    try {
      path = fileURLToPath(url);
    } catch {
      return false;
    }
  }
  return path !== null && (existsSync(join(path, 'shallow')) || existsSync(join(path, '.git', 'shallow')));
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** A URL without credentials, for messages. */
function displayUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
