/**
 * Turning commit authors and forge accounts into identity rows (DESIGN §5). Emails are reduced to
 * their EmailFacts here and dropped; nothing downstream ever sees one.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { identities, type NewIdentity } from '../../db/schema';
import { describeEmail, type EmailFacts } from '../../src/lib/identity/email';
import { plainText } from '../../src/lib/plain-text';
import { FORGOTTEN_MARK, FORGOTTEN_NAME, forgetKey, forgottenRequest, hasForgottenSubjects, loginKey } from './forgotten';

export interface ForgeAccount {
  login: string;
  id?: string | number | null;
  name?: string | null;
  bot?: boolean;
}

/** The identity row of a commit author: the name (already plain text) and the email's facts, never the email. */
export function commitAuthorIdentity(name: string, facts: EmailFacts) {
  return {
    source: 'git',
    name: name.trim(),
    login: '',
    emailHash: facts.hash,
    emailDomain: facts.domain,
    emailGeneric: facts.generic,
    noreplyId: facts.noreplyId,
    noreplyLogin: facts.noreplyLogin,
    emailBot: facts.bot
  } satisfies NewIdentity;
}

export class IdentityStore {
  private readonly cache = new Map<string, number>();
  /** Identities already marked with the forge's bot flag in this run. */
  private readonly forgeBots = new Set<number>();

  /** Someone was forgotten (allmende forget): every new author is checked against the requests. */
  private readonly forgetting: boolean;

  constructor(
    private readonly db: Db,
    private readonly secret: Buffer
  ) {
    this.forgetting = hasForgottenSubjects(db);
  }

  /** The anonymous identity of a forgotten author, or null. */
  private forgotten(source: string, keys: { kind: 'email' | 'login' | 'name'; keyHash: string }[]): number | null {
    if (!this.forgetting) return null;
    const request = forgottenRequest(this.db, keys);
    return request === null ? null : forgottenIdentity(this.db, request, source);
  }

  /** The identity of a commit author (name and email after .mailmap). */
  commitAuthor(rawName: string, email: string): number {
    // Forge text is untrusted: no control or bidi characters are stored (plain-text.ts).
    const name = plainText(rawName);
    const cacheKey = `git\0${name}\0${email}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached;
    const facts = describeEmail(email, this.secret);
    const forgotten = this.forgotten('git', [
      { kind: 'email', keyHash: facts.hash },
      { kind: 'name', keyHash: forgetKey('name', name, this.secret) }
    ]);
    if (forgotten !== null) {
      this.cache.set(cacheKey, forgotten);
      return forgotten;
    }
    const id = this.upsert(commitAuthorIdentity(name, facts));
    this.cache.set(cacheKey, id);
    return id;
  }

  /** The identity of a forge account (issue, comment, review or release author). */
  account(forgeId: string, account: ForgeAccount): number {
    const login = account.login.trim();
    const cacheKey = `${forgeId}\0${login.toLowerCase()}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) {
      if (account.bot && !this.forgeBots.has(cached)) {
        this.db.update(identities).set({ forgeBot: true }).where(eq(identities.id, cached)).run();
        this.forgeBots.add(cached);
      }
      return cached;
    }
    const forgotten = this.forgotten(forgeId, [
      { kind: 'login', keyHash: loginKey(forgeId, login, this.secret) },
      { kind: 'name', keyHash: account.name ? forgetKey('name', account.name, this.secret) : '' }
    ]);
    if (forgotten !== null) {
      this.cache.set(cacheKey, forgotten);
      return forgotten;
    }
    // An account is known by its login; its display name may change on the forge, keep the latest.
    // Lists often carry no display name (GitHub never does): keep the one seen before.
    const fields = {
      ...(account.name?.trim() ? { name: plainText(account.name.trim()) } : {}),
      forgeUserId: account.id == null ? null : String(account.id),
      // The forge's bot flag sticks: an account that any list calls a bot (GitHub type "Bot", GitLab
      // bot: true) stays one where another list leaves the flag out.
      ...(account.bot ? { forgeBot: true } : {})
    };
    const existing = this.db
      .select({ id: identities.id })
      .from(identities)
      .where(and(eq(identities.source, forgeId), eq(identities.login, login)))
      .get();
    const id = existing
      ? this.db.update(identities).set(fields).where(eq(identities.id, existing.id)).returning({ id: identities.id }).get().id
      : this.db
          .insert(identities)
          .values({ source: forgeId, login, emailHash: '', forgeBot: false, ...fields })
          .returning({ id: identities.id })
          .get().id;
    this.cache.set(cacheKey, id);
    if (account.bot) this.forgeBots.add(id);
    return id;
  }

  private upsert(row: NewIdentity): number {
    return identityByNaturalKey(this.db, row);
  }
}

/** The identity with the row's natural key (source, name, email hash, login), created when missing. */
export function identityByNaturalKey(db: Db, row: NewIdentity): number {
  const existing = db
    .select({ id: identities.id })
    .from(identities)
    .where(
      and(
        eq(identities.source, row.source),
        eq(identities.name, row.name ?? ''),
        eq(identities.emailHash, row.emailHash ?? ''),
        eq(identities.login, row.login ?? '')
      )
    )
    .get();
  return existing?.id ?? db.insert(identities).values(row).returning({ id: identities.id }).get().id;
}

/** The anonymous identity of a forget request for one source („gelöschte Person“, created on first use). */
export function forgottenIdentity(db: Db, requestId: number, source: string): number {
  const marker = `${FORGOTTEN_MARK}${requestId}`;
  return identityByNaturalKey(db, {
    source,
    name: FORGOTTEN_NAME,
    login: source === 'git' ? '' : marker,
    emailHash: source === 'git' ? marker : ''
  });
}
