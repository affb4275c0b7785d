/**
 * Plain-German reasons why a figure of a ProjectReport is missing („keine Daten“ – and why), and
 * small derived values the pages share. Dashboard-only.
 */
import type { ProjectReport } from './reports/types';

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
  return n === 1 ? '1 Person' : `${n.toLocaleString('de-DE')} Personen`;
}
export function organisationsText(n: number): string {
  return n === 1 ? '1 Organisation' : `${n.toLocaleString('de-DE')} Organisationen`;
}
