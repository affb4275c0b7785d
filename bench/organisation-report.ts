/**
 * Benchmark: the organisation (OSPO) report for a one-year period at 1,000 projects (DESIGN §10:
 * an OSPO report for any period ≤ 300 ms; issue 13: p95 ≤ 300 ms, goal 100 ms), compared with
 * the previous period as the page shows it by default (issue 15: two periods computed).
 *
 * On the benchmark database of bench/derive.ts, cold: every request asks for a period not asked
 * before (one-year periods ending on distinct days, organisations in turn), so the response cache
 * never answers. Measured twice, one request at a time:
 * - the computation: the entry point (src/lib/server/organisation-report.ts) in this process on a
 *   read-only connection, as the dashboard and the CLI call it — with the previous period
 *   (comparedOrganisationReport) and, in turn with it, of one period alone (organisationReport);
 * - the page: `/organisationen/:id?von=&bis=` from the built dashboard in its own process, as the
 *   browser sees it (rendering included), with the comparison and, in turn, without
 *   (`&vergleich=aus`), so that both are measured under the same load.
 *
 *   npx tsx bench/organisation-report.ts [--db /tmp/allmende-bench-1000.db] [--periods 100]
 */
import { closeDatabase, openDatabase } from '../db/index';
import { addDays } from '../src/lib/metrics/window';
import { comparedOrganisationReport, organisationReport } from '../src/lib/server/organisation-report';
import { getLatestAsOf } from '../src/queries/getLatestAsOf';
import { getOrganisation } from '../src/queries/getOrganisation';
import { serveDashboard } from './serve';

export interface Latency {
  p50: number;
  p95: number;
  max: number;
}

export interface OrganisationReportResult {
  projects: number;
  organisations: number;
  /** Distinct one-year periods asked for, per measurement. */
  periods: number;
  /** Both periods and their comparison, as the page computes them by default. */
  computation: Latency;
  /** One period alone (the computation before issue 15). */
  computationOnePeriod: Latency;
  page: Latency;
  /** The page with `vergleich=aus`. */
  pageWithoutComparison: Latency;
}

function latency(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

/** One-year periods ending on distinct days before `to`, each with an organisation in turn. */
function periods(organisations: string[], to: string, n: number, offset: number) {
  return Array.from({ length: n }, (_, k) => {
    const end = addDays(to, -(offset + k));
    return { organisationId: organisations[(k * 37) % organisations.length], from: addDays(end, -364), to: end };
  });
}

export async function benchOrganisationReport(db: string, count = 100): Promise<OrganisationReportResult> {
  closeDatabase(openDatabase(db)); // migrations
  const conn = openDatabase(db, { readonly: true });
  const organisations = conn.$client.prepare('SELECT id FROM organisations ORDER BY id').pluck().all() as string[];
  const projects = conn.$client.prepare('SELECT count(*) FROM projects').pluck().get() as number;
  const to = getLatestAsOf(conn) ?? new Date().toISOString().slice(0, 10);

  const computation: number[] = [];
  const computationOnePeriod: number[] = [];
  try {
    // Warm, as the dashboard's connection is: the first call reads the schema and the catalog settings.
    organisationReport(conn, getOrganisation(conn, organisations[0])!, { from: addDays(to, -364), to });
    // Periods 2k+1 with the comparison, 2k+2 alone: interleaved, under the same load.
    const asked = periods(organisations, to, 2 * count, 1);
    for (let k = 0; k < count; k++) {
      const compared = asked[2 * k];
      let started = performance.now();
      comparedOrganisationReport(conn, getOrganisation(conn, compared.organisationId)!, compared);
      computation.push(performance.now() - started);
      const alone = asked[2 * k + 1];
      started = performance.now();
      organisationReport(conn, getOrganisation(conn, alone.organisationId)!, alone);
      computationOnePeriod.push(performance.now() - started);
    }
  } finally {
    closeDatabase(conn);
  }

  const page: number[] = [];
  const pageWithoutComparison: number[] = [];
  const served = await serveDashboard(db);
  const ask = async (p: { organisationId: string; from: string; to: string }, extra: string): Promise<number> => {
    const started = performance.now();
    const path = `/organisationen/${encodeURIComponent(p.organisationId)}?von=${p.from}&bis=${p.to}${extra}`;
    const response = await fetch(`${served.url}${path}`);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: Status ${response.status}`);
    return performance.now() - started;
  };
  try {
    // Opens the database and loads the server's code once, like any first visitor after a start.
    await (await fetch(`${served.url}/methodik`)).arrayBuffer();
    // Other days than the computation's: nothing the server might have kept.
    const asked = periods(organisations, to, 2 * count, 2 * count + 1);
    for (let k = 0; k < count; k++) {
      page.push(await ask(asked[2 * k], ''));
      pageWithoutComparison.push(await ask(asked[2 * k + 1], '&vergleich=aus'));
    }
  } finally {
    served.stop();
  }
  return {
    projects,
    organisations: organisations.length,
    periods: count,
    computation: latency(computation),
    computationOnePeriod: latency(computationOnePeriod),
    page: latency(page),
    pageWithoutComparison: latency(pageWithoutComparison)
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  console.log(
    JSON.stringify(await benchOrganisationReport(arg('db', '/tmp/allmende-bench-1000.db'), Number(arg('periods', '100'))), null, 2)
  );
}
