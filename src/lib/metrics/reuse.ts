/**
 * Nachnutzung (reuse evidence, DESIGN §7): rows saying that organisation O reuses project P, each
 * with its kind, strength, source and date. O is never P's owner, and O is an adopter — a public
 * body (municipality, county, state, federal), research or civil society. What companies and IT
 * service providers do with P (contributions, forks, copies, projects based on it) is
 * Mitentwicklung: the same rows, returned apart as `codevelopment`, never counted as reuse. A
 * provider named as a user (catalog or publiccode.yml `usedBy`) is neither.
 * | declared-catalog    | erklärt    | the catalog's `usedBy` lists O |
 * | declared-publiccode | erklärt    | a publiccode.yml `usedBy` entry of P names O (matched by name) |
 * | fork                | beobachtet | a forge fork of one of P's repositories lives in an account of O |
 * | mirror              | beobachtet | a repository of another project, in an account of O (else owned by
 *                                      that project's owner O), shares a root commit with P's repository
 *                                      and is the later one (forge fork relation, else creation date) |
 * | contribution        | beobachtet | humans affiliated with O (per contribution) made commits, opened
 *                                      issues/pull requests or commented/reviewed in P, up to asOf |
 * | is-based-on         | beobachtet | a project owned by O has a publiccode.yml `isBasedOn` naming P
 *                                      (one of its repository URLs, its name or id) |
 * Organisation names match when equal after normalising: lowercase, umlauts folded (ä→ae …),
 * diacritics and punctuation dropped, and words such as Stadt, Landeshauptstadt, Kreis, Landkreis,
 * Gemeinde left out („Stadt Dortmund“ ~ „dortmund“); a full-name match wins, a shortened match
 * must be unambiguous. "Verified" reuse = at least one observed row.
 */
import { isAdopterKind } from '../organisation-kinds';
import type { CodevelopmentEvidence, ReuseEvidence } from '../reports/types';
import type {
  BasedOnFact,
  CommentFact,
  CommitFact,
  ForkFact,
  ItemFact,
  OrganisationFact,
  RelatedRepositoryFact,
  RepositoryFact
} from './facts';
import { formatDate, plural } from '../format';
import { asOfEnd, toDate } from './window';

const ORG_STOPWORDS = new Set([
  'stadt',
  'landeshauptstadt',
  'hansestadt',
  'freie',
  'und',
  'kreisfreie',
  'grosse',
  'kreisstadt',
  'gemeinde',
  'markt',
  'landkreis',
  'kreis',
  'kreisverwaltung',
  'stadtverwaltung',
  'samtgemeinde',
  'verbandsgemeinde',
  'universitaetsstadt',
  'wissenschaftsstadt',
  'bundesstadt',
  'der',
  'die',
  'das',
  'city',
  'of'
]);

/**
 * A pure function of a string, remembered: matchOrganisation folds every organisation's name for
 * each name it matches, which cost derive about 2.4 s of CPU per worker at country scale (2,000
 * organisations). At most MEMO_SIZE entries, forgotten all at once when full.
 */
function remembered(compute: (name: string) => string): (name: string) => string {
  const memo = new Map<string, string>();
  return (name) => {
    let value = memo.get(name);
    if (value === undefined) {
      if (memo.size >= MEMO_SIZE) memo.clear();
      memo.set(name, (value = compute(name)));
    }
    return value;
  };
}
const MEMO_SIZE = 20_000;

/** Lowercase, umlauts folded, diacritics and punctuation dropped, whitespace collapsed. */
export const foldName = remembered((name) =>
  name
    .normalize('NFC')
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
);

/** foldName without administrative words: „Stadt Dortmund“ → „dortmund“. */
export const normaliseOrganisationName = remembered((name) => {
  const words = foldName(name)
    .split(' ')
    .filter((w) => w && !ORG_STOPWORDS.has(w));
  return words.length > 0 ? words.join(' ') : foldName(name);
});

/** The organisation a free-text name (publiccode usedBy) refers to, or null. */
export function matchOrganisation(name: string, organisations: Iterable<OrganisationFact>): OrganisationFact | null {
  const orgs = [...organisations];
  const folded = foldName(name);
  if (!folded) return null;
  const exact = orgs.filter((o) => foldName(o.name) === folded || o.id === name.trim().toLowerCase());
  if (exact.length === 1) return exact[0];
  const short = normaliseOrganisationName(name);
  const loose = orgs.filter((o) => normaliseOrganisationName(o.name) === short || foldName(o.id) === short);
  return loose.length === 1 ? loose[0] : null;
}

/** Whether "forge:owner" (or an owner path on `forge`) belongs to one of the accounts. */
export function accountMatches(accounts: readonly string[], forge: string, owner: string): boolean {
  const o = owner.toLowerCase().replace(/^\/+|\/+$/g, '');
  return accounts.some((a) => {
    const colon = a.indexOf(':');
    if (a.slice(0, colon) !== forge) return false;
    const path = a
      .slice(colon + 1)
      .toLowerCase()
      .replace(/^\/+|\/+$/g, '');
    return o === path || o.startsWith(`${path}/`);
  });
}

/** The organisation owning a forge account, or null. */
export function organisationOfAccount(organisations: Iterable<OrganisationFact>, forge: string, owner: string): OrganisationFact | null {
  for (const o of organisations) if (accountMatches(o.accounts ?? [], forge, owner)) return o;
  return null;
}

function forkOwner(fork: ForkFact): { forge: string; owner: string; path: string } {
  const colon = fork.forkKey.indexOf(':');
  const forge = fork.forkKey.slice(0, colon);
  const path = fork.forkKey.slice(colon + 1);
  let owner = fork.ownerAccount || path.slice(0, path.lastIndexOf('/'));
  if (owner.includes(':')) owner = owner.slice(owner.indexOf(':') + 1);
  return { forge, owner, path };
}

/** URL or path, comparable: no scheme, no credentials, no .git, no trailing slash, lowercase. */
export function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

export interface ReuseInput {
  project: { id: string; name: string; ownerId: string | null; usedBy: readonly string[] };
  repositories: readonly Pick<
    RepositoryFact,
    'id' | 'key' | 'forgeId' | 'path' | 'webUrl' | 'cloneUrl' | 'publiccode' | 'createdAt' | 'isFork' | 'forkParent'
  >[];
  organisations: ReadonlyMap<string, OrganisationFact>;
  forks: readonly ForkFact[];
  related: readonly RelatedRepositoryFact[];
  commits: readonly CommitFact[];
  items: readonly ItemFact[];
  comments: readonly CommentFact[];
  basedOn: readonly BasedOnFact[];
}

function publiccodeUsedBy(publiccode: Record<string, unknown> | null | undefined): string[] {
  const used = publiccode?.usedBy;
  return Array.isArray(used) ? used.filter((u): u is string => typeof u === 'string') : [];
}

function isBasedOnNames(entry: string, input: ReuseInput): boolean {
  const e = normaliseUrl(entry);
  if (!e) return false;
  for (const r of input.repositories) {
    const candidates = [r.webUrl, r.cloneUrl, r.path].filter((u): u is string => !!u).map(normaliseUrl);
    if (candidates.some((c) => c === e || e.endsWith(`/${normaliseUrl(r.path)}`) || c.endsWith(`/${e}`))) return true;
  }
  const name = foldName(entry);
  return name === foldName(input.project.name) || entry.trim().toLowerCase() === input.project.id;
}

/**
 * A related repository (same root commit) is a copy of ours, not the original we copied, when the
 * forge or the dates say so. Used for reuse (mirror rows) and for fragmentation (findings).
 */
export function isCopyOfOurs(
  related: RelatedRepositoryFact,
  repositories: readonly Pick<RepositoryFact, 'id' | 'key' | 'createdAt' | 'isFork' | 'forkParent'>[]
): boolean {
  const ours = repositories.find((r) => r.id === related.sharesRootWith);
  if (!ours) return true;
  if (related.isFork && related.forkParent === ours.key) return true;
  if (ours.isFork && ours.forkParent === related.key) return false;
  if (related.isFork && !ours.isFork) return true;
  if (ours.isFork && !related.isFork) return false;
  if (related.createdAt != null && ours.createdAt != null && related.createdAt !== ours.createdAt) {
    return related.createdAt > ours.createdAt;
  }
  return related.repositoryId > ours.id;
}

export interface OrganisationEvidence {
  reuse: ReuseEvidence[];
  codevelopment: CodevelopmentEvidence[];
}

/** Code-point order of natural keys (ids, repository keys): the same on every machine and locale. */
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function reuseEvidence(input: ReuseInput, asOf: string): OrganisationEvidence {
  const end = asOfEnd(asOf);
  const owner = input.project.ownerId;
  const out: OrganisationEvidence = { reuse: [], codevelopment: [] };
  const push = (e: Omit<ReuseEvidence, 'organisationName'>) => {
    if (e.organisationId === owner) return;
    const org = input.organisations.get(e.organisationId);
    const row = { ...e, organisationName: org?.name ?? e.organisationId };
    // An organisation the catalog does not know has no kind: it cannot be shown as an adopter.
    if (org && isAdopterKind(org.kind)) out.reuse.push(row);
    else if (org && e.strength === 'beobachtet') out.codevelopment.push(row as CodevelopmentEvidence);
  };

  for (const id of input.project.usedBy) {
    push({
      organisationId: id,
      kind: 'declared-catalog',
      strength: 'erklärt',
      detail: 'Im Katalog als Nutzer angegeben',
      source: 'Katalog (usedBy)',
      date: null
    });
  }
  const declared = new Set<string>();
  for (const r of [...input.repositories].sort((a, b) => compareKeys(a.key, b.key))) {
    for (const name of publiccodeUsedBy(r.publiccode)) {
      const org = matchOrganisation(name, input.organisations.values());
      if (!org || declared.has(org.id)) continue;
      declared.add(org.id);
      push({
        organisationId: org.id,
        kind: 'declared-publiccode',
        strength: 'erklärt',
        detail: `In publiccode.yml als Nutzer genannt („${name}“)`,
        source: `publiccode.yml (${r.key})`,
        date: null
      });
    }
  }

  const forkKeys = new Set<string>();
  // Each list in the order of its natural key, not as the facts were stored: the evidence's order
  // (its position in reuse_evidence) is the same for a database filled in another order.
  for (const f of [...input.forks].sort((a, b) => compareKeys(a.forkKey, b.forkKey))) {
    if (f.createdAt != null && f.createdAt >= end) continue;
    const { forge, owner: account, path } = forkOwner(f);
    const org = organisationOfAccount(input.organisations.values(), forge, account);
    forkKeys.add(f.forkKey);
    if (!org) continue;
    push({
      organisationId: org.id,
      kind: 'fork',
      strength: 'beobachtet',
      detail:
        f.aheadBy != null && f.aheadBy > 0 ? `Fork ${path} mit ${plural(f.aheadBy, 'eigenem Commit', 'eigenen Commits')}` : `Fork ${path}`,
      source: `Fork-Beziehung (${forge})`,
      date: f.createdAt != null ? toDate(f.createdAt) : null
    });
  }

  const mirrored = new Set<string>();
  for (const rel of [...input.related].sort((a, b) => compareKeys(a.key, b.key))) {
    if (forkKeys.has(rel.key) || mirrored.has(`${rel.key}`)) continue;
    // Only a copy that existed by asOf (its first commit is known and not later).
    if (rel.firstCommitAt == null || rel.firstCommitAt >= end) continue;
    if (!isCopyOfOurs(rel, input.repositories)) continue;
    const orgId = rel.accountOrganisationId ?? rel.projectOwnerId;
    if (!orgId) continue;
    mirrored.add(rel.key);
    push({
      organisationId: orgId,
      kind: rel.isFork ? 'fork' : 'mirror',
      strength: 'beobachtet',
      detail: `${rel.isFork ? 'Fork' : 'Kopie'} ${rel.path} (gemeinsamer Ursprungs-Commit)${rel.aheadBy ? ` mit ${plural(rel.aheadBy, 'eigenem Commit', 'eigenen Commits')}` : ''}`,
      source: `gemeinsamer Root-Commit (${rel.key})`,
      date: rel.createdAt != null ? toDate(rel.createdAt) : null
    });
  }

  const contributions = new Map<string, { commits: number; items: number; comments: number; persons: Set<number>; last: number }>();
  const count = (orgId: string | null, personId: number, at: number, what: 'commits' | 'items' | 'comments') => {
    if (!orgId || orgId === owner || at >= end) return;
    let c = contributions.get(orgId);
    if (!c) contributions.set(orgId, (c = { commits: 0, items: 0, comments: 0, persons: new Set(), last: 0 }));
    c[what]++;
    c.persons.add(personId);
    if (at > c.last) c.last = at;
  };
  for (const c of input.commits)
    if (c.parentCount <= 1 && !c.author.isBot) count(c.author.organisationId, c.author.personId, c.authorDate, 'commits');
  for (const i of input.items) if (i.author && !i.author.isBot) count(i.author.organisationId, i.author.personId, i.createdAt, 'items');
  for (const c of input.comments)
    if (!c.system && c.author && !c.author.isBot) count(c.author.organisationId, c.author.personId, c.createdAt, 'comments');
  for (const [orgId, c] of [...contributions].sort((a, b) => a[0].localeCompare(b[0]))) {
    const parts = [
      c.commits > 0 ? plural(c.commits, 'Commit', 'Commits') : null,
      c.items > 0 ? plural(c.items, 'Issue/Pull Request', 'Issues/Pull Requests') : null,
      c.comments > 0 ? plural(c.comments, 'Kommentar/Review', 'Kommentare/Reviews') : null
    ].filter(Boolean);
    push({
      organisationId: orgId,
      kind: 'contribution',
      strength: 'beobachtet',
      detail: `${parts.join(', ')} von ${plural(c.persons.size, 'Person', 'Personen')} (zuletzt am ${formatDate(c.last)})`,
      source: 'Beiträge (Commits, Issues, Reviews)',
      date: toDate(c.last)
    });
  }

  for (const b of [...input.basedOn].sort((x, y) => compareKeys(x.projectId, y.projectId))) {
    if (b.projectId === input.project.id || !b.ownerId) continue;
    const entry = b.isBasedOn.find((e) => isBasedOnNames(e, input));
    if (!entry) continue;
    push({
      organisationId: b.ownerId,
      kind: 'is-based-on',
      strength: 'beobachtet',
      detail: `Projekt „${b.projectName}“ baut laut publiccode.yml auf diesem Projekt auf`,
      source: `publiccode.yml isBasedOn (${b.projectId})`,
      date: null
    });
  }
  return out;
}

/** The reusing organisations in the order their evidence comes, each observed or declared only. */
export function reusingOrganisations(evidence: readonly ReuseEvidence[]): { id: string; name: string; observed: boolean }[] {
  const byId = new Map<string, { id: string; name: string; observed: boolean }>();
  for (const e of evidence) {
    const entry = byId.get(e.organisationId) ?? { id: e.organisationId, name: e.organisationName, observed: false };
    if (e.strength === 'beobachtet') entry.observed = true;
    byId.set(e.organisationId, entry);
  }
  return [...byId.values()];
}

/** Verified reuse: organisations with at least one observed row; declared-only listed apart. */
export function summariseReuse(evidence: readonly ReuseEvidence[]): { verified: string[]; declaredOnly: string[] } {
  const orgs = reusingOrganisations(evidence);
  return {
    verified: orgs
      .filter((o) => o.observed)
      .map((o) => o.id)
      .sort(),
    declaredOnly: orgs
      .filter((o) => !o.observed)
      .map((o) => o.id)
      .sort()
  };
}
