/**
 * Plain-German reasons why a figure of a ProjectReport is missing („keine Daten“ – and why), and
 * small derived values the pages share. Dashboard-only.
 */
import { plural } from './format';
import type { Licence, ProjectReport } from './reports/types';

export type MissingFigure = 'response' | 'closure' | 'openAge' | 'merge' | 'persons' | 'organisations' | 'release' | 'licence';

export function missingReason(report: ProjectReport, figure: MissingFigure): string {
  const noTracker = report.totals.issues === null;
  switch (figure) {
    case 'response':
    case 'closure':
    case 'openAge':
      return noTracker ? 'kein Issue-Tracker bekannt' : 'keine Issues oder Pull Requests im Zeitraum';
    case 'merge':
      return report.totals.pullRequests === null ? 'keine Pull Requests bekannt' : 'keine zusammengeführten Pull Requests im Zeitraum';
    case 'persons':
      return 'keine Commits von Menschen in 12 Monaten';
    case 'organisations':
      return report.window.humanCommits === 0 ? 'keine Commits von Menschen in 12 Monaten' : 'keine Beiträge einer Organisation zuzuordnen';
    case 'release':
      return 'weder Veröffentlichung noch Versions-Tag gefunden';
    case 'licence':
      return 'keine Lizenz erkannt';
  }
}

/** „1 Person“ / „3 Personen“ for the dependency factors. */
export function personsText(n: number): string {
  return plural(n, 'Person', 'Personen');
}
export function organisationsText(n: number): string {
  return plural(n, 'Organisation', 'Organisationen');
}

/** Where the licence shown comes from. */
export function licenceSourceText(licence: Licence): string {
  switch (licence.source) {
    case 'forge':
      return 'Angabe der Plattform';
    case 'publiccode':
      return 'publiccode.yml';
    case 'headers':
      return 'SPDX-Angaben der Dateien selbst (REUSE); keine Lizenzdatei nennt eine erkennbare Lizenz';
    default:
      return 'Lizenzdatei im Repository';
  }
}

/**
 * What the files declare for themselves (SPDX-License-Identifier headers of the sample read,
 * REUSE.toml, .reuse/dep5) and whether that is the licence shown; null when they declare nothing.
 */
export function declaredLicenceNote(licence: Licence): string | null {
  const d = licence.declared;
  if (!d) return null;
  const withHeader = d.headers.reduce((sum, h) => sum + h.files, 0);
  const where = [
    withHeader > 0 ? `SPDX-License-Identifier in ${withHeader} von ${d.sampled} gelesenen ${d.sampled === 1 ? 'Datei' : 'Dateien'}` : null,
    d.reuseToml ? 'REUSE.toml' : null,
    d.dep5 ? '.reuse/dep5' : null
  ]
    .filter(Boolean)
    .join(', ');
  const each = d.headers.map((h) => `${h.spdx} in ${h.files === 1 ? '1 Datei' : `${h.files} Dateien`}`).join(', ');
  if (d.agrees === null) return `Gefunden: ${where}${d.headers.length > 1 ? ` (${each})` : ''}.`;
  if (d.agrees) return `Die Dateien selbst nennen dieselbe Lizenz (${where}).`;
  return `Die Dateien selbst nennen eine andere Lizenz: ${d.headers.length > 1 ? each : d.spdx} (${where}).`;
}

/** The problems of an invalid publiccode.yml, one by one: the parser joins them with „; “, each beginning with its field. */
export function publiccodeProblems(error: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < error.length; i++) {
    const c = error[i];
    if (c === '(' || c === '„') depth++;
    else if ((c === ')' || c === '“') && depth > 0) depth--;
    else if (c === ';' && depth === 0 && NEXT_PROBLEM.test(error.slice(i + 2, i + 82))) {
      out.push(error.slice(start, i));
      start = i + 2;
    }
  }
  out.push(error.slice(start));
  return out.map((p) => p.trim()).filter(Boolean);
}

/** A problem starts with the field it is about: "url (Zeile 3): …", "name fehlt", "legal.license: …". */
const NEXT_PROBLEM = /^[A-Za-z][\w.[\]-]*(?: \(| fehlt\b|:)/;
