/**
 * Browser-test harness (DESIGN §9): drives the real built dashboard in Debian's Chromium through
 * playwright-core.
 *
 * 1. builds the dashboard (`npx vite build`) when build/handler.js is missing or older than any
 *    source file — once, even when several test files start at the same time (a lock directory);
 * 2. prepares a database with `prepareDatabase(file)`: the `tiny` offline forge world, collected and
 *    derived by the real pipeline through the forge emulator — once per test run, shared by all
 *    browser test files (tests/browser/world-db.ts); each dashboard gets its own copy;
 * 3. starts the dashboard as a user does, `allmende serve` (jobs/serve.ts: adapter-node's handler behind
 *    the request guard) on a free 127.0.0.1 port with ALLMENDE_DB;
 * 4. launches /usr/bin/chromium headless.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { copyDatabase, ensureWorldDatabase, type BrowserWorld } from './world-db';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
const BUILD_HANDLER = join(ROOT, 'build/handler.js');
const BUILD_LOCK = join(ROOT, 'test-results/.build.lock');
export const CHROMIUM = process.env.ALLMENDE_CHROMIUM ?? '/usr/bin/chromium';

/** The database the browser tests run on: a copy of the collected `tiny` world at `file`. */
export async function prepareDatabase(file: string): Promise<BrowserWorld> {
  const world = await ensureWorldDatabase();
  copyDatabase(world, file);
  return world;
}

// ─── 1. build ─────────────────────────────────────────────────────────────────────────────────

const SOURCES = ['src', 'db', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function buildIsCurrent(): boolean {
  if (!existsSync(BUILD_HANDLER)) return false;
  const built = statSync(BUILD_HANDLER).mtimeMs;
  return SOURCES.every((p) => newestMtime(join(ROOT, p)) <= built);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a command without blocking the event loop (the world is collected meanwhile). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeout: number): Promise<{ status: number | null; output: string }> {
  return new Promise((resolveRun) => {
    let output = '';
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill(), timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolveRun({ status: null, output: output + String(error) });
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolveRun({ status, output });
    });
  });
}

/** Builds the dashboard unless build/ is current. Safe when several test files call it at once. */
export async function ensureBuild(): Promise<void> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (buildIsCurrent()) return;
    mkdirSync(dirname(BUILD_LOCK), { recursive: true });
    try {
      mkdirSync(BUILD_LOCK);
    } catch {
      // Another test file builds; a lock older than 5 minutes is left over from a killed run.
      if (existsSync(BUILD_LOCK) && Date.now() - statSync(BUILD_LOCK).mtimeMs > 300_000)
        rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('Zeitüberschreitung beim Warten auf den Build des Dashboards.');
      await sleep(500);
      continue;
    }
    try {
      if (buildIsCurrent()) return;
      const result = await run('npx', ['vite', 'build'], { ...process.env, NODE_ENV: 'production' }, 240_000);
      if (result.status !== 0 || !existsSync(BUILD_HANDLER)) {
        throw new Error(`vite build ist fehlgeschlagen (Status ${result.status}):\n${result.output.slice(-6000)}`);
      }
      return;
    } finally {
      rmSync(BUILD_LOCK, { recursive: true, force: true });
    }
  }
}

// ─── 3. server ────────────────────────────────────────────────────────────────────────────────

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function startServer(dbFile: string): Promise<{ baseUrl: string; process: ChildProcess; output: () => string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'bin/allmende.js'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, ALLMENDE_DB: dbFile, ORIGIN: baseUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Der Dashboard-Server hat sich beendet (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/projects`);
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`Der Dashboard-Server antwortet nicht:\n${output}`);
    }
    await sleep(100);
  }
  return { baseUrl, process: child, output: () => output };
}

// ─── 4. browser ───────────────────────────────────────────────────────────────────────────────

export interface Dashboard {
  baseUrl: string;
  dbFile: string;
  /** The collected world behind the database: its truth and where the untrusted text went. */
  world: BrowserWorld;
  browser: Browser;
  /** A fresh context (JavaScript on unless told otherwise). */
  context(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** Server output so far (for failure messages). */
  serverOutput(): string;
  close(): Promise<void>;
}

export async function startDashboard(): Promise<Dashboard> {
  const dir = mkdtempSync(join(tmpdir(), 'allmende-browser-'));
  const dbFile = join(dir, 'allmende.db');
  // The build runs in a child process while the world is collected in this one.
  const [, world] = await Promise.all([ensureBuild(), prepareDatabase(dbFile)]);
  const server = await startServer(dbFile);
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run'
      ]
    });
  } catch (error) {
    server.process.kill();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  return {
    baseUrl: server.baseUrl,
    dbFile,
    world,
    browser,
    async context(options = {}) {
      const ctx = await browser.newContext({
        baseURL: server.baseUrl,
        locale: 'de-DE',
        viewport: { width: 1280, height: 900 },
        ...options
      });
      contexts.push(ctx);
      return ctx;
    },
    serverOutput: server.output,
    async close() {
      for (const ctx of contexts) await ctx.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      server.process.kill();
      await new Promise((r) => (server.process.exitCode !== null ? r(null) : server.process.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

// ─── helpers for tests ────────────────────────────────────────────────────────────────────────

/** Collects console errors and uncaught exceptions of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  return errors;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/** Runs axe-core (WCAG 2 A and AA rules) on the page and answers the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, not added as an inline <script>: the pages' CSP blocks inline script.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary }))
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** GET `path` of the dashboard as JSON and answer the envelope's `data`. */
export async function apiData<T>(dash: Dashboard, path: string): Promise<T> {
  const res = await fetch(dash.baseUrl + path);
  if (res.status !== 200) throw new Error(`${path}: Status ${res.status}`);
  return ((await res.json()) as { data: T }).data;
}

/** Every row of a paged list (/api/projects, /api/reuse), following `next` as a client does. */
export async function apiAll<T>(dash: Dashboard, path: string): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const url = new URL(path, dash.baseUrl);
    url.searchParams.set('limit', '1000');
    if (cursor) url.searchParams.set('cursor', cursor);
    const res = await fetch(url);
    if (res.status !== 200) throw new Error(`${url.pathname}${url.search}: Status ${res.status}`);
    const body = (await res.json()) as { next: string | null; data: T[] };
    rows.push(...body.data);
    cursor = body.next;
  } while (cursor);
  return rows;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
