/**
 * „Bereit zur Nachnutzung?“ (issue 15): a checklist of what makes public code ready for reuse by
 * another administration, from the files read in the clone (repositories.well_known_files, no
 * API budget) and the figures allmende already has. Compiled from
 * - code.gouv.fr's „Awesome CodeGouvFr“ criteria (https://github.com/codegouvfr/awesome-codegouvfr,
 *   README, read on READINESS_RULES_VERSION; shown at https://code.gouv.fr/en/awesome): published
 *   under an open source licence and documented; used by several public administrations; and the
 *   score's items CONTRIBUTING.md, CHANGELOG.md, CODE_OF_CONDUCT.md, GOVERNANCE.md, ROADMAP.md, an
 *   authors file, the latest commit and the latest release (tag) less than six months old;
 * - the Standard for Public Code 0.8.0 (https://standard.publiccode.net/docs/checklist.html):
 *   „Welcome contributors“ (contribution guidelines, governance, a public roadmap, a code of conduct:
 *   https://standard.publiccode.net/criteria/open-to-contributions.html), „Document codebase
 *   objectives“ (the README), „Publish with an open license“ (a licence file:
 *   https://standard.publiccode.net/criteria/publish-with-an-open-license.html), „Make the codebase
 *   findable“ (a publiccode.yml: https://standard.publiccode.net/criteria/make-the-codebase-findable.html)
 *   and „Make the codebase reusable and portable“ (in use by, and developed by, multiple parties).
 * allmende checks each as a yes or no; neither source publishes thresholds beyond these.
 *
 * Definition, for a reference date asOf:
 * - Files (README, documentation folder, CONTRIBUTING, CODE_OF_CONDUCT, GOVERNANCE, CHANGELOG,
 *   ROADMAP, AUTHORS; patterns in src/lib/repository-files.ts): met when some repository of the
 *   project has the file at its default branch's tip; not met when every repository was read and
 *   none has it; „nicht prüfbar“ when none has it and a repository's files were not read yet.
 * - AUTHORS additionally needs at least READINESS_MIN_AUTHORS persons (no bots) with commits and
 *   at least READINESS_MIN_ORGANISATIONS organisations they commit for (without „ohne Zuordnung“),
 *   each over the whole history up to asOf — the file alone does not make several authors.
 * - Licence: every repository has a licence file at its root (has_license_file); one without fails.
 * - publiccode.yml: some repository has a valid one; not met when those present are invalid or
 *   there is none.
 * - Last commit: the newest commit (any author) lies in the last READINESS_MAX_AGE_DAYS days
 *   (window.ts: the N days ending with asOf).
 * - Last release: the newest release (the report's last release: forge releases, else tags) lies
 *   in the last READINESS_MAX_AGE_DAYS days; none in the window and the forge's releases not read
 *   yet: „nicht prüfbar“.
 * - Public reuse: at least READINESS_MIN_PUBLIC_BODIES public bodies (PUBLIC_BODY_KINDS: municipality,
 *   county, state, federal — adopters only, never the owner) with observed reuse evidence
 *   (reuse.ts, strength „beobachtet“); declared use alone does not count.
 * Without history, or when the Zustand is „unbekannt – keine Daten“ for lack of forge data
 * (lifecycle.ts), there are no verdicts, as for the Hinweise and the openCode levels. `allMet` is true
 * when every item is met.
 */
import type { ReadinessItem, ReadinessItemKey, ReuseEvidence, ReuseReadiness, ReportWindow } from '../reports/types';
import { formatDate, formatDays, plural } from '../format';
import { isPublicBodyKind } from '../organisation-kinds';
import type { WellKnownFileKey } from '../repository-files';
import type { DataCoverage } from './coverage';
import type { OrganisationFact, RepositoryFact } from './facts';
import { MONTHS_6, toDate, windowRange } from './window';

/** The day the items were compared with the sources cited above. */
export const READINESS_RULES_VERSION = '2026-12-02';
/** Last commit and last release: younger than 6 months. */
export const READINESS_MAX_AGE_DAYS = MONTHS_6;
export const READINESS_MIN_AUTHORS = 2;
export const READINESS_MIN_ORGANISATIONS = 2;
export const READINESS_MIN_PUBLIC_BODIES = 2;

/** The file items and the well-known file each asks for. */
export const READINESS_FILE_ITEMS = {
  readme: 'readme',
  documentation: 'documentation',
  contributing: 'contributing',
  'code-of-conduct': 'code-of-conduct',
  governance: 'governance',
  changelog: 'changelog',
  roadmap: 'roadmap',
  authors: 'authors'
} as const satisfies Partial<Record<ReadinessItemKey, WellKnownFileKey>>;

/** What each file item asks for, in plain German (thresholds and the Methodik page). */
export const READINESS_FILE_WORDS: Readonly<Record<keyof typeof READINESS_FILE_ITEMS, string>> = {
  readme: 'eine README-Datei',
  documentation: 'ein Dokumentationsordner docs/ oder doc/',
  contributing: 'eine CONTRIBUTING-Datei',
  'code-of-conduct': 'ein Verhaltenskodex (CODE_OF_CONDUCT)',
  governance: 'eine GOVERNANCE-Datei',
  changelog: 'ein Änderungsprotokoll (CHANGELOG, CHANGES, HISTORY oder NEWS)',
  roadmap: 'eine ROADMAP-Datei',
  authors: 'eine Datei der Autor*innen (AUTHORS, CONTRIBUTORS oder MAINTAINERS)'
};

export interface ReadinessFacts {
  coverage: Pick<DataCoverage, 'history' | 'forge' | 'noHistoryReason'>;
  repositories: readonly Pick<
    RepositoryFact,
    'key' | 'wellKnownFiles' | 'hasLicenseFile' | 'hasPubliccode' | 'publiccode' | 'publiccodeError'
  >[];
  /** The newest commit up to asOf (epoch seconds), any author. */
  lastCommitAt: number | null;
  /** The report's last release (releases.ts): forge releases, else tags. */
  lastRelease: ReportWindow['lastRelease'];
  /** Persons (no bots) with commits up to asOf. */
  authors: number;
  /** Organisations with human commits up to asOf, without „ohne Zuordnung“. */
  organisations: number;
  /** The project's reuse evidence (adopters only, never the owner). */
  reuse: readonly ReuseEvidence[];
  organisationsById: ReadonlyMap<string, Pick<OrganisationFact, 'kind'>>;
  /** Why the project has no verdict at all („unbekannt – keine Daten“, lifecycle.ts), when it has none: no items either. */
  noVerdict?: string | null;
}

const NOT_READ = 'Die Dateien des Repositories wurden noch nicht gelesen.';

type Repo = ReadinessFacts['repositories'][number];

/** Where a repository key is worth naming: only when the project has several. */
const where = (repos: readonly Repo[], r: Repo) => (repos.length > 1 ? ` (${r.key})` : '');

function fileItem(key: keyof typeof READINESS_FILE_ITEMS, repos: readonly Repo[]): ReadinessItem {
  const file = READINESS_FILE_ITEMS[key];
  const thresholdText = `${READINESS_FILE_WORDS[key]} vorhanden`;
  const hit = repos.find((r) => r.wellKnownFiles?.[file]);
  if (hit) {
    const path = hit.wellKnownFiles![file]!;
    return { key, state: 'met', valueText: `${path}${where(repos, hit)}`, found: path, thresholdText, reason: null };
  }
  const unread = repos.find((r) => r.wellKnownFiles == null);
  if (unread || repos.length === 0)
    return {
      key,
      state: 'unknown',
      valueText: 'nicht prüfbar',
      found: null,
      thresholdText,
      reason: repos.length === 0 ? 'Dem Projekt ist kein Repository zugeordnet.' : `${NOT_READ}${where(repos, unread!)}`
    };
  return { key, state: 'not-met', valueText: 'nicht gefunden', found: null, thresholdText, reason: null };
}

function authorsItem(facts: ReadinessFacts): ReadinessItem {
  const file = fileItem('authors', facts.repositories);
  const people = `${plural(facts.authors, 'Person', 'Personen')} aus ${plural(facts.organisations, 'Organisation', 'Organisationen')}`;
  const enough = facts.authors >= READINESS_MIN_AUTHORS && facts.organisations >= READINESS_MIN_ORGANISATIONS;
  const state = !enough ? 'not-met' : file.state;
  return {
    ...file,
    state,
    valueText: `${file.state === 'met' ? file.valueText : file.state === 'unknown' ? 'Datei nicht prüfbar' : 'keine Datei'}; ${people}`,
    thresholdText: `${file.thresholdText}, Commits von mindestens ${plural(READINESS_MIN_AUTHORS, 'Person', 'Personen')} aus mindestens ${plural(READINESS_MIN_ORGANISATIONS, 'Organisation', 'Organisationen')}`,
    reason: state === 'unknown' ? file.reason : null
  };
}

function licenceItem(repos: readonly Repo[]): ReadinessItem {
  const thresholdText = 'eine Lizenzdatei im Wurzelverzeichnis jedes Repositories';
  const missing = repos.find((r) => r.hasLicenseFile === false);
  if (missing)
    return {
      key: 'licence',
      state: 'not-met',
      valueText: `keine Lizenzdatei${where(repos, missing)}`,
      found: null,
      thresholdText,
      reason: null
    };
  const unread = repos.find((r) => r.hasLicenseFile == null);
  if (unread || repos.length === 0)
    return {
      key: 'licence',
      state: 'unknown',
      valueText: 'nicht prüfbar',
      found: null,
      thresholdText,
      reason: repos.length === 0 ? 'Dem Projekt ist kein Repository zugeordnet.' : `${NOT_READ}${where(repos, unread!)}`
    };
  const paths = repos.map((r) => r.wellKnownFiles?.licence ?? null);
  const first = paths.find((p): p is string => !!p) ?? null;
  return {
    key: 'licence',
    state: 'met',
    valueText: repos.length > 1 ? `in allen ${repos.length} Repositories` : (first ?? 'Lizenzdatei vorhanden'),
    found: first,
    thresholdText,
    reason: null
  };
}

function publiccodeItem(repos: readonly Repo[]): ReadinessItem {
  const thresholdText = 'eine gültige publiccode.yml';
  const valid = repos.find((r) => r.publiccode);
  if (valid) {
    const path = valid.wellKnownFiles?.publiccode ?? 'publiccode.yml';
    return { key: 'publiccode', state: 'met', valueText: `${path} gültig${where(repos, valid)}`, found: path, thresholdText, reason: null };
  }
  const invalid = repos.find((r) => r.publiccodeError);
  if (invalid) {
    const path = invalid.wellKnownFiles?.publiccode ?? 'publiccode.yml';
    return {
      key: 'publiccode',
      state: 'not-met',
      valueText: `${path} ungültig${where(repos, invalid)}`,
      found: path,
      thresholdText,
      reason: null
    };
  }
  const unread = repos.find((r) => r.hasPubliccode == null);
  if (unread || repos.length === 0)
    return {
      key: 'publiccode',
      state: 'unknown',
      valueText: 'nicht prüfbar',
      found: null,
      thresholdText,
      reason: repos.length === 0 ? 'Dem Projekt ist kein Repository zugeordnet.' : `${NOT_READ}${where(repos, unread!)}`
    };
  return { key: 'publiccode', state: 'not-met', valueText: 'keine publiccode.yml', found: null, thresholdText, reason: null };
}

/** The first day that still counts as „younger than 6 months“ (YYYY-MM-DD). */
export function readinessSince(asOf: string): string {
  return toDate(windowRange(asOf, READINESS_MAX_AGE_DAYS).start);
}

function reuseItem(facts: ReadinessFacts): ReadinessItem {
  const observed = new Map<string, string>();
  const declared = new Map<string, string>();
  for (const e of facts.reuse) {
    if (!isPublicBodyKind(facts.organisationsById.get(e.organisationId)?.kind)) continue;
    (e.strength === 'beobachtet' ? observed : declared).set(e.organisationId, e.organisationName);
  }
  for (const id of observed.keys()) declared.delete(id);
  const names = (m: Map<string, string>) => [...m.values()].sort((a, b) => a.localeCompare(b, 'de')).join(', ');
  const parts = [
    observed.size === 0
      ? 'keine beobachtet'
      : `${plural(observed.size, 'öffentliche Stelle', 'öffentliche Stellen')} beobachtet: ${names(observed)}`,
    ...(declared.size > 0 ? [`nur erklärt: ${names(declared)}`] : [])
  ];
  return {
    key: 'public-reuse',
    state: observed.size >= READINESS_MIN_PUBLIC_BODIES ? 'met' : 'not-met',
    valueText: parts.join('; '),
    found: null,
    thresholdText: `Nachnutzung durch mindestens ${plural(READINESS_MIN_PUBLIC_BODIES, 'öffentliche Stelle', 'öffentliche Stellen')} (Kommune, Landkreis, Land, Bund), beobachtet – nicht nur erklärt`,
    reason: null
  };
}

export function reuseReadiness(facts: ReadinessFacts, asOf: string): ReuseReadiness {
  if (facts.noVerdict || !facts.coverage.history)
    return {
      rulesVersion: READINESS_RULES_VERSION,
      items: [],
      met: 0,
      allMet: null,
      noVerdictReason:
        facts.noVerdict || (facts.coverage.noHistoryReason ?? 'Keine Daten: Die Geschichte der Repositories wurde noch nicht gelesen.')
    };
  const repos = facts.repositories;
  const since = readinessSince(asOf);
  const age = `jünger als ${formatDays(READINESS_MAX_AGE_DAYS)} (ab ${formatDate(since)})`;
  const commitDay = facts.lastCommitAt === null ? null : toDate(facts.lastCommitAt);
  const release = facts.lastRelease;
  const releaseRecent = release !== null && release.date >= since && release.date <= asOf;
  const releaseUnknown = !releaseRecent && facts.coverage.forge === false;
  const items: ReadinessItem[] = [
    fileItem('readme', repos),
    fileItem('documentation', repos),
    fileItem('contributing', repos),
    fileItem('code-of-conduct', repos),
    fileItem('governance', repos),
    fileItem('changelog', repos),
    fileItem('roadmap', repos),
    authorsItem(facts),
    licenceItem(repos),
    publiccodeItem(repos),
    {
      key: 'last-commit',
      state: commitDay !== null && commitDay >= since ? 'met' : 'not-met',
      valueText: commitDay === null ? 'kein Commit' : `letzter Commit am ${formatDate(commitDay)}`,
      found: commitDay,
      thresholdText: `letzter Commit ${age}`,
      reason: null
    },
    {
      key: 'last-release',
      state: releaseRecent ? 'met' : releaseUnknown ? 'unknown' : 'not-met',
      valueText: release
        ? `${release.source === 'tag' ? 'Tag' : 'Veröffentlichung'} ${release.name} vom ${formatDate(release.date)}`
        : releaseUnknown
          ? 'nicht prüfbar'
          : 'keine Veröffentlichung und kein Tag',
      found: release?.date ?? null,
      thresholdText: `letzte Veröffentlichung oder letzter Tag ${age}`,
      reason: releaseUnknown ? 'Kein Tag im Zeitraum; die Veröffentlichungen der Forge wurden noch nicht gelesen.' : null
    },
    reuseItem(facts)
  ];
  const met = items.filter((i) => i.state === 'met').length;
  return { rulesVersion: READINESS_RULES_VERSION, items, met, allMet: met === items.length, noVerdictReason: null };
}
