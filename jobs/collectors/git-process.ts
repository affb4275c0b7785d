/**
 * Running git: never prompting, never reading the user's or system's config, tokens passed through
 * the environment (GIT_CONFIG_*), never on the command line or in messages.
 */
import { spawn } from 'node:child_process';

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
    ['protocol.file.allow', 'always'],
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

/** Run git to completion and return stdout as a Buffer. */
export function git(args: string[], options: GitOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, env: gitEnv(options), signal: options.signal });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => reject(new GitError(scrub(`git ${args[0]}: ${e.message}`, options.secrets), null, '')));
    child.on('close', (code) => {
      const stderr = scrub(Buffer.concat(err).toString('utf8').trim(), options.secrets);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new GitError(`git ${args[0]} ist fehlgeschlagen: ${lastLine(stderr) || `Exit-Code ${code}`}`, code, stderr));
    });
  });
}

export async function gitText(args: string[], options: GitOptions = {}): Promise<string> {
  return (await git(args, options)).toString('utf8');
}

/**
 * Run git and hand stdout to `onRecord` split at `separator`, without holding the whole output in
 * memory. Output is decoded as UTF-8 across chunk boundaries; records arrive in order; the promise
 * settles when git exits.
 */
export function gitStream(args: string[], separator: string, onRecord: (record: string) => void, options: GitOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, env: gitEnv(options), signal: options.signal });
    child.stdout.setEncoding('utf8');
    let rest = '';
    const err: Buffer[] = [];
    let failure: unknown = null;
    child.stdout.on('data', (chunk: string) => {
      if (failure) return;
      const parts = (rest + chunk).split(separator);
      rest = parts.pop() ?? '';
      try {
        for (const part of parts) onRecord(part);
      } catch (error) {
        failure = error;
        child.kill();
      }
    });
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e) => reject(new GitError(scrub(`git ${args[0]}: ${e.message}`, options.secrets), null, '')));
    child.on('close', (code) => {
      if (failure) return reject(failure);
      const stderr = scrub(Buffer.concat(err).toString('utf8').trim(), options.secrets);
      if (code !== 0)
        return reject(new GitError(`git ${args[0]} ist fehlgeschlagen: ${lastLine(stderr) || `Exit-Code ${code}`}`, code, stderr));
      try {
        if (rest) onRecord(rest);
      } catch (error) {
        return reject(error);
      }
      resolve();
    });
  });
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() && !l.startsWith('hint:'));
  return lines[lines.length - 1] ?? '';
}
