/**
 * `allmende serve`: the built SvelteKit dashboard (adapter-node's handler) in this process, on the
 * given port, reading the database named by the data paths. Builds the dashboard first when a
 * fresh checkout has no build yet. A thin guard in front of the handler refuses other methods and
 * overlong addresses and sets the security headers, also on the static `/_app/*` assets that
 * adapter-node serves before the SvelteKit hooks run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FALLBACK_CSP, MAX_HEADER_BYTES, refuseRequest, SECURITY_HEADERS } from '../src/lib/server/http-policy';
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

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The guard in front of adapter-node's handler: refusals answered here, the security headers set
 * before the handler runs (an answer that sets its own, such as a page's CSP, overrides them).
 */
export function guard(handler: Handler): Handler {
  return (req, res) => {
    const refusal = refuseRequest(req.method, req.url);
    if (refusal) {
      res.writeHead(refusal.status, refusal.headers);
      res.end(req.method === 'HEAD' ? undefined : refusal.body);
      return;
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    // A 304 updates the headers of the browser's cached copy: the fallback policy must not
    // replace a page's own there (SvelteKit's 304 carries none).
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
      if (args[0] === 304 && this.getHeader('content-security-policy') === FALLBACK_CSP) this.removeHeader('content-security-policy');
      return writeHead.apply(this, args);
    } as typeof writeHead;
    handler(req, res);
  };
}

export async function startServer(options: Omit<ServeOptions, 'until'>): Promise<{ server: Server; url: string }> {
  ensureBuilt(options.log);
  process.env.ALLMENDE_DB = options.paths.dbFile;
  process.env.ALLMENDE_DATA = options.paths.dataDir;
  let handler: Handler | null = null;
  // Request headers beyond MAX_HEADER_BYTES are answered with 431 by node itself; a client that
  // sends its headers slowly is cut off after headersTimeout.
  // Until the handler is loaded (it needs ORIGIN, which needs the port) a request is asked to retry.
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, headersTimeout: 20_000, requestTimeout: 60_000 }, (req, res) => {
    if (handler) return handler(req, res);
    res
      .writeHead(503, { ...SECURITY_HEADERS, 'retry-after': '1', 'content-type': 'text/plain; charset=utf-8' })
      .end('Das Dashboard startet gerade.\n');
  });
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
  // ALLMENDE_BUILD_DIR: a copy of the build to serve instead (the benchmarks serve one, so that a
  // rebuild in the checkout cannot replace the files under a running server).
  const file = process.env.ALLMENDE_BUILD_DIR ? resolve(process.env.ALLMENDE_BUILD_DIR, 'handler.js') : HANDLER;
  handler = guard(((await import(pathToFileURL(file).href)) as { handler: Handler }).handler);
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
