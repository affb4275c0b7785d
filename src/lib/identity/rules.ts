/**
 * The catalog's manual people rules (DESIGN §3 `people:`), prepared for matching against identity
 * rows, which carry no emails: an entry containing "@" is an email and is compared by its keyed
 * hash; any other entry is compared as a name (normalised) and as a login (lowercase). An entry of
 * the form "forge:login" (github:jdoe) matches that forge's account only.
 */
import { createHmac } from 'node:crypto';
import type { Catalog } from '../catalog/load';
import { hashEmail } from './email';
import { normaliseName } from './names';

/** What one catalog entry, or a list of them, matches. */
export interface IdentityMatcher {
  emailHashes: Set<string>;
  /** Normalised names. */
  names: Set<string>;
  /** Lowercase logins on any forge. */
  logins: Set<string>;
  /** "forge:login", lowercase login. */
  forgeLogins: Set<string>;
}

export interface PeopleRules {
  /** Each alias group: identities matching any entry of a group are one person (rule 5). */
  aliases: IdentityMatcher[];
  bots: IdentityMatcher;
  notBots: IdentityMatcher;
  /**
   * Salt for person keys, derived from the secret, so that a key (and the pseudonym made from it)
   * cannot be recomputed from a known login or name.
   */
  keySalt: Buffer;
}

/** The fields of an identity the matchers look at. */
export interface MatchableIdentity {
  source: string;
  name: string;
  login: string;
  emailHash: string;
}

export function emptyMatcher(): IdentityMatcher {
  return { emailHashes: new Set(), names: new Set(), logins: new Set(), forgeLogins: new Set() };
}

const FORGE_LOGIN = /^([a-z0-9][a-z0-9._-]*):([^\s:@]+)$/i;

function addEntry(matcher: IdentityMatcher, entry: string, secret: Buffer): void {
  const trimmed = entry.trim();
  if (!trimmed) return;
  if (trimmed.includes('@')) {
    matcher.emailHashes.add(hashEmail(trimmed, secret));
    return;
  }
  const forgeLogin = FORGE_LOGIN.exec(trimmed);
  if (forgeLogin) {
    matcher.forgeLogins.add(`${forgeLogin[1].toLowerCase()}:${forgeLogin[2].toLowerCase()}`);
    return;
  }
  const name = normaliseName(trimmed);
  if (name) matcher.names.add(name);
  matcher.logins.add(trimmed.toLowerCase());
}

export function matcherOf(entries: readonly string[], secret: Buffer): IdentityMatcher {
  const matcher = emptyMatcher();
  for (const entry of entries) addEntry(matcher, entry, secret);
  return matcher;
}

export function matches(matcher: IdentityMatcher, identity: MatchableIdentity, normalisedName = normaliseName(identity.name)): boolean {
  if (identity.emailHash && matcher.emailHashes.has(identity.emailHash)) return true;
  if (normalisedName && matcher.names.has(normalisedName)) return true;
  const login = identity.login.trim().toLowerCase();
  if (login && (matcher.logins.has(login) || matcher.forgeLogins.has(`${identity.source.toLowerCase()}:${login}`))) return true;
  return false;
}

export function preparePeopleRules(people: Catalog['people'] | undefined, secret: Buffer): PeopleRules {
  return {
    aliases: (people?.aliases ?? []).map((group) => matcherOf(group, secret)),
    bots: matcherOf(people?.bots ?? [], secret),
    notBots: matcherOf(people?.notBots ?? [], secret),
    keySalt: createHmac('sha256', secret).update('allmende person key').digest()
  };
}

/** Rules without any catalog entries (tests, or a catalog without `people:`). */
export function noPeopleRules(secret: Buffer = Buffer.alloc(32)): PeopleRules {
  return preparePeopleRules(undefined, secret);
}
