/**
 * Benchmark: the dashboard at country scale (issue 14), cold and warm, on the database of
 * bench/country-db.ts after derive. The built dashboard runs as `allmende serve` in its own process
 * (bench/serve.ts); one client asks one request at a time, latency as the client sees it.
 *
 * - cold: every address is asked for the first time (distinct filters, sort orders, pages, project
 *   and organisation ids, search terms, comparison sets), so the response cache
 *   (src/hooks.server.ts, keyed by path and query) never answers; what every page of the Übersicht
 *   shares and keeps until the data changes (filter options, counts) is warm, as it is for every
 *   visitor after the first.
 * - warm: the same addresses again, now answered by the response cache.
 * - first render after new data: a write to the database from another connection (as derive's
 *   commit does) moves SQLite's data_version, which empties the response cache and the memoised
 *   figures; then `/` is asked once. Repeated, each time after another write.
 *
 *   npx tsx bench/country-dashboard.ts [--db /tmp/allmende-bench-country.db] [--n 100]
 */
import Database from 'better-sqlite3';
import { LIFECYCLES } from '../src/lib/reports/types';
import { encodeCursor } from '../src/lib/server/api-paging';
import { daysUpTo } from '../src/lib/server/organisation-report';
import { serveDashboard } from './serve';

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export interface CountryPage {
  /** What is asked, e.g. "overview with filters and sort". */
  what: string;
  /** One of the addresses. */
  example: string;
  cold: Latency;
  warm: Latency;
  /** Largest answer in bytes. */
  maxBytes: number;
}

export interface CountryDashboardResult {
  projects: number;
  organisations: number;
  pages: CountryPage[];
  /** `/` right after a write to the database, one request each. */
  firstRenderAfterData: Latency;
  /** The first request after the server started (opens the database, loads the code). */
  startMs: number;
}

function latency(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function timed(url: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url, { redirect: 'manual' });
  const body = await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: Status ${response.status}`);
  return { ms, bytes: body.byteLength };
}

/** Distinct overview addresses: sort orders × pages × one filter (or none) in turn. */
function overviewPaths(n: number, values: { kinds: string[]; regions: string[]; licences: string[] }): string[] {
  const sorts = ['score', 'name', 'contributors', 'reuse'];
  const filters: [string, string[]][] = [
    ['', ['']],
    ['zustand', [...LIFECYCLES]],
    ['art', values.kinds],
    ['region', values.regions],
    ['plattform', ['github', 'opencode']],
    ['lizenz', [...values.licences, 'keine']]
  ];
  const out = new Set<string>();
  for (let k = 0; out.size < n && k < n * 20; k++) {
    const [name, list] = filters[k % filters.length];
    const value = list[Math.floor(k / filters.length) % list.length];
    const params = new URLSearchParams();
    if (name) params.set(name, value);
    params.set('sortierung', sorts[Math.floor(k / 3) % sorts.length]);
    const page = 1 + (Math.floor(k / 7) % 3);
    if (page > 1) params.set('seite', String(page));
    out.add(`/?${params}`);
  }
  return [...out];
}

/** `count` distinct pages of /api/projects of `limit` entries, starting at places spread over the list. */
function listPages(keys: [number, string][], count: number, limit: number): string[] {
  return Array.from({ length: Math.min(count, keys.length) }, (_, k) => {
    const place = Math.floor((k * keys.length) / count);
    const query = new URLSearchParams();
    if (limit !== 100) query.set('limit', String(limit));
    if (place > 0) query.set('cursor', encodeCursor(keys[place - 1]));
    const qs = query.toString();
    return qs ? `/api/projects?${qs}` : '/api/projects';
  });
}

export async function benchCountryDashboard(db: string, n = 100): Promise<CountryDashboardResult> {
  const sqlite = new Database(db, { readonly: true });
  const projectIds = sqlite.prepare('SELECT id FROM projects ORDER BY id').pluck().all() as string[];
  // /api/projects' cursors: [place in the name order, id] of the project a page goes on after.
  const listKeys = sqlite.prepare('SELECT ifnull(name_order, 0), id FROM projects ORDER BY name_order, id').raw().all() as [
    number,
    string
  ][];
  const organisations = sqlite.prepare('SELECT id FROM organisations ORDER BY rowid').pluck().all() as string[];
  const kinds = sqlite.prepare('SELECT DISTINCT kind FROM organisations ORDER BY 1').pluck().all() as string[];
  const regions = sqlite.prepare('SELECT DISTINCT region FROM organisations WHERE region IS NOT NULL ORDER BY 1').pluck().all() as string[];
  const licences = sqlite
    .prepare('SELECT DISTINCT license_spdx FROM repositories WHERE license_spdx IS NOT NULL ORDER BY 1')
    .pluck()
    .all() as string[];
  const rolling = daysUpTo(sqlite.prepare('SELECT max(as_of) FROM project_snapshots').pluck().get() as string);
  sqlite.close();
  const spread = <T>(list: T[], count: number, offset = 0): T[] =>
    Array.from({ length: Math.min(count, list.length) }, (_, k) => list[(offset + Math.floor((k * list.length) / count)) % list.length]);
  // Organisations: the largest owners (Zipf, the first ids) and a spread over the rest.
  const orgSample = [...new Set([...organisations.slice(0, 10), ...spread(organisations, n - 10, 3)])].slice(0, n);
  const groups: { what: string; paths: string[] }[] = [
    { what: 'Übersicht mit Filtern und Sortierung', paths: overviewPaths(n, { kinds, regions, licences }) },
    { what: 'Steckbrief `/projekte/:id`', paths: spread(projectIds, n).map((id) => `/projekte/${encodeURIComponent(id)}`) },
    {
      what: 'Beschaffungs-Check, vier Kandidaten',
      paths: Array.from({ length: n }, (_, k) => {
        const four = [0, 1, 2, 3].map((j) => projectIds[(k * 97 + j * 2503) % projectIds.length]);
        return `/beschaffung?vergleich=${four.map(encodeURIComponent).join(',')}`;
      })
    },
    {
      what: 'Organisation `/organisationen/:id` (Standard: zwölf volle Monate)',
      paths: orgSample.map((id) => `/organisationen/${encodeURIComponent(id)}`)
    },
    // The preset of 365 days up to the Stand: a period with days of part months, counted from the facts.
    {
      what: 'Organisation, 365 Tage bis zum Stand (Tage der angebrochenen Monate aus den Fakten)',
      paths: orgSample.map((id) => `/organisationen/${encodeURIComponent(id)}?von=${rolling.from}&bis=${rolling.to}`)
    },
    {
      what: 'Suche `/suche?q=`',
      paths: Array.from({ length: n }, (_, k) => `/suche?q=${encodeURIComponent(k % 2 ? `projekt ${k * 37}` : `beispiel ${k * 13}`)}`)
    },
    { what: 'Badge `/badge/:id.svg`', paths: spread(projectIds, n, 7).map((id) => `/badge/${encodeURIComponent(id)}.svg`) },
    { what: 'API `/api/projects/:id`', paths: spread(projectIds, n, 11).map((id) => `/api/projects/${encodeURIComponent(id)}`) },
    {
      what: 'API `/api/organisations/:id`',
      paths: spread(organisations, n, 5).map((id) => `/api/organisations/${encodeURIComponent(id)}`)
    },
    // Pages starting at distinct places of the list (the first page too), so each address is new.
    { what: 'API `/api/projects`, Seiten zu 100 (Standard)', paths: listPages(listKeys, n, 100) },
    { what: 'API `/api/projects`, Seiten zu 1000 (höchstens)', paths: listPages(listKeys, Math.min(n, 20), 1000) }
  ];

  const served = await serveDashboard(db, { privateBuild: true });
  const writer = new Database(db);
  try {
    const start = await timed(`${served.url}/methodik`);
    // What every page of the Übersicht shares is computed by the first overview request; the cold
    // rows measure the response cache's misses, the first-render row below everything anew.
    await timed(`${served.url}/?start=1`);
    const pages: CountryPage[] = [];
    for (const g of groups) {
      const cold: number[] = [];
      const warm: number[] = [];
      let maxBytes = 0;
      for (const path of g.paths) {
        const r = await timed(served.url + path);
        cold.push(r.ms);
        maxBytes = Math.max(maxBytes, r.bytes);
      }
      for (const path of g.paths) warm.push((await timed(served.url + path)).ms);
      pages.push({ what: g.what, example: g.paths[g.paths.length >> 1], cold: latency(cold), warm: latency(warm), maxBytes });
      process.stderr.write(`  ${g.what}: cold p95 ${latency(cold).p95} ms, warm p95 ${latency(warm).p95} ms\n`);
    }
    // New data: a commit by another connection moves data_version, as derive's does. An UPDATE that
    // writes a value as it was changes nothing SQLite would report; a row added and removed in one
    // transaction does, and leaves the data as it was.
    const touch = writer.transaction(() => {
      writer.prepare(`INSERT INTO rate_limits (forge_id, observed_at) VALUES ('bench-touch', 0)`).run();
      writer.prepare(`DELETE FROM rate_limits WHERE forge_id = 'bench-touch'`).run();
    });
    const first: number[] = [];
    for (let k = 0; k < 10; k++) {
      touch();
      first.push((await timed(`${served.url}/`)).ms);
    }
    return {
      projects: projectIds.length,
      organisations: organisations.length,
      pages,
      firstRenderAfterData: latency(first),
      startMs: Math.round(start.ms * 10) / 10
    };
  } finally {
    writer.close();
    served.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  console.log(JSON.stringify(await benchCountryDashboard(arg('db', '/tmp/allmende-bench-country.db'), Number(arg('n', '100'))), null, 2));
}
