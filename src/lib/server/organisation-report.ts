/**
 * The organisation (OSPO) report for any period (DESIGN §8 `report --org ID --from --to`, UX.md
 * „Organisation“): the one entry point of the CLI (jobs/report.ts), the page, the API and the
 * CSV/ODS exports. Facts first — named queries over the facts and what derive stored (persons'
 * bot flags, account_affiliations, project snapshots, reuse_evidence) — then the pure judgement
 * (src/lib/reports/organisation.ts) with the catalog's stored settings: names or pseudonyms
 * (`privacy.showNames`) and the personal email domains.
 */
// Relative imports (no SvelteKit aliases), so that the CLI (`allmende report --org`) can use it too.
import type { Db } from '../../../db/index';
import type { CatalogSettings } from '../catalog/load';
import { addDays, addMonths, isMonthEnd, isValidDate, splitAtMonths, today, type PeriodParts } from '../metrics/window';
import type { ReportComparisonTables } from '../reports/export';
import { buildOrganisationReport, periodRange, type ReusePairFact } from '../reports/organisation';
import { compareOrganisationReports, previousPeriod, type OrganisationReportComparison } from '../reports/organisation-comparison';
import type { OrganisationReport } from '../reports/types';
import { getCatalogSettings } from '../../queries/getCatalogSettings';
import { getLatestAsOf } from '../../queries/getLatestAsOf';
import { hasContributionMonths } from '../../queries/hasContributionMonths';
import { listOrganisationContributions } from '../../queries/listOrganisationContributions';
import { listOrganisationContributionTotals } from '../../queries/listOrganisationContributionTotals';
import { listOrganisationReuse } from '../../queries/listOrganisationReuse';
import { listOwnProjectStates } from '../../queries/listOwnProjectStates';

export interface Period {
  from: string;
  to: string;
  /** Set when the requested period could not be used as given. */
  problem: string | null;
  /** The requested period is the default one. */
  isDefault: boolean;
}

/** The date the report's default periods end with: the newest snapshot („Stand“), today before any derive. */
export function reportStand(db: Db): string {
  return getLatestAsOf(db) ?? today();
}

/**
 * The default period: the last twelve whole calendar months up to `stand` — its own month when it is
 * that month's last day, else the months before it (Stand 23.11.2026 → 01.11.2025–31.10.2026). An OSPO
 * reports in months and years, and whole months compare with whole months: the previous period
 * (organisation-comparison.ts: previousPeriod) is then whole months too, and both are summed from the
 * monthly counts derive wrote, without the days of a part month counted from the facts.
 */
export function lastWholeMonths(stand: string, months = 12): { from: string; to: string } {
  const to = isMonthEnd(stand) ? stand : addDays(`${stand.slice(0, 7)}-01`, -1);
  return { from: addMonths(to, 1 - months), to };
}

/** The 365 days up to `stand`: the window of the project metrics (DESIGN §6), a preset of the page. */
export function daysUpTo(stand: string, days = 365): { from: string; to: string } {
  return { from: addDays(stand, 1 - days), to: stand };
}

/**
 * The period of a request that names its start, its end, both or neither (the page's and the API's
 * `von`/`bis`, `report --org --from/--to`), with `stand` from reportStand: neither — the default, the
 * last twelve whole months up to the Stand (lastWholeMonths); an end alone — the 365 days up to it; a
 * start alone — up to the Stand.
 */
export function periodOf(stand: string, from: string | null | undefined, to: string | null | undefined): { from: string; to: string } {
  if (from && to) return { from, to };
  if (to) return { from: daysUpTo(to).from, to };
  if (from) return { from, to: stand };
  return lastWholeMonths(stand);
}

/** The period from the GET parameters `von` and `bis` (YYYY-MM-DD), checked; a date missing or not valid is left to periodOf. */
export function resolvePeriod(db: Db, params: URLSearchParams): Period {
  const stand = reportStand(db);
  const fallback = lastWholeMonths(stand);
  const invalid: ('von' | 'bis')[] = [];
  const given = (name: 'von' | 'bis') => {
    const raw = params.get(name);
    if (!raw) return null;
    if (isValidDate(raw)) return raw;
    invalid.push(name);
    return null;
  };
  let { from, to } = periodOf(stand, given('von'), given('bis'));
  const problems = invalid.map(
    (name) => `„${name}“ ist kein gültiges Datum (${params.get(name)!.slice(0, 20)}); verwendet wird ${name === 'von' ? from : to}.`
  );
  if (from > to) {
    [from, to] = [to, from];
    problems.push('„von“ lag nach „bis“; die beiden Daten wurden getauscht.');
  }
  return { from, to, problem: problems.length ? problems.join(' ') : null, isDefault: from === fallback.from && to === fallback.to };
}

/** GET parameter `vergleich=aus` turns the comparison with the previous period off (it is on by default). */
export function resolveComparison(params: URLSearchParams): boolean {
  return params.get('vergleich') !== 'aus';
}

export interface ReportOrganisationRow {
  id: string;
  name: string;
  kind: string;
  region: string | null;
}

/**
 * The organisation's report for the period from–to (valid dates, from ≤ to), with the catalog's
 * settings — by default the ones stored with the last collection.
 */
export function organisationReport(
  db: Db,
  organisation: ReportOrganisationRow,
  period: { from: string; to: string },
  settings: CatalogSettings | null = getCatalogSettings(db),
  /** The organisation's reuse pairs up to `to` or later (comparedOrganisationReport reads them once for both periods). */
  reuse: readonly ReusePairFact[] = listOrganisationReuse(db, organisation.id, period.to)
): OrganisationReport {
  const { from, to } = period;
  if (!isValidDate(from) || !isValidDate(to) || from > to) throw new RangeError(`Ungültiger Zeitraum ${from} bis ${to}`);
  const parts = periodParts(db, from, to);
  const contributionOptions = { personalEmailDomains: settings?.personalEmailDomains };
  return buildOrganisationReport(
    {
      organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind, region: organisation.region },
      from,
      to,
      ownProjects: listOwnProjectStates(db, organisation.id, to, parts),
      contributions: [
        ...(parts.months ? [listOrganisationContributionTotals(db, organisation.id, parts.months)] : []),
        ...parts.edges.map((range) => listOrganisationContributions(db, organisation.id, range, contributionOptions))
      ],
      reuse
    },
    { showNames: settings?.privacy?.showNames ?? false }
  );
}

/**
 * The period as whole calendar months, summed from the counts derive wrote, and the days before and
 * after them, counted from the facts: an OSPO report for any period reads at most two months' facts
 * instead of all of them (the largest owners have 20,000 contributions a year). Before derive first
 * wrote the counts, every day comes from the facts.
 */
function periodParts(db: Db, from: string, to: string): PeriodParts {
  const range = periodRange(from, to);
  return hasContributionMonths(db) ? splitAtMonths(range) : { months: null, edges: [range] };
}

/** The report of a period together with the one of its previous period and their comparison. */
export interface ComparedOrganisationReport {
  report: OrganisationReport;
  /** The previous period's report (src/lib/reports/organisation-comparison.ts: previousPeriod); null without comparison. */
  previous: OrganisationReport | null;
  comparison: OrganisationReportComparison | null;
}

/**
 * The report for the period and, with `compare`, for its previous period — both by the one
 * computation above — and the comparison of the two.
 */
export function comparedOrganisationReport(
  db: Db,
  organisation: ReportOrganisationRow,
  period: { from: string; to: string },
  settings: CatalogSettings | null = getCatalogSettings(db),
  compare = true
): ComparedOrganisationReport {
  const reuse = listOrganisationReuse(db, organisation.id, period.to);
  const report = organisationReport(db, organisation, period, settings, reuse);
  if (!compare) return { report, previous: null, comparison: null };
  const previous = organisationReport(db, organisation, previousPeriod(period.from, period.to), settings, reuse);
  return { report, previous, comparison: compareOrganisationReports(report, previous) };
}

/** The JSON of the API and `report --org --json`: the report as before, with its comparison added at the end. */
export function comparedReportJson(compared: ComparedOrganisationReport): OrganisationReport & {
  comparison: OrganisationReportComparison | null;
} {
  return { ...compared.report, comparison: compared.comparison };
}

/** What the export's tables need of the comparison (src/lib/reports/export.ts: organisationReportSheets); null without one. */
export function comparisonTables(compared: ComparedOrganisationReport): ReportComparisonTables | null {
  return compared.previous && compared.comparison ? { previous: compared.previous, comparison: compared.comparison } : null;
}
