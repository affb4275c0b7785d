/**
 * Hinweise (findings, DESIGN §6), each with its evidence in plain German:
 * - archived: the forge says archived;
 * - no-human-commit-12m: commits exist, but none by a human in the last 365 days;
 * - one-person: one person made more than 80 % of the human non-merge commits of the last 365 days
 *   („Hängt an einer Person“);
 * - one-organisation: one organisation (a real one, not „ohne Zuordnung“) made more than 90 % of them;
 * - unanswered-issues: issues or pull requests opened by humans in the last 365 days, still open
 *   and without any response after more than 30 days;
 * - licence-changed: the licence file's licence changed (licence.ts), one finding per change;
 * - no-release-18m: no release in the last 548 days (or never) while humans committed in the last
 *   180 days, for projects older than 18 months;
 * - fragmentation: forks or mirrors (copies of the project's repositories, never the upstream a
 *   project was itself copied from) owned by other organisations with more than 20 commits that are
 *   not in the project („Zersplitterung“);
 * - publiccode-missing / publiccode-invalid: no publiccode.yml in any repository, or an invalid one
 *   (a valid one is reported as an ok finding under publiccode-invalid);
 * - no-security-policy: no SECURITY.md in any repository (present: an ok finding under the same key).
 * Checks whose data is unknown (not yet collected) produce no finding.
 */
import type { Finding, Licence } from '../reports/types';
import { formatDate, formatDays, formatNumber, formatPercent, plural } from '../format';
import { isProviderKind, kindLabel } from '../organisation-kinds';
import { UNANSWERED_DAYS } from './firstResponse';
import { MONTHS_12, MONTHS_18, MONTHS_6 } from './window';

export interface FindingsInput {
  archived: boolean;
  hasCommits: boolean;
  lastHumanCommitAt: number | null;
  /** Human commits in the last 365 days. */
  humanCommits365: number;
  /** Largest person share of the human commits of 365 days. */
  topPerson: { share: number; commits: number } | null;
  /** Largest real organisation share of the human commits of 365 days. */
  topOrganisation: { name: string; kind: string | null; share: number } | null;
  /** Items waiting more than 30 days for a first response. */
  waiting: { count: number; oldestDays: number } | null;
  licenceChanges: Licence['changes'];
  humanCommits180: number;
  daysSinceLastRelease: number | null;
  /** Days since the first commit. */
  projectAgeDays: number | null;
  fragmentation: { key: string; organisationName: string; aheadBy: number }[];
  /** null: not known (repositories not read yet). */
  publiccode: { state: 'missing' | 'invalid' | 'valid'; error?: string | null } | null;
  securityPolicy: boolean | null;
}

export const ONE_PERSON_SHARE = 0.8;
export const ONE_ORGANISATION_SHARE = 0.9;
export const FRAGMENTATION_COMMITS = 20;

export function findings(input: FindingsInput): Finding[] {
  const out: Finding[] = [];
  const months12 = formatDays(MONTHS_12);
  const months18 = formatDays(MONTHS_18, 'dative');
  const months6 = formatDays(MONTHS_6, 'dative');
  if (input.archived) {
    out.push({
      key: 'archived',
      severity: 'warning',
      title: 'Archiviert',
      evidence: 'Das Repository ist auf der Plattform als archiviert markiert und wird nicht mehr weiterentwickelt.'
    });
  }
  if (input.hasCommits && input.humanCommits365 === 0) {
    out.push({
      key: 'no-human-commit-12m',
      severity: 'warning',
      title: `Seit ${formatDays(MONTHS_12, 'dative')} keine Änderungen von Personen`,
      evidence: input.lastHumanCommitAt
        ? `Der letzte Commit einer Person stammt vom ${formatDate(input.lastHumanCommitAt)}.`
        : 'Es gibt keinen Commit einer Person, nur automatische Änderungen (Bots).'
    });
  }
  if (input.topPerson && input.topPerson.share > ONE_PERSON_SHARE) {
    out.push({
      key: 'one-person',
      severity: 'warning',
      title: 'Hängt an einer Person',
      evidence: `1 Person leistet ${formatPercent(input.topPerson.share)} der Beiträge (${months12}).`
    });
  }
  if (input.topOrganisation && input.topOrganisation.share > ONE_ORGANISATION_SHARE) {
    const company = isProviderKind(input.topOrganisation.kind);
    const kind = input.topOrganisation.kind ? kindLabel(input.topOrganisation.kind) : null;
    out.push({
      key: 'one-organisation',
      severity: 'warning',
      title: company ? 'Nur ein Unternehmen entwickelt mit' : 'Nur eine Organisation entwickelt mit',
      evidence: `${input.topOrganisation.name}${kind ? ` (${kind})` : ''} leistet ${formatPercent(input.topOrganisation.share)} der Beiträge (${months12}).`
    });
  }
  if (input.waiting && input.waiting.count > 0) {
    out.push({
      key: 'unanswered-issues',
      severity: 'warning',
      title: 'Issues bleiben unbeantwortet',
      evidence: `${plural(input.waiting.count, 'Issue oder Pull Request wartet', 'Issues oder Pull Requests warten')} seit mehr als ${plural(UNANSWERED_DAYS, 'Tag', 'Tagen')} auf eine erste Antwort (das älteste seit ${formatNumber(input.waiting.oldestDays)} Tagen).`
    });
  }
  for (const change of input.licenceChanges) {
    out.push({
      key: 'licence-changed',
      severity: 'warning',
      title: `Lizenz geändert am ${formatDate(change.date)}`,
      evidence: `Die Lizenzdatei wechselte von ${change.from ?? 'unbekannt'} zu ${change.to ?? 'unbekannt'} (Commit ${change.commit.slice(0, 7)}).`
    });
  }
  if (
    input.humanCommits180 > 0 &&
    (input.projectAgeDays ?? 0) >= MONTHS_18 &&
    (input.daysSinceLastRelease === null || input.daysSinceLastRelease >= MONTHS_18)
  ) {
    out.push({
      key: 'no-release-18m',
      severity: 'info',
      title: `Keine Veröffentlichung seit ${months18}`,
      evidence:
        input.daysSinceLastRelease === null
          ? `Noch nie veröffentlicht, obwohl weiter entwickelt wird (${plural(input.humanCommits180, 'Commit', 'Commits')} in ${months6}).`
          : `Die letzte Veröffentlichung liegt ${formatNumber(input.daysSinceLastRelease)} Tage zurück, obwohl weiter entwickelt wird (${plural(input.humanCommits180, 'Commit', 'Commits')} in ${months6}).`
    });
  }
  const split = input.fragmentation.filter((f) => f.aheadBy > FRAGMENTATION_COMMITS);
  if (split.length > 0) {
    const list = split
      .sort((a, b) => b.aheadBy - a.aheadBy)
      .map((f) => `${f.key} (${f.organisationName}, ${formatNumber(f.aheadBy)} eigene Commits)`)
      .join(', ');
    out.push({
      key: 'fragmentation',
      severity: 'warning',
      title: `${split.length === 1 ? '1 abgespaltene Weiterentwicklung' : `${split.length} abgespaltene Weiterentwicklungen`} (Forks) mit eigenen Änderungen`,
      evidence: `Änderungen, die nicht zurückfließen: ${list}.`
    });
  }
  if (input.publiccode) {
    if (input.publiccode.state === 'missing') {
      out.push({
        key: 'publiccode-missing',
        severity: 'info',
        title: 'publiccode.yml fehlt',
        evidence: 'Keines der Repositories enthält eine publiccode.yml mit der Beschreibung für Verwaltungen.'
      });
    } else if (input.publiccode.state === 'invalid') {
      out.push({
        key: 'publiccode-invalid',
        severity: 'warning',
        title: 'publiccode.yml ungültig',
        evidence: `Die publiccode.yml lässt sich nicht auswerten${input.publiccode.error ? `: ${input.publiccode.error}` : '.'}`
      });
    } else {
      out.push({
        key: 'publiccode-invalid',
        severity: 'ok',
        title: 'publiccode.yml gültig',
        evidence: 'Die publiccode.yml ist vorhanden und gültig.'
      });
    }
  }
  if (input.securityPolicy === false) {
    out.push({
      key: 'no-security-policy',
      severity: 'info',
      title: 'Keine Sicherheitsrichtlinie',
      evidence: 'Keine SECURITY.md: Es ist nicht beschrieben, wie Sicherheitslücken gemeldet werden.'
    });
  } else if (input.securityPolicy === true) {
    out.push({
      key: 'no-security-policy',
      severity: 'ok',
      title: 'Sicherheitsrichtlinie vorhanden',
      evidence: 'Eine SECURITY.md beschreibt, wie Sicherheitslücken gemeldet werden.'
    });
  }
  return out;
}
