/**
 * `allmende report`: a project's Steckbrief (text or the JSON of DESIGN §8), computed from the facts
 * for any date, and an organisation's OSPO report (JSON, CSV or ODS) for any period, by the same
 * computation as the dashboard's (src/lib/server/organisation-report.ts).
 */
import type { Db } from '../db/index';
import type { CatalogSettings } from '../src/lib/catalog/load';
import { reusingOrganisations, today } from '../src/lib/metrics/index';
import { formatDate, formatNumber, formatPercent, formatScore } from '../src/lib/format';
import { CRITERION_STATE_INFO, READINESS_ITEM_LABELS } from '../src/lib/labels';
import { plainText } from '../src/lib/plain-text';
import { organisationReportSheets, toCsv, toOds } from '../src/lib/reports/export';
import type { ProjectReport } from '../src/lib/reports/types';
import {
  comparedOrganisationReport,
  comparedReportJson,
  comparisonTables,
  periodOf,
  reportStand
} from '../src/lib/server/organisation-report';
import { getOrganisation } from '../src/queries/getOrganisation';
import { projectReportFromFacts } from './derive/index';

/** The project or organisation asked for is not there: bad input, exit code 2. */
export class ReportInputError extends Error {}

export interface ProjectReportRequest {
  projectId: string;
  asOf?: string;
  json: boolean;
}

export async function projectReportOutput(db: Db, catalog: CatalogSettings | null, request: ProjectReportRequest): Promise<string> {
  const report = projectReportFromFacts(db, catalog, request.projectId, request.asOf ?? today());
  if (!report)
    throw new ReportInputError(
      `Projekt „${request.projectId}“ ist nicht in der Datenbank (erst „allmende collect“ mit dem Katalog ausführen).`
    );
  // The terminal shows forge text as it is: no escape sequences, no bidi reordering.
  return request.json ? `${JSON.stringify(report, null, 2)}\n` : plainText(steckbriefText(report));
}

export interface OrganisationReportRequest {
  organisationId: string;
  from?: string;
  to?: string;
  format: 'json' | 'csv' | 'ods';
  delimiter: ',' | ';';
  /** CSV holds one table: which one (default the first). */
  table?: string;
  /** Compare with the previous period (default: yes, as the page). */
  compare?: boolean;
}

export async function organisationReportOutput(
  db: Db,
  catalog: CatalogSettings | null,
  request: OrganisationReportRequest
): Promise<string | Uint8Array> {
  const { from, to } = periodOf(reportStand(db), request.from, request.to);
  if (from > to) throw new ReportInputError(`Der Zeitraum beginnt (${from}) nach seinem Ende (${to}).`);
  const organisation = getOrganisation(db, request.organisationId);
  if (!organisation) throw new ReportInputError(`Organisation „${request.organisationId}“ ist nicht in der Datenbank.`);
  const compared = comparedOrganisationReport(db, organisation, { from, to }, catalog, request.compare ?? true);
  if (request.format === 'json') return `${JSON.stringify(comparedReportJson(compared), null, 2)}\n`;
  const { report } = compared;
  const sheets = organisationReportSheets(report, comparisonTables(compared));
  if (request.format === 'ods') return toOds(sheets, { title: `allmende – ${report.name}, ${from} bis ${to}` });
  const sheet = request.table ? sheets.find((s) => s.key === request.table) : sheets[0];
  if (!sheet) throw new ReportInputError(`Keine Tabelle „${request.table}“; möglich: ${sheets.map((s) => s.key).join(', ')}.`);
  return toCsv(sheet.rows, sheet.columns, { delimiter: request.delimiter });
}

const show = (value: number | null, unit = '') => (value === null ? 'keine Daten' : `${formatNumber(value, 1)}${unit}`);

function reuseLine(r: ProjectReport): string {
  const orgs = reusingOrganisations(r.reuse);
  if (orgs.length === 0) return 'Nachnutzung: keine bekannt';
  const names = (observed: boolean) =>
    orgs
      .filter((o) => o.observed === observed)
      .map((o) => o.name)
      .join(', ') || 'keine';
  return `Nachnutzung: beobachtet ${names(true)} · nur erklärt ${names(false)}`;
}

/** The Steckbrief for a terminal: answer first, then the figures. */
/** „Bereit zur Nachnutzung?“: the verdict and one line per item (absent in older snapshots). */
function readinessLines(r: ProjectReport): string[] {
  const c = r.reuseReadiness;
  if (!c || c.items.length === 0) return [];
  return [
    '',
    `Bereit zur Nachnutzung? ${c.allMet ? 'ja' : 'nein'}: ${formatNumber(c.met)} von ${formatNumber(c.items.length)} Punkten erfüllt (Regeln vom ${formatDate(c.rulesVersion)})`,
    ...c.items.map((i) => {
      const state = CRITERION_STATE_INFO[i.state];
      return `  ${state.icon} ${state.label.padEnd(14)} ${READINESS_ITEM_LABELS[i.key]}: ${i.valueText}`;
    })
  ];
}

export function steckbriefText(r: ProjectReport): string {
  const lines = [
    `${r.name}${r.owner ? ` · ${r.owner.name}` : ''} · Stand ${r.asOf}`,
    `Zustand: ${r.lifecycle}${r.isNew ? ' (neu)' : ''}`,
    r.summary,
    '',
    `Vitalität: ${r.vitality.score === null ? 'nicht bewertbar' : `${formatScore(r.vitality.score)} / 100`} (Datenabdeckung ${formatPercent(r.vitality.coverage)})`,
    ...r.vitality.components.map((c) =>
      c.points === null
        ? `  ${c.label.padEnd(24)} keine Daten${c.missingReason ? ` (${c.missingReason})` : ''}`
        : `  ${c.label.padEnd(24)} ${formatNumber(c.points, 1)}/${c.max}  ${c.detail}`
    ),
    '',
    `Commits gesamt: ${r.totals.commits} (ohne Merges ${r.totals.nonMergeCommits}; Menschen ${r.totals.humanCommits}, Bots ${r.totals.botCommits})`,
    `Beitragende gesamt: ${r.totals.humanContributors} (Bots: ${r.totals.botContributors})`,
    `Tags: ${r.totals.tags} · Veröffentlichungen: ${r.totals.releases} · Issues: ${show(r.totals.issues)} · Pull/Merge Requests: ${show(r.totals.pullRequests)}`,
    '',
    `Letzte ${r.window.days} Tage: ${r.window.humanCommits} Commits von ${r.window.activeContributors} Beitragenden (${r.window.newContributors} neu)`,
    `Abhängigkeit von wenigen Personen: ${show(r.window.personsFactor)} · von wenigen Organisationen: ${show(r.window.organisationsFactor)}`,
    `Erste Reaktion (Median, 90 Tage): ${show(r.window.medianFirstResponseHours, ' h')} · binnen 7 Tagen: ${r.window.answeredWithin7DaysShare === null ? 'keine Daten' : formatPercent(r.window.answeredWithin7DaysShare)}`,
    `Lizenz: ${r.licence.spdx ?? 'unbekannt'}`,
    reuseLine(r),
    `Mitentwicklung (Unternehmen, IT-Dienstleister): ${
      reusingOrganisations(r.codevelopment ?? [])
        .map((o) => o.name)
        .join(', ') || 'keine'
    }`,
    ...readinessLines(r),
    '',
    'Hinweise:',
    ...(r.findings.length ? r.findings.map((f) => `  ${f.severity === 'ok' ? '✓' : '⚠'} ${f.title}: ${f.evidence}`) : ['  keine'])
  ];
  return `${lines.join('\n')}\n`;
}
