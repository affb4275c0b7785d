/**
 * Resolving identities into persons (DESIGN §5).
 *
 * Identities are one person when, transitively:
 *  5. the catalog's `people.aliases` say so (applied first);
 *  1. their email hashes are equal, unless the email is generic (`emailGeneric`, decided in email.ts);
 *  2. both are GitHub noreply addresses with the same numeric id or the same login (lowercase);
 *  3. a noreply login or forge login equals the other's name after trim and lowercase;
 *  4. their normalised names are equal and significant (names.ts).
 *
 * Two readings of rule 3, stated here because the text leaves them open:
 *  - a noreply login also joins the account with that login on GitHub itself (the address is that
 *    account's: `123+jdoe@users.noreply.github.com` is GitHub user jdoe), and a noreply id joins the
 *    GitHub account with that numeric user id where it is known;
 *  - a name that is one of the generic words (admin, root, git, user …) is not matched by rule 3,
 *    or one forge account called "admin" would merge every commit author named "admin".
 *
 * Every rule is applied through a map from its key to the first identity holding it, so the whole
 * resolution is a near-linear pass with a union-find (path halving, union by size); it never
 * compares identities pairwise.
 *
 * A person is a bot when one of its names is a bot name or one of its logins (forge login, the login
 * of a GitHub noreply address, a one-word author name) a bot login (bots.ts), an email of it is a bot
 * address (`emailBot`), the forge says so for any of its accounts (`forgeBot`), or `people.bots`
 * lists it; `people.notBots` overrides all of these.
 *
 * A person's key is the SHA-256 (salted with a value derived from the secret) of the natural key
 * (source, name, email hash, login) of its oldest identity: the one whose first contribution is the
 * earliest (`firstSeenAt`), ties and unknown times by natural key. Facts, not insertion order, decide
 * it, so a resumed or differently ordered collection gives the same persons and pseudonyms; a new
 * identity joining a person rarely contributed before it, so the key stays while the person grows.
 * When two persons merge, the older one's key survives.
 */
import { createHash } from 'node:crypto';
import type { Identity } from '../../../db/schema';
import { isBotLogin, isBotName } from './bots';
import { GENERIC_NAME_WORDS, isSignificantName, normaliseName, PLACEHOLDER_NAMES } from './names';
import { matches, type IdentityMatcher, type PeopleRules } from './rules';

export type IdentityRow = Pick<
  Identity,
  'id' | 'source' | 'name' | 'login' | 'emailHash' | 'emailDomain' | 'emailGeneric' | 'noreplyId' | 'noreplyLogin' | 'emailBot' | 'forgeBot'
> & {
  /** The forge's numeric user id, where known: joins a GitHub noreply id to its account. */
  forgeUserId?: string | null;
  /** Epoch seconds of the identity's first commit, issue, comment or review, where known. */
  firstSeenAt?: number | null;
};

export interface ResolvedPerson {
  key: string;
  pseudonym: string;
  displayName: string;
  isBot: boolean;
  /** Ascending. */
  identityIds: number[];
}

export interface Resolution {
  /** Ordered by each person's smallest identity id. */
  persons: ResolvedPerson[];
  /** Identity id → index into `persons`. */
  personIndexByIdentity: Map<number, number>;
}

export interface ResolveOptions {
  /** Forge ids whose accounts are GitHub accounts, for the noreply reading of rule 3. Default ["github"]. */
  githubSources?: readonly string[];
}

/** Words that rule 3 never matches as a name: the generic names and the generic email local parts. */
const RULE3_GENERIC = new Set([...GENERIC_NAME_WORDS, 'user', 'you', 'git', 'noreply', 'no reply']);

class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
  }
}

/** Joins every identity that has a key with the first identity that had it. */
class KeyJoiner {
  private readonly first = new Map<string, number>();
  constructor(private readonly uf: UnionFind) {}

  add(key: string, i: number): void {
    const first = this.first.get(key);
    if (first === undefined) this.first.set(key, i);
    else this.uf.union(first, i);
  }
}

function push<K>(map: Map<K, number[]>, key: K, i: number): void {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

function matcherIsEmpty(m: IdentityMatcher): boolean {
  return m.emailHashes.size + m.names.size + m.logins.size + m.forgeLogins.size === 0;
}

const PSEUDONYM_DIGITS = 6;

export function naturalKey(identity: Pick<IdentityRow, 'source' | 'name' | 'emailHash' | 'login'>): string {
  return `${identity.source}\0${identity.name}\0${identity.emailHash}\0${identity.login}`;
}

export function personKey(identity: Pick<IdentityRow, 'source' | 'name' | 'emailHash' | 'login'>, salt: Buffer): string {
  return createHash('sha256').update(salt).update(naturalKey(identity)).digest('hex');
}

export function resolvePersons(identities: readonly IdentityRow[], rules: PeopleRules, options: ResolveOptions = {}): Resolution {
  const n = identities.length;
  const uf = new UnionFind(n);
  const githubSources = new Set((options.githubSources ?? ['github']).map((s) => s.toLowerCase()));
  const normalised = identities.map((identity) => normaliseName(identity.name));

  // Rule 5: catalog aliases.
  const aliases = rules.aliases.filter((m) => !matcherIsEmpty(m));
  if (aliases.length > 0) {
    const byHash = new Map<string, number[]>();
    const byName = new Map<string, number[]>();
    const byLogin = new Map<string, number[]>();
    const byForgeLogin = new Map<string, number[]>();
    identities.forEach((identity, i) => {
      if (identity.emailHash) push(byHash, identity.emailHash, i);
      if (normalised[i]) push(byName, normalised[i], i);
      const login = identity.login.trim().toLowerCase();
      if (login) {
        push(byLogin, login, i);
        push(byForgeLogin, `${identity.source.toLowerCase()}:${login}`, i);
      }
    });
    for (const alias of aliases) {
      const members: number[] = [];
      for (const h of alias.emailHashes) members.push(...(byHash.get(h) ?? []));
      for (const name of alias.names) members.push(...(byName.get(name) ?? []));
      for (const login of alias.logins) members.push(...(byLogin.get(login) ?? []));
      for (const fl of alias.forgeLogins) members.push(...(byForgeLogin.get(fl) ?? []));
      for (let k = 1; k < members.length; k++) uf.union(members[0], members[k]);
    }
  }

  // Rule 1: equal email hashes, unless generic.
  const byEmail = new KeyJoiner(uf);
  // Rule 2: GitHub noreply addresses with the same id or login.
  const byNoreplyId = new KeyJoiner(uf);
  const byNoreplyLogin = new KeyJoiner(uf);
  // Rule 4: equal significant normalised names.
  const bySignificantName = new KeyJoiner(uf);
  // Rule 3 indexes: names (trim + lowercase) → identities; GitHub logins and user ids → identities.
  const byPlainName = new Map<string, number[]>();
  const githubByLogin = new Map<string, number[]>();
  const githubByUserId = new Map<string, number[]>();

  // Only names and GitHub logins that some login or noreply login could match are indexed.
  const loginKeys = new Set<string>();
  const noreplyLogins = new Set<string>();
  const noreplyIds = new Set<string>();
  for (const identity of identities) {
    const login = identity.login.trim().toLowerCase();
    if (login) loginKeys.add(login);
    const noreplyLogin = identity.noreplyLogin?.trim().toLowerCase();
    if (noreplyLogin) {
      loginKeys.add(noreplyLogin);
      noreplyLogins.add(noreplyLogin);
    }
    if (identity.noreplyId) noreplyIds.add(identity.noreplyId);
  }

  for (let i = 0; i < n; i++) {
    const identity = identities[i];
    if (identity.emailHash && !identity.emailGeneric) byEmail.add(identity.emailHash, i);
    if (identity.noreplyId) byNoreplyId.add(identity.noreplyId, i);
    if (identity.noreplyLogin) byNoreplyLogin.add(identity.noreplyLogin.trim().toLowerCase(), i);
    if (isSignificantName(normalised[i])) bySignificantName.add(normalised[i], i);

    const plain = identity.name.trim().toLowerCase();
    if (
      plain &&
      loginKeys.has(plain) &&
      !RULE3_GENERIC.has(plain) &&
      !RULE3_GENERIC.has(normalised[i]) &&
      !PLACEHOLDER_NAMES.has(normalised[i])
    ) {
      push(byPlainName, plain, i);
    }
    if (githubSources.has(identity.source.toLowerCase())) {
      const login = identity.login.trim().toLowerCase();
      if (login && noreplyLogins.has(login)) push(githubByLogin, login, i);
      if (identity.forgeUserId && noreplyIds.has(identity.forgeUserId)) push(githubByUserId, identity.forgeUserId, i);
    }
  }

  // Rule 3: a noreply login or forge login equals another identity's name. The first identity
  // holding a key joins the whole list; later ones join its first member, so that many holders of
  // one key cost no more than one (linear, whatever the data).
  const joined = new Set<number[]>();
  const joinAll = (i: number, others: number[] | undefined) => {
    if (!others) return;
    if (joined.has(others)) {
      uf.union(i, others[0]);
      return;
    }
    for (const j of others) uf.union(i, j);
    joined.add(others);
  };
  for (let i = 0; i < n; i++) {
    const identity = identities[i];
    const noreplyLogin = identity.noreplyLogin?.trim().toLowerCase();
    if (noreplyLogin) {
      joinAll(i, byPlainName.get(noreplyLogin));
      joinAll(i, githubByLogin.get(noreplyLogin));
    }
    if (identity.noreplyId) joinAll(i, githubByUserId.get(identity.noreplyId));
    const login = identity.login.trim().toLowerCase();
    if (login) joinAll(i, byPlainName.get(login));
  }

  // Group the identities by their root, oldest first (first contribution, then natural key).
  const keys = identities.map(naturalKey);
  const seen = (i: number) => identities[i].firstSeenAt ?? Number.POSITIVE_INFINITY;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => seen(a) - seen(b) || (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0)
  );
  const groups = new Map<number, number[]>();
  for (const i of order) push(groups, uf.find(i), i);

  const persons: ResolvedPerson[] = [];
  const personIndexByIdentity = new Map<number, number>();
  const checkBots = !matcherIsEmpty(rules.bots);
  const checkNotBots = !matcherIsEmpty(rules.notBots);
  for (const members of groups.values()) {
    const oldest = identities[members[0]];
    let bot = false;
    let notBot = false;
    for (const i of members) {
      const identity = identities[i];
      if (
        !bot &&
        (identity.emailBot ||
          identity.forgeBot ||
          isBotName(identity.name, normalised[i]) ||
          // A one-word author name is login-like ("pytorchbot"): the login rules apply to it too.
          (!/\s/.test(identity.name.trim()) && isBotLogin(identity.name)) ||
          (identity.login !== '' && (isBotLogin(identity.login) || isBotName(identity.login))) ||
          (identity.noreplyLogin != null && identity.noreplyLogin !== '' && isBotLogin(identity.noreplyLogin)) ||
          (checkBots && matches(rules.bots, identity, normalised[i])))
      ) {
        bot = true;
      }
      if (checkNotBots && !notBot && matches(rules.notBots, identity, normalised[i])) notBot = true;
    }
    const index = persons.length;
    persons.push({
      key: personKey(oldest, rules.keySalt),
      pseudonym: '',
      displayName: chooseDisplayName(
        members.map((i) => identities[i]),
        members.map((i) => normalised[i])
      ),
      isBot: bot && !notBot,
      identityIds: members.map((i) => identities[i].id).sort((a, b) => a - b)
    });
    for (const i of members) personIndexByIdentity.set(identities[i].id, index);
  }
  assignPseudonyms(persons);
  return { persons, personIndexByIdentity };
}

/**
 * "Person 3F9A2C" (bots: "Bot 3F9A2C") from the first hex digits of the key; where two keys share
 * their first digits, the one later in key order gets more digits, so pseudonyms are unique.
 */
function assignPseudonyms(persons: ResolvedPerson[]): void {
  const used = new Set<string>();
  const byKey = [...persons].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const person of byKey) {
    let digits = PSEUDONYM_DIGITS;
    let code = person.key.slice(0, digits).toUpperCase();
    while (used.has(code) && digits < person.key.length) {
      digits += 2;
      code = person.key.slice(0, digits).toUpperCase();
    }
    used.add(code);
    person.pseudonym = pseudonymFor(code, person.isBot);
    if (!person.displayName) person.displayName = person.pseudonym;
  }
}

export function pseudonymFor(code: string, isBot: boolean): string {
  return `${isBot ? 'Bot' : 'Person'} ${code}`;
}

/** How much a spelling looks like a name as people write it: "Jürgen Müller" over "juergen.mueller". */
function spellingScore(name: string): number {
  let score = 0;
  if (/\s/.test(name)) score += 4;
  if (/\p{Lu}/u.test(name)) score += 2;
  if (!/[._]/.test(name)) score += 1;
  if (/[^\x00-\x7f]/.test(name)) score += 1;
  return score;
}

/**
 * The most frequent human name among the identities (grouped by normalised form, significant names
 * first; ties go to the longer name), in its most frequent and most name-like spelling; a login where
 * there is no name.
 */
function chooseDisplayName(members: IdentityRow[], normalisedNames: string[]): string {
  interface Group {
    normalised: string;
    count: number;
    significant: boolean;
    spellings: Map<string, number>;
  }
  const groups = new Map<string, Group>();
  members.forEach((identity, k) => {
    const spelling = identity.name.normalize('NFC').replace(/\s+/g, ' ').trim();
    const norm = normalisedNames[k];
    if (!spelling || !norm || GENERIC_NAME_WORDS.has(norm) || PLACEHOLDER_NAMES.has(norm)) return;
    let group = groups.get(norm);
    if (!group) {
      group = { normalised: norm, count: 0, significant: isSignificantName(norm), spellings: new Map() };
      groups.set(norm, group);
    }
    group.count++;
    group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
  });
  if (groups.size > 0) {
    const best = [...groups.values()].sort(
      (a, b) =>
        Number(b.significant) - Number(a.significant) ||
        b.count - a.count ||
        b.normalised.length - a.normalised.length ||
        (a.normalised < b.normalised ? -1 : a.normalised > b.normalised ? 1 : 0)
    )[0];
    return [...best.spellings.entries()].sort(
      ([a, ca], [b, cb]) => cb - ca || spellingScore(b) - spellingScore(a) || (a < b ? -1 : a > b ? 1 : 0)
    )[0][0];
  }
  const login = members.find((m) => m.login.trim())?.login.trim() ?? members.find((m) => m.noreplyLogin)?.noreplyLogin;
  if (login) return login;
  const anyName = members.find((m) => m.name.trim())?.name.trim();
  return anyName ?? '';
}
