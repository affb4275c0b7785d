/**
 * gitStream (jobs/collectors/git-process.ts): git's output spooled through a file that is read as it
 * grows. Every record arrives once and whole — also across the reader's 1 MB reads and inside a
 * multi-byte character —, a failing git or a failing record handler ends the stream with an error,
 * and no spool file is left behind, nor one of a killed process.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitError, gitStream } from '../../jobs/collectors/git-process';
import { tempDir } from '../helpers/db';
import { writeRepo } from '../helpers/git-fixture';

const COMMITS = 12_000;
let dir: string;
let repo: string;

beforeAll(() => {
  dir = tempDir('allmende-git-stream-');
  repo = join(dir, 'repo.git');
  // Long names with umlauts: the log is several MB, so records and characters straddle the reads.
  writeRepo(repo, {
    commits: Array.from({ length: COMMITS }, (_, i) => ({
      author: [`Jürgen Großmann-Öztürk ${'ä'.repeat(i % 300)} ${i}`, `dev${i}@stadt.de`] as [string, string],
      at: 1_600_000_000 + i * 60,
      files: {}
    }))
  });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const spools = () => readdirSync(repo).filter((n) => n.startsWith('.allmende-git-output.'));
const LOG = ['log', '--format=%x1e%H%x00%aN', 'HEAD'];

describe('gitStream', () => {
  it('hands over every record whole, in git’s order, and removes its spool file', async () => {
    const names: string[] = [];
    await gitStream(
      LOG,
      '\x1e',
      (record) => {
        if (!record) return;
        names.push(record.split('\0')[1].trim());
      },
      { cwd: repo, spoolDir: repo }
    );
    expect(names).toHaveLength(COMMITS);
    names.forEach((name, k) => {
      const i = COMMITS - 1 - k;
      expect(name).toBe(`Jürgen Großmann-Öztürk ${'ä'.repeat(i % 300)} ${i}`);
    });
    expect(spools()).toEqual([]);
  });

  it('fails with git’s message when git fails, leaving no spool file', async () => {
    const run = gitStream(['log', 'gibt-es-nicht'], '\x1e', () => {}, { cwd: repo, spoolDir: repo });
    await expect(run).rejects.toThrow(GitError);
    await expect(run).rejects.toThrow(/git log ist fehlgeschlagen/);
    expect(spools()).toEqual([]);
  });

  it('stops git and passes the handler’s error on when a record cannot be stored', async () => {
    let seen = 0;
    const run = gitStream(
      LOG,
      '\x1e',
      () => {
        if (++seen === 5) throw new Error('Datenbank voll');
      },
      { cwd: repo, spoolDir: repo }
    );
    await expect(run).rejects.toThrow('Datenbank voll');
    expect(seen).toBe(5);
    expect(spools()).toEqual([]);
  });

  it('removes the spool file a killed process left, not one of a running process', async () => {
    // PID 2^22 + 1 is above Linux's pid_max limit, so no process has it.
    const dead = join(repo, '.allmende-git-output.4194305.1');
    const alive = join(repo, `.allmende-git-output.${process.ppid}.1`);
    writeFileSync(dead, 'alt');
    writeFileSync(alive, 'läuft');
    await gitStream(['log', '-1', '--format=%H', 'HEAD'], '\n', () => {}, { cwd: repo, spoolDir: repo });
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(alive)).toBe(true);
  });
});
