/**
 * The dashboard's HTTP answers as `allmende serve` gives them (issue 16): a Content-Security-Policy
 * without inline script on pages, security headers on pages, API and the static `/_app/*` assets
 * (which adapter-node serves before the SvelteKit hooks run), only GET and HEAD, bounded address
 * and header sizes, and /healthz for monitoring.
 */
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, watchErrors, type Dashboard } from './harness';

let dash: Dashboard;
/** The page with client-side JavaScript (the others render without, csr = false): a reuse neighbourhood. */
let jsPage: string;

beforeAll(async () => {
  dash = await startDashboard();
  const reuse = (await (await fetch(`${dash.baseUrl}/api/reuse?limit=1`)).json()) as { data: { projectId: string }[] };
  jsPage = `/nachnutzung/projekt/${encodeURIComponent(reuse.data[0].projectId)}`;
});

afterAll(async () => {
  await dash?.close();
});

function directives(csp: string | null): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

function expectSecurityHeaders(res: Response, what: string) {
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), what).toBe('same-origin');
  expect(directives(res.headers.get('content-security-policy')).get('frame-ancestors'), what).toEqual(["'none'"]);
}

/** A raw request with given headers (fetch refuses some of what a hostile client sends). */
function raw(
  path: string,
  headers: Record<string, string> = {},
  method = 'GET'
): Promise<{ status: number; headers: Record<string, unknown> }> {
  const url = new URL(dash.baseUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('security headers', () => {
  it('pages carry a CSP whose scripts are only the own files and hashed inline script', async () => {
    const res = await fetch(dash.baseUrl + jsPage);
    expect(res.status).toBe(200);
    expectSecurityHeaders(res, jsPage);
    const csp = directives(res.headers.get('content-security-policy'));
    const scripts = csp.get('script-src') ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    const html = await res.text();
    // SvelteKit's inline bootstrap script is allowed by its hash, nothing else inline.
    expect(html).toMatch(/<script>/);
    expect(scripts.some((s) => s.startsWith("'sha256-"))).toBe(true);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });

  it("a 304 never replaces a page's policy with the fallback one (the browser keeps the 304's headers)", async () => {
    for (const path of ['/', jsPage]) {
      // Twice: the second answer may come from the response cache.
      for (let i = 0; i < 2; i++) {
        const first = await fetch(dash.baseUrl + path);
        const etag = first.headers.get('etag');
        expect(etag, path).toBeTruthy();
        const again = await fetch(dash.baseUrl + path, { headers: { 'if-none-match': etag! } });
        if (again.status === 304)
          expect(again.headers.get('content-security-policy') ?? '', path).not.toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
        else expect(again.headers.get('content-security-policy'), path).toBe(first.headers.get('content-security-policy'));
      }
    }
  });

  it('static assets under /_app/ carry them too', async () => {
    const html = await (await fetch(dash.baseUrl + jsPage)).text();
    // Relative to the page ("./_app/…", "../../_app/…" on nested routes).
    const assets = [...html.matchAll(/"(?:\.{1,2}\/)*(\/?_app\/immutable\/[^"]+\.(?:js|css))"/g)].map((m) => `/${m[1].replace(/^\//, '')}`);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of new Set(assets)) {
      const res = await fetch(dash.baseUrl + asset);
      expect(res.status, asset).toBe(200);
      expectSecurityHeaders(res, asset);
    }
    const version = await fetch(`${dash.baseUrl}/_app/version.json`);
    expectSecurityHeaders(version, '/_app/version.json');
  });

  it('API, badges and error pages carry them', async () => {
    for (const path of ['/api/projects', '/gibt-es-nicht', '/api/projects/gibt-es-nicht']) {
      const res = await fetch(dash.baseUrl + path);
      expectSecurityHeaders(res, path);
    }
  });

  it('a page with the CSP works with JavaScript: no violation, hydrated', async () => {
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(jsPage, { waitUntil: 'networkidle' });
    // SvelteKit's inline bootstrap script ran under the policy (it defines the __sveltekit_* global).
    await expect(page.evaluate(() => Object.keys(window).some((k) => k.startsWith('__sveltekit')))).resolves.toBe(true);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('requests the dashboard refuses', () => {
  it('answers only GET and HEAD, on pages, API and static assets', async () => {
    const head = await fetch(`${dash.baseUrl}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    for (const [method, path] of [
      ['POST', '/'],
      ['PUT', '/api/projects'],
      ['DELETE', '/api/projects'],
      ['PATCH', '/projekte/x'],
      ['OPTIONS', '/api/projects'],
      ['POST', '/_app/version.json']
    ]) {
      const res = await fetch(dash.baseUrl + path, { method, body: method === 'OPTIONS' ? undefined : 'x' });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get('allow'), `${method} ${path}`).toBe('GET, HEAD');
      expectSecurityHeaders(res, `${method} ${path}`);
    }
    // A method node knows but SvelteKit never sees.
    expect((await raw('/', {}, 'TRACE')).status).toBe(405);
  });

  it('answers 414 for an address beyond 8 kB and 431 for oversized headers', async () => {
    const long = await fetch(`${dash.baseUrl}/suche?q=${'a'.repeat(9000)}`);
    expect(long.status).toBe(414);
    expectSecurityHeaders(long, '414');
    expect((await fetch(`${dash.baseUrl}/suche?q=${'a'.repeat(7000)}`)).status).toBe(200);
    expect((await raw('/', { 'x-filler': 'b'.repeat(20_000) })).status).toBe(431);
    // The server still answers afterwards.
    expect((await fetch(`${dash.baseUrl}/api/projects`)).status).toBe(200);
  });
});

describe('/healthz', () => {
  it('reports the database, the last successful run and the scheduler, 503 once the heartbeat is stale', async () => {
    const res = await fetch(`${dash.baseUrl}/healthz`);
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = JSON.parse(text);
    expect(body).toMatchObject({ healthy: true, problems: [], database: { readable: true }, scheduler: { state: 'none' } });
    expect(['ok', 'partial']).toContain(body.lastSuccessfulRun.status);
    expect(Date.parse(body.lastSuccessfulRun.finishedAt)).toBeGreaterThan(0);
    expect(text).not.toMatch(/@|token|ghp_|glpat-/i);

    // A scheduler that stopped beating ten minutes ago without stopping.
    const writer = new Database(dash.dbFile);
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    writer
      .prepare(
        "insert into meta (key, value, updated_at) values ('schedule.heartbeat', 'running', ?) on conflict(key) do update set value = excluded.value, updated_at = excluded.updated_at"
      )
      .run(tenMinutesAgo);
    const stale = await fetch(`${dash.baseUrl}/healthz`);
    const staleBody = await stale.json();
    expect(stale.status).toBe(503);
    expect(staleBody.healthy).toBe(false);
    expect(staleBody.scheduler.state).toBe('stale');
    expect(staleBody.problems.join(' ')).toMatch(/kein Lebenszeichen/);

    // A clean stop is healthy again.
    writer.prepare("update meta set value = '', updated_at = unixepoch() where key = 'schedule.heartbeat'").run();
    writer.close();
    const stopped = await fetch(`${dash.baseUrl}/healthz`);
    expect(stopped.status).toBe(200);
    expect((await stopped.json()).scheduler.state).toBe('stopped');
  });
});

describe('under load', () => {
  it('stays responsive for other clients while 100 slow sockets trickle their headers (autocannon, 10 clients, 2 s)', async () => {
    const url = new URL(dash.baseUrl);
    const slow: Socket[] = [];
    const timers: NodeJS.Timeout[] = [];
    for (let i = 0; i < 100; i++) {
      const socket = connect(Number(url.port), url.hostname);
      socket.on('error', () => {});
      socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
      // One header byte every 300 ms: never a complete request.
      timers.push(setInterval(() => socket.writable && socket.write('X'), 300));
      slow.push(socket);
    }
    try {
      const result = await autocannon({ url: `${dash.baseUrl}/`, connections: 10, duration: 2 });
      expect(result.errors).toBe(0);
      expect(result.timeouts).toBe(0);
      expect(result.non2xx).toBe(0);
      expect(result.requests.total).toBeGreaterThan(20);
      const page = await fetch(`${dash.baseUrl}/methodik`);
      expect(page.status).toBe(200);
    } finally {
      for (const t of timers) clearInterval(t);
      for (const socket of slow) socket.destroy();
    }
  }, 60_000);
});
