/**
 * A contribution's organisation (DESIGN §5 „A person's organisation“). The rule, in the words of the
 * Methodik page (src/lib/methodikText.ts, „Zuordnung zu Organisationen“; a unit test keeps both
 * texts identical):
 *
 * Ein Commit gehört zu der Organisation, deren E-Mail-Domain (oder eine übergeordnete Domain) die
 * verwendete Adresse hat; bei mehreren passt die genaueste. Private Adressen (gmail.com, web.de,
 * posteo.de …) ordnen nie zu.
 *
 * Issues, Pull Requests, Kommentare, Reviews und Releases stammen von Plattform-Konten, die meist
 * keine E-Mail-Adresse zeigen. Sie gehören zu der Organisation der Adresse des Kontos, falls es eine
 * zuordnende hat; sonst zu der Organisation, bei der das Konto Mitglied ist, soweit bekannt; sonst zu
 * der Organisation des zeitlich nächsten Commits derselben Person mit zuordnender Adresse (ohne
 * Merge-Commits): des letzten zum Zeitpunkt des Beitrags oder davor, und gibt es keinen davor, des
 * ersten danach. Haben mehrere solche Commits denselben Zeitpunkt, gilt die Organisation mit der im
 * Alphabet ersten Kennung. Hat die Person keinen Commit mit zuordnender Adresse, bleibt der Beitrag
 * „ohne Zuordnung“.
 *
 * Die Zuordnung gilt pro Beitrag: Wer die Stelle wechselt, zählt vorher für die alte, danach für die
 * neue Organisation.
 *
 * Where it is used: the derive step (jobs/derive/load.ts) builds each person's timeline from the
 * commits with `affiliationTimeline`, gives every contribution its organisation with
 * `organisationAt(accountAffiliation(identity, …), time)` (for a commit author that is its email's
 * organisation, whatever the time), and stores the forge accounts' periods in
 * `account_affiliations`; the organisation report for any period (src/queries/listOrganisationContributions.ts)
 * reads that table instead of recomputing the timeline (and `emailOrganisation` for commits).
 * Periods are half-open [from, to) in seconds since the epoch; null is an open end.
 */

export interface AffiliationOrganisation {
  id: string;
  domains: readonly string[];
  /** "forge:path" accounts the organisation owns (github:stadt-ulm). */
  accounts?: readonly string[];
}

export interface AffiliationIndex {
  /** Lowercase domain → organisation id. */
  domains: Map<string, string>;
  personalDomains: Set<string>;
  /** "forge:login" (lowercase) → organisation id. */
  memberships: Map<string, string>;
}

export interface Contribution {
  emailDomain: string | null;
  /** 'git' for commits, else the forge id of the account. */
  source: string;
  login?: string;
}

function cleanDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^@+/, '').replace(/\.+$/, '');
}

/** The domain itself, then each parent domain down to two labels: it.ulm.de, ulm.de. */
function domainChain(domain: string): string[] {
  const labels = cleanDomain(domain).split('.').filter(Boolean);
  const chain: string[] = [];
  for (let k = 0; k <= labels.length - 2; k++) chain.push(labels.slice(k).join('.'));
  if (labels.length === 1) chain.push(labels[0]);
  return chain;
}

/**
 * @param accountMemberships "forge:login" → organisation id, or → an organisation's forge account
 *   ("github:stadt-ulm"), which is resolved through the organisations' `accounts`. May be empty.
 */
export function buildAffiliationIndex(
  organisations: readonly AffiliationOrganisation[],
  personalEmailDomains: readonly string[],
  accountMemberships: ReadonlyMap<string, string> | Readonly<Record<string, string>> = new Map()
): AffiliationIndex {
  const domains = new Map<string, string>();
  for (const org of organisations) {
    for (const d of org.domains) {
      const domain = cleanDomain(d);
      // The first organisation listing a domain keeps it (the catalog order decides, stably).
      if (domain && !domains.has(domain)) domains.set(domain, org.id);
    }
  }
  const orgIds = new Set(organisations.map((o) => o.id));
  const byAccount = new Map<string, string>();
  for (const org of organisations) for (const a of org.accounts ?? []) byAccount.set(a.trim().toLowerCase(), org.id);

  const memberships = new Map<string, string>();
  const entries = accountMemberships instanceof Map ? [...accountMemberships.entries()] : Object.entries(accountMemberships);
  for (const [account, target] of entries) {
    const org = orgIds.has(target) ? target : byAccount.get(target.trim().toLowerCase());
    if (org) memberships.set(account.trim().toLowerCase(), org);
  }
  return { domains, personalDomains: new Set(personalEmailDomains.map(cleanDomain)), memberships };
}

/** The organisation of an email domain (the most specific listed one), null for personal domains. */
export function emailOrganisation(emailDomain: string | null | undefined, index: AffiliationIndex): string | null {
  if (!emailDomain) return null;
  const chain = domainChain(emailDomain);
  if (chain.some((d) => index.personalDomains.has(d))) return null;
  for (const domain of chain) {
    const org = index.domains.get(domain);
    if (org) return org;
  }
  return null;
}

/** The organisation a forge account is a known member of, or null (never for commit authors). */
export function membershipOrganisation(contribution: Contribution, index: AffiliationIndex): string | null {
  const login = contribution.login?.trim().toLowerCase();
  if (!login || contribution.source === 'git') return null;
  return index.memberships.get(`${contribution.source.toLowerCase()}:${login}`) ?? null;
}

/**
 * The organisation of a contribution that does not depend on its time: by the email used, else by
 * the forge account's known membership; null when neither says. For commits this is the whole rule;
 * a forge account for which it is null follows its person's timeline (`accountAffiliation`).
 */
export function affiliate(contribution: Contribution, index: AffiliationIndex): string | null {
  return emailOrganisation(contribution.emailDomain, index) ?? membershipOrganisation(contribution, index);
}

/** Where a person worked at a time: one of their non-merge commits with an affiliating email. */
export interface AffiliationEvidence {
  /** Author date, seconds since the epoch. */
  at: number;
  organisationId: string;
}

/** The organisation of contributions made in [from, to) (seconds; null = open end). */
export interface AffiliationPeriod {
  from: number | null;
  to: number | null;
  organisationId: string;
}

/**
 * A person's affiliation timeline from their email-affiliated commits: the organisation of the
 * latest commit at or before a time, else of the earliest one after it; commits of the same second
 * count for the alphabetically first organisation id. Contiguous periods covering all time (the first
 * open to the past, the last to the future), adjacent periods of the same organisation merged; empty
 * without evidence.
 */
export function affiliationTimeline(evidence: Iterable<AffiliationEvidence>): AffiliationPeriod[] {
  const byTime = new Map<number, string>();
  for (const e of evidence) {
    const current = byTime.get(e.at);
    if (current === undefined || e.organisationId < current) byTime.set(e.at, e.organisationId);
  }
  const periods: AffiliationPeriod[] = [];
  for (const at of [...byTime.keys()].sort((a, b) => a - b)) {
    const organisationId = byTime.get(at)!;
    const last = periods[periods.length - 1];
    if (last?.organisationId === organisationId) continue;
    if (last) last.to = at;
    periods.push({ from: last ? at : null, to: null, organisationId });
  }
  return periods;
}

/** The organisation of the period containing `at`, or null (no periods: „ohne Zuordnung“). */
export function organisationAt(periods: readonly AffiliationPeriod[], at: number): string | null {
  let lo = 0;
  let hi = periods.length - 1;
  let found: AffiliationPeriod | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = periods[mid];
    if (p.from !== null && at < p.from) hi = mid - 1;
    else if (p.to !== null && at >= p.to) lo = mid + 1;
    else {
      found = p;
      break;
    }
  }
  return found?.organisationId ?? null;
}

/** One organisation for all time: what affiliationTimeline makes of dates that all name it. */
export const allTime = (organisationId: string): AffiliationPeriod[] => [{ from: null, to: null, organisationId }];

/**
 * The periods of a forge account's contributions (issues, pull requests, comments, reviews,
 * releases): the account's own affiliating email or known membership for all time; else its
 * person's timeline (`affiliationTimeline` of the person's commits); else none („ohne Zuordnung“).
 * Commit authors ('git') get their email's organisation only: commits keep the per-email rule.
 */
export function accountAffiliation(
  account: Contribution,
  index: AffiliationIndex,
  personTimeline: readonly AffiliationPeriod[] | undefined
): readonly AffiliationPeriod[] {
  const fixed = account.source === 'git' ? emailOrganisation(account.emailDomain, index) : affiliate(account, index);
  if (fixed) return allTime(fixed);
  if (account.source === 'git') return [];
  return personTimeline ?? [];
}
