/**
 * The built dashboard for the benchmarks: `allmende serve` on a database, in its own process, on a
 * free 127.0.0.1 port (built first when the build is missing or old).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureBuilt, ROOT } from '../jobs/serve';

function freePort(): Promise<number> {
  return new Promise((ok) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

export interface Served {
  url: string;
  stop(): void;
}

/**
 * `privateBuild`: serve a copy of the build (ALLMENDE_BUILD_DIR), so that someone rebuilding the
 * shared checkout meanwhile cannot swap the server's chunks under a long benchmark.
 */
export async function serveDashboard(db: string, options: { privateBuild?: boolean } = {}): Promise<Served> {
  ensureBuilt((m) => process.stderr.write(`${m}\n`));
  let copy: string | null = null;
  if (options.privateBuild) {
    // Below node_modules, where the build's packages resolve as they do from build/.
    mkdirSync(resolve(ROOT, 'node_modules/.cache'), { recursive: true });
    copy = mkdtempSync(resolve(ROOT, 'node_modules/.cache/allmende-bench-build-'));
    cpSync(resolve(ROOT, 'build'), copy, { recursive: true });
  }
  const port = await freePort();
  const server = spawn(process.execPath, [resolve(ROOT, 'bin/allmende.js'), 'serve', '--db', db, '--port', String(port)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: copy ? { ...process.env, ALLMENDE_BUILD_DIR: copy } : process.env
  });
  const url = await new Promise<string>((ok, fail) => {
    server.stdout.on('data', (d: Buffer) => {
      const match = /http:\/\/\S+/.exec(d.toString());
      if (match) ok(match[0]);
    });
    server.on('exit', (code) => fail(new Error(`serve exited with ${code}`)));
  });
  return {
    url,
    stop: () => {
      server.kill('SIGTERM');
      if (copy) rmSync(copy, { recursive: true, force: true });
    }
  };
}
