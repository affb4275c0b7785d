/**
 * Benchmark: the dashboard at 1,000 projects (DESIGN §10: p95 ≤ 50 ms for the overview and project
 * pages under 20 concurrent clients; ≤ 100 kB JavaScript on first load).
 *
 * Uses the synthetic 1,000-project database of bench/derive.ts (built and derived when missing),
 * serves the built dashboard with `allmende serve` in its own process, and drives it with
 * autocannon. Latency is measured per request as the client sees it, queueing included.
 */
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { ROOT } from '../jobs/serve';
import { serveDashboard } from './serve';

export interface PageLatency {
  path: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export interface DashboardResult {
  projects: number;
  connections: number;
  seconds: number;
  pages: PageLatency[];
  /** One request at a time, each page rendered for the first time since the data changed. */
  cold: { overviewMs: number; projectP50Ms: number; projectP95Ms: number; projectPages: number };
  firstLoadJsBytes: number;
  firstLoadJsGzipBytes: number;
}

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return performance.now() - started;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10;
}

async function load(url: string, paths: string[], connections: number, seconds: number): Promise<PageLatency> {
  const latencies: number[] = [];
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
    setupClient: (client) => client.on('response', (_status: number, _bytes: number, time: number) => latencies.push(time))
  });
  latencies.sort((a, b) => a - b);
  return {
    path: paths.length === 1 ? paths[0] : `${paths[0].replace(/[^/]+$/, ':id')} (${paths.length} Projekte)`,
    requests: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.non2xx
  };
}

/** Bytes of JavaScript the overview page makes a browser load: scripts and module preloads. */
async function firstLoadJs(url: string): Promise<{ raw: number; gzip: number }> {
  const html = await (await fetch(url)).text();
  const sources = new Set<string>();
  for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g)) sources.add(m[1]);
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) sources.add(m[1]);
  let raw = 0;
  let gzip = 0;
  for (const src of sources) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { raw, gzip };
}

export async function benchDashboard(options: { db?: string; connections?: number; seconds?: number } = {}): Promise<DashboardResult> {
  const db = options.db ?? '/tmp/allmende-bench-1000.db';
  const connections = options.connections ?? 20;
  const seconds = options.seconds ?? 10;
  if (!existsSync(db)) {
    const built = spawnSync(process.execPath, ['--import', 'tsx', resolve(ROOT, 'bench/derive.ts'), '--db', db, '--keep'], {
      cwd: ROOT,
      stdio: 'inherit'
    });
    if (built.status !== 0) throw new Error('building the benchmark database failed');
  }
  const sqlite = new Database(db, { readonly: true });
  const ids = (sqlite.prepare('select id from projects order by id').all() as { id: string }[]).map((r) => r.id);
  sqlite.close();

  const served = await serveDashboard(db);
  const url = served.url;
  try {
    // The first request after start opens the database and reads every snapshot once.
    await fetch(`${url}/methodik`);
    const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 100)) === 0);
    const overviewMs = await timed(`${url}/`);
    const coldProject: number[] = [];
    for (const id of sample) coldProject.push(await timed(`${url}/projekte/${id}`));
    coldProject.sort((a, b) => a - b);
    const cold = {
      overviewMs: Math.round(overviewMs * 10) / 10,
      projectP50Ms: percentile(coldProject, 50),
      projectP95Ms: percentile(coldProject, 95),
      projectPages: coldProject.length
    };
    const pages = [
      await load(url, ['/'], connections, seconds),
      await load(
        url,
        sample.map((id) => `/projekte/${id}`),
        connections,
        seconds
      )
    ];
    const js = await firstLoadJs(`${url}/`);
    return { projects: ids.length, connections, seconds, pages, cold, firstLoadJsBytes: js.raw, firstLoadJsGzipBytes: js.gzip };
  } finally {
    served.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchDashboard(), null, 2));
}
