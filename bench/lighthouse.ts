/**
 * Benchmark: Lighthouse performance of the dashboard on the demo world (issue 12: ≥ 90), with the
 * `lighthouse` package (a devDependency) driving the local Chromium (ALLMENDE_CHROMIUM, default
 * /usr/bin/chromium) headless against `allmende serve` on 127.0.0.1. Lighthouse's default settings:
 * a mobile device with simulated slow 4G and a 4 × slower CPU. Pages: the overview, the reuse
 * overview and the focused views of the most reused project and the most active adopter.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ROOT } from '../jobs/serve';
import { serveDashboard } from './serve';

export interface LighthousePage {
  path: string;
  /** 0–100. */
  performance: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  cumulativeLayoutShift: number;
}

export interface LighthouseResult {
  world: string;
  lighthouse: string;
  pages: LighthousePage[];
}

const CHROMIUM = process.env.ALLMENDE_CHROMIUM ?? '/usr/bin/chromium';
const CLI = resolve(ROOT, 'node_modules/lighthouse/cli/index.js');

interface Report {
  lighthouseVersion: string;
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number }>;
  runtimeError?: { message: string };
}

function audit(url: string, out: string): Report {
  const run = spawnSync(
    process.execPath,
    [
      CLI,
      url,
      '--only-categories=performance',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      '--output=json',
      `--output-path=${out}`,
      '--quiet'
    ],
    { cwd: ROOT, env: { ...process.env, CHROME_PATH: CHROMIUM }, encoding: 'utf8', timeout: 180_000 }
  );
  if (run.status !== 0) throw new Error(`lighthouse ${url}: ${run.stderr || run.error?.message}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  if (report.runtimeError || report.categories.performance.score === null)
    throw new Error(`lighthouse ${url}: ${report.runtimeError?.message ?? 'no score'}`);
  return report;
}

export async function benchLighthouse(db: string, world = 'demo'): Promise<LighthouseResult> {
  const sqlite = new Database(db, { readonly: true });
  const first = (query: string) => (sqlite.prepare(query).get() as { id: string } | undefined)?.id;
  if (!first('SELECT project_id AS id FROM project_snapshots LIMIT 1')) throw new Error(`${db}: nothing derived, the pages would be empty`);
  const project = first(
    'SELECT project_id AS id FROM reuse_pairs GROUP BY project_id ORDER BY sum(observed) DESC, count(*) DESC, project_id LIMIT 1'
  );
  const adopter = first(
    'SELECT organisation_id AS id FROM reuse_pairs GROUP BY organisation_id ORDER BY sum(observed) DESC, count(*) DESC, organisation_id LIMIT 1'
  );
  sqlite.close();
  const paths = [
    '/',
    '/nachnutzung',
    ...(project ? [`/nachnutzung/projekt/${encodeURIComponent(project)}`] : []),
    ...(adopter ? [`/nachnutzung/organisation/${encodeURIComponent(adopter)}`] : [])
  ];
  const dir = mkdtempSync(join(tmpdir(), 'allmende-lighthouse-'));
  const served = await serveDashboard(db);
  try {
    let version = '';
    const pages: LighthousePage[] = [];
    for (const path of paths) {
      const report = audit(served.url + path, join(dir, 'report.json'));
      version = report.lighthouseVersion;
      const ms = (key: string) => Math.round(report.audits[key]?.numericValue ?? NaN);
      pages.push({
        path,
        performance: Math.round((report.categories.performance.score ?? 0) * 100),
        firstContentfulPaintMs: ms('first-contentful-paint'),
        largestContentfulPaintMs: ms('largest-contentful-paint'),
        totalBlockingTimeMs: ms('total-blocking-time'),
        cumulativeLayoutShift: Math.round((report.audits['cumulative-layout-shift']?.numericValue ?? NaN) * 1000) / 1000
      });
    }
    return { world, lighthouse: version, pages };
  } finally {
    served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchLighthouse(process.argv[2] ?? '/tmp/allmende-bench-demo.db'), null, 2));
}
