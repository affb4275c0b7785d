/**
 * Benchmark: the reuse view at 1,000 projects (issue 12: every reuse page ≤ 1 MB of HTML and its
 * first view ≤ 1 s, goal 300 kB and 200 ms; /api/reuse ≤ 1 MB per answer).
 *
 * Serves the built dashboard on the benchmark database of bench/derive.ts in a fresh process, so
 * that each page's first request is its first render (the response cache answers the second).
 * The focused views show the most reused project and the most active adopter. /api/reuse is read
 * to the end through its cursor with the largest page (limit=1000).
 */
import Database from 'better-sqlite3';
import { serveDashboard } from './serve';

export interface ReusePage {
  path: string;
  bytes: number;
  /** First render since the server started (the response cache is empty). */
  firstMs: number;
  /** The same page again, from the response cache. */
  cachedMs: number;
}

export interface ReuseResult {
  projects: number;
  evidence: number;
  pages: ReusePage[];
  api: { pages: number; rows: number; maxBytes: number; totalBytes: number; seconds: number };
}

async function fetched(url: string): Promise<{ ms: number; bytes: number; body: Buffer }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url}: Status ${response.status}`);
  return { ms: performance.now() - started, bytes: body.length, body };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function benchReuse(db: string): Promise<ReuseResult> {
  const sqlite = new Database(db, { readonly: true });
  const one = <T>(query: string) => sqlite.prepare(query).get() as T;
  const projects = one<{ n: number }>('SELECT count(*) AS n FROM projects').n;
  const evidence = one<{ n: number }>('SELECT count(*) AS n FROM reuse_evidence').n;
  const project = one<{ id: string }>(
    'SELECT project_id AS id FROM reuse_pairs GROUP BY project_id ORDER BY sum(observed) DESC, count(*) DESC, project_id LIMIT 1'
  ).id;
  const adopter = one<{ id: string }>(
    'SELECT organisation_id AS id FROM reuse_pairs GROUP BY organisation_id ORDER BY sum(observed) DESC, count(*) DESC, organisation_id LIMIT 1'
  ).id;
  sqlite.close();

  const served = await serveDashboard(db);
  try {
    // Opens the database and loads the server's code once, like any first visitor after a start.
    await fetched(`${served.url}/methodik`);
    const paths = [
      '/nachnutzung',
      '/nachnutzung?seite=2',
      `/nachnutzung?art=county&nachweis=${encodeURIComponent('erklärt')}`,
      `/nachnutzung/projekt/${encodeURIComponent(project)}`,
      `/nachnutzung/organisation/${encodeURIComponent(adopter)}`,
      '/api/reuse',
      '/api/reuse?limit=1000'
    ];
    const pages: ReusePage[] = [];
    for (const path of paths) {
      const first = await fetched(served.url + path);
      const cached = await fetched(served.url + path);
      pages.push({ path, bytes: first.bytes, firstMs: round(first.ms), cachedMs: round(cached.ms) });
    }
    const api = { pages: 0, rows: 0, maxBytes: 0, totalBytes: 0, seconds: 0 };
    const started = performance.now();
    let cursor: string | null = null;
    do {
      const page = await fetched(`${served.url}/api/reuse?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      const body = JSON.parse(page.body.toString('utf8')) as { next: string | null; data: unknown[] };
      api.pages++;
      api.rows += body.data.length;
      api.maxBytes = Math.max(api.maxBytes, page.bytes);
      api.totalBytes += page.bytes;
      cursor = body.next;
    } while (cursor);
    api.seconds = Math.round((performance.now() - started) / 10) / 100;
    return { projects, evidence, pages, api };
  } finally {
    served.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchReuse(process.argv[2] ?? '/tmp/allmende-bench-1000.db'), null, 2));
}
