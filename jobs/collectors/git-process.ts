/**
 * Running git: never prompting, never reading the user's or system's config, tokens passed through
 * the environment (GIT_CONFIG_*), never on the command line or in messages. Only the protocols of
 * ALLOWED_PROTOCOLS are enabled (git's own policy would allow fd:: and other "user" protocols),
 * and every call has a deadline after which the child is killed: a remote that never answers must
 * not hold the collection lock for ever.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { ALLOWED_PROTOCOLS } from '../../src/lib/remote-url';

/** Deadline of a call that talks to a remote (clone, fetch, ls-remote), unless ALLMENDE_GIT_TIMEOUT says otherwise. */
export const NETWORK_TIMEOUT_SECONDS = 30 * 60;
/** Deadline of a local call (log, cat-file, rev-list …). */
export const LOCAL_TIMEOUT_SECONDS = 10 * 60;
const NETWORK_COMMANDS = new Set(['clone', 'fetch', 'ls-remote']);

export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string
  ) {
    super(message);
    this.name = 'GitError';
  }
}

export interface GitOptions {
  cwd?: string;
  /** Extra HTTP header for https remotes (e.g. a token); passed via the environment. */
  httpHeader?: string;
  signal?: AbortSignal;
  /** Text to scrub from error messages (tokens). */
  secrets?: string[];
  /** Deadline in seconds; default by command (network or local), see deadlineSeconds. */
  timeoutSeconds?: number;
  /** Written to git's standard input, which is then closed (e.g. object names for `cat-file --batch`). */
  input?: string;
}

/**
 * The deadline of `git <command>`: the option, else for network commands ALLMENDE_GIT_TIMEOUT
 * (seconds) or NETWORK_TIMEOUT_SECONDS, else LOCAL_TIMEOUT_SECONDS.
 */
export function deadlineSeconds(command: string, options: GitOptions): number {
  if (options.timeoutSeconds) return options.timeoutSeconds;
  if (!NETWORK_COMMANDS.has(command)) return LOCAL_TIMEOUT_SECONDS;
  const fromEnv = Number(process.env.ALLMENDE_GIT_TIMEOUT);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : NETWORK_TIMEOUT_SECONDS;
}

function gitEnv(options: GitOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C',
    LC_ALL: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: 'true',
    SSH_ASKPASS: 'true'
  };
  const config: [string, string][] = [
    ['protocol.allow', 'never'],
    ...ALLOWED_PROTOCOLS.map((p): [string, string] => [`protocol.${p}.allow`, 'always']),
    // A transfer below 1 byte/s for 5 minutes is a stalled remote, not a slow one.
    ['http.lowSpeedLimit', '1'],
    ['http.lowSpeedTime', '300'],
    ['core.quotePath', 'false'],
    ['advice.detachedHead', 'false']
  ];
  if (options.httpHeader) config.push(['http.extraHeader', options.httpHeader]);
  env.GIT_CONFIG_COUNT = String(config.length);
  config.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

function scrub(text: string, secrets: string[] = []): string {
  return secrets.filter(Boolean).reduce((t, s) => t.split(s).join('***'), text);
}

/**
 * Spawn git with the deadline armed: when it passes the child is killed and `timedOut()` says so,
 * so the caller reports "Zeitlimit" instead of a signal.
 */
function spawnGit(
  args: string[],
  options: GitOptions,
  stdout: 'pipe' | number = 'pipe'
): { child: ChildProcess; timedOut: () => string | null; done: () => void } {
  const child = spawn('git', args, {
    cwd: options.cwd,
    env: gitEnv(options),
    signal: options.signal,
    // No input: git reads end-of-file at once instead of waiting on an open pipe.
    stdio: [options.input === undefined ? 'ignore' : 'pipe', stdout, 'pipe']
  });
  if (options.input !== undefined) {
    // A git that exits before reading everything closes the pipe; its exit code tells what happened.
    child.stdin!.on('error', () => {});
    child.stdin!.end(options.input);
  }
  const seconds = deadlineSeconds(args[0], options);
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    child.kill('SIGKILL');
  }, seconds * 1000);
  timer.unref();
  return {
    child,
    timedOut: () => (expired ? `git ${args[0]} hat das Zeitlimit von ${seconds} s überschritten und wurde abgebrochen` : null),
    done: () => clearTimeout(timer)
  };
}

/** The last 64 kB of a child's stderr: a looping git can print gigabytes of warnings. */
function stderrTail(child: ChildProcess, limit = 64 * 1024): { text: () => string } {
  let chunks: Buffer[] = [];
  let size = 0;
  child.stderr!.on('data', (d: Buffer) => {
    chunks.push(d);
    size += d.length;
    if (size > 2 * limit) {
      const all = Buffer.concat(chunks);
      chunks = [all.subarray(all.length - limit)];
      size = limit;
    }
  });
  return {
    text: () => {
      const all = Buffer.concat(chunks);
      if (all.length <= limit) return all.toString('utf8').trim();
      // Cut at a line start, so that no half secret escapes scrubbing.
      const tail = all.subarray(all.length - limit).toString('utf8');
      return tail.slice(tail.indexOf('\n') + 1).trim();
    }
  };
}

function failure(args: string[], code: number | null, stderr: string, timedOut: string | null): GitError {
  if (timedOut) return new GitError(timedOut, code, stderr);
  return new GitError(`git ${args[0]} ist fehlgeschlagen: ${lastLine(stderr) || `Exit-Code ${code}`}`, code, stderr);
}

/** Run git to completion and return stdout as a Buffer. */
export function git(args: string[], options: GitOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { child, timedOut, done } = spawnGit(args, options);
    const out: Buffer[] = [];
    const err = stderrTail(child);
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.on('error', (e) => {
      done();
      reject(new GitError(scrub(`git ${args[0]}: ${e.message}`, options.secrets), null, ''));
    });
    child.on('close', (code) => {
      done();
      const stderr = scrub(err.text(), options.secrets);
      if (code === 0 && !timedOut()) resolve(Buffer.concat(out));
      else reject(failure(args, code, stderr, timedOut()));
    });
  });
}

export async function gitText(args: string[], options: GitOptions = {}): Promise<string> {
  return (await git(args, options)).toString('utf8');
}

/**
 * Run git and hand its output to `onRecord` record by record (split at `separator`), in order,
 * decoded as UTF-8 across reads, without holding the whole output in memory; the promise settles
 * when git has exited. git writes into a file in `spoolDir` that is read as it grows, not into a
 * pipe: through a pipe (64 kB) git stops whenever the reader is busy (e.g. writing a batch into
 * SQLite) and the reader waits whenever git is, so their times add up; with the file they overlap.
 * The file holds the whole output until the end (the collector's log: about 100 bytes a commit,
 * 100 MB for a million) and is removed then; one left by a killed process is removed by the next
 * stream in the same folder.
 */
export async function gitStream(
  args: string[],
  separator: string,
  onRecord: (record: string) => void,
  options: GitOptions & { spoolDir: string }
): Promise<void> {
  removeStaleSpools(options.spoolDir);
  const file = join(options.spoolDir, `${SPOOL_PREFIX}${process.pid}.${++spools}`);
  const out = openSync(file, 'wx', 0o600);
  let reader: FileHandle | null = null;
  try {
    let spawned: ReturnType<typeof spawnGit>;
    try {
      spawned = spawnGit(args, options, out);
    } finally {
      // git has its own copy of the descriptor.
      closeSync(out);
    }
    const { child, timedOut, done } = spawned;
    const err = stderrTail(child);
    // Set once git has exited (or could not be started): the reads that follow are the last.
    let exit: { code: number | null; error: Error | null } | null = null;
    const exited = new Promise<{ code: number | null; error: Error | null }>((resolve) => {
      child.on('error', (error) => resolve((exit ??= { code: null, error })));
      child.on('close', (code) => resolve((exit ??= { code, error: null })));
    });
    const records = recordSplitter(separator, onRecord);
    reader = await open(file, 'r');
    const decoder = new StringDecoder('utf8');
    const buffer = Buffer.allocUnsafe(1 << 20);
    let position = 0;
    try {
      for (;;) {
        const finished = exit !== null;
        const { bytesRead } = await reader.read(buffer, 0, buffer.length, position);
        if (bytesRead > 0) {
          position += bytesRead;
          records.push(decoder.write(buffer.subarray(0, bytesRead)));
        } else if (finished) break;
        else await Promise.race([exited, sleep(10)]);
      }
    } catch (error) {
      // A record that cannot be stored ends the stream: git is stopped, the error is the caller's.
      child.kill();
      await exited;
      throw error;
    } finally {
      done();
    }
    const { code, error } = await exited;
    if (error) throw new GitError(scrub(`git ${args[0]}: ${error.message}`, options.secrets), null, '');
    const stderr = scrub(err.text(), options.secrets);
    if (code !== 0 || timedOut()) throw failure(args, code, stderr, timedOut());
    records.push(decoder.end());
    records.end();
  } finally {
    await reader?.close();
    rmSync(file, { force: true });
  }
}

const SPOOL_PREFIX = '.allmende-git-output.';
let spools = 0;

/** Spool files of processes that are gone (killed midway). */
function removeStaleSpools(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(SPOOL_PREFIX)) continue;
    const pid = Number(name.slice(SPOOL_PREFIX.length).split('.')[0]);
    if (pid !== process.pid && !isRunning(pid)) rmSync(join(dir, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Text in, records out: each complete record to `onRecord`, the rest kept for the next chunk. */
function recordSplitter(separator: string, onRecord: (record: string) => void): { push(text: string): void; end(): void } {
  let rest = '';
  return {
    push(text) {
      if (!text) return;
      const parts = (rest + text).split(separator);
      rest = parts.pop() ?? '';
      for (const part of parts) onRecord(part);
    },
    end() {
      if (rest) onRecord(rest);
      rest = '';
    }
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('hint:'));
  return lines[lines.length - 1] ?? '';
}
