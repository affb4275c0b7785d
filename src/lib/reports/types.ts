/**
 * The shapes of the reports allmende produces: the project Steckbrief (DESIGN §8 `report --project
 * --json`), stored per project and day in project_snapshots.report and read by the dashboard, and
 * the organisation (OSPO) report. A figure without data is null, never 0.
 */

import type { DataGap } from '../metrics/coverage';

export const REPORT_SCHEMA_VERSION = 1;

/*
 * The code values of the reports, each listed once (`as const`) and typed from the list. Their
 * German words, icons and tones are in src/lib/labels.ts.
 */

/** The lifecycle states (Zustand, DESIGN §6), in the order pages list them. */
export const LIFECYCLES = ['aktiv', 'stabil', 'abnehmend', 'ruhend', 'aufgegeben', 'archiviert', 'unbekannt'] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

/** How reuse is known (DESIGN §7): someone says so, or the repositories show it. */
export const REUSE_STRENGTHS = ['beobachtet', 'erklärt'] as const;
export type ReuseStrength = (typeof REUSE_STRENGTHS)[number];

export const REUSE_EVIDENCE_KINDS = ['declared-catalog', 'declared-publiccode', 'fork', 'mirror', 'contribution', 'is-based-on'] as const;
export type ReuseEvidenceKind = (typeof REUSE_EVIDENCE_KINDS)[number];

export const COPYLEFT_CLASSES = ['strong', 'weak', 'permissive'] as const;
export type CopyleftClass = (typeof COPYLEFT_CLASSES)[number];

export const FINDING_KEYS = [
  'archived',
  'no-human-commit-12m',
  'one-person',
  'one-organisation',
  'unanswered-issues',
  'licence-changed',
  'no-release-18m',
  'fragmentation',
  'publiccode-missing',
  'publiccode-invalid',
  'no-security-policy'
] as const;
export type FindingKey = (typeof FINDING_KEYS)[number];

export const SEVERITIES = ['warning', 'info', 'ok'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** openCode badges (src/lib/metrics/opencodeBadges.ts): the criteria, their states and the Maintained levels. */
export const OPENCODE_CRITERIA = [
  'commits',
  'reaction-time',
  'release',
  'bus-factor',
  'branch-protection',
  'security-policy',
  'licence'
] as const;
export type OpenCodeCriterionKey = (typeof OPENCODE_CRITERIA)[number];
export const OPENCODE_CRITERION_STATES = ['met', 'not-met', 'unknown'] as const;
export type OpenCodeCriterionState = (typeof OPENCODE_CRITERION_STATES)[number];
export const OPENCODE_MAINTAINED_LEVELS = ['none', 'bronze', 'silver', 'gold'] as const;
export type OpenCodeMaintainedLevel = (typeof OPENCODE_MAINTAINED_LEVELS)[number];

/** „Bereit zur Nachnutzung?“ (src/lib/metrics/reuseReadiness.ts): the checklist's items, in the order pages list them. */
export const READINESS_ITEMS = [
  'readme',
  'documentation',
  'contributing',
  'code-of-conduct',
  'governance',
  'changelog',
  'roadmap',
  'authors',
  'licence',
  'publiccode',
  'last-commit',
  'last-release',
  'public-reuse'
] as const;
export type ReadinessItemKey = (typeof READINESS_ITEMS)[number];

export type VitalityComponentKey = 'regularity' | 'volume' | 'responsiveness' | 'backlog' | 'breadth' | 'releases';

export interface VitalityComponent {
  key: VitalityComponentKey;
  /** German label: Regelmäßigkeit, Umfang, Reaktionsfähigkeit, Rückstau, Breite der Beteiligung, Veröffentlichungen. */
  label: string;
  /** null when the component has no data and is left out. */
  points: number | null;
  max: number;
  /** Plain-German explanation of how the points came about ("12 von 26 Wochen aktiv"). */
  detail: string;
  /** Why it is left out, when points is null. */
  missingReason?: string;
}

export interface Vitality {
  /** 0–100, null = "nicht bewertbar" (coverage below 40 %). */
  score: number | null;
  /** Share (0–1) of the maximum points whose components had data. */
  coverage: number;
  components: VitalityComponent[];
}

export interface ReportTotals {
  commits: number;
  nonMergeCommits: number;
  humanCommits: number;
  botCommits: number;
  humanContributors: number;
  botContributors: number;
  tags: number;
  releases: number;
  /** null when no forge data exists (git-only repositories). */
  issues: number | null;
  pullRequests: number | null;
}

export interface ReportWindow {
  days: number;
  humanCommits: number;
  activeContributors: number;
  newContributors: number;
  returningContributors: number;
  inactiveContributors: number;
  personsFactor: number | null;
  organisationsFactor: number | null;
  activeWeeks26: number;
  medianFirstResponseHours: number | null;
  answeredWithin7DaysShare: number | null;
  unansweredOpenItems: number | null;
  closureRatio: number | null;
  medianOpenIssueAgeDays: number | null;
  medianMergeHours: number | null;
  releases: number;
  releasesPerYear: number | null;
  daysSinceLastRelease: number | null;
  lastRelease: { name: string; date: string; source: 'release' | 'tag' } | null;
  /** Distinct organisations with human contributions in the window, by kind (full reports only). */
  organisationsByKind?: Record<string, number>;
}

export interface ReportOrganisation {
  /** Organisation id, or null for "ohne Zuordnung" (one bucket per person, summed here for display). */
  id: string | null;
  name: string;
  kind: string | null;
  humanCommits: number;
  contributors: number;
  share: number;
}

export interface ReportContributor {
  /** Pseudonym unless privacy.showNames. */
  name: string;
  organisation: string | null;
  commits: number;
  share: number;
  isBot: boolean;
}

export interface ReuseEvidence {
  organisationId: string;
  organisationName: string;
  kind: ReuseEvidenceKind;
  strength: ReuseStrength;
  /** Plain German: "Fork stadt-dortmund/terminbuchung mit 41 eigenen Commits". */
  detail: string;
  source: string;
  date: string | null;
}

/** What a company or IT service provider does with a project (DESIGN §7 Mitentwicklung): observed rows only. */
export type CodevelopmentEvidence = ReuseEvidence & {
  kind: Exclude<ReuseEvidenceKind, 'declared-catalog' | 'declared-publiccode'>;
  strength: 'beobachtet';
};

export interface Licence {
  spdx: string | null;
  name: string | null;
  /** headers: what the files declare (SPDX-License-Identifier headers, REUSE.toml, .reuse/dep5), no licence file naming one. */
  source: 'forge' | 'publiccode' | 'file' | 'headers' | null;
  osiApproved: boolean | null;
  fsfLibre: boolean | null;
  copyleft: CopyleftClass | null;
  changes: { date: string; from: string | null; to: string | null; commit: string }[];
  /** What the files declare, when they declare anything (absent in reports made before it was read). */
  declared?: DeclaredLicence | null;
}

/** The licences a repository's files declare for themselves (REUSE), read from a sample of its files. */
export interface DeclaredLicence {
  /** All declared licences together (different files, different licences: AND). */
  spdx: string;
  /** Per expression of the SPDX-License-Identifier headers: how many files of the sample carry it, most first. */
  headers: { spdx: string; files: number }[];
  /** Files of the sample read. */
  sampled: number;
  reuseToml: boolean;
  dep5: boolean;
  /** Whether the licence shown (from another source) is the one the files declare; null when it comes from them. */
  agrees: boolean | null;
}

export interface Finding {
  key: FindingKey;
  severity: Severity;
  /** Plain German headline: „Hängt an einer Person“. */
  title: string;
  /** The evidence in plain German, with figures. */
  evidence: string;
}

/** One criterion of the openCode badges as measured by allmende. */
export interface OpenCodeCriterion {
  key: OpenCodeCriterionKey;
  state: OpenCodeCriterionState;
  /** The measured value (count, mean days, factor, yes/no); null when not checkable or none. */
  value: number | boolean | null;
  /** The value in plain German: „12 Commits“, „Ø 3,2 Tage bei 8 Issues“. */
  valueText: string;
  /** The threshold in plain German: „mindestens 5 Commits“. */
  thresholdText: string;
  /** First day of the window measured (YYYY-MM-DD), null for a state read at `to`. */
  from: string | null;
  /** Last day measured (the reference date). */
  to: string;
  /** Why allmende cannot check it (state unknown), in plain German. */
  reason: string | null;
}

export interface OpenCodeBadges {
  /** OPENCODE_BADGE_RULES_VERSION: the day the rules were compared with openCode's pages. */
  rulesVersion: string;
  /** null: no levels (no data). undecided: a criterion of the next level is „nicht prüfbar“. */
  maintained: { level: OpenCodeMaintainedLevel; undecided: boolean } | null;
  /** Security level reached (0 or 1). */
  security: { level: number; undecided: boolean } | null;
  licence: { state: OpenCodeCriterionState } | null;
  criteria: OpenCodeCriterion[];
  /** Why there are no levels, when there are none for lack of data. */
  noVerdictReason: string | null;
}

/** One item of the reuse-readiness checklist; its state words are those of the openCode criteria (labels.ts). */
export interface ReadinessItem {
  key: ReadinessItemKey;
  state: OpenCodeCriterionState;
  /** What was found, in plain German: „README.md (stadt-ulm/demo)“, „12.03.2026“, „2 öffentliche Stellen: …“. */
  valueText: string;
  /** The path of the file or the date found (YYYY-MM-DD); null when none. */
  found: string | null;
  /** The threshold in plain German: „jünger als 6 Monate“. */
  thresholdText: string;
  /** Why allmende cannot check it (state unknown), in plain German. */
  reason: string | null;
}

export interface ReuseReadiness {
  /** READINESS_RULES_VERSION: the day the items were compared with the Standard for Public Code and code.gouv.fr. */
  rulesVersion: string;
  /** Empty without data (no verdicts). */
  items: ReadinessItem[];
  /** Items met. */
  met: number;
  /** Every item met; null without data. */
  allMet: boolean | null;
  /** Why there are no verdicts, when there are none for lack of data. */
  noVerdictReason: string | null;
}

export interface ReportRepository {
  key: string;
  forge: string;
  url: string | null;
  description: string | null;
  archived: boolean | null;
  defaultBranch: string | null;
  lastCollectedAt: string | null;
  lastError: string | null;
}

export interface WeeklyActivity {
  /** Monday-free: the UTC date on which the 7-day week ends (inclusive). */
  weekEnd: string;
  humanCommits: number;
  botCommits: number;
  contributors: number;
  issuesOpened: number;
}

export interface ProjectReport {
  schemaVersion: number;
  id: string;
  name: string;
  owner: { id: string; name: string; kind: string } | null;
  asOf: string;
  lifecycle: Lifecycle;
  /** "neu" is shown alongside the lifecycle. */
  isNew: boolean;
  firstCommitAt: string | null;
  lastCommitAt: string | null;
  /** The one sentence the page opens with. */
  summary: string;
  vitality: Vitality;
  totals: ReportTotals;
  window: ReportWindow;
  organisations: ReportOrganisation[];
  contributors: ReportContributor[];
  activity: WeeklyActivity[];
  reuse: ReuseEvidence[];
  /** Mitentwicklung by companies and IT service providers (absent in snapshots derived before it existed). */
  codevelopment?: CodevelopmentEvidence[];
  licence: Licence;
  findings: Finding[];
  repositories: ReportRepository[];
  maintenance: { type: string | null; contractors: string[]; contacts: string[] } | null;
  dataSources: string[];
  /** Sources never read or failing now, and the figures that lack data (metrics/coverage.ts); absent in older snapshots. */
  dataGaps?: DataGap[];
  /** Plain German: why the project is in its lifecycle state (added by the metrics issue). */
  lifecycleReason?: string;
  /** openCode badges (ZenDiS), absent in snapshots derived before they were computed. */
  opencodeBadges?: OpenCodeBadges;
  /** „Bereit zur Nachnutzung?“, absent in snapshots derived before it was computed. */
  reuseReadiness?: ReuseReadiness;
  /** Absent or false on full reports; history rows carry a ProjectHistoryReport (compact: true). */
  compact?: false;
}

/**
 * The compact report of a backfilled history row in project_snapshots (month-ends of the past 12
 * months): enough for the score sparkline and history charts. Tell it apart by `compact: true`.
 */
export interface ProjectHistoryReport {
  schemaVersion: number;
  compact: true;
  id: string;
  asOf: string;
  lifecycle: Lifecycle;
  isNew: boolean;
  vitality: Vitality;
  totals: ReportTotals;
  window: ReportWindow;
}

export interface OrganisationReport {
  schemaVersion: number;
  id: string;
  name: string;
  kind: string;
  region: string | null;
  from: string;
  to: string;
  ownProjects: { id: string; name: string; lifecycle: Lifecycle; score: number | null; humanCommits: number }[];
  contributionsElsewhere: { projectId: string; projectName: string; commits: number; issues: number; comments: number }[];
  reusedBy: {
    projectId: string;
    projectName: string;
    organisationId: string;
    organisationName: string;
    strength: ReuseStrength;
  }[];
  reuses: { projectId: string; projectName: string; strength: ReuseStrength }[];
  contributors: { name: string; commits: number; issues: number; comments: number }[];
}
