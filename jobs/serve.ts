/**
 * `allmende serve`: the built SvelteKit dashboard (adapter-node's handler) in this process, on the
 * given port, reading the database named by the data paths. Builds the dashboard first when a
 * fresh checkout has no build yet.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DataPaths } from '../src/lib/paths';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HANDLER = resolve(ROOT, 'build/handler.js');

/** The newest modification time below the dashboard's sources. */
function newestSource(): number {
  const roots = ['src', 'db', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'].map((p) => resolve(ROOT, p));
  let newest = 0;
  const visit = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  roots.forEach(visit);
  return newest;
}

/** Builds the dashboard when there is no build yet or the sources changed since. */
export function ensureBuilt(log: (message: string) => void): void {
  if (existsSync(HANDLER) && statSync(HANDLER).mtimeMs >= newestSource()) return;
  log('Das Dashboard wird gebaut (etwa eine halbe Minute) …');
  const result = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit'
  });
  if (result.status !== 0) throw new Error('Der Bau des Dashboards ist fehlgeschlagen (npx vite build).');
}

export interface ServeOptions {
  port: number;
  host: string;
  paths: DataPaths;
  log: (message: string) => void;
  /** Resolves when the server should stop; default: SIGINT or SIGTERM. */
  until?: Promise<void>;
}

export async function startServer(options: Omit<ServeOptions, 'until'>): Promise<{ server: Server; url: string }> {
  ensureBuilt(options.log);
  process.env.ALLMENDE_DB = options.paths.dbFile;
  process.env.ALLMENDE_DATA = options.paths.dataDir;
  type Handler = NonNullable<Parameters<typeof createServer>[1]>;
  let handler: Handler | null = null;
  const server = createServer((req, res) => handler!(req, res));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port, options.host, () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host === '0.0.0.0' || options.host === '127.0.0.1' ? 'localhost' : options.host;
  const url = `http://${host}:${port}`;
  // Absolute links (API, badges) need the origin; behind a proxy set ORIGIN to the public URL.
  process.env.ORIGIN ??= url;
  handler = ((await import(pathToFileURL(HANDLER).href)) as { handler: Handler }).handler;
  return { server, url };
}

export async function serve(options: ServeOptions): Promise<void> {
  const { server, url } = await startServer(options);
  process.stdout.write(`${url}\n`);
  await (options.until ??
    new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    }));
  await new Promise<void>((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}
