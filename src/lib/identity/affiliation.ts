/**
 * A contribution's organisation (DESIGN §5 "A person's organisation"), decided per contribution by
 * the email used, not per person, because people change employers:
 *  1. the organisation whose `domains` contain the email's domain or a parent domain of it
 *     (it.ulm.de → ulm); the most specific listed domain wins;
 *  2. else the organisation owning the forge account's organisation membership, where known;
 *  3. else null: "ohne Zuordnung".
 * Personal email domains (gmail.com, web.de …, and their subdomains) never affiliate, even when an
 * organisation lists them by mistake; such contributions fall through to rule 2.
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

/** What "ohne Zuordnung" is called where a label is needed. */
export const UNAFFILIATED_LABEL = 'ohne Zuordnung';

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

/** The organisation id of a contribution, or null for "ohne Zuordnung". */
export function affiliate(contribution: Contribution, index: AffiliationIndex): string | null {
  if (contribution.emailDomain) {
    const chain = domainChain(contribution.emailDomain);
    const personal = chain.some((d) => index.personalDomains.has(d));
    if (!personal) {
      for (const domain of chain) {
        const org = index.domains.get(domain);
        if (org) return org;
      }
    }
  }
  const login = contribution.login?.trim().toLowerCase();
  if (login && contribution.source !== 'git') {
    const org = index.memberships.get(`${contribution.source.toLowerCase()}:${login}`);
    if (org) return org;
  }
  return null;
}
