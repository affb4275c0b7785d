/**
 * The project report (Steckbrief, DESIGN §8 `report --project --json`): every metric of
 * src/lib/metrics applied to one project's facts for one reference date. Pure: the same facts and
 * date give the same report. `prepareProject` does the date-independent work once (commits counted
 * once by hash, release history, first responses) so that many dates (history) stay cheap.
 */
import {
  ACTIVE_WEEKS,
  MONTHS_12,
  MONTHS_6,
  RESPONSE_DAYS,
  UNANSWERED_DAYS,
  activeWeeks,
  dataCoverage,
  withoutVerdict,
  type DataCoverage,
  asOfEnd,
  closureRatio,
  commitSpan,
  contributors,
  countAuthors,
  countCommits,
  DAY,
  dedupeCommits,
  findings,
  firstResponse,
  firstResponseTimes,
  hasIssueTracker,
  humanCommitsIn,
  inRange,
  isCopyOfOurs,
  isPersonBucket,
  lastHumanCommit,
  licence,
  lifecycle,
  medianMergeHours,
  medianOpenIssueAge,
  organisationFigures,
  organisationsFactor,
  personsFactor,
  previousWindowRange,
  releaseFigures,
  releaseHistory,
  releasesAsOf,
  reuseEvidence,
  round,
  toDate,
  toIso,
  vitality,
  waitingItems,
  weekRange,
  windowRange,
  type BasedOnFact,
  type CommentFact,
  type CommitFact,
  type ForkFact,
  type ItemFact,
  type LicenceLookup,
  type LicenceVersionFact,
  type OrganisationFact,
  type RelatedRepositoryFact,
  type ReleaseEvent,
  type ReleaseFact,
  type RepositoryFact,
  type TagFact
} from '../metrics/index';
import { formatDate, formatDays, formatHoursDative, plural } from '../format';
import { forgeLabel } from '../labels';
import { openCodeBadges } from '../metrics/opencodeBadges';
import { organisationOfAccount } from '../metrics/reuse';
import { reuseReadiness } from '../metrics/reuseReadiness';
import {
  REPORT_SCHEMA_VERSION,
  type Finding,
  type Lifecycle,
  type ProjectHistoryReport,
  type ProjectReport,
  type ReportContributor,
  type ReportRepository,
  type ReportTotals,
  type ReportWindow,
  type Vitality,
  type WeeklyActivity
} from './types';

export interface PersonInfo {
  pseudonym: string;
  displayName: string;
}

/** Everything known about one project, as plain facts with resolved actors. */
export interface ProjectFacts {
  project: { id: string; name: string; ownerId: string | null; usedBy: readonly string[] };
  /** All organisations of the catalog, by id (names, kinds, accounts). */
  organisations: ReadonlyMap<string, OrganisationFact>;
  /** The project's repositories, in catalog order. */
  repositories: RepositoryFact[];
  /** Commits of all its repositories (a commit in several mirrors may appear several times). */
  commits: CommitFact[];
  tags: TagFact[];
  releases: ReleaseFact[];
  items: ItemFact[];
  comments: CommentFact[];
  licenceHistory: LicenceVersionFact[];
  forks: ForkFact[];
  related: RelatedRepositoryFact[];
  /** publiccode isBasedOn entries of the other projects. */
  basedOn: BasedOnFact[];
  /** Names of the persons that appear in the facts (contributor list). */
  persons: ReadonlyMap<number, PersonInfo>;
}

export interface ProjectReportOptions {
  /** privacy.showNames: show display names instead of pseudonyms. */
  showNames?: boolean;
  licenceLookup?: LicenceLookup;
  /** How many contributors the report lists (default 25). */
  topContributors?: number;
}

/** Date-independent preparation of a project's facts. */
export interface PreparedProject {
  facts: ProjectFacts;
  /** Distinct by hash, sorted by author date. */
  commits: CommitFact[];
  releaseHistory: { releases: ReleaseEvent[]; tags: ReleaseEvent[] };
  responseTimes: Map<ItemFact, number | null>;
  hasTracker: boolean;
  archived: boolean;
}

export function prepareProject(facts: ProjectFacts): PreparedProject {
  const commits = dedupeCommits(facts.commits).sort((a, b) => a.authorDate - b.authorDate);
  const flags = facts.repositories.map((r) => r.archived).filter((a): a is boolean => a !== null && a !== undefined);
  return {
    facts,
    commits,
    releaseHistory: releaseHistory(facts.releases, facts.tags, {
      releasesCapped: facts.repositories.some((r) => r.releasesCapped != null)
    }),
    responseTimes: firstResponseTimes(facts.items, facts.comments),
    hasTracker: hasIssueTracker(facts.repositories, facts.items),
    archived: flags.length > 0 && flags.every(Boolean)
  };
}

/** The figures, lifecycle and score for one date: what history rows keep. */
export interface ProjectCore {
  asOf: string;
  coverage: DataCoverage;
  lifecycle: Lifecycle;
  lifecycleReason: string;
  isNew: boolean;
  firstCommitAt: number | null;
  lastCommitAt: number | null;
  lastHumanCommitAt: number | null;
  vitality: Vitality;
  totals: ReportTotals;
  window: ReportWindow;
  /** Intermediate results the full report reuses. */
  persons: ReturnType<typeof personsFactor>;
  elephants: ReturnType<typeof organisationsFactor>;
  humanCommits180: number;
  releaseEvents: ReleaseEvent[];
}

/** Human issue activity (opened, closed, commented) — the latest time before `end`. */
function lastIssueActivity(items: readonly ItemFact[], comments: readonly CommentFact[], end: number): number | null {
  let last: number | null = null;
  const see = (t: number | null | undefined) => {
    if (t != null && t < end && (last === null || t > last)) last = t;
  };
  for (const i of items) {
    if (i.author && !i.author.isBot) see(i.createdAt);
    const closedAt = i.mergedAt ?? i.closedAt;
    if (!(i.closedBy && i.closedBy.isBot)) see(closedAt);
  }
  for (const c of comments) if (!c.system && c.author && !c.author.isBot) see(c.createdAt);
  return last;
}

export function computeCore(prepared: PreparedProject, asOf: string): ProjectCore {
  const { facts, commits, hasTracker } = prepared;
  const end = asOfEnd(asOf);
  const window365 = windowRange(asOf, MONTHS_12);
  const span = commitSpan(commits, end);
  const all = countCommits(commits, { start: Number.NEGATIVE_INFINITY, end }, { distinct: true });
  const inWindow = countCommits(commits, window365, { distinct: true });
  const authors = countAuthors(commits, end);
  const people = contributors(commits, asOf, MONTHS_12);
  const persons = personsFactor(commits, asOf, MONTHS_12);
  const elephants = organisationsFactor(commits, asOf, MONTHS_12);
  const chosen = releasesAsOf(prepared.releaseHistory, asOf);
  const releases = releaseFigures(facts.releases, facts.tags, asOf, {
    history: prepared.releaseHistory,
    firstCommitAt: span?.first ?? null
  });
  const weeks = activeWeeks(
    { commits, items: facts.items, comments: facts.comments, releaseDates: chosen.events.map((e) => e.date) },
    asOf,
    ACTIVE_WEEKS
  );
  const response = firstResponse(facts.items, facts.comments, asOf, { days: RESPONSE_DAYS, hasTracker, times: prepared.responseTimes });
  const response365 = firstResponse(facts.items, facts.comments, asOf, { days: MONTHS_12, hasTracker, times: prepared.responseTimes });
  const closure = closureRatio(facts.items, asOf, { days: MONTHS_12, hasTracker });
  const humanCommits180 = humanCommitsIn(commits, windowRange(asOf, MONTHS_6));
  const humanCommitsPrev180 = humanCommitsIn(commits, previousWindowRange(asOf, MONTHS_6));
  const lastHuman = lastHumanCommit(commits, end);

  const coverage = dataCoverage(facts.repositories, commits.length > 0);
  const state = lifecycle(
    {
      coverage,
      archived: prepared.archived,
      lastHumanCommitAt: lastHuman,
      lastIssueActivityAt: lastIssueActivity(facts.items, facts.comments, end),
      lastReleaseAt: chosen.events.at(-1)?.date ?? null,
      humanCommitsLast6Months: humanCommits180,
      humanCommitsPrevious6Months: humanCommitsPrev180,
      activeWeeks26: weeks.count,
      medianFirstResponseHours12Months: response365.medianHours,
      firstCommitAt: span?.first ?? null
    },
    asOf
  );

  const hasForgeData = facts.repositories.some((r) => r.hasIssues !== null && r.hasIssues !== undefined) || facts.items.length > 0;
  const issuesUntil = facts.items.filter((i) => i.kind === 'issue' && i.createdAt < end).length;
  const pullsUntil = facts.items.filter((i) => i.kind === 'pull' && i.createdAt < end).length;
  const totals: ReportTotals = {
    commits: all.commits,
    nonMergeCommits: all.nonMergeCommits,
    humanCommits: all.humanCommits,
    botCommits: all.botCommits,
    humanContributors: authors.human,
    botContributors: authors.bot,
    tags: new Set(facts.tags.filter((t) => t.taggedAt < end).map((t) => t.name)).size,
    releases: prepared.releaseHistory.releases.filter((r) => r.date < end).length,
    issues: hasTracker || issuesUntil > 0 ? issuesUntil : null,
    pullRequests: hasForgeData ? pullsUntil : null
  };

  const window: ReportWindow = {
    days: MONTHS_12,
    humanCommits: inWindow.humanCommits,
    activeContributors: people.active,
    newContributors: people.new,
    returningContributors: people.returning,
    inactiveContributors: people.inactive,
    personsFactor: persons.factor,
    organisationsFactor: elephants.factor,
    activeWeeks26: weeks.count,
    medianFirstResponseHours: response.medianHours,
    answeredWithin7DaysShare: response.answeredWithin7DaysShare,
    unansweredOpenItems: hasTracker ? response.unansweredOpen : null,
    closureRatio: closure.ratio,
    medianOpenIssueAgeDays: medianOpenIssueAge(facts.items, asOf, { hasTracker }),
    medianMergeHours: medianMergeHours(facts.items, asOf, MONTHS_12),
    releases: releases.count,
    releasesPerYear: releases.perYear,
    daysSinceLastRelease: releases.daysSinceLast,
    lastRelease: releases.last
  };

  const scored = vitality({
    lifecycle: state.lifecycle,
    hasCommits: span !== null,
    hasTracker,
    activeWeeks26: weeks.count,
    humanCommits180,
    medianFirstResponseHours: response.medianHours,
    closureRatio: closure.ratio,
    personsFactor: persons.factor,
    organisationsFactor: elephants.factor,
    daysSinceLastRelease: releases.daysSinceLast,
    hasReleases: chosen.events.length > 0
  });
  const score = state.lifecycle === 'unbekannt' ? withoutVerdict(scored, state.reason) : scored;

  return {
    asOf,
    coverage,
    lifecycle: state.lifecycle,
    lifecycleReason: state.reason,
    isNew: state.isNew,
    firstCommitAt: span?.first ?? null,
    lastCommitAt: span?.last ?? null,
    lastHumanCommitAt: lastHuman,
    vitality: score,
    totals,
    window,
    persons,
    elephants,
    humanCommits180,
    releaseEvents: chosen.events
  };
}

/** The compact report of a history row (backfilled month-ends). */
export function buildProjectHistory(prepared: PreparedProject, asOf: string): ProjectHistoryReport {
  const core = computeCore(prepared, asOf);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    compact: true,
    id: prepared.facts.project.id,
    asOf,
    lifecycle: core.lifecycle,
    isNew: core.isNew,
    vitality: core.vitality,
    totals: core.totals,
    window: core.window
  };
}

function weeklyActivity(prepared: PreparedProject, asOf: string): WeeklyActivity[] {
  const weeks: WeeklyActivity[] = [];
  for (let k = 25; k >= 0; k--) {
    const range = weekRange(asOf, k);
    let human = 0;
    let bot = 0;
    const people = new Set<number>();
    for (const c of prepared.commits) {
      if (c.authorDate < range.start) continue;
      if (c.authorDate >= range.end) break;
      if (c.parentCount > 1) continue;
      if (c.author.isBot) bot++;
      else {
        human++;
        people.add(c.author.personId);
      }
    }
    const issuesOpened = prepared.facts.items.filter((i) => i.kind === 'issue' && inRange(i.createdAt, range)).length;
    weeks.push({ weekEnd: toDate(range.end - DAY), humanCommits: human, botCommits: bot, contributors: people.size, issuesOpened });
  }
  return weeks;
}

function contributorRows(prepared: PreparedProject, asOf: string, options: ProjectReportOptions): ReportContributor[] {
  const range = windowRange(asOf, MONTHS_12);
  const rows = new Map<number, { commits: number; isBot: boolean; orgs: Map<string | null, number> }>();
  let human = 0;
  let total = 0;
  for (const c of prepared.commits) {
    if (c.parentCount > 1 || !inRange(c.authorDate, range)) continue;
    let row = rows.get(c.author.personId);
    if (!row) rows.set(c.author.personId, (row = { commits: 0, isBot: c.author.isBot, orgs: new Map() }));
    row.commits++;
    row.orgs.set(c.author.organisationId, (row.orgs.get(c.author.organisationId) ?? 0) + 1);
    total++;
    if (!c.author.isBot) human++;
  }
  const orgs = prepared.facts.organisations;
  // Ties by pseudonym (from the person's key), never by row id: the same facts give the same list.
  const pseudonym = (personId: number) => prepared.facts.persons.get(personId)?.pseudonym ?? `~${personId}`;
  return [...rows.entries()]
    .sort(
      (a, b) => Number(a[1].isBot) - Number(b[1].isBot) || b[1].commits - a[1].commits || pseudonym(a[0]).localeCompare(pseudonym(b[0]))
    )
    .slice(0, options.topContributors ?? 25)
    .map(([personId, row]) => {
      const info = prepared.facts.persons.get(personId);
      const orgId = [...row.orgs.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))[0]?.[0] ?? null;
      return {
        name: (options.showNames ? info?.displayName : info?.pseudonym) ?? `Person ${personId}`,
        organisation: orgId ? (orgs.get(orgId)?.name ?? orgId) : null,
        commits: row.commits,
        share: round(row.commits / (row.isBot ? total : human), 3),
        isBot: row.isBot
      };
    });
}

function repositoryRows(repositories: readonly RepositoryFact[]): ReportRepository[] {
  return repositories.map((r) => ({
    key: r.key,
    forge: r.forgeId,
    url: r.webUrl ?? (/^https?:\/\//.test(r.cloneUrl) ? r.cloneUrl.replace(/\.git$/, '') : null),
    description: r.description ?? null,
    archived: r.archived ?? null,
    defaultBranch: r.defaultBranch ?? null,
    lastCollectedAt: r.lastCollectedAt != null ? toIso(r.lastCollectedAt) : null,
    lastError: r.lastError ?? null
  }));
}

function maintenance(repositories: readonly RepositoryFact[]): ProjectReport['maintenance'] {
  const pc = repositories.map((r) => r.publiccode).find((p) => p && typeof p === 'object');
  const m = pc?.maintenance as Record<string, unknown> | undefined;
  if (!m || typeof m !== 'object') return null;
  // Only names: contacts may carry emails, which are never shown.
  const names = (list: unknown): string[] =>
    Array.isArray(list)
      ? list
          .map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' ? (x as Record<string, unknown>).name : null))
          .filter((x): x is string => typeof x === 'string' && !x.includes('@'))
      : [];
  return { type: typeof m.type === 'string' ? m.type : null, contractors: names(m.contractors), contacts: names(m.contacts) };
}

function projectFindings(
  prepared: PreparedProject,
  core: ProjectCore,
  licenceChanges: ProjectReport['licence']['changes'],
  asOf: string
): Finding[] {
  const { facts } = prepared;
  const end = asOfEnd(asOf);
  const topPerson = core.persons.shares[0];
  const topOrg = core.elephants.shares.find((s) => !isPersonBucket(s.key));
  const ownerId = facts.project.ownerId;
  const fragmentation: { key: string; organisationName: string; aheadBy: number }[] = [];
  for (const f of facts.forks) {
    if (f.aheadBy == null || (f.createdAt != null && f.createdAt >= end)) continue;
    const forge = f.forkKey.slice(0, f.forkKey.indexOf(':'));
    const owner = f.ownerAccount.includes(':') ? f.ownerAccount.slice(f.ownerAccount.indexOf(':') + 1) : f.ownerAccount;
    const org = organisationOfAccount(facts.organisations.values(), forge, owner);
    if (!org || org.id === ownerId) continue;
    fragmentation.push({ key: f.forkKey, organisationName: org.name, aheadBy: f.aheadBy });
  }
  const forkKeys = new Set(facts.forks.map((f) => f.forkKey));
  for (const r of facts.related) {
    const orgId = r.accountOrganisationId ?? r.projectOwnerId;
    if (r.aheadBy == null || !orgId || orgId === ownerId || forkKeys.has(r.key)) continue;
    if (r.firstCommitAt != null && r.firstCommitAt >= end) continue;
    // Only copies of ours split the development; the original we copied from is upstream, not a fork.
    if (!isCopyOfOurs(r, facts.repositories)) continue;
    fragmentation.push({ key: r.key, organisationName: facts.organisations.get(orgId)?.name ?? orgId, aheadBy: r.aheadBy });
  }
  const repos = facts.repositories;
  let publiccode: { state: 'missing' | 'invalid' | 'valid'; error?: string | null } | null = null;
  if (repos.some((r) => r.publiccode)) publiccode = { state: 'valid' };
  else if (repos.some((r) => r.publiccodeError))
    publiccode = { state: 'invalid', error: repos.find((r) => r.publiccodeError)?.publiccodeError };
  else if (repos.some((r) => r.hasPubliccode === false) && !repos.some((r) => r.hasPubliccode)) publiccode = { state: 'missing' };
  const security = repos.some((r) => r.hasSecurityPolicy === true) ? true : repos.some((r) => r.hasSecurityPolicy === false) ? false : null;
  return findings({
    archived: prepared.archived,
    hasCommits: core.firstCommitAt !== null,
    lastHumanCommitAt: core.lastHumanCommitAt,
    humanCommits365: core.window.humanCommits,
    topPerson: topPerson ? { share: topPerson.share, commits: topPerson.count } : null,
    topOrganisation: topOrg
      ? {
          name: facts.organisations.get(topOrg.key)?.name ?? topOrg.key,
          kind: facts.organisations.get(topOrg.key)?.kind ?? null,
          share: topOrg.share
        }
      : null,
    waiting: prepared.hasTracker
      ? waitingItems(facts.items, prepared.responseTimes, asOf, { olderThanDays: UNANSWERED_DAYS, withinDays: MONTHS_12 })
      : null,
    licenceChanges,
    humanCommits180: core.humanCommits180,
    daysSinceLastRelease: core.window.daysSinceLastRelease,
    projectAgeDays: core.firstCommitAt !== null ? Math.floor((end - core.firstCommitAt) / DAY) : null,
    fragmentation,
    publiccode,
    securityPolicy: security
  });
}

/** The one sentence the Steckbrief opens with. */
export function summarise(name: string, core: ProjectCore, organisationCount: number): string {
  const w = core.window;
  if (core.lifecycle === 'unbekannt') {
    const why = core.lifecycleReason.replace(/^Keine Daten: /, '');
    return `${name}: unbekannt – keine Daten. ${why.charAt(0).toUpperCase()}${why.slice(1)}`;
  }
  const state = `${name} ist ${core.lifecycle}${core.isNew ? ' (neu)' : ''}`;
  if (core.lifecycle === 'archiviert') return `${state}: Das Repository wird nicht mehr weiterentwickelt.`;
  if (core.lifecycle === 'aufgegeben') {
    return `${state}: seit ${formatDays(MONTHS_12, 'dative')} keine Aktivität${core.lastHumanCommitAt ? `, letzter Commit einer Person am ${formatDate(core.lastHumanCommitAt)}` : ''}.`;
  }
  const parts: string[] = [];
  if (w.activeContributors > 0) {
    parts.push(
      `${plural(w.activeContributors, 'Beitragende Person', 'Beitragende')}${organisationCount > 0 ? ` aus ${plural(organisationCount, 'Organisation', 'Organisationen')}` : ''} in ${formatDays(MONTHS_12, 'dative')}`
    );
  } else {
    parts.push(`keine Commits von Personen in ${formatDays(MONTHS_12, 'dative')}`);
  }
  if (w.medianFirstResponseHours !== null)
    parts.push(`Issues erhalten im Median nach ${formatHoursDative(w.medianFirstResponseHours)} eine erste Antwort`);
  if (w.lastRelease && w.daysSinceLastRelease !== null) {
    parts.push(
      `letzte Veröffentlichung ${w.lastRelease.name} ${w.daysSinceLastRelease === 0 ? 'heute' : `vor ${plural(w.daysSinceLastRelease, 'Tag', 'Tagen')}`}`
    );
  }
  return `${state}: ${parts.join('; ')}.`;
}

function dataSources(facts: ProjectFacts): string[] {
  const sources = new Set<string>();
  if (facts.commits.length > 0 || facts.repositories.some((r) => r.headCommit)) sources.add('git');
  for (const r of facts.repositories) if (r.forgeId !== 'git') sources.add(forgeLabel(r.forgeId));
  return [...sources];
}

export function buildProjectReport(facts: ProjectFacts | PreparedProject, asOf: string, options: ProjectReportOptions = {}): ProjectReport {
  const prepared = 'commits' in facts && 'responseTimes' in facts ? facts : prepareProject(facts as ProjectFacts);
  const f = prepared.facts;
  const core = computeCore(prepared, asOf);
  const organisations = organisationFigures(prepared.commits, f.organisations, asOf, MONTHS_12);
  const owner = f.project.ownerId ? f.organisations.get(f.project.ownerId) : undefined;
  const lic = licence(f.repositories, f.licenceHistory, asOf, options.licenceLookup);
  const evidence = reuseEvidence(
    {
      project: f.project,
      repositories: f.repositories,
      organisations: f.organisations,
      forks: f.forks,
      related: f.related,
      commits: prepared.commits,
      items: f.items,
      comments: f.comments,
      basedOn: f.basedOn
    },
    asOf
  );
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: f.project.id,
    name: f.project.name,
    owner: owner ? { id: owner.id, name: owner.name, kind: owner.kind } : null,
    asOf,
    lifecycle: core.lifecycle,
    isNew: core.isNew,
    firstCommitAt: core.firstCommitAt !== null ? toIso(core.firstCommitAt) : null,
    lastCommitAt: core.lastCommitAt !== null ? toIso(core.lastCommitAt) : null,
    summary: summarise(f.project.name, core, organisations.count),
    vitality: core.vitality,
    totals: core.totals,
    window: { ...core.window, organisationsByKind: organisations.byKind },
    organisations: organisations.rows,
    contributors: contributorRows(prepared, asOf, options),
    activity: weeklyActivity(prepared, asOf),
    reuse: evidence.reuse,
    codevelopment: evidence.codevelopment,
    licence: lic,
    // No verdict from missing data: without a readable history there is nothing to find.
    findings: core.lifecycle === 'unbekannt' ? [] : projectFindings(prepared, core, lic.changes, asOf),
    repositories: repositoryRows(f.repositories),
    maintenance: maintenance(f.repositories),
    dataSources: dataSources(f),
    dataGaps: core.coverage.gaps,
    lifecycleReason: core.lifecycleReason,
    opencodeBadges: openCodeBadges(
      {
        coverage: core.coverage,
        repositories: f.repositories,
        commits: prepared.commits,
        items: f.items,
        comments: f.comments,
        releases: f.releases,
        tags: f.tags,
        licenceHistory: f.licenceHistory,
        hasTracker: prepared.hasTracker,
        noVerdict: core.lifecycle === 'unbekannt' ? core.lifecycleReason : null
      },
      asOf,
      options.licenceLookup
    ),
    reuseReadiness: reuseReadiness(
      {
        coverage: core.coverage,
        repositories: f.repositories,
        lastCommitAt: core.lastCommitAt,
        lastRelease: core.window.lastRelease,
        authors: core.totals.humanContributors,
        // Over the whole history: the organisations ever committed for.
        organisations: organisationFigures(prepared.commits, f.organisations, asOf, Number.POSITIVE_INFINITY).count,
        reuse: evidence.reuse,
        organisationsById: f.organisations,
        noVerdict: core.lifecycle === 'unbekannt' ? core.lifecycleReason : null
      },
      asOf
    )
  };
}
